"""Annotation packets for target-result links: for each sampled target, its sentence, article and date, and
a BROAD set of candidate results (every result of the same actor, whatever its indicator, plus the results
of the same canonical indicator from other actors of the same province), so that the linker's recall is
measured against more than what it proposes. Nothing camket decided about the links is shown.

A packet row is a link-gold row with the answers left empty ("evidence": null, "status": null); the
annotators fill them in (guide section 5) and the rows become the gold of benchmarks/tracking.py.
"""
import random
from collections import defaultdict

from .actors import actor_key, actor_view, region_of
from .dates import article_dates, as_of as as_of_date

LINK_GOLD_FORMAT = "camket.link-gold/1"


def _key(record):
    ind = record.get("indicator")
    return ind.get("key") if isinstance(ind, dict) else None


def _year(record):
    y = (record.get("deadline") or {}).get("year")
    return y if isinstance(y, int) else None


def _brief(record, dates):
    when = dates.get(record.get("article_id")) or {}
    return {"id": record.get("id"), "article_id": record.get("article_id"), "published": when.get("published"),
            "article_year": when.get("year"), "sentence": (record.get("sentence") or {}).get("text"),
            "year_in_sentence": _year(record), "actor": (record.get("actor") or {}).get("text")}


def candidates(target, by_actor, by_region_key, max_n=40):
    """The broad candidate results of one target, same-indicator ones first, then by nearness to its deadline."""
    actor = actor_key(target)
    key = _key(target)
    seen, out = set(), []
    for r in by_actor.get(actor, []) + (by_region_key.get((region_of(target), key), []) if key else []):
        if r.get("id") in seen or r is target:
            continue
        seen.add(r.get("id"))
        out.append(r)
    deadline = _year(target)

    def order(r):
        y = _year(r)
        return (_key(r) != key or key is None, abs((y or 0) - (deadline or y or 0)) if y else 99, r.get("id"))
    return sorted(out, key=order)[:max_n]


def make_packets(records, articles=(), n=150, seed=1, exclude=(), include_empty=False, max_candidates=40,
                 as_of=None):
    """Packet rows for a random sample of ``n`` targets with an actor (articles in ``exclude`` left out)."""
    dates = article_dates(articles)
    exclude = set(exclude)
    results = [r for r in records if r.get("type") == "achievement" and r.get("article_id") not in exclude]
    now = as_of_date(dates, as_of, [_year(r) for r in results])
    by_actor, by_region_key = defaultdict(list), defaultdict(list)
    for r in results:
        if actor_key(r) is not None:
            by_actor[actor_key(r)].append(r)
        if region_of(r) and _key(r):
            by_region_key[(region_of(r), _key(r))].append(r)
    targets = [r for r in records if r.get("type") == "target" and actor_key(r) is not None
               and r.get("article_id") not in exclude]
    rng = random.Random(seed)
    rng.shuffle(targets)
    rows = []
    for t in targets:
        cands = candidates(t, by_actor, by_region_key, max_candidates)
        if not cands and not include_empty:
            continue
        rows.append({
            "format": LINK_GOLD_FORMAT, "target": t.get("id"), "article_id": t.get("article_id"),
            "as_of": now.get("date"), "target_detail": {**_brief(t, dates), "deadline": _year(t),
                                                        "actor": actor_view(t)},
            "candidates": [c.get("id") for c in cands],
            "candidate_details": [_brief(c, dates) for c in cands],
            "indicator_key": None, "evidence": None, "status": None, "annotator": None, "note": None})
        if len(rows) >= n:
            break
    return rows


def packet_markdown(rows):
    """The packets as a readable Markdown document (one section per target, candidates numbered)."""
    out = ["# Target-result link packets", "",
           "For each target: which candidates are evidence for it, and its status as of the date given "
           "(annotation guide, section 5). Fill `evidence` (candidate ids) and `status` in packets.jsonl.", ""]
    for i, row in enumerate(rows, 1):
        t = row["target_detail"]
        actor = (t.get("actor") or {}).get("name")
        out += [f"## {i}. {row['target']} ({row['article_id']}, published {t.get('published') or 'unknown'})", "",
                f"**Target** ({actor}; deadline {t.get('deadline') or 'none stated'}; status as of "
                f"{row.get('as_of') or 'unknown'}): {t.get('sentence')}", ""]
        for j, c in enumerate(row["candidate_details"], 1):
            out.append(f"{j}. `{c['id']}` {c['article_id']}, published {c.get('published') or 'unknown'}"
                       f"{', actor ' + c['actor'] if c.get('actor') else ''}: {c.get('sentence')}")
        out.append("")
    return "\n".join(out) + "\n"
