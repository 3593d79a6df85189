"""What one commitment record says about one canonical indicator: the value, its unit class, its
measure (the level itself, an increase, a reduction, a share of the plan), its period, and when it was
published. Targets give one fact per indicator they name; results one per value.

Rules as data: pipeline/data/tracking.json (measures, parts of a year, physical units, tolerances).
"""
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..extraction.indicators import catalog
from ..tables import load_table


@lru_cache(maxsize=None)
def rules():
    """The tracking rule table with its regexes compiled."""
    t = load_table("tracking")
    m = {k: regex.compile(v) for k, v in t["measure"].items()}
    fractions = [(regex.compile(f["pattern"]), f["months"], f.get("part")) for f in t["fractions"]]
    return {"measure": m, "fractions": fractions, "month_words": t["month_words"],
            "physical": set(t["physical_units"]), "agree": t["agree_tolerance"], "meet": t["meet_tolerance"],
            "object_words": t["object_words"], "object_stop": set(t["object_stopwords"]),
            "object_min": t["object_min_shared"]}


@dataclass
class Fact:
    """One value (or, for a bare record, none) of one indicator in one record."""
    record: dict
    key: str
    metric: dict = None
    value: float = None
    value_max: float = None
    comparator: str = None
    unit_class: str = None
    measure: str = "level"
    year: int = None
    year_source: str = None
    months: int = 12
    part: str = None
    published: str = None
    baseline: dict = None
    plan_year: int = None  # a target's: the deadline, else the year it was set (what a share of a plan is of)
    value_from: str = None  # a target that gives no value: the record of its article whose plan value it takes

    @property
    def id(self):
        return self.record.get("id")

    @property
    def article_id(self):
        return self.record.get("article_id")

    @property
    def fraction(self):
        return self.months / 12

    @property
    def bare(self):
        return self.value is None


def unit_class(metric):
    """Values compare only within one class: percent, rank, money:CUR, qty (counts of things or people),
    other:WORD for physical units (ha, tấn, điểm, bậc ...)."""
    unit = metric.get("unit")
    if unit == "money":
        return "money:" + (metric.get("currency") or "VND")
    if unit == "count":
        return "qty"
    if unit == "other":
        word = (metric.get("word") or "").lower().split()
        first = word[0] if word else ""
        return f"other:{first}" if first in rules()["physical"] else "qty"
    return unit


def metric_keys(record):
    """{metric start: canonical key} for the record's metrics (the indicator's per-value keys, else the
    record's key for its first metric)."""
    ind = record.get("indicator")
    if not isinstance(ind, dict):
        return {}
    metrics = record.get("metrics") or []
    keys = {}
    for m in ind.get("metrics") or []:
        keys[m.get("start")] = m.get("key")
    if metrics and metrics[0].get("start") not in keys:
        keys[metrics[0].get("start")] = ind.get("key")
    return keys


def _low_sentence(record):
    s = record.get("sentence") or {}
    return (s.get("text") or "").lower(), s.get("start") or 0


def measure_of(record, metric, entry):
    """'level', 'increase', 'reduction', 'plan_share' or 'per_time' (a rate per day, week or month) for a
    metric, from the words around it."""
    low, s0 = _low_sentence(record)
    a, b = (metric.get("start") or s0) - s0, (metric.get("end") or s0) - s0
    if not (0 <= a <= b <= len(low)):
        return "level"
    before, after = low[max(0, a - 40):a], low[b:b + 40]
    m = rules()["measure"]
    unit = metric.get("unit")
    if unit == "percent" and m["plan_after"].search(after):
        return "excess" if m["excess_before"].search(before) else "plan_share"
    if entry.get("rate") or unit in ("rank", "level"):
        return "level"
    if m["per_time_before"].search(before) or m["per_time_after"].search(after):
        return "per_time"
    if m["level_before"].search(before):
        return "level"
    if m["reduction_before"].search(before):
        return "reduction"
    if m["increase_before"].search(before) or (unit == "percent" and m["increase_after"].search(after)):
        return "increase"
    return "level"


def is_goal_value(record, metric):
    """Whether a value inside a result sentence is the plan's figure ("thấp hơn mục tiêu 6,7%", "kế hoạch
    cả năm là 9%"): goal words since the last comma, semicolon or bracket before it."""
    low, s0 = _low_sentence(record)
    a = (metric.get("start") or s0) - s0
    return bool(rules()["measure"]["goal_before"].search(low[max(0, a - 80):max(0, a)]))


def period_part(record, published=None):
    """(months, part) of the year a result covers, read from its sentence: (6, "H1") for "6 tháng đầu
    năm", (3, "Q2") for "quý II", (5, "YTD") for "từ đầu năm tới nay" in an article published in June,
    (12, None) when the sentence names no part of a year."""
    return _resolve(_part_in(_low_sentence(record)[0]), published) or (12, None)


def _resolve(found, published):
    """A part of the year with its months known: "since the start of the year" covers the months before the
    publication month (at least 1), or half a year when the article carries no publication date."""
    if not found or found[0] != "published":
        return found
    month = _MONTH.match(str(published or ""))
    months = min(11, max(1, int(month.group(1)) - 1)) if month else 6
    return months, found[1]


_MONTH = regex.compile(r"^\d{4}-(\d{2})")


_YEAR = regex.compile(r"(?<![\d.,])((?:19|20)\d{2})(?!\d)")


def _part_in(text, last=False):
    """(months, part) of the first part-of-year phrase in ``text`` (with ``last``, of the one nearest its
    end), or None. Months "published" is resolved by the caller (year to date)."""
    r = rules()
    if last:  # the phrase ending last; on a tie, the table's earlier (more specific) pattern
        hits = [(m, months, part, i) for i, (pattern, months, part) in enumerate(r["fractions"])
                for m in pattern.finditer(text)]
        candidates = [h[:3] for h in sorted(hits, key=lambda h: (-h[0].end(), h[3]))]
    else:
        candidates = [(pattern.search(text), months, part) for pattern, months, part in r["fractions"]]
    for found, months, part in candidates:
        if not found:
            continue
        if months == "published":
            return months, part
        if months == "group":
            g = found.group(1)
            n = int(g) if g.isdigit() else r["month_words"].get(g)
            if not n or not 1 <= n < 12:
                continue
            return n, part or f"M{n}"
        return months, part or ("H1" if months == 6 else f"M{months}")
    return None


def period_at(record, metric, published=None):
    """(year or None, months, part) a result's value is about: the last year written before the value (not
    one it is compared with: "so với năm 2015") and the part of a year just before that year ("6 tháng đầu
    năm 2017"); without a year before it, None and the part of a year written nearest before the value
    ("nhiệm vụ 6 tháng cuối năm ..., tăng trưởng 6 tháng ước đạt 5,73%": the first six months), else the
    sentence's."""
    low, s0 = _low_sentence(record)
    a = max(0, min(len(low), (metric.get("start") or s0) - s0))
    prefix = low[:a]
    skip = rules()["measure"]["not_period_before"]
    years = [m for m in _YEAR.finditer(prefix) if not skip.search(prefix[max(0, m.start() - 25):m.start()])]
    if years:
        y = years[-1]
        found = _resolve(_part_in(low[max(0, y.start() - 30):a]), published)
        return int(y.group(1)), *(found or (12, None))
    return (None, *(_resolve(_part_in(prefix, last=True), published) or period_part(record, published)))


def says_this_year(record):
    """Whether an undated sentence says its figure is the current year's ("năm nay", "cả năm")."""
    return bool(rules()["measure"]["this_year"].search(_low_sentence(record)[0]))


def refers_to_plan(record):
    """Whether a sentence refers to a plan or goal ("mục tiêu", "kế hoạch đề ra", "chỉ tiêu được giao")."""
    return bool(rules()["measure"]["plan_reference"].search(_low_sentence(record)[0]))


def period_start(record, deadline=None):
    """The first year of the period a sentence names ("giai đoạn 2016 - 2020", "từ năm 2021 đến năm 2025")
    that ends at ``deadline`` (any period when None), or None."""
    for found in rules()["measure"]["period_range"].finditer(_low_sentence(record)[0]):
        if deadline is None or int(found.group(2)) == deadline:
            return int(found.group(1))
    return None


def _baseline(record, metrics, i):
    """When the i-th metric is the start of "từ X lên Y", (the value metric Y, the baseline X)."""
    if i + 1 >= len(metrics):
        return metrics[i], None
    low, s0 = _low_sentence(record)
    a = (metrics[i].get("start") or 0) - s0
    between = low[(metrics[i].get("end") or 0) - s0:(metrics[i + 1].get("start") or 0) - s0]
    if low[max(0, a - 6):a].rstrip().endswith("từ") and rules()["measure"]["baseline_between"].search(between) \
            and unit_class(metrics[i]) == unit_class(metrics[i + 1]):
        return metrics[i + 1], metrics[i]
    return metrics[i], None


def record_facts(record, dates):
    """The facts of one record: for a target, one per canonical key it names (its first value of that key);
    for a result, one per value with a key. A record with a key and no value gives one bare fact."""
    keys = metric_keys(record)
    ind = record.get("indicator") if isinstance(record.get("indicator"), dict) else {}
    cat = catalog()
    when = dates.get(record.get("article_id")) or {}
    deadline = (record.get("deadline") or {}).get("year")
    if isinstance(deadline, bool) or not isinstance(deadline, int):
        deadline = None
    months, part = period_part(record, when.get("published")) if record.get("type") == "achievement" else (12, None)
    base = {"published": when.get("published")}
    if deadline:
        base.update(year=deadline, year_source="sentence")
    elif record.get("type") == "achievement" and when.get("year"):
        base.update(year=when["year"], year_source=when["year_source"])
    metrics = [m for m in record.get("metrics") or [] if m.get("unit") != "level" and isinstance(
        m.get("value"), (int, float))]
    out, seen = [], set()
    for i, metric in enumerate(metrics):
        key = keys.get(metric.get("start"))
        if key is None or key not in cat:
            continue
        if record.get("type") == "target" and key in seen:
            continue
        entry = cat[key]
        if metric.get("unit") not in entry["units"]:
            continue
        if record.get("type") == "achievement" and is_goal_value(record, metric):
            continue
        period = dict(base, months=months, part=part)
        if record.get("type") == "achievement":
            year, m_months, m_part = period_at(record, metric, when.get("published"))
            if m_months == 0:  # a holiday's or festival's figure: no share of any yearly goal
                continue
            period.update(months=m_months, part=m_part)
            if year is not None:
                period.update(year=year, year_source="sentence")
        value_metric, baseline = (_baseline(record, metrics, i) if record.get("type") == "target"
                                  else (metric, None))
        seen.add(key)
        measure = measure_of(record, value_metric, entry)
        value = float(value_metric["value"])
        if measure == "excess":  # "vượt 13% so với kế hoạch": 113% of the plan
            measure, value = "plan_share", 100.0 + value
        out.append(Fact(record=record, key=key, metric=value_metric, value=value,
                        value_max=value_metric.get("value_max"), comparator=value_metric.get("comparator"),
                        unit_class=unit_class(value_metric), measure=measure,
                        baseline={"value": float(baseline["value"]), "text": baseline.get("text")} if baseline
                        else None, **period))
    key = ind.get("key")
    if not out and key in cat and not metrics and cat[key].get("bare"):  # a deadline-only target, or its report
        out.append(Fact(record=record, key=key, months=months, part=part, **base))
    return out


def direction(fact, entry):
    """'higher' or 'lower' is better for this fact's value: a rank is better lower, a place gained
    (bậc) or a share of the plan higher, a reduction of a lower-is-better indicator higher."""
    if fact.unit_class == "rank":
        return "lower"
    if fact.measure == "plan_share" or fact.unit_class == "other:bậc":
        return "higher"
    if fact.measure == "reduction":
        return "higher" if entry["direction"] == "lower" else "lower"
    return entry["direction"]


def meets(value, goal, goal_max, way, tolerance=None):
    """Whether ``value`` reaches ``goal`` in direction ``way`` (a range's lower end when higher is better,
    its upper end when lower is better), with a small tolerance for rounding."""
    tol = rules()["meet"] if tolerance is None else tolerance
    if way == "lower":
        g = goal_max if goal_max is not None else goal
        return value <= g + abs(g) * tol
    return value >= goal - abs(goal) * tol


def agree(a, b):
    """Whether two reported values of one figure agree (within the tolerance, or consistent bounds:
    "hơn 900" and 912)."""
    tol = rules()["agree"]
    if abs(a.value - b.value) <= tol * max(abs(a.value), abs(b.value), 1e-9):
        return True
    for lo, hi in ((a, b), (b, a)):
        if lo.comparator in ("more_than", "at_least") and hi.value >= lo.value:
            return True
        if lo.comparator in ("less_than", "at_most") and hi.value <= lo.value:
            return True
        if lo.comparator == "about" and abs(hi.value - lo.value) <= 0.1 * abs(lo.value):
            return True
        if lo.value_max is not None and lo.value <= hi.value <= lo.value_max:
            return True
    return False
