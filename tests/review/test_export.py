"""Exports of verdicts: JSONL/CSV rows and gold rows in the format `camket train` reads."""
import csv
import io
import json

import pytest

from pipeline.cli import main
from pipeline.review.export import clean_correction, gold_rows, output_paths
from pipeline.review.store import VerdictStore
from review_samples import ARTICLES, records  # noqa: F401 (records is a fixture)


def _verdicts(records):
    bp_target, bp_ach, dn_target, dn_ach, _ = records
    return [
        {"id": bp_target["id"], "verdict": "correct", "record": bp_target, "corrected": None, "note": None},
        {"id": bp_ach["id"], "verdict": "needs_correction", "record": bp_ach, "note": "không phải mức độ",
         "corrected": {"type": "achievement", "deadline": None, "actor": "Bình Phước",
                       "metrics": [{"value": 1200, "unit": "count"}]}},
        {"id": dn_target["id"], "verdict": "wrong", "record": dn_target, "corrected": None, "note": "wish"},
        {"id": dn_ach["id"], "verdict": "correct", "record": dn_ach, "corrected": None, "note": None},
    ]


def test_gold_rows_match_the_hand_written_gold(records):
    bp_target, bp_ach, dn_target, dn_ach, _ = records
    assert gold_rows(_verdicts(records)) == [
        {"article_id": "bp01", "entities": [], "negatives": [], "commitments": [
            {"type": "target", "sentence_start": bp_target["sentence"]["start"],
             "sentence_end": bp_target["sentence"]["end"], "sentence": bp_target["sentence"]["text"],
             "deadline": 2025, "metrics": [{"value": 20, "unit": "percent"}], "actor": "Bình Phước"},
            {"type": "achievement", "sentence_start": bp_ach["sentence"]["start"],
             "sentence_end": bp_ach["sentence"]["end"], "sentence": bp_ach["sentence"]["text"],
             "deadline": None, "metrics": [{"value": 1200, "unit": "count"}], "actor": "Bình Phước"},
        ]},
        {"article_id": "dn02", "entities": [],
         "negatives": [{"sentence_start": dn_target["sentence"]["start"],
                        "sentence_end": dn_target["sentence"]["end"]}],
         "commitments": [
             {"type": "achievement", "sentence_start": dn_ach["sentence"]["start"],
              "sentence_end": dn_ach["sentence"]["end"], "sentence": dn_ach["sentence"]["text"],
              "deadline": 2023, "metrics": [{"value": 95, "unit": "percent"}], "actor": "Đà Nẵng"}]},
    ]


def test_gold_sentence_offsets_slice_the_article(records):
    for row in gold_rows(_verdicts(records)):
        text = ARTICLES[row["article_id"]]
        for c in row["commitments"]:
            assert text[c["sentence_start"]:c["sentence_end"]] == c["sentence"]


@pytest.mark.parametrize("out, folder, names", [
    ("exp/", "exp", ["verdicts.jsonl", "verdicts.csv", "gold.jsonl", "links.jsonl", "links.gold.jsonl"]),
    ("exp/run1", "exp", ["run1.verdicts.jsonl", "run1.verdicts.csv", "run1.gold.jsonl", "run1.links.jsonl",
                         "run1.links.gold.jsonl"]),
])
def test_output_paths_dir_or_prefix(tmp_path, out, folder, names):
    paths = output_paths(str(tmp_path / out) + ("/" if out.endswith("/") else ""))
    assert [p.name for p in paths.values()] == names
    assert all(p.parent == tmp_path / folder for p in paths.values())


def test_existing_folder_is_a_folder(tmp_path):
    assert output_paths(tmp_path)["gold.jsonl"] == tmp_path / "gold.jsonl"


def test_cli_export_writes_jsonl_csv_and_gold(tmp_path, records, capsys):
    db = tmp_path / "review.sqlite"
    store = VerdictStore(db)
    for v in _verdicts(records):
        store.put(v["id"], v["verdict"], record=v["record"], corrected=v["corrected"], note=v["note"])
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["reviews", "export", "--db", str(db), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in (out / "verdicts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["verdict"] for r in rows) == ["correct", "correct", "needs_correction", "wrong"]
    with open(out / "verdicts.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert {r["id"] for r in table} == {r["id"] for r in rows}
    assert any(r["note"] == "không phải mức độ" for r in table)
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["article_id"] for g in gold] == ["bp01", "dn02"]
    assert len(gold[1]["negatives"]) == 1


def test_cli_export_missing_db_is_one_human_line(tmp_path, capsys):
    assert main(["reviews", "export", "--db", str(tmp_path / "nope.sqlite"), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "review database not found" in err and "Traceback" not in err


@pytest.mark.parametrize("corrected, expected", [
    ({"type": "achievement", "deadline": None, "actor": " Bình Phước ", "metrics": []},
     {"type": "achievement", "deadline": None, "actor": "Bình Phước", "metrics": []}),
    ({"deadline": 2025, "metrics": [{"value": 20, "unit": "percent", "comparator": "at_least"}]},
     {"deadline": 2025, "metrics": [{"value": 20, "unit": "percent", "comparator": "at_least"}]}),
    ({"actor": ""}, {"actor": None}),
])
def test_corrections_are_cleaned(corrected, expected):
    assert clean_correction(corrected) == expected


@pytest.mark.parametrize("corrected", [
    [], {"type": "promise"}, {"deadline": "2025"}, {"deadline": 25}, {"deadline": True}, {"actor": 3},
    {"metrics": [{"value": "20", "unit": "percent"}]}, {"metrics": [{"value": 20, "unit": "%"}]},
    {"metrics": [{"value": 20, "unit": "percent", "comparator": "≥"}]}, {"metrics": {}}, {"sentence": "x"},
])
def test_bad_corrections_are_refused(corrected):
    with pytest.raises(ValueError):
        clean_correction(corrected)


@pytest.mark.parametrize("note, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("-5% là sai", "'-5% là sai"),
    ("@tên", "'@tên"),
    ("đúng, giữ nguyên", "đúng, giữ nguyên"),
])
def test_verdict_csv_cells_never_run_as_formulas(note, cell):
    from pipeline.review.export import to_csv
    table = list(csv.DictReader(io.StringIO(to_csv([{"id": "c_1", "verdict": "wrong", "note": note}]))))
    assert table[0]["note"] == cell and table[0]["verdict"] == "wrong"
