"""The review web app: one HTML page plus a small JSON API over the claims and the verdict store.

Standard library only (http.server). Writes are POSTs that must carry the
per-session token embedded in the page; the server binds to loopback by default.
"""
import errno
import hmac
import json
import secrets
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from ..errors import CamketError
from . import marks
from .export import clean_correction
from .links import TrackLinks
from .page import render_page
from .store import VERDICTS

TOKEN_HEADER = "X-Camket-Token"
MAX_BODY = 1 << 20
LISTEN_BACKLOG = 512  # connections waiting to be accepted (socketserver's default, 5, resets bursts)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def claim_summary(record, verdict=None):
    """The fields the claim list shows and filters on (plain values)."""
    actor = record.get("actor") or {}
    speaker = record.get("speaker") or {}
    return {
        "id": record["id"],
        "article_id": record.get("article_id"),
        "type": record.get("type"),
        "province": marks.province_of(record),
        "year": marks.deadline_year(record),
        "confidence": record.get("confidence"),
        "sentence": (record.get("sentence") or {}).get("text", ""),
        "metrics": [marks.metric_label(m) for m in record.get("metrics") or []],
        "actor": actor.get("text"),
        "speaker": speaker.get("name"),
        "indicator": marks.indicator_of(record),
        "indicator_key": marks.indicator_key_of(record),
        "verdict": verdict["verdict"] if verdict else None,
        "note": verdict["note"] if verdict else None,
        "corrected": verdict["corrected"] if verdict else None,
    }


class ReviewApp:
    """What the handlers need: the claims in order, article texts, the store and the session token."""

    def __init__(self, records, store, texts=None, articles=None, token=None, title="camket review", tracks=None):
        self.records = list(records)
        self.by_id = {r["id"]: r for r in self.records}
        self.texts = dict(texts or {})
        self.articles = dict(articles or {})
        self.store = store
        self.token = token or secrets.token_urlsafe(32)
        self.title = title
        self.links = TrackLinks(tracks)

    def claims(self):
        verdicts = {v["id"]: v for v in self.store.all()}
        return [claim_summary(r, verdicts.get(r["id"])) for r in self.records]

    def claim(self, claim_id):
        record = self.by_id.get(claim_id)
        if record is None:
            return None
        text = self.texts.get(record.get("article_id"))
        if text is None:
            text = (self.articles.get(record.get("article_id")) or {}).get("text")
        article = self.articles.get(record.get("article_id")) or {}
        return {
            "summary": claim_summary(record, self.store.get(claim_id)),
            "record": record,
            "view": marks.claim_view(record, text),
            "article": {"article_id": record.get("article_id"), "title": article.get("title"),
                        "url": article.get("url"), "published": article.get("published")},
            "links": self.links.view(claim_id, self.store),
        }

    def save_link(self, body):
        """Apply one link verdict POST body; returns (status, payload)."""
        return self.links.save(body, self.store)

    def save(self, body):
        """Apply one verdict POST body; returns (status, payload)."""
        claim_id = body.get("id")
        if claim_id is not None and not isinstance(claim_id, str):
            return HTTPStatus.BAD_REQUEST, {"error": "id must be a string (a claim id)"}
        record = self.by_id.get(claim_id)
        if record is None:
            return HTTPStatus.NOT_FOUND, {"error": f"unknown claim id {claim_id!r}"}
        verdict = body.get("verdict")
        if verdict is None:
            self.store.delete(claim_id)
            return HTTPStatus.OK, {"summary": claim_summary(record, None)}
        if verdict not in VERDICTS:
            return HTTPStatus.BAD_REQUEST, {"error": f"verdict must be one of {', '.join(VERDICTS)}"}
        corrected = body.get("corrected")
        if verdict == "needs_correction" and corrected is not None:
            try:
                corrected = clean_correction(corrected)
            except ValueError as exc:
                return HTTPStatus.BAD_REQUEST, {"error": str(exc)}
        note = body.get("note")
        if note is not None and not isinstance(note, str):
            return HTTPStatus.BAD_REQUEST, {"error": "note must be a string"}
        stored = self.store.put(claim_id, verdict, record=record,
                                corrected=corrected if verdict == "needs_correction" else None, note=note)
        return HTTPStatus.OK, {"summary": claim_summary(record, stored)}


class ReviewHandler(BaseHTTPRequestHandler):
    """Routes: GET /, GET /api/claims, GET /api/claims/<id>, POST /api/verdict, POST /api/link."""

    server_version = "camket-review"
    app: ReviewApp = None  # set on the subclass made by make_server

    def log_message(self, format, *args):  # noqa: A002 - quiet by default
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, status, body, content_type):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                             "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _json(self, status, payload):
        self._send(status, json.dumps(payload, ensure_ascii=False), "application/json; charset=utf-8")

    def _host_ok(self):
        """When bound to loopback, refuse other Host names (DNS rebinding)."""
        if self.server.server_address[0] not in ("127.0.0.1", "::1"):
            return True
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in LOOPBACK

    def do_GET(self):
        if not self._host_ok():
            return self._json(HTTPStatus.FORBIDDEN, {"error": "unexpected Host header"})
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            return self._send(HTTPStatus.OK, render_page(self.app.token, self.app.title), "text/html; charset=utf-8")
        if path == "/api/claims":
            return self._json(HTTPStatus.OK, {"claims": self.app.claims()})
        if path.startswith("/api/claims/"):
            found = self.app.claim(unquote(path[len("/api/claims/"):]))
            if found is None:
                return self._json(HTTPStatus.NOT_FOUND, {"error": "unknown claim id"})
            return self._json(HTTPStatus.OK, found)
        return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    do_HEAD = do_GET

    def do_POST(self):
        if not self._host_ok():
            return self._json(HTTPStatus.FORBIDDEN, {"error": "unexpected Host header"})
        route = urlsplit(self.path).path
        if route not in ("/api/verdict", "/api/link"):
            return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        token = self.headers.get(TOKEN_HEADER) or ""
        if not hmac.compare_digest(token.encode("utf-8"), self.app.token.encode("utf-8")):
            return self._json(HTTPStatus.FORBIDDEN, {"error": "missing or wrong session token"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "bad Content-Length"})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (ValueError, UnicodeDecodeError):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "body is not JSON"})
        except RecursionError:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "body is nested too deeply"})
        if not isinstance(body, dict):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "body must be a JSON object"})
        try:
            status, payload = self.app.save_link(body) if route == "/api/link" else self.app.save(body)
        except (TypeError, ValueError, RecursionError) as exc:  # a field of the wrong shape
            return self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request body: {exc}"})
        return self._json(status, payload)


class ReviewServer(ThreadingHTTPServer):
    """A thread per request, a listen backlog for bursts, and one line (never a traceback) per failed request."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away
        print(f"camket review: a request from {client_address[0]} failed: {type(exc).__name__}: {exc}",
              file=sys.stderr)


class ReviewServer6(ReviewServer):
    address_family = socket.AF_INET6


def make_server(app, host="127.0.0.1", port=0, verbose=False):
    """A ThreadingHTTPServer serving `app` (port 0 = any free port); human error when the port is taken."""
    handler = type("BoundReviewHandler", (ReviewHandler,), {"app": app})
    server_cls = ReviewServer6 if ":" in host else ReviewServer
    try:
        server = server_cls((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CamketError(f"port {port} on {host} is already in use: pick another with --port") from exc
        raise CamketError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    server.daemon_threads = True
    server.verbose = verbose
    return server


def server_url(server):
    """The http:// address a browser can open."""
    host, port = server.server_address[:2]
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def serve_in_thread(server):
    """Start serving in a daemon thread (tests, notebooks); returns the thread."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return thread
