"""Gold commitments as commitment-like records, so that `camket track`, the annotation packets and the
benchmark run on the gold exactly as on camket's output.

A gold commitment has no metric offsets and no indicator: the metrics are found again in its sentence
(matched by value and unit), the indicator is keyed by the extractor's own function, and the record's
id is "g_" + a hash of (article id, sentence span, type, rank in the article), stable across runs.
"""

from ..entities.provinces import canonical_province, province_2025
from ..extraction.indicators import indicator
from ..extraction.metrics import find_metrics
from ..io.jsonl import iter_jsonl
from ..records import text_hash


def gold_id(article_id, commitment, index):
    """The stable id of the index-th commitment of an article's gold row."""
    key = (f"{article_id}\x00{commitment.get('sentence_start')}:{commitment.get('sentence_end')}:"
           f"{commitment.get('type')}:{index}")
    return "g_" + text_hash(key, 20)


def _same_value(found, gold):
    if found["unit"] != gold.get("unit"):
        return False
    a, b = float(found["value"]), float(gold.get("value", 0))
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def locate_metrics(text, start, end, gold_metrics):
    """The gold metrics with offsets from the metrics found in text[start:end] (same value and unit,
    each found metric used once); a gold metric that is not found keeps no offsets."""
    found = find_metrics(text, start, end)
    used = set()
    out = []
    for g in gold_metrics or []:
        hit = next((i for i, f in enumerate(found) if i not in used and _same_value(f, g)), None)
        m = {k: g[k] for k in ("value", "unit", "currency", "value_max", "comparator", "word") if g.get(k) is not None}
        if hit is not None:
            used.add(hit)
            f = found[hit]
            m.update({"text": f["text"], "start": f["start"], "end": f["end"]})
        out.append(m)
    return out


def gold_actor(name):
    """A gold actor name (canonical province or an organisation as written) as a record's actor."""
    if not name:
        return None
    province = canonical_province(name)
    if province:
        return {"text": name, "kind": "province", "province": province, "province_2025": province_2025(province)}
    return {"text": name, "kind": "organization"}


def gold_records(rows, texts):
    """Commitment-like records (schema camket.commitment/1 fields, ids "g_...") from resolved gold rows;
    ``texts`` maps article id to its text. Each record keeps the gold's ``indicator_key`` when present."""
    out = []
    for row in rows:
        aid = row["article_id"]
        text = texts.get(aid)
        for i, c in enumerate(row.get("commitments") or []):
            s, e = c["sentence_start"], c["sentence_end"]
            sentence = text[s:e] if text else c.get("sentence", "")
            metrics = locate_metrics(text, s, e, c.get("metrics")) if text else list(c.get("metrics") or [])
            first = next((m for m in metrics if "start" in m), None)
            ind = indicator(text, s, e, first) if text else {"key": None, "text": None}
            year = c.get("deadline")
            rec = {"schema": "camket.commitment/1", "id": gold_id(aid, c, i), "article_id": aid, "type": c["type"],
                   "sentence": {"text": sentence, "start": s, "end": e},
                   "deadline": {"year": year, "text": str(year), "start": s, "end": s} if year else None,
                   "metrics": [m for m in metrics if "start" in m] + [m for m in metrics if "start" not in m],
                   "actor": gold_actor(c.get("actor")), "speaker": None, "confidence": 1.0, "indicator": ind,
                   "gold": True}
            if "indicator_key" in c:
                rec["gold_indicator_key"] = c["indicator_key"]
            out.append(rec)
    return out


def raw_indicator_keys(path):
    """{(article_id, rank): indicator_key} from a gold file's own rows (stand-off rows keep extra fields
    that the resolver does not carry)."""
    keys = {}
    for row in iter_jsonl(path):
        for i, c in enumerate(row.get("commitments") or []):
            if "indicator_key" in c:
                keys[(row["article_id"], i)] = c["indicator_key"]
    return keys


def gold_articles(rows, published=None):
    """Article records for gold rows: their entities (DATE values give the years when no date is published)
    and the publication date from ``published`` ({article_id: date}) when known."""
    published = published or {}
    return [{"schema": "camket.article/1", "article_id": r["article_id"], "status": "ok",
             "entities": r.get("entities") or [], "n_commitments": len(r.get("commitments") or []),
             "published": published.get(r["article_id"])} for r in rows]
