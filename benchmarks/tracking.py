"""Tracking benchmark: indicator keys, target-result links and statuses against annotation, and the time of
`camket track`.

    # indicator-key accuracy on gold commitments whose rows carry "indicator_key"
    python benchmarks/tracking.py keys --gold corpus/dev/gold.standoff.jsonl [--texts ../shared/corpus/dev]
    # indicator-key accuracy on the targets of link gold: camket's key of each target record against the
    # readers' indicator_key (null included: a key where none fits is wrong)
    python benchmarks/tracking.py keys --links links.jsonl --commitments c.jsonl
    # link precision / recall and status accuracy against link gold (guide section 5), over the commitments
    # the gold's target ids refer to (camket output, or the gold-derived records of tracking_packets.py --gold)
    python benchmarks/tracking.py links --links links.jsonl --commitments c.jsonl [--articles a.jsonl]
                                        [--tracks t.jsonl] [--as-of DATE]
    # the time of `camket track` over an extraction (N runs, the best and the median)
    python benchmarks/tracking.py time --commitments c.jsonl --articles a.jsonl [--runs 3]

`--json` prints the figures as one JSON object. Without --tracks, `links` runs the tracker itself (as of the
gold rows' own as_of date when they all agree, so that camket and the annotators judge the same day).
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
sys.path.insert(0, str(REPO))

from pipeline.errors import CamketError  # noqa: E402
from pipeline.io.jsonl import iter_jsonl  # noqa: E402


def run_keys(args):
    from pipeline.gold import load_gold
    from pipeline.tracking.gold import gold_records, raw_indicator_keys
    from pipeline.tracking.scoring import key_accuracy, link_gold_keys

    if args.links:
        records, missing = link_gold_keys(list(iter_jsonl(args.links)), iter_jsonl(args.commitments))
        out = key_accuracy(records)
        out.update(commitments=len(records), source="link gold targets", missing_targets=missing,
                   keyed_by_camket=sum(1 for r in records if (r.get("indicator") or {}).get("key")))
        if not out["n"]:
            out["note"] = "no link-gold row gives indicator_key"
        return out

    texts_dir = Path(args.texts) if args.texts else None
    if texts_dir is None:
        beside, shared = Path(args.gold).parent, REPO.parent / "shared" / "corpus" / Path(args.gold).parent.name
        texts_dir = beside if any(beside.glob("*.txt")) else shared
    rows = load_gold(args.gold, texts_dir=texts_dir)
    keys = raw_indicator_keys(args.gold)
    for row in rows:
        for i, c in enumerate(row.get("commitments") or []):
            if (row["article_id"], i) in keys:
                c["indicator_key"] = keys[(row["article_id"], i)]
    texts = {r["article_id"]: (texts_dir / f"{r['article_id']}.txt").read_text(encoding="utf-8")
             for r in rows if (texts_dir / f"{r['article_id']}.txt").exists()}
    records = gold_records(rows, texts)
    out = key_accuracy(records)
    out["commitments"] = len(records)
    out["keyed_by_camket"] = sum(1 for r in records if (r.get("indicator") or {}).get("key"))
    if not out["n"]:
        out["note"] = ("no gold commitment carries indicator_key yet: accuracy needs annotated keys; "
                       "keyed_by_camket / commitments is camket's coverage")
    return out


def run_links(args):
    from pipeline.tracking.run import track
    from pipeline.tracking.scoring import score_links

    gold = list(iter_jsonl(args.links))
    if args.targets_only:  # rows whose sentence the readers call no target (camket's false targets) left out
        gold = [r for r in gold if r.get("target_ok", True)]
    if args.tracks:
        tracks = list(iter_jsonl(args.tracks))
    else:
        records = list(iter_jsonl(args.commitments))
        articles = list(iter_jsonl(args.articles)) if args.articles else []
        dates = {r.get("as_of") for r in gold if r.get("as_of")}
        as_of = args.as_of or (dates.pop() if len(dates) == 1 else None)
        tracks, _ = track(records, articles, as_of=as_of)
    return score_links(gold, tracks)


def run_time(args):
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "tracks.jsonl"
        cmd = [sys.executable, "-m", "pipeline.cli", "track", args.commitments, "-o", str(out), "--quiet"]
        if args.articles:
            cmd += ["--articles", args.articles]
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, cwd=REPO)
            runs.append(time.perf_counter() - start)
        n_tracks = sum(1 for _ in open(out, encoding="utf-8"))
    n_records = sum(1 for _ in iter_jsonl(args.commitments))
    n_articles = sum(1 for _ in iter_jsonl(args.articles)) if args.articles else None
    return {"records": n_records, "articles": n_articles, "tracks": n_tracks, "runs": [round(r, 3) for r in runs],
            "best_s": round(min(runs), 3), "median_s": round(statistics.median(runs), 3)}


def _print(name, out):
    if name == "keys":
        print(f"indicator keys on {out['commitments']} {out.get('source', 'gold commitments')}: camket keyed "
              f"{out['keyed_by_camket']}")
        if out.get("missing_targets"):
            print(f"  {len(out['missing_targets'])} link-gold targets are not in --commitments (not scored)")
        if out["n"]:
            f = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
            print(f"  with a gold key: {out['n']} ({out['gold_keyed']} non-null); accuracy {f(out['accuracy'])} "
                  f"(on the {out['gold_keyed']} non-null: {f(out['accuracy_gold_keyed'])}), coverage "
                  f"{f(out['coverage'])}, precision of predicted keys {f(out['precision'])}")
            for gold, got, sentence in out["wrong"][:20]:
                print(f"  gold {gold} got {got}: {(sentence or '')[:100]}")
        else:
            print(f"  {out['note']}")
    elif name == "links":
        f = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
        print(f"links over {out['targets']} annotated targets: precision {f(out['precision'])}, recall "
              f"{f(out['recall'])}, F1 {f(out['f1'])} (tp {out['tp']}, fp {out['fp']}, fn {out['fn']}, "
              f"unjudged {out['unjudged']})")
        print(f"status accuracy {f(out['status_accuracy'])} over {out['status_n']}; where the links are right "
              f"{f(out['status_accuracy_links_right'])} over {out['status_n_links_right']}")
        for pair, n in out["status_confusion"].items():
            print(f"  gold -> camket {pair}: {n}")
    else:
        print(f"camket track over {out['records']} records ({out['articles']} articles) -> {out['tracks']} tracks: "
              f"best {out['best_s']}s, median {out['median_s']}s of {len(out['runs'])} runs")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    k = sub.add_parser("keys", help="indicator-key accuracy on gold commitments")
    k.add_argument("--gold", default=str(REPO / "corpus" / "dev" / "gold.standoff.jsonl"))
    k.add_argument("--texts", help="folder of the gold's article texts (default: beside GOLD, else ../shared)")
    k.add_argument("--links", help="score the targets of link gold instead (their indicator_key, null included); "
                                   "needs --commitments")
    k.add_argument("--commitments", help="with --links: the records the link gold's target ids refer to")
    ln = sub.add_parser("links", help="link precision / recall and status accuracy against link gold")
    ln.add_argument("--links", required=True, help="link gold JSONL (guide section 5)")
    ln.add_argument("--commitments", help="the commitment records the gold's target ids refer to")
    ln.add_argument("--articles", help="their article records")
    ln.add_argument("--tracks", help="track records already computed (else the tracker runs)")
    ln.add_argument("--targets-only", action="store_true",
                    help="leave out rows whose reader set target_ok false (on camket's output: not a target)")
    ln.add_argument("--as-of", help="judge deadlines as of this date (default: the gold rows' as_of)")
    t = sub.add_parser("time", help="time `camket track` over an extraction")
    t.add_argument("--commitments", required=True)
    t.add_argument("--articles")
    t.add_argument("--runs", type=int, default=3)
    for p in (k, ln, t):
        p.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.what == "links" and not (args.tracks or args.commitments):
        parser.error("links needs --commitments (or --tracks)")
    if args.what == "keys" and bool(args.links) != bool(args.commitments):
        parser.error("keys --links and --commitments go together")
    try:
        out = {"keys": run_keys, "links": run_links, "time": run_time}[args.what](args)
    except CamketError as exc:
        print(f"tracking benchmark: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print(args.what, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
