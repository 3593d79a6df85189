"""Commitment ids: unique per record, keyed on the article id (two articles with the same text never
share one, so a verdict saved on one never lands on the other) and the same on every run."""
import json
import subprocess
import sys
from pathlib import Path

from pipeline.errors import ERROR_KINDS
from pipeline.schemas import load_schema

REPO = Path(__file__).resolve().parents[2]
TEXT = ("UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP. "
        "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.")


def _run(feed, out):
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(feed), "-o", str(out)], cwd=REPO,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_same_text_different_articles_different_ids_stable_across_runs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": aid, "text": TEXT}, ensure_ascii=False) + "\n"
                            for aid in ("bai-a", "bai-b")), encoding="utf-8")
    first = _run(feed, tmp_path / "1.jsonl")
    second = _run(feed, tmp_path / "2.jsonl")
    ids = {aid: [c["id"] for c in first if c["article_id"] == aid] for aid in ("bai-a", "bai-b")}
    assert len(ids["bai-a"]) == len(ids["bai-b"]) >= 2
    assert not set(ids["bai-a"]) & set(ids["bai-b"])
    assert len({c["id"] for c in first}) == len(first)  # unique per record
    assert [c["id"] for c in second] == [c["id"] for c in first]  # stable


def test_the_article_schema_lists_exactly_the_error_kinds_camket_writes():
    kinds = load_schema("article")["properties"]["error"]["properties"]["kind"]["enum"]
    assert sorted(kinds) == sorted(ERROR_KINDS)
    assert "missing_text" not in kinds and {"bad_record", "word_document", "pdf"} <= set(kinds)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"`{k}`" in readme for k in ERROR_KINDS)


def test_the_article_schema_declares_the_fields_the_worker_and_extractor_add():
    props = load_schema("article")["properties"]
    for field in ("text", "encoding", "published", "reference_year", "decider", "warnings"):
        assert field in props, field
    assert props["reference_year"]["type"] == ["integer", "null"]
    assert props["decider"]["type"] == ["string", "object"]
