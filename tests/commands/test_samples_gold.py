"""`camket eval` and `camket train` on a fresh clone: the three sample articles carry a small gold of
their own (corpus/samples/gold.standoff.jsonl, built from gold.draft.jsonl by pipeline.gold; a corpus
manifest, gold.json, for `camket train`), and the README gives a command for each that works with
nothing but the repository."""
import hashlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

from pipeline.gold import build, load_gold

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"


def test_the_standoff_gold_is_what_the_draft_builds(tmp_path):
    out = tmp_path / "gold.standoff.jsonl"
    res = build(SAMPLES / "gold.draft.jsonl", SAMPLES, None, out, tmp_path / "log.md")
    assert not res["problems"] and res["after"]["commitments"] >= 10
    assert out.read_bytes() == (SAMPLES / "gold.standoff.jsonl").read_bytes()


def test_the_gold_reads_back_against_the_sample_texts():
    rows = load_gold(SAMPLES / "gold.standoff.jsonl", SAMPLES)
    assert sorted(r["article_id"] for r in rows) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    from pipeline.extraction.training import load_corpus
    corpus = load_corpus(SAMPLES / "gold.json")  # the manifest `camket train` reads
    assert sorted(a.split for a in corpus) == ["test", "train", "train"]
    for row in rows:
        text = (SAMPLES / f"{row['article_id']}.txt").read_text(encoding="utf-8")
        for c in row["commitments"]:
            s, e = c["sentence_start"], c["sentence_end"]
            assert text[s:e] == c["sentence"]
            assert s == 0 or text[s - 1] in " \n"  # whole sentences (guide section 1)
            assert e == len(text) or text[e] == "\n" or text[e - 1] in ".!?"
        for ent in row["entities"]:
            assert text[ent["start"]:ent["end"]] == ent["text"]
    kinds = {c["type"] for r in rows for c in r["commitments"]}
    assert kinds == {"target", "achievement"}


def _readme_command(name):
    """The README's fresh-clone command for `camket NAME` on the samples' gold."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    lines = [ln.split("#")[0].strip() for ln in readme.splitlines()
             if ln.startswith(f"camket {name} ") and "corpus/samples/gold." in ln]
    assert lines, f"the README has no `camket {name}` command on the samples' gold"
    return lines[0]


def test_the_readme_eval_command_works_on_the_samples():
    args = shlex.split(_readme_command("eval"))[1:]
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    figures = dict(ln.split(": ", 1) for ln in r.stdout.splitlines() if re.match(r"^\w+: ", ln))
    assert figures["gold_sentences"] == "13"
    assert float(figures["sentence_f1"]) > 0.5 and "failed in the pipeline" not in r.stdout


def test_the_readme_train_command_writes_elsewhere_and_never_over_the_model(tmp_path):
    line = _readme_command("train")
    assert "models/commitment.skops" not in line and "mktemp" in line
    args = shlex.split(line.replace("$(mktemp -d)", str(tmp_path)))[1:]
    shipped = REPO / "models" / "commitment.skops"
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True, text=True,
                       timeout=1800)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "commitment.skops").stat().st_size > 0 and (tmp_path / "MODEL_CARD.md").exists()
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before
    assert "test" in r.stdout + r.stderr
