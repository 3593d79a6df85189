"""Track records (schema camket.track/1): one per tracked target and indicator, carrying the target's and
every piece of evidence's record id, article id, sentence, value and dates, the status, the reason in a
sentence, and the conflicting figures among the evidence, so that a person can check each verdict.
"""
from ..extraction.indicators import catalog
from ..records import text_hash
from . import TRACK_SCHEMA
from .actors import actor_view
from .wording import number, part_label


def track_id(target_id, key):
    """Stable id of a track: its target record and indicator."""
    return "t_" + text_hash(f"{target_id}\x00{key}", 20)


def group_id(actor, key, year):
    """Stable id of the group of targets of one actor, indicator and deadline year."""
    return "g_" + text_hash(f"{actor}\x00{key}\x00{year}", 16)


def _span(record):
    s = record.get("sentence") or {}
    return s.get("text"), s.get("start"), s.get("end")


def value_text(fact):
    """The value as written ("20%", "3.048 tỷ đồng"), else the number and unit."""
    if fact is None or fact.bare:
        return None
    metric = fact.metric or {}
    if metric.get("text"):
        return metric["text"]
    return f"{fact.value:g} {metric.get('unit') or ''}".strip()


def period_text(fact):
    """The period a fact covers, for people, or None."""
    return part_label(fact.part, fact.year)


def target_view(fact, set_year, set_year_source):
    text, start, end = _span(fact.record)
    metric = fact.metric or {}
    return {"id": fact.id, "article_id": fact.article_id, "sentence": text, "sentence_start": start,
            "sentence_end": end, "value": fact.value, "value_max": fact.value_max, "comparator": fact.comparator,
            "unit": metric.get("unit"), "currency": metric.get("currency"), "word": metric.get("word"),
            "unit_class": fact.unit_class, "value_text": value_text(fact), "measure": fact.measure,
            "deadline": fact.year, "published": fact.published, "set_year": set_year,
            "set_year_source": set_year_source, "value_from": fact.value_from}


def evidence_view(fact, ok, conflicting):
    text, start, end = _span(fact.record)
    metric = fact.metric or {}
    return {"id": fact.id, "article_id": fact.article_id, "sentence": text, "sentence_start": start,
            "sentence_end": end, "value": fact.value, "value_max": fact.value_max, "comparator": fact.comparator,
            "unit": metric.get("unit"), "unit_class": fact.unit_class, "value_text": value_text(fact),
            "measure": fact.measure,
            "period": {"year": fact.year, "part": fact.part, "months": fact.months, "source": fact.year_source},
            "published": fact.published, "meets_target": ok, "conflict": conflicting}


def reason(target, verdict, actor, entry, now):
    """The verdict in one plain sentence (English), naming the values and periods it rests on."""
    name = entry["en"]
    goal = value_text(target) or "it"
    by = f" by {target.year}" if target.year else ""
    r = verdict.get("decided_by")
    status = verdict["status"]
    who = actor["name"] if actor else "the actor"
    if status == "no_evidence":
        return f"No comparable result of {who} on {name} was found for the target {goal}{by}."
    got = f"{value_text(r) or 'a report'}" + (f" ({period_text(r)}, article {r.article_id})" if r else "")
    if status == "met":
        if target.bare:
            return f"{who} reports {name}{by}: {got}."
        return f"Target {goal}{by}; result {got} reaches it."
    if status == "missed":
        when = f"as of {now['date']}" if now.get("date") else ""
        return f"Deadline {target.year} has passed {when}; the {target.year} result {got} falls short of {goal}."
    exp = number(verdict.get("expected"))
    word = "on track" if status == "on_track" else "behind"
    return f"Target {goal}{by}; latest result {got} against {exp} expected from {verdict['basis']}: {word}."


def build_track(target, set_year, set_year_source, evidence, verdict, baseline, group, now, conflicts,
                conflicting_ids):
    """One track record."""
    entry = catalog()[target.key]
    ind = target.record.get("indicator") if isinstance(target.record.get("indicator"), dict) else {}
    actor_v = actor_view(target.record)
    dated = all(e.published for e in evidence)
    return {
        "schema": TRACK_SCHEMA,
        "id": track_id(target.id, target.key),
        "status": verdict["status"],
        "reason": reason(target, verdict, actor_v, entry, now),
        "actor": actor_v,
        "indicator": {"key": target.key, "name": entry["name"], "en": entry["en"], "direction": entry["direction"],
                      "kind": entry["kind"], "text": ind.get("text")},
        "target": target_view(target, set_year, set_year_source),
        "evidence": [evidence_view(e, ok, e.id in conflicting_ids) for e, ok in zip(evidence, verdict["meets"])],
        "decided_by": verdict["decided_by"].id if verdict.get("decided_by") else None,
        "expected": verdict.get("expected"),
        "basis": verdict.get("basis"),
        "final": verdict.get("final", False),
        "baseline": baseline,
        "group": group,
        "as_of": now,
        "ordered_by": "published" if dated else "period years in the sentences (no publication date for "
                                                  "some evidence)",
        "conflicts": conflicts,
    }
