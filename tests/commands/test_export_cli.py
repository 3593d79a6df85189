"""`camket export`: CSV, Parquet and a SQLite file with commitments, articles and entities tables."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
TEXT = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."

COMMITMENTS = [
    {"schema": "camket.commitment/1", "id": "c_1", "article_id": "a1", "type": "target",
     "sentence": {"text": TEXT, "start": 0, "end": len(TEXT)},
     "deadline": {"year": 2025, "text": "năm 2025", "start": 38, "end": 46},
     "metrics": [{"value": 20, "unit": "percent", "text": "20%", "start": 64, "end": 67}],
     "actor": {"text": "UBND tỉnh Bình Phước", "kind": "province", "province": "Bình Phước",
               "province_2025": "Đồng Nai"},
     "speaker": None, "confidence": 0.91},
    {"schema": "camket.commitment/1", "id": "c_2", "article_id": "a1", "type": "achievement",
     "sentence": {"text": "kinh tế số", "start": 52, "end": 62}, "deadline": None, "metrics": [],
     "actor": None, "speaker": {"name": "Nguyễn Văn A", "title": "Chủ tịch"}, "confidence": 0.5},
]
ARTICLES = [
    {"schema": "camket.article/1", "article_id": "a1", "status": "ok", "n_commitments": 2, "entities": [
        {"label": "PROVINCE", "text": "Bình Phước", "start": 10, "end": 20, "value": "Bình Phước",
         "province_2025": "Đồng Nai"},
        {"label": "DATE", "text": "năm 2025", "start": 38, "end": 46, "value": "2025", "year": 2025}]},
    {"schema": "camket.article/1", "article_id": "a2", "status": "error", "entities": [], "n_commitments": 0,
     "error": {"kind": "empty", "message": "the input is empty (0 bytes)"}},
]


@pytest.fixture
def outputs(tmp_path):
    for name, rows in (("c.jsonl", COMMITMENTS), ("a.jsonl", ARTICLES)):
        (tmp_path / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                     encoding="utf-8")
    return tmp_path


def export(tmp_path, *args):
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", str(tmp_path / "c.jsonl"),
                        "--articles", str(tmp_path / "a.jsonl"), *map(str, args)],
                       cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r


def test_sqlite_has_the_tables_with_keys(outputs):
    db = outputs / "camket.db"
    export(outputs, "--to", "sqlite", "-o", db)
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert {"commitments", "articles", "entities"} <= tables
    rows = con.execute("select id, article_id, type, deadline_year, actor_province, metric_value, metric_unit, "
                       "sentence_text from commitments order by id").fetchall()
    assert rows[0] == ("c_1", "a1", "target", 2025, "Bình Phước", 20, "percent", TEXT)
    assert rows[1][3] is None and rows[1][5] is None
    assert json.loads(con.execute("select metrics from commitments where id='c_1'").fetchone()[0]) == \
        COMMITMENTS[0]["metrics"]
    ents = con.execute("select article_id, label, text, value from entities order by position").fetchall()
    assert ents == [("a1", "PROVINCE", "Bình Phước", "Bình Phước"), ("a1", "DATE", "năm 2025", "2025")]
    assert con.execute("select article_id, status, error_kind from articles order by row").fetchall() == [
        ("a1", "ok", None), ("a2", "error", "empty")]
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type='index'")}
    assert "entities_article_id" in indexes and "commitments_article_id" in indexes
    pk = [r[1] for r in con.execute("pragma table_info(commitments)") if r[5]]
    assert set(pk) == {"article_id", "id"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_csv_and_parquet_are_flat(outputs, fmt):
    out = outputs / f"c.{fmt}"
    export(outputs, "--to", fmt, "-o", out)
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    df = read(out)
    assert list(df["id"]) == ["c_1", "c_2"]
    assert df.loc[0, "sentence_text"] == TEXT and df.loc[0, "metric_unit"] == "percent"
    assert json.loads(df.loc[0, "metrics"]) == COMMITMENTS[0]["metrics"]
    assert df.loc[1, "speaker_name"] == "Nguyễn Văn A"
    ents = read(outputs / f"c.entities.{fmt}")
    assert list(ents["label"]) == ["PROVINCE", "DATE"]
    arts = read(outputs / f"c.articles.{fmt}")
    assert list(arts["status"]) == ["ok", "error"]
