"""`camket extract` through the CLI: bad inputs, parallel runs, stdin, time limit, exit codes."""
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."
MORE = [
    "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.",
    "Thành phố Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.",
    "Tỉnh Đồng Nai phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1% vào cuối năm 2025.",
]
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=REPO, input=stdin,
                          capture_output=True, timeout=600)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cp1258(text):
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
                       + "".join(c for c in d if c in TONES))
    return "".join(out).encode("cp1258")


def test_every_bad_input_is_reported_once_and_the_run_goes_on(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    files = {
        "good.txt": GOOD.encode("utf-8"),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n ",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "legacy.txt": cp1258(GOOD),
        "page.txt": f"<!DOCTYPE html><html><body><p>{GOOD}</p></body></html>".encode("utf-8"),
        "english.txt": b"The province aims to raise the digital economy to 20 percent of GRDP by 2025.",
        "chinese.txt": "江苏省计划到2025年数字经济占比达到20%。".encode("utf-8"),
        "huge.txt": (" ".join([GOOD] * 30)).encode("utf-8"),
        "sub/good.txt": MORE[0].encode("utf-8"),  # same id as good.txt
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "j1", "text": MORE[1]}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "j2", "body": MORE[2]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out, art = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    r = cli("extract", d, feed, "-o", out, "--articles", art, "--max-chars", 1000)
    assert r.returncode == 1, r.stderr  # finished, with error records
    records = read_jsonl(art)
    got = [(x["article_id"], x["status"], x.get("error", {}).get("kind")) for x in records]
    assert sorted(got) == sorted([
        ("binary", "error", "binary"), ("blank", "error", "blank"), ("chinese", "error", "not_vietnamese"),
        ("empty", "error", "empty"), ("english", "error", "not_vietnamese"), ("good", "ok", None),
        ("huge", "error", "too_large"), ("legacy", "error", "undecodable"), ("page", "error", "html"),
        ("good", "error", "duplicate_id"), ("j1", "ok", None), ("j2", "error", "bad_record")])
    legacy = next(x for x in records if x["article_id"] == "legacy")
    assert "not UTF-8" in legacy["error"]["message"] and "Windows-1258" in legacy["error"]["message"]
    for x in records:
        assert x["schema"] == "camket.article/1"
        if x["status"] == "error":
            assert x["error"]["message"] and x["n_commitments"] == 0
    ids_with_commitments = {c["article_id"] for c in read_jsonl(out)}
    assert ids_with_commitments <= {"good", "j1"}
    summary = r.stderr.decode().strip().splitlines()[-1]
    assert "12 articles" in summary and "2 ok" in summary and "10 error" in summary


def _corpus(tmp_path, n=12):
    d = tmp_path / "corpus"
    d.mkdir()
    for i in range(n):
        text = " ".join([GOOD] + MORE[: 1 + i % 3]) + f" Bài {i}."
        (d / f"b{i:02d}.txt").write_text(text, encoding="utf-8")
    (d / "b99.txt").write_text("", encoding="utf-8")
    return d


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path):
    d = _corpus(tmp_path)
    outs = {}
    for jobs in (1, 2):
        out, art = tmp_path / f"c{jobs}.jsonl", tmp_path / f"a{jobs}.jsonl"
        r = cli("extract", d, "-o", out, "--articles", art, "--jobs", jobs, "--shard-size", 5)
        assert r.returncode == 1, r.stderr
        outs[jobs] = (out.read_bytes(), art.read_bytes())
    assert outs[1] == outs[2]
    assert [x["article_id"] for x in read_jsonl(tmp_path / "a1.jsonl")] == [f"b{i:02d}" for i in range(12)] + ["b99"]


def test_stdin_raw_text_and_jsonl():
    r = cli("extract", "-", "--stdin-id", "bai1", "-o", "-", stdin=GOOD.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    for line in r.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        assert rec["article_id"] == "bai1"
        assert GOOD[rec["sentence"]["start"]:rec["sentence"]["end"]] == rec["sentence"]["text"]
    lines = "".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(MORE))
    r = cli("extract", "-", "--stdin-format", "jsonl", "-o", "-", stdin=lines.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    assert {json.loads(x)["article_id"] for x in r.stdout.decode().splitlines()} <= {"s0", "s1", "s2"}


def test_csv_and_parquet_inputs_with_field_names(tmp_path):
    df = pd.DataFrame({"guid": ["p1", "p2"], "body": [GOOD, MORE[0]]})
    df.to_csv(tmp_path / "t.csv", index=False)
    df.assign(guid=["q1", "q2"]).to_parquet(tmp_path / "t.parquet")
    art = tmp_path / "a.jsonl"
    r = cli("extract", tmp_path / "t.csv", tmp_path / "t.parquet", "--id-field", "guid", "--text-field", "body",
            "-o", tmp_path / "c.jsonl", "--articles", art)
    assert r.returncode == 0, r.stderr
    assert [(x["article_id"], x["status"]) for x in read_jsonl(art)] == [
        ("p1", "ok"), ("p2", "ok"), ("q1", "ok"), ("q2", "ok")]


def test_timeout_stops_a_runaway_article_and_the_run_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    # about 1.5 million characters of plain Vietnamese: far more than 0.5 s of work for the pipeline
    (d / "a_huge.txt").write_text(" ".join([GOOD] + MORE) * 5000, encoding="utf-8")
    (d / "b_small.txt").write_text(GOOD, encoding="utf-8")
    art = tmp_path / "a.jsonl"
    r = cli("extract", d, "-o", tmp_path / "c.jsonl", "--articles", art, "--timeout", 0.5)
    assert r.returncode == 1, r.stderr
    got = {x["article_id"]: (x["status"], x.get("error", {}).get("kind")) for x in read_jsonl(art)}
    assert got == {"a_huge": ("error", "timeout"), "b_small": ("ok", None)}


@pytest.mark.parametrize("args, message", [
    (["nothing-here-*.txt"], "no such file"),
    (["{d}", "--jobs", "0"], "--jobs"),
    (["{d}", "-o", "{d}/b00.txt/x.jsonl"], "cannot create the folder"),
    (["-", "--resume"], "--resume"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, args, message):
    d = _corpus(tmp_path, 1)
    args = [a.replace("{d}", str(d)) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "c.jsonl")]
    r = cli("extract", *args, stdin=b"")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert message in err and "Traceback" not in err


def test_help_documents_exit_codes_and_inputs():
    r = cli("extract", "--help")
    text = r.stdout.decode()
    for needle in ("exit codes", "130", "--resume", "--engine", "--stdin-format", "--timeout", "duplicate_id"):
        assert needle in text
