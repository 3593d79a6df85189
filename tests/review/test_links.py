"""Target-result links in the review: a target shows its linked results, a reviewer confirms or rejects a
link (stored beside the verdicts, exported with them)."""
import json
import sqlite3
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.review.server import ReviewApp, make_server, serve_in_thread, server_url
from pipeline.review.store import SCHEMA_VERSION, VerdictStore
from pipeline.tracking.run import track

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tracking"))
from tracking_samples import corpus  # noqa: E402

ROWS = [
    ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025),
    ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023),
    ("r2", "2024-12-30", "Năm 2024, kinh tế số chiếm 21% GRDP của tỉnh.", "achievement", 2024),
]


@pytest.fixture
def linked(tmp_path):
    records, articles = corpus(ROWS)
    tracks, _ = track(records, articles)
    store = VerdictStore(tmp_path / "review.sqlite")
    app = ReviewApp(records, store, tracks=tracks)
    server = make_server(app, port=0)
    serve_in_thread(server)
    ids = {r["article_id"]: r["id"] for r in records}
    yield server_url(server), app, ids, tmp_path
    server.shutdown()
    server.server_close()
    store.close()


def _get(url):
    with urllib.request.urlopen(url, timeout=10) as res:
        return json.loads(res.read())


def _post(url, body, token):
    req = urllib.request.Request(url + "api/link", data=json.dumps(body).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/json", "X-Camket-Token": token})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_a_target_shows_its_results_and_a_result_its_targets(linked):
    url, _, ids, _ = linked
    target = _get(url + "api/claims/" + ids["t1"])
    (t,) = target["links"]["tracks"]
    assert t["status"] == "met" and t["key"] == "digital_economy_share"
    assert [(e["article_id"], e["meets_target"], e["link"]) for e in t["evidence"]] == [("r1", False, None),
                                                                                        ("r2", True, None)]
    assert t["evidence"][1]["sentence"] == ROWS[2][2]
    result = _get(url + "api/claims/" + ids["r2"])
    assert [x["id"] for x in result["links"]["targets"]] == [ids["t1"]]


def test_confirm_reject_clear_a_link_and_it_persists(linked):
    url, app, ids, tmp_path = linked
    assert _post(url, {"target": ids["t1"], "result": ids["r2"], "verdict": "confirmed"}, app.token)[0] == 200
    assert _post(url, {"target": ids["t1"], "result": ids["r1"], "verdict": "rejected", "note": "khác kỳ"},
                 app.token)[0] == 200
    links = {e["article_id"]: e["link"] for e in _get(url + "api/claims/" + ids["t1"])["links"]["tracks"][0]["evidence"]}
    assert links == {"r1": "rejected", "r2": "confirmed"}
    assert _get(url + "api/claims/" + ids["r2"])["links"]["targets"][0]["link"] == "confirmed"
    again = VerdictStore(tmp_path / "review.sqlite")
    assert {(v["result_id"], v["verdict"], v["note"]) for v in again.links()} == {
        (ids["r1"], "rejected", "khác kỳ"), (ids["r2"], "confirmed", None)}
    again.close()
    assert _post(url, {"target": ids["t1"], "result": ids["r1"], "verdict": None}, app.token)[0] == 200
    assert [v["result_id"] for v in app.store.links()] == [ids["r2"]]


@pytest.mark.parametrize("body, token_ok, code", [
    ({"target": "t", "result": "r", "verdict": "confirmed"}, True, 404),        # not a link camket made
    ({"verdict": "maybe"}, True, 400),
    ({"verdict": "confirmed"}, False, 403),
])
def test_bad_link_writes_are_refused(linked, body, token_ok, code):
    url, app, ids, _ = linked
    body = {"target": ids["t1"], "result": ids["r2"], **body}
    assert _post(url, body, app.token if token_ok else "nope")[0] == code
    assert app.store.links() == []


def test_a_version_1_database_is_upgraded_in_place(tmp_path):
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      "INSERT INTO meta VALUES ('schema_version', '1');"
                      "CREATE TABLE verdicts (id TEXT PRIMARY KEY, article_id TEXT, verdict TEXT NOT NULL, "
                      "corrected TEXT, note TEXT, record TEXT, updated_at TEXT NOT NULL);"
                      "INSERT INTO verdicts VALUES ('c_1', 'a', 'correct', NULL, NULL, NULL, '2026-01-01');")
    con.commit()
    con.close()
    store = VerdictStore(db)
    assert store.schema_version() == SCHEMA_VERSION == 2 and store.get("c_1")["verdict"] == "correct"
    store.put_link("c_1", "c_2", "confirmed")
    assert store.links()[0]["verdict"] == "confirmed"
    store.close()


def test_reviews_export_writes_the_link_verdicts(linked):
    url, app, ids, tmp_path = linked
    _post(url, {"target": ids["t1"], "result": ids["r2"], "verdict": "confirmed"}, app.token)
    _post(url, {"target": ids["t1"], "result": ids["r1"], "verdict": "rejected"}, app.token)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["reviews", "export", "--db", str(tmp_path / "review.sqlite"), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in (out / "links.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["result_id"], r["verdict"]) for r in rows} == {(ids["r1"], "rejected"), (ids["r2"], "confirmed")}
    assert rows[0]["target"]["sentence"] == ROWS[0][2] and rows[0]["indicator"] == "digital_economy_share"
    (gold,) = [json.loads(line) for line in (out / "links.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert gold["target"] == ids["t1"] and gold["evidence"] == [ids["r2"]] and len(gold["candidates"]) == 2
