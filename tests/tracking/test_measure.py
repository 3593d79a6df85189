"""Measurement tooling: gold commitments as records, annotation packets with broad candidates, and the
scores of keys, links and statuses against annotation."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.tracking.gold import gold_articles, gold_id, gold_records
from pipeline.tracking.packets import make_packets, packet_markdown
from pipeline.tracking.run import track
from pipeline.tracking.scoring import key_accuracy, link_gold_keys, score_links, target_of
from tracking_samples import corpus, write_files

REPO = Path(__file__).resolve().parents[2]
TEXT = ("Năm 2021, tỉnh phấn đấu đón 5 triệu lượt khách du lịch. Năm 2021, tỉnh đón 5,2 triệu lượt khách du lịch.")


def _gold_row(**extra):
    first = {"type": "target", "sentence_start": 0, "sentence_end": 55, "deadline": 2021,
             "metrics": [{"value": 5000000, "unit": "other", "word": "lượt khách du lịch"}], "actor": "Quảng Nam",
             **extra}
    second = {"type": "achievement", "sentence_start": 56, "sentence_end": len(TEXT), "deadline": 2021,
              "metrics": [{"value": 5200000, "unit": "other", "word": "lượt khách du lịch"}], "actor": "Quảng Nam"}
    return {"article_id": "g1", "commitments": [first, second],
            "entities": [{"label": "DATE", "text": "Năm 2021", "start": 0, "end": 8, "value": "2021"}]}


def test_gold_commitments_become_keyed_records():
    row = _gold_row(indicator_key="visitors")
    target, result = gold_records([row], {"g1": TEXT})
    assert TEXT[56:] == result["sentence"]["text"]
    assert target["id"] == gold_id("g1", row["commitments"][0], 0) and target["id"].startswith("g_")
    assert target["metrics"][0]["text"] == "5 triệu lượt khách"   # found again in the sentence
    assert target["indicator"]["key"] == "visitors" and target["gold_indicator_key"] == "visitors"
    assert target["actor"]["province"] == "Quảng Nam"
    assert key_accuracy([target, result])["accuracy"] == 1.0 and key_accuracy([target, result])["n"] == 1
    tracks, _ = track([target, result], gold_articles([row]))
    assert tracks[0]["status"] == "met" and tracks[0]["evidence"][0]["id"] == result["id"]


def test_key_accuracy_counts_nulls_and_wrong_keys():
    recs = [{"indicator": {"key": "visitors"}, "gold_indicator_key": "visitors"},
            {"indicator": {"key": None}, "gold_indicator_key": None},
            {"indicator": {"key": "exports"}, "gold_indicator_key": "trade_turnover"},
            {"indicator": {"key": None}, "gold_indicator_key": "poverty_rate"}]
    out = key_accuracy(recs)
    assert out["accuracy"] == 0.5 and out["coverage"] == 0.5 and out["precision"] == 0.5 and len(out["wrong"]) == 2


@pytest.mark.parametrize("rows, accuracy, keyed_accuracy, missing", [
    # the readers' key of each target, null included (none fits): camket's key of the same record
    ([{"target": "c1", "indicator_key": "visitors"}, {"target": "c2", "indicator_key": None}], 1.0, 1.0, []),
    ([{"target": "c1", "indicator_key": "exports"}, {"target": "c2", "indicator_key": "poverty_rate"}], 0.0, 0.0, []),
    # a row without the field is not scored; a target missing from the records is reported
    ([{"target": "c1"}, {"target": "c9", "indicator_key": None}, {"target": "c2", "indicator_key": None}], 1.0, None,
     ["c9"]),
])
def test_key_accuracy_on_link_gold_targets(rows, accuracy, keyed_accuracy, missing):
    records = [{"id": "c1", "indicator": {"key": "visitors"}}, {"id": "c2", "indicator": {"key": None}}]
    scored, lost = link_gold_keys(rows, records)
    out = key_accuracy(scored)
    assert out["accuracy"] == accuracy and out["accuracy_gold_keyed"] == keyed_accuracy and lost == missing
    assert all("gold_indicator_key" not in r for r in records)   # the caller's records are left alone


ROWS = [
    ("t1", "2021-03-01", "Tỉnh phấn đấu đến năm 2025 tổng thu ngân sách đạt 15.000 tỷ đồng.", "target", 2025),
    ("r1", "2024-01-10", "Năm 2023, tổng thu ngân sách của tỉnh đạt 13.200 tỷ đồng.", "achievement", 2023),
    ("r2", "2024-01-10", "Năm 2023, kim ngạch xuất khẩu của tỉnh đạt 3,2 tỷ USD.", "achievement", 2023),
    ("r3", "2024-01-10", "Năm 2023, tổng thu ngân sách đạt 9.000 tỷ đồng.", "achievement", 2023, "Đồng Nai"),
    ("r4", "2024-01-10", "Năm 2023, thu ngân sách của thành phố đạt 8.000 tỷ đồng.", "achievement", 2023,
     "Biên Hòa"),
]


def test_packets_offer_broad_candidates_and_hide_camkets_answers():
    records, articles = corpus(ROWS)
    records[4]["actor"] = {"text": "Biên Hòa", "kind": "organization", "province_2025": "Bình Phước"}
    (row,) = make_packets(records, articles, n=5)
    by_article = {c["article_id"] for c in row["candidate_details"]}
    # every result of the same actor (any indicator), and the same indicator from the same province; not
    # another province's
    assert by_article == {"r1", "r2", "r4"}
    assert row["candidate_details"][0]["article_id"] in ("r1", "r4")    # the same indicator first
    assert row["evidence"] is None and row["status"] is None and row["as_of"] == "2024-01-10"
    assert "indicator" not in json.dumps(row["candidate_details"])
    md = packet_markdown([row])
    assert ROWS[0][2] in md and ROWS[1][2] in md and "published 2024-01-10" in md
    assert make_packets(records, articles, n=5, exclude={"t1"}) == []


@pytest.mark.parametrize("evidence, status, precision, recall, status_right", [
    (["r1"], "behind", 1.0, 1.0, 1.0),
    ([], "no_evidence", 0.0, None, 0.0),
    (["r1", "r2"], "behind", 1.0, 0.5, 1.0),
])
def test_link_scores(evidence, status, precision, recall, status_right):
    records, articles = corpus(ROWS)
    tracks, _ = track(records, articles)
    ids = {r["article_id"]: r["id"] for r in records}
    gold = [{"target": ids["t1"], "candidates": [ids["r1"], ids["r2"], ids["r4"]],
             "evidence": [ids[a] for a in evidence], "status": status}]
    out = score_links(gold, tracks)
    assert out["precision"] == precision and out["recall"] == recall and out["status_accuracy"] == status_right
    assert out["status_n_links_right"] == (1 if evidence == ["r1"] else 0)


def test_a_gold_reference_names_the_same_target_as_its_id():
    ref = {"article_id": "d1", "sentence_start": 5, "sentence_end": 40, "type": "target", "index": 2}
    assert target_of({"target_ref": ref}) == gold_id("d1", ref, 2)


def test_benchmark_and_packet_scripts_run(tmp_path):
    c, a = write_files(tmp_path, *corpus(ROWS))
    run = lambda *argv: subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=REPO)  # noqa
    done = run("benchmarks/tracking_packets.py", "--commitments", str(c), "--articles", str(a), "-o",
               str(tmp_path / "p"), "--n", "3")
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in (tmp_path / "p" / "packets.jsonl").read_text().splitlines()]
    row.update(evidence=[row["candidates"][0]], status="behind")
    (tmp_path / "links.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    done = run("benchmarks/tracking.py", "links", "--links", str(tmp_path / "links.jsonl"), "--commitments", str(c),
               "--articles", str(a), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["targets"] == 1
    done = run("benchmarks/tracking.py", "time", "--commitments", str(c), "--articles", str(a), "--runs", "1",
               "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["tracks"] == 1
    row.update(indicator_key="budget_revenue")
    (tmp_path / "links.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    done = run("benchmarks/tracking.py", "keys", "--links", str(tmp_path / "links.jsonl"), "--commitments", str(c),
               "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["n"] == 1 and out["accuracy"] == 1.0 and out["source"] == "link gold targets"
    done = run("benchmarks/tracking.py", "keys", "--links", str(tmp_path / "links.jsonl"))
    assert done.returncode == 2 and "--commitments" in done.stderr
