"""Chain views: which nodes one document's chain holds, which chains get a page, and their file names.

A document's chain is the document, everything it relies on and everything that relies on it
(transitively, through the relations of :data:`graph.trace.TRACE_RELATIONS`), and the tasks those
documents decide. A build writes a chain page for every *root*: a document that relies on nothing and
that something relies on (at most :data:`MAX_PAGES`, the largest chains first).

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> for n, number in (("a", "18-NQ/TW"), ("b", "16-TB/TW"), ("c", "55-KL/TU")):
...     g.add_node(n, kind="document", number=number, label=number)
>>> g.add_node("t", kind="adoption", label="pause")
>>> g.add_edge("b", "a", relation="implements")
>>> g.add_edge("c", "b", relation="implements")
>>> g.add_edge("c", "t", relation="decides")
>>> chain_members(g, "b"), roots(g), chain_files(g, ["a"])
(['a', 'b', 'c', 't'], ['a'], {'a': 'chain-18-NQ-TW.html'})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import networkx as nx

from graph.trace import TRACE_RELATIONS
from graph.views.common import file_slug, is_task, text

__all__ = ["MAX_PAGES", "chain_files", "chain_members", "membership", "roots", "trace_graph"]

MAX_PAGES = 100


def trace_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The documents and the relations a chain follows, as a plain graph (fast to walk many times)."""
    traced = nx.DiGraph()
    traced.add_nodes_from(n for n, attrs in graph.nodes(data=True) if not is_task(attrs))
    traced.add_edges_from(
        (u, v) for u, v, attrs in graph.edges(data=True) if attrs.get("relation") in TRACE_RELATIONS
    )
    return traced


def chain_members(graph: nx.DiGraph, node: str, traced: nx.DiGraph | None = None) -> list[str]:
    """The document, what it relies on, what relies on it, and the tasks all of them decide."""
    traced = trace_graph(graph) if traced is None else traced
    documents = {node} | nx.descendants(traced, node) | nx.ancestors(traced, node)
    tasks = {
        v
        for u in documents
        for _, v, attrs in graph.out_edges(u, data=True)
        if attrs.get("relation") == "decides" and is_task(graph.nodes[v])
    }
    return sorted(documents | tasks)


def roots(graph: nx.DiGraph, limit: int = MAX_PAGES, traced: nx.DiGraph | None = None) -> list[str]:
    """Documents that rely on nothing and that something relies on, the largest chains first."""
    traced = trace_graph(graph) if traced is None else traced
    found = [n for n in traced if traced.out_degree(n) == 0 and traced.in_degree(n) > 0]
    size = {n: len(nx.ancestors(traced, n)) for n in found}
    return sorted(found, key=lambda n: (-size[n], text(graph.nodes[n].get("label")), n))[:limit]


def chain_files(graph: nx.DiGraph, nodes: Iterable[str]) -> dict[str, str]:
    """``chain-<number>.html`` for each node; the IRI path is added where two documents share a number."""
    same = Counter(_name(n, a) for n, a in graph.nodes(data=True) if not is_task(a))
    files = {}
    for node in nodes:
        name = _name(node, graph.nodes[node])
        if same[name] > 1:
            tail = node.split("/doc/", 1)[-1] if "/doc/" in node else node.rsplit("/", 1)[-1]
            name = f"{name}-{file_slug(tail)}"
        files[node] = f"chain-{name}.html"
    return files


def _name(node: str, attrs: dict[str, object]) -> str:
    return file_slug(text(attrs.get("number")) or text(attrs.get("label")) or node)


def membership(chains: Sequence[Sequence[str]]) -> dict[str, int]:
    """For each node, the first chain (by position) that holds it."""
    owner: dict[str, int] = {}
    for i, members in enumerate(chains):
        for node in members:
            owner.setdefault(node, i)
    return owner
