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


# ---- spreadsheets never run a cell; writing problems are one line; other tables are never dropped

FORMULAS = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(outputs):
    rows = [dict(COMMITMENTS[0], id=f"c_f{i}", sentence={"text": f, "start": 0, "end": len(f)},
                 speaker={"name": f, "title": None}) for i, f in enumerate(FORMULAS)]
    rows.append(dict(COMMITMENTS[0], id="c_neg", metrics=[{"value": -5, "unit": "percent", "text": "-5%",
                                                            "start": 0, "end": 3}]))
    (outputs / "c.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                     encoding="utf-8")
    export(outputs, "--to", "csv", "-o", outputs / "c.csv")
    df = pd.read_csv(outputs / "c.csv", keep_default_na=False)
    for f, cell, name in zip(FORMULAS, df["sentence_text"], df["speaker_name"]):
        assert cell == "'" + f and name == "'" + f
    neg = df[df["id"] == "c_neg"].iloc[0]
    assert float(neg["metric_value"]) == -5 and neg["metric_text"] == "'-5%"
    export(outputs, "--to", "parquet", "-o", outputs / "c.parquet")  # not a spreadsheet format: kept as is
    assert list(pd.read_parquet(outputs / "c.parquet")["sentence_text"][:len(FORMULAS)]) == FORMULAS


def _export_fails(outputs, *args):
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "export", str(outputs / "c.jsonl"),
                        "--articles", str(outputs / "a.jsonl"), *map(str, args)],
                       cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


@pytest.mark.parametrize("fmt", ["csv", "parquet", "sqlite"])
@pytest.mark.parametrize("where, message", [
    ("{tmp}", "is a folder"),
    ("{tmp}/missing/out", "does not exist"),
    ("/proc/camket-out", "/proc"),
    ("{tmp}/a.jsonl/out", "not a folder"),
])
def test_unwritable_outputs_are_one_line(outputs, fmt, where, message):
    err = _export_fails(outputs, "--to", fmt, "-o", where.replace("{tmp}", str(outputs)))
    assert message in err


def test_sqlite_over_a_database_with_other_tables_needs_replace(outputs):
    db = outputs / "mine.db"
    con = sqlite3.connect(db)
    con.execute("create table notes (body text)")
    con.execute("insert into notes values ('quan trọng')")
    con.commit()
    con.close()
    err = _export_fails(outputs, "--to", "sqlite", "-o", db)
    assert "notes" in err and "--replace" in err
    assert sqlite3.connect(db).execute("select body from notes").fetchall() == [("quan trọng",)]
    export(outputs, "--to", "sqlite", "-o", db, "--replace")
    tables = {r[0] for r in sqlite3.connect(db).execute("select name from sqlite_master where type='table'")}
    assert "notes" not in tables and "commitments" in tables
    export(outputs, "--to", "sqlite", "-o", db)  # camket's own tables alone: replaced without asking


def test_sqlite_over_a_file_that_is_not_a_database_needs_replace(outputs):
    keep = outputs / "notes.txt"
    keep.write_text("ghi chú\n", encoding="utf-8")
    assert "not a SQLite database" in _export_fails(outputs, "--to", "sqlite", "-o", keep)
    assert keep.read_text(encoding="utf-8") == "ghi chú\n"
