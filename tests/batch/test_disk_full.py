"""A full disk or a file size limit (ulimit -f) while shards or outputs are written: exit 2 with one
line, the earlier outputs left as they were (never a new commitments file beside stale articles), and
the finished work kept for --resume."""
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VISIT = ("Đoàn công tác của tỉnh đã làm việc tại Hà Nội, Hải Phòng, Đà Nẵng, Cần Thơ, Quảng Ninh, "
         "Nghệ An, Thanh Hóa và Lâm Đồng trong các ngày 12/3/2024, 15/3/2024 và 20/3/2024.")
TARGET = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."


def _corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(f"{TARGET} {VISIT} Bài {i}.", encoding="utf-8")


def _limited(limit):
    """preexec_fn: a file size limit, with SIGXFSZ ignored so that a write over it fails with EFBIG."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _extract(*args, limit=None):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=600,
                          preexec_fn=_limited(limit) if limit else None)


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_size_limit_while_the_outputs_are_assembled_keeps_the_old_pair(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _corpus(old, 2)
    _corpus(new, 12)
    out, art = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    assert _extract(old, "-o", out, "--articles", art).returncode == 0
    before = (out.read_bytes(), art.read_bytes())
    ref_out, ref_art = tmp_path / "ref.jsonl", tmp_path / "ref_art.jsonl"
    assert _extract(new, "-o", ref_out, "--articles", ref_art).returncode == 0
    c_size, a_size = ref_out.stat().st_size, ref_art.stat().st_size
    assert 2 * c_size < a_size  # the commitments fit under the limit, the article records do not
    limit = (c_size + a_size) // 2
    assert a_size // 6 < limit  # each shard of 2 articles fits too: the limit bites at assembly

    r = _extract(new, "-o", out, "--articles", art, "--shard-size", 2, limit=limit)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "File too large" in lines[0] and "--resume" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert (out.read_bytes(), art.read_bytes()) == before  # the old pair, both of it
    assert not _leftovers(tmp_path)
    work = Path(str(out) + ".camket-work")
    assert len([p for p in work.iterdir() if p.name.endswith(".articles.jsonl")]) == 6

    r = _extract(new, "-o", out, "--articles", art, "--shard-size", 2, "--resume")
    assert r.returncode == 0, r.stderr
    assert (out.read_bytes(), art.read_bytes()) == (ref_out.read_bytes(), ref_art.read_bytes())


def test_a_size_limit_while_a_shard_is_written_is_one_line(tmp_path):
    corpus = tmp_path / "in"
    _corpus(corpus, 6)
    out, art = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    r = _extract(corpus, "-o", out, "--articles", art, "--shard-size", 6, limit=3000)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "File too large" in lines[0] and "Traceback" not in r.stderr, r.stderr
    assert not out.exists() and not art.exists()
    work = Path(str(out) + ".camket-work")
    assert not work.exists() or not _leftovers(work)


def test_a_size_limit_on_stdout_is_one_line(tmp_path):
    corpus = tmp_path / "in"
    _corpus(corpus, 6)
    with open(tmp_path / "stdout.jsonl", "w") as sink:
        r = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", "-"], cwd=REPO,
                           stdout=sink, stderr=subprocess.PIPE, text=True, timeout=600, preexec_fn=_limited(600))
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "File too large" in r.stderr and "Traceback" not in r.stderr
    assert os.path.getsize(tmp_path / "stdout.jsonl") <= 600
