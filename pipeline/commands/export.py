"""`camket export`: the JSONL outputs as CSV, Parquet or a SQLite file (e.g. for Datasette)."""
import argparse
import os
import sys

from ..errors import CamketError
from ..export import export

EPILOG = """\
tables:
  commitments  one row per commitment: nested fields flattened (sentence_text, deadline_year,
               actor_province, ...), metrics as a JSON column plus the first metric's fields
  articles     one row per article record (status, error_kind, error_message, counts)   [--articles]
  entities     one row per entity, with its article_id                                   [--articles]
  metrics      one row per metric, with commitment_id (SQLite only)

  csv/parquet: the commitments go to OUT; with --articles also OUT-stem.articles.EXT and
  OUT-stem.entities.EXT. sqlite: all tables in the one file OUT (open it with sqlite3 or
  `datasette OUT`).

examples:
  camket export commitments.jsonl --to csv -o commitments.csv
  camket export commitments.jsonl --articles articles.jsonl --to sqlite -o camket.db
"""


def register(subparsers):
    p = subparsers.add_parser(
        "export", help="export commitment (and article) records to CSV, Parquet or SQLite",
        description="Turn the JSONL outputs of `camket extract` into flat tables.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("commitments", metavar="COMMITMENTS.jsonl", help="commitment records from `camket extract`")
    p.add_argument("--articles", metavar="ARTICLES.jsonl", help="article records (for the articles and entities tables)")
    p.add_argument("--to", required=True, choices=["csv", "parquet", "sqlite"], help="output format")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (written atomically)")
    p.set_defaults(func=run)


def run(args):
    for path in [args.commitments] + ([args.articles] if args.articles else []):
        if not os.path.isfile(path):
            raise CamketError(f"no such file: {path}")
    folder = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(folder):
        raise CamketError(f"the folder of the output file does not exist: {folder}")
    written = export(args.commitments, args.to, args.output, args.articles)
    print(f"camket export: wrote {', '.join(written)}", file=sys.stderr)
    return 0
