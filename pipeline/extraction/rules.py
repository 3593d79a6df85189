"""The rule layer's own decision: commitment or not, and target or achievement.

Used alone when no model is loaded, and as the baseline the classifier must beat.
"""
MIN_CUE = 1.5


def can_commit(f):
    """Whether a sentence can be a commitment at all: it carries a value, a deadline or a date (or a
    relative deadline, case S5, or a place in a named index, case S8), and is not a forecast ("dự báo"
    with no goal or plan word of the actor: project guide, case S1).

    The classifier sees only these sentences (the others are settled here, cheaply).
    """
    forecast = f.get("cue_prediction", 0.0) and not f.get("cue_own_goal", 0.0)
    no_number = f.get("cue_relative_time", 0.0) or (f.get("cue_index_name", 0.0) and f.get("cue_index_place", 0.0))
    return bool((f["value_or_deadline"] or f["n_dates"] or no_number) and not forecast)


def rule_decide(f):
    """Return (type or None, score in 0..1) from a sentence's rule features."""
    t, a = f["score_target"], f["score_achievement"]
    if not f["value_or_deadline"] or not can_commit(f):
        return None, 0.1
    if f["starts_caption"]:
        return None, 0.1
    if f["cue_hedge"] and t < 3:
        return None, 0.2
    if f["cue_plan_makeup"] and f["n_metrics"] <= 1 and t < 3 and a < 2:
        return None, 0.2
    if f["has_day_date"] and f["cue_event"] and t < 3 and a < 2.5:
        return None, 0.2
    if max(t, a) < MIN_CUE:
        return None, 0.3
    if f["deadline_future"]:
        t += 1.5
    elif f["deadline_past"] or (f["year_past"] and not f["year_future"]):
        a += 1.0
    kind = "target" if t > a else "achievement"
    margin = abs(t - a) / (t + a)
    return kind, round(0.55 + 0.4 * margin, 3)
