"""``memory``: an rdflib Dataset in this process, queried as the union of its graphs.

Parameters reach queries as rdflib ``initBindings``, exactly as :func:`graph.sparql.run_query`. A load
builds a new Dataset beside the current one and swaps the reference: atomic by construction.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Identifier, Node

from graph.errors import QueryError
from graph.sparql import Result
from graph.store.base import Store
from graph.store.results import ask_result
from graph.store.terms import DEFAULT_GRAPH, LoadSource, read_quads, to_ox, to_rdflib

__all__ = ["MemoryStore"]

RDFLIB_DEFAULT = "urn:x-rdflib:default"


class MemoryStore(Store):
    """Named graphs in an rdflib Dataset (``default_union``: queries see every graph)."""

    kind = "memory"
    persistent = False

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)

    def load(self, source: LoadSource, *, replace: bool = True) -> int:
        """As :meth:`Store.load`; an rdflib source is copied term for term (no conversion)."""
        incoming = (
            _rdflib_dataset(source) if isinstance(source, Graph) else _quads_dataset(read_quads(source))
        )
        return self._swap(incoming, replace=replace)

    def _load(self, quads: Iterator[ox.Quad], *, replace: bool) -> int:
        return self._swap(_quads_dataset(quads), replace=replace)

    def _swap(self, incoming: Dataset, *, replace: bool) -> int:
        loaded = sum(1 for _ in incoming.quads((None, None, None, None)))
        if not replace:
            names = {g.identifier for g in incoming.graphs()}
            for graph in self._dataset.graphs():
                if graph.identifier not in names and len(graph):
                    target = incoming.graph(graph.identifier)
                    for triple in graph:
                        target.add(triple)
        self._dataset = incoming
        return loaded

    def graphs(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self._dataset.graphs()
            if len(g) and str(g.identifier) != RDFLIB_DEFAULT
        )

    def quads(self) -> Iterator[ox.Quad]:
        for s, p, o, g in self._dataset.quads((None, None, None, None)):
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]

    def close(self) -> None:
        self._dataset = Dataset(default_union=True)

    def _run(self, text: str, bindings: dict[str, Node]) -> object:
        try:
            initial = {k: v for k, v in bindings.items() if isinstance(v, Identifier)}
            return self._dataset.query(text, initBindings=initial)
        except Exception as exc:  # rdflib raises pyparsing and evaluation errors of many types
            raise QueryError(f"the query failed: {exc}") from exc

    def _select(self, text: str, bindings: dict[str, Node], form: str) -> Result:
        result = self._run(text, bindings)
        if form == "ASK":
            return ask_result(bool(result.askAnswer))  # type: ignore[attr-defined]
        columns = [str(v) for v in result.vars or []]  # type: ignore[attr-defined]
        rows: list[list[str | None]] = [
            [None if value is None else str(value) for value in row]
            for row in result  # type: ignore[attr-defined]
        ]
        return Result(columns, rows)

    def _graph_query(self, text: str, bindings: dict[str, Node]) -> Graph:
        result = self._run(text, bindings)
        graph = Graph()
        for triple in result.graph or ():  # type: ignore[attr-defined]
            graph.add(triple)
        return graph


def _rdflib_dataset(source: Graph) -> Dataset:
    """A copy of an rdflib Dataset or Graph; triples outside a named graph go to DEFAULT_GRAPH."""
    dataset = Dataset(default_union=True)
    default = dataset.graph(URIRef(DEFAULT_GRAPH))
    if isinstance(source, ConjunctiveGraph):  # a Dataset, or its older form
        for s, p, o, g in source.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            target = default if name is None or str(name) == RDFLIB_DEFAULT else dataset.graph(name)
            target.add((s, p, o))
    else:
        for triple in source:
            default.add(triple)
    return dataset


def _quads_dataset(quads: Iterator[ox.Quad]) -> Dataset:
    dataset = Dataset(default_union=True)
    graphs: dict[str, Graph] = {}
    for quad in quads:
        key = str(quad.graph_name)
        graph = graphs.get(key)
        if graph is None:
            graph = graphs[key] = dataset.graph(to_rdflib(quad.graph_name))  # type: ignore[arg-type]
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return dataset
