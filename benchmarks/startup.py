"""Start-up of `camket extract ONE.txt`: wall time with the model and with --model none, and where it goes.

One real article from ../shared/corpus/pool is written to a temporary folder; each command runs N times
as a fresh process (median reported). Then, in fresh interpreters: the import time of the modules the
extract command needs, and the time `Extractor.load()` takes once they are imported (the model load).

    python benchmarks/startup.py [--runs 5] [--pool ../shared/corpus/pool] [--json]
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def one_article(pool):
    """The first article of the pool's random-stream file of median length (a typical news item)."""
    with open(Path(pool) / "baomoi-2017.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(200), f)]
    rows.sort(key=lambda r: len(r["text"]))
    return rows[len(rows) // 2]


def wall(cmd, runs, cwd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def in_fresh_python(code):
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


IMPORTS = """
import json, time
t0 = time.perf_counter(); import pipeline.cli, pipeline.commands.extract; t1 = time.perf_counter()
from pipeline.extractor import Extractor; import pipeline.batch; t2 = time.perf_counter()
import underthesea.pipeline.word_tokenize; t3 = time.perf_counter()
import skops.io, sklearn; t4 = time.perf_counter()
print(json.dumps({"cli": t1 - t0, "extractor": t2 - t1, "underthesea": t3 - t2, "skops+sklearn": t4 - t3}))
"""

LOAD = """
import json, time
import skops.io, sklearn.linear_model, sklearn.ensemble, sklearn.calibration
from pipeline.extractor import Extractor
t = time.perf_counter(); Extractor.load(); t1 = time.perf_counter()
print(json.dumps({"load": t1 - t}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pool", default=str(REPO.parent / "shared" / "corpus" / "pool"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    art = one_article(args.pool)
    camket = [sys.executable, "-m", "pipeline.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{art['id']}.txt"
        path.write_text(art["text"], encoding="utf-8")
        subprocess.run(camket + ["extract", str(path), "-o", "w.jsonl"], cwd=tmp, check=True, capture_output=True)
        model, model_runs = wall(camket + ["extract", str(path), "-o", "m.jsonl"], args.runs, tmp)
        rules, rules_runs = wall(camket + ["extract", str(path), "-o", "r.jsonl", "--model", "none"], args.runs, tmp)
    imports = in_fresh_python(IMPORTS)
    load = in_fresh_python(LOAD)
    size = (REPO / "models" / "commitment.skops").stat().st_size
    res = {"article": art["id"], "chars": len(art["text"]), "runs": args.runs,
           "extract_model_s": model, "extract_rules_s": rules, "model_runs": model_runs, "rules_runs": rules_runs,
           "imports_s": imports, "model_load_s": load["load"], "model_mb": size / 1e6}
    if args.json:
        print(json.dumps(res, indent=1))
        return
    print(f"one article ({art['id']}, {len(art['text'])} chars), median of {args.runs} fresh processes:")
    print(f"  camket extract ONE.txt                {model:6.2f} s   (goal <= 1.5 s)")
    print(f"  camket extract ONE.txt --model none   {rules:6.2f} s   (goal <= 1.0 s)")
    print("imports in a fresh interpreter: " + ", ".join(f"{k} {v:.2f} s" for k, v in imports.items()))
    print(f"model load once imported: {load['load']:.3f} s (goal <= 0.3 s); model file {size / 1e6:.2f} MB (goal <= 3 MB)")


if __name__ == "__main__":
    main()
