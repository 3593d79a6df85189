"""camket for spaCy users: a tokenizer and a pipeline component (``pip install camket[spacy]``).

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "camket.Tokenizer"}}})
    nlp.add_pipe("camket")
    doc = nlp(text)            # doc.text == text
    doc.ents                   # PER, PROVINCE, DATE, ORG (non-overlapping; all of them in doc.spans["entities"])
    doc.spans["commitments"]   # one span per commitment sentence, span._.camket = the contract's record

The tokenizer builds camket's document (normalised once, underthesea words re-aligned to the text as
read) and keeps it on ``doc._.camket_document``, so the component does not split or segment again.
Registered through the package's entry points (``spacy_factories``, ``spacy_tokenizers``); the
camket pipeline itself never imports spaCy.
"""
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .document import build_document
from .extraction.gate import worth_analysing

_EXTENSIONS = {
    Doc: ("camket_document", "camket_article"),
    Span: ("camket", "camket_type", "camket_deadline", "camket_metrics", "camket_actor", "camket_confidence"),
}
for cls, names in _EXTENSIONS.items():
    for name in names:
        if not cls.has_extension(name):
            cls.set_extension(name, default=None)


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


def to_doc(vocab, document):
    """A spaCy Doc over ``document.text`` (tokens = camket's words, sentence starts set)."""
    text = document.text
    toks, spaces = tokens_and_spaces(text, document.words)
    starts = {s for s, _ in document.sentences}
    flags, pos = [], 0
    for i, (tok, sp) in enumerate(zip(toks, spaces)):
        flags.append(i == 0 or pos in starts)
        pos += len(tok) + sp
    doc = Doc(vocab, words=toks, spaces=spaces, sent_starts=flags)
    doc._.camket_document = document
    return doc


class CamketTokenizer:
    """A spaCy tokenizer that builds camket's document and a Doc from its words (``doc.text == text``)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text):
        return to_doc(self.vocab, build_document(text, None, worth_analysing))


@spacy.registry.tokenizers("camket.Tokenizer")
def create_tokenizer():
    """Registered tokenizer factory: ``{"@tokenizers": "camket.Tokenizer"}``."""
    return lambda nlp: CamketTokenizer(nlp.vocab)


class CamketComponent:
    """Writes camket's entities and commitments onto a Doc (fields as span extensions)."""

    def __init__(self, extractor, published=None):
        self.extractor = extractor
        self.published = published

    def __call__(self, doc):
        document = doc._.camket_document
        if document is None or document.text != doc.text:
            document = build_document(doc.text, self.published, worth_analysing)
        document.published = document.published or self.published
        ex = self.extractor
        document.entities = ex.tag(document)
        document.candidates = ex.candidates(document)
        records = ex.records(document, "doc")
        ents = [self._span(doc, e["start"], e["end"], e["label"]) for e in document.entities]
        ents = [s for s in ents if s is not None]
        doc.spans["entities"] = ents
        doc.ents = spacy.util.filter_spans(ents)
        spans = []
        for r in records:
            span = self._span(doc, r["sentence"]["start"], r["sentence"]["end"], r["type"])
            if span is None:
                continue
            span._.camket = r
            span._.camket_type, span._.camket_deadline = r["type"], r["deadline"]
            span._.camket_metrics, span._.camket_actor = r["metrics"], r["actor"]
            span._.camket_confidence = r["confidence"]
            spans.append(span)
        doc.spans["commitments"] = spans
        doc._.camket_document = document
        return doc

    @staticmethod
    def _span(doc, start, end, label):
        return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.factory("camket", default_config={"model": None, "published": None})
def make_camket(nlp, name, model, published):
    """The ``camket`` pipeline component; ``model``: a model path, "none" for the rules, None = packaged."""
    from .extractor import Extractor
    return CamketComponent(Extractor.load(model), published)
