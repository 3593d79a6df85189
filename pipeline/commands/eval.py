"""`camket eval`: score commitment records (given, or made now by the pipeline) against gold."""
import json
import sys
from pathlib import Path

from ..errors import CamketError, plural
from ..evaluate import format_misses, misses, only_commitments, score
from ..gold import load_gold, parse_jsonl, read_jsonl, read_texts
from .paths import SHARED_DEV as DEFAULT_TEXTS


def register(sub):
    p = sub.add_parser(
        "eval", help="score commitments against gold (annotation guide, section 3)",
        description="Score commitment records against gold. With only GOLD, run the pipeline over the "
                    "gold's articles first. GOLD is a resolved gold file or a stand-off one "
                    "(corpus/dev/gold.standoff.jsonl), whose spans are re-read from --texts.")
    p.add_argument("gold", metavar="GOLD", help="gold JSONL (resolved or stand-off)")
    p.add_argument("commitments", metavar="COMMITMENTS", nargs="?",
                   help="commitment records JSONL, - for stdin (other records in it are ignored)")
    p.add_argument("articles", metavar="ARTICLES", nargs="?",
                   help="article records JSONL (adds the entity figures)")
    p.add_argument("--texts", metavar="DIR",
                   help="folder of the articles' <id>.txt (default: the gold file's folder when they are "
                        f"there, else {DEFAULT_TEXTS})")
    p.add_argument("--json", action="store_true",
                   help="print the figures as one JSON object (0.0 where a figure is 0/0, as the reference scorer "
                        "has it; the text output says n/a)")
    p.add_argument("--misses", metavar="N", type=int, default=20,
                   help="list at most N misses after the figures (default 20; 0: none)")
    p.set_defaults(func=run)


def run_pipeline(gold_rows, texts):
    """(commitment records, article records) of the pipeline run over the gold's articles."""
    from ..extractor import Extractor

    ex = Extractor.load()
    commitments, articles = [], []
    for row in gold_rows:
        aid = row["article_id"]
        article, records = ex.process({"article_id": aid, "text": texts[aid], "title": None,
                                       "published": None, "url": None})
        articles.append(article)
        commitments.extend(records)
    return commitments, articles


def _read(path, what):
    """Records of a JSONL file ("-": standard input)."""
    if path == "-":
        return parse_jsonl(sys.stdin, "stdin")
    if not Path(path).exists():
        raise CamketError(f"{what} file not found: {path}")
    return read_jsonl(path)


def texts_folder(gold_path, given):
    """Where the articles' <id>.txt are: --texts, else beside the gold file if they are there, else ../shared dev."""
    if given:
        return Path(given)
    beside = Path(gold_path).parent
    rows = read_jsonl(gold_path) if Path(gold_path).exists() else []
    if rows and all((beside / f"{r.get('article_id')}.txt").exists() for r in rows):
        return beside
    return DEFAULT_TEXTS


def run(args):
    texts_dir = texts_folder(args.gold, args.texts)
    gold_rows = load_gold(args.gold, texts_dir)
    if not gold_rows:
        raise CamketError(f"{args.gold}: no gold rows")
    texts = None
    if args.commitments:
        commitments = only_commitments(_read(args.commitments, "commitments"))
        articles = _read(args.articles, "articles") if args.articles else None
    else:
        if not texts_dir.is_dir():
            raise CamketError(f"texts folder not found: {texts_dir} (give --texts DIR)")
        texts = read_texts(texts_dir, [r["article_id"] for r in gold_rows])
        commitments, articles = run_pipeline(gold_rows, texts)
        errors = [a for a in articles if a.get("status") == "error"]
        if errors and not args.json:
            print(f"# {plural(len(errors), 'article')} failed in the pipeline: "
                  + ", ".join(f"{a['article_id']} ({(a.get('error') or {}).get('message', '')[:60]})"
                              for a in errors[:5]))
    undefined = set()
    res = score(gold_rows, commitments, articles, undefined)
    if args.json:  # the reference scorer's numbers, 0.0 where a figure is 0/0
        print(json.dumps(res))
        return 0
    for key, value in res.items():
        if key in undefined:
            print(f"{key}: n/a")
        else:
            print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    if args.misses > 0:
        found = misses(gold_rows, commitments, articles, texts)
        if found:
            print()
            print(f"# misses (at most {args.misses})")
            for line in format_misses(found, args.misses):
                print(line)
    return 0
