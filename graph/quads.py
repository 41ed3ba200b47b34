"""An in-memory RDF dataset made for building: named graphs of rdflib terms, kept in insertion order, with
only the lookups the builder and the projection need.

rdflib's ``Dataset`` costs ~20 µs a statement to add (its memory store keeps three indexes and a context
map per triple) and as much again to iterate; a 100,000-document corpus holds some fifteen million
statements. Here a graph is a dict of triples (insertion order, no duplicates) and the dataset keeps one
index, subject and predicate to objects, over the union, which is what ``value`` and ``objects`` need.
``subjects`` builds a predicate-object index the first time it is called.

Most subject-predicate pairs have one object, held by one graph: the index keeps that object itself, and
a dict of objects (with how many graphs hold each) only for the others. A dict per pair cost some 200
bytes a statement more, half a gigabyte at 100,000 documents.

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> ds = QuadSet()
>>> doc, g = URIRef("https://example.org/doc"), URIRef("https://example.org/g")
>>> ds.graph(g).add((doc, RDFS.label, Literal("Nghị quyết 18-NQ/TW", lang="vi")))
>>> str(ds.value(doc, RDFS.label))
'Nghị quyết 18-NQ/TW'
>>> len(ds), [str(name) for name in ds.graph_names()]
(1, ['https://example.org/g'])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypeAlias

from rdflib import Dataset, URIRef
from rdflib.term import Node

from graph.namespaces import RDF

__all__ = ["GraphSink", "QuadSet", "Triple", "TripleSink"]

Triple: TypeAlias = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """What the builder writes to: a :class:`GraphSink`, or an rdflib ``Graph``."""

    def add(self, triple: Triple, /) -> object: ...

    def __contains__(self, triple: Triple, /) -> bool: ...


class GraphSink:
    """One named graph of a :class:`QuadSet`: ``add``, ``remove`` by pattern and triple membership."""

    __slots__ = ("_owner", "identifier", "triples_")

    def __init__(self, owner: QuadSet, identifier: URIRef) -> None:
        self._owner, self.identifier = owner, identifier
        self.triples_: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        if triple not in self.triples_:
            self.triples_[triple] = None
            self._owner._indexed(triple, +1)

    @property
    def dataset(self) -> QuadSet:
        return self._owner

    def __contains__(self, triple: Triple) -> bool:
        return triple in self.triples_

    def __len__(self) -> int:
        return len(self.triples_)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples_)

    def remove(self, pattern: tuple[Node | None, Node | None, Node | None]) -> None:
        """Remove the triples matching ``pattern`` (None matches anything)."""
        s, p, o = pattern
        gone = [
            t
            for t in self.triples_
            if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o)
        ]
        for triple in gone:
            del self.triples_[triple]
            self._owner._indexed(triple, -1)


class _Many(dict[Node, int]):
    """The objects of a subject-predicate pair that has several, or one that several graphs hold: each
    with the number of graphs holding the statement."""

    __slots__ = ()


def _counts(found: Node | _Many) -> _Many:
    """The objects of an index entry, with their counts (a lone object: held once)."""
    return found if isinstance(found, _Many) else _Many({found: 1})


class QuadSet:
    """Named graphs of triples, read as their union (as an rdflib ``Dataset(default_union=True)``)."""

    def __init__(self) -> None:
        self._graphs: dict[URIRef, GraphSink] = {}
        # (s, p) -> o, when (s, p, o) is the pair's one statement and one graph holds it; else
        # {o: number of graphs holding (s, p, o)}
        self._sp: dict[tuple[Node, Node], Node | _Many] = {}
        self._po: dict[tuple[Node, Node], dict[Node, None]] | None = None

    # --- writing -------------------------------------------------------------------------------------------
    def graph(self, name: URIRef) -> GraphSink:
        found = self._graphs.get(name)
        if found is None:
            found = self._graphs[name] = GraphSink(self, name)
        return found

    def _indexed(self, triple: Triple, change: int) -> None:
        s, p, o = triple
        key = (s, p)
        found = self._sp.get(key)
        if found is None:
            if change < 0:
                return
            self._sp[key] = o
            count = 1
        elif not isinstance(found, _Many) and found != o:
            if change < 0:
                return
            self._sp[key] = _Many({found: 1, o: 1})
            count = 1
        elif not isinstance(found, _Many):  # the lone statement, held once: now twice, or by none
            count = 1 + change
            if count > 0:
                self._sp[key] = _Many({o: count})
            else:
                del self._sp[key]
        else:
            count = found.get(o, 0) + change
            if count > 0:
                found[o] = count
            else:
                found.pop(o, None)
            if not found:
                del self._sp[key]
            elif len(found) == 1 and next(iter(found.values())) == 1:  # back to a lone statement
                self._sp[key] = next(iter(found))
        if self._po is not None:
            if count > 0:
                self._po.setdefault((p, o), {})[s] = None
            else:
                self._po.get((p, o), {}).pop(s, None)

    def drop(self, name: URIRef) -> None:
        """Let a named graph go (a build does so once it has written and projected a source's graph)."""
        sink = self._graphs.pop(name, None)
        if sink is not None:
            for triple in sink:
                self._indexed(triple, -1)
            sink.triples_.clear()

    # --- reading -------------------------------------------------------------------------------------------
    def graph_names(self) -> list[URIRef]:
        return sorted(self._graphs)

    def graphs(self) -> Iterator[GraphSink]:
        """The graphs in IRI order."""
        return (self._graphs[name] for name in self.graph_names())

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for sink in self.graphs():
            for s, p, o in sink:
                yield s, p, o, sink.identifier

    def triples(
        self, pattern: tuple[Node | None, Node | None, Node | None] = (None, None, None)
    ) -> Iterator[Triple]:
        """The union's triples matching ``pattern``, each once."""
        s, p, o = pattern
        if s is not None and p is not None:
            for obj in self.objects(s, p):
                if o is None or obj == o:
                    yield s, p, obj
            return
        seen: set[Triple] = set()
        for sink in self._graphs.values():
            for t in sink:
                matches = (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o)
                if matches and t not in seen:
                    seen.add(t)
                    yield t

    def __contains__(self, triple: Triple) -> bool:
        s, p, o = triple
        found = self._sp.get((s, p))
        if found is None:
            return False
        return o in found if isinstance(found, _Many) else found == o

    def __len__(self) -> int:
        """The number of distinct triples in the union."""
        return sum(len(found) if isinstance(found, _Many) else 1 for found in self._sp.values())

    def objects(self, subject: Node | None, predicate: Node) -> Iterator[Node]:
        found = None if subject is None else self._sp.get((subject, predicate))
        if found is None:
            return iter(())
        return iter(list(found) if isinstance(found, _Many) else (found,))

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        """One object of ``subject predicate`` (the least, so that the answer does not depend on order)."""
        if subject is None:
            return None
        found = self._sp.get((subject, predicate))
        if not isinstance(found, _Many):
            return found
        return next(iter(found)) if len(found) == 1 else min(found, key=_order)

    def subjects(self, predicate: Node, object: Node) -> Iterator[Node]:
        if self._po is None:
            self._po = {}
            for (s, p), found in self._sp.items():
                for o in _counts(found):
                    self._po.setdefault((p, o), {})[s] = None
        return iter(list(self._po.get((predicate, object), ())))

    def others_state(self, subject: Node, triples: Sequence[Triple]) -> bool:
        """Whether some graph other than the one holding ``triples`` (all about ``subject``, each once)
        states something about ``subject``: one of those triples, another object for one of their
        predicates, or an ``rdf:type``. (A statement of another predicate alone is not seen: without a
        subject index that would mean scanning; :class:`~graph.validate_parts.PartValidator` checks for it
        at the end.)"""
        predicates = {p for _, p, _ in triples}
        predicates.add(RDF.type)
        held = 0
        for predicate in predicates:
            found = self._sp.get((subject, predicate))
            if found is None:
                continue
            if not isinstance(found, _Many):
                held += 1
                continue
            if any(count > 1 for count in found.values()):
                return True
            held += len(found)
        return held > len(triples)

    def count_subjects(self, predicate: Node) -> int:
        """How many distinct subjects have ``predicate`` (for build reports)."""
        return len({s for (s, p) in self._sp if p == predicate})

    def to_dataset(self) -> Dataset:
        """An rdflib Dataset (union as default graph) holding the same named graphs."""
        from graph.namespaces import bind_prefixes

        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        for sink in self.graphs():
            dataset.graph(sink.identifier).addN((s, p, o, dataset.graph(sink.identifier)) for s, p, o in sink)
        return dataset


def _order(node: Node) -> tuple[int, str]:
    return (0 if isinstance(node, URIRef) else 1, str(node))
