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
        "broken.txt": GOOD.encode("utf-8").replace(b" ", b" \xff", 1),
        "page.txt": f"<!DOCTYPE html><html><body><p>{GOOD}</p></body></html>".encode("utf-8"),
        "nopage.txt": b"<!DOCTYPE html><html><head><style>p{}</style></head><body></body></html>",
        "report.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
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
        ("huge", "error", "too_large"), ("legacy", "ok", None), ("broken", "error", "undecodable"),
        ("page", "ok", None), ("nopage", "error", "html"), ("report", "error", "pdf"),
        ("good", "error", "duplicate_id"), ("j1", "ok", None), ("j2", "error", "bad_record")])
    legacy = next(x for x in records if x["article_id"] == "legacy")
    assert legacy["encoding"] == "cp1258" and legacy["text"] == GOOD
    broken = next(x for x in records if x["article_id"] == "broken")
    assert "not UTF-8" in broken["error"]["message"] and "--encoding" in broken["error"]["message"]
    for x in records:
        assert x["schema"] == "camket.article/1"
        if x["status"] == "error":
            assert x["error"]["message"] and x["n_commitments"] == 0
    ids_with_commitments = {c["article_id"] for c in read_jsonl(out)}
    assert ids_with_commitments <= {"good", "j1", "legacy", "page"}
    summary = r.stderr.decode().strip().splitlines()[-1]
    assert "15 articles" in summary and "4 ok" in summary and "11 errors" in summary


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
    (["{d}", "-o", "{d}/b00.txt/x.jsonl"], "is not a folder"),
    (["{d}", "-o", "{d}/missing/x.jsonl"], "does not exist"),
    (["{d}", "-o", "/proc/camket-x.jsonl"], "/proc"),
    (["{d}", "-o", "{d}"], "is a folder"),
    (["{d}", "--published", "2024-05-01"], "--published"),
    (["{d}/b00.txt", "--published", "2024-02-30"], "not a date"),
    (["{d}", "--encoding", "klingon"], "unknown encoding"),
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
    assert len([ln for ln in err.splitlines() if "error" in ln]) == 1
    assert not (tmp_path / "c.jsonl").exists() and not (Path("/proc") / "camket-x.jsonl").exists()


def test_help_documents_exit_codes_and_inputs():
    r = cli("extract", "--help")
    text = r.stdout.decode()
    for needle in ("exit codes", "130", "--resume", "--engine", "--stdin-format", "--timeout", "duplicate_id"):
        assert needle in text


# ---- outputs: never over an input, never renamed over a device, a FIFO or a symlink ------------

def test_an_output_equal_to_an_input_is_refused_and_the_input_kept(tmp_path):
    feed = tmp_path / "in.jsonl"
    feed.write_text(json.dumps({"id": "j1", "text": GOOD}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = feed.read_bytes()
    for args in (["-o", feed], ["-o", tmp_path / "c.jsonl", "--articles", feed]):
        r = cli("extract", feed, *args)
        assert r.returncode == 2 and b"is also an input" in r.stderr and b"Traceback" not in r.stderr
        assert feed.read_bytes() == before
    d = _corpus(tmp_path, 2)
    r = cli("extract", d, "-o", d / "out.txt")
    assert r.returncode == 2 and b"would be read as an article" in r.stderr
    assert not (d / "out.txt").exists()


def _reader(fifo, got):
    import threading
    t = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    t.start()
    return t


def test_outputs_that_are_not_regular_files_are_written_through_and_survive(tmp_path):
    import os
    import stat
    d = _corpus(tmp_path, 2)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real = tmp_path / "real" / "articles.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "articles.jsonl"
    link.symlink_to(real)
    got = []
    t = _reader(fifo, got)
    r = cli("extract", d, "-o", fifo, "--articles", link)
    t.join(30)
    assert r.returncode == 1, r.stderr  # b99 is empty
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()
    commitments = [json.loads(x) for x in got[0].decode("utf-8").splitlines()]
    assert commitments and {c["article_id"] for c in commitments} <= {"b00", "b01"}
    assert [a["article_id"] for a in read_jsonl(real)] == ["b00", "b01", "b99"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "corpus", "pipe", "real"]


def test_a_device_output_survives(tmp_path):
    import os
    import stat
    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
        open(dev, "w").close()
    except OSError:
        pytest.skip("cannot make a device file here (not root, or a nodev file system)")
    d = _corpus(tmp_path, 1)
    art = tmp_path / "a.jsonl"
    r = cli("extract", d, "-o", dev, "--articles", art)
    assert r.returncode == 1, r.stderr
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert [a["article_id"] for a in read_jsonl(art)] == ["b00", "b99"]
    r = cli("extract", d, "-o", dev, "--articles", art, "--resume")  # the work sits beside a.jsonl
    assert r.returncode == 1, r.stderr
    assert stat.S_ISCHR(os.stat(dev).st_mode)


def _without_root_powers():
    """preexec_fn: drop the capabilities that let root write anywhere (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")


def test_a_folder_that_cannot_be_written_is_refused(tmp_path):
    import os
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("{}\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        for cmd in (["extract", folder / "a.txt", "-o", folder / "c.jsonl"],
                    ["export", tmp_path / "c.jsonl", "--to", "csv", "-o", folder / "c.csv"],
                    ["export", tmp_path / "c.jsonl", "--to", "sqlite", "-o", folder / "c.db"]):
            r = subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, cmd)], cwd=REPO, capture_output=True,
                               text=True, timeout=600, preexec_fn=_without_root_powers if os.geteuid() == 0 else None)
            assert r.returncode == 2, r.stderr
            assert "Permission denied" in r.stderr and "Traceback" not in r.stderr
            assert len(r.stderr.strip().splitlines()) == 1
        assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    finally:
        folder.chmod(0o755)


# ---- the hostile inputs of ../shared/tools/nasty.py ---------------------------------------------

def _text_named_by(record, path):
    """The text a record's offsets index: its `text`, else the input decoded with its `encoding`."""
    if "text" in record:
        return record["text"]
    return Path(path).read_bytes().decode(record["encoding"])


def test_the_hostile_inputs_give_ok_or_a_clear_kind_and_valid_records(tmp_path, shared_dir, seeds_dir):
    from pipeline.schemas import validator
    nasty = tmp_path / "nasty"
    subprocess.run([sys.executable, str(shared_dir / "tools" / "nasty.py"),
                    str(seeds_dir / "004_a4e2f9994ddd3526.txt"), str(nasty)], check=True, capture_output=True)
    out, art = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    r = cli("extract", nasty, "-o", out, "--articles", art)
    assert r.returncode == 1, r.stderr
    articles, commitments = read_jsonl(art), read_jsonl(out)
    assert sorted(a["article_id"] for a in articles) == sorted(p.stem for p in nasty.iterdir())
    for rec in articles:
        assert not list(validator("article").iter_errors(rec)), rec["article_id"]
    for rec in commitments:
        assert not list(validator("commitment").iter_errors(rec)), rec["id"]
    by_id = {a["article_id"]: a for a in articles}
    plain = by_id["bài báo có dấu cách_ok"]
    assert plain["status"] == "ok" and plain["n_commitments"] > 0
    for aid, rec in by_id.items():
        if aid.endswith("_ok"):
            assert rec["status"] == "ok", rec
            assert rec["n_commitments"] == plain["n_commitments"], aid
    assert {aid: rec["error"]["kind"] for aid, rec in by_id.items() if rec["status"] == "error"} == {
        "binary": "binary", "blank": "blank", "control": "binary", "empty": "empty", "english": "not_vietnamese",
        "huge": "too_large"}
    assert by_id["longline"]["n_commitments"] == 0
    assert by_id["cp1258_ok"]["encoding"] == "cp1258" and by_id["utf16_ok"]["encoding"] == "utf-16"
    assert by_id["bom_ok"]["encoding"] == "utf-8-sig" and "text" in by_id["html_ok"]
    assert "alert" not in by_id["html_ok"]["text"] and "p{}" not in by_id["html_ok"]["text"]
    for c in commitments:
        rec = by_id[c["article_id"]]
        text = _text_named_by(rec, next(nasty.glob(f"{glob_escape(c['article_id'])}.txt")))
        spans = [c["sentence"]] + c["metrics"] + ([c["deadline"]] if c["deadline"] else [])
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (c["article_id"], span)
    for rec in articles:
        if rec["status"] == "ok":
            text = _text_named_by(rec, next(nasty.glob(f"{glob_escape(rec['article_id'])}.txt")))
            for e in rec["entities"]:
                assert text[e["start"]:e["end"]] == e["text"]
    seed = unicodedata.normalize("NFC", (seeds_dir / "004_a4e2f9994ddd3526.txt").read_text(encoding="utf-8"))
    assert by_id["cp1258_ok"]["text"] == seed
    sentences = lambda aid: [c["sentence"]["text"] for c in commitments if c["article_id"] == aid]  # noqa: E731
    assert sentences("cp1258_ok") == sentences("bài báo có dấu cách_ok") == sentences("utf16_ok")


def glob_escape(name):
    import glob
    return glob.escape(name)


# ---- HTML, encodings and publication dates through the CLI --------------------------------------

PAGE = ("<!DOCTYPE html><html lang='vi'><head><title>Bình Phước - Báo Tỉnh</title>"
        "<meta property='og:title' content='Bình Phước đặt mục tiêu kinh tế số'>"
        "<meta property='article:published_time' content='2021-06-26T08:30:00+07:00'>"
        "<script>var claim = 'Tỉnh phấn đấu đạt 99% dịch vụ công năm 2030';</script>"
        "<style>.x { color: red }</style></head><body><nav>Trang chủ | Kinh tế</nav><article>"
        f"<p>{GOOD}</p><p>{MORE[0]}</p><p>Ngày 26/5, tỉnh tổ chức hội nghị; năm nay tỉnh phấn đấu có 500 doanh "
        "nghiệp công nghệ số.</p></article><footer>Liên hệ quảng cáo</footer></body></html>")


def _check_offsets(commitments, text):
    for c in commitments:
        for span in [c["sentence"]] + c["metrics"] + ([c["deadline"]] if c["deadline"] else []):
            assert text[span["start"]:span["end"]] == span["text"]


def test_html_pages_files_stdin_and_fields(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "trang.html").write_text(PAGE, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "f1", "text": f"<p>{MORE[1]}</p><p>{MORE[2]}</p>"}, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    out, art = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    r = cli("extract", tmp_path / "news", feed, "-o", out, "--articles", art)
    assert r.returncode == 0, r.stderr
    arts = {a["article_id"]: a for a in read_jsonl(art)}
    page = arts["trang"]
    assert page["title"] == "Bình Phước đặt mục tiêu kinh tế số" and page["published"] == "2021-06-26"
    assert page["reference_year"] == 2021
    assert GOOD in page["text"] and "99%" not in page["text"] and "color" not in page["text"]
    assert "Trang chủ" not in page["text"]
    commitments = read_jsonl(out)
    _check_offsets([c for c in commitments if c["article_id"] == "trang"], page["text"])
    _check_offsets([c for c in commitments if c["article_id"] == "f1"], arts["f1"]["text"])
    assert arts["f1"]["text"] == f"{MORE[1]}\n{MORE[2]}"
    # the same page on stdin; with --text-format text the markup is kept as text
    r = cli("extract", "-", "--stdin-id", "s1", "-o", "-", "--articles", tmp_path / "s.jsonl",
            stdin=PAGE.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    [s1] = read_jsonl(tmp_path / "s.jsonl")
    assert s1["text"] == page["text"] and s1["published"] == "2021-06-26"
    _check_offsets([json.loads(x) for x in r.stdout.decode().splitlines()], s1["text"])
    r = cli("extract", feed, "--text-format", "text", "-o", "-", "--articles", tmp_path / "t.jsonl")
    [f1] = read_jsonl(tmp_path / "t.jsonl")
    assert "text" not in f1 and f1["status"] == "ok"


def test_an_empty_html_page_is_the_html_kind(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>alert(1)</script></head><body> </body></html>", encoding="utf-8")
    art = tmp_path / "a.jsonl"
    r = cli("extract", page, "-o", tmp_path / "c.jsonl", "--articles", art)
    assert r.returncode == 1
    [rec] = read_jsonl(art)
    assert rec["error"]["kind"] == "html" and "no article text" in rec["error"]["message"]


YEARLESS = "Ngày 26/5, UBND tỉnh Bình Phước tổ chức hội nghị. Năm nay, tỉnh phấn đấu kinh tế số chiếm 20% GRDP."


def _date_of(record, written):
    """The value of the DATE entity whose text holds ``written``."""
    return next(e["value"] for e in record["entities"] if e["label"] == "DATE" and written in e["text"])


def test_the_publication_date_places_this_year_and_yearless_dates(tmp_path):
    f = tmp_path / "bai.txt"
    f.write_text(YEARLESS, encoding="utf-8")
    art = tmp_path / "a.jsonl"
    r = cli("extract", f, "-o", tmp_path / "c.jsonl", "--articles", art, "--published", "26/05/2019")
    assert r.returncode == 0, r.stderr
    [rec] = read_jsonl(art)
    assert rec["published"] == "2019-05-26" and rec["reference_year"] == 2019
    assert _date_of(rec, "26/5") == "2019-05-26"
    [c] = [c for c in read_jsonl(tmp_path / "c.jsonl") if "Năm nay" in c["sentence"]["text"]]
    assert c["deadline"] is None or c["deadline"]["year"] == 2019
    # the same text in a JSONL field with its date, and with a date that is no date
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "j", "text": YEARLESS, "published": "2018-03-01T07:00:00+07:00"},
                               ensure_ascii=False) + "\n" + json.dumps({"id": "k", "text": YEARLESS,
                                                                       "published": "30/02/2018"},
                                                                      ensure_ascii=False) + "\n",
                    encoding="utf-8")
    r = cli("extract", feed, "-o", tmp_path / "c2.jsonl", "--articles", art)
    assert r.returncode == 0, r.stderr
    j, k = read_jsonl(art)
    assert j["published"] == "2018-03-01" and j["reference_year"] == 2018
    assert _date_of(j, "26/5") == "2018-05-26"
    assert k["published"] is None and "'30/02/2018'" in k["warnings"][0]


def test_windows_1258_with_the_encoding_option_and_a_utf16_csv(tmp_path):
    short = tmp_path / "ngan.txt"
    short.write_bytes(cp1258("Ôn luyện môn Sinh"))  # too short for a confident guess
    table = tmp_path / "t.csv"
    table.write_bytes(f"id,text\nu1,{GOOD}\n".encode("utf-16"))
    art = tmp_path / "a.jsonl"
    cli("extract", short, table, "-o", tmp_path / "c.jsonl", "--articles", art)
    kinds = {a["article_id"]: a.get("error", {}).get("kind") for a in read_jsonl(art)}
    assert kinds == {"ngan": "undecodable", "u1": None}
    r = cli("extract", short, "-o", tmp_path / "c.jsonl", "--articles", art, "--encoding", "cp1258")
    assert r.returncode == 0, r.stderr
    [rec] = read_jsonl(art)
    assert rec["encoding"] == "cp1258" and rec["text"] == "Ôn luyện môn Sinh"


def test_unreadable_tables_are_bad_records_and_the_run_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    whole = tmp_path / "whole.parquet"
    pd.DataFrame({"id": ["p1", "p2"], "text": [GOOD, MORE[0]]}).to_parquet(whole)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:200])
    notext = tmp_path / "notext.csv"
    pd.DataFrame({"id": ["n1"], "body": [GOOD]}).to_csv(notext, index=False)
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes(f"id,text\nu1,{MORE[1]}\n".encode("utf-16"))
    art = tmp_path / "a.jsonl"
    r = cli("extract", good, cut, notext, utf16, "-o", tmp_path / "c.jsonl", "--articles", art)
    assert r.returncode == 1, r.stderr
    got = [(a["article_id"], a.get("error", {}).get("kind")) for a in read_jsonl(art)]
    assert got == [("good", None), ("cut", "bad_record"), ("notext", "bad_record"), ("u1", None)]


def test_the_summary_counts_in_words(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text(GOOD, encoding="utf-8")
    r = cli("extract", f, "-o", tmp_path / "c.jsonl")
    line = r.stderr.decode().strip().splitlines()[-1]
    assert "1 article (1 ok, 0 errors)" in line and "1 commitment," in line


@pytest.fixture
def dev_stdout_guard():
    """Put /dev/stdout back should a regression replace it (as the rename did before: the machine's
    /dev/stdout became a regular file)."""
    import os
    before = os.readlink("/dev/stdout") if os.path.islink("/dev/stdout") else None
    yield
    if before and not os.path.islink("/dev/stdout"):
        os.unlink("/dev/stdout")
        os.symlink(before, "/dev/stdout")
        pytest.fail("/dev/stdout was replaced by a regular file (restored)")


def test_dev_stdout_is_written_to_not_replaced(tmp_path, dev_stdout_guard):
    d = _corpus(tmp_path, 1)
    r = cli("extract", d, "-o", "/dev/stdout", "--articles", tmp_path / "a.jsonl")
    assert r.returncode == 1, r.stderr
    commitments = [json.loads(x) for x in r.stdout.decode("utf-8").splitlines()]
    assert commitments and all(c["article_id"] == "b00" for c in commitments)
    with open(tmp_path / "redirected.jsonl", "wb") as sink:  # stdout a regular file, as with `> file`
        r = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(d), "-o", "/dev/stdout"],
                           cwd=REPO, stdout=sink, stderr=subprocess.PIPE, timeout=600)
    assert r.returncode == 1, r.stderr
    assert [json.loads(x) for x in (tmp_path / "redirected.jsonl").read_text(encoding="utf-8").splitlines()] \
        == commitments
