"""Which results are evidence for a target: the same actor and canonical indicator, a compatible value
(same unit class and measure, or a share of the plan of the deadline year), and a period from the year
the target was set up to its deadline (a result reported later about that period counts). Results from
before the target was set are its baseline, not its evidence.

Inside the target's own article: a result with no year anywhere (no sentence year, no publication date, no
dates in the article) is about the article's time and is evidence; a value written in the target's own
sentence with no year of its own ("Hiện đạt 18%, ... sẽ nâng lên 40%") is where the line starts, a
baseline; and a flow's full-year figure with no year of its own, in the article that sets the plan of
that year, is the year before's (the plan of a year is set before the year's result exists).

A join: results are indexed by (actor, indicator key), so a target looks only at its own bucket (and, for
shares of the plan, the buckets of the keys whose plans it shares: "48% mục tiêu lợi nhuận" for a target
on pre-tax profit).
"""
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

import regex

from .actors import actor_key
from .facts import rules, says_this_year

_WORD = regex.compile(r"[\p{L}\p{N}]+")


def index_results(facts):
    """{(actor key, indicator key): [result facts]}; facts without an actor are left out."""
    index = defaultdict(list)
    for f in facts:
        actor = actor_key(f.record)
        if actor is not None:
            index[(actor, f.key)].append(f)
    return index


@lru_cache(maxsize=65536)
def _object_bigrams(text):
    r = rules()
    words = [w for w in _WORD.findall(text.lower())]
    out = set()
    for a, b in zip(words, words[1:]):
        pair = f"{a} {b}"
        if pair in r["object_stop"] or (a in r["object_stop"] and b in r["object_stop"]):
            continue
        if a.isdigit() and b.isdigit():
            continue
        out.add(pair)
    return frozenset(out)


def same_object(a, b):
    """Whether two sentences name the same project (enough shared content word pairs)."""
    sa = _object_bigrams((a.record.get("sentence") or {}).get("text") or "")
    sb = _object_bigrams((b.record.get("sentence") or {}).get("text") or "")
    return len(sa & sb) >= rules()["object_min"]


def compatible(target, result, entry):
    """Whether a result's value can be compared with the target's (or, for a target without a value,
    whether the result reports the same indicator, the same project for 'object' indicators). A share of
    the plan compares with the target of the plan's year (the deadline, else the year it was set)."""
    if result.key != target.key and (target.bare or result.measure != "plan_share"):
        return False  # another key's bucket lends only its shares of the plan
    if entry.get("match") == "object" and not same_object(target, result):
        return False
    if target.bare:
        return True
    if result.bare:
        return False
    if result.measure == "plan_share":
        year = target.plan_year
        return year is not None and result.year == year and target.measure != "plan_share"
    return result.unit_class == target.unit_class and result.measure == target.measure


def bucket_of(target, index, entry, actor):
    """The results a target looks at: its own (actor, key) bucket, plus the shares of the plan reported
    under the keys the indicator shares its plan with (``plan_shared_with`` in the table)."""
    bucket = list(index.get((actor, target.key), ()))
    for other in entry.get("plan_shared_with") or ():
        bucket += [r for r in index.get((actor, other), ()) if r.measure == "plan_share"]
    return bucket


def _same_sentence(a, b):
    sa, sb = a.record.get("sentence") or {}, b.record.get("sentence") or {}
    return a.article_id == b.article_id and sa.get("start") == sb.get("start") and sa.get("end") == sb.get("end")


def link(target, bucket, entry, set_year):
    """(evidence, baselines): the compatible results of the bucket inside the target's window, ordered by
    period then publication date; and the compatible results from before the target was set."""
    evidence, baselines = [], []
    own_year = lambda r: r.year_source == "sentence"  # noqa: E731
    for r in bucket:
        if r.record is target.record or not compatible(target, r, entry):
            continue
        same_article = r.article_id is not None and r.article_id == target.article_id
        if same_article and _same_sentence(target, r) and not own_year(r) and not target.bare:
            baselines.append(r)  # "Hiện đạt 18%, ... sẽ nâng lên trên 40%": where the line starts
            continue
        if (same_article and entry["kind"] == "flow" and not target.bare and r.months == 12 and not own_year(r)
                and target.plan_year is not None and r.year is not None and r.year >= target.plan_year - 1
                and not says_this_year(r.record)):
            # the plan of a year is set before that year's result exists: an undated full-year figure
            # beside it is the year before's
            baselines.append(replace(r, year=target.plan_year - 1, year_source="target_article"))
            continue
        if r.year is None:
            if same_article:  # no date anywhere: about the time of the target's own article
                evidence.append(replace(r, year=target.plan_year, year_source="target_article"))
            continue
        if target.year is not None and r.year > target.year:
            continue
        if set_year is not None and r.year < set_year:
            baselines.append(r)
            continue
        evidence.append(r)
    order = lambda f: (f.year or 0, f.months, f.published or "", f.article_id or "", f.id or "")  # noqa: E731
    return sorted(evidence, key=order), sorted(baselines, key=order)
