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
made once every type is known (a span of a source graph points to a body or a document typed only in the
corpus graph, which comes last): by :meth:`PartValidator.submit_rest`, which hands them to the workers as
files while a build goes on, or else by :meth:`PartValidator.finish`.

*Early parts.* A build can say more: with ``dataset`` (what the build holds so far, a
:class:`~graph.quads.QuadSet`), a source graph's local subjects that no other graph states are validated
as soon as their graph is added (in the workers, while the build goes on), with the types the dataset
gives the IRIs they point to. The types of the IRIs an early part pointed to outside its graph are kept,
and so are the blocks' places in the local file; :meth:`~PartValidator.finish` checks that no type
changed later and that no later graph stated anything about an early subject. If either happened (a build
never does so; a caller might), the early results are dropped and everything is validated at the end as
without ``dataset``: the report never depends on it. Only the types of shared subjects are indexed in
memory; the types of early subjects that shared triples point to (``dg:mention`` -> span) travel beside
those triples in their bucket (*hint* lines).

``local`` is a hint, checked: a subject that contains the key but that another graph states too (the
document ``doc/text/<key>``, described in the corpus graph) is moved to the shared subjects in
:meth:`~PartValidator.finish`. Not detected: a subject that two graphs both call local (its IRI would hold
both keys). Blank nodes are refused; the build writes none (the shapes want IRIs).

*Parts kept between builds.* With ``cache`` (a :class:`~graph.validate_cache.PartResults`), a part whose
text was validated before is not validated again. For a rebuild to make the same parts, a part ends where
its content says: after a source graph (early parts) or a subject group (the others) that
:func:`ends_part` chooses by a hash of its name, once the part holds a quarter of ``part_size`` (or when the
next would not fit); the shared groups come sorted, each subject's lines sorted, so the order the graphs
came in does not matter. An edited source (its graph takes a new place, named by the new hash) changes the
parts around its old and new places and those holding the shared subjects it speaks of: the two rebuilds
cut at the same group again at the first group chosen after both are a quarter full.

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

import re
import sys
import tempfile
import threading
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, NoReturn, Protocol, TextIO

from rdflib import BNode, URIRef
from rdflib.term import Node

from graph.errors import OutputError
from graph.namespaces import RDF
from graph.validate import (
    ENGINES,
    Engine,
    ValidationReport,
    Violation,
    ntriples_term,
    ontology_statements,
    shadow_class,
    validate_serialized,
)
from graph.validate_cache import PartResults
from graph.workers import jobs_for, worker_pool

__all__ = ["BuildingDataset", "PartValidator", "ValidationCancelled", "ends_part"]

Triple = tuple[Node, Node, Node]

#: Files the triples of shared subjects are spread over, by a hash of the subject, so that finish() can
#: gather a subject's triples one bucket at a time.
BUCKETS = 64
_RDF_TYPE = ntriples_term(RDF.type)
#: A hint line in a bucket: ``<subject> #type <object> <rdf:type> <shadow> .`` gives the (shadow) type of
#: an early subject a shared triple of ``<subject>`` points to. A data line has an IRI where "#type" is.
_HINT = "#type "
#: A source's key in an IRI (16 hex digits).
_KEY = re.compile(r"[0-9a-f]{16}")


class ValidationCancelled(Exception):
    """:meth:`PartValidator.cancel` stopped a :meth:`~PartValidator.finish` running in another thread."""


class BuildingDataset(Protocol):
    """What :meth:`PartValidator.add` asks of the dataset a build fills (a :class:`~graph.quads.QuadSet`)."""

    def objects(self, subject: Node | None, predicate: Node) -> Iterator[Node]: ...

    def others_state(self, subject: Node, triples: Sequence[Triple]) -> bool:
        """Whether a graph other than the one holding ``triples`` (all about ``subject``) states anything
        about ``subject`` (looking at their predicates and rdf:type)."""
        ...


class PartValidator:
    """Validate named graphs handed over one at a time, in parts of at most ``part_size`` triples (not
    counting the ``rdf:type`` triples copied in for the objects), with ``engine`` ("rudof" or "pyshacl"),
    in ``jobs`` worker processes (None: one per core; 1: in this process).

    With ``cache``, results of parts validated before are reused and new ones kept (see the module's notes).

    Use it as a context manager, or call :meth:`finish` (or :meth:`close`), to remove its temporary folder.
    """

    def __init__(
        self,
        *,
        part_size: int = 150_000,
        engine: Engine = "rudof",
        jobs: int | None = 1,
        cache: PartResults | None = None,
    ) -> None:
        if part_size < 1:
            raise ValueError(f"part_size must be at least 1, not {part_size}")
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self.part_size, self.engine = part_size, engine
        self.jobs = jobs_for(jobs)
        self.parts = 0  # how many parts were validated
        self.early_parts = 0  # of which while the graphs were still being added
        self.revalidated = False  # finish() found that the early results could not stand
        self.cache = cache  # results of parts validated before (graph.validate_cache)
        self.cached_parts = 0  # parts whose results came from the cache
        self._folder = tempfile.TemporaryDirectory(prefix="directives-validate-")
        root = Path(self._folder.name)
        self._local_path = root / "local.nt"
        self._bucket_paths = [root / f"shared-{n:02d}.nt" for n in range(BUCKETS)]
        self._local: BinaryIO = self._local_path.open("wb")
        self._buckets: list[TextIO] = [p.open("w", encoding="utf-8") for p in self._bucket_paths]
        self._types: dict[str, tuple[str, ...]] = {}  # "<iri>" -> the shadows of its classes, "<class>"
        self._shadows: dict[str, str] = {}  # "<class>" -> "<its shadow>"
        self._terms: dict[Node, str] = {}  # predicates, written once
        # Results on the ontology alone, and which of their focus nodes the data states triples about.
        self._alone = validate_serialized("", "ntriples", engine=engine).results
        self._alone_foci = {f"<{v.focus}>" for v in self._alone}
        self._alone_stated: set[str] = set()
        # early parts: the part being filled, its type lines, the results found, the parts in the workers
        self._early_lines: list[str] = []
        self._early_types: set[str] = set()
        self._found: list[Violation] = []
        self._waiting: deque[tuple[str | None, Future[list[Violation]]]] = deque()  # (cache key, part)
        self._pool: ProcessPoolExecutor | None = None
        self._referred: dict[str, frozenset[str]] = {}  # "<iri>" outside its graph -> shadows it had then
        self._blocks: dict[str, tuple[int, int]] = {}  # key -> its early subjects' lines in the local file
        self._stated_elsewhere: set[str] = set()  # keyed subjects another graph also states
        self._cancelled = threading.Event()
        self._open = True
        self._adding = True  # graphs may still be added
        self._rest: list[tuple[str, str]] | None = None  # set by submit_rest(): the parts left for finish()

    def __enter__(self) -> PartValidator:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def add(
        self, triples: Iterable[Triple], local: str | None = None, dataset: BuildingDataset | None = None
    ) -> None:
        """One named graph. Triples whose subject IRI contains ``local`` (a source's 16-hex key) are this
        graph's own and are kept together; the others are gathered by subject with every other graph's.
        With ``dataset`` too, the graph's own subjects that no other graph states are validated now (see
        the module's notes on early parts).

        Raises :class:`ValueError` on a blank node, and after :meth:`submit_rest` or :meth:`finish`.
        """
        self._check_adding()
        if local and dataset is not None:
            self._add_early(triples, local, dataset)
            return
        mine: list[str] = []
        for triple in triples:
            subject, _, line = self._line(triple)
            if local and local in subject:
                mine.append(line)
            else:
                self._buckets[_bucket(subject)].write(line)
        if mine:
            mine.append("\n")  # a blank line ends the graph
            self._local.write("".join(mine).encode("utf-8"))

    def submit_rest(self) -> None:
        """Make the parts still to validate and hand them to the workers now, each written to a file of
        the temporary folder (so that memory holds one at a time); :meth:`finish` then only waits for
        their results. A build calls this as soon as the last graph is added, before it writes the corpus
        graph, projects and renders, so that the workers validate meanwhile (made by :meth:`finish` in a
        thread beside the rendering, the parts waited for the interpreter lock: at 100,000 documents a
        core stood idle for 90 s). Without workers (``jobs=1``) this does nothing and :meth:`finish`
        validates everything.

        Raises :class:`ValueError` after :meth:`finish`; no graph can be added after this."""
        self._check_open()
        if self._rest is not None or self.jobs == 1:
            self._adding = False
            return
        self._rest = []
        parts = self._remaining_parts()
        first = list(islice(parts, 2))
        if len(first) < 2 and self._pool is None:  # a small build does not wait for workers to start
            self._rest = first
            return
        for number, (text, types) in enumerate(chain(first, parts)):
            self._validate(text, types, here=False, spill=Path(self._folder.name) / f"part-{number}")

    def finish(self) -> ValidationReport:
        """Validate everything added, part by part, and return the report of the whole: the results
        sorted by focus, path and message, ``conforms`` when there are none. ``text`` lists them in the
        form :func:`~graph.validate.validate` gives with rudof (pySHACL's own listing is not combined).
        """
        self._check_open()
        try:
            if self._rest is None:
                parts = self._remaining_parts()
                first = list(islice(parts, 2))
                here = self.jobs == 1 or (len(first) < 2 and self._pool is None)
                for text, types in chain(first, parts):
                    self._validate(text, types, here=here)
            for text, types in self._rest or ():
                self._validate(text, types, here=True)
            self._collect(wait=True)
            found = [*self._found, *(v for v in self._alone if f"<{v.focus}>" not in self._alone_stated)]
        finally:
            self.close()
        results = tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message)))
        lines = [f"Validation Report ({self.engine})\nConforms: {not results}", *(str(v) for v in results)]
        return ValidationReport(conforms=not results, results=results, text="\n".join(lines))

    def _remaining_parts(self) -> Iterator[tuple[str, str]]:
        """The early part still being filled is validated; the parts of everything else, made lazily."""
        self._adding = False
        if self._early_lines:
            self._submit(last=True)
        self._local.close()
        for handle in self._buckets:
            handle.close()
        shared = self._shared_subjects()
        self._collect(wait=True)
        groups: Iterable[list[str]] = self._shared_groups()
        if self._blocks and not self._early_results_stand(shared):
            # validate everything again, as if no part had been validated early
            self.revalidated = True
            self._found = []
            self._index_local_types()
        if not self._blocks or self.revalidated:
            groups = chain(self._local_groups(shared), groups)
        return (self._part(lines) for lines in _packed(groups, self.part_size))

    def cancel(self) -> None:
        """Make a :meth:`finish` that runs in another thread stop at its next part (it raises
        :class:`ValidationCancelled`), so that a build that failed meanwhile need not wait for it."""
        self._cancelled.set()

    def close(self) -> None:
        """Remove the temporary folder and stop the workers (finish() does so itself)."""
        if self._open:
            self._open = False
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
            self._local.close()
            for handle in self._buckets:
                handle.close()
            self._folder.cleanup()

    # --- adding --------------------------------------------------------------------------------------------

    def _check_open(self) -> None:
        if not self._open:
            raise ValueError("this PartValidator is finished; make a new one.")

    def _check_adding(self) -> None:
        self._check_open()
        if not self._adding:
            raise ValueError("the parts are made (submit_rest); no graph can be added now.")

    def _check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise ValidationCancelled("the validation was cancelled")

    def _text(self, triple: Triple) -> tuple[str, str, str]:
        """(subject, predicate, object) as N-Triples terms."""
        if isinstance(triple[0], BNode):
            self._refuse_blank(triple)
        return (triple[0].n3(), *self._predicate_object(triple))

    def _predicate_object(self, triple: Triple) -> tuple[str, str]:
        """(predicate, object) as N-Triples terms, of a triple whose subject is an IRI."""
        _, p, o = triple
        if isinstance(o, BNode):
            self._refuse_blank(triple)
        predicate = self._terms.get(p)
        if predicate is None:
            predicate = self._terms[p] = ntriples_term(p)
        return predicate, ntriples_term(o)

    @staticmethod
    def _refuse_blank(triple: Triple) -> NoReturn:
        s, p, o = triple
        raise ValueError(f"blank node in ({s.n3()} {p.n3()} {o.n3()}): skolemize the data first.")

    def _shadow(self, cls: str) -> str:
        shadow = self._shadows.get(cls)
        if shadow is None:
            shadow = self._shadows[cls] = sys.intern(f"<{shadow_class(cls[1:-1])}>")
        return shadow

    def _index_type(self, subject: str, cls: str) -> None:
        known = self._types.get(subject, ())
        shadow = self._shadow(cls)
        if shadow not in known:
            self._types[subject] = (*known, shadow)

    def _line(self, triple: Triple) -> tuple[str, str, str]:
        """(subject, object, line) of a triple that goes to the index and the files."""
        subject, predicate, obj = self._text(triple)
        if predicate == _RDF_TYPE:
            self._index_type(subject, obj)
        if subject in self._alone_foci:
            self._alone_stated.add(subject)
        return subject, obj, f"{subject} {predicate} {obj} .\n"

    def _add_early(self, triples: Iterable[Triple], key: str, dataset: BuildingDataset) -> None:
        """A source graph: its own subjects that no other graph states go to the early part at once."""
        by_subject: dict[Node, list[Triple]] = {}
        for triple in triples:
            by_subject.setdefault(triple[0], []).append(triple)
        own: dict[str, list[tuple[Triple, str, str]]] = {}  # "<s>" -> (triple, object, line)
        types: dict[str, list[str]] = {}  # "<s>" -> shadows, of the early subjects
        shared: list[Triple] = []
        for node, group in by_subject.items():
            subject = node.n3() if isinstance(node, URIRef) else ""
            if key not in subject:
                shared.extend(group)
            elif dataset.others_state(node, group):
                self._stated_elsewhere.add(subject)
                shared.extend(group)
            else:
                rows = own[subject] = []
                for triple in group:
                    predicate, obj = self._predicate_object(triple)
                    rows.append((triple, obj, f"{subject} {predicate} {obj} .\n"))
                    if predicate == _RDF_TYPE:
                        types.setdefault(subject, []).append(self._shadow(obj))
                if subject in self._alone_foci:
                    self._alone_stated.add(subject)
        for triple in shared:
            subject, obj, line = self._line(triple)
            bucket = self._buckets[_bucket(subject)]
            bucket.write(line)
            for shadow in types.get(obj, ()):
                bucket.write(f"{subject} {_HINT}{obj} {_RDF_TYPE} {shadow} .\n")
        if not own:
            return
        lines: list[str] = []
        type_lines: set[str] = set()
        for rows in own.values():
            for (_, _, o), obj, line in rows:
                lines.append(line)
                if not isinstance(o, URIRef):
                    continue
                shadows: Iterable[str] | None = types.get(obj)
                if shadows is None:  # an untyped subject of this graph has no types anywhere else
                    shadows = () if obj in own else self._referred_types(o, obj, dataset)
                type_lines.update(f"{obj} {_RDF_TYPE} {shadow} .\n" for shadow in shadows)
        start = self._local.tell()
        self._local.write(("".join(lines) + "\n").encode("utf-8"))
        self._blocks[key] = (start, self._local.tell())
        if self._early_lines and len(self._early_lines) + len(lines) > self.part_size:
            self._submit()
        self._early_lines.extend(lines)
        self._early_types.update(type_lines)
        if len(self._early_lines) >= self.part_size // 4 and ends_part(key, len(lines), self.part_size):
            self._submit()

    def _referred_types(self, node: URIRef, obj: str, dataset: BuildingDataset) -> frozenset[str]:
        """The shadows of what ``dataset`` types ``node`` as now, remembered to be checked in finish()."""
        found = self._referred.get(obj)
        if found is None:
            found = frozenset(self._shadow(ntriples_term(c)) for c in dataset.objects(node, RDF.type))
            self._referred[obj] = found
        return found

    def _submit(self, *, last: bool = False) -> None:
        """Validate the early part: in a worker, unless there is one worker, or this part is the ``last``
        and the only one (a small build does not wait for workers to start)."""
        lines, types = "".join(self._early_lines), "".join(sorted(self._early_types))
        self._early_lines, self._early_types = [], set()
        self.early_parts += 1
        self._validate(lines, types, here=self.jobs == 1 or (last and self._pool is None))

    def _validate(self, lines: str, types: str, *, here: bool, spill: Path | None = None) -> None:
        """Validate a part in this process (``here``) or in a worker (the results are collected later).
        With ``spill`` (a path without suffix), the part goes to the worker as a file and this does not
        wait for the workers, however many parts are waiting."""
        self._check_cancelled()
        self.parts += 1
        key = None
        if self.cache is not None:
            key = self.cache.key(lines, types)
            kept = self.cache.get(key)
            if kept is not None:
                self.cached_parts += 1
                self._found.extend(kept)
                return
        if here:
            self._take(key, _check_part(lines, types, self.engine))
            return
        try:
            if spill is None:
                part = self._workers().submit(_check_part, lines, types, self.engine)
            else:
                data, shadows = spill.with_suffix(".nt"), spill.with_suffix(".types.nt")
                data.write_text(lines, encoding="utf-8")
                shadows.write_text(types, encoding="utf-8")
                part = self._workers().submit(_check_part_files, str(data), str(shadows), self.engine)
            self._waiting.append((key, part))
        except BrokenProcessPool as exc:
            raise _broken() from exc
        if spill is None:
            self._collect(wait=False)

    def _take(self, key: str | None, results: list[Violation]) -> None:
        """A part's results, kept in the cache under ``key`` when there is one."""
        if key is not None and self.cache is not None:
            self.cache.put(key, results)
        self._found.extend(results)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # niced: while the build goes on, the parts must not slow the build itself down
            self._pool = worker_pool(self.jobs, fresh=True, nice=10)
        return self._pool

    def _collect(self, *, wait: bool) -> None:
        """Take the results of the parts done; with ``wait``, of every part; without, wait only while more
        than two parts a worker are waiting (so that memory holds a few parts only)."""
        try:
            while self._waiting and (
                wait or self._waiting[0][1].done() or len(self._waiting) > 2 * self.jobs
            ):
                self._check_cancelled()
                key, part = self._waiting.popleft()
                self._take(key, part.result())
        except BrokenProcessPool as exc:
            raise _broken() from exc

    # --- finishing -----------------------------------------------------------------------------------------

    def _early_results_stand(self, shared: set[str]) -> bool:
        """No IRI an early part pointed to has other types now, and no early subject was stated again."""
        for obj, then in self._referred.items():
            now = frozenset(self._types.get(obj, ()))
            if now != then or (not now and any(k in self._blocks for k in _KEY.findall(obj))):
                return False  # (an untyped IRI with a key might be an early subject of another graph)
        candidates: dict[str, set[str]] = {}  # key -> shared subjects that carry it
        for subject in shared - self._stated_elsewhere:
            for key in _KEY.findall(subject):
                if key in self._blocks:
                    candidates.setdefault(key, set()).add(subject)
        if not candidates:
            return True
        with self._local_path.open("rb") as local:
            for key, subjects in candidates.items():
                start, end = self._blocks[key]
                local.seek(start)
                block = local.read(end - start).decode("utf-8")
                if any(line[: line.find(" ")] in subjects for line in block.splitlines()):
                    return False
        return True

    def _index_local_types(self) -> None:
        """Index the types of the early subjects too (to validate everything again)."""
        with self._local_path.open(encoding="utf-8") as lines:
            for line in lines:
                if line != "\n":
                    subject, predicate, rest = line.split(" ", 2)
                    if predicate == _RDF_TYPE:
                        self._index_type(subject, rest[: rest.rindex(" .")])

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
            # sorted: the same statements make the same part whatever order the graphs came in (see
            # graph.validate_cache)
            for subject in sorted(by_subject):
                yield sorted(by_subject[subject])

    def _part(self, lines: list[str]) -> tuple[str, str]:
        """One part: its triples, and the (shadow) types of the IRIs they point to."""
        data: list[str] = []
        objects: set[str] = set()
        type_lines: set[str] = set()
        for line in lines:
            end = line.index(" ")
            if line.startswith(_HINT, end + 1):
                type_lines.add(line[end + 1 + len(_HINT) :])
                continue
            data.append(line)
            objects.add(line[line.index(" ", end + 1) + 1 : -3])  # the rest before " .\n"
        types = self._types
        type_lines.update(
            f"{o} {_RDF_TYPE} {c} .\n" for o in objects if o[0] == "<" for c in types.get(o, ())
        )
        return "".join(data), "".join(sorted(type_lines))


def _broken() -> OutputError:
    return OutputError(
        "a validation worker process stopped before it could finish.",
        hint="When you call directive-graph from a Python script, put the call under "
        '`if __name__ == "__main__":` (workers start afresh and import the script), or pass jobs=1.',
    )


def _check_part(lines: str, types: str, engine: Engine) -> list[Violation]:
    """Validate a part (in a worker when there are several); the results about its own subjects."""
    subjects = {line[1 : line.index(" ") - 1] for line in lines.splitlines()}  # "<iri>" -> Violation.focus
    ontology = ontology_statements(f"<{s}>" for s in subjects)  # a part that describes an ontology node
    report = validate_serialized(lines + types + ontology, "ntriples", engine=engine, shadow=True)
    return [v for v in report.results if v.focus in subjects]


def _check_part_files(data: str, types: str, engine: Engine) -> list[Violation]:
    """:func:`_check_part` on a part written to files (by :meth:`PartValidator.submit_rest`), which are
    removed once read."""
    texts = []
    for name in (data, types):
        path = Path(name)
        texts.append(path.read_text(encoding="utf-8"))
        path.unlink()
    return _check_part(texts[0], texts[1], engine)


def _bucket(subject: str) -> int:
    return zlib.crc32(subject.encode("utf-8")) % BUCKETS


def _packed(groups: Iterable[list[str]], size: int) -> Iterator[list[str]]:
    """Groups joined into parts of at most ``size`` lines (a group larger than that is a part alone). A
    part ends after a group that :func:`ends_part` chooses once it holds a quarter of ``size``, so that the
    same groups make the same parts whatever came before them (see :mod:`graph.validate_cache`)."""
    part: list[str] = []
    for group in groups:
        if part and len(part) + len(group) > size:
            yield part
            part = []
        part.extend(group)
        chosen = len(part) >= size // 4 and ends_part(group[0][: group[0].find(" ")], len(group), size)
        if len(part) >= size or chosen:
            yield part
            part = []
    if part:
        yield part


def ends_part(name: str, lines: int, size: int) -> bool:
    """Whether a part that is a quarter full ends after the graph or subject ``name`` of ``lines`` lines
    (by a hash of the name, with a chance of ``2.5 * lines / size``: a part ends after 0.4 of ``size`` more
    lines on average, whatever the sizes of the graphs). Parts cut where their content says are the same
    parts in a rebuild, except around what changed, and a part validated before is not validated again
    (:mod:`graph.validate_cache`); parts cut at a size would all shift after the first change.

    A quarter full, not fuller: after an edit, two rebuilds cut at the same name again at the first name
    chosen past both minimums; a name chosen between them keeps them apart for another part. With 3/4 and
    one name in 16, most parts were cut by size, and an edit changed 7 parts at the median of 35 (17 at the
    90th percentile); now 2 (4) of 94, by a simulation of random edits on the graphs of 1,500 synthetic
    documents at 4,000 lines a part (session 16). More, smaller parts cost little: 41 parts of 14,000
    validated as fast as 28 of 20,000."""
    return zlib.crc32(name.encode("utf-8")) < 5 * lines * 2**31 // size
