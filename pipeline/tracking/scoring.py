"""Measuring the tracker against annotation: indicator-key accuracy on gold commitments or on the targets of
link gold (the readers' `indicator_key`), link precision and recall against link gold, and status accuracy
(overall, and where the links are right).

Link gold (format camket.link-gold/1, JSONL, one row per target; annotation guide section 5):
  target      the target's record id in the commitments tracked (camket's "c_..." or a gold commitment's
              "g_..." from pipeline.tracking.gold), or target_ref {article_id, sentence_start, sentence_end,
              type, index} naming a gold commitment
  candidates  the result ids the annotator looked at
  evidence    those that are evidence for the target ([] when none)
  status      met, missed, on_track, behind or no_evidence, as of the row's as_of date
"""
from .gold import gold_id

STATUSES = ("met", "missed", "on_track", "behind", "no_evidence")


def _ratio(a, b):
    return a / b if b else None


def key_accuracy(records):
    """Indicator-key accuracy of records carrying the gold's key ("gold_indicator_key"): accuracy over all
    (a null gold key counts: a key where none fits is wrong), accuracy over the records the gold gives a key,
    coverage (a key predicted), precision of the keys predicted, and the confusions."""
    rows = [r for r in records if "gold_indicator_key" in r]
    right = sum(1 for r in rows if (r.get("indicator") or {}).get("key") == r["gold_indicator_key"])
    predicted = [r for r in rows if (r.get("indicator") or {}).get("key")]
    right_predicted = sum(1 for r in predicted if r["indicator"]["key"] == r["gold_indicator_key"])
    wrong = [(r["gold_indicator_key"], (r.get("indicator") or {}).get("key"), (r.get("sentence") or {}).get("text"))
             for r in rows if (r.get("indicator") or {}).get("key") != r["gold_indicator_key"]]
    keyed = [r for r in rows if r["gold_indicator_key"]]
    right_keyed = sum(1 for r in keyed if (r.get("indicator") or {}).get("key") == r["gold_indicator_key"])
    return {"n": len(rows), "accuracy": _ratio(right, len(rows)), "coverage": _ratio(len(predicted), len(rows)),
            "precision": _ratio(right_predicted, len(predicted)),
            "gold_keyed": len(keyed), "accuracy_gold_keyed": _ratio(right_keyed, len(keyed)), "wrong": wrong}


def link_gold_keys(gold_rows, records):
    """The target records of link-gold rows that give ``indicator_key`` (null included: none fits), each a
    copy carrying the readers' key as "gold_indicator_key" for `key_accuracy`; and the ids of the rows'
    targets missing from ``records``."""
    by_id = {r.get("id"): r for r in records}
    out, missing = [], []
    for row in gold_rows:
        if "indicator_key" not in row:
            continue
        tid = target_of(row)
        rec = by_id.get(tid)
        if rec is None:
            missing.append(tid)
            continue
        out.append(dict(rec, gold_indicator_key=row["indicator_key"]))
    return out, missing


def target_of(row):
    """The target record id a link-gold row names."""
    if row.get("target"):
        return row["target"]
    ref = row.get("target_ref") or {}
    return gold_id(ref.get("article_id"), ref, ref.get("index", 0))


def score_links(gold_rows, tracks):
    """Link precision / recall and status accuracy of tracks against link-gold rows (rows without answers
    are skipped). A predicted link to a result the annotator never saw is "unjudged", not counted."""
    by_target = {}
    for t in tracks:
        by_target.setdefault((t.get("target") or {}).get("id"), []).append(t)
    tp = fp = fn = unjudged = 0
    status_n = status_right = right_links_n = right_links_status = 0
    confusion = {}
    for row in gold_rows:
        if row.get("evidence") is None:
            continue
        tid = target_of(row)
        gold = set(row["evidence"])
        seen = set(row.get("candidates") or []) | gold
        mine = by_target.get(tid, [])
        predicted = {e["id"] for t in mine for e in t.get("evidence") or []}
        tp += len(predicted & gold)
        fn += len(gold - predicted)
        fp += len((predicted - gold) & seen)
        unjudged += len(predicted - seen)
        if row.get("status") in STATUSES:
            got = _status_of(mine)
            status_n += 1
            status_right += got == row["status"]
            confusion[(row["status"], got)] = confusion.get((row["status"], got), 0) + 1
            if predicted & seen == gold:
                right_links_n += 1
                right_links_status += got == row["status"]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {"targets": sum(1 for r in gold_rows if r.get("evidence") is not None), "tp": tp, "fp": fp, "fn": fn,
            "unjudged": unjudged, "precision": precision, "recall": recall,
            "f1": (2 * precision * recall / (precision + recall)) if precision and recall else None,
            "status_n": status_n, "status_accuracy": _ratio(status_right, status_n),
            "status_n_links_right": right_links_n,
            "status_accuracy_links_right": _ratio(right_links_status, right_links_n),
            "status_confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())}}


def _status_of(tracks):
    """The status camket gives a target: its track's (several indicators: the first decided one), else
    no_evidence (an untracked target has no result linked)."""
    for status in ("met", "missed", "behind", "on_track"):
        if any(t.get("status") == status for t in tracks):
            return status
    return "no_evidence"
