"""Names what a metric measures, twice: as a canonical key from the project's table of indicators
(``grdp_growth``, ``poverty_rate``, ``online_services`` ...: pipeline/data/canonical_indicators.json), so
that targets and results join across articles, and as the phrase written ("tỷ lệ hồ sơ đăng ký qua
mạng"), normalised so that the same wording in two articles compares equal.

The key is the table's pattern nearest the value in its clause (before it, then after it; a comma between
costs distance; after it, no punctuation may come between), among the indicators measured in the
metric's unit. The phrase is taken, in order: from
"X chiếm N% Y" (-> "tỷ trọng X trong Y"); from a head word before the value ("tỷ lệ ...", "doanh thu
..."); from the noun after the value ("100% dịch vụ công ..."); from the noun before a level ("dịch vụ
công trực tuyến mức độ 4"); from "về X" after a rank; else from the subject before the verb. Phrase rule
words: pipeline/data/indicators.json.
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


def indicator_phrase(text, start, end, metric=None):
    """What the metric (or, without one, the clause's first value) in ``text[start:end]`` measures,
    as the normalised phrase written; None when nothing can be named."""
    if metric is None:
        found = find_metrics(text, start, end)
        if not found:
            return None
        metric = found[0]
    norm = normalize(text[start:end])
    return _phrase(text, start, end, metric, norm)


def _phrase(text, start, end, metric, norm):
    t = _table()
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


# ---- canonical keys --------------------------------------------------------------------------------

_WORDCHAR = r"[\p{L}\p{N}]"
_SCOPE_END = regex.compile(r"[;\n!?]|\.(?![\d\p{L}])")  # not "TP.HCM", "1.000"


@lru_cache(maxsize=None)
def catalog():
    """The canonical indicators by key (entries of pipeline/data/canonical_indicators.json, in order)."""
    return {e["key"]: e for e in load_table("canonical_indicators")["indicators"]}


@lru_cache(maxsize=None)
def _compiled():
    t = load_table("canonical_indicators")
    out = []
    for e in t["indicators"]:
        pattern = regex.compile(rf"(?<!{_WORDCHAR})(?:{'|'.join(e['patterns'])})(?!{_WORDCHAR})")
        words = regex.compile(e["words"]) if e.get("words") else None
        out.append((e, pattern, words, any("\\d" in p for p in e["patterns"])))
    return out, t


def _accepts(entry, words, unit, word):
    """Whether an indicator is measured in this metric's unit (for 'other', its unit word)."""
    if unit not in entry["units"]:
        return False
    if unit == "other" and words is not None:
        return bool(word) and bool(words.search(word.lower()))
    return True


def key_at(low, a, b, unit=None, word=None, bare_only=True, named_in=None):
    """The canonical key for a value at low[a:b] of a lowered, normalised clause: the accepted
    indicator whose pattern lies nearest (before, else after; commas and 'after' cost distance);
    with ``unit`` None (no value), the first bare indicator named anywhere in the clause (with
    ``bare_only`` False, the first indicator named; with ``named_in`` (unit, word), the first named
    among those measured in that unit). None when none fits."""
    entries, t = _compiled()
    if unit is None:
        lo, hi = 0, len(low)
    else:
        lo = max((m.end() for m in _SCOPE_END.finditer(low, 0, a)), default=0)
        hi_m = _SCOPE_END.search(low, b)
        hi = hi_m.start() if hi_m else len(low)
    best = None
    for order, (entry, pattern, words, spans) in enumerate(entries):
        if unit is None:
            if bare_only and not entry.get("bare"):
                continue
            if named_in and not _accepts(entry, words, *named_in):
                continue
        elif not _accepts(entry, words, unit, word):
            continue
        for m in pattern.finditer(low, lo, hi):
            if unit is None:
                rank = (m.start(), -(m.end() - m.start()), order)
            elif m.end() <= a:
                gap = low[m.end():a]
                if len(gap) > t["near_before"]:
                    continue
                rank = (len(gap) + t["comma_penalty"] * gap.count(","), -(m.end() - m.start()), order)
            elif m.start() > a:  # after the value, or inside its unit words ("1,1 triệu lượt du khách")
                gap = low[b:m.start()]
                if len(gap) > t["near_after"] or any(c in gap for c in t["after_stops"]):
                    continue
                rank = (len(gap) + t["after_penalty"], -(m.end() - m.start()), order)
            elif spans:  # a pattern written around a number spans the value ("bình quân 15 tiêu chí")
                rank = (0, -(m.end() - m.start()), order)
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, entry["key"], m)
    return (best[1], best[2]) if best else (None, None)


def key_in_sentence(low, a, unit=None, word=None):
    """The sentence-level fallback for a value at low[a:] whose own clause names no indicator: the
    accepted indicator whose pattern lies nearest before the value in its sentence, back to the last
    semicolon (commas and distance no longer matter: "Trong năm 2017, cho vay khách hàng cá nhân, khách
    hàng doanh nghiệp nhỏ và vừa, ... tăng 31%"; a pattern after the value is not taken: "sản xuất tăng
    5,7%, giải ngân chậm" does not make 5,7% a disbursement). None when none fits."""
    entries, _ = _compiled()
    lo = max((m.end() for m in _SCOPE_END.finditer(low, 0, a)), default=0)
    best = None
    for order, (entry, pattern, words, _) in enumerate(entries):
        if unit is None or not _accepts(entry, words, unit, word):
            continue
        for m in pattern.finditer(low, lo, a):
            if m.end() > a:
                continue
            rank = (a - m.end(), -(m.end() - m.start()), order)
            if best is None or rank < best[0]:
                best = (rank, entry["key"])
    return best[1] if best else None


def _metric_key(low, norm, start, metric, fallback=True):
    a = bisect_left(norm.starts, metric["start"] - start)
    b = bisect_left(norm.starts, metric["end"] - start)
    key = key_at(low, a, b, metric.get("unit"), metric.get("word"))[0]
    if key is None and fallback:
        key = key_in_sentence(low, a, metric.get("unit"), metric.get("word"))
    return key


_FIGURE_NUMBER = regex.compile(r"\d[\d.,]*\d|\d")
_SENTENCE_END = _SCOPE_END
FIGURE_MAX_OCCURRENCES = 20


def key_of_same_figure(text, start, end, metric):
    """The article-level fallback: the key the same figure ("6,7%", "137 DNNN", "2.800 tỷ đồng", as written)
    takes where the article writes it again outside ``text[start:end]`` with its indicator named nearby
    ("Mục tiêu 6,7% được cho là cao" after "mục tiêu tăng trưởng GDP 6,7%"). None when it is not written
    again, when its other mentions disagree, or for figures too common to tell apart (100%, one digit)."""
    a, b = metric.get("start"), metric.get("end")
    if a is None or b is None or not (start <= a < b <= end):
        return None
    written = text[a:b]
    number = _FIGURE_NUMBER.search(written)
    if number is None or len(number.group(0)) < 2 or (metric.get("unit") == "percent" and metric.get("value") == 100):
        return None
    if metric.get("unit") == "percent":  # "6,7%", "6,7 %"
        rx = regex.compile(r"(?<![\d.,])" + regex.escape(number.group(0)) + r"\s*%")
    else:  # the number and its unit words as written ("137 DNNN", "2.800 tỷ đồng")
        figure = regex.escape(written[number.start():]).replace(r"\ ", r"\s+")
        rx = regex.compile(r"(?<![\d.,])" + figure + r"(?![\p{L}\d])")
    keys = set()
    for n, m in enumerate(rx.finditer(text)):
        if n >= FIGURE_MAX_OCCURRENCES:
            break
        if start <= m.start() < end:
            continue
        s0 = max((x.end() for x in _SENTENCE_END.finditer(text, max(0, m.start() - 400), m.start())),
                 default=max(0, m.start() - 400))
        e0 = _SENTENCE_END.search(text, m.end())
        e0 = e0.start() if e0 else min(len(text), m.end() + 400)
        found = [f for f in find_metrics(text, s0, e0) if f["start"] <= m.start() < f["end"] or
                 m.start() <= f["start"] < m.end()]
        if not found or found[0].get("unit") != metric.get("unit"):
            continue
        norm = normalize(text[s0:e0])
        key = _metric_key(norm.text.lower(), norm, s0, found[0], fallback=False)
        if key:
            keys.add(key)
    return keys.pop() if len(keys) == 1 else None


# after a semicolon, a list of values goes on when the clause opens on a period ("...; 5 tháng đầu năm 2017
# đạt 4.100 tỷ đồng") rather than on a subject of its own
_LIST_GOES_ON = regex.compile(r"\s*(?:(?:riêng|còn|và|trong đó|lũy kế|luỹ kế)\s+)?(?:năm|tháng|quý|nửa|cả năm|"
                              r"giai đoạn|từ|đến|tính đến|\d|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?![\p{L}])")


def _named(low, metric=None):
    """{key, text} of a clause read without a value: the first bare indicator it names (a deadline-only
    target: "huyện về đích nông thôn mới trước năm 2020"), else the first indicator it names ("hoàn thành
    mục tiêu tăng trưởng như kế hoạch": the plan's value is written elsewhere). With a metric no indicator
    measures, only the bare indicators measured in its unit ("tiến độ đạt 37%, ... sẽ hoàn thành dự án":
    the project's progress), never another value's indicator ("sản xuất tăng 4,2%, giải ngân chậm")."""
    if metric is not None:
        key, m = key_at(low, 0, 0, named_in=(metric.get("unit"), metric.get("word")))
        return {"key": key, "text": m.group(0) if m else None}
    key, m = key_at(low, 0, 0)
    if key is None:
        key, m = key_at(low, 0, 0, bare_only=False)
    return {"key": key, "text": m.group(0) if m else None}


def indicator(text, start, end, metric=None):
    """What the metric (without one: the clause's first value, else the clause) in ``text[start:end]``
    measures: {"key": canonical key or None, "text": the phrase as written or None}; with two or more
    values in the clause also "metrics": [{"start", "key"}], the key of each value (offsets into text).

    A value's key is the table's pattern nearest it in its clause; else (a list) the key of the last value
    in the same unit; else the pattern nearest before it in its sentence. The metric's key falls back, in
    turn, on the key its figure takes where the article writes it again, then on the first keyed value of
    the clause (the record is about what its sentence measures), then on the indicator the clause names.
    Without a value: the first bare indicator the clause names, else the first indicator."""
    norm = normalize(text[start:end])
    low = norm.text.lower()
    found = find_metrics(text, start, end)
    if metric is None and found:
        metric = found[0]
    if metric is None:
        return _named(low)
    key = _metric_key(low, norm, start, metric, fallback=False)
    keys = []
    if len(found) > 1:
        last, prev = {}, 0
        for f in found:
            a = bisect_left(norm.starts, f["start"] - start)
            k = _metric_key(low, norm, start, f, fallback=False)
            if k is None and ";" in low[prev:a] and not _LIST_GOES_ON.match(low[low.rindex(";", prev, a) + 1:a]):
                last = {}  # "lạm phát tăng 0,2%; tăng trưởng ... quý II tăng 6,17%": another subject
            if k is None:  # "..., năm 2016 đạt 9.700 tỷ đồng, 5 tháng đầu năm 2017 đạt 4.100 tỷ đồng": a list
                k = last.get(f.get("unit"))
            if k is None:
                k = key_in_sentence(low, a, f.get("unit"), f.get("word"))
            keys.append({"start": f["start"], "key": k})
            if k:
                last[f.get("unit")] = k
            prev = a
    if key is None:
        key = next((k["key"] for k in keys if k["start"] == metric.get("start")), None)
    if key is None:
        key = _metric_key(low, norm, start, metric)
    if key is None:
        key = key_of_same_figure(text, start, end, metric)
        if key is not None:
            for k in keys:
                if k["start"] == metric.get("start") and k["key"] is None:
                    k["key"] = key
    if key is None:
        key = next((k["key"] for k in keys if k["key"]), None)
    if key is None:  # "tiến độ đạt gần 37%, dự kiến ... sẽ hoàn thành dự án": what the clause is about
        key = _named(low, metric)["key"]
    out = {"key": key, "text": _phrase(text, start, end, metric, norm)}
    if keys:
        out["metrics"] = keys
    return out
