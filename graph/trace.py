"""Chains of directives on the NetworkX projection (see :mod:`graph.project`).

An edge ``u -> v`` says u implements (continues, summarises, is based on ...) v. Tracing *down* from a
document follows edges backwards, to everything that relies on it, transitively, and the tasks those
documents set; tracing *up* follows them forwards, to what it relies on.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("kl55", "tb16", relation="implements")
>>> G.add_edge("tb16", "nq18", relation="implements")
>>> G.add_edge("kl50", "nq18", relation="continues")
>>> sorted(dependents(G, "nq18"))
['kl50', 'kl55', 'tb16']
>>> sorted(dependencies(G, "kl55"))
['nq18', 'tb16']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = [
    "TRACE_RELATIONS",
    "TraceNode",
    "dependencies",
    "dependents",
    "find_document",
    "paths_to_root",
    "trace",
]

#: Relations that carry a directive down the system (``cites`` and amendments do not).
TRACE_RELATIONS = frozenset(
    {"implements", "continues", "summarises", "based_on", "guides", "concretises", "institutionalises"}
)


def _down(G: nx.DiGraph, node: str, relations: Iterable[str]) -> list[tuple[str, str]]:
    """(child, relation) for everything that relies on ``node``, and the tasks it sets."""
    wanted = set(relations)
    children = [(u, d["relation"]) for u, _, d in G.in_edges(node, data=True) if d["relation"] in wanted]
    tasks = [(v, "decides") for _, v, d in G.out_edges(node, data=True) if d["relation"] == "decides"]
    return sorted(children, key=lambda c: _order(G, c[0])) + sorted(tasks, key=lambda c: _order(G, c[0]))


def _up(G: nx.DiGraph, node: str, relations: Iterable[str]) -> list[tuple[str, str]]:
    wanted = set(relations)
    parents = [(v, d["relation"]) for _, v, d in G.out_edges(node, data=True) if d["relation"] in wanted]
    return sorted(parents, key=lambda c: _order(G, c[0]))


def _order(G: nx.DiGraph, node: str) -> tuple[str, str]:
    data = G.nodes[node]
    return (data.get("date") or data.get("date_not_before") or "9999", data.get("label", node))


def dependents(G: nx.DiGraph, node: str, relations: Iterable[str] = TRACE_RELATIONS) -> set[str]:
    """Every document that relies on ``node``, transitively (tasks excluded)."""
    view = nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v].get("relation") in set(relations))
    return set(nx.ancestors(view, node))


def dependencies(G: nx.DiGraph, node: str, relations: Iterable[str] = TRACE_RELATIONS) -> set[str]:
    """Every document ``node`` relies on, transitively."""
    view = nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v].get("relation") in set(relations))
    return set(nx.descendants(view, node))


@dataclass(slots=True)
class TraceNode:
    id: str
    relation: str | None  # how this node relates to its parent in the tree
    data: dict[str, Any]
    children: list[TraceNode] = field(default_factory=list)
    repeated: bool = False  # already shown elsewhere in the tree: its children are not repeated


def trace(
    G: nx.DiGraph, node: str, *, up: bool = False, relations: Iterable[str] = TRACE_RELATIONS
) -> TraceNode:
    """The chain below (or above) ``node`` as a tree.

    Each document is expanded once, under the first of its parents on a shortest path from ``node``;
    wherever else it appears it is marked ``repeated``. A citation cycle is shown but not followed.
    """
    step = _up if up else _down
    rels = frozenset(relations)
    owner: dict[str, str] = {}
    depth = {node: 0}
    frontier = [node]
    while frontier:  # breadth first: who owns each node, at what depth
        following = []
        for current in frontier:
            for child, _ in step(G, current, rels):
                if child not in depth:
                    depth[child] = depth[current] + 1
                    owner[child] = current
                    following.append(child)
        frontier = following

    def grow(current: str, relation: str | None, parent: str | None) -> TraceNode:
        tree = TraceNode(current, relation, dict(G.nodes[current]))
        if parent is not None and owner.get(current) != parent:
            tree.repeated = True
            return tree
        tree.children = [grow(child, rel, current) for child, rel in step(G, current, rels)]
        return tree

    return grow(node, None, None)


def paths_to_root(
    G: nx.DiGraph, root: str, *, up: bool = False, relations: Iterable[str] = TRACE_RELATIONS
) -> dict[str, list[str]]:
    """For every document in the chain, a shortest path of relations between it and ``root``."""
    rels = set(relations)
    view = nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v].get("relation") in rels)
    if up:
        return dict(nx.single_source_shortest_path(view, root))
    return {
        n: list(reversed(p))
        for n, p in nx.single_source_shortest_path(view.reverse(copy=False), root).items()
    }


def find_document(G: nx.DiGraph, number: str, *, date: str | None = None) -> list[str]:
    """Document nodes whose number is ``number`` (narrowed by ``date`` when given)."""
    found = [n for n, d in G.nodes(data=True) if d.get("kind") == "document" and d.get("number") == number]
    if date is not None:
        found = [n for n in found if G.nodes[n].get("date") == date]
    return sorted(found)
