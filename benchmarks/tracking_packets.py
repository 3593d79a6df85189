"""Annotation packets for target-result links (annotation guide, section 5).

    # from camket's output (pool articles run through `camket extract`)
    python benchmarks/tracking_packets.py --commitments out/c.jsonl --articles out/a.jsonl -o packets/pool \
        --n 100 --seed 1 [--exclude corpus/splits.json] [--as-of DATE]
    # from the gold: gold commitments become records ("g_" ids), keyed like camket's
    python benchmarks/tracking_packets.py --gold corpus/dev/gold.standoff.jsonl --texts ../shared/corpus/dev \
        -o packets/gold --n 50

Writes OUT/packets.jsonl (one link-gold row per sampled target with `evidence` and `status` empty, for the
annotators to fill), OUT/packets.md (the same to read: target sentence, article, publication date, and the
numbered candidate results with their sentences) and, with --gold, OUT/commitments.jsonl and
OUT/articles.jsonl (the gold-derived records the packets' ids refer to; benchmarks/tracking.py links
--commitments takes them). The candidates are broad on purpose: every result of the same actor, whatever
its indicator, plus the results of the same indicator from other actors of the same province.
`--exclude` takes a file of article ids (one a line) or a splits.json (its "test" list).
"""
import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.errors import CamketError  # noqa: E402
from pipeline.io.jsonl import iter_jsonl  # noqa: E402
from pipeline.io.writers import write_jsonl  # noqa: E402
from pipeline.tracking.packets import make_packets, packet_markdown  # noqa: E402


def excluded_ids(path):
    """Article ids from a splits.json ("test") or a file with one id a line."""
    if not path:
        return set()
    text = Path(path).read_text(encoding="utf-8")
    if path.endswith(".json"):
        return set(json.loads(text).get("test") or [])
    return {line.strip() for line in text.splitlines() if line.strip()}


def gold_inputs(golds, texts_dirs):
    """(records, articles) derived from gold files and their texts (.txt folders or the pool's JSONL),
    the publication dates the texts carry included."""
    from pipeline.gold import load_gold, read_sources
    from pipeline.tracking.gold import gold_articles, gold_records

    records, articles = [], []
    for gold, texts_dir in zip(golds, texts_dirs):
        rows = load_gold(gold, texts_dir=texts_dir)
        sources = read_sources(texts_dir, [r["article_id"] for r in rows])
        texts = {aid: src["text"] for aid, src in sources.items()}
        records += gold_records(rows, texts)
        articles += gold_articles(rows, {aid: src["published"] for aid, src in sources.items()})
    return records, articles


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--commitments", help="commitment records (camket output)")
    src.add_argument("--gold", action="append", help="a gold file (resolved or stand-off); repeatable, each with "
                                                     "its --texts")
    p.add_argument("--articles", help="article records (publication dates)")
    p.add_argument("--texts", action="append", default=None,
                   help="the article texts of each --gold, in order (.txt folder or JSONL rows)")
    p.add_argument("-o", "--output", required=True, help="output folder (created)")
    p.add_argument("--n", type=int, default=150, help="targets to sample (default %(default)s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--exclude", help="article ids to leave out: splits.json (its test list) or one id a line")
    p.add_argument("--max-candidates", type=int, default=40)
    p.add_argument("--include-empty", action="store_true", help="keep targets without any candidate result")
    p.add_argument("--as-of", help="the date statuses are judged at (default: newest publication date)")
    args = p.parse_args(argv)
    try:
        if args.gold:
            if not args.texts or len(args.texts) != len(args.gold):
                raise CamketError("give one --texts for each --gold")
            records, articles = gold_inputs(args.gold, args.texts)
        else:
            records = list(iter_jsonl(args.commitments))
            articles = list(iter_jsonl(args.articles)) if args.articles else []
        rows = make_packets(records, articles, n=args.n, seed=args.seed, exclude=excluded_ids(args.exclude),
                            include_empty=args.include_empty, max_candidates=args.max_candidates, as_of=args.as_of)
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        write_jsonl(out / "packets.jsonl", rows)
        (out / "packets.md").write_text(packet_markdown(rows), encoding="utf-8")
        if args.gold:
            write_jsonl(out / "commitments.jsonl", records)
            write_jsonl(out / "articles.jsonl", articles)
    except (CamketError, OSError) as exc:
        print(f"tracking packets: error: {exc}", file=sys.stderr)
        return 2
    n_cands = sum(len(r["candidates"]) for r in rows)
    print(f"tracking packets: {len(rows)} targets, {n_cands} candidate results -> {out}/packets.jsonl, "
          f"{out}/packets.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
