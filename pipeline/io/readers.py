"""Turns command-line inputs (files, folders, globs, JSONL, CSV, Parquet, stdin) into a stream of items.

An item (items.py) is a plain dict: ``article_id``, ``text`` (str) or ``data`` (raw bytes, decoded and
checked later, in the worker), ``title``, ``published`` (as the input gives it; checked in the
worker), ``url``, ``source`` (where it came from), ``markup`` (``html``, ``text`` or ``auto``:
whether the text is HTML to extract), ``encoding`` (how a table or JSONL file was decoded),
``decode_as`` (the --encoding option, for raw bytes), ``normalized`` (the text was NFC-normalised
after decoding) and ``error`` (None, or ``[kind, message]`` when reading already failed).
Everything is a generator: memory does not grow with the corpus. Tables and JSONL are read by
tables.py.
"""
import glob
import hashlib
import os
import sys

from ..errors import CamketError
from .html import HTML_SUFFIXES
from .items import DEFAULT_FIELDS, Fields, article_id_of_path, new_item  # noqa: F401 - re-exported
from .tables import read_csv, read_jsonl_file, read_jsonl_stream, read_parquet

TEXT_SUFFIXES = (".txt",)
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES  # what a folder is searched for
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")


# ---- which inputs -------------------------------------------------------------------------

def format_of(path):
    """The reader for a file, from its extension: txt (any other extension), html, jsonl, csv or parquet."""
    name = path.lower()
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES), ("parquet", PARQUET_SUFFIXES),
                          ("html", HTML_SUFFIXES)):
        if name.endswith(suffixes):
            return fmt
    return "txt"


def iter_sources(paths, stdin_format="text"):
    """Yield (format, path) for every input, in a deterministic order; '-' is stdin.

    Folders are walked recursively for *.txt, *.html and *.htm (sorted, hidden entries skipped);
    a path that does not exist is taken as a glob pattern.
    """
    for arg in paths:
        if arg == "-":
            yield ("stdin-" + stdin_format, "-")
        elif os.path.isdir(arg):
            yield from _walk_folder(arg)
        elif os.path.exists(arg):
            yield (format_of(arg), arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise CamketError(f"no such file, folder or matching glob: {arg}")
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk_folder(m)
                else:
                    yield (format_of(m), m)


def _walk_folder(folder):
    def fail(exc):  # a folder that cannot be listed would drop its articles silently
        raise CamketError(f"cannot read folder {exc.filename}: {exc.strerror}")
    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                path = os.path.join(root, name)
                yield (format_of(path), path)


def read_back_from_folder(path):
    """True when a file at ``path`` inside an input folder would be read as an article (a walked suffix)."""
    return os.path.basename(path).lower().endswith(FOLDER_SUFFIXES)


def check_sources(paths, fields=DEFAULT_FIELDS, stdin_format="text"):
    """One pass over the inputs before any work: count them and fingerprint them (paths, sizes, times).

    Returns (n_sources, n_text_files, fingerprint hex). Raises CamketError only for inputs that are
    not there at all; a table file that cannot be read becomes a ``bad_record`` when it is read.
    """
    h = hashlib.sha256()
    n = n_txt = 0
    stdin_seen = False
    for fmt, path in iter_sources(paths, stdin_format):
        n += 1
        if fmt.startswith("stdin"):
            if stdin_seen:
                raise CamketError("'-' (stdin) given more than once")
            stdin_seen = True
            h.update(b"stdin\0")
            continue
        n_txt += fmt in ("txt", "html")
        try:
            st = os.stat(path)
        except OSError as exc:
            raise CamketError(f"cannot read {path}: {exc.strerror}") from None
        h.update(f"{fmt}\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    if n == 0:
        raise CamketError("no input files found (folders are searched for *.txt, *.html and *.htm)")
    return n, n_txt, h.hexdigest()


# ---- reading ------------------------------------------------------------------------------

def iter_items(paths, fields=DEFAULT_FIELDS, max_chars=0, stdin_format="text", stdin_id=None, stdin=None,
               text_format="auto", encoding=None, published=None):
    """Yield one item per input article, in input order.

    ``text_format`` says whether texts are HTML (``html``), plain text (``text``) or found out
    (``auto``: .html/.htm files, and any text that looks like HTML); ``encoding`` (--encoding) is
    how every input's bytes are decoded instead of detection; ``published`` (--published) is the
    publication date of a single raw-text input.
    """
    for fmt, path in iter_sources(paths, stdin_format):
        if fmt in ("txt", "html"):
            item = read_text_file(path, max_chars)
        elif fmt == "stdin-text":
            item = read_text_stream(stdin or sys.stdin.buffer, stdin_id, max_chars)
        else:
            if fmt == "jsonl":
                items = read_jsonl_file(path, fields, encoding)
            elif fmt == "csv":
                items = read_csv(path, fields, encoding)
            elif fmt == "parquet":
                items = read_parquet(path, fields)
            elif fmt == "stdin-jsonl":
                items = read_jsonl_stream(stdin or sys.stdin.buffer, "stdin", "stdin", fields, encoding)
            else:  # pragma: no cover - iter_sources only gives the formats above
                raise CamketError(f"unknown input format {fmt}")
            for item in items:
                item["markup"] = text_format
                yield item
            continue
        item["markup"] = "html" if fmt == "html" and text_format == "auto" else text_format
        item["decode_as"] = encoding
        if published is not None:
            item["published"] = published
        yield item


def _too_large_bytes(n_bytes, max_chars):
    """A byte count that surely holds more than max_chars characters (UTF-8 uses at most 4 bytes each)."""
    return bool(max_chars) and n_bytes > 4 * max_chars


def read_text_file(path, max_chars=0):
    """One article from a text or HTML file; its bytes are decoded and checked in the worker."""
    aid = article_id_of_path(path)
    try:
        size = os.path.getsize(path)
        if _too_large_bytes(size, max_chars):
            return new_item(aid, path, error=["too_large", f"the file has {size:,} bytes, over the limit of "
                                                           f"{max_chars:,} characters (--max-chars)"])
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return new_item(aid, path, error=["unreadable", f"cannot read {path}: {exc.strerror}"])
    return new_item(aid, path, data=data)


def read_text_stream(stream, stdin_id=None, max_chars=0):
    """One article from raw bytes on stdin; its id is --stdin-id or a hash of the bytes."""
    limit = 4 * max_chars + 1 if max_chars else -1
    data = stream.read(limit)
    too_large = max_chars and len(data) == limit
    aid = stdin_id or "stdin-" + hashlib.sha256(data).hexdigest()[:16]
    if too_large:
        while stream.read(1 << 20):
            pass
        return new_item(aid, "-", error=["too_large", f"stdin has over {4 * max_chars:,} bytes, over the limit of "
                                                      f"{max_chars:,} characters (--max-chars)"])
    return new_item(aid, "-", data=data)
