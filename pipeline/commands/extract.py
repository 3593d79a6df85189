"""`camket extract`: commitments from many articles, streamed, in parallel, resumable."""
import argparse
import signal
import sys
import threading

from ..batch import BatchSettings, run_batch
from ..errors import ERROR_KINDS, CamketError
from ..io.decode import codec_name
from ..io.published import parse_published
from ..io.readers import Fields
from ..io.validate import DEFAULT_MAX_CHARS

EPILOG = """\
inputs:
  file.txt              one article; its id is the file name without extension
  page.html, page.htm   one web page: its main text, title and date are taken out (trafilatura)
  FOLDER                every *.txt, *.html and *.htm below it, recursively (sorted)
  'data/**/*.txt'       a glob (quote it)
  file.jsonl            one article per line (fields: --id-field, --text-field, ...)
  file.csv, file.parquet  one article per row, same field options; each row stands alone
  -                     stdin: raw text or HTML of one article (--stdin-id), or JSONL (--stdin-format jsonl)
  bytes are read as UTF-8 (a BOM is skipped), UTF-16/32 by their BOM, or Windows-1258 when
  detection is confident; --encoding decides instead

bad inputs give an error article record and the run goes on; error kinds:
{kinds}

exit codes:
  0    all articles processed
  1    finished, but some articles gave error records
  2    usage or fatal error, one line (bad arguments, missing input, an output that cannot be
       written or would overwrite an input, a full disk, refused --resume)
  130  interrupted (Ctrl-C or SIGTERM); run again with --resume to continue

outputs:
  the folder of -o and --articles must exist; /dev/null, /dev/stdout and FIFOs are written to,
  never replaced; a symlink is followed; outputs are assembled together, then renamed together

examples:
  camket extract news/ -o commitments.jsonl --articles articles.jsonl --jobs 4
  camket extract dump.jsonl --text-field body --id-field guid -o out.jsonl --resume
  cat bai.txt | camket extract - --stdin-id bai1 -o -
  camket extract corpus/ -o out.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
"""


def register(subparsers):
    p = subparsers.add_parser(
        "extract", help="extract commitments from articles (files, folders, JSONL, CSV, Parquet, stdin)",
        description="Read Vietnamese news articles and write every commitment (target or achievement) "
                    "as JSONL. Inputs are streamed; outputs are written atomically.",
        epilog=EPILOG.format(kinds=_kinds_help()), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    p.add_argument("-o", "--output", required=True, metavar="COMMITMENTS.jsonl",
                   help="commitment records (- for stdout)")
    p.add_argument("--articles", metavar="ARTICLES.jsonl", help="also write one record per input article")
    g = p.add_argument_group("input fields (JSONL, CSV, Parquet)")
    g.add_argument("--id-field", default="id", help="article id field (default %(default)s; "
                                                    "missing: <file stem>-<line or row number>)")
    g.add_argument("--text-field", default="text", help="article text field (default %(default)s)")
    g.add_argument("--title-field", default="title", help="default %(default)s")
    g.add_argument("--published-field", default="published", help="default %(default)s")
    g.add_argument("--url-field", default="url", help="default %(default)s")
    g.add_argument("--stdin-format", choices=["text", "jsonl"], default="text",
                   help="what '-' reads: one raw article, or JSONL (default %(default)s)")
    g.add_argument("--stdin-id", help="article id of a raw-text stdin article (default: stdin-<hash of the text>)")
    g.add_argument("--text-format", choices=["auto", "html", "text"], default="auto",
                   help="whether texts are HTML to take the main text out of: auto (default: .html/.htm files "
                        "and any text that looks like an HTML page or fragment), html (every text), text (none)")
    g.add_argument("--encoding", type=_encoding, metavar="NAME",
                   help="decode every input with this encoding (e.g. cp1258) instead of detecting it")
    g.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                   help="publication date of a single article (one file, or stdin); JSONL/CSV/Parquet take "
                        "it per article from --published-field, HTML pages from their metadata")
    r = p.add_argument_group("running")
    r.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default %(default)s)")
    r.add_argument("--timeout", type=float, default=60.0,
                   help="seconds per article before its worker is killed and the article recorded as "
                        "'timeout' (default %(default)s; 0 = no limit)")
    r.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help="longer articles are recorded as 'too_large' (default %(default)s)")
    r.add_argument("--shard-size", type=int, default=200,
                   help="articles per unit of finished work (resume point, Dask task; default %(default)s)")
    r.add_argument("--resume", action="store_true",
                   help="continue an interrupted run with the same inputs and settings")
    r.add_argument("--model", dest="model_path", help="commitment model file (default: the one shipped in the package; "
                        "a missing model is an error); --model none: the rules alone decide, PER from the rules too")
    r.add_argument("--engine", choices=["local", "dask"], default="local", help="default %(default)s")
    r.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler (tcp://host:8786); default: a local cluster of --jobs workers")
    r.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary line")
    p.set_defaults(func=run)


def settings_from_args(args):
    """BatchSettings from parsed arguments, with usage errors as CamketError."""
    if args.jobs < 1:
        raise CamketError("--jobs must be at least 1")
    if args.timeout < 0:
        raise CamketError("--timeout must be 0 (no limit) or more")
    if args.max_chars < 0:
        raise CamketError("--max-chars must be 0 (no limit) or more")
    if args.shard_size < 1:
        raise CamketError("--shard-size must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise CamketError("--scheduler needs --engine dask")
    return BatchSettings(
        fields=Fields(args.id_field, args.text_field, args.title_field, args.published_field, args.url_field),
        max_chars=args.max_chars, timeout=args.timeout, shard_size=args.shard_size, model_path=args.model_path,
        stdin_format=args.stdin_format, stdin_id=args.stdin_id, jobs=args.jobs, engine=args.engine,
        scheduler=args.scheduler, text_format=args.text_format, encoding=args.encoding, published=args.published)


def _encoding(name):
    """--encoding: a codec Python knows, by its canonical name."""
    try:
        return codec_name(name)
    except ValueError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r} (e.g. utf-8, utf-16, cp1258)") from None


def _date(value):
    """--published: a real date, written YYYY-MM-DD."""
    date, warning = parse_published(value)
    if date is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)")
    return date


def _kinds_help():
    """The error kinds, one per line, for --help."""
    return "\n".join(f"  {kind:<15} {about}" for kind, about in ERROR_KINDS.items())


class _Progress:
    """A tqdm bar on stderr, only when stderr is a terminal."""

    def __init__(self, enabled):
        self.bar = None
        if enabled:
            import tqdm
            tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked
            self.bar = tqdm.tqdm(unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def __call__(self, summary):
        if self.bar is not None:
            if summary.total and self.bar.total != summary.total:
                self.bar.total = summary.total
            self.bar.update(summary.n_articles - self.bar.n)
            n_err = sum(summary.errors.values())
            if n_err:
                self.bar.set_postfix(errors=n_err, refresh=False)

    def close(self):
        if self.bar is not None:
            self.bar.close()


def _sigterm(signum, frame):
    raise KeyboardInterrupt


def run(args):
    settings = settings_from_args(args)
    progress = _Progress(not args.quiet and sys.stderr.isatty())
    log = (lambda msg: None) if args.quiet else (lambda msg: print(f"camket extract: {msg}", file=sys.stderr))
    main_thread = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGTERM, _sigterm) if main_thread else None
    try:
        summary = run_batch(args.inputs, args.output, args.articles, settings, resume=args.resume,
                            progress=progress, log=log)
    finally:
        progress.close()
        if main_thread:
            signal.signal(signal.SIGTERM, old)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 1 if summary.errors else 0
