"""``sparql:URL``: any SPARQL 1.1 server, through the Protocol, Update and the Graph Store HTTP Protocol.

The store keeps a small registry graph on the server (:data:`REGISTRY`): the named graphs it holds, and
the *union graph*, one physical graph holding every triple of those graphs once. Queries run with the
union as their default graph and the registered graphs as their named graphs (``default-graph-uri`` /
``named-graph-uri``), so a triple in two graphs counts once (servers such as Virtuoso count it once per
graph when given several default graphs), and a server's own graphs (Virtuoso's system graphs) or the
leftovers of a killed load never show in answers. Without a registry (data loaded by other tools) queries
go to the server's default graph. How a load swaps the graphs in: :mod:`graph.store.remoteload`.

Parameters are bound by a ``VALUES`` block whose terms are written in N-Triples syntax with its escapes;
a value never becomes query syntax.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from graph.errors import QueryError, StoreError
from graph.sparql import Result
from graph.store.base import Store
from graph.store.httpclient import Credentials, HttpClient, Response, redact
from graph.store.querytext import with_values
from graph.store.results import json_result
from graph.store.terms import sparql_term, to_rdflib

__all__ = ["REGISTRY", "Endpoints", "Registry", "SparqlStore"]

REGISTRY = "urn:x-directive-graph:registry"
#: Registry predicates: <registry> holds <graph> (a named graph of the store); union <graph> (the live
#: union graph); stages <graph> (a union being written); pending <graph> (named graphs being rewritten).
HOLDS, UNION, STAGES, PENDING = (
    f"urn:x-directive-graph:{p}" for p in ("holds", "union", "stages", "pending")
)
NTRIPLES = "application/n-triples"
RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where a server answers: queries, updates (None: read only) and the Graph Store Protocol (None:
    load with INSERT DATA, export with CONSTRUCT). ``graph_param`` names the GSP graph parameter."""

    query: str
    update: str | None = None
    gsp: str | None = None
    graph_param: str = "graph"


@dataclass(frozen=True, slots=True)
class Registry:
    holds: list[str] = field(default_factory=list)
    union: str | None = None
    stages: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)


class SparqlStore(Store):
    """Named graphs on a SPARQL 1.1 server."""

    kind = "sparql"
    persistent = True

    def __init__(
        self, endpoints: Endpoints, credentials: Credentials | None = None, *, timeout: float = 600.0
    ):
        self.endpoints = endpoints
        self._http = HttpClient(credentials, timeout=timeout)

    def __repr__(self) -> str:
        return f"SparqlStore({redact(self.endpoints.query)!r})"

    def registry(self) -> Registry:
        """What the registry graph on the server says (empty when there is none)."""
        text = f"SELECT ?p ?g WHERE {{ GRAPH <{REGISTRY}> {{ <{REGISTRY}> ?p ?g }} }}"
        found: dict[str, list[str]] = {}
        for p, g in self.raw_select(text).rows:
            if p and g:
                found.setdefault(p, []).append(g)
        unions = found.get(UNION, [])
        return Registry(
            sorted(found.get(HOLDS, [])),
            unions[0] if unions else None,
            found.get(STAGES, []),
            found.get(PENDING, []),
        )

    def graphs(self) -> list[str]:
        return self.registry().holds

    def quads(self) -> Iterator[ox.Quad]:
        registry = self.registry()
        if registry.pending:
            raise StoreError(
                "a load was interrupted while it rewrote the named graphs (queries already see its data).",
                hint="Run the load again to finish it.",
            )
        for name in registry.holds:
            graph = ox.NamedNode(name)
            for triple in self.graph_triples(name):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    # --- queries -----------------------------------------------------------------------------------

    def _select(self, text: str, bindings: dict[str, Node], form: str) -> Result:
        return _json(self._query(text, bindings, RESULTS_JSON, dataset=True))

    def _graph_query(self, text: str, bindings: dict[str, Node]) -> Graph:
        response = self._query(text, bindings, NTRIPLES, dataset=True)
        graph = Graph()
        for triple in parse_triples(response.body):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))  # type: ignore[arg-type]
        return graph

    def raw_select(self, text: str) -> Result:
        """A SELECT over the server's own default graph (no registry dataset, no bindings)."""
        return _json(self._query(text, {}, RESULTS_JSON, dataset=False))

    def _query(self, text: str, bindings: dict[str, Node], accept: str, *, dataset: bool) -> Response:
        values = {name: sparql_term(term) for name, term in bindings.items()}
        form: list[tuple[str, str]] = [("query", with_values(text, values))]
        if dataset:
            registry = self.registry()
            if registry.union is not None:
                form += [("default-graph-uri", registry.union)]
                form += [("named-graph-uri", g) for g in registry.holds]
        response = self._http.request(
            "POST",
            self.endpoints.query,
            body=urlencode(form).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        if not response.ok:
            raise QueryError(f"the server refused the query (HTTP {response.status}): {response.text()}")
        if "x-sql-state" in response.headers:  # Virtuoso's "anytime" partial answer
            raise QueryError(
                f"the server answered with partial results: {response.headers.get('x-sql-message', '')}",
                hint="Virtuoso: set [SPARQL] MaxQueryExecutionTime = 0 and MaxQueryCostEstimationTime = 0.",
            )
        return response

    # --- graphs ------------------------------------------------------------------------------------

    def count(self, name: str) -> int:
        """How many triples graph ``name`` holds on the server."""
        result = self.raw_select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        return int(result.rows[0][0] or 0)

    def graph_triples(self, name: str) -> list[ox.Triple]:
        """Every triple of graph ``name`` (GSP GET, or CONSTRUCT), checked against the server's count."""
        if self.endpoints.gsp is None:
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
            body = self._query(text, {}, NTRIPLES, dataset=False).body
        else:
            response = self._http.request("GET", self.gsp_url(name), headers={"Accept": NTRIPLES})
            if not response.ok:
                raise StoreError(f"cannot read graph <{name}> (HTTP {response.status}): {response.text()}")
            body = response.body
        triples = list(parse_triples(body))
        expected = self.count(name)
        if len(triples) != expected:
            raise StoreError(
                f"the server sent {len(triples)} of the {expected} triples of graph <{name}>.",
                hint="Its result limit truncates them (Virtuoso: raise [SPARQL] ResultSetMaxRows).",
            )
        return triples

    def write_graph(self, name: str, triples: list[ox.Triple], *, chunk: int = 5000) -> None:
        """Write ``triples`` into graph ``name``, which must be empty (GSP PUT, or INSERT DATA chunks)."""
        if self.endpoints.gsp is None:
            for start in range(0, len(triples), chunk):
                lines = "\n".join(f"{t} ." for t in triples[start : start + chunk])
                self.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{lines}\n}} }}")
            return
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        response = self._http.request(
            "PUT", self.gsp_url(name), body=body, headers={"Content-Type": NTRIPLES}
        )
        if not response.ok:
            raise StoreError(f"the server refused graph data (HTTP {response.status}): {response.text()}")

    def update(self, text: str) -> None:
        """Send one SPARQL update request."""
        if self.endpoints.update is None:
            raise StoreError(
                f"{redact(self.endpoints.query)} is read only here: no update endpoint.",
                hint="Add #update=URL (and #gsp=URL) to the store spec, or a #server= preset.",
            )
        response = self._http.request(
            "POST",
            self.endpoints.update,
            body=urlencode({"update": text}).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "*/*"},
            idempotent=False,
        )
        if not response.ok:
            raise StoreError(f"the server refused an update (HTTP {response.status}): {response.text()}")

    def gsp_url(self, graph: str) -> str:
        assert self.endpoints.gsp is not None
        sep = "&" if "?" in self.endpoints.gsp else "?"
        return f"{self.endpoints.gsp}{sep}{self.endpoints.graph_param}={quote(graph, safe='')}"

    def _load(self, quads: Iterator[ox.Quad], *, replace: bool) -> int:
        from graph.store.remoteload import load

        return load(self, quads, replace=replace)


def _json(response: Response) -> Result:
    try:
        data = json.loads(response.body)
    except ValueError as exc:
        raise QueryError(f"the server's answer is not JSON: {response.text(200)!r}") from exc
    return json_result(data)


def parse_triples(body: bytes) -> Iterable[ox.Triple]:
    try:
        for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            yield quad.triple
    except SyntaxError as exc:
        raise StoreError(f"the server sent triples that are not N-Triples: {exc}") from exc
