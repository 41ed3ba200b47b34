"""SHACL validation of a streamed dataset in parts of bounded size, with the report :func:`validate` gives
on the whole union.

rudof's memory and time grow faster than the data (156k triples: 4 s and 1.7 GB; 624k: 49 s and 6.4 GB),
so a build of 10,000 to 100,000 documents (1.5 to 15 million triples) is validated in parts of at most
``part_size`` triples. Splitting *by subject* is sound for ``ontology/shapes.ttl``:

- every ``sh:path`` is a single predicate (no inverse or sequence path) and no ``sh:node`` follows a value,
  so the results about a focus node depend on its own triples only, all of which one part holds;
- ``sh:class`` looks at the value's ``rdf:type`` (and the ontology's ``rdfs:subClassOf``, which
  :mod:`graph.validate` merges into every part), so a part also carries the types of the IRIs its triples
  point to, from an index of every type seen.

Copied as they are, those types would make outside nodes targets without their properties ("needs exactly
one oa:start"), and rudof would spend most of its time on results to throw away. So they are copied as
*shadow* classes (``validate_serialized(..., shadow=True)``: every ``sh:class C`` of the shapes checks
``shadow_class(C)``, whose subclass axioms and instances mirror the ontology's), which no shape targets.
A part keeps only the results whose focus is one of its own subjects. Results about a node of the
ontology or the schemes that no data triple has as subject would come from every part; they are computed
once, on the ontology alone (there are none with the current files).

The stream is one named graph at a time (:meth:`PartValidator.add`); ``local`` names what only that graph
states: a source graph's spans, selectors, signatures and recipients carry its 16-hex key. Everything is
written to a temporary folder as N-Triples text as it arrives, the local triples in arrival order and the
others in buckets by subject, so memory holds the type index and one part at a time. The parts are
validated in :meth:`PartValidator.finish`, when every type is known: a span of a source graph points to a
body or a document typed only in the corpus graph, which comes last.

``local`` is a hint, checked: a subject that contains the key but that another graph states too (the
document ``doc/text/<key>``, described in the corpus graph) is moved to the shared subjects in
:meth:`~PartValidator.finish`. Not detected: a subject that two graphs both call local (its IRI would hold
both keys). Blank nodes are refused; the build writes none (the shapes want IRIs).

>>> from rdflib import Literal, URIRef
>>> from graph.namespaces import DG, RDF
>>> source = URIRef("https://w3id.org/directive-graph/id/source/aa443ade53e89a0c")
>>> with PartValidator(part_size=2) as validator:
...     validator.add([(source, RDF.type, DG.SourceText), (source, DG.fileName, Literal("a.txt"))],
...                   local="aa443ade53e89a0c")
...     report = validator.finish()
>>> report.conforms, [v.path for v in report.results][:2]
(False, ['dcterms:format', 'dg:characterCount'])
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import TextIO

from rdflib import BNode
from rdflib.term import Node

from graph.errors import OutputError
from graph.namespaces import RDF
from graph.validate import (
    ENGINES,
    Engine,
    ValidationReport,
    Violation,
    ntriples_term,
    shadow_class,
    validate_serialized,
)
from graph.workers import jobs_for, worker_pool

__all__ = ["PartValidator"]

Triple = tuple[Node, Node, Node]

#: Files the triples of shared subjects are spread over, by a hash of the subject, so that finish() can
#: gather a subject's triples one bucket at a time.
BUCKETS = 64
_RDF_TYPE = ntriples_term(RDF.type)


class PartValidator:
    """Validate named graphs handed over one at a time, in parts of at most ``part_size`` triples (not
    counting the ``rdf:type`` triples copied in for the objects), with ``engine`` ("rudof" or "pyshacl"),
    in ``jobs`` worker processes (None: one per core; 1: in this process).

    Use it as a context manager, or call :meth:`finish` (or :meth:`close`), to remove its temporary folder.
    """

    def __init__(self, *, part_size: int = 150_000, engine: Engine = "rudof", jobs: int | None = 1) -> None:
        if part_size < 1:
            raise ValueError(f"part_size must be at least 1, not {part_size}")
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self.part_size, self.engine = part_size, engine
        self.jobs = jobs_for(jobs)
        self.parts = 0  # how many parts finish() validated
        self._folder = tempfile.TemporaryDirectory(prefix="directives-validate-")
        root = Path(self._folder.name)
        self._local_path = root / "local.nt"
        self._bucket_paths = [root / f"shared-{n:02d}.nt" for n in range(BUCKETS)]
        self._local: TextIO = self._local_path.open("w", encoding="utf-8")
        self._buckets: list[TextIO] = [p.open("w", encoding="utf-8") for p in self._bucket_paths]
        self._types: dict[str, tuple[str, ...]] = {}  # "<iri>" -> the shadows of its classes, "<class>"
        self._shadows: dict[str, str] = {}  # "<class>" -> "<its shadow>"
        self._terms: dict[Node, str] = {}  # predicates, written once
        # Results on the ontology alone, and which of their focus nodes the data states triples about.
        self._alone = validate_serialized("", "ntriples", engine=engine).results
        self._alone_foci = {f"<{v.focus}>" for v in self._alone}
        self._alone_stated: set[str] = set()
        self._open = True

    def __enter__(self) -> PartValidator:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def add(self, triples: Iterable[Triple], local: str | None = None) -> None:
        """One named graph. Triples whose subject IRI contains ``local`` (a source's 16-hex key) are this
        graph's own and are kept together; the others are gathered by subject with every other graph's.

        Raises :class:`ValueError` on a blank node, and after :meth:`finish`.
        """
        self._check_open()
        mine: list[str] = []
        for triple in triples:
            subject, line = self._line(triple)
            if local and local in subject:
                mine.append(line)
            else:
                self._buckets[_bucket(subject)].write(line)
        if mine:
            mine.append("\n")  # a blank line ends the graph
            self._local.write("".join(mine))

    def finish(self) -> ValidationReport:
        """Validate everything added, part by part, and return the report of the whole: the results
        sorted by focus, path and message, ``conforms`` when there are none. ``text`` lists them in the
        form :func:`~graph.validate.validate` gives with rudof (pySHACL's own listing is not combined).
        """
        self._check_open()
        try:
            self._local.close()
            for handle in self._buckets:
                handle.close()
            shared = self._shared_subjects()
            parts = _packed(chain(self._local_groups(shared), self._shared_groups()), self.part_size)
            found = self._check(self._part(lines) for lines in parts)
            found.extend(v for v in self._alone if f"<{v.focus}>" not in self._alone_stated)
        finally:
            self.close()
        results = tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message)))
        lines = [f"Validation Report ({self.engine})\nConforms: {not results}", *(str(v) for v in results)]
        return ValidationReport(conforms=not results, results=results, text="\n".join(lines))

    def close(self) -> None:
        """Remove the temporary folder (finish() does so itself)."""
        if self._open:
            self._open = False
            self._local.close()
            for handle in self._buckets:
                handle.close()
            self._folder.cleanup()

    # --- adding --------------------------------------------------------------------------------------------

    def _check_open(self) -> None:
        if not self._open:
            raise ValueError("this PartValidator is finished; make a new one.")

    def _line(self, triple: Triple) -> tuple[str, str]:
        s, p, o = triple
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise ValueError(f"blank node in ({s.n3()} {p.n3()} {o.n3()}): skolemize the data first.")
        subject, obj = s.n3(), ntriples_term(o)
        predicate = self._terms.get(p)
        if predicate is None:
            predicate = self._terms[p] = ntriples_term(p)
        if predicate == _RDF_TYPE:
            known = self._types.get(subject, ())
            shadow = self._shadows.get(obj)
            if shadow is None:
                shadow = self._shadows[obj] = sys.intern(f"<{shadow_class(obj[1:-1])}>")
            if shadow not in known:
                self._types[subject] = (*known, shadow)
        if subject in self._alone_foci:
            self._alone_stated.add(subject)
        return subject, f"{subject} {predicate} {obj} .\n"

    # --- finishing -----------------------------------------------------------------------------------------

    def _check(self, parts: Iterator[tuple[str, str]]) -> list[Violation]:
        """Validate the parts, in ``jobs`` worker processes when there are several parts (a few at a time,
        so that memory holds a few parts only)."""
        found: list[Violation] = []
        first = list(islice(parts, 2))
        if self.jobs == 1 or len(first) < 2:
            for lines, types in chain(first, parts):
                found.extend(_check_part(lines, types, self.engine))
            return found
        try:
            with worker_pool(self.jobs, fresh=True) as pool:
                waiting: deque[Future[list[Violation]]] = deque()
                for lines, types in chain(first, parts):
                    waiting.append(pool.submit(_check_part, lines, types, self.engine))
                    while len(waiting) > 2 * self.jobs:
                        found.extend(waiting.popleft().result())
                while waiting:
                    found.extend(waiting.popleft().result())
        except BrokenProcessPool as exc:
            raise OutputError(
                "a validation worker process stopped before it could finish.",
                hint="When you call directive-graph from a Python script, put the call under "
                '`if __name__ == "__main__":` (workers start afresh and import the script), or pass jobs=1.',
            ) from exc
        return found

    def _shared_subjects(self) -> set[str]:
        subjects: set[str] = set()
        for path in self._bucket_paths:
            with path.open(encoding="utf-8") as lines:
                subjects.update(line[: line.index(" ")] for line in lines)
        return subjects

    def _local_groups(self, shared: set[str]) -> Iterator[list[str]]:
        """The local triples, one group per subject; a subject that is also shared goes to its bucket."""
        moved = [p.open("a", encoding="utf-8") for p in self._bucket_paths]
        try:
            with self._local_path.open(encoding="utf-8") as lines:
                graph: dict[str, list[str]] = {}
                for line in lines:
                    if line != "\n":
                        graph.setdefault(line[: line.index(" ")], []).append(line)
                        continue
                    for subject, group in graph.items():
                        if subject in shared:
                            moved[_bucket(subject)].write("".join(group))
                        else:
                            yield group
                    graph = {}
        finally:
            for handle in moved:
                handle.close()

    def _shared_groups(self) -> Iterator[list[str]]:
        """The shared triples, one group per subject, each triple once (two sources may state it)."""
        for path in self._bucket_paths:
            by_subject: dict[str, dict[str, None]] = {}
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    by_subject.setdefault(line[: line.index(" ")], {})[line] = None
            for group in by_subject.values():
                yield list(group)

    def _part(self, lines: list[str]) -> tuple[str, str]:
        """One part: its triples, and the (shadow) types of the IRIs they point to."""
        self.parts += 1
        objects = set()
        for line in lines:
            end = line.index(" ")
            objects.add(line[line.index(" ", end + 1) + 1 : -3])  # the rest before " .\n"
        types = self._types
        return "".join(lines), "".join(
            f"{o} {_RDF_TYPE} {c} .\n" for o in objects if o[0] == "<" for c in types.get(o, ())
        )


def _check_part(lines: str, types: str, engine: Engine) -> list[Violation]:
    """Validate a part (in a worker when there are several); the results about its own subjects."""
    subjects = {line[1 : line.index(" ") - 1] for line in lines.splitlines()}  # "<iri>" -> Violation.focus
    report = validate_serialized(lines + types, "ntriples", engine=engine, shadow=True)
    return [v for v in report.results if v.focus in subjects]


def _bucket(subject: str) -> int:
    return zlib.crc32(subject.encode("utf-8")) % BUCKETS


def _packed(groups: Iterable[list[str]], size: int) -> Iterator[list[str]]:
    """Groups joined into parts of at most ``size`` lines; a group larger than that is a part alone."""
    part: list[str] = []
    for group in groups:
        if part and len(part) + len(group) > size:
            yield part
            part = []
        part.extend(group)
    if part:
        yield part
