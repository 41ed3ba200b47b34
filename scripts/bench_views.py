"""Measure the HTML views in headless chromium: time to first draw and interaction latency, by size.

    python scripts/bench_views.py                       # 1k, 5k, 20k documents, aggregated views
    python scripts/bench_views.py --flat 1000 5000      # one canvas for everything (no aggregation)
    python scripts/bench_views.py --sizes 2000 --keep /tmp/views   # keep the pages to look at
    python scripts/bench_views.py --sizes --graph out/graph.ttl     # a built graph instead

Each size is a synthetic projection (graph.views.synthetic: ~3.7 relations per document, a task for one
document in ten) rendered by graph.render.render_site and opened from file:// in Debian's chromium
(/usr/bin/chromium). Reported, in milliseconds: ``ready`` (navigation start to the first drawn frame),
``zoom`` (a zoom to the first redraw), ``click`` (asking for a node to the panel filled, including
loading its facts), ``drill`` (opening a group to its first drawn frame), ``search`` (one diacritic-free
search over every node) and ``filter`` (a year filter applied and redrawn). A measurement, never a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from playwright.sync_api import sync_playwright

from graph.render import LIMIT, render_site
from graph.views.synthetic import synthetic_projection

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1500, "height": 900}

# Each returns a promise of milliseconds (or null when the view has nothing to measure).
ZOOM = """() => window.network ? new Promise(done => { const t = performance.now();
  network.once('afterDrawing', () => done(performance.now() - t));
  network.moveTo({scale: network.getScale() * 1.6}); }) : null"""
CLICK = """() => new Promise(done => { const box = document.getElementById('dg-details');
  const ids = window.directiveGraph ? Object.keys(directiveGraph.where).map(Number) : [0];
  const id = dg.cat.id(ids[Math.floor(ids.length / 2)]);
  const t = performance.now();
  const watch = new MutationObserver(() => { if (box.getAttribute('data-node') === id) {
    watch.disconnect(); done(performance.now() - t); } });
  watch.observe(box, {attributes: true}); dg.focus(id); })"""
DRILL = """() => { const g = window.directiveGraph; if (!g) return null;
  const home = g.scenes[window.dgScene]; if (!home || !home.groups.length) return null;
  const child = home.groups[0][6];
  return new Promise(done => { const t = performance.now();
    network.once('afterDrawing', () => done(performance.now() - t)); g.showScene(child); }); }"""
SEARCH = (
    """() => { const t = performance.now(); dg.search('ket luan 123', 12); return performance.now() - t; }"""
)
FILTER = """() => new Promise(done => { const t = performance.now();
  if (!window.network) { dg.setFilter('year', '2020'); done(performance.now() - t); return; }
  network.once('afterDrawing', () => done(performance.now() - t));
  dg.setFilter('year', '2020'); network.redraw(); })"""


def measure(browser: Any, page_path: Path, timeout: float) -> dict[str, Any]:
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start = time.monotonic()
    page.goto(page_path.as_uri(), timeout=timeout * 1000)
    while not page.evaluate("window.dgReady === true"):
        if time.monotonic() - start > timeout:
            page.close()
            return {"ready": f"> {timeout:.0f} s"}
        time.sleep(0.02)
    drawn = "window.network ? network.body.data.nodes.length : document.querySelectorAll('.dg-chip').length"
    row: dict[str, Any] = {"ready": page.evaluate("window.dgReadyAt"), "nodes": page.evaluate(drawn)}
    for name, script in (
        ("zoom", ZOOM),
        ("drill", DRILL),
        ("click", CLICK),
        ("search", SEARCH),
        ("filter", FILTER),
    ):
        row[name] = page.evaluate(script)
    row["errors"] = len(errors)
    page.close()
    return row


def built(path: Path) -> nx.DiGraph:
    from graph.export import load_graph
    from graph.project import project

    return project(load_graph(path), texts_dir="texts")


def run(
    sizes: list[int],
    limit: int,
    keep: Path | None,
    timeout: float,
    label: str,
    graph_file: Path | None = None,
) -> list[tuple[Any, ...]]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size in sizes or ([0] if graph_file else []):
            graph = built(graph_file) if graph_file else synthetic_projection(size)
            size = size or sum(1 for _, a in graph.nodes(data=True) if a.get("kind") == "document")
            folder = (keep / f"{label}-{size}") if keep else Path(tempfile.mkdtemp(prefix="bench-views-"))
            shutil.rmtree(folder, ignore_errors=True)
            started = time.monotonic()
            site = render_site(graph, folder, limit=limit)
            rendered = time.monotonic() - started
            pages = [("overview", site.overview), ("timeline", site.timeline), ("models", site.models)]
            if site.chains:
                pages.append(("chain", next(iter(site.chains.values()))))
            for view, path in pages if label == "aggregated" else pages[:1]:
                result = measure(browser, path, timeout)
                kib = path.stat().st_size // 1024
                rows.append(
                    (
                        label,
                        size,
                        graph.number_of_nodes(),
                        graph.number_of_edges(),
                        round(rendered, 1),
                        view,
                        kib,
                        result,
                    )
                )
                print(_line(rows[-1]), flush=True)
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
        browser.close()
    return rows


def _line(row: tuple[Any, ...]) -> str:
    label, size, nodes, edges, rendered, view, kib, r = row

    def ms(value: Any) -> str:
        return "–" if value is None else value if isinstance(value, str) else f"{value:.0f}"

    timings = [ms(r.get(k)) for k in ("ready", "zoom", "click", "drill", "search", "filter")]
    sizes = [f"{size:,}", f"{nodes:,} / {edges:,}", f"{rendered}", view, f"{kib:,}", str(r.get("nodes", ""))]
    cells = [label, *sizes, *timings, str(r.get("errors", ""))]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[1000, 5000, 20000], help="documents, aggregated views"
    )
    parser.add_argument(
        "--flat", type=int, nargs="*", default=[], help="documents, one canvas (no aggregation)"
    )
    parser.add_argument("--keep", type=Path, help="write the pages here and keep them")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a page to draw")
    parser.add_argument("--graph", type=Path, help="also measure the views of this built graph (Turtle)")
    args = parser.parse_args(argv)
    print(
        "| mode | documents | nodes / edges | render s | view | page KiB | drawn | ready ms | zoom ms "
        "| click ms | drill ms | search ms | filter ms | page errors |"
    )
    print("|" + "---|" * 14)
    run(args.flat, 10**9, args.keep, args.timeout, "flat")
    run(args.sizes, LIMIT, args.keep, args.timeout, "aggregated")
    if args.graph:
        run([], LIMIT, args.keep, args.timeout, "aggregated", args.graph)
    return 0


if __name__ == "__main__":
    sys.exit(main())
