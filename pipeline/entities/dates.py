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
    month = rf"(?P<m>\d{{1,2}}|{_alt(list(t['month_names']) + list(t['month_words']))})(?![\p{{L}}\p{{M}}])"
    year_tail = r"(?:\s*(?:/|-|năm|,\s*năm)\s*(?P<y>\d{4})|\.(?P<y>\d{4}))"
    day_range = r"(?:(?P<d1>\d{1,2})(?:\s*[-–]\s*|\s+và\s+))?"
    ngay = rf"(?:{_W}(?P<ngay>ngày)\s*|(?<![\p{{L}}\p{{N}}/.,\-–]))"
    flags = regex.IGNORECASE
    p = {
        "full": (rf"{ngay}{day_range}(?P<d>\d{{1,2}})(?:(?P<dot>\.)(?P<m1>\d{{1,2}})\.|"
                 rf" ?(?P<sep>[/\-]) ?(?P<m>\d{{1,2}}) ?(?P=sep) ?)(?P<y>\d{{4}}){_END_DAY}{_NOT_CODE}"),
        "day_text": rf"{_W}(?P<ngay>ngày)\s*(?P<d>\d{{1,2}})\s+tháng\s+{month}{year_tail}?{_END}",
        "day_month": rf"{ngay}{day_range}(?P<d>\d{{1,2}}) ?(?P<sep>[/\-]) ?(?P<m>\d{{1,2}}){_END_DAY}{_NOT_CODE}",
        # house style with dots: "22.4", "ngày 2-10.8", "ngày 11 đến 13.4", "23.4 - 1.5", "22.4.2017"
        "dot_day": (rf"{ngay}(?:(?:(?P<d1>\d{{1,2}})\.(?P<m1>\d{{1,2}})\s*(?P<rs>[-–]|đến|tới)|(?P<d0>\d{{1,2}})\s*"
                    rf"(?P<rs0>[-–]|đến|tới|và))\s*(?:ngày\s*)?)?(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})(?:\.(?P<y>\d{{4}}))?"
                    rf"(?![\p{{L}}\p{{N}}%]|[.,]\d)"),
        # a range of days written with slashes across months or with "đến": "30/4-1/5", "ngày 10 đến ngày 15/8"
        "slash_range": (rf"{ngay}(?:(?P<d1>\d{{1,2}}) ?/ ?(?P<m1>\d{{1,2}})\s*(?P<rs>[-–]|đến|tới)|(?P<d0>\d{{1,2}})\s*"
                        rf"(?P<rs0>đến|tới))\s*(?:ngày\s*)?(?P<d>\d{{1,2}}) ?/ ?(?P<m>\d{{1,2}})(?: ?/ ?(?P<y>\d{{4}}))?"
                        rf"{_END_DAY}{_NOT_CODE}"),
        "month": rf"{_W}{mod}tháng\s*{month}{year_tail}?{_END}",
        "month_year": rf"{_NUM0}(?P<m>\d{{1,2}}) ?/ ?(?P<y>\d{{4}}){_END}{_NOT_CODE}",
        "quarter": rf"{_W}{mod}quý\s*(?P<q>iv|iii|ii|i|[1-4]){year_tail}?(?![\p{{L}}\p{{N}}])",
        "half": (rf"{_W}(?:(?P<n>\d{{1,2}}|{_alt(list(t['month_counts']))})\s+tháng|(?P<nua>nửa))\s+"
                 rf"(?P<h>{_alt(t['half_words'])})\s+năm(?:\s+(?P<y>\d{{4}})|\s+(?P<rel>nay|ngoái))?(?![\p{{L}}\p{{N}}])"),
        # a range of months (guide S20): "từ tháng 7/2017 đến tháng 10/2017", "tháng 3-4/2017"
        "month_range": (rf"{_W}tháng\s*(?P<m1>\d{{1,2}})(?:\s*[/.\-]\s*(?P<y1>\d{{4}}))?\s*(?:đến|tới|-|–)\s*(?:hết\s+)?"
                        rf"(?:tháng\s*)?(?P<m2>\d{{1,2}})(?!\d)(?:\s*(?:/|\.|-|năm)\s*(?P<y2>\d{{4}}))?{_END}"),
        "period": (rf"(?:{_W}(?P<w>{_alt(t['period_words'] + ['năm'])})\s+|{_NUM0})"
                   rf"(?P<y1>\d{{4}})\s*[-–]\s*(?P<y2>\d{{4}}){_END}"),
        "year": rf"{_W}{mod}năm\s+(?P<y>\d{{4}}){_END}",
        "relative": rf"{_W}{mod}(?P<rel>{_alt(t['relative_years'])})(?![\p{{L}}\p{{N}}])",
        "bare_year": rf"{_NUM0}(?P<y>\d{{4}}){_END}{_NOT_CODE}",
    }
    return {k: regex.compile(v, flags) for k, v in p.items()}, t


def _year_ok(y, t, written=False):
    """A plausible year; ``written`` (with "năm" or inside a full date) allows older ones ("năm 1817")."""
    return y is not None and (t["year_min_written"] if written else t["year_min"]) <= y <= t["year_max"]


def _month_num(m, t):
    """The month number of a month written in digits or words; 0 for "tháng năm" in lower case (the
    "ngày, tháng, năm" of a form)."""
    low = m.lower()
    if low in t["month_names"]:
        return t["month_names"][low]
    if low in t["month_words"]:
        return t["month_words"][low] if m[0].isupper() or low != "năm" else 0
    return int(m)


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


def _dot_context(before, after, t):
    """A dotted "22.4" reads as a date: after a date word (an opening bracket may come between), or alone in
    brackets; never before a unit ("4.7 inch") nor right after "lúc" (a time, "lúc 9.05")."""
    if starts_with_word(after, t["not_after_dot_day"]) or compiled(r"\s*\d").match(after):
        return False
    if ends_with_word(before, t["time_before"]):
        return False
    b = before.rstrip()
    if compiled(r"\d{1,2}\.\d{1,2}\s*(?:,|và|hoặc)$").search(b):
        return True  # the second of two dates: "ngày 30.4 và 1.5"
    if b.endswith("("):
        inner = b[:-1]
        if compiled(r"\s*\)").match(after):
            return True
        b = inner
    return ends_with_word(b, t["day_dash_before"]) or ends_with_word(b, t["dot_day_before"])


def _day_span(m, kind, t, pub_year, before, after):
    """(value, year) of a dotted day ("22.4", "ngày 2-10.8", "23.4 - 1.5") or of a slashed range across
    months ("30/4-1/5", "ngày 10 đến ngày 15/8"); None when it does not read as a date (guide S13)."""
    d, mo, y = int(m["d"]), int(m["m"]), _int(m["y"])
    if y is not None and not _year_ok(y, t):
        return None
    d1, m1 = _int(m["d1"] or m["d0"]), _int(m["m1"])
    if kind == "slash_range" and m1 is None and not m["ngay"] and not ends_with_word(before, ["từ"]):
        return None  # "10 đến 15/8" needs "từ" or "ngày" to be a range of days
    if not _day_ok(d, mo, y):
        return None
    if kind == "dot_day" and not m["ngay"] and not _dot_context(before, after, t):
        return None
    if d1 is None:
        y = y or pub_year
        return _iso(y, mo, d), y
    first_month = m1 or mo
    y1 = y - 1 if (y and first_month > mo) else y
    if not _day_ok(d1, first_month, y1) or (first_month, d1) >= (mo, d) and first_month <= mo:
        return None
    if (m["rs"] or m["rs0"] or "").lower() == "và" and m1:
        return None
    y, y1 = y or pub_year, y1 or (pub_year - (first_month > mo) if pub_year else None)
    return f"{_iso(y1, first_month, d1)}/{_iso(y, mo, d)}", y


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
        if not _year_ok(y, t, bool(m["ngay"])) or not _day_ok(d, mo, y) or (d1 and not (_day_ok(d1, mo, y) and d1 < d)):
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
        if starts_with_word(after(m), t["not_after_dot_day"]):
            continue  # "2-4%", "3-5 tấn": a range of numbers
        if not m["ngay"]:
            in_context = (ends_with_word(before(m), t["day_dash_before"]) or ends_with_word(before(m), t["dot_day_before"])
                          or before(m).rstrip().endswith("("))
            if m["sep"] == "-" and (not in_context or (d1 and not ends_with_word(before(m), t["day_dash_before"]))):
                continue  # "3-5-2" in brackets is a formation, not a range of days
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

    for kind in ("dot_day", "slash_range"):
        for m in pats[kind].finditer(nt):
            got = _day_span(m, kind, t, pub_year, before(m), after(m))
            if got:
                add(m, *got)

    for m in pats["month"].finditer(nt):
        mo, y = _month_num(m["m"], t), _int(m["y"])
        if not 1 <= mo <= 12 or (y is not None and not _year_ok(y, t)):
            continue
        if not m["mod"] and compiled(r"\d\s*$").search(before(m, 6)):
            continue  # "6 tháng 6": a duration before the month name
        if not m["m"].isdigit() and ends_with_word(before(m), t["not_month_before"]):
            continue  # "Cách mạng Tháng Tám": a name
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
        if m["rel"]:  # "nửa đầu năm nay": the year comes from the publication date, else "XXXX"
            y = None if pub_year is None else pub_year + t["relative_years"]["năm " + m["rel"].lower()]
        elif y is not None and not _year_ok(y, t):
            continue
        y = y or pub_year
        first = t["half_words"][m["h"].lower()] == 1
        n = (m["n"] or "").lower()
        count = 6 if m["nua"] else int(n) if n.isdigit() else t["month_counts"][n]
        if count == 3:
            add(m, f"{_iso(y)}-{'Q1' if first else 'Q4'}", y)
        elif count == 6:
            add(m, f"{_iso(y)}-{'H1' if first else 'H2'}", y)
        elif 1 < count < 12:  # "5 tháng đầu năm 2017" -> "2017-01/2017-05" (guide S20)
            a, b = (1, count) if first else (13 - count, 12)
            add(m, f"{_iso(y, a)}/{_iso(y, b)}", y)

    for m in pats["month_range"].finditer(nt):
        m1, m2, y1, y2 = int(m["m1"]), int(m["m2"]), _int(m["y1"]), _int(m["y2"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or any(y is not None and not _year_ok(y, t) for y in (y1, y2)):
            continue
        if y1 is None and y2 is None and m1 > m2:  # "từ tháng 10 đến tháng 2 năm sau": across the new year
            if not compiled(r"đến|tới").search(m.group(0)) or not compiled(r"tháng\s*\d+\D*$").search(m.group(0)):
                continue
            y1 = pub_year
            y2 = pub_year + 1 if pub_year else None
            add(m, f"{_iso(y1, m1)}/{_iso(y2, m2)}", y2)
            continue
        y2 = y2 or y1 or pub_year
        if y1 is None and y2 is not None:
            y1 = y2 if m1 < m2 else y2 - 1
        if (y1, m1) >= (y2, m2) if y1 is not None and y2 is not None else m1 >= m2:
            continue
        add(m, f"{_iso(y1, m1)}/{_iso(y2, m2)}", y2)

    for m in pats["period"].finditer(nt):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if _year_ok(y1, t) and _year_ok(y2, t) and y1 < y2 and not doc_like(m):
            add(m, f"{y1}/{y2}", y2)

    for m in pats["year"].finditer(nt):
        y = int(m["y"])
        if _year_ok(y, t, True) and not (y % 10 == 0 and ends_with_word(before(m), t["decade_before"])):
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
        if y % 10 == 0 and ends_with_word(before(m), t["decade_before"]):
            continue  # "thập niên 1980": a decade
        if ends_with_word(before(m), t["quantity_before"]) and compiled(r"\s*\p{Ll}").match(after(m)):
            continue  # "có 2000 hộ": a count
        if ends_with_word(compiled(r"(?:\s*\S+){0,3}\s*$").search(before(m)).group(0), t["product_before"]) \
                or any(ends_with_word(before(m).rsplit(" ", k)[0] if k else before(m), t["product_before"]) for k in (0, 1, 2)):
            continue  # "Chevrolet Trax 2017": a model, not a date
        add(m, _iso(y), y)
    # a year after a dash: "(Brunei - 1999)", "GII-2017", "VBA - 2017" (the bare-year pattern skips dashes)
    for m in compiled(r"(?<=\p{Lu}[\p{L}]*\)?\s?[-–]\s?)(\d{4})(?![\p{L}\p{N}/]|[-–.,]\d)").finditer(nt):
        y = int(m.group(1))
        if _year_ok(y, t) and not doc_like(m) and not starts_with_word(after(m), t["year_units_after"]):
            out.append((m.start(1), m.end(1), _iso(y), y))
    return [c for c in out if not compiled(r"\s*\(?(?:âm lịch|âl)\b", regex.IGNORECASE).match(low[c[1]:c[1] + 12])]


_DAY = regex.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")
_RANGE_GAP = regex.compile(r"\s*(?:đến|tới|-|–)\s*(?:(?:sáng|chiều|tối|trưa|đêm|hết|ngày)\s+)*", regex.IGNORECASE)
_FROM_TO = regex.compile(r"\s*(?:đến|tới)\s*(?:(?:hết|cuối|đầu|giữa)\s+)?", regex.IGNORECASE)
_FROM = regex.compile(r"(?<![\p{L}])từ\s*(?:(?:cuối|đầu|giữa)\s+)?$", regex.IGNORECASE)
_DAY_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?:(ngày)\s*)?(\d{1,2})\s*(?:đến|tới)\s*(?:ngày\s*)?$", regex.IGNORECASE)


def _start_key(value):
    """(year, month, day) where a DATE value starts, for ordering two ends of a range ("2017-Q3" -> July)."""
    m = compiled(r"(\d{4}|XXXX)(?:-(?:(\d\d)|Q(\d)|H(\d)))?(?:-(\d\d))?").match(value)
    if not m:
        return ("", 0, 0)
    month = int(m[2]) if m[2] else (int(m[3]) - 1) * 3 + 1 if m[3] else 1 if m[4] in (None, "1") else 7
    return (m[1], month, int(m[5]) if m[5] else 0)


def _ranges(nt, chosen):
    """Join two days written as a range into one DATE whose value is the period (guide S13):
    "ngày 6-2 đến ngày 9-3" -> "XXXX-02-06/XXXX-03-09", "sáng 24/3 đến đêm 25/3", and a bare first day
    "ngày 10 đến 31-3" -> "XXXX-03-10/XXXX-03-31", "(27/7/1947 - 27/7/2017)"; after "từ", any two dates
    joined by "đến" ("từ năm 1985 đến năm 1999" -> "1985/1999")."""
    out = []
    for c in chosen:
        m2 = _DAY.fullmatch(c[2])
        if m2 and out:
            p = out[-1]
            m1 = _DAY.fullmatch(p[2])
            gap = _RANGE_GAP.fullmatch(nt, p[1], c[0])
            if m1 and gap:
                y1, y2 = m1.group(1), m2.group(1)
                if y1 == "XXXX" and y2 != "XXXX":
                    y1 = y2 if (m1.group(2), m1.group(3)) <= (m2.group(2), m2.group(3)) else str(int(y2) - 1)
                if (y1, m1.group(2), m1.group(3)) < (y2, m2.group(2), m2.group(3)):
                    out[-1] = (p[0], c[1], f"{y1}-{m1.group(2)}-{m1.group(3)}/{c[2]}", c[3])
                    continue
        if out and "/" not in out[-1][2] and "/" not in c[2] and _FROM_TO.fullmatch(nt, out[-1][1], c[0]) \
                and _FROM.search(nt, max(0, out[-1][0] - 12), out[-1][0]) and _start_key(out[-1][2]) < _start_key(c[2]):
            p = out[-1]  # "từ cuối năm 2016 đến năm 2019" -> "2016/2019", "từ quý III/2017 đến ngày 30/11/2017"
            out[-1] = (p[0], c[1], f"{p[2]}/{c[2]}", c[3])
            continue
        if m2:
            b = _DAY_BEFORE.search(nt, max(0, c[0] - 25), c[0])
            if b and 0 < int(b.group(2)) < int(m2.group(3)) and not (out and out[-1][1] > b.start()):
                start = b.start() if b.group(1) else b.start(2)
                out.append((start, c[1], f"{m2.group(1)}-{m2.group(2)}-{int(b.group(2)):02d}/{c[2]}", c[3]))
                continue
        out.append(c)
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
    for s, e, value, year in _ranges(nt, sorted(chosen)):
        os_, oe = norm.to_original(s, e)
        out.append({"label": "DATE", "text": text[os_:oe], "start": os_, "end": oe, "value": value, "year": year})
    return out
