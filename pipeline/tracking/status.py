"""A target's status from its evidence, with the indicator's direction and the target's comparator:

- met: a result reaches the target (for a flow indicator, the deadline year's own result, or a
  running total of that year that already reaches it; for a stock, any result up to the deadline);
- missed: the deadline has passed and the deadline year's full-year result falls short;
- on_track / behind: the latest result against the straight line from a baseline to the target (for a
  flow, from zero at the start of the deadline year); without a baseline, against the target itself;
- no_evidence: no comparable result (a target without a value is met by a report of it, never missed).
"""
from .dates import passed
from .facts import direction, meets
from .wording import number


def _summable(target):
    return target.unit_class is not None and (target.unit_class.startswith("money") or target.unit_class == "qty") \
        and target.measure == "level"


def _goal(target, result, entry):
    """(goal, goal_max, way) a result is compared with: 100% for a share of the plan, else the target."""
    if result.measure == "plan_share":
        return 100.0, None, "higher"
    return target.value, target.value_max, direction(target, entry)


def _expected(target, result, entry, baseline):
    """(expected value at the result's date, how it was found) on the way to the target."""
    goal, goal_max, way = _goal(target, result, entry)
    flow = entry["kind"] == "flow"
    if result.measure == "plan_share" or (flow and _summable(target)):
        year = target.year if result.measure != "plan_share" else target.plan_year
        if year is not None and result.year == year and result.months < 12:
            return goal * result.fraction, f"{result.months}/12 of the year's goal (a straight line from zero)"
        return goal, "the goal itself"
    if baseline is not None and target.year is not None and result.year is not None and baseline["year"] < target.year:
        t0, b = baseline["year"], baseline["value"]
        t = result.year - 1 + result.fraction
        if t0 < t <= target.year:
            share = (t - t0) / (target.year - t0)
            return b + (goal - b) * share, (f"the straight line from {number(b)} in {t0} to {number(goal)} in "
                                            f"{target.year} ({share:.0%} of the way)")
    return goal, "the target itself (no baseline)"


def _latest(evidence):
    """The result of the latest period (year, then months covered); several of them: the median value, so
    that one stray figure of that period does not decide."""
    last = max((r.year or 0, r.months) for r in evidence)
    same = sorted((r for r in evidence if (r.year or 0, r.months) == last), key=lambda r: r.value)
    return same[len(same) // 2]


def decide(target, evidence, entry, baseline, now):
    """{"status", "decided_by" (fact or None), "expected", "basis", "final", "meets" (one bool or None per
    piece of evidence)} for one target."""
    if not evidence:
        return {"status": "no_evidence", "decided_by": None, "expected": None, "basis": None, "final": False,
                "meets": []}
    if target.bare:
        return {"status": "met", "decided_by": evidence[-1], "expected": None,
                "basis": "a result reports it", "final": True, "meets": [None] * len(evidence)}
    flow = entry["kind"] == "flow"
    Y = target.year
    reached, checks = [], []
    for r in evidence:
        goal, goal_max, way = _goal(target, r, entry)
        ok = meets(r.value, goal, goal_max, way)
        checks.append(ok)
        # a flow's year is settled only by a result whose sentence names that year (a publication date
        # alone may date a report of last year's figure or of part of this year)
        full = (r.months == 12 or not flow) if Y is None else (
            r.year == Y and r.months == 12 and (r.year_source == "sentence" or not flow))
        running = Y is not None and r.year == Y and r.year_source == "sentence" and (
            _summable(target) or r.measure == "plan_share")
        if ok and (not flow or full or running):
            reached.append(r)
    if reached:
        return {"status": "met", "decided_by": reached[0], "expected": None, "basis": "the result reaches the target",
                "final": True, "meets": checks}
    latest = _latest(evidence)
    if Y is not None and passed(Y, now):
        # the deadline year's own figure: the full year, in a sentence that names that year (a figure dated
        # only by its article is of when it was written: a stock may still rise, a flow is partial)
        finals = [r for r in evidence if r.year == Y and r.months == 12 and r.year_source == "sentence"]
        if finals:
            return {"status": "missed", "decided_by": finals[-1], "expected": None,
                    "basis": "the deadline has passed and the deadline year's result falls short", "final": True,
                    "meets": checks}
    expected, basis = _expected(target, latest, entry, baseline)
    goal, goal_max, way = _goal(target, latest, entry)
    ok = meets(latest.value, expected, None, way)
    return {"status": "on_track" if ok else "behind", "decided_by": latest, "expected": expected,
            "basis": basis, "final": False, "meets": checks}
