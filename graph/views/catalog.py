"""The data every page shares: a catalog of nodes (search, filters, labels) and the panel facts.

The catalog is one row per node, in columns, in the order of the node ids; a page refers to a node by
its row. The panel facts (every field, every relation with its evidence) are split into shards of
:data:`SHARD_SIZE` rows, each a small .js file a page loads when a node in it is clicked, so a page of a
20,000-document graph does not parse the evidence of every document before it draws.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("b", kind="document", label="55-KL/TU", type_code="KL", level="province", date="")
>>> g.add_node("a", kind="document", label="18-NQ/TW", type_code="NQ", level="central", date="2017-10-25")
>>> g.add_edge("b", "a", relation="implements", origin="extracted", evidence=[])
>>> data = catalog_data(g, node_order(g))
>>> data["columns"]["label"], data["columns"]["rels"]
(['18-NQ/TW', '55-KL/TU'], ['implements', 'implements'])
>>> sorted(facts_shards(g, node_order(g))[0]["b"]["out"][0])
['evidence', 'origin', 'other', 'relation']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from graph.views.common import (
    LEVELS,
    RELATIONS,
    STATUSES,
    STYLES,
    TYPES,
    clip,
    is_task,
    level_of,
    safe_href,
    sort_date,
    text,
)

__all__ = ["COLUMNS", "SHARD_SIZE", "catalog_data", "display_label", "facts_shards", "node_order"]

SHARD_SIZE = 200
_EVIDENCE_KEYS = ("quote", "prefix", "suffix", "citation")
_DOCUMENT_KEYS = ("label", "number", "type", "type_code", "issuer", "issuer_en", "province", "date", "title")
COLUMNS = (
    "id",
    "kind",
    "label",
    "code",
    "level",
    "issuer",
    "issuer_en",
    "province",
    "date",
    "after",
    "title",
    "place",
    "cited",
    "rels",
    "chain",
)
_TASK_KEYS = ("model", "status", "locality", "province", "since", "deadline", "assignee", "evidence")


def node_order(graph: nx.DiGraph) -> list[str]:
    """The catalog's order: node ids, sorted (the same graph gives the same files)."""
    return sorted(graph.nodes)


def display_label(attrs: Mapping[str, Any]) -> str:
    """A node's label on the page; a task reads "chia tách — Đức Thọ" (status, where)."""
    if not is_task(attrs):
        return text(attrs.get("label")) or clip(text(attrs.get("title")), 60)
    status = STATUSES.get(text(attrs.get("status")))
    head = status.vi if status else text(attrs.get("status")) or "mô hình"
    where = text(attrs.get("locality")) or text(attrs.get("province"))
    return f"{head} — {where}" if where else f"{head}: {clip(text(attrs.get('model')), 48)}"


def catalog_data(
    graph: nx.DiGraph,
    order: Sequence[str],
    *,
    chains: Mapping[str, int] | None = None,
    chain_pages: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The catalog: columns of node facts, styles, the legend, and the chain pages."""
    chains = chains or {}
    rows = [_row(graph, node, chains.get(node, -1)) for node in order]
    return {
        "columns": {name: [row[name] for row in rows] for name in COLUMNS},
        "shard": SHARD_SIZE,
        "styles": {key: value for key, value in STYLES.items() if key != "about"},
        "legend": _legend(graph),
        "chains": [list(page) for page in chain_pages],
    }


def _row(graph: nx.DiGraph, node: str, chain: int) -> dict[str, Any]:
    attrs = graph.nodes[node]
    task = is_task(attrs)
    relations = {text(a.get("relation")) for a in graph.pred[node].values()}
    relations |= {text(a.get("relation")) for a in graph.succ[node].values()}
    return {
        "id": node,
        "kind": "a" if task else "d",
        "label": display_label(attrs),
        "code": text(attrs.get("status" if task else "type_code")),
        "level": text(attrs.get("locality_level")) if task else level_of(attrs),
        "issuer": text(attrs.get("assignee" if task else "issuer")),
        "issuer_en": "" if task else text(attrs.get("issuer_en")),
        "province": text(attrs.get("province")),
        "date": text(attrs.get("since" if task else "date")),
        "after": sort_date(attrs) if not text(attrs.get("since" if task else "date")) else "",
        "title": clip(text(attrs.get("model" if task else "title")), 240),
        "place": text(attrs.get("locality")) if task else "",
        "cited": bool(attrs.get("citation_only")),
        "rels": " ".join(sorted(r for r in relations if r)),
        "chain": chain,
    }


def _legend(graph: nx.DiGraph) -> dict[str, Any]:
    nodes = [a for _, a in graph.nodes(data=True)]
    documents = [a for a in nodes if not is_task(a)]
    codes = {code if code in TYPES else "" for code in (text(a.get("type_code")) for a in documents)}
    levels = {level_of(a) for a in documents}
    statuses = {text(a.get("status")) for a in nodes if is_task(a)}
    edges = [a for _, _, a in graph.edges(data=True)]
    relations = {text(a.get("relation")) for a in edges}
    return {
        "types": [c for c in TYPES if c in codes],
        "levels": [key for key in LEVELS if key in levels],
        "statuses": [key for key in STATUSES if key in statuses],
        "relations": [key for key in RELATIONS if key in relations],
        "curated": any(a.get("origin") == "curated" for a in edges),
        "citation_only": any(a.get("citation_only") for a in documents),
    }


def facts_shards(graph: nx.DiGraph, order: Sequence[str]) -> list[dict[str, Any]]:
    """The panel facts of every node, ``SHARD_SIZE`` catalog rows per shard."""
    return [
        {node: _facts(graph, node) for node in order[start : start + SHARD_SIZE]}
        for start in range(0, len(order), SHARD_SIZE)
    ]


def _facts(graph: nx.DiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    if is_task(attrs):
        info: dict[str, Any] = {"kind": "adoption", "label": display_label(attrs)}
        info.update({key: text(attrs.get(key)) for key in _TASK_KEYS})
    else:
        info = {"kind": "document", **{key: text(attrs.get(key)) for key in _DOCUMENT_KEYS}}
        info["label"] = display_label(attrs)
        info["after"] = text(attrs.get("date_not_before"))
        info["level"] = level_of(attrs)
        info["signers"] = [text(s) for s in attrs.get("signers") or []]
        info["source"] = safe_href(text(attrs.get("source")))
        info["citation_only"] = bool(attrs.get("citation_only"))
    # the neighbours' dicts, not networkx's edge views (made anew for every node: slow at 100,000 nodes)
    out = [_relation(v, a) for v, a in sorted(graph.succ[node].items(), key=_first)]
    into = [_relation(u, a) for u, a in sorted(graph.pred[node].items(), key=_first)]
    return {"info": info, "out": out, "in": into}


def _first(item: tuple[str, object]) -> str:
    return item[0]


def _relation(other: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "other": other,
        "relation": text(attrs.get("relation")),
        "origin": text(attrs.get("origin")),
        "evidence": [_evidence(item) for item in attrs.get("evidence") or [] if isinstance(item, Mapping)],
    }


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    fact: dict[str, Any] = {key: text(item.get(key)) for key in _EVIDENCE_KEYS if item.get(key)}
    fact["source"] = safe_href(text(item.get("source")))
    fact["url"] = safe_href(text(item.get("url")))
    for key in ("start", "end"):
        if isinstance(item.get(key), int):
            fact[key] = item[key]
    return fact
