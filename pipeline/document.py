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


def build_document(text, published=None, gate=None):
    """The document of ``text``: normalised once, sentences split, words segmented.

    Sentences for which ``gate(normalised sentence)`` is false are split at whitespace only: word
    segmentation is the costliest step and only sentences that may hold a commitment need it.
    """
    norm = normalize(text)
    n_sents = split_sentences(norm.text)
    flags = [gate is None or bool(gate(norm.text[s:e])) for s, e in n_sents]
    n_words = segment(norm.text, n_sents, flags)
    sents = [norm.to_original(s, e) for s, e in n_sents]
    words = [norm.to_original(s, e) for s, e in n_words]
    return Document(text=text, norm=norm, sentences=sents, words=words, segmented=flags, published=published)
