"""The document: a spaCy Doc over the text as read, with sentences and words.

Segmentation runs on the normalised copy and every span is mapped back, so
``doc.text == text`` always. Later stages add what they find in one thin step
each (entities, candidates) via ``write_spans``.
"""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .text.normalize import normalize
from .text.sentences import split_sentences
from .text.words import segment

_VOCAB = Vocab()
if not Doc.has_extension("normalized"):
    Doc.set_extension("normalized", default=None)
    Doc.set_extension("entities", default=None)
    Doc.set_extension("sentence_spans", default=None)
    Doc.set_extension("segmented", default=None)


def analyse_text(text, gate=None):
    """Pure part: (Normalized, sentence spans, word spans, segmented flags), spans in ORIGINAL offsets.

    Sentences for which ``gate(normalised sentence)`` is false are split at whitespace only:
    word segmentation is the costliest step and only sentences that may matter need it.
    """
    norm = normalize(text)
    n_sents = split_sentences(norm.text)
    flags = [gate is None or gate(norm.text[s:e]) for s, e in n_sents]
    n_words = segment(norm.text, n_sents, flags)
    sents = [norm.to_original(s, e) for s, e in n_sents]
    words = [norm.to_original(s, e) for s, e in n_words]
    return norm, sents, words, flags


def tokens_and_spaces(text, words):
    """spaCy words/spaces covering ``text`` exactly: word spans plus whitespace tokens for odd gaps."""
    toks, spaces = [], []
    pos = 0
    for s, e in words:
        if s < pos:
            continue
        gap = text[pos:s]
        if gap:
            if toks and gap == " " and not spaces[-1]:
                spaces[-1] = True
            else:
                toks.append(gap)
                spaces.append(False)
        toks.append(text[s:e])
        spaces.append(False)
        pos = e
    if pos < len(text):
        toks.append(text[pos:])
        spaces.append(False)
    return toks, spaces


def make_doc(text, gate=None):
    """Build the Doc for ``text``: tokens aligned to the input, sentence starts set."""
    norm, sents, words, segmented = analyse_text(text, gate)
    toks, spaces = tokens_and_spaces(text, words)
    starts = {s for s, _ in sents}
    flags, pos = [], 0
    for i, (tok, sp) in enumerate(zip(toks, spaces)):
        flags.append(i == 0 or pos in starts)
        pos += len(tok) + sp
    doc = Doc(_VOCAB, words=toks, spaces=spaces, sent_starts=flags)
    doc._.normalized = norm
    doc._.sentence_spans = sents
    doc._.segmented = segmented
    return doc


def write_spans(doc, key, spans):
    """Write span dicts (start, end, label) onto ``doc.spans[key]``, expanding to token edges."""
    group = []
    for sp in spans:
        span = doc.char_span(sp["start"], sp["end"], label=sp.get("label", key), alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans[key] = group
    return doc
