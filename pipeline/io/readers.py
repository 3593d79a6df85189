"""Turns command-line inputs (files, folders, globs, JSONL, CSV, Parquet, stdin) into a stream of items.

An item is a plain dict: ``article_id``, ``text`` (str) or ``data`` (raw bytes, decoded and
checked later, in the worker), ``title``, ``published``, ``url``, ``source`` (where it came
from) and ``error`` (None, or ``[kind, message]`` when reading already failed). Everything
is a generator: memory does not grow with the corpus.
"""
import glob
import hashlib
import json
import os
import sys
from collections import namedtuple

from ..errors import CamketError

Fields = namedtuple("Fields", "id text title published url")
DEFAULT_FIELDS = Fields("id", "text", "title", "published", "url")

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")

CSV_CHUNK_ROWS = 1000
PARQUET_BATCH_ROWS = 1000


# ---- which inputs -------------------------------------------------------------------------

def format_of(path):
    """The reader for a file, from its extension: txt (any other extension), jsonl, csv or parquet."""
    name = path.lower()
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("csv", CSV_SUFFIXES), ("parquet", PARQUET_SUFFIXES)):
        if name.endswith(suffixes):
            return fmt
    return "txt"


def iter_sources(paths, stdin_format="text"):
    """Yield (format, path) for every input, in a deterministic order; '-' is stdin.

    Folders are walked recursively for *.txt (sorted, hidden entries skipped);
    a path that does not exist is taken as a glob pattern.
    """
    for arg in paths:
        if arg == "-":
            yield ("stdin-" + stdin_format, "-")
        elif os.path.isdir(arg):
            yield from _walk_txt(arg)
        elif os.path.exists(arg):
            yield (format_of(arg), arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise CamketError(f"no such file, folder or matching glob: {arg}")
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk_txt(m)
                else:
                    yield (format_of(m), m)


def _walk_txt(folder):
    def fail(exc):  # a folder that cannot be listed would drop its articles silently
        raise CamketError(f"cannot read folder {exc.filename}: {exc.strerror}")
    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                yield ("txt", os.path.join(root, name))


def check_sources(paths, fields, stdin_format="text"):
    """One pass over the inputs before any work: count them, fingerprint them, check tables' columns.

    Returns (n_sources, n_text_files, fingerprint hex). Raises CamketError for unusable inputs.
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
        n_txt += fmt == "txt"
        try:
            st = os.stat(path)
        except OSError as exc:
            raise CamketError(f"cannot read {path}: {exc.strerror}") from None
        h.update(f"{fmt}\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        if fmt == "csv":
            _check_columns(path, _csv_columns(path), fields)
        elif fmt == "parquet":
            _check_columns(path, _parquet_columns(path), fields)
    if n == 0:
        raise CamketError("no input files found (folders are searched for *.txt)")
    return n, n_txt, h.hexdigest()


def _check_columns(path, columns, fields):
    if fields.text not in columns:
        raise CamketError(f"{path} has no column {fields.text!r} (columns: {', '.join(map(str, columns))}); "
                          "use --text-field")


def _csv_columns(path):
    import pandas as pd
    try:
        return list(pd.read_csv(path, nrows=0).columns)
    except Exception as exc:
        raise CamketError(f"cannot read CSV {path}: {exc}") from None


def _parquet_columns(path):
    import pyarrow.parquet as pq
    try:
        return list(pq.ParquetFile(path).schema_arrow.names)
    except Exception as exc:
        raise CamketError(f"cannot read Parquet {path}: {exc}") from None


# ---- reading ------------------------------------------------------------------------------

def iter_items(paths, fields=DEFAULT_FIELDS, max_chars=0, stdin_format="text", stdin_id=None, stdin=None):
    """Yield one item per input article, in input order."""
    for fmt, path in iter_sources(paths, stdin_format):
        if fmt == "txt":
            yield read_text_file(path, max_chars)
        elif fmt == "jsonl":
            yield from read_jsonl_file(path, fields)
        elif fmt == "csv":
            yield from read_csv(path, fields)
        elif fmt == "parquet":
            yield from read_parquet(path, fields)
        elif fmt == "stdin-text":
            yield read_text_stream(stdin or sys.stdin.buffer, stdin_id, max_chars)
        elif fmt == "stdin-jsonl":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "stdin", "stdin", fields)
        else:  # pragma: no cover - iter_sources only gives the formats above
            raise CamketError(f"unknown input format {fmt}")


def new_item(article_id, source, text=None, data=None, title=None, published=None, url=None, error=None):
    """The item dict every reader yields."""
    return {"article_id": article_id, "text": text, "data": data, "title": title,
            "published": published, "url": url, "source": source, "error": error}


def article_id_of_path(path):
    """A file's article id: its name without the extension (h001.txt -> h001)."""
    return os.path.splitext(os.path.basename(path))[0]


def _too_large_bytes(n_bytes, max_chars):
    """A byte count that surely holds more than max_chars characters (UTF-8 uses at most 4 bytes each)."""
    return bool(max_chars) and n_bytes > 4 * max_chars


def read_text_file(path, max_chars=0):
    """One article from a text file; its bytes are decoded and checked in the worker."""
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


def read_jsonl_file(path, fields):
    """Articles from a JSONL file, one object per line."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield new_item(article_id_of_path(path), path, error=["unreadable", f"cannot read {path}: {exc.strerror}"])
        return
    with f:
        yield from read_jsonl_stream(f, path, article_id_of_path(path), fields)


def read_jsonl_stream(stream, source, stem, fields):
    """Articles from a binary stream of JSON lines; a bad line becomes an item with an error."""
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{source}:{lineno}"
        default_id = f"{stem}-{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            from .validate import check_bytes
            kind, message = check_bytes(raw) or ("undecodable", "not UTF-8")
            yield new_item(default_id, where, error=[kind, f"line {lineno}: {message}"])
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield new_item(default_id, where, error=["bad_record", f"line {lineno} is not valid JSON: {exc}"])
            continue
        if not isinstance(obj, dict):
            yield new_item(default_id, where, error=["bad_record", f"line {lineno} is not a JSON object"])
            continue
        yield _row_item(obj, fields, default_id, where, strict=True)


def read_csv(path, fields):
    """Articles from a CSV file, read in chunks of rows."""
    import pandas as pd
    stem = article_id_of_path(path)
    usecols = lambda c: c in fields  # noqa: E731 - only the configured columns are read
    row = 0
    try:
        with pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=CSV_CHUNK_ROWS, usecols=usecols) as reader:
            for chunk in reader:
                for rec in chunk.to_dict("records"):
                    row += 1
                    yield _row_item(rec, fields, f"{stem}-{row}", f"{path}:row {row}")
    except (ValueError, OSError, UnicodeDecodeError) as exc:  # pandas' ParserError is a ValueError
        yield _unreadable_rest(path, stem, row, "CSV", exc)


def _unreadable_rest(path, stem, row, what, exc):
    """An error item standing for the rows of a table file after the point where reading failed."""
    return new_item(f"{stem}-{row + 1}", f"{path}:row {row + 1}",
                    error=["bad_record", f"{what} file {path} cannot be read after row {row}: "
                                         f"{type(exc).__name__}: {exc}"])


def read_parquet(path, fields):
    """Articles from a Parquet file, read one batch of rows at a time."""
    import pyarrow.parquet as pq
    stem = article_id_of_path(path)
    row = 0
    try:
        pf = pq.ParquetFile(path)
        columns = [c for c in pf.schema_arrow.names if c in fields]
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for rec in batch.to_pylist():
                row += 1
                yield _row_item(rec, fields, f"{stem}-{row}", f"{path}:row {row}")
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
        yield _unreadable_rest(path, stem, row, "Parquet", exc)


def _row_item(row, fields, default_id, where, strict=False):
    """An item from one table row or JSON object, using the configured field names."""
    aid = _scalar(row.get(fields.id))
    aid = aid if aid else default_id
    meta = {k: _scalar(row.get(getattr(fields, k))) for k in ("title", "published", "url")}
    text = row.get(fields.text)
    if strict and fields.text not in row:
        return new_item(aid, where, error=["bad_record", f"{where}: no {fields.text!r} field (--text-field)"], **meta)
    if text is None:
        text = ""
    if not isinstance(text, str):
        return new_item(aid, where, error=["bad_record", f"{where}: the {fields.text!r} field is a "
                                                         f"{type(text).__name__}, not a string"], **meta)
    return new_item(aid, where, text=text, **meta)


def _scalar(value):
    """A metadata value as a string (ids, dates, URLs), or None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
