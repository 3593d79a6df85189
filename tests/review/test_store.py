"""The SQLite verdict store: keyed by claim id, versioned, survives reopening."""
import sqlite3

import pytest

from pipeline.errors import CamketError
from pipeline.review.store import SCHEMA_VERSION, VerdictStore
from review_samples import records  # noqa: F401 (a fixture)


def test_put_get_replace_delete_and_reopen(tmp_path, records):
    db = tmp_path / "r.sqlite"
    store = VerdictStore(db)
    assert store.schema_version() == SCHEMA_VERSION
    first, second = records[0], records[1]
    store.put(first["id"], "correct", record=first, note="ok")
    store.put(second["id"], "needs_correction", record=second, corrected={"deadline": 2023}, note="năm sai")
    store.put(first["id"], "wrong", record=first)
    store.close()

    store = VerdictStore(db)
    got = {v["id"]: v for v in store.all()}
    assert got[first["id"]]["verdict"] == "wrong" and got[first["id"]]["note"] is None
    assert got[first["id"]]["record"] == first
    assert got[second["id"]]["corrected"] == {"deadline": 2023}
    assert got[second["id"]]["note"] == "năm sai"
    assert got[second["id"]]["article_id"] == "bp01"
    store.delete(first["id"])
    assert store.get(first["id"]) is None
    assert [v["id"] for v in store.all()] == [second["id"]]
    store.close()


@pytest.mark.parametrize("verdict", ["ok", "", None, "CORRECT"])
def test_unknown_verdicts_are_refused(tmp_path, verdict):
    store = VerdictStore(tmp_path / "r.sqlite")
    with pytest.raises(ValueError):
        store.put("c_1", verdict)
    assert store.all() == []


def test_not_a_database_is_a_human_error(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("hello, this is not sqlite" * 100)
    with pytest.raises(CamketError):
        VerdictStore(bad)


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "r.sqlite"
    VerdictStore(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(CamketError, match="schema version"):
        VerdictStore(db)
