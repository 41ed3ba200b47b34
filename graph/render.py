"""Graphs -> HTML views: a folder of offline pages over the document graph.

The views, each a page in ``out_dir`` linking to the others:

- ``index.html``, the overview: every document in a band by issuing level (central, province, district,
  commune, unknown), tasks last; in a band, left to right by date.
- ``chain-<number>.html``, a document's chain: what it relies on and what relies on it, top-down by
  level and by depth in the chain, each row by date, edges labelled by relation. One page per root
  document (relies on nothing, relied on by something), and any other on demand (:func:`render_chain`).
- ``timeline.html``: documents by date, one lane per issuing level.
- ``models.html``: pilot models by locality, each cell the statuses over time and the deciding documents.

Every page has a search that ignores diacritics ("ket luan 34" finds "Kết luận 34"), filters by type,
issuing body, year and relation, a legend, and a panel showing the clicked document: its facts, what it
implements and what implements it, and each relation's evidence (the quote in its context, highlighted,
with a link to the source text in ``texts/``). The panel facts load on demand from ``data/``.

vis-network 9.1.2 draws the graphs (vendored in ``lib/``, nothing from a CDN) from positions computed
here, physics off. A canvas shows at most :data:`graph.views.scenes.LIMIT` nodes; a larger graph is
aggregated by issuing level and year, then province, then month, and each group opens on a click.
Strings from texts reach a page only as escaped JSON and are inserted with ``textContent``; links are
kept only when relative or http(s).

The input is the projection's :class:`networkx.DiGraph`; its attributes are listed in :mod:`graph.views`.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from graph.errors import OutputError
from graph.views import chains, pages
from graph.views.catalog import catalog_data, display_label, facts_shards, node_order
from graph.views.common import TEMPLATES, is_task, safe_href, script_json, write_atomic
from graph.views.layout import band_layout, chain_layout, timeline_layout
from graph.views.models import matrix
from graph.views.scenes import LIMIT, build_scenes, timeline_groups

__all__ = [
    "ASSETS",
    "LIMIT",
    "Site",
    "link_site",
    "render_chain",
    "render_html",
    "render_site",
    "safe_href",
    "script_json",
    "vis_network_js",
]

# Copied from graph/templates/ into <out_dir>/lib/ beside the pages.
ASSETS = (
    "vis-network-LICENSE.txt",
    "directive-graph.css",
    "dg-load.js",
    "dg-core.js",
    "dg-panel.js",
    "dg-search.js",
    "dg-graph.js",
    "dg-models.js",
    "dg-sparql.js",
)
_RESERVED = {pages.TIMELINE, pages.MODELS}
#: What the views record of the graph they were drawn from (its graph_digest), for ``link_site``.
SOURCE_FILE = "data/source.json"
#: Chain pages are written for the roots, largest first, until their nodes add up to this many.
CHAIN_BUDGET = 200_000


def link_site(built: Path, into: Path, *, digest: str) -> bool:
    """Put the views in ``built`` (a build's folder, or one ``directives render`` wrote) into ``into`` as
    hard links (copies where the file system cannot link), instead of rendering them again: 38 s at
    100,000 documents. Only when the overview, the timeline, the models, data/catalog.js and every asset
    are there and data/source.json says they were drawn from the graph whose :func:`graph_digest` is
    ``digest`` (a build with ``--no-html`` keeps the pages of an earlier graph; ``directives render`` may
    write another graph's pages into a build's folder: both are turned down). Returns whether it did; on
    False, ``into`` holds nothing new."""
    views = ["index.html", pages.TIMELINE, pages.MODELS]
    needed = [*views, "data/catalog.js", *(f"lib/{asset}" for asset in (*ASSETS, "vis-network.min.js"))]
    try:
        if not all((built / name).is_file() for name in needed):
            return False
        if _drawn_from(built) != digest:
            return False
        names = sorted(
            {*needed, *(p.name for p in built.glob("chain-*.html"))}
            | {f"{folder}/{p.name}" for folder in ("data", "lib") for p in (built / folder).iterdir()}
        )
    except OSError:
        return False
    for name in names:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(built / name, target)
        except OSError:
            shutil.copy2(built / name, target)
    return True


def _drawn_from(built: Path) -> str | None:
    """The digest of the graph the views in ``built`` were drawn from, as data/source.json records it."""
    try:
        recorded = json.loads((built / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    digest = recorded.get("graph_sha256") if isinstance(recorded, dict) else None
    return digest if isinstance(digest, str) else None


def vis_network_js() -> bytes:
    """vis-network 9.1.2 as pyvis ships it: pyvis is the project's source of the drawing library (its own
    page template links bootstrap from a CDN, so the pages here are our own)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_bytes()


class Site(NamedTuple):
    overview: Path
    timeline: Path
    models: Path
    chains: dict[str, Path]  # root node -> its chain page
    #: Seconds each page took, by file name: its data, its HTML and its writing (a chain page also the
    #: tracing of its members); "shared" holds what every page uses (order, data/, lib/).
    seconds: dict[str, float]


def render_html(
    graph: nx.DiGraph,
    out_dir: Path,
    *,
    title: str = "directive-graph",
    filename: str = "index.html",
    source: str | None = None,
) -> Path:
    """Write every view into ``out_dir`` (assets in ``lib/``, shared data in ``data/``); return the
    overview's path. Same graph, same bytes; each file is written beside its place and moved in.
    ``source``: the digest of the graph file ``graph`` was projected from (see :func:`render_site`)."""
    return render_site(graph, out_dir, title=title, filename=filename, source=source).overview


def render_chain(
    graph: nx.DiGraph,
    node: str,
    out_dir: Path,
    *,
    title: str = "directive-graph",
    filename: str = "index.html",
) -> Path:
    """Write every view and the chain page of ``node`` (a node id); return the chain page's path."""
    return render_site(graph, out_dir, title=title, filename=filename, chain_roots=[node]).chains[node]


def render_site(
    graph: nx.DiGraph,
    out_dir: Path,
    *,
    title: str = "directive-graph",
    filename: str = "index.html",
    chain_roots: Sequence[str] = (),
    limit: int = LIMIT,
    chain_budget: int = CHAIN_BUDGET,
    source: str | None = None,
) -> Site:
    """Write the views: the overview as ``filename``, the timeline, the models, and a chain page for
    each of ``chain_roots`` and for every root document, the largest first, while the chains drawn hold
    fewer than ``chain_budget`` nodes in all. With ``source``, the graph_digest of the graph file
    ``graph`` was projected from, data/source.json records it (see :func:`link_site`); else an earlier
    record is removed."""
    _check(graph, filename, chain_roots)
    clock = _Clock()
    traced = chains.trace_graph(graph)
    members: dict[str, list[str]] = {}
    chain_s: dict[str, float] = {}  # the tracing of each chain's members, counted to its page

    def trace(root: str) -> None:
        started = time.perf_counter()
        members[root] = chains.chain_members(graph, root, traced)
        chain_s[root] = time.perf_counter() - started

    for root in chain_roots:
        trace(root)
    for root in chains.roots(graph, traced=traced):  # the largest first, within the budget
        if root not in members and sum(map(len, members.values())) < chain_budget:
            trace(root)
    roots = sorted(
        members, key=lambda r: (r not in chain_roots, -len(members[r]), display_label(graph.nodes[r]), r)
    )
    files = chains.chain_files(graph, roots)
    links = pages.Links(filename, [(files[r], display_label(graph.nodes[r])) for r in roots])
    order = node_order(graph)
    index = {node: i for i, node in enumerate(order)}
    written = _shared_files(graph, order, chains.membership([members[r] for r in roots]), links)
    if source is not None:
        written[SOURCE_FILE] = (json.dumps({"graph_sha256": source}, sort_keys=True) + "\n").encode()
    else:
        (out_dir / SOURCE_FILE).unlink(missing_ok=True)  # pages of an unknown graph: never linked
    clock.lap("shared", adjust=-sum(chain_s.values()))
    for view, current, data in _views(graph, order, index, limit, filename):
        written[current] = _page(view, title, "", links, current, data)
        clock.lap(current)
    for root in roots:
        data = _chain_data(graph, root, members[root], index, limit)
        subject = display_label(graph.nodes[root])
        written[files[root]] = _page(pages.CHAIN_VIEW, title, subject, links, files[root], data)
        clock.lap(files[root], adjust=chain_s[root])
    for name, seconds in _write(out_dir, written).items():  # a page's own file, or shared
        clock.seconds[name if name in clock.seconds else "shared"] += seconds
    chain_pages = {root: out_dir / files[root] for root in roots}
    views = (out_dir / filename, out_dir / pages.TIMELINE, out_dir / pages.MODELS)
    return Site(*views, chain_pages, clock.seconds)


class _Clock:
    """Seconds by name: each lap the time since the previous one, plus ``adjust`` (time moved from one
    name to another)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str, adjust: float = 0.0) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._last + adjust
        self._last = now


def _check(graph: nx.DiGraph, filename: str, chain_roots: Sequence[str]) -> None:
    if Path(filename).name != filename or not filename.endswith(".html") or filename in _RESERVED:
        raise OutputError(
            f'Cannot write the overview as "{filename}".', hint="Pass a file name ending in .html."
        )
    for node in chain_roots:
        if node not in graph or is_task(graph.nodes[node]):
            raise OutputError(f"Cannot draw the chain of {node!r}: it is not a document of the graph.")


def _shared_files(
    graph: nx.DiGraph, order: list[str], owner: dict[str, int], links: pages.Links
) -> dict[str, bytes]:
    """lib/ (the scripts and styles) and data/ (the catalog and the panel facts, in shards)."""
    written = {f"lib/{asset}": (TEMPLATES / asset).read_bytes() for asset in ASSETS}
    written["lib/vis-network.min.js"] = vis_network_js()
    catalog = catalog_data(graph, order, chains=owner, chain_pages=links.chains)
    written["data/catalog.js"] = _data_js("catalog", catalog)
    for i, shard in enumerate(facts_shards(graph, order)):
        written[f"data/facts-{i:04d}.js"] = _data_js(f"facts-{i}", shard)
    return written


def _views(
    graph: nx.DiGraph, order: list[str], index: dict[str, int], limit: int, filename: str
) -> list[tuple[pages.View, str, dict[str, Any]]]:
    documents = [n for n in order if not is_task(graph.nodes[n])]
    overview = build_scenes(
        graph, order, index=index, leaf=band_layout, limit=limit, title=(pages.OVERVIEW.vi, pages.OVERVIEW.en)
    )
    timeline = build_scenes(
        graph,
        documents,
        index=index,
        leaf=timeline_layout,
        groups=timeline_groups,
        limit=limit,
        edges=False,
        title=(pages.TIMELINE_VIEW.vi, pages.TIMELINE_VIEW.en),
    )
    return [
        (pages.OVERVIEW, filename, overview),
        (pages.TIMELINE_VIEW, pages.TIMELINE, timeline),
        (pages.MODELS_VIEW, pages.MODELS, {"matrix": matrix(graph, index)}),
    ]


def _chain_data(
    graph: nx.DiGraph, root: str, members: list[str], index: dict[str, int], limit: int
) -> dict[str, Any]:
    label = display_label(graph.nodes[root])
    scenes = build_scenes(graph, members, index=index, leaf=chain_layout, limit=limit, title=(label, label))
    return {**scenes, "root": index[root]}


def _page(view: pages.View, title: str, subject: str, links: pages.Links, current: str, data: Any) -> bytes:
    html = pages.page_html(view, title=title, subject=subject, links=links, current=current, data=data)
    return html.encode("utf-8")


def _data_js(name: str, value: Any) -> bytes:
    """A data file a page loads with ``<script src>`` (no fetch from file:// pages): one call, JSON."""
    return f'dgLoad("{name}", {script_json(value)});\n'.encode()


def _write(out_dir: Path, files: dict[str, bytes]) -> dict[str, float]:
    """Write every file (each beside its place, then moved in); return the seconds each took."""
    seconds: dict[str, float] = {}
    try:
        for name, payload in sorted(files.items()):
            started = time.perf_counter()
            write_atomic(Path(out_dir) / name, payload)
            seconds[name] = time.perf_counter() - started
    except OSError as error:
        raise OutputError(
            f"Cannot write the HTML views: {error.strerror}.",
            path=error.filename or out_dir,
            hint="Check that the folder is writable.",
        ) from error
    return seconds
