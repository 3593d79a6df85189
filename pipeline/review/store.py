"""Reviewers' verdicts in an embedded SQLite file, keyed by the claim's stable `id`, and their verdicts on
the links `camket track` makes between a target and a result, keyed by the two record ids.

Because ids are stable across runs, verdicts survive re-running the extraction.
Each verdict keeps a snapshot of the reviewed record (each link of both records) so it can be exported alone.
Schema version 2 added the links table; a version-1 file is upgraded in place when opened.
"""
import json
import sqlite3
import threading
from datetime import datetime, timezone

from ..errors import CamketError

SCHEMA_VERSION = 2
VERDICTS = ("correct", "wrong", "needs_correction")
LINK_VERDICTS = ("confirmed", "rejected")

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verdicts (
    id TEXT PRIMARY KEY,
    article_id TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'wrong', 'needs_correction')),
    corrected TEXT,
    note TEXT,
    record TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    target_id TEXT NOT NULL,
    result_id TEXT NOT NULL,
    indicator TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected')),
    note TEXT,
    target TEXT,
    result TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (target_id, result_id)
);
"""


def now_utc():
    """The current time as an ISO-8601 UTC string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class VerdictStore:
    """Read and write verdicts; safe to share between the server's threads."""

    def __init__(self, path):
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise CamketError(f"cannot open the review database {self.path}: {exc}") from exc
        self._init_schema()

    def _init_schema(self):
        with self._lock:
            try:
                self._conn.executescript(_DDL)
                row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.DatabaseError as exc:
                raise CamketError(f"{self.path} is not a camket review database: {exc}") from exc
            if row is None:
                with self._conn:
                    self._conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                                       (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise CamketError(f"{self.path} has review schema version {row[0]}; "
                                  f"this camket reads up to {SCHEMA_VERSION}: upgrade camket")
            elif int(row[0]) < SCHEMA_VERSION:  # the links table was created above: record the upgrade
                with self._conn:
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                                       (str(SCHEMA_VERSION),))

    def schema_version(self):
        """The schema version stored in the file."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    def put(self, claim_id, verdict, record=None, corrected=None, note=None):
        """Store (or replace) the verdict on one claim; returns the stored verdict dict."""
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        if not isinstance(claim_id, str) or not claim_id:
            raise ValueError("a verdict needs the claim's id")
        article_id = (record or {}).get("article_id")
        row = (claim_id, article_id, verdict,
               json.dumps(corrected, ensure_ascii=False) if corrected else None,
               note or None,
               json.dumps(record, ensure_ascii=False) if record is not None else None,
               now_utc())
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO verdicts (id, article_id, verdict, corrected, note, record, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "article_id = COALESCE(excluded.article_id, verdicts.article_id), verdict = excluded.verdict, "
                "corrected = excluded.corrected, note = excluded.note, "
                "record = COALESCE(excluded.record, verdicts.record), updated_at = excluded.updated_at",
                row)
        return self.get(claim_id)

    def delete(self, claim_id):
        """Forget the verdict on one claim (back to unreviewed)."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM verdicts WHERE id = ?", (claim_id,))

    def get(self, claim_id):
        """The verdict dict on one claim, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, article_id, verdict, corrected, note, record, updated_at FROM verdicts WHERE id = ?",
                (claim_id,)).fetchone()
        return _as_dict(row) if row else None

    def all(self):
        """Every verdict, ordered by article and id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, article_id, verdict, corrected, note, record, updated_at FROM verdicts "
                "ORDER BY article_id, id").fetchall()
        return [_as_dict(r) for r in rows]

    def put_link(self, target_id, result_id, verdict, target=None, result=None, indicator=None, note=None):
        """Store (or replace) a reviewer's verdict on one target-result link; returns it."""
        if verdict not in LINK_VERDICTS:
            raise ValueError(f"link verdict must be one of {', '.join(LINK_VERDICTS)}, not {verdict!r}")
        if not all(isinstance(x, str) and x for x in (target_id, result_id)):
            raise ValueError("a link needs the target's and the result's ids")
        row = (target_id, result_id, indicator, verdict, note or None,
               json.dumps(target, ensure_ascii=False) if target is not None else None,
               json.dumps(result, ensure_ascii=False) if result is not None else None, now_utc())
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO links (target_id, result_id, indicator, verdict, note, target, result, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(target_id, result_id) DO UPDATE SET "
                "indicator = COALESCE(excluded.indicator, links.indicator), verdict = excluded.verdict, "
                "note = excluded.note, target = COALESCE(excluded.target, links.target), "
                "result = COALESCE(excluded.result, links.result), updated_at = excluded.updated_at", row)
        return self.links(target_id=target_id, result_id=result_id)[0]

    def delete_link(self, target_id, result_id):
        """Forget the verdict on one link."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM links WHERE target_id = ? AND result_id = ?", (target_id, result_id))

    def links(self, target_id=None, result_id=None):
        """Link verdicts (all, or of one target and/or result), ordered by target then result."""
        where, args = [], []
        for col, value in (("target_id", target_id), ("result_id", result_id)):
            if value is not None:
                where.append(f"{col} = ?")
                args.append(value)
        sql = ("SELECT target_id, result_id, indicator, verdict, note, target, result, updated_at FROM links"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY target_id, result_id")
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [{"target_id": t, "result_id": r, "indicator": i, "verdict": v, "note": n,
                 "target": json.loads(ts) if ts else None, "result": json.loads(rs) if rs else None,
                 "updated_at": u} for t, r, i, v, n, ts, rs, u in rows]

    def close(self):
        with self._lock:
            self._conn.close()


def _as_dict(row):
    claim_id, article_id, verdict, corrected, note, record, updated_at = row
    return {"id": claim_id, "article_id": article_id, "verdict": verdict,
            "corrected": json.loads(corrected) if corrected else None,
            "note": note, "record": json.loads(record) if record else None,
            "updated_at": updated_at}
