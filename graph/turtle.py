"""A linear, deterministic Turtle and TriG writer for built graphs.

rdflib's serialiser computes a prefixed name for every IRI and keeps each distinct namespace it meets in
a trie it scans linearly: with one namespace per evidence span (``.../span/<sha>/<start>-<end>/``) writing
becomes quadratic (a text citing 1,000 documents took 7 s to write, 10,000 did not finish). This writer
sorts each named graph and writes each subject's statements as a block, abbreviating IRIs only with the
project's prefixes and only where the local name is a plain Turtle name; a build streams the named graphs
through :class:`DatasetWriter` one at a time. The output parses back to the same graph.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> nq18 = URIRef("https://w3id.org/directive-graph/id/doc/tw/xii/nq-18")
>>> _ = g.add((nq18, RDFS.label, Literal("Nghị quyết 18-NQ/TW", lang="vi")))
>>> print(turtle(g).decode().splitlines()[-1])
<https://w3id.org/directive-graph/id/doc/tw/xii/nq-18> rdfs:label "Nghị quyết 18-NQ/TW"@vi .
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import BinaryIO

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespaces import RDF, XSD
from graph.quads import QuadSet

__all__ = ["DatasetWriter", "dataset_order", "local_key", "trig", "turtle"]

# A local name that needs no escaping in a prefixed name. Example: "dateIssued", "QĐi", "do_not_replicate".
_LOCAL = re.compile(r"[A-Za-z_\u00c0-\u024f\u1e00-\u1eff][\w\u00c0-\u024f\u1e00-\u1eff-]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')
# Characters an IRIREF may not hold, written as UCHAR escapes. Example: a curated URL with a space.
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _key(node: Node) -> str:
    """A sort key for any term (``n3()`` refuses IRIs that are not valid; this never does)."""
    if isinstance(node, Literal):
        return f"1{node}\x00{node.language or ''}\x00{node.datatype or ''}"
    return f"0{node}"


def _prefixes() -> list[tuple[str, str]]:
    from graph.namespaces import bind_prefixes

    probe = Graph(bind_namespaces="none")
    bind_prefixes(probe)
    # longest namespace first, so that ".../scheme/level/" wins over a shorter one that also matches
    return sorted(((p, str(ns)) for p, ns in probe.namespaces() if p), key=lambda x: (-len(x[1]), x[0]))


_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_NL, _NL_INDENTED, _BETWEEN = "\n", "\n    ", "\n\n"  # a blank line between two blocks


def _first(item: tuple[tuple[str, str], object]) -> str:
    return item[0][0]


def _predicate_key(row: tuple[bool, str, str, str, str]) -> str:
    return row[1]


class _Writer:
    """Writes terms and subject blocks. A term's sort key and written form are computed once and kept
    (keyed by its plain string: rdflib terms hash in Python, plain strings in C) until :meth:`forget`."""

    def __init__(self) -> None:
        self.prefixes = _prefixes()
        self.used: set[str] = set()
        self._iris: dict[str, tuple[str, str]] = {}  # IRI -> (sort key, written form)

    def forget(self, keep: int = 100_000) -> None:
        """Let the cache go once it holds more than ``keep`` IRIs (a streamed dataset's spans are
        written once each, and must not pile up)."""
        if len(self._iris) > keep:
            self._iris.clear()

    def iri(self, term: URIRef) -> str:
        text = str(term)
        if text == _TYPE:
            return "a"
        return self._iri(text)[1]

    def _iri(self, text: str) -> tuple[str, str]:
        found = self._iris.get(text)
        if found is None:
            found = self._iris[text] = ("0" + text, self._written(text))
        return found

    def _written(self, text: str) -> str:
        for prefix, ns in self.prefixes:
            if text.startswith(ns) and _LOCAL.fullmatch(text[len(ns) :]):
                self.used.add(prefix)
                return f"{prefix}:{text[len(ns) :]}"
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text) + ">"

    def key_and_text(self, node: Node) -> tuple[str, str]:
        if type(node) is URIRef:
            return self._iri(str(node))
        if isinstance(node, Literal):
            return _key(node), self.literal(node)
        if isinstance(node, URIRef):
            return self._iri(str(node))
        if isinstance(node, BNode):
            return "0" + str(node), f"_:{node}"
        raise TypeError(f"cannot write {node!r}")

    def term(self, node: Node) -> str:
        return self.key_and_text(node)[1]

    def literal(self, node: Literal) -> str:
        text = str(node)
        quoted = '"' + (_NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)) + '"'
        if node.language:
            return f"{quoted}@{node.language}"
        datatype = node.datatype
        if datatype is not None and str(datatype) != _XSD_STRING:
            return f"{quoted}^^{self._iri(str(datatype))[1]}"
        return quoted

    def blocks(self, triples: Iterable[tuple[Node, Node, Node]], indent: str = "") -> Iterator[str]:
        """One block per subject: ``s p o1, o2 ; p2 o3 .``, predicates with rdf:type first. ``triples``
        must hold each statement once.

        Subjects come in the order of their sort keys, each subject's statements in the order of (not
        rdf:type, predicate key, object key); distinct terms have distinct keys, so this is one order for
        any order of ``triples``."""
        cell = self.key_and_text
        by_subject: dict[Node, list[tuple[Node, Node]]] = {}
        for s, p, o in triples:
            found = by_subject.get(s)
            if found is None:
                by_subject[s] = [(p, o)]
            else:
                found.append((p, o))
        subjects = sorted(((cell(s), pairs) for s, pairs in by_subject.items()), key=_first)
        typed_key = "0" + _TYPE
        between = f" ;\n{indent}    "
        for (_, subject), pairs in subjects:
            rows = []
            for p, o in pairs:
                kp, tp = cell(p)
                ko, to = cell(o)
                typed = kp == typed_key
                rows.append((not typed, kp, ko, "a" if typed else tp, to))
            rows.sort()
            lines = []
            for _, same in groupby(rows, key=_predicate_key):
                items = list(same)
                values = ", ".join(r[4] for r in items)
                lines.append(f"{items[0][3]} {values}")
            yield f"{indent}{subject} " + between.join(lines) + " ."

    def chunked_blocks(
        self, triples: Sequence[tuple[Node, Node, Node]], indent: str = "", size: int = 100_000
    ) -> Iterator[str]:
        """What :meth:`blocks` yields, formatting about ``size`` statements at a time (whole subjects,
        in subject order), so that a large graph (the corpus graph: millions of statements at 100,000
        documents) is never formatted whole in memory."""
        if len(triples) <= size:
            yield from self.blocks(triples, indent)
            return
        by_subject: dict[Node, list[tuple[Node, Node, Node]]] = {}
        for triple in triples:
            by_subject.setdefault(triple[0], []).append(triple)
        chunk: list[tuple[Node, Node, Node]] = []
        for subject in sorted(by_subject, key=lambda node: self.key_and_text(node)[0]):
            chunk.extend(by_subject.pop(subject))
            if len(chunk) >= size:
                yield from self.blocks(chunk, indent)
                chunk = []
        if chunk:
            yield from self.blocks(chunk, indent)


def turtle(graph: Graph | QuadSet) -> bytes:
    """The graph as Turtle; a dataset (an rdflib ``Dataset`` or a :class:`~graph.quads.QuadSet`) as the
    union of its named graphs, laid out as the build writes it (:func:`dataset_order`)."""
    out = io.BytesIO()
    writer = DatasetWriter(None, out)
    for name, triples in _named_graphs(graph):
        writer.add(name, triples, local=local_key(name))
    return out.getvalue()


def trig(quads: Iterable[tuple[Node, Node, Node, URIRef]]) -> bytes:
    """Quads as TriG, one ``<graph> { ... }`` block per named graph, in :func:`dataset_order`."""
    groups: dict[URIRef, set[tuple[Node, Node, Node]]] = {}
    for s, p, o, name in quads:
        groups.setdefault(name, set()).add((s, p, o))
    out = io.BytesIO()
    writer = DatasetWriter(out, None)
    for name in dataset_order(groups):
        writer.add(name, groups[name])
    return out.getvalue()


def _named_graphs(graph: Graph | QuadSet) -> list[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]]:
    if isinstance(graph, QuadSet):
        return [(name, graph.graph(name)) for name in dataset_order(graph.graph_names())]
    if isinstance(graph, Dataset):
        groups: dict[URIRef, set[tuple[Node, Node, Node]]] = {}
        for s, p, o, c in graph.quads((None, None, None, None)):
            name = URIRef(str(getattr(c, "identifier", c)))
            groups.setdefault(name, set()).add((s, p, o))
        return [(name, groups[name]) for name in dataset_order(groups)]
    return [(URIRef(str(graph.identifier)), set(graph))]


def dataset_order(names: Iterable[URIRef]) -> list[URIRef]:
    """The order a build writes named graphs in: the source texts' graphs (in IRI order, which is the
    order of their hashes), then the others (corpus, curation) in IRI order."""
    return sorted(names, key=lambda name: (local_key(name) is None, str(name)))


def local_key(name: URIRef) -> str | None:
    """The source hash of a source text's graph (``.../graph/source/<16 hex>``); None for other graphs."""
    head, _, key = str(name).rpartition("/")
    return key if head.endswith("/graph/source") else None


class _Buffered:
    """Text gathered and written to a binary file (UTF-8) a few thousand pieces at a time; no file, no
    writing (false then)."""

    __slots__ = ("file", "pieces")

    def __init__(self, file: BinaryIO | None) -> None:
        self.file, self.pieces = file, list[str]()

    def __bool__(self) -> bool:
        return self.file is not None

    def write(self, text: str) -> None:
        if self.file is not None:
            self.pieces.append(text)
            if len(self.pieces) >= 4096:
                self.flush()

    def flush(self) -> None:
        if self.file is not None and self.pieces:
            self.file.write("".join(self.pieces).encode())
            self.pieces.clear()


class DatasetWriter:
    """TriG (the named graphs) and Turtle (their union) written one named graph at a time, so that a
    build never holds more than one source's graph: ``add(name, triples, local)`` for each graph, then
    ``close()``. Graphs come out in the order they are added, each sorted; the header declares every
    project prefix (it is written before the graphs are known).

    In the Turtle union a statement held by two graphs is written once. Only statements that mention
    neither the graph's own ``local`` key (the source's hash, which is part of its spans', signatures'
    and recipients' IRIs) are remembered for that, so memory grows with the shared statements only, and
    each as a 16-byte BLAKE2b digest of its text (300,000 statements at 10,000 documents: 63 MB as text,
    23 MB as digests; two of 3 million statements share a digest with odds of about 10^-26).
    """

    def __init__(self, trig_file: BinaryIO | None, turtle_file: BinaryIO | None) -> None:
        self.writer = _Writer()
        self.trig, self.turtle = trig_file, turtle_file
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.writer.prefixes)) + "\n"
        for file in (self.trig, self.turtle):
            if file is not None:
                file.write(header.encode())
        self._shared: set[bytes] = set()
        self._first = True
        #: distinct statements written to the Turtle union
        self.triples = 0

    def add(self, name: URIRef, triples: Iterable[tuple[Node, Node, Node]], local: str | None = None) -> None:
        group = list(triples)
        if not group:
            return
        separator = "" if self._first else "\n"
        union = [t for t in group if self._first_time(t, local)]
        trig = _Buffered(self.trig)
        turtle = _Buffered(self.turtle if union else None)
        trig.write(f"{separator}{self.writer.term(name)} {{\n")
        # Most graphs (a source's) hold no statement written before: their Turtle blocks are their TriG
        # blocks, indented (no block holds a raw line break: literals and IRIs escape them). Blocks are
        # written as they are made, a slice of the graph at a time.
        if len(union) == len(group):
            for i, block in enumerate(self.writer.chunked_blocks(group)):
                between = _BETWEEN if i else ""
                trig.write(f"{between}    {block.replace(_NL, _NL_INDENTED)}")
                turtle.write(f"{between or separator}{block}")
        else:
            for i, block in enumerate(self.writer.chunked_blocks(group, indent="    ") if trig else ()):
                trig.write((_BETWEEN if i else "") + block)
            for i, block in enumerate(self.writer.chunked_blocks(union) if turtle else ()):
                turtle.write((_BETWEEN if i else separator) + block)
        trig.write("\n}\n")
        turtle.write("\n")
        trig.flush()
        turtle.flush()
        self.triples += len(union)
        self._first = False
        self.writer.forget()

    def close(self) -> None:
        """Let go of the statements remembered for the union: nothing more is written."""
        self._shared = set()
        self.writer.forget(0)

    def _first_time(self, triple: tuple[Node, Node, Node], local: str | None) -> bool:
        s, p, o = triple
        if local is not None and (local in str(s) or local in str(o)):
            return True
        term = self.writer.term
        key = hashlib.blake2b(f"{term(s)} {term(p)} {term(o)}".encode(), digest_size=16).digest()
        if key in self._shared:
            return False
        self._shared.add(key)
        return True
