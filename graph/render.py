"""Graphs -> HTML views: an interactive, offline page of the document graph.

The page is a pyvis network drawn by vis-network 9.1.2 (vendored beside the page in ``lib/``, nothing
from a CDN), with positions computed here so the browser runs no physics: one band per issuing level
(central, province, district, commune, unknown), tasks and pilot-model decisions last; inside a band the
documents run left to right by date, undated ones last. A side panel shows the clicked document, what it
relies on and what relies on it, and each relation's evidence: the quote with its context and a link to
the source text. Every string from a text reaches the page as JSON inside ``<script type="application/json">``
and the panel inserts it with ``textContent``; links are kept only when relative or http(s).

The input is the projection's :class:`networkx.DiGraph` (document and adoption nodes; relation edges).

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("a", kind="document", label="18-NQ/TW", level="central", date="2017-10-25")
>>> g.add_node("b", kind="document", label="55-KL/TU", level="province", date="")
>>> g.add_edge("b", "a", relation="implements", origin="extracted", evidence=[])
>>> layout(g)
{'a': (0, 0), 'b': (0, 170)}
"""

from __future__ import annotations

import contextlib
import html
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import networkx as nx
from pyvis.network import Network

from graph.errors import OutputError

__all__ = ["ASSETS", "layout", "page_data", "render_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATE = "page.html"
# Copied from graph/templates/ into <out_dir>/lib/ beside the page.
ASSETS = (
    "vis-network.min.js",
    "vis-network.css",
    "vis-network-LICENSE.txt",
    "directive-graph.js",
    "directive-graph.css",
)


class Style(NamedTuple):
    vi: str
    en: str
    colour: str


class Level(NamedTuple):
    vi: str
    en: str
    border: str
    shape: str
    radius: int
    width: int


# Palette, shapes and vi/en labels live in templates/styles.json (data, read once; its "about" says what).
_STYLES: dict[str, Any] = json.loads((TEMPLATES / "styles.json").read_text(encoding="utf-8"))
TYPES = {code: Style(*row) for code, row in _STYLES["types"].items()}  # fill by type code; "" = untyped
LEVELS = {key: Level(*row) for key, row in _STYLES["levels"].items()}  # in the top-down order of the bands
STATUSES = {key: Style(*row) for key, row in _STYLES["statuses"].items()}
RELATIONS = {key: Style(*row) for key, row in _STYLES["relations"].items()}
_OTHER = Style(*_STYLES["other"])

X_GAP, ROW_GAP, BAND_GAP = 210, 110, 170
_ADOPTION_BAND = len(LEVELS)
_EVIDENCE_KEYS = ("quote", "prefix", "suffix", "citation")


def render_html(
    graph: nx.DiGraph, out_dir: Path, *, title: str = "directive-graph", filename: str = "index.html"
) -> Path:
    """Write ``out_dir/filename`` and its assets in ``out_dir/lib/``; return the page's path.

    Same graph, same bytes. Every file is written to a temporary file in its folder and moved into place.
    """
    if Path(filename).name != filename or not filename.endswith(".html"):
        raise OutputError(f'Cannot write the page as "{filename}".', hint="Pass a file name ending in .html.")
    out_dir = Path(out_dir)
    net = _network(graph, layout(graph))
    net.set_template_dir(f"{TEMPLATES}/", PAGE_TEMPLATE)  # our own template, through pyvis's Jinja loader
    page = net.templateEnv.get_template(PAGE_TEMPLATE).render(
        title=html.escape(title), data=script_json(_page_data(graph, net)), lib="lib"
    )
    target = out_dir / filename
    try:
        for asset in ASSETS:
            _write_atomic(out_dir / "lib" / asset, (TEMPLATES / asset).read_bytes())
        _write_atomic(target, page.encode("utf-8"))
    except OSError as error:
        raise OutputError(
            f"Cannot write the HTML view: {error.strerror}.",
            path=error.filename or out_dir,
            hint="Check that the folder is writable.",
        ) from error
    return target


def layout(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Positions in canvas pixels: bands top-down by level, then rows left to right by date."""
    row_max = max(12, math.isqrt(graph.number_of_nodes()) + 1)
    positions: dict[str, tuple[int, int]] = {}
    y = 0
    for band in _bands(graph):
        for start in range(0, len(band), row_max):
            row = band[start : start + row_max]
            offset = (len(row) - 1) * X_GAP // 2
            positions.update({node: (i * X_GAP - offset, y) for i, node in enumerate(row)})
            y += ROW_GAP
        y += BAND_GAP - ROW_GAP
    return positions


def _bands(graph: nx.DiGraph) -> list[list[str]]:
    levels = list(LEVELS)
    documents = sorted(
        (n for n, a in graph.nodes(data=True) if a.get("kind") != "adoption"),
        key=lambda n: _document_key(n, graph.nodes[n]),
    )
    rank = {node: i for i, node in enumerate(documents)}
    bands: list[list[str]] = [[] for _ in range(len(levels) + 1)]
    for node in documents:
        bands[levels.index(_level(graph.nodes[node]))].append(node)
    adoptions = [n for n, a in graph.nodes(data=True) if a.get("kind") == "adoption"]
    bands[_ADOPTION_BAND] = sorted(adoptions, key=lambda n: _adoption_key(n, graph, rank))
    return [band for band in bands if band]


def _document_key(node: str, attrs: Mapping[str, Any]) -> tuple[bool, str, str, str]:
    date = _text(attrs.get("date"))
    return (date == "", date, _text(attrs.get("label")), node)


def _adoption_key(node: str, graph: nx.DiGraph, rank: Mapping[str, int]) -> tuple[int, str, str]:
    parents = [rank[p] for p in graph.predecessors(node) if p in rank]
    return (min(parents, default=len(rank)), _text(graph.nodes[node].get("label")), node)


def _level(attrs: Mapping[str, Any]) -> str:
    level = _text(attrs.get("level"))
    return level if level in LEVELS else "unknown"


def _network(graph: nx.DiGraph, positions: Mapping[str, tuple[int, int]]) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    for node in sorted(positions):
        attrs = graph.nodes[node]
        x, y = positions[node]
        options = _adoption_node(attrs) if attrs.get("kind") == "adoption" else _document_node(node, attrs)
        net.add_node(node, x=x, y=y, **options)
    for index, (u, v, attrs) in enumerate(_edges(graph)):
        net.add_edge(u, v, id=f"e{index}", **_edge(graph, u, v, attrs, positions))
    return net


def _edges(graph: nx.DiGraph) -> list[tuple[str, str, Mapping[str, Any]]]:
    return sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))


def _document_node(node: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    level = LEVELS[_level(attrs)]
    fill = TYPES.get(_text(attrs.get("type_code")), TYPES[""]).colour
    label = _text(attrs.get("label")) or node
    date = _date_vi(_text(attrs.get("date")))
    return {
        "label": f"{label}\n{date or 'chưa rõ ngày'}",
        "shape": level.shape,
        "color": {
            "background": fill,
            "border": level.border,
            "highlight": {"background": fill, "border": "#f59e0b"},
            "hover": {"background": fill, "border": "#f59e0b"},
        },
        "borderWidth": level.width,
        "borderWidthSelected": level.width + 2,
        "shapeProperties": {
            "borderRadius": level.radius,
            "borderDashes": [5, 4] if attrs.get("citation_only") else False,
        },
        "widthConstraint": {"maximum": 170},
        "title": _join(
            [
                label,
                _join([_text(attrs.get("type")), _text(attrs.get("issuer"))], " · "),
                date or "chưa rõ ngày (date unknown)",
                _clip(_text(attrs.get("title")), 140),
            ]
        ),
    }


def _adoption_node(attrs: Mapping[str, Any]) -> dict[str, Any]:
    status = STATUSES.get(_text(attrs.get("status")), _OTHER)
    label = _text(attrs.get("label")) or _text(attrs.get("model"))
    deadline = _date_vi(_text(attrs.get("deadline")))
    return {
        "label": _clip(label, 60),
        "shape": "diamond",
        "size": 13,
        "color": {
            "background": status.colour,
            "border": "#374151",
            "highlight": {"background": status.colour, "border": "#f59e0b"},
        },
        "borderWidth": 1,
        "font": {"size": 12},
        "widthConstraint": {"maximum": 190},
        "title": _join(
            [
                label,
                _text(attrs.get("model")),
                f"{status.vi} ({status.en})",
                _join([_text(attrs.get("locality")), f"hạn {deadline}" if deadline else ""], " · "),
            ]
        ),
    }


def _edge(
    graph: nx.DiGraph, u: str, v: str, attrs: Mapping[str, Any], positions: Mapping[str, tuple[int, int]]
) -> dict[str, Any]:
    relation = _text(attrs.get("relation"))
    style = RELATIONS.get(relation, _OTHER._replace(vi=relation or _OTHER.vi))
    curated = attrs.get("origin") == "curated"
    (ux, uy), (vx, vy) = positions[u], positions[v]
    options: dict[str, Any] = {
        "label": style.vi,
        "color": {"color": style.colour, "highlight": style.colour, "hover": style.colour},
        "dashes": [7, 5] if curated else False,
        "title": _join(
            [
                f"{_node_label(graph, u)} → {_node_label(graph, v)}",
                f"{style.vi} ({style.en})",
                "đối chiếu thủ công (curated)" if curated else "trích từ văn bản (extracted)",
            ]
        ),
    }
    if uy == vy:  # same row: bow over the documents in between
        gap = abs(ux - vx) / X_GAP
        options["smooth"] = {"type": "curvedCCW" if ux > vx else "curvedCW", "roundness": min(0.5, 0.2 * gap)}
    return options


def page_data(graph: nx.DiGraph) -> dict[str, Any]:
    """Everything the page script reads: vis nodes/edges/options, panel facts, legend (before escaping)."""
    return _page_data(graph, _network(graph, layout(graph)))


def _page_data(graph: nx.DiGraph, net: Network) -> dict[str, Any]:
    edges = _edges(graph)
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _STYLES["vis_options"],
        "info": {n: _info(a) for n, a in sorted(graph.nodes(data=True), key=lambda item: item[0])},
        "relations": [_relation(f"e{i}", u, v, a) for i, (u, v, a) in enumerate(edges)],
        "legend": _legend(graph, edges),
    }


def _info(attrs: Mapping[str, Any]) -> dict[str, Any]:
    if attrs.get("kind") == "adoption":
        keys = ("label", "model", "status", "locality", "deadline", "assignee", "evidence")
        return {"kind": "adoption", **{key: _text(attrs.get(key)) for key in keys}}
    keys = ("label", "number", "type", "type_code", "issuer", "date", "title")
    return {
        "kind": "document",
        **{key: _text(attrs.get(key)) for key in keys},
        "level": _level(attrs),
        "signers": [_text(s) for s in attrs.get("signers") or []],
        "source": safe_href(_text(attrs.get("source"))),
        "citation_only": bool(attrs.get("citation_only")),
    }


def _relation(edge_id: str, u: str, v: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": edge_id,
        "from": u,
        "to": v,
        "relation": _text(attrs.get("relation")),
        "origin": _text(attrs.get("origin")),
        "evidence": [_evidence(item) for item in attrs.get("evidence") or [] if isinstance(item, Mapping)],
    }


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    fact: dict[str, Any] = {key: _text(item.get(key)) for key in _EVIDENCE_KEYS if item.get(key)}
    fact["source"] = safe_href(_text(item.get("source")))
    fact["url"] = safe_href(_text(item.get("url")))
    for key in ("start", "end"):
        if isinstance(item.get(key), int):
            fact[key] = item[key]
    return fact


def _legend(graph: nx.DiGraph, edges: Iterable[tuple[str, str, Mapping[str, Any]]]) -> dict[str, Any]:
    nodes = [a for _, a in graph.nodes(data=True)]
    documents = [a for a in nodes if a.get("kind") != "adoption"]
    codes = {code if code in TYPES else "" for code in (_text(a.get("type_code")) for a in documents)}
    levels = {_level(a) for a in documents}
    statuses = {_text(a.get("status")) for a in nodes if a.get("kind") == "adoption"}
    edge_list = list(edges)
    relations = {_text(a.get("relation")) for _, _, a in edge_list}
    return {
        "types": [[c or "—", *TYPES[c]] for c in TYPES if c in codes],
        "levels": [[key, *LEVELS[key]] for key in LEVELS if key in levels],
        "statuses": [[key, *STATUSES[key]] for key in STATUSES if key in statuses],
        "relations": [[key, *RELATIONS[key]] for key in RELATIONS if key in relations],
        "curated": any(a.get("origin") == "curated" for _, _, a in edge_list),
        "citation_only": any(a.get("citation_only") for a in documents),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives literally.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def safe_href(value: str) -> str:
    """``value`` if it is a relative path or an http(s) URL, else "" (no ``javascript:`` links).

    >>> safe_href("texts/000.txt"), safe_href("javascript:alert(1)"), safe_href("//evil.example/x")
    ('texts/000.txt', '', '')
    """
    value = value.strip()
    if not value or any(ord(c) < 32 for c in value):
        return ""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    return value if not parts.scheme and not parts.netloc and not value.startswith(("/", "\\")) else ""


def _write_atomic(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _node_label(graph: nx.DiGraph, node: str) -> str:
    return _text(graph.nodes[node].get("label")) or node


def _date_vi(iso: str) -> str:
    """ "2022-07-07" -> "07/07/2022", "2022-10" -> "10/2022"; anything else unchanged."""
    return "/".join(reversed(iso.split("-"))) if iso[:4].isdigit() else iso


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _join(parts: Iterable[str], sep: str = "\n") -> str:
    return sep.join(part for part in parts if part)
