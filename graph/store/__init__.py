"""RDF stores behind one interface: rdflib in memory, embedded Oxigraph, or any SPARQL 1.1 server.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:x:d"), URIRef("urn:x:number"), Literal("18-NQ/TW")))
>>> with open_store("oxigraph") as store:
...     store.load(g)
...     store.graphs()
...     store.query("SELECT ?d WHERE { ?d <urn:x:number> ?n }", {"n": Literal("18-NQ/TW")}).rows
...     store.query("SELECT ?d WHERE { ?d <urn:x:number> ?n }", {"n": Literal('x" } DROP ALL ; #')}).rows
1
['https://w3id.org/directive-graph/id/graph/default']
[['urn:x:d']]
[]

Specs (``--store``): ``memory`` (rdflib), ``oxigraph`` (Oxigraph in memory, the default: faster to load
and query, see scripts/bench_stores.py), ``oxigraph:PATH`` (persistent), ``sparql:URL`` (a server;
credentials from ``DIRECTIVES_STORE_USER`` / ``DIRECTIVES_STORE_PASSWORD`` / ``DIRECTIVES_STORE_TOKEN``
or the URL's userinfo; options in the URL fragment, see :mod:`graph.store.spec`).
"""

from __future__ import annotations

from rdflib import Variable

from graph.errors import QueryError
from graph.sparql import NamedQuery, Result, bind_params, check_params, refuse_outside
from graph.store.base import EXPORT_FORMATS, Bindings, Store, serialize_quads
from graph.store.httpclient import credentials_from
from graph.store.memory import MemoryStore
from graph.store.oxigraph import OxigraphStore
from graph.store.remote import REGISTRY, Endpoints, SparqlStore
from graph.store.spec import describe, oxigraph_path, parse_endpoints, split_spec
from graph.store.terms import DEFAULT_GRAPH, LoadSource

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "EXPORT_FORMATS",
    "REGISTRY",
    "Bindings",
    "Endpoints",
    "LoadSource",
    "MemoryStore",
    "OxigraphStore",
    "SparqlStore",
    "Store",
    "describe",
    "open_store",
    "run_named",
    "serialize_quads",
]

#: The store a command uses when none is given: Oxigraph in memory, loaded from the built graph.
DEFAULT_STORE = "oxigraph"


def open_store(spec: str, *, timeout: float = 600.0) -> Store:
    """The store named by ``spec``: ``memory``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL[#options]``.

    ``timeout`` bounds one HTTP request to a server (seconds); connecting is tried 3 times.
    """
    kind, rest = split_spec(spec)
    if kind == "memory":
        return MemoryStore()
    if kind == "oxigraph":
        return OxigraphStore(oxigraph_path(rest))
    url, _, fragment = rest.partition("#")
    clean, credentials = credentials_from(url)
    return SparqlStore(parse_endpoints(f"{clean}#{fragment}"), credentials, timeout=timeout)


def run_named(store: Store, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """:func:`graph.sparql.run_query` on a store: the same parameter checks and value rules."""
    params = params or {}
    check_params(query, params)
    refuse_outside(query)
    bindings = {str(Variable(k)): term for k, term in bind_params(query, params).items()}
    try:
        return store.query(query.text_for(params), bindings)
    except QueryError as exc:
        raise QueryError(f"query {query.name!r} failed: {exc.message}", hint=exc.hint) from exc
