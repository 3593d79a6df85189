"""The whole join: facts from every record, results indexed by (actor, indicator), each target linked to
its evidence, given a status, and checked for conflicting figures. Linear in the records (plus the size
of each target's own bucket)."""
from collections import defaultdict
from dataclasses import replace

from ..extraction.indicators import catalog
from .actors import actor_key
from .conflicts import conflict_key, conflict_view, find_conflicts
from .dates import article_dates, as_of as as_of_date
from .facts import period_start, record_facts, refers_to_plan
from .linking import bucket_of, index_results, link
from .records import build_track, group_id
from .status import decide


GROUP_LIST = 50  # ids listed per group (a track names at most this many fellow targets)


def _baseline(target, baselines, set_year):
    """The line's start: "từ X" in the target's own sentence (at the year it was set), else the latest
    comparable result from before the target was set."""
    if target.baseline and set_year:
        return {"value": target.baseline["value"], "year": set_year, "text": target.baseline.get("text"),
                "id": target.id, "article_id": target.article_id, "source": "target sentence"}
    usable = [b for b in baselines if not b.bare and b.measure == target.measure and b.months == 12]
    if usable:
        b = usable[-1]
        return {"value": b.value, "year": b.year, "text": (b.metric or {}).get("text"), "id": b.id,
                "article_id": b.article_id, "source": "earlier result"}
    return None


def borrowed_values(valueless, targets, cat):
    """Facts for targets that name an indicator measured by a value but give none and refer to a plan
    ("hoàn thành mục tiêu tăng trưởng như kế hoạch đề ra"): the plan's value, from the target of the same
    actor and indicator that states it in the same article (the one of the same deadline year when there
    are several)."""
    plans = defaultdict(list)
    for f in targets:
        if not f.bare and actor_key(f.record) is not None:
            plans[(f.article_id, actor_key(f.record), f.key)].append(f)
    out = []
    for r in valueless:
        ind = r.get("indicator") if isinstance(r.get("indicator"), dict) else {}
        key, actor = ind.get("key"), actor_key(r)
        if key not in cat or cat[key].get("bare") or actor is None or any(
                isinstance(m.get("value"), (int, float)) for m in r.get("metrics") or []):
            continue
        if not refers_to_plan(r):
            continue
        found = plans.get((r.get("article_id"), actor, key))
        if not found:
            continue
        deadline = (r.get("deadline") or {}).get("year")
        deadline = deadline if isinstance(deadline, int) and not isinstance(deadline, bool) else None
        plan = next((f for f in found if deadline is not None and f.year == deadline), found[0])
        year = deadline if deadline is not None else plan.year
        out.append(replace(plan, record=r, year=year, value_from=plan.id,
                           year_source="sentence" if deadline is not None else plan.year_source))
    return out


def track(records, articles=(), as_of=None):
    """(track records, summary) for commitment records and their article records."""
    dates = article_dates(articles)
    cat = catalog()
    targets, results = [], []
    n_targets = 0
    valueless = []
    for r in records:
        kind = r.get("type")
        if kind == "target":
            n_targets += 1
            facts = record_facts(r, dates)
            targets.extend(facts)
            if not facts:
                valueless.append(r)
        elif kind == "achievement":
            results.extend(record_facts(r, dates))
    targets.extend(borrowed_values(valueless, targets, cat))
    now = as_of_date(dates, as_of, [f.year for f in results if f.year_source == "sentence"])
    index = index_results(results)
    conflicts = find_conflicts(results)
    conflicting_ids = {f.id for facts in conflicts.values() for f in facts}
    groups = defaultdict(list)
    for t in targets:
        actor = actor_key(t.record)
        if actor is not None:
            groups[(actor, t.key, t.year)].append(t)
    tracks, no_actor = [], 0
    for t in targets:
        actor = actor_key(t.record)
        if actor is None:
            no_actor += 1
            continue
        entry = cat[t.key]
        when = dates.get(t.article_id) or {}
        set_year, source = when.get("year"), when.get("year_source")
        start = period_start(t.record, t.year)
        if start is not None and source != "published" and (set_year is None or start < set_year):
            # "giai đoạn 2016 - 2020, hoàn thành ... 137 DN" by 2020 in an undated article: the plan runs
            # from the period's first year (the years an undated plan article names centre on its deadlines)
            set_year, source = start, "target_sentence"
        if set_year is not None and t.year is not None and set_year > t.year:
            set_year, source = t.year, "deadline"
        t.plan_year = t.year if t.year is not None else set_year
        evidence, baselines = link(t, bucket_of(t, index, entry, actor), entry, set_year)
        baseline = _baseline(t, baselines, set_year) if not t.bare else None
        verdict = decide(t, evidence, entry, baseline, now)
        members = groups[(actor, t.key, t.year)]
        values = {(m.value, m.unit_class, m.measure) for m in members if not m.bare}
        group = {"id": group_id(actor, t.key, t.year), "size": len(members),
                 "targets": [m.id for m in members[:GROUP_LIST]], "values_differ": len(values) > 1}
        keys = {conflict_key(e) for e in evidence if e.id in conflicting_ids}
        views = [conflict_view(k, conflicts[k]) for k in keys if k in conflicts]
        tracks.append(build_track(t, set_year, source, evidence, verdict, baseline, group, now,
                                  sorted(views, key=lambda v: (v["year"] or 0, v["indicator"])), conflicting_ids))
    by_status = defaultdict(int)
    for tr in tracks:
        by_status[tr["status"]] += 1
    summary = {"records": len(records), "targets": n_targets, "tracks": len(tracks),
               "keyed_targets_without_actor": no_actor, "results": len(results),
               "conflicts": len(conflicts), "status": dict(sorted(by_status.items())), "as_of": now}
    return tracks, summary
