"""`camket export`: the JSONL outputs as CSV, Parquet or a SQLite file (e.g. for Datasette)."""
import argparse
import os
import sys

from ..errors import CamketError
from ..export import export
from ..io.outputs import check_outputs_apart
from ..io.writers import check_output_path

EPILOG = """\
tables:
  commitments  one row per commitment: nested fields flattened (sentence_text, deadline_year,
               actor_province, ...), metrics as a JSON column plus the first metric's fields
  articles     one row per article record (status, error_kind, error_message, counts)   [--articles]
  entities     one row per entity, with its article_id                                   [--articles]
  metrics      one row per metric, with commitment_id (SQLite only)
  tracks       one row per tracked target: status, reason, actor, indicator, target   [--tracks]
  track_evidence  one row per link of a track to a result (record, article, period)   [--tracks]

  csv/parquet: the commitments go to OUT; with --articles also OUT-stem.articles.EXT and
  OUT-stem.entities.EXT. sqlite: all tables in the one file OUT (open it with sqlite3 or
  `datasette OUT`); an existing OUT with tables of its own is refused unless --replace.
  CSV cells starting with = + - @ (or tab, CR) get a leading apostrophe, so that a
  spreadsheet shows them instead of running them as formulas.

exit codes: 0 written; 2 bad arguments, unreadable input, or an output that cannot be written

examples:
  camket export commitments.jsonl --to csv -o commitments.csv
  camket export commitments.jsonl --articles articles.jsonl --to sqlite -o camket.db
  camket export commitments.jsonl --tracks tracks.jsonl --to sqlite -o camket.db
"""


def register(subparsers):
    p = subparsers.add_parser(
        "export", help="export commitment (and article) records to CSV, Parquet or SQLite",
        description="Turn the JSONL outputs of `camket extract` into flat tables.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("commitments", metavar="COMMITMENTS.jsonl", help="commitment records from `camket extract`")
    p.add_argument("--articles", metavar="ARTICLES.jsonl", help="article records (for the articles and entities tables)")
    p.add_argument("--tracks", metavar="TRACKS.jsonl", help="track records from `camket track` (for the tracks "
                                                             "and track_evidence tables)")
    p.add_argument("--to", required=True, choices=["csv", "parquet", "sqlite"], help="output format")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (written atomically)")
    p.add_argument("--replace", action="store_true",
                   help="--to sqlite: overwrite OUT even when it holds tables camket did not write")
    p.set_defaults(func=run)


def run(args):
    for path in [args.commitments] + [p for p in (args.articles, args.tracks) if p]:
        if not os.path.isfile(path):
            raise CamketError(f"no such file: {path}")
    inputs = [args.commitments] + [p for p in (args.articles, args.tracks) if p]
    outputs = output_paths(args.output, args.to, [t for t, given in (("articles", args.articles),
                                                                      ("entities", args.articles),
                                                                      ("tracks", args.tracks),
                                                                      ("track_evidence", args.tracks)) if given])
    for path in outputs:
        check_output_path(path, "output")
    check_outputs_apart(inputs, [("output", path) for path in outputs])
    written = export(args.commitments, args.to, args.output, args.articles, args.tracks, replace=args.replace)
    print(f"camket export: wrote {', '.join(written)}", file=sys.stderr)
    return 0


def output_paths(output, to, tables):
    """The files an export writes: OUT, and for csv/parquet one OUT-stem.TABLE.EXT per other table."""
    if to == "sqlite":
        return [output]
    stem, ext = os.path.splitext(output)
    ext = ext or f".{to}"
    return [output] + [f"{stem}.{table}{ext}" for table in tables]
