"""Which sentences are worth the expensive steps (segmentation, features, the model).

A commitment needs a measurable value or a deadline, so a sentence with no
digit and no value word (pipeline/data/gate.json) is not analysed further.
"""
from functools import lru_cache

import regex

from ..tables import load_table


@lru_cache(maxsize=1)
def _pattern():
    words = sorted(load_table("gate")["value_words"], key=len, reverse=True)
    alt = "|".join(regex.escape(w) for w in words)
    return regex.compile(r"\d|(?<![\p{L}])(?:" + alt + r")(?![\p{L}])")


def worth_analysing(normalised_sentence):
    """True when the (normalised) sentence holds a digit or a value word."""
    return _pattern().search(normalised_sentence.lower()) is not None
