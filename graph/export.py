"""Serialise a built graph: Turtle, JSON-LD, N-Triples. Sorted and reproducible (a leaf module).

The same graph gives byte-identical output: triples are re-inserted in sorted order before serialising,
and the graph holds no blank nodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.errors import OutputError
from graph.namespaces import bind_prefixes

__all__ = ["FORMATS", "load_graph", "serialize"]

#: CLI name -> (rdflib format, file suffix)
FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "json-ld": ("json-ld", ".jsonld"),
    "nt": ("nt", ".nt"),
}


def _sorted_copy(graph: Graph) -> Graph:
    copy = Graph()
    bind_prefixes(copy)
    for triple in sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        copy.add(triple)
    return copy


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in ``fmt`` (a key of :data:`FORMATS`), as UTF-8 bytes."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    rdf_format = FORMATS[fmt][0]
    if rdf_format == "nt":
        lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
        return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
    data: bytes = _sorted_copy(graph).serialize(format=rdf_format, encoding="utf-8", **_options(rdf_format))
    return data if data.endswith(b"\n") else data + b"\n"


def _options(rdf_format: str) -> dict[str, Any]:
    if rdf_format == "json-ld":
        context = {prefix: str(ns) for prefix, ns in _prefixes()}
        return {"context": context, "sort_keys": True, "indent": 2}
    return {}


def _prefixes() -> list[tuple[str, object]]:
    probe = Graph(bind_namespaces="none")
    bind_prefixes(probe)
    return sorted((p, ns) for p, ns in probe.namespaces() if p)


def load_graph(path: Path) -> Graph:
    """Read a built graph back (Turtle, N-Triples or JSON-LD, by suffix)."""
    if not path.is_file():
        raise OutputError(
            "no built graph here.", path=path, hint="Run `directives build` first, or pass --graph FILE."
        )
    fmt = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}.get(path.suffix, "turtle")
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise OutputError(
            f"cannot be read as {fmt}: {exc}", path=path, hint="Rebuild it with `directives build`."
        ) from exc
    bind_prefixes(graph)
    return graph
