"""A larger corpus in the shape of the build, for benchmarks and store tests: the seed graph, copied.

Copy *k* renames every local resource (provincial and district documents and bodies, source texts and
their graphs, spans, relations, adoptions, curation records) by inserting ``c<k>/`` after ``id/``, and
keeps the central ones (Central Committee documents and bodies, terms, plenums, localities, code lists,
the corpus and curation graphs). Each copy is one more province's worth of documents that implement the
same central directives: ``implements+`` from 18-NQ/TW reaches every copy, as it would in a national
corpus. Copies are added until ``size`` quads have been produced.

>>> from rdflib import Dataset, URIRef
>>> ds = Dataset()
>>> g = ds.graph(URIRef(BASE + "id/graph/source/ab"))
>>> _ = g.add((URIRef(BASE + "id/doc/province/42/kl-55"), URIRef(BASE + "ontology#implements"),
...            URIRef(BASE + "id/doc/tw/xiii/tb-16")))
>>> [str(q.subject.value) for q in scaled_quads(ds, 2)]
['https://w3id.org/directive-graph/id/doc/province/42/kl-55', \
'https://w3id.org/directive-graph/id/c1/doc/province/42/kl-55']
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from graph.namespaces import BASE
from graph.store.terms import LoadSource, read_quads

__all__ = ["SHARED", "scaled_quads"]

ID = BASE + "id/"
#: Resources every copy shares (after ``id/``).
SHARED = (
    "doc/tw/",
    "body/tw/",
    "term/",
    "plenum/",
    "locality/",
    "code-list/",
    "graph/corpus",
    "graph/curation",
)


def scaled_quads(source: LoadSource, size: int) -> Iterator[ox.Quad]:
    """``size`` quads: copies of ``source`` with local IRIs renamed per copy (module docstring)."""
    seed = list({str(q): q for q in read_quads(source)}.values())
    local = [q for q in seed if _renamed(q, 1) is not q]  # what a copy adds; shared quads come once
    if not local:
        return
    yield from seed[:size]
    produced = len(seed)
    copy = 1
    while produced < size:
        for quad in local:
            if produced >= size:
                return
            yield _renamed(quad, copy)
            produced += 1
        copy += 1


def _renamed(quad: ox.Quad, copy: int) -> ox.Quad:
    """``quad`` in copy ``copy``; the very same object when every term is shared."""
    terms = (quad.subject, quad.object, quad.graph_name)
    renamed = [_term(t, copy) for t in terms]
    if all(a is b for a, b in zip(terms, renamed, strict=True)):
        return quad
    return ox.Quad(renamed[0], quad.predicate, renamed[1], renamed[2])  # type: ignore[arg-type]


def _term(term: object, copy: int) -> object:
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
        local = term.value[len(ID) :]
        if not local.startswith(SHARED):
            return ox.NamedNode(f"{ID}c{copy}/{local}")
    return term
