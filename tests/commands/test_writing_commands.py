"""Every command that writes gives exit 2 and one line (never a traceback) for an output it cannot write:
a missing folder, a folder, a path under /proc, a path below a file."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RECORD = {"schema": "camket.commitment/1", "id": "c_1", "article_id": "a1", "type": "target",
          "sentence": {"text": "Tỉnh phấn đấu đạt 20% năm 2025.", "start": 0, "end": 31},
          "deadline": {"year": 2025, "text": "năm 2025", "start": 22, "end": 30},
          "metrics": [{"value": 20, "unit": "percent", "text": "20%", "start": 18, "end": 21}],
          "actor": None, "speaker": None, "confidence": 0.9}


@pytest.fixture
def commitments(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["report", "{c}", "-o", "{out}"],
    ["export", "{c}", "--to", "csv", "-o", "{out}"],
    ["export", "{c}", "--to", "sqlite", "-o", "{out}"],
    ["extract", "{c}", "-o", "{out}"],
])
@pytest.mark.parametrize("where, message", [
    ("{tmp}/missing/out.x", "does not exist"),
    ("{tmp}", "is a folder"),
    ("/proc/camket-out.x", "/proc"),
    ("{c}/out.x", "not a folder"),
])
def test_unwritable_outputs_are_one_line(tmp_path, commitments, command, where, message):
    out = where.replace("{tmp}", str(tmp_path)).replace("{c}", str(commitments))
    args = [a.replace("{c}", str(commitments)).replace("{out}", out) for a in command]
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 2, r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not Path("/proc/camket-out.x").exists()


def test_the_report_is_written_atomically(tmp_path, commitments):
    out = tmp_path / "report.html"
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", str(commitments), "-o", str(out)], cwd=REPO,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "1 claim ->" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "report.html"]


@pytest.mark.parametrize("out, message", [
    ("{tmp}/missing/prefix", "does not exist"),
    ("/proc/camket-reviews/", "/proc"),
    ("{tmp}/r.sqlite/x", "not a folder"),
])
def test_reviews_export_refuses_outputs_it_cannot_write(tmp_path, out, message):
    from pipeline.review.store import VerdictStore
    VerdictStore(tmp_path / "r.sqlite").close()
    out = out.replace("{tmp}", str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "reviews", "export", "--db", str(tmp_path / "r.sqlite"),
                        "-o", out], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_reviews_export_creates_a_new_folder_given_with_a_slash(tmp_path):
    from pipeline.review.store import VerdictStore
    VerdictStore(tmp_path / "r.sqlite").close()
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "reviews", "export", "--db", str(tmp_path / "r.sqlite"),
                        "-o", str(tmp_path / "out") + "/"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "verdicts.csv").exists() and "0 verdicts" in r.stderr
