"""The batch engine: worker pool with a real time limit, shards, duplicates, interrupted runs resumed."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch.pool import CRASH, ERROR, OK, TIMEOUT, TimeoutPool
from pipeline.batch.run import BatchSettings, mark_duplicates, shards_of
from pipeline.io.readers import check_sources

REPO = Path(__file__).resolve().parents[2]

SENTENCES = [
    "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
    "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.",
    "Thành phố Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.",
    "Tỉnh Đồng Nai phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 1% vào cuối năm 2025.",
    "Sáng nay, hội nghị tổng kết công tác năm đã diễn ra tại trụ sở tỉnh ủy.",
]


def _init(factor):
    return factor


def _work(state, payload):
    """A plain task: loops forever, dies, raises or answers."""
    if payload == "hang":
        while True:  # a CPU loop no signal handler would interrupt in C code; only killing stops it
            pass
    if payload == "die":
        os._exit(3)
    if payload == "raise":
        raise ValueError("boom")
    return payload * state


def test_pool_kills_a_hung_task_and_keeps_order():
    tasks = ["a", "hang", "b", "die", "raise"] + [f"x{i}" for i in range(12)]
    started = time.monotonic()
    with TimeoutPool(2, _init, (2,), _work, timeout=1.0) as pool:
        out = list(pool.imap(enumerate(tasks)))
    assert time.monotonic() - started < 10
    assert [k for k, _ in out] == list(range(len(tasks)))
    assert out[0][1] == (OK, "aa") and out[2][1] == (OK, "bb")
    assert out[1][1][0] == TIMEOUT
    assert out[3][1][0] == CRASH and "exit code 3" in out[3][1][1]
    assert out[4][1] == (ERROR, "ValueError: boom")
    assert [o for _, o in out[5:]] == [(OK, f"x{i}" * 2) for i in range(12)]


def test_shards_and_duplicates():
    items = [{"article_id": a, "source": a} for a in ["a", "b", "a", "c", "b"]]
    marked = list(mark_duplicates(items))
    assert [i.get("error", [None])[0] if i.get("error") else None for i in marked] == \
        [None, None, "duplicate_id", None, "duplicate_id"]
    shards = list(shards_of(marked, 2))
    assert [(i, [x["article_id"] for x in s]) for i, s in shards] == [(0, ["a", "b"]), (1, ["a", "c"]), (2, ["b"])]


def _write_corpus(folder, n, sentences_per_article=12):
    folder.mkdir()
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(sentences_per_article))
        (folder / f"a{i:03d}.txt").write_text(f"Bài số {i}. {body}\n", encoding="utf-8")


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=600, **kw)


def _no_process_mentions(needle, within_s):
    """True once no running process has ``needle`` in its command line (Linux /proc; else True)."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return True
    deadline = time.monotonic() + within_s
    while True:
        alive = []
        for d in proc_dir.iterdir():
            if d.name.isdigit():
                try:
                    cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if needle in cmd:
                    alive.append(d.name)
        if not alive:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def test_killed_run_resumes_to_the_same_output(tmp_path):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 30)
    clean = _cli("extract", corpus, "-o", tmp_path / "clean.jsonl", "--articles", tmp_path / "clean_art.jsonl",
                 "--shard-size", 2)
    assert clean.returncode == 0, clean.stderr

    out, art = tmp_path / "out.jsonl", tmp_path / "art.jsonl"
    proc = _started_with_one_shard_done(corpus, out, ["--articles", str(art), "--shard-size", "2"],
                                        stderr=subprocess.DEVNULL)
    work = Path(str(out) + ".camket-work")
    proc.send_signal(signal.SIGKILL)  # a crash: no cleanup at all
    proc.wait()
    assert _no_process_mentions(str(out), within_s=10), "a worker outlived its killed parent"
    assert not out.exists() and not art.exists()  # nothing half-written
    n_done = sum(p.name.endswith(".articles.jsonl") for p in work.iterdir())
    assert 0 < n_done < 15

    resumed = _cli("extract", corpus, "-o", out, "--articles", art, "--shard-size", 2, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming" in resumed.stderr
    assert out.read_bytes() == (tmp_path / "clean.jsonl").read_bytes()
    assert art.read_bytes() == (tmp_path / "clean_art.jsonl").read_bytes()
    assert not work.exists()


def test_resume_refused_with_different_inputs_or_settings(tmp_path):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 3, 1)
    out = tmp_path / "out.jsonl"
    work = Path(str(out) + ".camket-work")
    work.mkdir()
    # an interrupted run of these inputs with --shard-size 2
    fingerprint = check_sources([str(corpus)], BatchSettings().fields)[2]
    (work / "manifest.json").write_text(json.dumps(BatchSettings(shard_size=2).manifest(fingerprint)))

    (corpus / "new.txt").write_text(SENTENCES[0], encoding="utf-8")
    r = _cli("extract", corpus, "-o", out, "--shard-size", 2, "--resume")
    assert r.returncode == 2 and "cannot resume" in r.stderr and "inputs" in r.stderr
    assert "Traceback" not in r.stderr
    (corpus / "new.txt").unlink()
    r = _cli("extract", corpus, "-o", out, "--shard-size", 3, "--resume")
    assert r.returncode == 2 and "--shard-size differs" in r.stderr and "shard_size" not in r.stderr
    r = _cli("extract", corpus, "-o", out, "--shard-size", 2, "--text-field", "body", "--timeout", 5, "--resume")
    assert r.returncode == 2 and "--timeout and --text-field differ" in r.stderr
    r = _cli("extract", corpus, "-o", out, "--shard-size", 2, "--resume")
    assert r.returncode == 0, r.stderr


def test_sigterm_exits_130_keeps_finished_work_and_leaves_no_output(tmp_path):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 30)
    out = tmp_path / "out.jsonl"
    proc = _started_with_one_shard_done(corpus, out, ["--shard-size", "2", "--jobs", "2"], stderr=subprocess.PIPE)
    work = Path(str(out) + ".camket-work")
    proc.terminate()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    assert not out.exists() and (work / "manifest.json").exists()
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]  # no half-written shard


def _started_with_one_shard_done(corpus, out, options, stderr):
    """`camket extract` started in the background, returned once its first shard is saved."""
    work = Path(str(out) + ".camket-work")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", str(out)] + options,
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 120
    while not (work.is_dir() and any(p.name.endswith(".articles.jsonl") for p in work.iterdir())):
        assert proc.poll() is None, "the run finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    return proc
