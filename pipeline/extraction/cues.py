"""Finds the cue phrases of the trigger table in a sentence (pure, table-driven)."""
from functools import lru_cache

import regex

from ..tables import load_table


@lru_cache(maxsize=1)
def _patterns():
    """One compiled alternation per cue group, longest phrase first, at word boundaries."""
    table = load_table("triggers")
    pats = {}
    for group, phrases in table.items():
        if group.startswith("_"):
            continue
        words = sorted(phrases, key=len, reverse=True)
        # a space inside a phrase also matches the "_" that joins the syllables of a segmented word
        alt = "|".join(regex.escape(w).replace(r"\ ", "[ _]") for w in words)
        pats[group] = regex.compile(r"(?<![\p{L}\p{N}_])(" + alt + r")(?![\p{L}\p{N}_])")
    return pats


def cue_pattern(group):
    """The compiled whole-word pattern of one cue group (for rules that look at a given place)."""
    return _patterns()[group]


def cue_weights():
    """The weighted groups (target, achievement) of the trigger table."""
    table = load_table("triggers")
    return {g: v for g, v in table.items() if isinstance(v, dict)}


_SYLLABLE = regex.compile(r"[\p{L}\p{N}]+")


@lru_cache(maxsize=1)
def _first_syllables():
    """Each group's set of first syllables of its phrases: a group none of whose first syllables
    occurs in a sentence cannot match there and is not searched (a pure speed-up)."""
    table = load_table("triggers")
    return {g: {_SYLLABLE.findall(w)[0] for w in v} for g, v in table.items() if not g.startswith("_")}


def find_cues(lowered):
    """Map each cue group to the list of (phrase, start, end) found in a lower-cased normalised sentence.

    Given the sentence with the syllables of each segmented word joined by "_" ("dữ_liệu"), a cue
    matches whole words only, so "liệu" is not found inside "dữ liệu".
    """
    syllables = set(_SYLLABLE.findall(lowered))
    firsts = _first_syllables()
    return {group: ([(m.group(1).replace("_", " "), m.start(), m.end()) for m in pat.finditer(lowered)]
                    if not syllables.isdisjoint(firsts[group]) else [])
            for group, pat in _patterns().items()}
