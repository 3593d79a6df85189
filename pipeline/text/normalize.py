"""A normalised copy of the text for analysis, with every offset mapped back.

The text as read is never changed; rules and models look at the normalised
copy (NFC, new-style tone marks such as ủy for uỷ, one space for each run of
horizontal whitespace, line breaks as "\\n") and report spans in the original.
"""
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

import regex

from ..tables import load_table

_HSPACE = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v"
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# every place where the normalised copy differs from the input, except tone placement (length-preserving)
_CHANGE = regex.compile(
    rf"\r\n?|[{_DROP}]+|[{_HSPACE}]{{2,}}|[{_HSPACE[1:]}]|\P{{M}}\p{{M}}+"
)
_HSPACE_RUN = regex.compile(rf"[{_HSPACE}]+")
_DROP_RE = regex.compile(rf"[{_DROP}]+")


def _tone_pairs():
    """Old-style -> new-style tone placement pairs from the rule table, both cases."""
    pairs = {}
    for old, new in load_table("tone_marks").items():
        pairs[old] = new
        pairs[old[0].upper() + old[1:]] = new[0].upper() + new[1:]
        pairs[old.upper()] = new.upper()
    return pairs


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, per character, the original span it came from."""

    text: str
    starts: tuple
    ends: tuple
    original_length: int

    def to_original(self, start, end):
        """Map a span of the normalised text to the matching span of the original."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, start, end):
        """The span of the normalised text that covers the original span [start, end)."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def view(self, start, end):
        """The normalised copy of the original span [start, end), offsets relative to ``start``: what
        ``normalize(original[start:end])`` gives, read off this one normalisation instead of redone."""
        a, b = self.from_original(start, end)
        return Normalized(self.text[a:b], tuple(x - start for x in self.starts[a:b]),
                          tuple(x - start for x in self.ends[a:b]), end - start)


def original_text(source):
    """The text as read of a str or a `Document`."""
    return source.text if getattr(source, "norm", None) is not None else source


def normalized_span(source, start=0, end=None):
    """(original text, `Normalized` of its [start, end)) for a str or a `Document`.

    A document's one normalisation is reused (no stage normalises an article again); a plain
    string, as tests and one-off callers pass, is normalised here.
    """
    norm = getattr(source, "norm", None)
    text = source.text if norm is not None else source
    end = len(text) if end is None else end
    if norm is None:
        return text, normalize(text[start:end])
    if start == 0 and end == len(text):
        return text, norm
    return text, norm.view(start, end)


def normalize(text):
    """Return the `Normalized` copy of ``text`` (see module docstring)."""
    out, starts, ends = [], [], []
    pos = 0
    for m in _CHANGE.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        piece = m.group()
        if piece[0] in "\r":
            piece = "\n"
        elif piece[0] in _DROP:
            piece = ""
        elif _HSPACE_RUN.fullmatch(piece):
            piece = " "
        else:
            piece = unicodedata.normalize("NFC", piece)
        out.append(piece)
        starts.extend([a] * len(piece))
        ends.extend([b] * len(piece))
        pos = b
    if pos < len(text):
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return Normalized(_retone("".join(out)), tuple(starts), tuple(ends), len(text))


def normalize_text(text):
    """Only the text of ``normalize(text)``, computed without the offset map (fast)."""
    text = _DROP_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _retone(unicodedata.normalize("NFC", _HSPACE_RUN.sub(" ", text)))


_PAIRS = None


def _retone(text):
    """Move old-style tone marks (hoà, uỷ) to the new-style vowel (hòa, ủy); length-preserving."""
    global _PAIRS
    if _PAIRS is None:
        _PAIRS = _tone_pairs()
        keys = sorted(_PAIRS, key=len, reverse=True)
        globals()["_TONE_RE"] = regex.compile(
            r"(?<![qQ])(" + "|".join(map(regex.escape, keys)) + r")(?!\p{L})"
        )
    return _TONE_RE.sub(lambda m: _PAIRS[m.group(1)], text)


def fold_key(text):
    """A matching key: normalised, lower-cased (same length as ``normalize(text).text``)."""
    return normalize_text(text).lower()
