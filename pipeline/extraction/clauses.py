"""Splits a commitment sentence into clauses when it states several commitments.

"... đến năm 2025 đạt top 15 ...; đến năm 2030, ... nhóm 10 ..." holds two
targets: each clause gets its own deadline and the metrics inside it.
"Với mức tăng trưởng 30% như hiện nay, ... đón 13 triệu lượt khách cho cả năm"
holds the present state (an achievement) and the goal it is measured against.
"""
import regex

from ..tables import load_table
from ..text.normalize import fold_key
from .cues import cue_pattern, cue_weights, find_cues

_DEADLINE_CUE = regex.compile(
    r"(?:từ nay |phấn đấu |mục tiêu )?(?:đến hết|đến cuối|đến|tới|trước|trong|cuối|hết|vào|sau|giai đoạn)"
    r"(?: năm| tháng| ngày| quý)?\s*$")
_SEPARATOR = regex.compile(r"[;:,.]|\bvà\b|\bcòn\b")


def _plan_name_pattern():
    table = load_table("triggers")
    plan = "|".join(regex.escape(w) for w in sorted(table["plan_name"], key=len, reverse=True))
    brk = "|".join(regex.escape(w) for w in sorted(table["plan_name_breakers"], key=len, reverse=True))
    return (regex.compile(r"(?<!\p{L})(?:" + plan + r")(?!\p{L})"),
            regex.compile(r"[;:.]|(?<!\p{L})(?:" + brk + r")(?!\p{L})"))


_PLAN, _PLAN_BREAK = _plan_name_pattern()


def in_plan_name(text, start, date):
    """True when a date belongs to a document's or plan's name ("Đề án ... giai đoạn 2020-2025, tầm nhìn đến năm 2030")."""
    window = fold_key(text[max(start, date["start"] - 160):date["start"]])
    last = None
    for m in _PLAN.finditer(window):
        last = m
    if last is None:
        return False
    return not _PLAN_BREAK.search(window, last.end())


def deadline_dates(text, start, dates):
    """DATE entities of a sentence that read as deadlines: a year with a cue such as 'đến', 'trước', 'giai đoạn'."""
    out = []
    for d in dates:
        if not d.get("year") or in_plan_name(text, start, d):
            continue
        before = fold_key(text[max(start, d["start"] - 24):d["start"]])
        own = fold_key(d["text"])
        if _DEADLINE_CUE.search(before) or own.startswith(("giai đoạn", "cuối năm", "hết năm")) or "/" in (d.get("value") or ""):
            out.append(d)
    return out


def clause_spans(text, start, end, dates):
    """(start, end) clauses of a sentence, one per distinct deadline year; the whole sentence if fewer than two."""
    dl = deadline_dates(text, start, dates)
    years = []
    cuts = []
    for d in dl:
        if d["year"] in years:
            continue
        if years:
            prev_end = cuts[-1][1]
            between = text[prev_end:d["start"]]
            if not _SEPARATOR.search(between):
                continue
            cut = _cue_start(text, prev_end, d["start"])
            cuts.append((cut, d["end"]))
        else:
            cuts.append((start, d["end"]))
        years.append(d["year"])
    if len(cuts) < 2:
        return [(start, end)]
    bounds = [c[0] for c in cuts] + [end]
    return [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]


def _cue_start(text, lo, date_start):
    """Where the clause of a deadline begins: after the last separator before it."""
    seg = text[lo:date_start]
    last = None
    for m in _SEPARATOR.finditer(seg):
        last = m
    return lo + (last.end() if last else 0)


def clause_type(text, start, end, default, years=(), reference_year=None):
    """Target or achievement for one clause by its own cue scores and the place of its deadline
    ``years`` against the article's ``reference_year``; the sentence's type when unclear."""
    cues = find_cues(fold_key(text[start:end]))
    w = cue_weights()
    t = sum(w["target"].get(h[0], 0) for h in cues["target"])
    a = sum(w["achievement"].get(h[0], 0) for h in cues["achievement"])
    if years and reference_year:
        if max(years) > reference_year:
            t += 1.5
        elif max(years) < reference_year:
            a += 1.5
    if t >= 2 and t > a + 1:
        return "target"
    if a >= 2 and a > t + 1:
        return "achievement"
    return default


_CLAUSE_END = regex.compile(r"[,;:]")


def current_value_split(text, start, end, metrics):
    """[(start, end, type)] for "X% như hiện nay, ... <goal>": the clause holding the values said to be
    the present state is an achievement, the rest the target measured against it; [] if no such form.

    Only when the present-state values all come before the others and none follows "thay vì" / "so với"
    (a baseline is not a result, guide S3).
    """
    current, other = [], []
    for m in sorted(metrics, key=lambda m: m["start"]):
        after = fold_key(text[m["end"]:min(end, m["end"] + 30)])
        before = fold_key(text[max(start, m["start"] - 14):m["start"]])
        if cue_pattern("current_value").match(after.lstrip()) and not cue_pattern("baseline").search(before):
            current.append(m)
        else:
            other.append(m)
    if not current or not other or max(m["end"] for m in current) > min(m["start"] for m in other):
        return []
    last = max(current, key=lambda m: m["end"])
    sep = _CLAUSE_END.search(text, last["end"], min(m["start"] for m in other))
    if sep is None:
        return []
    return [(start, sep.end(), "achievement"), (sep.end(), end, "target")]
