"""Throughput of `camket extract` on real pool articles against underthesea segmentation, and memory.

N articles are drawn (seeded) from ../shared/corpus/pool/*.jsonl and written as one JSONL input in a
temporary folder (never in the repository). In one run it reports:
  - wall time, start-up included, of `camket extract` with --jobs 1 and --jobs 2, and the speed-up;
  - wall time, start-up included, of underthesea sent_tokenize + word_tokenize over the same texts in a
    fresh interpreter (the goal: camket --jobs 1 at least as fast, floor 0.8x);
  - underthesea ner on a sample (extrapolated, and said so);
  - peak memory of the extract process and of each worker (RSS, and PSS with shared pages counted once)
    at each --rss-sizes N (texts of the pool repeated with new ids beyond its 5,500 articles); timed
    runs are not memory-sampled, so the sampler does not steal CPU from them.

    python benchmarks/throughput.py --n 1000 --rss-sizes 1000,10000     # the full measurement
    python benchmarks/throughput.py --n 100 --rss-sizes 100 --ner-sample 5   # a quick check
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POOL = REPO.parent / "shared" / "corpus" / "pool"


def pool_articles(pool):
    rows = []
    for path in sorted(Path(pool).glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    if not rows:
        sys.exit(f"no pool articles under {pool} (use --pool)")
    return rows


def write_corpus(path, rows, n, seed):
    """Write n articles (drawn at random; repeated with new ids beyond the pool) as JSONL; return chars."""
    rng = random.Random(seed)
    order = rng.sample(rows, len(rows))
    chars = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            r = order[i % len(order)]
            f.write(json.dumps({"id": f"{r['id']}-{i // len(order)}", "text": r["text"],
                                "published": r.get("published")}, ensure_ascii=False) + "\n")
            chars += len(r["text"])
    return chars


def run_extract(corpus, out_dir, jobs, memory=False):
    """Wall seconds of `camket extract` (a fresh process) and, with ``memory``, peak RSS/PSS in MB of the
    main process and of its largest worker."""
    import psutil
    out = out_dir / f"c-{jobs}-{corpus.stem}.jsonl"
    arts = out_dir / f"a-{jobs}-{corpus.stem}.jsonl"
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", str(out), "--articles", str(arts),
           "--jobs", str(jobs), "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=out_dir, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = {"main_rss": 0, "worker_rss": 0, "worker_pss": 0}
    while memory and proc.poll() is None:
        try:
            peak["main_rss"] = max(peak["main_rss"], ps.memory_info().rss)
            for child in ps.children(recursive=True):
                info = child.memory_full_info()
                peak["worker_rss"] = max(peak["worker_rss"], info.rss)
                peak["worker_pss"] = max(peak["worker_pss"], getattr(info, "pss", info.rss))
        except psutil.Error:
            pass
        time.sleep(0.25)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"extract failed ({proc.returncode}): {err.decode('utf-8', 'replace')}")
    with open(out, encoding="utf-8") as f:
        n_commitments = sum(1 for _ in f)
    with open(arts, encoding="utf-8") as f:
        n_errors = sum(json.loads(line)["status"] != "ok" for line in f)
    return {"wall_s": wall, "commitments": n_commitments, "errors": n_errors,
            **{k: v / 2**20 for k, v in peak.items()}}


SEGMENT = """
import json, sys, time
t0 = time.perf_counter()
from underthesea import sent_tokenize, word_tokenize
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f]
for text in texts:
    for sentence in sent_tokenize(text):
        word_tokenize(sentence)
print(time.perf_counter() - t0)
"""

NER = """
import json, sys, time
from underthesea import ner, sent_tokenize
ner("Khởi động.")
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f][: int(sys.argv[2])]
t0 = time.perf_counter()
for text in texts:
    for sentence in sent_tokenize(text):
        ner(sentence)
print(time.perf_counter() - t0, sum(map(len, texts)))
"""


def underthesea_wall(corpus):
    """Wall seconds of a fresh interpreter that imports underthesea and segments every text."""
    started = time.perf_counter()
    inner = float(subprocess.run([sys.executable, "-c", SEGMENT, str(corpus)], check=True, capture_output=True,
                                 text=True).stdout.split()[-1])
    return time.perf_counter() - started, inner


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles timed (default %(default)s)")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to time (default %(default)s)")
    ap.add_argument("--ner-sample", type=int, default=30, help="articles run through ner (default %(default)s)")
    ap.add_argument("--rss-sizes", default="1000,10000", help="corpus sizes for peak memory (default %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pool", type=Path, default=POOL)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    rows = pool_articles(args.pool)
    jobs_list = [int(j) for j in args.jobs.split(",") if j]
    with tempfile.TemporaryDirectory(prefix="camket-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / f"pool-{args.n}.jsonl"
        chars = write_corpus(corpus, rows, args.n, args.seed)
        res = {"n": args.n, "chars": chars, "extract": {}, "rss": {}}
        for jobs in jobs_list:
            res["extract"][jobs] = run_extract(corpus, tmp, jobs)
        seg_wall, seg_inner = underthesea_wall(corpus)
        res["segmentation"] = {"wall_s": seg_wall, "work_s": seg_inner}
        out = subprocess.run([sys.executable, "-c", NER, str(corpus), str(args.ner_sample)], check=True,
                             capture_output=True, text=True).stdout.split()
        ner_s, ner_chars = float(out[0]), int(out[1])
        res["ner"] = {"sample": args.ner_sample, "s": ner_s, "extrapolated_s": ner_s * chars / ner_chars}
        for size in (int(s) for s in args.rss_sizes.split(",") if s):
            folder = tmp / f"pool-{size}.jsonl"
            if not folder.exists():
                write_corpus(folder, rows, size, args.seed)
            res["rss"][size] = run_extract(folder, tmp, 1, memory=True)
    report(res, jobs_list)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")


def report(res, jobs_list):
    n, chars = res["n"], res["chars"]
    seg = res["segmentation"]
    print(f"{n} pool articles, {chars:,} characters; wall time of a fresh process, start-up included")
    for jobs in jobs_list:
        p = res["extract"][jobs]
        print(f"  camket extract --jobs {jobs}: {p['wall_s']:7.1f} s  {n / p['wall_s']:6.1f} articles/s "
              f"({p['commitments']} commitments, {p['errors']} error records)")
    print(f"  underthesea sent_tokenize + word_tokenize: {seg['wall_s']:7.1f} s  {n / seg['wall_s']:6.1f} articles/s "
          f"({seg['work_s']:.1f} s without its start-up)")
    one = res["extract"][jobs_list[0]]
    print(f"speed of camket --jobs {jobs_list[0]} / underthesea segmentation: {seg['wall_s'] / one['wall_s']:.2f}x "
          f"(goal >= 1.0, floor 0.8)")
    if 1 in res["extract"] and 2 in res["extract"]:
        print(f"speed-up of --jobs 2 over --jobs 1: {res['extract'][1]['wall_s'] / res['extract'][2]['wall_s']:.2f}x "
              f"(goal >= 1.8)")
    e = res["ner"]
    print(f"underthesea ner per sentence: {e['s']:.1f} s on {e['sample']} articles, about {e['extrapolated_s']:.0f} s "
          f"for all {n} (extrapolated by characters): camket is {e['extrapolated_s'] / one['wall_s']:.1f}x faster")
    for size, r in res["rss"].items():
        print(f"peak memory, --jobs 1 on {size} articles: main {r['main_rss']:.0f} MB RSS, worker {r['worker_rss']:.0f} MB "
              f"RSS / {r['worker_pss']:.0f} MB PSS ({r['wall_s']:.0f} s, {r['errors']} error records)")


if __name__ == "__main__":
    main()
