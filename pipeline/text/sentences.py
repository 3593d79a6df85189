"""Sentence splitting with character offsets into the text it is given.

A sentence ends at ". ! ? …" (with any closing quotes or brackets after it)
when the next word starts a new sentence, and always at a line break
(annotation guide, section 1). A list introduced by ":" stays in its sentence.
"""
import regex

from ..tables import load_table

_RULES = load_table("sentence_rules")
_ABBREV = {a.lower() for a in _RULES["abbreviations"]}
_CLOSERS = _RULES["closers"]
_ENDERS = _RULES["enders"]

# an end mark run (". / . / !?" or "…"), then closers, then whitespace, then what may start a sentence
_BOUNDARY = regex.compile(
    r"(?:[.!?…]+(?:\s?/\s?\.)?)[" + regex.escape(_CLOSERS) + r"]*(?=\s+[\p{Lu}\p{N}\"'“‘(\[«–-]|\s*$)"
)
_ELLIPSIS_UPPER = regex.compile(r"…(?=\p{Lu})")
_WORD_BEFORE = regex.compile(r"([\p{L}./]+)$")


def _is_abbreviation(text, dot_pos):
    """True when the '.' at dot_pos closes a known abbreviation such as 'TP.' or 'ThS.'."""
    if text[dot_pos] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot_pos - 8), dot_pos)
    return bool(m) and m.group(1).lower() in _ABBREV


def split_sentences(text):
    """Return (start, end) spans of the sentences of ``text``, whitespace trimmed, in order."""
    spans = []
    for line in regex.finditer(r"[^\n]+", text):
        ls, le = line.span()
        cuts = []
        for m in _BOUNDARY.finditer(text, ls, le):
            if _is_abbreviation(text, m.start()):
                continue
            cuts.append(m.end())
        for m in _ELLIPSIS_UPPER.finditer(text, ls, le):
            cuts.append(m.end())
        start = ls
        for cut in sorted(set(cuts)) + [le]:
            span = _trim(text, start, cut)
            if span:
                spans.append(span)
            start = cut
    return spans


def _trim(text, start, end):
    """Shrink [start, end) to exclude surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
