"""Compiled-pattern cache: ``compiled(pattern).search(s)`` instead of ``regex.search(pattern, s)``.

The regex module's own cache lookup costs more than the match on short strings (its flag
arithmetic runs on every call); an lru_cache keyed by the pattern string does not.
"""
from functools import lru_cache

import regex


@lru_cache(maxsize=1024)
def compiled(pattern, flags=0):
    """The compiled ``regex`` pattern (compiled once per process)."""
    return regex.compile(pattern, flags)
