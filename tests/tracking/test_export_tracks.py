"""`camket export --tracks`: the tracks and their links as SQLite tables, the indicator as two columns."""
import sqlite3

from pipeline.cli import main
from tracking_samples import corpus, write_files

ROWS = [
    ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025),
    ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023),
    ("r2", "2025-12-30", "Năm 2025, kinh tế số chiếm 21% GRDP của tỉnh.", "achievement", 2025),
]


def test_sqlite_export_has_tracks_and_their_evidence(tmp_path):
    records, articles = corpus(ROWS)
    c, a = write_files(tmp_path, records, articles)
    tracks = tmp_path / "t.jsonl"
    assert main(["track", str(c), "--articles", str(a), "-o", str(tracks), "--quiet"]) == 0
    db = tmp_path / "x.db"
    assert main(["export", str(c), "--articles", str(a), "--tracks", str(tracks),
                 "--to", "sqlite", "-o", str(db)]) == 0
    con = sqlite3.connect(db)
    (row,) = con.execute("SELECT status, actor_name, indicator_key, target_article_id, target_value, n_evidence, "
                         "decided_by FROM tracks").fetchall()
    assert row[:6] == ("met", "Bình Phước", "digital_economy_share", "t1", 20.0, 2)
    links = con.execute("SELECT article_id, period_year, value, meets_target FROM track_evidence "
                        "ORDER BY position").fetchall()
    assert links == [("r1", 2023, 13.0, 0), ("r2", 2025, 21.0, 1)]
    assert row[6] == records[2]["id"]
    keys = dict(con.execute("SELECT article_id, indicator_key FROM commitments").fetchall())
    assert keys == {"t1": "digital_economy_share", "r1": "digital_economy_share", "r2": "digital_economy_share"}
    texts = {r[0] for r in con.execute("SELECT indicator_text FROM commitments")}
    assert texts == {"tỷ trọng kinh tế số trong grdp"}
    con.close()


def test_an_older_records_phrase_is_its_indicator_text(tmp_path):
    from pipeline.export import commitment_row
    row = commitment_row({"id": "c_1", "article_id": "a", "indicator": "dịch vụ công trực tuyến", "metrics": []})
    assert row["indicator_key"] is None and row["indicator_text"] == "dịch vụ công trực tuyến"
