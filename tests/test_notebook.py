"""notebooks/report.ipynb executes end to end (nbclient) and draws the report's four figures."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
pytest.importorskip("ipykernel")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "report.ipynb"
SAMPLES = REPO / "corpus" / "samples"

TEXT = "UBND tỉnh Bình Phước đặt mục tiêu đến năm 2025 kinh tế số chiếm 20% GRDP."


def _record():
    """One hand-built commitment record over TEXT (offsets by searching the text)."""
    m, d = TEXT.index("20%"), TEXT.index("năm 2025")
    return {"schema": "camket.commitment/1", "id": "c_0001", "article_id": "bp", "type": "target",
            "sentence": {"text": TEXT, "start": 0, "end": len(TEXT)},
            "deadline": {"year": 2025, "text": "năm 2025", "start": d, "end": d + 8},
            "metrics": [{"value": 20, "unit": "percent", "text": "20%", "start": m, "end": m + 3}],
            "actor": {"text": "UBND tỉnh Bình Phước", "kind": "province", "province": "Bình Phước",
                      "province_2025": "Đồng Nai"},
            "speaker": None, "confidence": 0.9}


def _execute(commitments, articles, monkeypatch):
    """Run the notebook with its inputs given by environment variables; returns the executed notebook."""
    monkeypatch.setenv("CAMKET_COMMITMENTS", str(commitments))
    monkeypatch.setenv("CAMKET_ARTICLES", str(articles) if articles else "")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return nb


def _outputs(nb):
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def _summary(nb):
    """The summary dict the notebook shows (third cell's result)."""
    for out in _outputs(nb):
        text = out.get("data", {}).get("text/plain", "")
        if text.startswith("{'claims'"):
            return ast.literal_eval(text)
    raise AssertionError("no summary output")


def _figures(nb):
    return sum(1 for out in _outputs(nb) if "image/png" in out.get("data", {}))


def test_notebook_on_hand_built_records(tmp_path, monkeypatch):
    src = tmp_path / "commitments.jsonl"
    src.write_text(json.dumps(_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    nb = _execute(src, None, monkeypatch)
    assert _summary(nb) == {"claims": 1, "targets": 1, "achievements": 0, "articles": 1, "articles in error": 0}
    assert _figures(nb) == 4
    # the last cell: the Python API and the spaCy component on one text
    printed = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("output_type") == "stream")
    assert "target 2030 [(90, 'percent')]" in printed
    assert "('Nguyễn Văn Thành', 'PER')" in printed and "'target', {'year': 2030" in printed


def test_notebook_on_the_sample_articles_output(tmp_path, monkeypatch):
    if not SAMPLES.is_dir() or not any(SAMPLES.glob("*.txt")):
        pytest.skip("corpus/samples is absent")
    commitments, articles = tmp_path / "commitments.jsonl", tmp_path / "articles.jsonl"
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(SAMPLES), "-o", str(commitments),
                          "--articles", str(articles)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    n_claims = sum(1 for line in commitments.read_text(encoding="utf-8").splitlines() if line.strip())
    n_articles = sum(1 for line in articles.read_text(encoding="utf-8").splitlines() if line.strip())
    nb = _execute(commitments, articles, monkeypatch)
    summary = _summary(nb)
    assert summary["claims"] == n_claims
    assert summary["articles"] == n_articles == len(list(SAMPLES.glob("*.txt")))
    assert _figures(nb) == 4
