"""`camket gold`: build the project's stand-off gold from a readable draft (and corrections)."""
import sys

from .paths import DEV_GOLD_DIR, SHARED_DEV

EPILOG = """\
  build     draft + corrections -> stand-off gold + CHANGELOG.md (default: the dev gold)
  standoff  draft -> stand-off gold (offsets, labels, values, span hashes; no article text)
  resolve   draft -> resolved gold (offsets and texts, as ../shared/tools/gold.py writes)
TEXTS is a folder of <id>.txt files or of JSONL rows (id, text, published), e.g. ../shared/corpus/pool.
"""


def register(sub):
    import argparse
    p = sub.add_parser("gold", help="build stand-off gold from a readable draft (and corrections)",
                       description="Resolve readable gold drafts (quoted sentences and entity texts) into offsets, "
                                   "apply corrections, and write the stand-off form the repository keeps.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    s = p.add_subparsers(dest="gold_command", metavar="ACTION", required=True)
    b = s.add_parser("build", help="draft + corrections -> stand-off gold + changelog")
    b.add_argument("--draft", default=str(SHARED_DEV / "gold.draft.jsonl"))
    b.add_argument("--texts", default=str(SHARED_DEV))
    b.add_argument("--corrections", default=str(DEV_GOLD_DIR / "corrections"))
    b.add_argument("--out", default=str(DEV_GOLD_DIR / "gold.standoff.jsonl"))
    b.add_argument("--changelog", default=str(DEV_GOLD_DIR / "CHANGELOG.md"))
    for name, what in (("standoff", "draft -> stand-off gold"), ("resolve", "draft -> resolved gold")):
        r = s.add_parser(name, help=what)
        r.add_argument("texts", metavar="TEXTS")
        r.add_argument("draft", metavar="DRAFT")
        r.add_argument("out", metavar="OUT")
    p.set_defaults(func=run)


def run(args):
    from ..gold import build, convert
    if args.gold_command == "build":
        res = build(args.draft, args.texts, args.corrections, args.out, args.changelog)
        for f, n, c, why in res["rejected"]:
            print(f"NOT APPLIED {f}:{n} {c.get('article_id')} {c.get('op')}: {why}")
        for prob in res["problems"]:
            print("PROBLEM", prob)
        b, a = res["before"], res["after"]
        print(f"{res['applied']} corrections applied, {len(res['rejected'])} not applied; commitments "
              f"{b['commitments']} -> {a['commitments']}, sentences {b['sentences']} -> {a['sentences']}, "
              f"entities {b['entities']} -> {a['entities']}", file=sys.stderr)
        return 1 if res["problems"] else 0
    problems = convert(args.texts, args.draft, args.out, standoff=args.gold_command == "standoff")
    for prob in problems:
        print("PROBLEM", prob)
    return 1 if problems else 0
