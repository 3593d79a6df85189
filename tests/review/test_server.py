"""The review HTTP app: JSON API, token-protected writes, loopback Host check, verdicts that persist."""
import json
import re
import socket
import urllib.error
import urllib.request

import pytest

from review_samples import ARTICLES, records, review_files  # noqa: F401 (fixtures)
from pipeline.cli import main
from pipeline.errors import CamketError
from pipeline.review.server import ReviewApp, make_server, serve_in_thread, server_url
from pipeline.review.store import VerdictStore


@pytest.fixture
def running(tmp_path, records):
    """A server on a free loopback port over the sample records; yields (url, app)."""
    store = VerdictStore(tmp_path / "review.sqlite")
    app = ReviewApp(records, store, texts=dict(ARTICLES))
    server = make_server(app, port=0)
    serve_in_thread(server)
    yield server_url(server), app
    server.shutdown()
    server.server_close()
    store.close()


def _get(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as res:
        return res.status, res.headers, res.read().decode("utf-8")


def _post(url, body, token=None, raw=None):
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["X-Camket-Token"] = token
    data = raw if raw is not None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url + "api/verdict", data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_binds_to_loopback_by_default(running):
    url, _ = running
    assert url.startswith("http://127.0.0.1:")


def test_page_embeds_the_session_token(running):
    url, app = running
    status, headers, page = _get(url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert re.search(r'<meta name="camket-token" content="([^"]+)">', page).group(1) == app.token
    assert "Content-Security-Policy" in headers


def test_claims_and_one_claim_in_its_article(running, records):
    url, _ = running
    claims = json.loads(_get(url + "api/claims")[2])["claims"]
    assert [c["id"] for c in claims] == [r["id"] for r in records]
    assert claims[0]["province"] == "Bình Phước" and claims[0]["year"] == 2025
    one = json.loads(_get(url + "api/claims/" + records[0]["id"])[2])
    assert one["view"]["sentence_text"] == records[0]["sentence"]["text"]
    assert one["view"]["has_text"] is True


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_a_write_without_the_token_is_forbidden(running, records, token):
    url, app = running
    status, body = _post(url, {"id": records[0]["id"], "verdict": "correct"}, token=token)
    assert status == 403
    assert app.store.all() == []


def test_a_write_with_the_token_persists_across_restarts(running, records, tmp_path):
    url, app = running
    status, body = _post(url, {"id": records[1]["id"], "verdict": "needs_correction", "note": "sai năm",
                               "corrected": {"deadline": 2023}}, token=app.token)
    assert status == 200 and body["summary"]["verdict"] == "needs_correction"
    # a new session (new token) over re-extracted records with the same stable ids
    store = VerdictStore(tmp_path / "review.sqlite")
    again = ReviewApp([dict(r) for r in records], store)
    assert again.token != app.token
    by_id = {c["id"]: c for c in again.claims()}
    assert by_id[records[1]["id"]]["verdict"] == "needs_correction"
    assert by_id[records[1]["id"]]["corrected"] == {"deadline": 2023}
    store.close()


@pytest.mark.parametrize("body, raw, code", [
    ({"id": "c_nope", "verdict": "correct"}, None, 404),
    ({"id": None, "verdict": "correct"}, None, 404),
    (None, b"not json", 400),
    (None, b"[1, 2]", 400),
])
def test_bad_writes_are_refused(running, body, raw, code):
    url, app = running
    assert _post(url, body, token=app.token, raw=raw)[0] == code


def test_bad_verdict_is_400(running, records):
    url, app = running
    assert _post(url, {"id": records[0]["id"], "verdict": "maybe"}, token=app.token)[0] == 400


def test_clearing_a_verdict(running, records):
    url, app = running
    _post(url, {"id": records[0]["id"], "verdict": "wrong"}, token=app.token)
    status, body = _post(url, {"id": records[0]["id"], "verdict": None}, token=app.token)
    assert status == 200 and body["summary"]["verdict"] is None and app.store.all() == []


def test_foreign_host_header_is_refused(running):
    url, _ = running
    with pytest.raises(urllib.error.HTTPError) as err:
        _get(url + "api/claims", headers={"Host": "evil.example:80"})
    assert err.value.code == 403


def test_script_in_article_text_is_data_not_markup(running, records):
    url, _ = running
    status, headers, page = _get(url)
    assert "alert(1)" not in page  # the page carries no article text at all
    xss = next(r for r in records if r["article_id"] == "xss03")
    status, headers, body = _get(url + "api/claims/" + xss["id"])
    assert headers["Content-Type"].startswith("application/json")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>alert(1)</script>" in json.loads(body)["view"]["sentence_text"]


def test_port_in_use_is_a_human_error(tmp_path, records):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        store = VerdictStore(tmp_path / "r.sqlite")
        with pytest.raises(CamketError, match="already in use"):
            make_server(ReviewApp(records, store), port=port)
        store.close()


def test_cli_missing_commitments_is_one_human_line(tmp_path, capsys):
    assert main(["review", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "r.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "not found" in err and "Traceback" not in err


def test_cli_review_serves_until_stopped(review_files, tmp_path):
    import subprocess
    import sys
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "review", str(review_files["commitments"]),
         "--articles", str(review_files["articles"]), "--texts", str(review_files["texts"]),
         "--db", str(tmp_path / "r.sqlite"), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        claims = json.loads(_get(url + "api/claims")[2])["claims"]
        assert len(claims) == len(review_files["records"])
        one = json.loads(_get(url + "api/claims/" + claims[0]["id"])[2])
        assert one["view"]["has_text"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert (tmp_path / "r.sqlite").exists()


def test_a_bad_correction_is_400_and_not_stored(running, records):
    url, app = running
    status, body = _post(url, {"id": records[0]["id"], "verdict": "needs_correction",
                               "corrected": {"metrics": [{"value": 20, "unit": "%"}]}}, token=app.token)
    assert status == 400 and "unit" in body["error"]
    assert app.store.all() == []


# ---- under load and hostile bodies: every request answered, every bad body a 400 with a JSON error

def test_200_concurrent_posts_are_all_answered(running, records, capfd):
    import http.client
    import threading
    url, app = running
    host, port = url[len("http://"):-1].rsplit(":", 1)
    n = 200
    barrier = threading.Barrier(n)
    results = [None] * n
    body = json.dumps({"id": records[0]["id"], "verdict": "correct"}).encode("utf-8")

    def post(i):
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            barrier.wait(30)
            conn.request("POST", "/api/verdict", body=body, headers={
                "Content-Type": "application/json", "X-Camket-Token": app.token, "Host": f"{host}:{port}"})
            results[i] = conn.getresponse().status
        except Exception as exc:  # a reset connection is the failure this test looks for
            results[i] = repr(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert results == [200] * n, [r for r in results if r != 200][:5]
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("raw", [
    json.dumps({"id": ["c_1"], "verdict": "correct"}).encode(),
    json.dumps({"id": {"x": 1}, "verdict": "correct"}).encode(),
    json.dumps({"id": 7, "verdict": "correct"}).encode(),
    b"[" * 200000 + b"]" * 200000,
    b'{"id": "c", "note": ' + b"[" * 200000 + b"]" * 200000 + b"}",
    json.dumps({"id": "{id}", "verdict": ["correct"]}).encode(),
    json.dumps({"id": "{id}", "verdict": {"correct": 1}}).encode(),
])
def test_hostile_bodies_are_400_with_a_json_error(running, records, raw, capfd):
    url, app = running
    status, body = _post(url, None, token=app.token, raw=raw.replace(b"{id}", records[0]["id"].encode()))
    assert status == 400 and body["error"]
    assert "Traceback" not in capfd.readouterr().err
    assert app.store.all() == []


def test_the_server_listens_with_a_real_backlog(running):
    import pipeline.review.server as server_module
    assert server_module.LISTEN_BACKLOG >= 128
    assert server_module.ReviewServer.request_queue_size == server_module.LISTEN_BACKLOG
