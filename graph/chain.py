"""Presenting a traced chain: document lookup by number, a readable tree, and JSON."""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from graph.errors import UnknownDocumentError
from graph.trace import TraceNode, find_document, paths_to_root, trace

__all__ = ["chain_json", "chain_tree", "resolve_document"]

_VERBS = {
    "implements": "implements",
    "continues": "continues",
    "summarises": "reviews (summarises)",
    "based_on": "is based on",
    "guides": "guides",
    "concretises": "concretises",
    "institutionalises": "institutionalises",
    "decides": "decides",
}


def resolve_document(G: nx.DiGraph, query: str, *, date: str | None = None) -> str:
    """The one document node a user means by a printed number (or a document IRI)."""
    if query in G and G.nodes[query].get("kind") == "document":
        return query
    from graph.extract.numbers import normalise_number

    # A number as a user types it ("18-NQ/TW", "16TB/TW", "16 - TB/TW"), nothing around it.
    plain = re.fullmatch(r"[\w .\-–—/]+", query.strip()) is not None
    number = (normalise_number(query) if plain else None) or query.strip()
    found = find_document(G, number, date=date)
    if len(found) == 1:
        return found[0]
    if not found:
        close = sorted(
            n
            for n in (d.get("number", "") for _, d in G.nodes(data=True))
            if n and n.split("-")[0] == number.split("-")[0]
        )
        hint = f"Documents with that serial: {', '.join(close)}." if close else "Check the number."
        raise UnknownDocumentError(
            f"Unknown document {query!r}: no document in the graph carries it.", hint=hint
        )
    dates = ", ".join(G.nodes[n].get("date") or "undated" for n in found)
    raise UnknownDocumentError(
        f"Unknown document {query!r}: {len(found)} documents carry this number ({dates}).",
        hint="Pass --date.",
    )


def _describe(data: dict[str, Any]) -> str:
    if data.get("kind") == "adoption":
        who = data.get("assignee") or data.get("locality") or ""
        text = (
            f"{data.get('status') or 'model'}" + (f" [{who}]" if who else "") + f": {data.get('model', '')}"
        )
        return text + (f" (due {data['deadline']})" if data.get("deadline") else "")
    date = data.get("date") or (
        f"after {data['date_not_before']}" if data.get("date_not_before") else "date unknown"
    )
    issuer = f", {data['issuer']}" if data.get("issuer") else ""
    name = data.get("number") or data.get("label", "")
    kind = f"{data['type']} " if data.get("type") else ""
    note = " [known only by citation]" if data.get("citation_only") else ""
    return f"{kind}{name} ({date}{issuer}){note}"


def chain_tree(G: nx.DiGraph, node: str, *, up: bool = False) -> str:
    """The chain as an indented tree, one line per document or task."""
    root = trace(G, node, up=up)
    lines = [_describe(root.data)]

    def walk(tree: TraceNode, prefix: str) -> None:
        for i, child in enumerate(tree.children):
            last = i == len(tree.children) - 1
            verb = _VERBS.get(child.relation or "", child.relation or "")
            arrow = "→" if up else "←"
            seen = (
                " (repeated: its chain is shown at its first place)"
                if child.repeated and child.data.get("kind") == "document"
                else ""
            )
            lines.append(f"{prefix}{'└── ' if last else '├── '}{arrow} {verb}: {_describe(child.data)}{seen}")
            walk(child, prefix + ("    " if last else "│   "))

    walk(root, "")
    return "\n".join(lines)


def chain_json(G: nx.DiGraph, node: str, *, up: bool = False) -> dict[str, Any]:
    """The chain as JSON: the root, every document and task with its shortest path to the root, the
    relations among them, and the tree."""
    root = trace(G, node, up=up)
    paths = paths_to_root(G, node, up=up)
    members: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []

    def walk(tree: TraceNode, parent: TraceNode | None) -> dict[str, Any]:
        item = {"id": tree.id, **_public(tree.data)}
        if tree.id not in members and tree.id != node:
            members[tree.id] = {**item, "path": [_name(G, n) for n in paths.get(tree.id, [])]}
        if parent is not None:
            source, target = (parent.id, tree.id) if up else (tree.id, parent.id)
            if tree.relation == "decides":
                source, target = parent.id, tree.id
            relations.append(
                {"source": _name(G, source), "relation": tree.relation, "target": _name(G, target)}
            )
        return {
            **item,
            "relation": tree.relation,
            "repeated": tree.repeated,
            "children": [walk(c, tree) for c in tree.children],
        }

    tree = walk(root, None)
    documents = [m for m in members.values() if m.get("kind") == "document"]
    tasks = [m for m in members.values() if m.get("kind") == "adoption"]
    unique = {(r["source"], r["relation"], r["target"]): r for r in relations}
    return {
        "root": {"id": node, **_public(G.nodes[node])},
        "direction": "up" if up else "down",
        "documents": documents,
        "tasks": tasks,
        "relations": list(unique.values()),
        "tree": tree,
    }


def _public(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("evidence",)}


def _name(G: nx.DiGraph, node: str) -> str:
    data = G.nodes[node]
    return str(data.get("number") or data.get("label") or node)
