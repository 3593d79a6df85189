"""Interruptions print one line: Ctrl-C under --engine dask (SIGINT to the whole process group, as a
terminal sends it), and a parent killed under --jobs (its workers leave quietly)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SENTENCES = [
    "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP.",
    "Năm 2023, tỉnh Quảng Ninh đạt tốc độ tăng trưởng 11,03%, đứng thứ 5 cả nước.",
    "Thành phố Hà Nội phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.",
]


def _corpus(folder, n, sentences=40):
    folder.mkdir()
    for i in range(n):
        body = " ".join(SENTENCES[(i + k) % 3] for k in range(sentences))
        (folder / f"a{i:03d}.txt").write_text(f"Bài {i}. {body}", encoding="utf-8")


def _start(*args):
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", *map(str, args)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_a_shard(proc, work, within=300):
    deadline = time.monotonic() + within
    while not (work.is_dir() and any(p.name.endswith(".articles.jsonl") for p in work.iterdir())):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_ctrl_c_under_dask_prints_one_line(tmp_path):
    corpus = tmp_path / "in"
    _corpus(corpus, 60)
    out = tmp_path / "out.jsonl"
    proc = _start(corpus, "-o", out, "--engine", "dask", "--jobs", 2, "--shard-size", 1)
    _wait_for_a_shard(proc, Path(str(out) + ".camket-work"))
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err = err.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["camket extract: interrupted"], err


def test_a_killed_parent_leaves_no_worker_traceback(tmp_path):
    corpus = tmp_path / "in"
    _corpus(corpus, 60)
    out = tmp_path / "out.jsonl"
    proc = _start(corpus, "-o", out, "--jobs", 2, "--shard-size", 1)
    _wait_for_a_shard(proc, Path(str(out) + ".camket-work"))
    time.sleep(0.3)  # workers busy with articles
    proc.kill()      # the parent only: its workers must notice and leave quietly
    deadline = time.monotonic() + 60
    err = b""
    while True:  # read until every holder of the pipe (the workers too) has gone
        chunk = os.read(proc.stderr.fileno(), 65536)
        if not chunk:
            break
        err += chunk
        assert time.monotonic() < deadline
    proc.wait()
    assert "Traceback" not in err.decode("utf-8", "replace"), err.decode()
    assert err.decode().strip() == ""
