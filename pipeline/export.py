"""Flat tables from the JSONL outputs: CSV and Parquet (via pandas/pyarrow) and a SQLite file.

Nested fields are flattened one level (``sentence.text`` -> ``sentence_text``); the metrics
list is kept whole as a JSON string column plus the first metric's fields (``metric_value``,
``metric_unit``, ...). Records are streamed twice: once to learn the columns and their types,
once to write, so memory does not grow with the file.
"""
import json
import os
import sqlite3

from .errors import CamketError
from .io.jsonl import iter_jsonl
from .io.spreadsheet import spreadsheet_safe
from .io.writers import atomic_path

CHUNK_ROWS = 5000
METRIC_FIELDS = ("value", "unit", "text", "start", "end", "currency", "value_max", "comparator", "word")


# ---- reading -------------------------------------------------------------------------------

# ---- flattening ----------------------------------------------------------------------------

def _json(value):
    return json.dumps(value, ensure_ascii=False)


def _flat(value):
    """A scalar cell: scalars as they are, lists and objects as JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _json(value)


def flatten_record(rec, skip=("schema",)):
    """One flat row from a record: objects one level deep with ``parent_child`` names."""
    row = {}
    for key, value in rec.items():
        if key in skip:
            continue
        if isinstance(value, dict):
            for sub, v in value.items():
                row[f"{key}_{sub}"] = _flat(v)
        else:
            row[key] = _flat(value)
    return row


def commitment_row(rec):
    """A flat commitment row: metrics as a JSON column, their count, and the first metric's fields;
    the indicator as ``indicator_key`` and ``indicator_text`` (an older record's phrase string as text)."""
    metrics = rec.get("metrics") or []
    indicator = rec.get("indicator")
    if not isinstance(indicator, dict):
        indicator = {"key": None, "text": indicator if isinstance(indicator, str) else None}
    row = flatten_record({k: (indicator if k == "indicator" else v) for k, v in rec.items() if k != "metrics"})
    row.setdefault("indicator_key", None)
    row.setdefault("indicator_text", None)
    row["metrics"] = _json(metrics)
    row["n_metrics"] = len(metrics)
    first = metrics[0] if metrics else {}
    for f in METRIC_FIELDS:
        row[f"metric_{f}"] = _flat(first.get(f))
    return row


def article_row(rec):
    """A flat article row: status, error kind/message, counts; entities go to their own table."""
    row = flatten_record({k: v for k, v in rec.items() if k != "entities"})
    row["n_entities"] = len(rec.get("entities") or [])
    return row


def entity_rows(rec):
    """One row per entity of an article record, with its article id."""
    for i, ent in enumerate(rec.get("entities") or []):
        row = {"article_id": rec.get("article_id"), "position": i}
        row.update(flatten_record(ent, skip=()))
        yield row


def metric_rows(rec):
    """One row per metric of a commitment record."""
    for i, m in enumerate(rec.get("metrics") or []):
        row = {"commitment_id": rec.get("id"), "article_id": rec.get("article_id"), "position": i}
        row.update(flatten_record(m, skip=()))
        yield row


# ---- columns and types --------------------------------------------------------------------

class Columns:
    """Column names in first-seen order, with the kind of value each holds."""

    def __init__(self, first=()):
        self.kinds = {name: set() for name in first}

    def add(self, row):
        for k, v in row.items():
            kinds = self.kinds.setdefault(k, set())
            if v is not None:
                kinds.add(type(v))
        return row

    @property
    def names(self):
        return list(self.kinds)

    def kind(self, name):
        """'int', 'float', 'bool' or 'str' for a column."""
        seen = self.kinds[name]
        if seen and seen <= {bool}:
            return "bool"
        if seen and seen <= {int}:
            return "int"
        if seen and seen <= {int, float}:
            return "float"
        return "str"

    def cast(self, name, value):
        if value is None:
            return None
        kind = self.kind(name)
        if kind == "str" and not isinstance(value, str):
            return _json(value) if not isinstance(value, (int, float, bool)) else str(value)
        if kind == "float":
            return float(value)
        return value


def _scan(rows, first=()):
    """Columns of all rows; a column that is always null and was flattened elsewhere (deadline) is dropped."""
    cols = Columns(first)
    for row in rows:
        cols.add(row)
    names = cols.names
    for name in names:
        if not cols.kinds[name] and any(other.startswith(name + "_") for other in names):
            del cols.kinds[name]
    return cols


def _chunks(rows, size=CHUNK_ROWS):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---- tables: name -> (row source, leading columns) ------------------------------------------

COMMITMENT_FIRST = ["id", "article_id", "type", "sentence_text", "sentence_start", "sentence_end",
                    "deadline_year", "deadline_text", "actor_text", "actor_kind", "actor_province",
                    "actor_province_2025", "speaker_name", "speaker_title", "confidence", "n_metrics",
                    "indicator_key", "indicator_text"]
ARTICLE_FIRST = ["article_id", "status", "error_kind", "error_message", "n_commitments", "n_entities"]
ENTITY_FIRST = ["article_id", "position", "label", "text", "start", "end", "value"]
TRACK_FIRST = ["id", "status", "actor_name", "actor_kind", "actor_province", "indicator_key", "indicator_name",
               "target_id", "target_article_id", "target_deadline", "target_value", "target_value_text",
               "target_sentence", "n_evidence", "decided_by", "reason", "n_conflicts"]
EVIDENCE_FIRST = ["track_id", "position", "id", "article_id", "period_year", "period_part", "value", "value_text",
                  "meets_target", "conflict", "sentence"]


def track_row(rec):
    """A flat track row: actor, indicator, target, status and reason one level deep; the evidence and the
    conflicts as JSON columns with their counts."""
    row = flatten_record({k: v for k, v in rec.items() if k not in ("evidence", "conflicts")})
    row["evidence"] = _json(rec.get("evidence") or [])
    row["n_evidence"] = len(rec.get("evidence") or [])
    row["conflicts"] = _json(rec.get("conflicts") or [])
    row["n_conflicts"] = len(rec.get("conflicts") or [])
    return row


def evidence_rows(rec):
    """One row per link of a track: the result's record and article, its period, value and verdict."""
    for i, e in enumerate(rec.get("evidence") or []):
        row = {"track_id": rec.get("id"), "target_id": (rec.get("target") or {}).get("id"), "position": i}
        row.update(flatten_record(e, skip=()))
        yield row


def table_sources(commitments_path, articles_path=None, tracks_path=None):
    """{table name: (function giving a fresh row iterator, leading columns)}."""
    def commitments():
        return (commitment_row(r) for r in iter_jsonl(commitments_path))

    def metrics():
        return (m for r in iter_jsonl(commitments_path) for m in metric_rows(r))

    tables = {"commitments": (commitments, COMMITMENT_FIRST), "metrics": (metrics, ["commitment_id"])}
    if articles_path:
        def articles():
            return (article_row(r) for r in iter_jsonl(articles_path))

        def entities():
            return (e for r in iter_jsonl(articles_path) for e in entity_rows(r))
        tables["articles"] = (articles, ARTICLE_FIRST)
        tables["entities"] = (entities, ENTITY_FIRST)
    if tracks_path:
        def tracks():
            return (track_row(r) for r in iter_jsonl(tracks_path))

        def track_evidence():
            return (e for r in iter_jsonl(tracks_path) for e in evidence_rows(r))
        tables["tracks"] = (tracks, TRACK_FIRST)
        tables["track_evidence"] = (track_evidence, EVIDENCE_FIRST)
    return tables


# ---- writers -------------------------------------------------------------------------------

def export_csv(rows_fn, first, path):
    """Write a CSV file atomically, streamed, as RFC 4180 says (CRLF between rows; a cell with a comma,
    quote, newline or carriage return quoted); text cells are made spreadsheet-safe."""
    import csv
    cols = _scan(rows_fn(), first)
    names = cols.names
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(names)
            for chunk in _chunks(rows_fn()):
                writer.writerows([spreadsheet_safe(row.get(n)) for n in names] for row in chunk)


def export_parquet(rows_fn, first, path):
    """Write a Parquet file atomically, one row group per chunk, with a schema fixed from a first pass."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    cols = _scan(rows_fn(), first)
    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    schema = pa.schema([(n, types[cols.kind(n)]) for n in cols.names])
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema) as writer:
            for chunk in _chunks(rows_fn()):
                data = {n: [cols.cast(n, row.get(n)) for row in chunk] for n in cols.names}
                writer.write_table(pa.table(data, schema=schema))


_SQL_TYPES = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER", "str": "TEXT"}
_KEYS = {
    "commitments": ("PRIMARY KEY (article_id, id)", ["article_id", "type", "actor_province", "indicator_key"]),
    "metrics": ("PRIMARY KEY (commitment_id, article_id, position)", ["article_id", "unit"]),
    "articles": (None, ["article_id", "status"]),
    "entities": (None, ["article_id", "label", "value"]),
    "tracks": ("PRIMARY KEY (id)", ["status", "actor_name", "indicator_key", "target_id"]),
    "track_evidence": ("PRIMARY KEY (track_id, position)", ["id", "article_id"]),
}


def _q(name):
    return '"' + name.replace('"', '""') + '"'


def export_sqlite(tables, path, replace=False):
    """One SQLite file with a table per source (primary keys and indexes), written atomically.

    An existing file is replaced only when it holds camket's tables alone, or with ``replace``:
    a database with other tables (or a file that is no database) is never dropped silently."""
    if not replace:
        _check_replaceable(path)
    with atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            for name, (rows_fn, first) in tables.items():
                _sqlite_table(con, name, rows_fn, first)
            con.commit()
        except sqlite3.Error as exc:
            raise CamketError(f"cannot write the SQLite file {path}: {exc}") from None
        finally:
            con.close()


def _check_replaceable(path):
    """Refuse to replace a file that is not a database camket wrote (its other tables would be lost)."""
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        return
    with open(path, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise CamketError(f"{path} exists and is not a SQLite database; give --replace to overwrite it")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise CamketError(f"{path} exists and cannot be read as a SQLite database ({exc}); give --replace to "
                          "overwrite it") from None
    other = sorted(n for n in names if n not in _KEYS and not n.startswith("sqlite_"))
    if other:
        raise CamketError(f"{path} holds other tables ({', '.join(other)}) that exporting would drop; give "
                          "--replace to overwrite the whole file, or export to another file")


def _sqlite_table(con, name, rows_fn, first):
    cols = _scan(rows_fn(), first)
    names = [c for c in cols.names if c != "rowid"]
    for needed in first[:2]:
        if needed not in names:
            names.append(needed)
            cols.kinds.setdefault(needed, set())
    pk, indexes = _KEYS.get(name, (None, []))
    defs = [f"{_q(n)} {_SQL_TYPES[cols.kind(n)]}" for n in names]
    if pk is None:
        defs.insert(0, "row INTEGER PRIMARY KEY")
    if pk:
        defs.append(pk)
    con.execute(f"CREATE TABLE {_q(name)} ({', '.join(defs)})")
    insert = (f"INSERT OR REPLACE INTO {_q(name)} ({', '.join(map(_q, names))}) "
              f"VALUES ({', '.join('?' * len(names))})")
    for chunk in _chunks(rows_fn()):
        con.executemany(insert, [tuple(cols.cast(n, row.get(n)) for n in names) for row in chunk])
    for col in indexes:
        if col in names:
            con.execute(f"CREATE INDEX {_q(f'{name}_{col}')} ON {_q(name)} ({_q(col)})")


def export(commitments_path, to, output, articles_path=None, tracks_path=None, replace=False):
    """Export to ``to`` ('csv', 'parquet', 'sqlite'); returns the files written. ``replace``: overwrite
    a SQLite file that holds other tables."""
    tables = table_sources(commitments_path, articles_path, tracks_path)
    if to == "sqlite":
        export_sqlite(tables, output, replace)
        return [output]
    write = {"csv": export_csv, "parquet": export_parquet}[to]
    stem, ext = os.path.splitext(output)
    ext = ext or f".{to}"
    written = []
    for name, (rows_fn, first) in tables.items():
        if name == "metrics":
            continue  # the commitments table carries them (JSON column + first metric)
        path = output if name == "commitments" else f"{stem}.{name}{ext}"
        write(rows_fn, first, path)
        written.append(path)
    return written
