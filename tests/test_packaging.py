"""The built wheel carries the trained model and its data: installed (not editable) into a fresh venv, it
extracts with the model, from any folder."""
import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(REPO)], check=True, capture_output=True, text=True)
    (path,) = out.glob("camket-*.whl")
    return path


def test_the_wheel_holds_the_model_and_the_tables(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pipeline/models/commitment.skops" in names and "pipeline/models/MODEL_CARD.md" in names
    assert "pipeline/schemas/article.schema.json" in names and "pipeline/data/triggers.json" in names
    assert not any(n.startswith(("tests/", "corpus/", "benchmarks/")) for n in names)


def test_a_non_editable_install_extracts_with_the_model(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, text=True)
    # the dependencies come from this test environment's site-packages (a plain path: its .pth files,
    # among them the editable install's finder, are not run), so nothing is downloaded
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    sample = REPO / "corpus" / "samples" / "binh-phuoc-chuyen-doi-so.txt"
    run = subprocess.run([str(venv / "bin" / "camket"), "extract", str(sample), "-o", "c.jsonl", "--articles", "a.jsonl"],
                         cwd=work, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    where = subprocess.run([str(py), "-c", "import pipeline; print(pipeline.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout
    assert str(site) in where and str(REPO) not in where
    article = json.loads((work / "a.jsonl").read_text(encoding="utf-8"))
    assert article["decider"]["kind"] == "model"
    commitments = [json.loads(line) for line in (work / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    text = sample.read_text(encoding="utf-8")
    assert commitments and all(text[c["sentence"]["start"]:c["sentence"]["end"]] == c["sentence"]["text"]
                               for c in commitments)
