"""Conflicting figures: the same actor, indicator, measure and period reported with values that do not
agree, in different articles (one article repeating itself is not a conflict). Only results whose year
the sentence or the publication date gives are compared: a year guessed from an article's other dates
could put two different periods together.
"""
from collections import defaultdict

from .actors import actor_key
from .facts import agree


def conflict_key(fact):
    """The figure a result reports: (actor, indicator, unit class, measure, year, part of the year)."""
    return (actor_key(fact.record), fact.key, fact.unit_class, fact.measure, fact.year, fact.months, fact.part)


def find_conflicts(results):
    """{conflict key: [facts]} for every figure reported by two or more articles with disagreeing values."""
    groups = defaultdict(list)
    for f in results:
        if f.bare or f.year is None or f.year_source not in ("sentence", "published") or actor_key(f.record) is None:
            continue
        groups[conflict_key(f)].append(f)
    out = {}
    for key, facts in groups.items():
        if len({f.article_id for f in facts}) < 2:
            continue
        if any(not agree(a, b) for i, a in enumerate(facts) for b in facts[i + 1:] if a.article_id != b.article_id):
            out[key] = facts
    return out


def conflict_view(key, facts):
    """A conflict as a track record shows it."""
    actor, indicator, unit_class, measure, year, months, part = key
    return {"indicator": indicator, "year": year, "part": part, "measure": measure, "unit_class": unit_class,
            "values": [{"id": f.id, "article_id": f.article_id, "value": f.value,
                        "text": (f.metric or {}).get("text"), "published": f.published,
                        "sentence": (f.record.get("sentence") or {}).get("text")} for f in facts]}
