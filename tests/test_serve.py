"""graph.serve and ``directives serve``: the views and a read-only SPARQL endpoint on 127.0.0.1.

The server runs in a thread on a free port and is shut down after the module; the command runs as a
subprocess, stopped by its own process id.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.serve import ViewServer, make_server
from graph.store import open_store

try:  # tests/ on sys.path (pytest's default rootdir-less import) or the repo root (python -m pytest)
    from tests import browser
except ImportError:  # pragma: no cover - depends on how pytest was started
    import browser  # type: ignore[no-redef]

# graph.sparql reads the query form on the line after the PREFIX lines.
NUMBERS = (
    "PREFIX dg: <https://w3id.org/directive-graph/ontology#>\nSELECT ?n WHERE { ?d dg:number ?n } ORDER BY ?n"
)
MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[ViewServer]:
    """On Oxigraph, as `directives serve` runs by default (tests/test_security.py serves rdflib)."""
    with open_store("oxigraph") as store:
        store.load(built / "graph.trig")
        instance = make_server(built, store, texts=built / "texts")
        thread = threading.Thread(target=instance.serve_forever, daemon=True)
        thread.start()
        try:
            yield instance
        finally:
            instance.shutdown()
            instance.server_close()
            thread.join(timeout=5)


def fetch(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Any, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status, body, kind = response.status, response.read(), response.headers.get("Content-Type", "")
            csp = response.headers.get("Content-Security-Policy", "")
    except urllib.error.HTTPError as error:
        status, body, kind, csp = error.code, error.read(), error.headers.get("Content-Type", ""), ""
    value: Any = json.loads(body) if kind.startswith("application/json") else body.decode("utf-8")
    return status, value, csp


def test_it_listens_on_the_loopback_address_by_default(server: ViewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)


def test_the_views_and_the_texts_are_served(server: ViewServer) -> None:
    status, page, csp = fetch(server.url)
    assert status == 200 and '<body data-view="overview">' in page and "script-src 'self'" in csp
    for name in ("timeline.html", "models.html", "chain-18-NQ-TW.html", "sparql.html", "data/catalog.js"):
        assert fetch(server.url + name)[0] == 200, name
    status, text, _ = fetch(server.url + "texts/000_14f6e30f14f393dd.txt")
    assert status == 200 and "16-TB/TW" in text
    assert fetch(server.url + "texts/../graph.ttl")[1] != fetch(server.url + "graph.ttl")[1]


def test_a_select_answers_json(server: ViewServer) -> None:
    status, result, _ = fetch(server.url + "sparql?query=" + quote(NUMBERS))
    assert status == 200 and result["columns"] == ["n"] and result["truncated"] is False
    assert ["16-TB/TW"] in result["rows"] and ["55-KL/TU"] in result["rows"]
    form = urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    status, result, _ = fetch(server.url + "sparql", data=form)
    assert (status, result["rows"]) == (200, [["true"]])
    body = NUMBERS.encode()
    status, result, _ = fetch(
        server.url + "sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and ["16-TB/TW"] in result["rows"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403),
        ("DROP ALL", 403),
        ("PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }", 403),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", 400),
        ("SELECT ?x WHERE {", 400),
        ("", 400),
    ],
)
def test_updates_and_outside_reads_are_refused(server: ViewServer, query: str, status: int) -> None:
    got, result, _ = fetch(server.url + "sparql?query=" + quote(query))
    assert got == status and result["error"]
    assert fetch(server.url + "sparql?query=" + quote("ASK { <urn:a> <urn:b> <urn:c> }"))[1]["rows"] == [
        ["false"]
    ]


def test_a_literal_naming_service_or_from_is_still_a_query(server: ViewServer) -> None:
    query = 'SELECT ?x WHERE { BIND("from the SERVICE" AS ?x) }  # FROM <x>'
    status, result, _ = fetch(server.url + "sparql?query=" + quote(query))
    assert (status, result["rows"]) == (200, [["from the SERVICE"]])


def test_an_update_form_is_refused(server: ViewServer) -> None:
    form = urlencode({"update": "DROP ALL"}).encode()
    assert fetch(server.url + "sparql", data=form)[0] == 403
    body = b"DROP ALL"
    assert (
        fetch(server.url + "sparql", data=body, headers={"Content-Type": "application/sparql-update"})[0]
        == 403
    )


def test_another_host_name_is_refused(server: ViewServer) -> None:
    status, result, _ = fetch(server.url, headers={"Host": "evil.example"})
    assert status == 403 and "evil.example" in result["error"]


def test_the_named_queries_are_listed(server: ViewServer) -> None:
    status, queries, _ = fetch(server.url + "queries")
    assert status == 200 and "chain" in {q["name"] for q in queries}


@pytest.mark.browser
def test_the_sparql_box_shows_markup_as_text(server: ViewServer) -> None:
    with browser.chromium() as chrome:
        page = chrome.new_page()
        log = browser.watch(page)
        page.goto(server.url + "sparql.html")
        browser.wait_until(
            page, "window.dgReady === true && document.querySelectorAll('#dg-sparql-named option').length > 1"
        )
        page.fill("#dg-sparql-query", f"SELECT ?x ?y WHERE {{ BIND({json.dumps(MARKUP)} AS ?x) }}")
        page.click("#dg-sparql-run")
        browser.wait_until(page, "document.querySelectorAll('#dg-sparql-result td').length === 2")
        assert page.locator("#dg-sparql-result td").first.inner_text() == MARKUP
        assert page.locator("#dg-sparql-result img, #dg-sparql-result script").count() == 0
        page.fill("#dg-sparql-query", "DROP ALL")
        page.click("#dg-sparql-run")
        browser.wait_until(
            page, "document.getElementById('dg-sparql-status').textContent.includes('refused')"
        )
        browser.screenshot(page, "serve-sparql")
        page.goto(server.url)
        browser.wait_until(page, "window.dgReady === true")
        assert page.locator('#dg-nav a[href="sparql.html"]').count() == 1
        outside = [u for u in log.outside_requests if not u.startswith(server.url)]
        refused = "Failed to load resource: the server responded with a status of 403 (Forbidden)"
        assert refused in log.console_errors  # the browser reports the refused update; nothing else failed
        errors = [e for e in log.console_errors if e != refused]
        assert (outside, errors, log.page_errors, log.dialogs) == ([], [], [], [])
        page.close()


@contextmanager
def serving(built: Path, *args: str) -> Iterator[str]:
    """``directives serve --port 0 ARGS`` in a subprocess from the build's parent folder: its URL."""
    command = [sys.executable, "-c", "from graph.cli import cli; cli()", "serve", "--port", "0", *args]
    process = subprocess.Popen(  # the default graph: out/graph.trig
        command, cwd=built.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line + (process.stderr.read() if process.stderr else "")
        yield url.group(0)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - only when SIGINT is ignored
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 0


def test_the_command_serves_until_stopped(built: Path) -> None:
    with serving(built) as url:
        assert fetch(url)[0] == 200
        assert ["16-TB/TW"] in fetch(url + "sparql?query=" + quote(NUMBERS))[1]["rows"]


def test_the_command_answers_from_a_persistent_store_without_loading_the_graph(
    built: Path, tmp_path: Path
) -> None:
    """A national corpus is loaded into ``oxigraph:DIR`` once; serve then queries it as it is (here a
    store holding one other document: the rows come from the store, the views from the build)."""
    other = tmp_path / "other.ttl"
    other.write_text(
        '<urn:x:d> <https://w3id.org/directive-graph/ontology#number> "99-NQ/TU" .\n', encoding="utf-8"
    )
    with open_store(f"oxigraph:{tmp_path / 'store'}") as store:
        store.load(other)
    with serving(built, "--store", f"oxigraph:{tmp_path / 'store'}") as url:
        assert fetch(url + "sparql?query=" + quote(NUMBERS))[1]["rows"] == [["99-NQ/TU"]]
        assert "16-TB/TW" in fetch(url + "data/catalog.js")[1]


def _built_copy(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)  # mtimes kept
    return out


def test_the_command_serves_the_views_the_build_wrote(built: Path, tmp_path: Path) -> None:
    """The build's pages are linked, not rendered again (38 s at 100,000 documents): a mark put into one
    of them is served."""
    out = _built_copy(built, tmp_path)
    with (out / "timeline.html").open("a", encoding="utf-8") as page:
        page.write("<!-- mark -->\n")
    with serving(out) as url:
        assert "<!-- mark -->" in fetch(url + "timeline.html")[1]
        assert fetch(url + "graph.ttl")[0] == 404  # the views only, not the rest of the build's folder


@pytest.mark.parametrize("record", ['{"graph_sha256": "' + "0" * 64 + '"}\n', None])
def test_views_of_another_graph_are_rendered_again(built: Path, tmp_path: Path, record: str | None) -> None:
    """Pages that data/source.json says were drawn from another graph (a build with --no-html keeps the
    pages of the graph before; ``directives render`` may write another graph's pages into the folder), or
    that say nothing of it: serve draws the graph's own."""
    out = _built_copy(built, tmp_path)
    with (out / "timeline.html").open("a", encoding="utf-8") as page:
        page.write("<!-- mark -->\n")
    source = out / "data" / "source.json"
    if record is None:
        source.unlink()
    else:
        source.write_text(record, encoding="utf-8")
    with serving(out) as url:
        status, page, _ = fetch(url + "timeline.html")
        assert status == 200 and "<!-- mark -->" not in page
        assert "16-TB/TW" in fetch(url + "data/catalog.js")[1]


def test_the_views_record_the_graph_they_are_drawn_from(built: Path, tmp_path: Path) -> None:
    """By its digest, not by the pages' times: pages older than the graph are still its pages."""
    from graph.project import graph_digest

    out = _built_copy(built, tmp_path)
    recorded = json.loads((out / "data" / "source.json").read_text(encoding="utf-8"))
    assert recorded == {"graph_sha256": graph_digest(out / "graph.trig")}
    old = (out / "graph.trig").stat().st_mtime - 60
    os.utime(out / "index.html", (old, old))
    with (out / "timeline.html").open("a", encoding="utf-8") as page:
        page.write("<!-- mark -->\n")
    with serving(out) as url:
        assert "<!-- mark -->" in fetch(url + "timeline.html")[1]
    # `directives render` records it too; pages drawn with no graph file to name record nothing
    rendered = tmp_path / "rendered"
    result = CliRunner().invoke(cli, ["render", "--graph", str(out / "graph.trig"), "--out", str(rendered)])
    assert result.exit_code == 0, result.output
    assert json.loads((rendered / "data" / "source.json").read_text(encoding="utf-8")) == recorded


def test_link_site_turns_down_an_incomplete_folder(built: Path, tmp_path: Path) -> None:
    from graph.project import graph_digest
    from graph.render import link_site

    out = _built_copy(built, tmp_path)
    into = tmp_path / "into"
    into.mkdir()
    digest = graph_digest(out / "graph.trig")
    assert link_site(out, into, digest=digest)
    assert (into / "index.html").read_bytes() == (out / "index.html").read_bytes()
    assert sorted(p.name for p in into.glob("chain-*.html")) == sorted(
        p.name for p in out.glob("chain-*.html")
    )
    (out / "lib" / "dg-core.js").unlink()
    again = tmp_path / "again"
    again.mkdir()
    assert not link_site(out, again, digest=digest)
    assert not any(again.iterdir())
