"""`camket reviews export`: reviewers' verdicts as JSONL + CSV, and corrected claims as training gold."""
import sys
from pathlib import Path

from ..errors import CamketError
from ..review.export import write_export
from ..review.store import VerdictStore


def register(subparsers):
    p = subparsers.add_parser("reviews", help="work with the verdicts recorded by `camket review`",
                              description="Work with the verdicts recorded by `camket review`.")
    sub = p.add_subparsers(dest="reviews_command", metavar="ACTION")
    ex = sub.add_parser(
        "export", help="write verdicts (JSONL, CSV) and corrected claims as gold for `camket train`",
        description="Write DIR/verdicts.jsonl, DIR/verdicts.csv and DIR/gold.jsonl (or PREFIX.verdicts.jsonl, ... "
                    "when -o is not a folder). gold.jsonl has one row per reviewed article: correct and corrected "
                    "claims under `commitments`, wrong ones under `negatives`.")
    ex.add_argument("--db", default="review.sqlite", help="verdict database (default %(default)s)")
    ex.add_argument("-o", "--output", required=True, metavar="DIR|PREFIX",
                    help="an existing folder (or one ending in /) or a file-name prefix")
    ex.set_defaults(func=run_export)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser):
    parser.print_help(sys.stderr)
    return 2


def run_export(args):
    db = Path(args.db)
    if not db.is_file():
        raise CamketError(f"review database not found: {db} (run `camket review ... --db {db}` first)")
    store = VerdictStore(db)
    try:
        verdicts = store.all()
    finally:
        store.close()
    paths = write_export(verdicts, args.output)
    counts = {k: sum(1 for v in verdicts if v["verdict"] == k) for k in ("correct", "wrong", "needs_correction")}
    print(f"camket reviews: {len(verdicts)} verdicts ({counts['correct']} correct, {counts['wrong']} wrong, "
          f"{counts['needs_correction']} need correction)", file=sys.stderr)
    for path in paths.values():
        print(path)
    return 0
