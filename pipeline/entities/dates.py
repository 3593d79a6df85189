"""DATE mentions: calendar dates, months, years, quarters, halves and periods in Vietnamese news.

A small regex grammar over the normalised text (words from pipeline/data/date_rules.json);
values are ISO-like as the annotation guide says ("2024-04-17", "XXXX-05-26", "2020/2025",
"2020-Q4", "2017-H1"). The publication date, when given, supplies missing and relative years.
"""
import calendar
from functools import lru_cache

import regex

from ..tables import load_table
from ..text.normalize import normalized_span
from ..text.compiled import compiled
from ..text.phrases import ends_with_word, starts_with_word

_W = r"(?<![\p{L}\p{N}])"            # start of a word
# Word-tokenised text (VLSP style) spaces out slashes and dashes: "12 / 3 / 2008", "số 37 / 2008 / QĐ - TTg".
_NUM0 = r"(?<![\p{L}\p{N}/.,\-–])(?<![/\-–] )"   # start of a free-standing number
_END = r"(?![\p{L}\p{N}]|[/.,\-–]\d| ?[/\-–] ?\d)"  # not followed by more of a number
_END_DAY = r"(?![\p{L}\p{N}]|[/.,]\d| ?/ ?\d)"        # a date may be followed by " - " and another date
_NOT_CODE = r"(?! ?[/\-–] ?\p{L})"                   # not followed by a document code ("/QĐ-TTg")


def _alt(words):
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar():
    """Compiled patterns and rule words (built once from the date_rules table)."""
    t = load_table("date_rules")
    mod = rf"(?:(?P<mod>{_alt(t['modifiers'])})\s+)?"
    month = rf"(?P<m>\d{{1,2}}|{_alt(t['month_names'])})"
    year_tail = r"(?:\s*(?:/|-|năm|,\s*năm)\s*(?P<y>\d{4}))"
    day_range = r"(?:(?P<d1>\d{1,2})(?:\s*[-–]\s*|\s+và\s+))?"
    ngay = rf"(?:{_W}(?P<ngay>ngày)\s*|(?<![\p{{L}}\p{{N}}/.,\-–]))"
    flags = regex.IGNORECASE
    p = {
        "full": (rf"{ngay}{day_range}(?P<d>\d{{1,2}})(?:(?P<dot>\.)(?P<m1>\d{{1,2}})\.|"
                 rf" ?(?P<sep>[/\-]) ?(?P<m>\d{{1,2}}) ?(?P=sep) ?)(?P<y>\d{{4}}){_END_DAY}{_NOT_CODE}"),
        "day_text": rf"{_W}(?P<ngay>ngày)\s*(?P<d>\d{{1,2}})\s+tháng\s+{month}{year_tail}?{_END}",
        "day_month": rf"{ngay}{day_range}(?P<d>\d{{1,2}}) ?(?P<sep>[/\-]) ?(?P<m>\d{{1,2}}){_END_DAY}{_NOT_CODE}",
        "month": rf"{_W}{mod}tháng\s*{month}{year_tail}?{_END}",
        "month_year": rf"{_NUM0}(?P<m>\d{{1,2}}) ?/ ?(?P<y>\d{{4}}){_END}{_NOT_CODE}",
        "quarter": rf"{_W}{mod}quý\s*(?P<q>iv|iii|ii|i|[1-4]){year_tail}?(?![\p{{L}}\p{{N}}])",
        "half": (rf"{_W}(?:(?P<n>{_alt(t['six'] + t['three'])})\s+tháng|(?P<nua>nửa))\s+"
                 rf"(?P<h>{_alt(t['half_words'])})\s+năm(?:\s+(?P<y>\d{{4}})|\s+(?P<rel>nay|ngoái))?(?![\p{{L}}\p{{N}}])"),
        "period": (rf"(?:{_W}(?P<w>{_alt(t['period_words'] + ['năm'])})\s+|{_NUM0})"
                   rf"(?P<y1>\d{{4}})\s*[-–]\s*(?P<y2>\d{{4}}){_END}"),
        "year": rf"{_W}{mod}năm\s+(?P<y>\d{{4}}){_END}",
        "relative": rf"{_W}{mod}(?P<rel>{_alt(t['relative_years'])})(?![\p{{L}}\p{{N}}])",
        "bare_year": rf"{_NUM0}(?P<y>\d{{4}}){_END}{_NOT_CODE}",
    }
    return {k: regex.compile(v, flags) for k, v in p.items()}, t


def _year_ok(y, t):
    return y is not None and t["year_min"] <= y <= t["year_max"]


def _month_num(m, t):
    m = m.lower()
    return t["month_names"][m] if m in t["month_names"] else int(m)


def _day_ok(d, m, y):
    if not 1 <= m <= 12 or d < 1:
        return False
    last = calendar.monthrange(y if y else 2000, m)[1]
    return d <= last


def _iso(y, m=None, d=None):
    out = f"{y:04d}" if y else "XXXX"
    if m:
        out += f"-{m:02d}"
    if d:
        out += f"-{d:02d}"
    return out


def _int(s):
    return int(s) if s else None


def _published_year(published):
    if not published:
        return None
    m = compiled(r"\s*(\d{4})").match(str(published))
    return int(m.group(1)) if m else None


def _candidates(nt, low, pub_year):
    """All (start, end, value, year) readings of the grammar in the normalised text ``nt``."""
    pats, t = _grammar()
    out = []

    def add(m, value, year):
        out.append((m.start(), m.end(), value, year))

    def before(m, n=40):
        return low[max(0, m.start() - n):m.start()]

    def after(m, n=30):
        return low[m.end():m.end() + n]

    def doc_like(m):
        b = before(m).rstrip()
        if b.endswith("số") and (len(b) == 2 or not b[-3].isalnum()):
            stripped = b[:-2].rstrip()
            if not stripped or not stripped[-1].isalnum():
                return True  # "(số 2017", "Số 12/5": a number, not a date
            b = stripped
        return ends_with_word(b, t["document_words_before"])

    for m in pats["full"].finditer(nt):
        d, mo, y, d1 = int(m["d"]), int(m["m"] or m["m1"]), int(m["y"]), _int(m["d1"])
        if not _year_ok(y, t) or not _day_ok(d, mo, y) or (d1 and not (_day_ok(d1, mo, y) and d1 < d)):
            continue
        if m["dot"] and not m["ngay"] and doc_like(m):
            continue
        value = _iso(y, mo, d)
        add(m, f"{_iso(y, mo, d1)}/{value}" if d1 else value, y)

    for m in pats["day_text"].finditer(nt):
        d, mo, y = int(m["d"]), _month_num(m["m"], t), _int(m["y"])
        if y is not None and not _year_ok(y, t):
            continue
        if _day_ok(d, mo, y):
            y = y or pub_year
            add(m, _iso(y, mo, d), y)

    for m in pats["day_month"].finditer(nt):
        d, mo, d1 = int(m["d"]), int(m["m"]), _int(m["d1"])
        if not _day_ok(d, mo, None) or (d1 and not (_day_ok(d1, mo, None) and d1 < d)):
            continue
        if not m["ngay"]:
            in_context = ends_with_word(before(m), t["day_dash_before"]) or before(m).rstrip().endswith("(")
            if m["sep"] == "-" and not in_context:
                continue
            if m.group(0) in t["not_dates_unless_ngay"] or doc_like(m):
                continue
            if not in_context:
                if ends_with_word(before(m), t["fraction_before"]) or starts_with_word(after(m), t["count_nouns_after"]):
                    continue
                nxt = compiled(r"\s*(\p{L}+)").match(after(m))
                if nxt and nxt.group(1).islower() and not starts_with_word(after(m), t["date_followers"]):
                    continue  # "1/2 diện tích": a fraction before a noun
        y = pub_year
        value = _iso(y, mo, d)
        add(m, f"{_iso(y, mo, d1)}/{value}" if d1 else value, y)

    for m in pats["month"].finditer(nt):
        mo, y = _month_num(m["m"], t), _int(m["y"])
        if not 1 <= mo <= 12 or (y is not None and not _year_ok(y, t)):
            continue
        if not m["mod"] and compiled(r"\d\s*$").search(before(m, 6)):
            continue  # "6 tháng 6": a duration before the month name
        y = y or pub_year
        add(m, _iso(y, mo), y)

    for m in pats["month_year"].finditer(nt):
        mo, y = int(m["m"]), int(m["y"])
        if 1 <= mo <= 12 and _year_ok(y, t) and not doc_like(m):
            add(m, _iso(y, mo), y)

    for m in pats["quarter"].finditer(nt):
        q = m["q"].lower()
        q = t["roman"][q] if q in t["roman"] else int(q)
        y = _int(m["y"])
        if y is not None and not _year_ok(y, t):
            continue
        y = y or pub_year
        add(m, f"{_iso(y)}-Q{q}", y)

    for m in pats["half"].finditer(nt):
        y = _int(m["y"])
        if m["rel"]:
            if pub_year is None:
                continue
            y = pub_year + t["relative_years"]["năm " + m["rel"].lower()]
        elif y is not None and not _year_ok(y, t):
            continue
        y = y or pub_year
        first = t["half_words"][m["h"].lower()] == 1
        n = (m["n"] or "").lower()
        part = ("Q1" if first else "Q4") if n in t["three"] else ("H1" if first else "H2")
        add(m, f"{_iso(y)}-{part}", y)

    for m in pats["period"].finditer(nt):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if _year_ok(y1, t) and _year_ok(y2, t) and y1 < y2 and not doc_like(m):
            add(m, f"{y1}/{y2}", y2)

    for m in pats["year"].finditer(nt):
        y = int(m["y"])
        if _year_ok(y, t):
            add(m, _iso(y), y)

    if pub_year is not None:
        for m in pats["relative"].finditer(nt):
            delta = t["relative_years"][m["rel"].lower()]
            if delta is not None:
                add(m, _iso(pub_year + delta), pub_year + delta)

    for m in pats["bare_year"].finditer(nt):
        y = int(m["y"])
        if not _year_ok(y, t) or doc_like(m):
            continue
        if starts_with_word(after(m), t["year_units_after"]) or compiled(r"\s*[%\d]").match(after(m)):
            continue
        if compiled(r"\d\s*$").search(before(m, 4)):
            continue
        if ends_with_word(before(m), t["quantity_before"]) and compiled(r"\s*\p{Ll}").match(after(m)):
            continue  # "có 2000 hộ": a count
        add(m, _iso(y), y)
    return out


def find_dates(source, published=None):
    """Every DATE mention of ``source`` (the article's `Document`, or its text), as entity dicts sorted by
    start, offsets into the text as read.

    ``published`` ("YYYY-MM-DD") supplies the year of "26/5"-like mentions and of "năm nay" / "năm ngoái".
    """
    text, norm = normalized_span(source)
    nt = norm.text
    cands = _candidates(nt, nt.lower(), _published_year(published))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen = []
    for c in cands:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in chosen):
            chosen.append(c)
    out = []
    for s, e, value, year in sorted(chosen):
        os_, oe = norm.to_original(s, e)
        out.append({"label": "DATE", "text": text[os_:oe], "start": os_, "end": oe, "value": value, "year": year})
    return out
