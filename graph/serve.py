"""``directives serve``: the HTML views and a read-only SPARQL endpoint on a small local web server.

Standard library only (:mod:`http.server`, one thread per request). The server answers:

- ``/`` and every file of a folder of views (written by :func:`graph.render.render_site`), ``/texts/*``
  from the build's texts folder;
- ``/sparql.html``: a SPARQL box with the results in a table (built with ``textContent``: every value
  is text);
- ``/sparql``: SELECT, ASK, CONSTRUCT and DESCRIBE (``?query=`` on GET; a form or
  ``application/sparql-query`` body on POST) on a store of :mod:`graph.store` (or an rdflib graph),
  answered as JSON ``{"columns", "rows", "truncated"}``. Updates are refused (403), and so are SERVICE
  and FROM clauses (a store would fetch or read what they name). Errors are JSON ``{"error"}`` with
  status 400;
- ``/queries``: the named queries of graph/queries, as JSON, to start from.

It binds 127.0.0.1 unless told otherwise, and answers only requests whose Host names the address it
listens on, so a web page elsewhere cannot reach it by rebinding a domain name.
"""

from __future__ import annotations

import json
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from rdflib import Graph

from graph.errors import QueryError
from graph.paths import PACKAGE_DIR
from graph.sparql import NamedQuery, named_queries, reads_outside, run_query
from graph.store import Store, run_named

__all__ = ["MAX_ROWS", "ViewServer", "make_server"]

MAX_ROWS = 5000
MAX_QUERY = 100_000  # characters
SPARQL_PAGE = PACKAGE_DIR / "templates" / "sparql.html"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class ViewServer(ThreadingHTTPServer):
    """The server: the views folder, the texts folder, what queries run on and a lock for them."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], site: Path, texts: Path | None, graph: Store | Graph
    ) -> None:
        self.site, self.texts, self.graph = site, texts, graph
        self.lock = threading.Lock()
        super().__init__(address, partial(_Handler, directory=str(site)))

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), int(self.server_address[1])
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(
    site: Path, graph: Store | Graph, *, host: str = "127.0.0.1", port: int = 0, texts: Path | None = None
) -> ViewServer:
    """A server for the views in ``site`` and SPARQL over ``graph``, a store (the server does not close
    it) or an rdflib graph (port 0: any free port).

    Run it with ``serve_forever()``; stop it with ``shutdown()`` from another thread, then ``server_close()``.
    """
    return ViewServer((host, port), Path(site), Path(texts) if texts else None, graph)


def answer(graph: Store | Graph, text: str) -> dict[str, Any]:
    """Run one read query; the result as JSON-ready columns and rows (at most :data:`MAX_ROWS`)."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"the query is longer than {MAX_QUERY} characters.")
    if reads_outside(text):
        raise QueryError("SERVICE and FROM clauses are refused here: the query runs on the built graph only.")
    query = NamedQuery("inline", "", {}, text)
    result = run_named(graph, query) if isinstance(graph, Store) else run_query(graph, query)
    return {
        "columns": result.columns,
        "rows": result.rows[:MAX_ROWS],
        "truncated": len(result.rows) > MAX_ROWS,
    }


class _Handler(SimpleHTTPRequestHandler):
    server: ViewServer

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the command prints where it listens, not every request

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        parts = urlsplit(self.path)
        if parts.path == "/sparql":
            self._sparql(parse_qs(parts.query).get("query", [""])[0])
        elif parts.path == "/sparql.html":
            self._send(HTTPStatus.OK, SPARQL_PAGE.read_bytes(), "text/html; charset=utf-8")
        elif parts.path == "/queries":
            queries = [
                {"name": q.name, "description": q.description, "text": q.text}
                for q in named_queries().values()
            ]
            self._json(HTTPStatus.OK, queries)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._host_ok():
            super().do_HEAD()

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        if urlsplit(self.path).path != "/sparql":
            self._json(HTTPStatus.NOT_FOUND, {"error": "Only /sparql takes POST."})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY * 4:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "The request is too large."})
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = parse_qs(body) if kind == "application/x-www-form-urlencoded" else {}
        if kind == "application/sparql-update" or "update" in form:
            self._json(HTTPStatus.FORBIDDEN, {"error": "Updates are refused: this endpoint is read-only."})
            return
        self._sparql(body if kind == "application/sparql-query" else form.get("query", [""])[0])

    def translate_path(self, path: str) -> str:
        """``/texts/...`` from the build's texts folder, the rest from the views folder."""
        texts = self.server.texts
        if texts is None or not path.startswith("/texts/"):
            return super().translate_path(path)
        saved, self.directory = self.directory, str(texts)
        try:
            return super().translate_path(path[len("/texts") :])
        finally:
            self.directory = saved

    def _sparql(self, text: str) -> None:
        if not text.strip():
            self._json(HTTPStatus.BAD_REQUEST, {"error": "No query: pass ?query=SELECT ..."})
            return
        try:
            with self.server.lock:
                result = answer(self.server.graph, text)
        except QueryError as error:
            status = HTTPStatus.FORBIDDEN if "update" in str(error).lower() else HTTPStatus.BAD_REQUEST
            self._json(status, {"error": str(error)})
            return
        self._json(HTTPStatus.OK, result)

    def _json(self, status: HTTPStatus, value: Any) -> None:
        self._send(
            status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"
        )

    def _send(self, status: HTTPStatus, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _host_ok(self) -> bool:
        """Answer only when the Host header names this server (no DNS rebinding)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        bound = str(self.server.server_address[0]).lower()
        if host in {bound, "localhost", "127.0.0.1", "::1"} or bound in ("0.0.0.0", "::"):
            return True
        self._json(HTTPStatus.FORBIDDEN, {"error": f"Unknown host {host!r}."})
        return False
