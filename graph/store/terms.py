"""RDF terms between rdflib and Oxigraph, and the quads of what a store is asked to load.

Every store reads its input as a stream of Oxigraph quads whose graph is always named: triples without a
graph (a Turtle file, an rdflib ``Graph``, a ``Dataset``'s default graph) go to :data:`DEFAULT_GRAPH`.
``xsd:string`` is the datatype of a plain literal (RDF 1.1), so a plain rdflib literal comes back plain.

>>> from rdflib import Literal, URIRef
>>> to_ox(Literal("2022-07-07", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")))
<Literal value=2022-07-07 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
>>> to_rdflib(to_ox(Literal("Đức Thọ", lang="vi"))) == Literal("Đức Thọ", lang="vi")
True
>>> sparql_term(Literal('18-NQ/TW" } DROP ALL ; #'))
'"18-NQ/TW\\\\" } DROP ALL ; #"'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from graph.errors import QueryError, StoreError
from graph.namespaces import BASE

__all__ = [
    "DEFAULT_GRAPH",
    "FILE_FORMATS",
    "LoadSource",
    "OxTerm",
    "file_format",
    "read_quads",
    "sparql_term",
    "to_ox",
    "to_rdflib",
]

#: Where triples without a graph are kept: every store holds named graphs only, and queries their union.
DEFAULT_GRAPH = BASE + "id/graph/default"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFLIB_DEFAULT = "urn:x-rdflib:default"

#: File suffix -> Oxigraph format, for files given to ``Store.load``.
FILE_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
#: What a store can load: an rdflib Dataset (named graphs kept) or Graph, or an RDF file.
LoadSource = Dataset | Graph | Path | str


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as an Oxigraph term (raises StoreError for a term Oxigraph cannot hold)."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None and str(term.datatype) != XSD_STRING:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as exc:
        raise StoreError(f"{str(term)!r} is not a valid RDF term: {exc}") from exc
    raise StoreError(f"{term!r} is not an IRI, blank node or literal.")


def to_rdflib(term: OxTerm) -> URIRef | BNode | Literal:
    """An Oxigraph term as an rdflib term; ``xsd:string`` literals come back plain."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def sparql_term(term: Node) -> str:
    """A term written for a SPARQL ``VALUES`` block, in N-Triples syntax with its escapes.

    The term is rebuilt through Oxigraph, which checks IRIs and language tags and escapes ``"``, ``\\``
    and line breaks: a value can never close its string and add syntax of its own.
    """
    if isinstance(term, BNode):
        raise QueryError(
            "a blank node cannot be bound to a query variable.", hint="Bind an IRI or a literal."
        )
    try:
        return str(to_ox(term))
    except StoreError as exc:
        raise QueryError(exc.message, hint="Bind a valid IRI or literal.") from exc


def file_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, by suffix."""
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(
            f"cannot tell the RDF format of {path.name!r}.",
            path=path,
            hint=f"Use one of: {', '.join(FILE_FORMATS)}.",
        )
    return fmt


def read_quads(source: LoadSource) -> Iterator[ox.Quad]:
    """The quads of ``source``; triples without a graph are put in :data:`DEFAULT_GRAPH`."""
    if isinstance(source, str | Path):
        return _file_quads(Path(source))
    return _rdflib_quads(source)


def _file_quads(path: Path) -> Iterator[ox.Quad]:
    fmt = file_format(path)
    if not path.is_file():
        raise StoreError("no such file.", path=path, hint="Run `directives build` first, or pass a file.")
    default = ox.NamedNode(DEFAULT_GRAPH)
    try:
        for quad in ox.parse(path=path, format=fmt):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, default)
            else:
                yield quad
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot be read as {fmt.name}: {exc}", path=path) from exc


def _rdflib_quads(source: Graph) -> Iterator[ox.Quad]:
    default = ox.NamedNode(DEFAULT_GRAPH)
    if isinstance(source, Dataset | ConjunctiveGraph):
        for s, p, o, g in source.quads((None, None, None, None)):
            name = g.identifier if isinstance(g, Graph) else g
            graph_name = default if name is None or str(name) == RDFLIB_DEFAULT else to_ox(name)
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_name)  # type: ignore[arg-type]
        return
    for s, p, o in source:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), default)  # type: ignore[arg-type]


def group_by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Triples by graph name (an IRI, or ``_:id`` for a blank-node graph)."""
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in quads:
        graphs.setdefault(str(quad.graph_name).strip("<>"), []).append(quad.triple)
    return graphs
