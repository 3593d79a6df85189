"""`camket track`: targets tracked against later results of the same actor and indicator, across articles."""
import argparse
import os
import re
import sys
import time

from ..errors import CamketError
from ..io.jsonl import iter_jsonl
from ..io.writers import dumps_record, write_jsonl
from ..tracking.run import track

EPILOG = """\
status:
  met          a result reaches the target (flow indicators: the deadline year's result)
  missed       the deadline has passed and the deadline year's result falls short
  on_track     the latest result is on the straight line from a baseline to the target
  behind       the latest result is below that line (no baseline: below the target)
  no_evidence  no comparable result of the same actor and indicator

"passed" is judged against --as-of, else the newest publication date in ARTICLES.jsonl,
else the year the articles' dates centre on; never the machine's clock.

examples:
  camket track out/commitments.jsonl --articles out/articles.jsonl -o out/tracks.jsonl
  camket track out/commitments.jsonl --articles out/articles.jsonl --as-of 2021-12-31 -o -
"""


def register(subparsers):
    p = subparsers.add_parser(
        "track", help="track targets against later results of the same actor and indicator (was the promise kept?)",
        description="Link each target to the results of the same actor and canonical indicator, give it a status "
                    "(met, missed, on_track, behind, no_evidence) with the evidence, and flag conflicting "
                    "figures. Writes one camket.track/1 record per tracked target (`camket schema track`).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("commitments", metavar="COMMITMENTS.jsonl", help="commitment records from `camket extract`")
    p.add_argument("--articles", metavar="ARTICLES.jsonl",
                   help="article records: publication dates order the evidence (without them, years in the "
                        "sentences and the articles' dates are used, and the records say so)")
    p.add_argument("-o", "--output", required=True, metavar="TRACKS.jsonl", help="track records ('-' = stdout); "
                                                                                 "written atomically")
    p.add_argument("--as-of", metavar="DATE", help="judge deadlines against this date (YYYY or YYYY-MM-DD)")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def run(args):
    if args.as_of and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", args.as_of):
        raise CamketError(f"--as-of must be YYYY, YYYY-MM or YYYY-MM-DD, not {args.as_of!r}")
    for path in [args.commitments] + ([args.articles] if args.articles else []):
        if not os.path.isfile(path):
            raise CamketError(f"no such file: {path}")
    if args.output != "-":
        folder = os.path.dirname(os.path.abspath(args.output))
        if not os.path.isdir(folder):
            raise CamketError(f"the folder of the output file does not exist: {folder}")
    start = time.perf_counter()
    records = list(iter_jsonl(args.commitments))
    articles = iter_jsonl(args.articles) if args.articles else ()
    tracks, summary = track(records, articles, as_of=args.as_of)
    if args.output == "-":
        for t in tracks:
            sys.stdout.write(dumps_record(t))
    else:
        write_jsonl(args.output, tracks)
    if not args.quiet:
        now = summary["as_of"]
        status = ", ".join(f"{k} {v}" for k, v in summary["status"].items()) or "none"
        print(f"camket track: {summary['targets']} targets, {summary['tracks']} tracked ({status}); "
              f"{summary['conflicts']} conflicting figures; as of {now['date'] or 'unknown'} ({now['source']}); "
              f"{time.perf_counter() - start:.1f}s -> {args.output}", file=sys.stderr)
    return 0
