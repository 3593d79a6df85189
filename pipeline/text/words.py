"""Word segmentation (underthesea) re-aligned to the text it was run on.

underthesea returns strings; we find each token's syllables in the input in
order, so every word is a (start, end) span and nothing in the text is lost
or rewritten (``use_token_normalize=False`` keeps uỷ/ủy as written).
"""
from underthesea import word_tokenize


def align_tokens(text, tokens, offset=0, limit=None):
    """Map token strings back to (start, end) spans of ``text``, searching from ``offset``.

    Tokens whose syllables cannot be found in order (the segmenter rewrote
    them) are skipped; the text between found tokens is still covered by the
    caller's whitespace/gap handling.
    """
    limit = len(text) if limit is None else limit
    spans = []
    pos = offset
    for tok in tokens:
        start = end = None
        cursor = pos
        for syl in tok.split():
            i = text.find(syl, cursor, limit)
            if i < 0 or (start is not None and text[end:i].strip()):
                start = None
                break
            if start is None:
                if text[cursor:i].strip():  # skipped real characters: look no further than the next gap
                    start = None
                    break
                start = i
            end = i + len(syl)
            cursor = end
        if start is None:
            continue
        spans.append((start, end))
        pos = end
    return spans


def segment(text, sentences, flags=None):
    """Word spans of ``text`` for the given sentence spans (underthesea, aligned).

    A sentence whose flag is false is split at whitespace only (the caller decided it needs no more).
    """
    words = []
    for k, (s, e) in enumerate(sentences):
        if flags is not None and not flags[k]:
            continue
        tokens = word_tokenize(text[s:e], use_token_normalize=False)
        words.extend(align_tokens(text, tokens, s, e))
    return _fill_gaps(text, words, sentences)


def _fill_gaps(text, words, sentences):
    """Add any non-space characters the alignment skipped as their own words."""
    out = []
    i = 0
    for s, e in sentences:
        covered = s
        while i < len(words) and words[i][0] < e:
            ws, we = words[i]
            i += 1
            if ws < s:
                continue
            if ws > covered:
                out.extend(_chunks(text, covered, ws))
            out.append((ws, we))
            covered = we
        if covered < e:
            out.extend(_chunks(text, covered, e))
    return out


def _chunks(text, start, end):
    """Non-whitespace runs of text[start:end] as spans."""
    spans, i = [], start
    while i < end:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < end and not text[j].isspace():
            j += 1
        spans.append((i, j))
        i = j
    return spans
