"""`camket reviews export`: reviewers' verdicts as JSONL + CSV, and corrected claims as training gold."""
import sys
from pathlib import Path

from ..errors import CamketError, plural
from ..io.writers import check_output_path
from ..review.export import output_paths, write_export
from ..review.store import VerdictStore


def register(subparsers):
    p = subparsers.add_parser("reviews", help="work with the verdicts recorded by `camket review`",
                              description="Work with the verdicts recorded by `camket review`.")
    sub = p.add_subparsers(dest="reviews_command", metavar="ACTION")
    ex = sub.add_parser(
        "export", help="write verdicts (JSONL, CSV) and corrected claims as gold for `camket train`",
        description="Write DIR/verdicts.jsonl, DIR/verdicts.csv, DIR/gold.jsonl, DIR/links.jsonl and "
                    "DIR/links.gold.jsonl (or PREFIX.verdicts.jsonl, ... when -o is not a folder). gold.jsonl has "
                    "one row per reviewed article: correct and corrected claims under `commitments`, wrong ones "
                    "under `negatives`; links.jsonl one row per confirmed or rejected target-result link.")
    ex.add_argument("--db", default="review.sqlite", help="verdict database (default %(default)s)")
    ex.add_argument("-o", "--output", required=True, metavar="DIR|PREFIX",
                    help="an existing folder (or one ending in /) or a file-name prefix")
    ex.set_defaults(func=run_export)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser):
    parser.print_help(sys.stderr)
    return 2


def check_export_paths(out):
    """Refuse, in one line, an -o that cannot be written: a PREFIX needs an existing folder; a DIR/ that does
    not exist yet is created, in a folder that must exist."""
    paths = output_paths(out)
    folder = paths["gold.jsonl"].parent
    if str(out).endswith(("/", "\\")) and not folder.exists():
        check_output_path(folder, "export folder")
        return
    for path in paths.values():
        check_output_path(path, "export")


def run_export(args):
    db = Path(args.db)
    if not db.is_file():
        raise CamketError(f"review database not found: {db} (run `camket review ... --db {db}` first)")
    store = VerdictStore(db)
    try:
        verdicts = store.all()
        links = store.links()
    finally:
        store.close()
    check_export_paths(args.output)
    paths = write_export(verdicts, args.output, links)
    counts = {k: sum(1 for v in verdicts if v["verdict"] == k) for k in ("correct", "wrong", "needs_correction")}
    print(f"camket reviews: {plural(len(verdicts), 'verdict')} ({counts['correct']} correct, {counts['wrong']} wrong, "
          f"{counts['needs_correction']} need correction); {plural(len(links), 'link verdict')}", file=sys.stderr)
    for path in paths.values():
        print(path)
    return 0
