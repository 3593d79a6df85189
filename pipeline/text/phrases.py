"""Whole-word phrase tests at the edge of a context window (used by the entity context rules)."""


def ends_with_word(before, words):
    """``before`` (lower-cased) ends with one of ``words`` as whole words, ignoring trailing spaces."""
    before = before.rstrip()
    for w in words:
        if before.endswith(w):
            i = len(before) - len(w)
            if i == 0 or not before[i - 1].isalnum():
                return True
    return False


def starts_with_word(after, words):
    """``after`` (lower-cased) starts with one of ``words`` as a whole word, ignoring leading spaces."""
    after = after.lstrip()
    for w in words:
        if after.startswith(w):
            rest = after[len(w):]
            if not rest or not rest[0].isalnum() or not w[-1].isalnum():
                return True
    return False
