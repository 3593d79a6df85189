"""`camket review`: a local web page to check the extracted claims and record verdicts."""
import signal
import sys
import threading
from pathlib import Path

from ..errors import CamketError, plural
from ..review.server import ReviewApp, make_server, server_url
from ..review.sources import read_articles, read_commitments, read_jsonl, read_texts, texts_from_rows
from ..review.store import VerdictStore


def register(subparsers):
    p = subparsers.add_parser(
        "review", help="check extracted claims in a local web page and record verdicts",
        description="Start a local web server to review claims: each opens in its article with the "
                    "sentence, metrics, deadline, actor and speaker marked; verdicts go to a SQLite file "
                    "keyed by the claim's stable id (they survive re-running the extraction).")
    p.add_argument("commitments", metavar="COMMITMENTS.jsonl", help="commitment records from `camket extract`")
    p.add_argument("--articles", metavar="ARTICLES.jsonl", help="article records (title/url; text when present)")
    p.add_argument("--texts", metavar="DIR|FILE.jsonl", action="append", default=[],
                   help="article texts: a folder of .txt files (article id = file stem) or JSONL rows with "
                        "article_id and text; repeatable. Without it only the sentence is shown")
    p.add_argument("--tracks", metavar="TRACKS.jsonl",
                   help="track records from `camket track`: each target shows its linked results, and a link "
                        "can be confirmed or rejected (default: computed from the commitments and articles)")
    p.add_argument("--db", default="review.sqlite", help="verdict database (created if absent; default %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s, loopback only)")
    p.add_argument("--port", type=int, default=8765, help="port (0 = any free port; default %(default)s)")
    p.add_argument("--verbose", action="store_true", help="log every request")
    p.set_defaults(func=run)


def run(args):
    records = read_commitments(args.commitments)
    articles = read_articles(args.articles)
    texts = texts_from_rows(articles.values())
    texts.update(read_texts(args.texts))
    if not 0 <= args.port <= 65535:
        raise CamketError(f"--port must be between 0 and 65535, not {args.port}")
    db = Path(args.db)
    if db.parent and not db.parent.exists():
        raise CamketError(f"folder for --db does not exist: {db.parent}")
    if args.tracks:
        tracks = read_jsonl(args.tracks, "tracks")
    else:
        from ..tracking.run import track
        tracks, _ = track(records, articles.values())
    store = VerdictStore(db)
    app = ReviewApp(records, store, texts=texts, articles=articles,
                    title=f"camket review — {Path(args.commitments).name}", tracks=tracks)
    try:
        server = make_server(app, host=args.host, port=args.port, verbose=args.verbose)
    except CamketError:
        store.close()
        raise
    missing = len({r.get("article_id") for r in records} - set(texts))
    print(f"camket review: {plural(len(records), 'claim')}, verdicts in {db}", file=sys.stderr)
    if missing:
        print(f"camket review: no text for {plural(missing, 'article')}: their sentences are shown alone "
              f"(give --texts)", file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"camket review: warning: listening on {args.host}, reachable from other machines", file=sys.stderr)
    print(server_url(server), flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("camket review: stopped", file=sys.stderr)
    finally:
        server.server_close()
        store.close()
    return 0


def _interrupt(signum, frame):
    """SIGTERM stops the server like Ctrl+C: the database is closed cleanly."""
    raise KeyboardInterrupt
