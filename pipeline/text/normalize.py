"""A normalised copy of the text for analysis, with every offset mapped back.

The text as read is never changed; rules and models look at the normalised
copy (NFC, new-style tone marks such as ủy for uỷ, one space for each run of
horizontal whitespace, line breaks as "\\n") and report spans in the original.
"""
import unicodedata
from dataclasses import dataclass

import regex

from ..tables import load_table

_CLUSTER = regex.compile(r"\X", regex.V1)
_HSPACE = set(" \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v")
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")


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


def normalize(text):
    """Return the `Normalized` copy of ``text`` (see module docstring)."""
    out, starts, ends = [], [], []
    pos = 0
    for cluster in _CLUSTER.findall(text):
        n = len(cluster)
        if cluster in _DROP:
            pos += n
            continue
        if cluster in ("\r\n", "\r"):
            piece = "\n"
        elif cluster in _HSPACE:
            if out and out[-1] == " " and ends and ends[-1] == pos:
                ends[-1] = pos + n
                pos += n
                continue
            piece = " "
        else:
            piece = unicodedata.normalize("NFC", cluster)
        for ch in piece:
            out.append(ch)
            starts.append(pos)
            ends.append(pos + n)
        pos += n
    norm = "".join(out)
    norm = _retone(norm)
    return Normalized(norm, tuple(starts), tuple(ends), len(text))


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
    return normalize(text).text.lower()
