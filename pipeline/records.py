"""Builds the contract's article and commitment records, with stable ids."""
import hashlib

from . import ARTICLE_SCHEMA, COMMITMENT_SCHEMA


def text_hash(text, n=16):
    """A short, stable hex digest of a text (UTF-8), the same on every machine."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def commitment_id(article_id, article_text, type_, sentence_start, sentence_end, index):
    """Stable, unique id: the article's id and text, the sentence span, the type and the clause's rank there.

    The article id is part of the key, so two articles with the same text (ids are unique in a run)
    never share a record id, and a verdict saved on one never lands on the other."""
    key = f"{article_id}\x00{text_hash(article_text, 32)}:{sentence_start}:{sentence_end}:{type_}:{index}"
    return "c_" + text_hash(key, 20)


def article_record(article_id, entities, n_commitments, **extra):
    """An `ok` article record."""
    rec = {"schema": ARTICLE_SCHEMA, "article_id": article_id, "status": "ok",
           "entities": entities, "n_commitments": n_commitments}
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def error_article_record(article_id, kind, message, **extra):
    """An `error` article record: the input is reported, never dropped."""
    rec = {"schema": ARTICLE_SCHEMA, "article_id": article_id, "status": "error",
           "error": {"kind": kind, "message": message}, "entities": [], "n_commitments": 0}
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def commitment_record(article_id, text, cid, type_, sentence, deadline, metrics, actor, speaker,
                      confidence, **extra):
    """A commitment record of the contract; ``sentence`` is (start, end) into ``text``."""
    s, e = sentence
    rec = {
        "schema": COMMITMENT_SCHEMA,
        "id": cid,
        "article_id": article_id,
        "type": type_,
        "sentence": {"text": text[s:e], "start": s, "end": e},
        "deadline": deadline,
        "metrics": metrics,
        "actor": actor,
        "speaker": speaker,
        "confidence": round(float(confidence), 4),
    }
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec
