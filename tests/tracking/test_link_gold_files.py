"""The link gold in corpus/tracking: well-formed, stand-off (no article text), answers among the candidates."""
import json
from pathlib import Path

import pytest

from pipeline.extraction.indicators import catalog
from pipeline.tracking.scoring import STATUSES

TRACKING = Path(__file__).resolve().parents[2] / "corpus" / "tracking"
FILES = sorted(TRACKING.glob("links.*.jsonl"))
ALLOWED = {"format", "target", "target_ref", "article_id", "as_of", "candidates", "evidence", "status",
           "indicator_key", "annotator", "note", "target_ok"}


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_the_three_sets_and_their_second_reading():
    names = {p.name for p in FILES}
    assert {"links.dev.jsonl", "links.test.jsonl", "links.pool.jsonl"} <= names
    assert sum(len(_rows(p)) for p in FILES if "second" not in p.name) >= 150


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_rows_are_stand_off_and_answers_are_among_the_candidates(path):
    keys = set(catalog())
    rows = _rows(path)
    assert rows
    for r in rows:
        assert set(r) <= ALLOWED, set(r) - ALLOWED  # no sentences, no details copied from the articles
        assert r["format"] == "camket.link-gold/1"
        assert set(r["evidence"]) <= set(r["candidates"])
        assert r["status"] in STATUSES
        assert r["indicator_key"] is None or r["indicator_key"] in keys
        assert r["status"] != "no_evidence" or not r["evidence"] or r.get("target_ok") is False


def test_second_reading_covers_rows_of_the_pool_set():
    first = {r["target"]: r for r in _rows(TRACKING / "links.pool.jsonl")}
    second = _rows(TRACKING / "links.pool.second-reading.jsonl")
    assert len(second) >= 20 and all(r["target"] in first for r in second)
    assert all(r["annotator"] != first[r["target"]]["annotator"] for r in second)
