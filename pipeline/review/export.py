"""Verdicts out of the store: flat rows (JSONL/CSV), gold rows `camket train` reads, and the verdicts on
the links between targets and results (links.jsonl, one row per link, and links.gold.jsonl, one row per
target in the link-gold format of benchmarks/tracking.py).

Gold rows follow the resolved format of corpus gold.jsonl: one row per article with
`commitments` (correct claims as extracted, needs-correction claims with the reviewer's
fields applied), `entities` [] and `negatives` [{sentence_start, sentence_end}] for wrong claims.
"""
import csv
import io
import json
from pathlib import Path

from ..errors import CamketError
from ..io.spreadsheet import spreadsheet_safe

CSV_FIELDS = ["id", "article_id", "verdict", "note", "updated_at", "type", "sentence_start", "sentence_end",
              "sentence", "deadline", "actor", "metrics", "corrected"]
_METRIC_KEYS = ("value", "unit", "comparator", "value_max", "currency", "word")
TYPES = ("target", "achievement")
UNITS = ("percent", "rank", "level", "count", "money", "other")
COMPARATORS = ("at_least", "more_than", "at_most", "less_than", "about")


def clean_correction(corrected):
    """A reviewer's corrected fields checked against the gold format; raises ValueError with a human reason.

    Accepts type, deadline (year or null), actor (name or null) and metrics [{value, unit, comparator?}].
    """
    if not isinstance(corrected, dict):
        raise ValueError("corrected must be an object")
    unknown = set(corrected) - {"type", "deadline", "actor", "metrics"}
    if unknown:
        raise ValueError(f"unknown corrected field(s): {', '.join(sorted(unknown))}")
    out = {}
    if "type" in corrected:
        if corrected["type"] not in TYPES:
            raise ValueError("type must be target or achievement")
        out["type"] = corrected["type"]
    if "deadline" in corrected:
        year = corrected["deadline"]
        if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200):
            raise ValueError("deadline must be a year (1900-2200) or null")
        out["deadline"] = year
    if "actor" in corrected:
        actor = corrected["actor"]
        if actor is not None and not isinstance(actor, str):
            raise ValueError("actor must be a name or null")
        out["actor"] = actor.strip() or None if isinstance(actor, str) else None
    if "metrics" in corrected:
        metrics = corrected["metrics"]
        if not isinstance(metrics, list):
            raise ValueError("metrics must be a list")
        out["metrics"] = []
        for m in metrics:
            value = m.get("value") if isinstance(m, dict) else None
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
                raise ValueError("each metric needs a numeric value")
            if m.get("unit") not in UNITS:
                raise ValueError(f"metric unit must be one of {', '.join(UNITS)}")
            if m.get("comparator") not in (None,) + COMPARATORS:
                raise ValueError(f"metric comparator must be one of {', '.join(COMPARATORS)}")
            out["metrics"].append({k: m[k] for k in ("value", "unit", "comparator") if m.get(k) is not None})
    return out


def gold_metric(metric):
    """A metric in gold form: value, unit and the optional bounds/currency, no offsets."""
    return {k: metric[k] for k in _METRIC_KEYS if metric.get(k) is not None}


def gold_actor(actor):
    """The gold actor: the canonical province when a province, else the name as written, else None."""
    if not actor:
        return None
    if isinstance(actor, str):
        return actor or None
    return actor.get("province") or actor.get("text") or None


def gold_commitment(record, corrected=None):
    """One gold commitment from a record, with a reviewer's corrected fields applied over it."""
    sentence = record.get("sentence") or {}
    deadline = record.get("deadline") or None
    out = {
        "type": record.get("type"),
        "sentence_start": sentence.get("start"),
        "sentence_end": sentence.get("end"),
        "sentence": sentence.get("text"),
        "deadline": deadline.get("year") if deadline else None,
        "metrics": [gold_metric(m) for m in record.get("metrics") or []],
        "actor": gold_actor(record.get("actor")),
    }
    for key, value in (corrected or {}).items():
        if key == "metrics" and isinstance(value, list):
            out["metrics"] = [gold_metric(m) for m in value if isinstance(m, dict)]
        elif key == "actor":
            out["actor"] = gold_actor(value)
        elif key in ("type", "deadline", "sentence_start", "sentence_end", "sentence"):
            out[key] = value
    return out


def gold_rows(verdicts):
    """Gold rows per article (sorted by article_id) from verdicts that carry a record snapshot."""
    by_article = {}
    for v in verdicts:
        record = v.get("record")
        if not record:
            continue
        row = by_article.setdefault(record.get("article_id") or v.get("article_id"),
                                    {"commitments": [], "entities": [], "negatives": []})
        if v["verdict"] == "wrong":
            sentence = record.get("sentence") or {}
            row["negatives"].append({"sentence_start": sentence.get("start"), "sentence_end": sentence.get("end")})
        else:
            row["commitments"].append(gold_commitment(record, v.get("corrected") if v["verdict"] == "needs_correction"
                                                      else None))
    out = []
    for article_id in sorted(by_article, key=str):
        row = by_article[article_id]
        row["commitments"].sort(key=lambda c: (c["sentence_start"] or 0, c["type"] or ""))
        row["negatives"].sort(key=lambda n: n["sentence_start"] or 0)
        out.append({"article_id": article_id, **row})
    return out


def verdict_row(v):
    """One verdict as a flat dict (the JSONL export keeps nested values; CSV stringifies them)."""
    record = v.get("record") or {}
    sentence = record.get("sentence") or {}
    deadline = record.get("deadline") or None
    return {
        "id": v["id"], "article_id": v.get("article_id") or record.get("article_id"),
        "verdict": v["verdict"], "note": v.get("note"), "updated_at": v.get("updated_at"),
        "type": record.get("type"), "sentence_start": sentence.get("start"), "sentence_end": sentence.get("end"),
        "sentence": sentence.get("text"), "deadline": deadline.get("year") if deadline else None,
        "actor": gold_actor(record.get("actor")),
        "metrics": [gold_metric(m) for m in record.get("metrics") or []],
        "corrected": v.get("corrected"),
    }


def to_jsonl(rows):
    """JSONL text, UTF-8 kept readable."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows):
    """CSV text of verdict rows; nested values are JSON strings; cells a spreadsheet would run as a formula
    get a leading apostrophe, as in `camket export`."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: spreadsheet_safe(json.dumps(r[k], ensure_ascii=False)
                                             if isinstance(r.get(k), (list, dict)) else r.get(k))
                         for k in CSV_FIELDS})
    return buf.getvalue()


EXPORT_NAMES = ("verdicts.jsonl", "verdicts.csv", "gold.jsonl", "links.jsonl", "links.gold.jsonl")


def link_rows(links):
    """One flat row per link verdict: the two record ids, the indicator, the verdict, note and snapshots."""
    return [{"target_id": v["target_id"], "result_id": v["result_id"], "indicator": v.get("indicator"),
             "verdict": v["verdict"], "note": v.get("note"), "updated_at": v.get("updated_at"),
             "target": v.get("target"), "result": v.get("result")} for v in links]


def link_gold_rows(links):
    """Link verdicts grouped per target as link gold: the reviewed results are the candidates, the
    confirmed ones the evidence; the status is left to the annotators (null)."""
    by_target = {}
    for v in links:
        row = by_target.setdefault(v["target_id"], {
            "target": v["target_id"], "article_id": (v.get("target") or {}).get("article_id"),
            "indicator_key": v.get("indicator"), "candidates": [], "evidence": [], "status": None,
            "source": "camket review"})
        row["candidates"].append(v["result_id"])
        if v["verdict"] == "confirmed":
            row["evidence"].append(v["result_id"])
    return [by_target[k] for k in sorted(by_target)]


def output_paths(out):
    """{verdicts.jsonl, verdicts.csv, gold.jsonl, links.jsonl, links.gold.jsonl} paths for `-o DIR|PREFIX`.

    An existing folder or a path ending in a separator is a folder; otherwise a file-name prefix.
    """
    text = str(out)
    path = Path(out)
    if path.is_dir() or text.endswith(("/", "\\")):
        return {name: path / name for name in EXPORT_NAMES}
    return {name: path.with_name(f"{path.name}.{name}") for name in EXPORT_NAMES}


def write_export(verdicts, out, links=()):
    """Write the export files (verdicts, gold, and the link verdicts); returns {name: path}."""
    paths = output_paths(out)
    folder = paths["gold.jsonl"].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rows = [verdict_row(v) for v in verdicts]
        paths["verdicts.jsonl"].write_text(to_jsonl(rows), encoding="utf-8")
        paths["verdicts.csv"].write_text(to_csv(rows), encoding="utf-8")
        paths["gold.jsonl"].write_text(to_jsonl(gold_rows(verdicts)), encoding="utf-8")
        paths["links.jsonl"].write_text(to_jsonl(link_rows(links)), encoding="utf-8")
        paths["links.gold.jsonl"].write_text(to_jsonl(link_gold_rows(links)), encoding="utf-8")
    except OSError as exc:
        raise CamketError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
    return paths
