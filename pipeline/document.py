"""The document: one article, normalised once, split once; every later stage reads it.

The text as read is never changed. Its normalised copy (``norm``, with the offset map back to the
text) is made once; sentences and words are found on it and stored in ORIGINAL offsets. Entities
and candidates are added by their stages; every finder takes the document and reads ``norm``
instead of normalising again. ``pipeline.spacy_pipe`` turns a document into a spaCy ``Doc``
(``doc.text == text``) for spaCy users; the pipeline itself does not need spaCy.
"""
from bisect import bisect_left
from dataclasses import dataclass, field

from .text.normalize import normalize
from .text.sentences import split_sentences
from .text.words import segment


@dataclass
class Document:
    """An article with its normalised copy, sentences, words and what the stages found."""

    text: str
    norm: object                      # text.normalize.Normalized of ``text``
    sentences: list                   # (start, end), original offsets
    words: list                       # (start, end), original offsets, in order
    segmented: list                   # per sentence: True when the word segmenter ran on it
    published: str = None
    norm_sentences: list = field(default_factory=list)  # the sentences' spans in ``norm.text``
    article_words: str = None         # the whole article as the article model reads it (made once)
    entities: list = field(default_factory=list)
    candidates: list = field(default_factory=list)

    def norm_text(self, start, end):
        """The normalised text of the original span [start, end)."""
        a, b = self.norm.from_original(start, end)
        return self.norm.text[a:b]

    def lowered(self, start, end):
        """The matching key of the original span: normalised and lower-cased."""
        return self.norm_text(start, end).lower()

    def words_in(self, start, end):
        """The word spans inside the original span [start, end)."""
        starts = self._word_starts()
        return self.words[bisect_left(starts, start):bisect_left(starts, end)]

    def _word_starts(self):
        if getattr(self, "_wstarts", None) is None or len(self._wstarts) != len(self.words):
            self._wstarts = [w[0] for w in self.words]
        return self._wstarts


def build_document(text, published=None, gate=None, segment_words=True):
    """The document of ``text``: normalised once, sentences split, and (``segment_words``) words segmented.

    Sentences for which ``gate(normalised sentence)`` is false are split at whitespace only: word
    segmentation is the costliest step and only sentences that may hold a commitment need it. Without
    ``segment_words`` no words are made yet (an article the model skips never needs them);
    `segment_document` makes them later.
    """
    norm = normalize(text)
    n_sents = split_sentences(norm.text)
    doc = Document(text=text, norm=norm, sentences=[norm.to_original(s, e) for s, e in n_sents], words=[],
                   segmented=[False] * len(n_sents), published=published, norm_sentences=n_sents)
    return segment_document(doc, gate) if segment_words else doc


def segment_document(doc, gate=None):
    """Segment the words of the document's sentences that pass ``gate`` (all when None); the others are
    split at whitespace. Returns the document."""
    nt = doc.norm.text
    flags = [gate is None or bool(gate(nt[s:e])) for s, e in doc.norm_sentences]
    n_words = segment(nt, doc.norm_sentences, flags)
    doc.words = [doc.norm.to_original(s, e) for s, e in n_words]
    doc.segmented = flags
    doc._wstarts = None
    return doc
