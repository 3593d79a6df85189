"""Names what a metric measures ("tỷ lệ hồ sơ đăng ký qua mạng", "dịch vụ công trực tuyến mức độ 4")
as a short normalised key, so that the same indicator in two articles compares equal.

The phrase is taken, in order: from "X chiếm N% Y" (-> "tỷ trọng X trong Y"); from a head word
before the value ("tỷ lệ ...", "doanh thu ..."); from the noun after the value ("100% dịch vụ
công ..."); from the noun before a level ("dịch vụ công trực tuyến mức độ 4"); from "về X"
after a rank; else from the subject before the verb. Rule words: pipeline/data/indicators.json.
"""
from bisect import bisect_left
from functools import lru_cache

import regex

from .metrics import find_metrics
from ..entities.provinces import find_provinces
from ..tables import load_table
from ..text.normalize import normalize
from ..text.compiled import compiled

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.,/%-]*[\p{L}\p{N}%]|[\p{L}\p{N}%]")
_CLAUSE_END = regex.compile(r"[;:\n.!?](?!\d)")


@lru_cache(maxsize=None)
def _table():
    t = load_table("indicators")
    return {
        "heads": sorted((tuple(h.split()) for h in t["heads"]), key=len, reverse=True),
        "stops": sorted((tuple(w.split()) for w in t["stops"]), key=len, reverse=True),
        "drop": sorted((tuple(w.split()) for w in t["drop"]), key=len, reverse=True),
        "synonyms": sorted(((tuple(k.split()), tuple(v.split())) for k, v in t["synonyms"].items()),
                           key=lambda kv: len(kv[0]), reverse=True),
        "level_heads": sorted((tuple(w.split()) for w in t["level_heads"]), key=len, reverse=True),
        "max_words": t["max_words"],
    }


def _tokens(s, a, b):
    """Words of s[a:b] as (word, start, end); punctuation other than inside numbers is a break (None)."""
    out = []
    pos = a
    for m in _WORD.finditer(s, a, b):
        gap = s[pos:m.start()]
        if compiled(r"[^\s]").search(gap):
            out.append((None, pos, m.start()))
        out.append((m.group(0), m.start(), m.end()))
        pos = m.end()
    return out


def _starts(words, i, phrases):
    """The phrase of ``phrases`` (tuples) that starts at words[i], or None."""
    for p in phrases:
        if tuple(words[i:i + len(p)]) == p:
            return p
    return None


def _is_number(w):
    return w is not None and bool(compiled(r"[\d.,/%]+").fullmatch(w))


def _forward(toks, i, t, allow_levels=True):
    """Words from toks[i] up to a stop word, punctuation or a number that is not a level's."""
    words = [w for w, _, _ in toks]
    out = []
    j = i
    while j < len(toks):
        w = words[j]
        if w is None:
            break
        if out and _starts(words, j, t["stops"]):
            break
        if _is_number(w):
            if allow_levels and out and any(_starts(words, k, t["level_heads"]) for k in (j - 1, j - 2) if k >= 0):
                out.append(w)
                j += 1
                # "mức độ 3, 4": keep the list of levels together
                while j + 1 < len(toks) and words[j] is None and _is_number(words[j + 1]):
                    out.append(words[j + 1])
                    j += 2
                continue
            break
        out.append(w)
        j += 1
        if len(out) >= 12:
            break
    return out


def _stop_ending_at(words, j, t):
    """Length of the stop phrase that ends at words[j] (0 if none)."""
    for p in t["stops"]:
        k = j - len(p) + 1
        if k >= 0 and tuple(words[k:j + 1]) == p:
            return len(p)
    return 0


def _backward_subject(toks, k, t):
    """The noun phrase ending just before toks[k] (skipping a verb such as "đạt"), back to punctuation."""
    words = [w for w, _, _ in toks]
    j = k - 1
    # skip comparators, verbs and numbers right before the value
    while j >= 0 and words[j] is not None:
        if _is_number(words[j]):
            j -= 1
            continue
        n = _stop_ending_at(words, j, t)
        if not n:
            break
        j -= n
    end = j + 1
    while j >= 0 and words[j] is not None and not _is_number(words[j]) and not _stop_ending_at(words, j, t):
        j -= 1
    return [w for w in words[j + 1:end] if w is not None]


def _clean(words, t):
    """Fold synonyms, drop filler words, numbers (but a level's) and province names; keep <= max_words."""
    words = [w for w in words if w]
    out, i = [], 0
    while i < len(words):
        syn = next(((k, v) for k, v in t["synonyms"] if tuple(words[i:i + len(k)]) == k), None)
        if syn:
            out.extend(syn[1])
            i += len(syn[0])
            continue
        out.append(words[i])
        i += 1
    words, out, i = out, [], 0
    while i < len(words):
        head = _starts(words, i, t["heads"])
        if head:  # "tỷ lệ" stays whole although "tỷ" alone is a scale word
            out.extend(head)
            i += len(head)
            continue
        d = _starts(words, i, t["drop"])
        if d:
            i += len(d)
            continue
        w = words[i]
        if _is_number(w) and not (len(out) >= 2 and tuple(out[-2:]) == ("mức", "độ") or (out and _is_number(out[-1]))):
            i += 1
            continue
        out.append(w.strip(".,%"))
        i += 1
    words = " ".join(w for w in out if w).split()[: t["max_words"]]
    while words and _starts(words, len(words) - 1, t["stops"]):
        words.pop()
    return " ".join(words) or None


def _blank_provinces(original, norm_text, norm):
    """``norm_text`` with province names blanked (the same indicator in two provinces compares equal)."""
    chars = list(norm_text)
    for e in find_provinces(original):
        a = bisect_left(norm.starts, e["start"])
        b = bisect_left(norm.starts, e["end"])
        for i in range(a, min(b, len(chars))):
            chars[i] = " "
    return "".join(chars)


def indicator(text, start, end, metric=None):
    """What the metric (or, without one, the sentence's first value) in ``text[start:end]``
    measures, as a normalised key; None when nothing can be named."""
    if metric is None:
        found = find_metrics(text, start, end)
        if not found:
            return None
        metric = found[0]
    t = _table()
    norm = normalize(text[start:end])
    s = _blank_provinces(text[start:end], norm.text, norm).lower()
    a = bisect_left(norm.starts, metric["start"] - start)
    b = bisect_left(norm.starts, metric["end"] - start)
    cs = max((m.end() for m in _CLAUSE_END.finditer(s, 0, a)), default=0)
    ce_m = _CLAUSE_END.search(s, b)
    ce = ce_m.start() if ce_m else len(s)
    before = _tokens(s, cs, a)
    after = _tokens(s, b, ce)
    bwords = [w for w, _, _ in before]
    unit = metric.get("unit")

    # 1. "kinh tế số chiếm 20% GRDP" -> "tỷ trọng kinh tế số trong grdp"
    if bwords and bwords[-1] == "chiếm" or (len(bwords) > 1 and bwords[-2] == "chiếm"):
        k = len(bwords) - 1 if bwords[-1] == "chiếm" else len(bwords) - 2
        x = _backward_subject(before, k + 1, t)
        x = [w for w in x if w != "chiếm"]
        y = _forward(after, 0, t)
        if x:
            return _clean(["tỷ", "trọng"] + x + (["trong"] + y if y else []), t)

    # 2. a head word before the value, in the same clause ("tỷ lệ hồ sơ ... đạt 60%")
    if unit in ("percent", "money", "other", None):
        for i in range(len(bwords) - 1, -1, -1):
            if bwords[i] is not None and _starts(bwords, i, t["heads"]):
                head = _starts(bwords, i, t["heads"])
                rest = _forward(before, i + len(head), t)
                nxt = i + len(head) + len(rest)
                if head == ("tỷ", "trọng") and nxt < len(bwords) and bwords[nxt] == "trong":
                    rest += ["trong"] + _forward(before, nxt + 1, t)
                if not rest and unit == "percent":  # "tỷ lệ 100% hồ sơ ...": the noun follows the value
                    rest = _forward(after, 0, t)
                return _clean(list(head) + rest, t)

    # 3. the noun after the value ("100% dịch vụ công ...", "1.123 dịch vụ công trực tuyến mức độ 4")
    if unit in ("percent", "count", "other"):
        if unit in ("count", "other"):
            inner = _tokens(s, a, b)
            words = [w for w, _, _ in inner]
            num_i = next((i for i, w in enumerate(words) if _is_number(w)), None)
            if num_i is not None and num_i + 1 < len(words):
                phrase = [w for w in words[num_i + 1:] if w is not None and not _is_number(w)] + _forward(after, 0, t)
                if unit == "other" and not _forward(after, 0, t):
                    subj = _backward_subject(before, len(before), t)
                    phrase = subj + phrase if subj else phrase
                key = _clean(phrase, t)
                if key:
                    return key
        elif after and after[0][0] is not None and not _starts([w for w, _, _ in after], 0, t["stops"]):
            key = _clean(_forward(after, 0, t), t)
            if key:
                return key

    # 4. a level: the noun before "mức độ" plus the level
    if unit == "level":
        k = len(before)
        level_words = {w for p in t["level_heads"] for w in p} | {"và", "hoặc"}
        while k > 0 and (before[k - 1][0] is None or _is_number(before[k - 1][0]) or before[k - 1][0] in level_words):
            k -= 1
        head = _backward_subject(before, k, t)
        return _clean(head + ["mức", "độ", str(metric["value"])], t)

    # 5. a rank: "về X" after it
    if unit == "rank":
        awords = [w for w, _, _ in after]
        if "về" in awords:
            i = awords.index("về")
            return _clean(["xếp", "hạng"] + _forward(after, i + 1, t), t)
        return _clean(["xếp", "hạng"] + _backward_subject(before, len(before), t), t)

    # 6. the subject before the verb
    return _clean(_backward_subject(before, len(before), t), t)
