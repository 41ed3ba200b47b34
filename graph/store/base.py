"""The one interface every store has, and what they share: checking a query, exporting quads.

A store holds named graphs and answers queries over their union (an RDF merge: a triple in two graphs
counts once). ``load`` is atomic: the new data is written aside (a new Dataset, a new Oxigraph store, a
new union graph on the server) and swapped in at the end, so a load that fails (or is killed) leaves the
previous graphs queryable and unchanged.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.errors import QueryError, StoreError
from graph.namespaces import bind_prefixes
from graph.sparql import Result
from graph.store.querytext import query_form
from graph.store.results import canonical_order, triples_result
from graph.store.terms import LoadSource, read_quads, sparql_term

__all__ = ["EXPORT_FORMATS", "Bindings", "Store", "serialize_quads"]

#: Export format -> (Oxigraph format, keeps the named graphs)
EXPORT_FORMATS = {
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
}

Bindings = Mapping[str, Node]


class Store(ABC):
    """Named graphs, queried as their union. Open one with :func:`graph.store.open_store`."""

    #: "memory", "oxigraph" or "sparql"
    kind: str = ""
    #: False when the data lives only as long as this object (load it before querying).
    persistent: bool = False

    def load(self, source: LoadSource, *, replace: bool = True) -> int:
        """Load an rdflib Dataset or Graph, or an RDF file (.nq, .trig, .ttl, .nt); return the quads loaded.

        With ``replace`` the store then holds exactly ``source``'s graphs; without it, each graph of
        ``source`` replaces its namesake and other graphs stay. Triples outside any named graph go to
        :data:`graph.store.terms.DEFAULT_GRAPH`. Atomic: on failure the previous graphs are unchanged.
        """
        return self._load(read_quads(source), replace=replace)

    def query(self, text: str, bindings: Bindings | None = None) -> Result:
        """Run a read query over the union of the graphs, ``bindings`` bound to variables by name.

        SELECT rows are lexical forms (or None when unbound) in a deterministic order: ties of ORDER BY,
        and queries without ORDER BY, are sorted by their cells. ASK gives one "true"/"false" row;
        CONSTRUCT and DESCRIBE give sorted rows of N3 terms, as :func:`graph.sparql.run_query`.
        """
        form = _read_form(text)
        _check_bindings(bindings)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return triples_result(self._graph_query(text, dict(bindings or {})))
        result = self._select(text, dict(bindings or {}), form)
        return canonical_order(result, text) if form == "SELECT" else result

    def construct(self, text: str, bindings: Bindings | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query; the triples as an rdflib Graph."""
        form = _read_form(text)
        if form not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError(f"construct() runs CONSTRUCT and DESCRIBE, not {form}.", hint="Use query().")
        _check_bindings(bindings)
        graph = self._graph_query(text, dict(bindings or {}))
        bind_prefixes(graph)
        return graph

    def export(self, fmt: str = "nquads") -> bytes:
        """Every quad, sorted: N-Quads and TriG keep the graphs; Turtle and N-Triples give their union."""
        return serialize_quads(self.quads(), fmt)

    @abstractmethod
    def graphs(self) -> list[str]:
        """The names of the graphs, sorted."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every graph (no staging graphs)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (files, connections)."""

    @abstractmethod
    def _load(self, quads: Iterator[ox.Quad], *, replace: bool) -> int: ...

    @abstractmethod
    def _select(self, text: str, bindings: dict[str, Node], form: str) -> Result: ...

    @abstractmethod
    def _graph_query(self, text: str, bindings: dict[str, Node]) -> Graph: ...

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _read_form(text: str) -> str:
    form = query_form(text)
    if form is None:
        raise QueryError(
            "not a read query: only SELECT, ASK, CONSTRUCT and DESCRIBE run on a store.",
            hint="Updates are refused; load data with `load`.",
        )
    return form


def _check_bindings(bindings: Bindings | None) -> None:
    """Every store refuses the same values: blank nodes, IRIs and language tags that are not valid."""
    for term in (bindings or {}).values():
        sparql_term(term)


def _prefixes() -> dict[str, str]:
    probe = Graph(bind_namespaces="none")
    bind_prefixes(probe)
    return {prefix: str(ns) for prefix, ns in sorted(probe.namespaces()) if prefix}


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Quads in ``fmt`` (a key of :data:`EXPORT_FORMATS`), sorted by graph then triple, duplicates dropped."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}.", hint=f"Use one of: {', '.join(EXPORT_FORMATS)}.")
    rdf_format, keeps_graphs = EXPORT_FORMATS[fmt]
    if keeps_graphs:
        by_key = {(str(q.graph_name), str(q.triple)): q for q in quads}
        items: list[ox.Quad] | list[ox.Triple] = [by_key[k] for k in sorted(by_key)]
    else:
        triples = {str(q.triple): q.triple for q in quads}
        items = [triples[k] for k in sorted(triples)]
    prefixes = _prefixes() if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    assert data is not None
    return data
