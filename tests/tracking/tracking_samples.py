"""Records for the tracking tests, built from short Vietnamese sentences written for them: one sentence per
article, metrics found and indicators keyed by the pipeline's own functions (real text, real keys).

A plain module (not a conftest: the rootdir conftest owns that name).
"""
import hashlib
import json

from pipeline.extraction.indicators import indicator
from pipeline.extraction.metrics import find_metrics

_KEYS = ("value", "unit", "text", "start", "end", "currency", "value_max", "comparator", "word")


def make(article_id, sentence, type_, deadline=None, actor="Bình Phước", kind="province"):
    """A commitment record whose article is the sentence alone."""
    metrics = [{k: m[k] for k in _KEYS if m.get(k) is not None} for m in find_metrics(sentence)]
    ind = indicator(sentence, 0, len(sentence), metrics[0] if metrics else None)
    act = None
    if actor:
        act = {"text": actor, "kind": kind}
        if kind == "province":
            act.update(province=actor, province_2025=actor)
    rid = "c_" + hashlib.sha256(f"{article_id}:{type_}:{sentence}".encode()).hexdigest()[:20]
    return {"schema": "camket.commitment/1", "id": rid, "article_id": article_id, "type": type_,
            "sentence": {"text": sentence, "start": 0, "end": len(sentence)},
            "deadline": {"year": deadline, "text": str(deadline), "start": 0, "end": 4} if deadline else None,
            "metrics": metrics, "actor": act, "speaker": None, "confidence": 0.9, "indicator": ind}


def article(article_id, published=None, years=()):
    """An article record with a publication date and/or DATE entities of the given years."""
    rec = {"schema": "camket.article/1", "article_id": article_id, "status": "ok", "n_commitments": 1,
           "entities": [{"label": "DATE", "text": str(y), "start": 0, "end": 4, "value": str(y)} for y in years]}
    if published:
        rec["published"] = published
    return rec


def corpus(rows):
    """(records, articles) from rows (article_id, published, sentence, type, deadline[, actor])."""
    records, articles = [], []
    for row in rows:
        aid, published, sentence, type_, deadline = row[:5]
        actor = row[5] if len(row) > 5 else "Bình Phước"
        records.append(make(aid, sentence, type_, deadline, actor=actor))
        articles.append(article(aid, published))
    return records, articles


def make_article(article_id, sentences, actor="Bình Phước", kind="province"):
    """The records of an article written as several sentences [(sentence, type, deadline)]: offsets into the
    article's text, indicators keyed on that text (the article-level fallbacks see the other sentences).
    The same sentence given twice (a result and a target) shares its span."""
    text = " ".join(dict.fromkeys(s for s, _, _ in sentences))
    records = []
    for sentence, type_, deadline in sentences:
        start = text.index(sentence)
        end = start + len(sentence)
        found = find_metrics(text, start, end)
        metrics = [{k: m[k] for k in _KEYS if m.get(k) is not None} for m in found]
        rec = make(article_id, sentence, type_, deadline, actor=actor, kind=kind)
        rec.update(sentence={"text": sentence, "start": start, "end": end}, metrics=metrics,
                   indicator=indicator(text, start, end, metrics[0] if metrics else None))
        records.append(rec)
    return records


def write_files(folder, records, articles):
    """The records and article records written as c.jsonl and a.jsonl in ``folder``: (c, a) paths."""
    paths = folder / "c.jsonl", folder / "a.jsonl"
    for path, rows in zip(paths, (records, articles)):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return paths
