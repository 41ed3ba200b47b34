"""Serialise a built graph: Turtle, JSON-LD, N-Triples (the union of the named graphs) and TriG,
N-Quads (the named graphs kept). Sorted and reproducible (a leaf module).

The same graph gives byte-identical output: statements are re-inserted in sorted order before
serialising, and the graph holds no blank nodes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from graph.errors import OutputError
from graph.namespaces import bind_prefixes

__all__ = ["DATASET_FORMATS", "FORMATS", "load_graph", "serialize", "stable_jsonld"]

#: CLI name -> (rdflib format, file suffix)
FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "json-ld": ("json-ld", ".jsonld"),
    "nt": ("nt", ".nt"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
}
#: Formats that keep the named graphs.
DATASET_FORMATS = frozenset({"trig", "nquads"})


def _key(terms: tuple[Node, ...]) -> tuple[str, ...]:
    return tuple(t.n3() for t in terms)


def _triples(graph: Graph) -> list[tuple[Node, Node, Node]]:
    if isinstance(graph, Dataset):
        return sorted(set(graph.triples((None, None, None))), key=_key)
    return sorted(graph, key=_key)


def _sorted_copy(graph: Graph) -> Graph:
    copy = Graph()
    bind_prefixes(copy)
    for triple in _triples(graph):
        copy.add(triple)
    return copy


def _sorted_dataset(graph: Graph) -> Dataset:
    copy = Dataset()
    bind_prefixes(copy)
    quads: set[tuple[Node, Node, Node, URIRef]] = set()
    if isinstance(graph, Dataset):
        quads.update((s, p, o, _graph_name(c)) for s, p, o, c in graph.quads((None, None, None, None)))
    else:
        quads.update((s, p, o, URIRef(str(copy.default_graph.identifier))) for s, p, o in graph)
    for s, p, o, c in sorted(quads, key=_key):
        copy.graph(c).add((s, p, o))
    return copy


def _graph_name(context: object) -> URIRef:
    return URIRef(str(getattr(context, "identifier", context)))


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in ``fmt`` (a key of :data:`FORMATS`), as UTF-8 bytes."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    rdf_format = FORMATS[fmt][0]
    if rdf_format in ("nt", "nquads"):
        source = _sorted_dataset(graph) if rdf_format == "nquads" else _sorted_copy(graph)
        text = source.serialize(format=rdf_format, encoding="utf-8").decode("utf-8")
        lines = sorted({line for line in text.splitlines() if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8")
    if rdf_format == "trig":
        from graph.turtle import trig

        if isinstance(graph, Dataset):
            return trig((s, p, o, _graph_name(c)) for s, p, o, c in graph.quads((None, None, None, None)))
        return trig((s, p, o, URIRef(str(Dataset().default_graph.identifier))) for s, p, o in graph)
    if rdf_format == "turtle":
        from graph.turtle import turtle

        return turtle(graph)
    data: bytes = _sorted_copy(graph).serialize(format=rdf_format, encoding="utf-8", **_options(rdf_format))
    if rdf_format == "json-ld":
        return stable_jsonld(data)
    return data if data.endswith(b"\n") else data + b"\n"


def stable_jsonld(data: bytes) -> bytes:
    """JSON-LD with its node objects and value arrays in a fixed order (JSON-LD arrays other than
    ``@list`` are unordered, and rdflib's order of nodes depends on hashing)."""
    return (
        json.dumps(_canonical(json.loads(data)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode()


def _canonical(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _options(rdf_format: str) -> dict[str, Any]:
    """JSON-LD is compacted with the published context (ontology/context.jsonld), embedded so that the
    file reads offline."""
    if rdf_format == "json-ld":
        from graph.jsonld_context import build_context

        return {"context": build_context()["@context"], "sort_keys": True, "indent": 2}
    return {}


_READ_FORMATS = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}


def load_graph(path: Path) -> Graph:
    """Read a built graph back: a Dataset (queried as the union) for TriG and N-Quads, else a Graph."""
    if not path.is_file():
        raise OutputError(
            "no built graph here.", path=path, hint="Run `directives build` first, or pass --graph FILE."
        )
    fmt = _READ_FORMATS.get(path.suffix, "turtle")
    graph: Graph = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise OutputError(
            f"cannot be read as {fmt}: {exc}", path=path, hint="Rebuild it with `directives build`."
        ) from exc
    bind_prefixes(graph)
    return graph
