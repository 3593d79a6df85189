"""Finds every measurable value of a sentence (annotation guide 1, "metrics"): percent, rank,
level, count, money and other units, with ranges and comparators; years, dates, document
numbers, ordinal names and phone numbers are skipped.

Rules look at a normalised, lower-cased copy of the text and report offsets in the original.
Rank and level patterns claim their numbers first; every other number becomes a metric only
when a unit word from ``pipeline/data/units.json`` follows it (a bare number measures nothing).
"""
from functools import lru_cache

import regex

from .numbers import NUMBER_PATTERN, parse_digits, parse_roman, scale, scale_words
from ..tables import load_table
from ..text.normalize import normalized_span
from ..text.compiled import compiled

NUM = rf"(?:{NUMBER_PATTERN})"
_L = r"\p{L}"


def _alt(words):
    """A regex alternation of ``words``, longest first, spaces matching any run of spaces
    ("m 3", the cubic metre as often typed, also matches "m3")."""
    words = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"\s*" if w in ("m 3",) else r"\s+") for w in words)


@lru_cache(maxsize=None)
def _rules():
    """Compile the patterns once from the rule tables."""
    units = load_table("units")
    comps = load_table("comparators")
    scales = scale_words()
    r = {"units": units, "scales": scales}
    scale_alt = _alt(scales)
    # a quantity: number, optional fraction base, scale, percent, and a range's upper end
    r["qty"] = regex.compile(
        rf"(?<![\d.,/])(?P<n1>{NUM})(?!\d|[.,]\d)(?:\s*/\s*(?P<base>{NUM})(?!\d))?"
        rf"(?:\s*(?P<s1>{scale_alt})(?:(?![{_L}\d])|(?=đồng)))?(?P<p1>\s*%)?"
        rf"(?:\s*(?P<conn>-|–|—|đến|tới)\s*(?P<n2>{NUM})(?!\d|[.,]\d)"
        rf"(?:\s*(?P<s2>{scale_alt})(?:(?![{_L}\d])|(?=đồng)))?)?"
    )
    # unit phrases -> (kind, canonical word or currency)
    table = {}
    for w in units["count"]:
        table[w] = ("count", w)
    for w in units["people"]:
        table[w] = ("other", w)
    for w, canon in units["measure"].items():
        table[w] = ("other", canon)
    for w in units["slash_only"]:
        table[w] = ("slash_only", w)
    for w in units["guarded_duration"]:
        table[w] = ("duration", w)
    for w in units["percent"]:
        table[w] = ("percent", None)
    for w, cur in units["currency"].items():
        table[w] = ("money", cur)
    r["unit_table"] = table
    r["unit_re"] = regex.compile(
        rf"\s*(?P<u>{_alt(table)})(?:(?<=[%$])|(?![{_L}\d]))"
        rf"(?P<slash>(?:\s*/\s*(?:1\s*)?(?:năm|người|tháng|ngày|lần|tuần|giờ|ha|km|tấn|hộ|khách|lượt))*)"
    )
    r["count_re"] = regex.compile(rf"(?:{_alt(units['count'])})(?![{_L}\d])")
    r["comp_before"] = regex.compile(rf"(?:^|(?<![{_L}]))(?P<c>{_alt(comps['before'])})\s*(?:từ\s*)?$")
    r["comp_map"] = comps["before"]
    r["comp_after"] = regex.compile(rf"\s*(?P<c>{_alt(comps['after'])})(?![{_L}])")
    r["comp_after_map"] = comps["after"]
    r["not_before"] = regex.compile(rf"(?:^|(?<![{_L}]))(?:{_alt(units['not_metric_before'])})\s*$")
    r["base_before"] = regex.compile(rf"(?:^|(?<![{_L}]))(?:{_alt(units['base_before'])})\s*$")
    comp_alt = _alt(comps["before"])
    group_nouns = _alt(units["rank_group_nouns"])
    leaders = _alt(units["rank_leader_words"])
    r["rank_res"] = [
        regex.compile(rf"(?<![{_L}])(?:top|tốp|nhóm)\s+(?P<n>{NUM})(?!\s*(?:%|phần trăm|[.,]\d))"),
        regex.compile(rf"(?<![{_L}])(?:(?:xếp\s+hạng|xếp|đứng|vị\s+trí|hạng)\s+thứ|xếp\s+hạng|xếp|đứng)\s+(?P<n>{NUM})(?![.,]\d)"),
        regex.compile(rf"(?<![{_L}])thứ\s+hạng\s+(?:(?P<c>{comp_alt})\s+)?(?:thứ\s+)?(?P<n>{NUM})(?![.,]\d)"),
        regex.compile(
            rf"(?<![{_L}])(?:trong\s+số|trong|thuộc|vào)\s+(?:(?P<c>{comp_alt})\s+)?(?P<n>{NUM})\s+(?:{group_nouns})"
            rf"(?![{_L}])[^.;!?\n]{{0,70}}?(?<![{_L}])(?:{leaders})(?![{_L}])"
        ),
    ]
    r["leader_re"] = regex.compile(r"(?<![\p{L}])(?:dẫn\s+đầu|đứng\s+đầu)(?![\p{L}])")
    r["group_word_re"] = regex.compile(r"(?<![\p{L}])(?:top|tốp|nhóm)(?![\p{L}])")
    level_alt = _alt(units["level_words"])
    item = r"(?:\d{1,2}(?!\d|[.,]\d)|[ivx]{1,4}(?![\p{L}]))"
    r["level_re"] = regex.compile(
        rf"(?<![{_L}])(?:{level_alt})\s+(?P<items>{item}(?:(?:\s*,\s*|\s+và\s+|\s+hoặc\s+|\s*/\s*|\s*-\s*){item})*)"
        rf"|(?<![{_L}])(?:{level_alt})\s+(?P<pair>\d),(?P<pair2>\d)(?![\d.,])"
    )
    r["level_item_re"] = regex.compile(r"\d{1,2}|[ivx]{1,4}")
    r["times_re"] = regex.compile(r"(?<![\p{L}])gấp\s+(?P<w>đôi|rưỡi|ba|bốn|năm|mười)(?:\s+lần)?(?![\p{L}])")
    r["block_res"] = [
        # dates written with numbers
        regex.compile(r"(?<![\d.,])\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{2,4}(?!\d)"),
        regex.compile(r"(?<![\d.,])\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?!\d)"),
        regex.compile(r"(?<![\p{L}])(?:ngày|hôm|sáng|chiều|tối|đêm|từ|đến|trước|sau|tới|vào|đầu|cuối|giữa)\s*\d{1,2}\s*/\s*\d{1,2}(?![\d,])"),
        regex.compile(r"(?<![\p{L}])ngày\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s*[/-]\s*\d{1,2})?"),
        regex.compile(r"(?<![\p{L}])(?:tháng|quý)\s+(?:\d{1,2}(?!\d|[.,]\d)|[ivx]{1,4}(?![\p{L}]))(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?"),
        regex.compile(r"(?<![\p{L}\d])(?:\d{1,2}|sáu|ba|chín)\s+tháng\s+(?:đầu|cuối)(?:\s+năm)?"),
        regex.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d]|[.,]\d)"),
        # clock times ("lúc 14 giờ", "14 giờ 30", "8h30")
        regex.compile(r"(?<![\p{L}])lúc\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?"),
        regex.compile(r"(?<![\d.,])\d{1,2}\s*(?:giờ|h)\s*\d{1,2}(?:\s*phút)?(?!\d)"),
        # document numbers ("02-NQ/TU", "123/QĐ-UBND") and "công nghiệp 4.0"
        regex.compile(r"(?<![\d.,])\d+\s*[/-]\s*(?:[\p{L}]+[-/]?)*[\p{L}]*(?=[\p{L}])[\p{L}]+"),
        regex.compile(r"(?:công\s+nghiệp|cmcn|cách\s+mạng)\s+(?:lần\s+thứ\s+tư\s+)?4[.,]0"),
        regex.compile(r"(?<![\p{L}])(?:tổng\s+đài|đường\s+dây\s+nóng|hotline|điện\s+thoại|sđt)[^.;!?\n]{0,60}?(?P<tel>\d[\d .]{2,}\d)"),
    ]
    return r


def _comparator(s, pos, r):
    """Comparator written just before ``pos``: (name or None, where it starts)."""
    window = max(0, pos - 30)
    m = r["comp_before"].search(s[window:pos])
    if not m:
        return None, pos
    return _lookup_comp(m.group("c"), r), window + m.start("c")


def _lookup_comp(word, r):
    """The comparator name of a comparator phrase (spaces folded)."""
    return r["comp_map"].get(" ".join(word.split()))


def _unit_after(s, pos, r, value_text_start):
    """The unit written at ``s[pos:]``: (kind, word, end) or None."""
    m = r["unit_re"].match(s, pos)
    if not m:
        return None
    phrase = " ".join(m.group("u").split())
    kind, word = r["unit_table"].get(phrase, r["unit_table"].get(m.group("u"), (None, None)))
    if kind is None:
        return None
    end = m.end()
    slash = "".join(m.group("slash").split())
    slash = compiled(r"/1(?=\p{L})").sub("/", slash)
    if phrase.startswith("lượt"):
        rest = s[m.start("u") + len(m.group("u")):]
        cm = compiled(r"\s+(?:" + r["count_re"].pattern + ")").match(rest)
        if phrase == "lượt" and cm:
            return "count", "lượt" + cm.group(0), m.end("u") + cm.end()
    if kind == "slash_only":
        if not slash:
            return None
        return "other", word + slash, end
    if kind == "duration":
        before = s[max(0, value_text_start - 12):value_text_start]
        after = s[m.end("u"):m.end("u") + 12]
        if not compiled(r"(?<![\p{L}])trong\s+(?:\S+\s+)?$").search(before) or compiled(
            r"\s*(?:qua|tới|trước|sau|gần|đầu|cuối|nay|liền|liên|trở\s+lại|về\s+trước)(?![\p{L}])").match(after
        ):
            return None
        return "other", word + slash, end
    if kind == "other" and word == "ngày" and compiled(r"\s*\d").match(s[end:]):
        return None
    if kind == "other":
        return "other", word + slash, end
    return kind, word, end


def _blocked_mask(s, norm, start, exclude, r):
    """Positions of ``s`` that are dates, document numbers, phone numbers (never metrics)."""
    mask = bytearray(len(s))
    for e in exclude or ():
        es, ee = e["start"], e["end"]
        for i, o in enumerate(norm.starts):
            if es <= o + start < ee:
                mask[i] = 1
    for rx in r["block_res"]:
        for m in rx.finditer(s):
            a, b = (m.start("tel"), m.end("tel")) if "tel" in rx.groupindex else (m.start(), m.end())
            for i in range(a, b):
                mask[i] = 1
    return mask


def _free(mask, a, b):
    return not any(mask[a:b])


def _num_value(txt):
    return parse_digits(txt)


def _roman_or_int(item, original):
    if item.isdigit():
        return int(item)
    if original.isupper():
        return parse_roman(original)
    return None


def find_metrics(source, start=0, end=None, exclude=()):
    """Every measurable value in the span [start, end) of ``source`` (the article's `Document`, or a str)
    as metric dicts (offsets into the text as read).

    ``exclude`` holds spans (dicts with "start"/"end", e.g. DATE entities) that are never metrics.
    """
    text, norm = normalized_span(source, start, end)
    end = len(text) if end is None else end
    s_orig = norm.text
    s = s_orig.lower()
    r = _rules()
    units = r["units"]
    blocked = _blocked_mask(s, norm, start, exclude, r)
    claimed = bytearray(len(s))
    found = []

    def emit(a, b, value, unit, **extra):
        found.append((a, b, value, unit, extra))
        for i in range(a, b):
            claimed[i] = 1

    def ok(a, b):
        return _free(blocked, a, b) and _free(claimed, a, b)

    # 1. ranks: "top 15", "nhóm 10", "xếp thứ 5", "thứ hạng tối thiểu thứ 70", "trong 5 địa phương dẫn đầu"
    for rx in r["rank_res"]:
        for m in rx.finditer(s):
            a, b = m.start("n"), m.end("n")
            if not ok(a, b):
                continue
            value = _num_value(m.group("n"))
            if value is None:
                continue
            extra = {}
            comp = m.groupdict().get("c")
            if comp:
                extra["comparator"] = _lookup_comp(comp, r)
            emit(m.start(), m.end() if rx is r["rank_res"][3] else b, value, "rank", **{k: v for k, v in extra.items() if v})

    # 2. levels: "mức độ 3, 4", "mức 3,4", "cấp III", "bậc 4" (not "mức 15 ngày": a unit follows)
    for m in r["level_re"].finditer(s):
        if m.group("pair"):
            items = [(m.start("pair"), m.end("pair")), (m.start("pair2"), m.end("pair2"))]
        else:
            items = [(x.start() + m.start("items"), x.end() + m.start("items"))
                     for x in r["level_item_re"].finditer(m.group("items"))]
        a0, b0 = items[0]
        q = r["qty"].match(s, a0)
        unit = _unit_after(s, q.end(), r, a0) if q else None
        if unit and not m.group("pair"):
            continue
        # "ở mức 5,1%" is a percent, not the levels 5 and 1 ("mức 3,4" with no unit after it is)
        if m.group("pair") and q and (q.group("p1") or (unit and unit[0] == "percent")):
            continue
        if not ok(a0, b0):
            continue
        for a, b in items:
            if not ok(a, b):
                break
            value = _roman_or_int(s[a:b], s_orig[a:b])
            if value is None or value > units["level_max"] or value < 0:
                break
            emit(a if (a, b) != items[0] else m.start(), b, value, "level")

    # 3. quantities followed by a unit word
    for q in r["qty"].finditer(s):
        a = q.start()
        if not ok(a, q.end("n1")):
            continue
        # a number glued to letters ("Hội5 tỷ") counts only after a lower-case word of 2+ letters
        lead = compiled(r"[\p{L}]+$").search(s_orig[max(0, a - 12):a])
        if lead and (len(lead.group(0)) < 2 or lead.group(0).isupper()):
            continue
        before = s[max(0, a - 40):a]
        if r["not_before"].search(before) or r["base_before"].search(before):
            continue
        n1 = _num_value(q.group("n1"))
        if n1 is None:
            continue
        s1 = q.group("s1")
        n2 = _num_value(q.group("n2")) if q.group("n2") else None
        s2 = q.group("s2")
        qend = q.end()
        if n2 is not None and (not ok(q.start("n2"), q.end("n2"))):
            # the "range" runs into a date or year: keep only the first number
            n2 = None
            s2 = None
            qend = q.end("s1") if s1 else (q.end("p1") if q.group("p1") else q.end("n1"))
        s1w = " ".join(s1.split()) if s1 else None
        s2w = " ".join(s2.split()) if s2 else None
        f1 = r["scales"].get(s1w, 1) if s1w else None
        f2 = r["scales"].get(s2w, 1) if s2w else None
        if f1 is None:
            f1 = f2 or 1
        value = scale(n1, f1)
        value_max = scale(n2, f2 or f1) if n2 is not None else None
        unit = _unit_after(s, qend, r, a)
        if q.group("p1") and not (unit and unit[0] == "percent"):
            unit = ("percent", None, q.end("p1")) if n2 is None or unit is None else unit
            if n2 is not None and unit[0] != "percent":
                continue
        if unit is None:
            if (s2w or s1w) in units["bare_money_scales"]:
                slash = compiled(r"(?:\s*/\s*(?:năm|người|tháng))*").match(s[qend:])
                unit = ("money", "VND", qend + slash.end())
            else:
                continue
        kind, word, uend = unit
        if value_max is not None and value_max == value:
            value_max = None
        # "từ 40% lên 60%": the starting point is not a target
        if compiled(r"(?<![\p{L}])từ\s*$").search(before) and compiled(r"\s*(?:lên|xuống)(?![\p{L}])").match(s[uend:]):
            continue
        extra = {}
        if kind == "money":
            extra["currency"] = word
        elif kind == "other":
            extra["word"] = word
        if value_max is not None:
            extra["value_max"] = value_max
        comp, cstart = _comparator(s, a, r)
        ca = r["comp_after"].match(s, uend)
        if ca:
            comp = r["comp_after_map"][" ".join(ca.group("c").split())]
            uend = ca.end()
        if comp:
            extra["comparator"] = comp
            a = cstart
        emit(a, uend, value, kind, **extra)

    # 4. "gấp đôi" (twice) -> 2 "lần"
    times = {"đôi": 2, "rưỡi": 1.5, "ba": 3, "bốn": 4, "năm": 5, "mười": 10}
    for m in r["times_re"].finditer(s):
        if m.group("w") not in ("đôi", "rưỡi") and not m.group(0).endswith("lần"):
            continue
        if ok(m.start(), m.end()):
            emit(m.start(), m.end(), times[m.group("w")], "other", word="lần")

    # 5. "dẫn đầu" / "đứng đầu" alone: rank 1 (not after "top/nhóm ..." nor "người đứng đầu")
    for m in r["leader_re"].finditer(s):
        before = s[max(0, m.start() - 80):m.start()]
        if compiled(r"người\s*$").search(before) or r["group_word_re"].search(before):
            continue
        if any(f[3] == "rank" and 0 <= m.start() - f[1] < 80 for f in found):
            continue
        if not _free(claimed, m.start(), m.end()):
            continue
        emit(m.start(), m.end(), 1, "rank")

    out = []
    for a, b, value, unit, extra in sorted(found, key=lambda f: f[0]):
        oa, ob = norm.to_original(a, b)
        oa, ob = oa + start, ob + start
        metric = {"value": value, "unit": unit, "text": text[oa:ob], "start": oa, "end": ob}
        metric.update({k: v for k, v in extra.items() if v is not None})
        out.append(metric)
    return out
