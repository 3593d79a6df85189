"""Articles from JSONL, CSV and Parquet files: one item per line or row, each standing alone.

A line or row that cannot be read is a ``bad_record`` (or ``undecodable``) item for that line or
row only; a file that cannot be read at all (truncated, no text column) is one ``bad_record`` item
for the file: never an error that stops the run.
"""
import codecs
import csv
import io
import json

from .decode import bom_encoding, codec_name, detect_legacy
from .items import article_id_of_path, new_item, row_item

PARQUET_BATCH_ROWS = 1000


def _missing_text_column(path, columns, fields, what):
    """The error item of a table file without the text column (one for the whole file)."""
    cols = ", ".join(map(str, columns)) or "none"
    return new_item(article_id_of_path(path), path,
                    error=["bad_record", f"{what} file {path} has no column {fields.text!r} (columns: {cols}); "
                                         "use --text-field"])


# ---- JSONL ---------------------------------------------------------------------------------

def read_jsonl_file(path, fields, encoding=None):
    """Articles from a JSONL file, one object per line."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield new_item(article_id_of_path(path), path, error=["unreadable", f"cannot read {path}: {exc.strerror}"])
        return
    with f:
        yield from read_jsonl_stream(f, path, article_id_of_path(path), fields, encoding)


def read_jsonl_stream(stream, source, stem, fields, encoding=None):
    """Articles from a binary stream of JSON lines; a bad line becomes an item with an error.

    UTF-8 (a byte-order mark is skipped); UTF-16/32 by their byte-order mark, or ``encoding``.
    """
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    enc = codec_name(encoding) if encoding else bom_encoding(stream.peek(4)[:4])
    if enc in (None, "utf-8", "utf-8-sig"):
        lines = _utf8_lines(stream)
        enc = "utf-8"
    else:
        lines = io.TextIOWrapper(stream, encoding=enc, errors="surrogateescape", newline="\n")
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        default_id = f"{stem}-{lineno}"
        bad = _first_bad_byte(line)
        if bad is not None:
            byte, offset = bad
            yield new_item(default_id, where, error=["undecodable", f"line {lineno} is not valid {enc}: "
                                                                    f"invalid byte 0x{byte:02x} at offset {offset}"])
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield new_item(default_id, where, error=["bad_record", f"line {lineno} is not valid JSON: {exc}"])
            continue
        if not isinstance(obj, dict):
            yield new_item(default_id, where, error=["bad_record", f"line {lineno} is not a JSON object"])
            continue
        yield row_item(obj, fields, default_id, where, strict=True, encoding=enc)


def _utf8_lines(stream):
    """Lines of a UTF-8 byte stream as text, bytes that are not UTF-8 kept as lone surrogates."""
    for lineno, raw in enumerate(stream, 1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield raw.decode("utf-8", "surrogateescape")


def _first_bad_byte(text):
    """(byte, character offset) of the first byte decoding could not read (a lone surrogate), or None."""
    for i, ch in enumerate(text):
        if "\udc80" <= ch <= "\udcff":
            return ord(ch) - 0xDC00, i
    return None


# ---- CSV -----------------------------------------------------------------------------------

def read_csv(path, fields, encoding=None):
    """Articles from a CSV file, one row at a time; each row stands alone.

    A row with bytes the file's encoding cannot read, or broken quoting, is a ``bad_record`` for
    that row only. The encoding is ``encoding`` (--encoding), else the byte-order mark, else UTF-8
    unless the first 64 KiB are confidently Windows-1258.
    """
    stem = article_id_of_path(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield new_item(stem, path, error=["unreadable", f"cannot read {path}: {exc.strerror}"])
        return
    with f:
        enc = _table_encoding(f.read(1 << 16), encoding)
        f.seek(0)
        stream = io.TextIOWrapper(f, encoding=enc, errors="surrogateescape", newline="")
        csv.field_size_limit(2 ** 31 - 1)
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, OSError) as exc:
            yield new_item(stem, path, error=["bad_record", f"CSV file {path} has no readable header: {exc}"])
            return
        if header is None:
            yield new_item(stem, path, error=["bad_record", f"CSV file {path} is empty: no header row"])
            return
        if fields.text not in header:
            yield _missing_text_column(path, header, fields, "CSV")
            return
        columns = {name: header.index(name) for name in set(fields) if name in header}
        row = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row += 1
                yield new_item(f"{stem}-{row}", f"{path}:row {row}",
                               error=["bad_record", f"row {row} of {path} is not valid CSV (line "
                                                    f"{reader.line_num}): {exc}"])
                continue
            except OSError as exc:
                yield _unreadable_rest(path, stem, row, "CSV", exc)
                return
            if not values:
                continue  # a blank line
            row += 1
            rec = {name: values[i] if i < len(values) else None for name, i in columns.items()}
            bad = next(((name, b) for name, v in rec.items() if v for b in [_first_bad_byte(v)] if b), None)
            if bad:
                name, (byte, offset) = bad
                given_id = rec.get(fields.id)
                aid = given_id if given_id and _first_bad_byte(given_id) is None else f"{stem}-{row}"
                yield new_item(aid, f"{path}:row {row}",
                               error=["bad_record", f"row {row} of {path} is not valid {enc}: invalid byte "
                                                    f"0x{byte:02x} in the {name!r} field (character {offset}); "
                                                    "the other rows are read"])
                continue
            yield row_item(rec, fields, f"{stem}-{row}", f"{path}:row {row}", encoding=enc)


def _table_encoding(head, encoding=None):
    """The encoding of a text table from its first bytes: the option, a byte-order mark, UTF-8 or Windows-1258."""
    if encoding:
        name = codec_name(encoding)
        return "utf-8-sig" if name == "utf-8" else name
    bom = bom_encoding(head[:4])
    if bom:
        return bom
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1258" if detect_legacy(head) else "utf-8"


def _unreadable_rest(path, stem, row, what, exc):
    """An error item standing for the rows of a table file after the point where reading failed."""
    return new_item(f"{stem}-{row + 1}", f"{path}:row {row + 1}",
                    error=["bad_record", f"{what} file {path} cannot be read after row {row}: "
                                         f"{type(exc).__name__}: {exc}"])


# ---- Parquet -------------------------------------------------------------------------------

def read_parquet(path, fields):
    """Articles from a Parquet file, read one batch of rows at a time."""
    import pyarrow.parquet as pq
    from pyarrow.lib import ArrowException
    stem = article_id_of_path(path)
    try:
        pf = pq.ParquetFile(path)
        names = list(pf.schema_arrow.names)
    except (ValueError, OSError, ArrowException) as exc:
        yield new_item(stem, path, error=["bad_record", f"Parquet file {path} cannot be read "
                                                        f"(truncated or not Parquet?): {exc}"])
        return
    if fields.text not in names:
        yield _missing_text_column(path, names, fields, "Parquet")
        return
    row = 0
    try:
        columns = [c for c in names if c in fields]
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for rec in batch.to_pylist():
                row += 1
                yield row_item(rec, fields, f"{stem}-{row}", f"{path}:row {row}", encoding="utf-8")
    except (ValueError, OSError, ArrowException) as exc:
        yield _unreadable_rest(path, stem, row, "Parquet", exc)
