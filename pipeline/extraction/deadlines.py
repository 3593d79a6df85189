"""Chooses a commitment's deadline year among the DATE entities of its sentence (annotation
guide 1, "deadline"): the year the sentence itself gives for meeting the target ("đến năm 2025",
"giai đoạn 2021-2025" -> 2025) or reaching the result ("đến ngày 31/10/2020" -> 2020).

Dates that only compare ("so với cùng kỳ năm 2016", "gấp 6 lần năm 1991"), sit inside a quoted
title, or name a document's period ("Nghị quyết ... giai đoạn 2016-2020") are passed over; a
document's date is used only when the sentence gives no other.
"""
import regex

from bisect import bisect_left

from ..text.normalize import normalized_span, original_text
from ..text.compiled import compiled

# words just before a date, strongest first: a deadline is introduced by "đến", "trước", "hết" ...
_STRONG = regex.compile(r"(?<![\p{L}])(?:phấn\s+đấu|mục\s+tiêu|tính\s+đến|đến\s+hết|đến|trước|hết|vào|tới|kết\s+thúc)\s*(?:cuối\s+|hết\s+)?$")
_MEDIUM = regex.compile(r"(?<![\p{L}])(?:trong|ngay\s+trong|cả|cuối|trong\s+thời\s+gian\s+còn\s+lại\s+của|nhiệm\s+kỳ)\s*$")
_WEAK = regex.compile(r"(?<![\p{L}])(?:từ|sau|bình\s+quân|đầu)\s*$")
# a date that is only a point of comparison
_COMPARE_NEAR = regex.compile(r"(?<![\p{L}])(?:so\s+với|cùng\s+kỳ|lần|bình\s+quân|hơn|kém|thay\s+vì)\s*(?:[^\s,;:]+\s+){0,3}$")
_COMPARE_CLAUSE = regex.compile(r"(?<![\p{L}])(?:so\s+với|cùng\s+kỳ)(?![\p{L}])")
# a document's own period or date ("Nghị quyết ... giai đoạn 2016 - 2020 và định hướng đến năm 2030")
_DOCUMENT = regex.compile(
    r"(?<![\p{L}])(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kế\s+hoạch|đề\s+án|chương\s+trình|chiến\s+lược|quy\s+hoạch|"
    r"nghị\s+định|thông\s+tư|luật)(?![\p{L}])"
)
_TARGET_WORDS = regex.compile(r"(?<![\p{L}])(?:mục\s+tiêu|phấn\s+đấu|chỉ\s+tiêu)\s*(?:\S+\s+){0,1}$")
_BOUNDARY = regex.compile(r"[,;:()\[\]“”\"\n]")


def date_year(date):
    """The year a DATE entity points to ("year", else read from "value": "2020/2025" -> 2025)."""
    if date.get("year") is not None:
        return int(date["year"])
    value = str(date.get("value") or "")
    years = compiled(r"(?<!\d)(\d{4})(?!\d)").findall(value.split("/")[-1]) or compiled(r"(?<!\d)(\d{4})(?!\d)").findall(value)
    return int(years[-1]) if years else None


def _inside_quotes(sentence, offset):
    """True when ``offset`` lies inside a quotation opened earlier in the sentence."""
    before = sentence[:offset]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _candidates(source, start, end, dates, kind):
    """Each usable date of the span [start, end) as (tier, score, year, date); tier 1 = own, 0 = a document's."""
    _, norm = normalized_span(source, start, end)
    sentence = norm.text.lower()
    out = []
    for d in dates or ():
        if d.get("start") is None or d["start"] < start or d["end"] > end:
            continue
        year = date_year(d)
        if year is None:
            continue
        rel = bisect_left(norm.starts, d["start"] - start)
        if _inside_quotes(sentence, rel):
            continue
        before = sentence[max(0, rel - 60):rel]
        clause = _BOUNDARY.split(sentence[:rel])[-1]
        if _COMPARE_NEAR.search(before[-30:]) or _COMPARE_CLAUSE.search(clause):
            continue
        if kind == "achievement" and _TARGET_WORDS.search(before[-25:]):
            continue
        # "từ năm 2014 đến nay": the start of a period running to an unstated present, not a year reached
        # ("từ đầu năm 2017 đến nay" does state it: the present is still in 2017)
        rel_end = bisect_left(norm.starts, d["end"] - start)
        if (compiled(r"(?<![\p{L}])từ\s*$").search(before) and compiled(r"[\s,]*(?:đến|tới)\s+nay(?![\p{L}])").match(sentence[rel_end:])
                and not compiled(r"\s*đầu").match(sentence[rel:rel_end])):
            continue
        if _STRONG.search(before):
            score = 3
        elif "/" in str(d.get("value") or "") and compiled(r"\d{4}.*/.*\d{4}").search(str(d.get("value"))):
            score = 3  # a period: its end year
        elif _WEAK.search(before):
            score = 1
        else:
            score = 2  # "trong năm 2024", "Năm 2017, ...", "cuối năm 2021"
        if kind == "target" and _TARGET_WORDS.search(before[-25:]):
            score += 0.5
        tier = 0 if _DOCUMENT.search(clause) else 1
        out.append((tier, score, year, d))
    return out


def _best(cands):
    """The candidates of the best tier and score."""
    if not cands:
        return []
    tier = max(c[0] for c in cands)
    cands = [c for c in cands if c[0] == tier]
    top = max(c[1] for c in cands)
    return [c for c in cands if c[1] == top]


def _near(cands, text, start, end, near):
    """The date the commitment at offset ``near`` belongs to: the closest one before it in its
    ";"-part of the sentence, else the closest after it there ("tăng 26% của năm 2016")."""
    if not cands:
        return None
    tier = max(c[0] for c in cands)
    pool = [c for c in cands if c[0] == tier and c[1] >= 2]
    part_start = text.rfind(";", start, near) + 1 or start
    part_end = text.find(";", near, end)
    part_end = end if part_end < 0 else part_end
    pool = [c for c in pool if part_start <= c[3]["start"] and c[3]["end"] <= part_end]
    before = [c for c in pool if c[3]["end"] <= near]
    if before:
        return max(before, key=lambda c: c[3]["start"])
    after = [c for c in pool if c[3]["start"] >= near]
    return min(after, key=lambda c: c[3]["start"]) if after else None


def find_deadline(source, start, end, dates, kind="target", near=None):
    """The deadline year of the commitment stated in ``text[start:end]``, chosen among the DATE
    entities ``dates``: {"year", "text", "start", "end"} of the chosen date, or None.

    ``near`` (an offset, e.g. the commitment's first metric) picks, in a sentence holding several
    commitments, the date written closest before it ("đến năm 2025 ... 15; đến năm 2030 ... 10")."""
    text = original_text(source)
    cands = _candidates(source, start, end, dates, kind)
    chosen = _near(cands, text, start, end, near) if near is not None else None
    if chosen is None:
        best = _best(cands)
        if not best:
            return None
        # several equally good: the latest year (a target's end; the latest result reported)
        chosen = max(best, key=lambda c: (c[2], -c[3]["start"]))
    tier, score, year, d = chosen
    return {"year": year, "text": text[d["start"]:d["end"]], "start": d["start"], "end": d["end"]}


def find_deadlines(source, start, end, dates, kind=None):
    """All equally good deadline dates of ``text[start:end]`` (a sentence holding several
    commitments: "đến năm 2025 ...; đến năm 2030 ..."), in text order, one per year."""
    text = original_text(source)
    seen, out = set(), []
    for tier, score, year, d in sorted(_best(_candidates(source, start, end, dates, kind)), key=lambda c: c[3]["start"]):
        if year in seen:
            continue
        seen.add(year)
        out.append({"year": year, "text": text[d["start"]:d["end"]], "start": d["start"], "end": d["end"]})
    return out
