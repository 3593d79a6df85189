"""`camket report`: one self-contained HTML file with charts and a table of the claims."""
import sys
from pathlib import Path

from ..errors import plural
from ..io.writers import atomic_write, check_output_path
from ..report import build_report
from ..review.sources import read_commitments, read_jsonl


def register(subparsers):
    p = subparsers.add_parser(
        "report", help="write a self-contained HTML report (charts + claims table) of commitment records",
        description="Write ONE HTML file (inline CSS, JS and SVG charts; opens offline): commitments per "
                    "province, deadlines per year, targets against achievements, the most frequent indicators, "
                    "promises and results (each target's status and evidence, per province), and a table "
                    "linking each claim to its sentence.")
    p.add_argument("commitments", metavar="COMMITMENTS.jsonl", help="commitment records from `camket extract`")
    p.add_argument("--articles", metavar="ARTICLES.jsonl", help="article records (counts, errors, urls)")
    p.add_argument("--tracks", metavar="TRACKS.jsonl",
                   help="track records from `camket track` (default: computed from the commitments and articles)")
    p.add_argument("-o", "--output", required=True, metavar="report.html", help="the HTML file to write")
    p.add_argument("--title", default=None, help="page title (default: camket report — <input name>)")
    p.set_defaults(func=run)


def run(args):
    records = read_commitments(args.commitments)
    articles = read_jsonl(args.articles, "articles") if args.articles else None
    title = args.title or f"camket report — {Path(args.commitments).name}"
    tracks = read_jsonl(args.tracks, "tracks") if args.tracks else None
    out = Path(args.output)
    check_output_path(out, "report")
    html = build_report(records, articles, title=title, tracks=tracks)
    with atomic_write(out) as f:
        f.write(html)
    print(f"camket report: {plural(len(records), 'claim')} -> {out}", file=sys.stderr)
    print(out)
    return 0
