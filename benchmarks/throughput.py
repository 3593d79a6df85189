"""Throughput of `camket extract` against underthesea segmentation and NER, and its peak memory.

Builds a corpus of N distinct articles by recombining the paragraphs of the seed and dev
texts in ../shared with a seeded RNG (written to a temporary folder, never to the repo),
then reports in one run:
  - articles/s and chars/s of the whole pipeline (`camket extract`) with --jobs 1 and 2,
    wall time including start-up, and without the start-up (measured on a 1-article run);
  - the same corpus through underthesea sent_tokenize + word_tokenize alone;
  - underthesea ner per sentence on a subsample (slow: extrapolated, and said so);
  - the ratios pipeline/segmentation and pipeline/ner, the speed-up of --jobs 2 over 1;
  - peak RSS of the extract process, and the peak PSS of it with its worker processes
    (shared copy-on-write pages counted once), at each --rss-sizes N.

    python benchmarks/throughput.py --n 1000                 # the full measurement
    python benchmarks/throughput.py --n 50 --rss-sizes 50,100 --ner-sample 10   # a quick check
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


# ---- corpus ----------------------------------------------------------------------------------

def source_paragraphs(shared):
    """Non-empty lines (paragraphs) of the seed and dev articles; the first line of each is a title."""
    titles, paragraphs = [], []
    files = sorted((shared / "corpus" / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "dev").glob("*.txt"))
    if not files:
        sys.exit(f"no seed/dev texts under {shared}/corpus (use --shared)")
    for path in files:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if lines:
            titles.append(lines[0])
            paragraphs.extend(lines[1:])
    return titles, paragraphs


def build_corpus(folder, n, shared, seed=0):
    """Write n distinct articles (title + 3-8 recombined paragraphs) to folder; returns total chars."""
    titles, paragraphs = source_paragraphs(shared)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen, chars, i = set(), 0, 0
    while i < n:
        text = "\n".join([rng.choice(titles)] + rng.sample(paragraphs, min(len(paragraphs), rng.randint(3, 8))))
        key = hashlib.sha256(text.encode("utf-8")).digest()
        if key in seen:
            continue
        seen.add(key)
        (folder / f"a{i:06d}.txt").write_text(text + "\n", encoding="utf-8")
        chars += len(text) + 1
        i += 1
    return chars


def iter_texts(folder):
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


# ---- measurements ----------------------------------------------------------------------------

def run_extract(corpus, out_dir, jobs, memory=False):
    """Run `camket extract` as a subprocess; return wall seconds and, with ``memory``, peak RSS (main,
    main+workers) in MB. Timed runs are not sampled: reading the workers' memory maps costs CPU that a
    --jobs 2 run on 2 cores would lose to the sampler."""
    import psutil
    out = out_dir / f"out-{jobs}-{corpus.name}.jsonl"
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", str(out),
           "--articles", str(out_dir / f"art-{jobs}-{corpus.name}.jsonl"), "--jobs", str(jobs), "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while memory and proc.poll() is None:
        try:
            main = ps.memory_info().rss
            tree = sum(_unique_memory(p) for p in [ps] + ps.children(recursive=True))
        except psutil.Error:
            pass
        else:
            peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        time.sleep(0.25)
    _, err_bytes = proc.communicate()
    wall = time.perf_counter() - started
    err = err_bytes.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        sys.exit(f"extract failed ({proc.returncode}): {err}")
    with open(out, encoding="utf-8") as f:
        n_commitments = sum(1 for _ in f)
    with open(out_dir / f"art-{jobs}-{corpus.name}.jsonl", encoding="utf-8") as f:
        n_errors = sum(json.loads(line)["status"] != "ok" for line in f)
    if n_errors:
        print(f"warning: {n_errors} error records in the {corpus.name} run (--jobs {jobs})", file=sys.stderr)
    return {"wall_s": wall, "peak_rss_mb": peak_main / 2**20, "peak_rss_tree_mb": peak_tree / 2**20,
            "commitments": n_commitments, "errors": n_errors}


def _unique_memory(proc):
    """PSS where the OS gives it (pages shared copy-on-write by the forked workers counted once), else RSS."""
    try:
        return proc.memory_full_info().pss
    except (AttributeError, OSError):
        return proc.memory_info().rss


def time_segmentation(texts):
    """Seconds for underthesea sent_tokenize + word_tokenize over the texts."""
    from underthesea import sent_tokenize, word_tokenize
    word_tokenize("Khởi động.")
    started = time.perf_counter()
    for text in texts:
        for sentence in sent_tokenize(text):
            word_tokenize(sentence)
    return time.perf_counter() - started


def time_ner(texts):
    """Seconds for underthesea ner on every sentence of the texts."""
    from underthesea import ner, sent_tokenize
    ner("Khởi động.")
    started = time.perf_counter()
    for text in texts:
        for sentence in sent_tokenize(text):
            ner(sentence)
    return time.perf_counter() - started


# ---- report ----------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles in the throughput corpus (default %(default)s)")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to time (default %(default)s)")
    ap.add_argument("--ner-sample", type=int, default=50, help="articles run through ner (default %(default)s)")
    ap.add_argument("--rss-sizes", default="1000,10000", help="corpus sizes for peak memory (default %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    jobs_list = [int(j) for j in args.jobs.split(",") if j]
    rss_sizes = [int(s) for s in args.rss_sizes.split(",") if s]

    tmp = Path(tempfile.mkdtemp(prefix="camket-bench-"))
    try:
        corpus = tmp / f"corpus-{args.n}"
        chars = build_corpus(corpus, args.n, args.shared, args.seed)
        one = tmp / "corpus-1"
        build_corpus(one, 1, args.shared, args.seed + 1)
        res = {"n": args.n, "chars": chars, "pipeline": {}, "rss": {}}

        for jobs in jobs_list:
            startup = run_extract(one, tmp, jobs)["wall_s"]
            run = run_extract(corpus, tmp, jobs)
            work = max(run["wall_s"] - startup, 1e-9)
            res["pipeline"][jobs] = dict(run, startup_s=startup, articles_s=args.n / run["wall_s"],
                                         chars_s=chars / run["wall_s"], articles_s_no_startup=args.n / work,
                                         chars_s_no_startup=chars / work)

        texts = list(iter_texts(corpus))
        seg = time_segmentation(texts)
        res["segmentation"] = {"s": seg, "articles_s": args.n / seg, "chars_s": chars / seg}
        sample = texts[: args.ner_sample]
        ner_s = time_ner(sample)
        sample_chars = sum(map(len, sample))
        res["ner"] = {"sample": len(sample), "sample_s": ner_s, "articles_s": len(sample) / ner_s,
                      "chars_s": sample_chars / ner_s, "extrapolated_s": ner_s * chars / sample_chars}

        for size in rss_sizes:
            folder = corpus if size == args.n else tmp / f"corpus-{size}"
            if size != args.n:
                build_corpus(folder, size, args.shared, args.seed)
            run = run_extract(folder, tmp, 1, memory=True)
            res["rss"][size] = {k: run[k] for k in ("peak_rss_mb", "peak_rss_tree_mb", "wall_s", "errors")}
            if size != args.n:
                shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    report(res, jobs_list)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")


def report(res, jobs_list):
    n, chars = res["n"], res["chars"]
    print(f"corpus: {n} distinct articles, {chars:,} characters (recombined seed+dev paragraphs)")
    print(f"{'':34}{'articles/s':>12}{'kchars/s':>10}{'seconds':>9}")
    for jobs in jobs_list:
        p = res["pipeline"][jobs]
        label = f"pipeline --jobs {jobs} (wall)"
        print(f"{label:34}{p['articles_s']:12.2f}{p['chars_s'] / 1e3:10.1f}{p['wall_s']:9.1f}"
              f"   ({p['commitments']} commitments, {p['errors']} error records)")
        label = f"pipeline --jobs {jobs} (w/o {p['startup_s']:.1f} s start)"
        print(f"{label:34}"
              f"{p['articles_s_no_startup']:12.2f}{p['chars_s_no_startup'] / 1e3:10.1f}")
    s = res["segmentation"]
    print(f"{'underthesea sent+word_tokenize':34}{s['articles_s']:12.2f}{s['chars_s'] / 1e3:10.1f}{s['s']:9.1f}")
    e = res["ner"]
    print(f"{'underthesea ner per sentence':34}{e['articles_s']:12.2f}{e['chars_s'] / 1e3:10.1f}"
          f"{e['extrapolated_s']:9.1f}   (measured on {e['sample']} articles, {e['sample_s']:.1f} s; "
          f"time for all {n} extrapolated by characters)")
    base = res["pipeline"][jobs_list[0]]
    print(f"pipeline/segmentation time ratio (--jobs {jobs_list[0]}, w/o start-up): "
          f"{s['chars_s'] / base['chars_s_no_startup']:.2f}x slower, speed ratio "
          f"{base['chars_s_no_startup'] / s['chars_s']:.2f} (goal >= 0.5)")
    print(f"pipeline/ner time ratio (--jobs {jobs_list[0]}, w/o start-up): "
          f"{e['chars_s'] / base['chars_s_no_startup']:.2f} (below 1 = pipeline faster than ner alone)")
    if 1 in res["pipeline"] and 2 in res["pipeline"]:
        one, two = res["pipeline"][1], res["pipeline"][2]
        print(f"speed-up --jobs 2 over --jobs 1: {one['wall_s'] / two['wall_s']:.2f}x wall, "
              f"{two['articles_s_no_startup'] / one['articles_s_no_startup']:.2f}x without start-up")
    for size, r in res["rss"].items():
        print(f"peak RSS, extract --jobs 1 on {size} articles: {r['peak_rss_mb']:.0f} MB main process, "
              f"{r['peak_rss_tree_mb']:.0f} MB (PSS) with its worker ({r['wall_s']:.1f} s, {r['errors']} error records)")


if __name__ == "__main__":
    main()
