"""The main job: sources -> extraction -> resolution -> RDF -> validation -> outputs.

``run_build`` isolates sources: one that cannot be read or parsed is reported and skipped, and the rest
build. With ``strict=True`` any such failure stops the build before anything is written.
"""

from __future__ import annotations

import contextlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rdflib import Dataset

from graph.curation import CuratedAttribute, CuratedRelation, Curation, load_curation
from graph.errors import CurationError, DirectiveGraphError, OutputError, SourceError
from graph.model import Extraction
from graph.quads import GraphSink, QuadSet
from graph.sources import SourceText, find_sources, text_copy_name
from graph.turtle import local_key

if TYPE_CHECKING:
    import networkx as nx

    from graph.build import BuildInput
    from graph.extract_stage import Progress
    from graph.project import Projector
    from graph.turtle import DatasetWriter
    from graph.validate import ValidationReport
    from graph.validate_parts import PartValidator

__all__ = ["BuildFailed", "BuildReport", "Failure", "build_corpus", "run_build", "text_copy_name"]

CURATION_GLOBS = ("*.yaml", "*.yml")
#: Statements validated at a time, at most (graph.validate_parts): rudof's memory grows faster than its
#: input. Parts end where their content says once they hold a quarter of it (about 11,000 on average; the
#: number of parts costs little: 41 parts of 14,000 validate as fast as 28 of 20,000).
PART_SIZE = 20000


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    message: str


@dataclass(slots=True)
class BuildReport:
    sources: list[SourceText] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    documents: int = 0
    relations: int = 0
    triples: int = 0
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "sources": [{"name": s.name, "sha256": s.sha256, "encoding": s.encoding} for s in self.sources],
            "failures": [{"path": f.path, "message": f.message} for f in self.failures],
            "documents": self.documents,
            "relations": self.relations,
            "triples": self.triples,
            "conforms": self.conforms,
            "violations": self.violations,
            "warnings": self.warnings,
        }


class BuildFailed(DirectiveGraphError):
    """A strict build met a failure; nothing was written."""


@dataclass
class Corpus:
    quads: QuadSet
    texts: list[tuple[SourceText, Extraction]]
    report: BuildReport

    @cached_property
    def graph(self) -> Dataset:
        """The corpus as an rdflib Dataset (made on first use; the build itself works on ``quads``)."""
        return self.quads.to_dataset()


def build_corpus(
    sources: Path,
    *,
    strict: bool = False,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    emitter: _Emitter | None = None,
) -> Corpus:
    """Read, extract (in parallel, cached in ``cache_dir`` when given), resolve and build, without
    writing anything but cache entries (and what ``emitter`` writes: see :func:`run_build`)."""
    from graph.build import BuildInput
    from graph.extract_stage import Failed, extract_sources
    from graph.places import Places
    from graph.resolve import resolve

    report = BuildReport()
    texts: list[tuple[SourceText, Extraction]] = []
    root = sources if sources.is_dir() else sources.parent
    paths = find_sources(sources)
    # with an emitter, the workers write the texts' copies into its folder and send no text back: the
    # build reads one back at a time (graph.build), and memory never holds the corpus's texts
    texts_dir = emitter.stage if emitter is not None else None
    for item in extract_sources(
        paths, root, cache_dir=cache_dir, jobs=jobs, progress=progress, texts_dir=texts_dir
    ):
        if isinstance(item, Failed):
            report.failures.append(Failure(item.path, item.message))
            continue
        src, extraction = item.source, item.extraction
        report.warnings.extend(src.warnings)
        report.warnings.extend(f"{src.name}: {w}" for w in extraction.warnings)
        texts.append((src, extraction))
        report.sources.append(src)
    _report_duplicates(texts, report)
    curation = _curation(sources, root, report)
    _stop_if_strict(strict, report)
    places = Places()
    resolution = resolve(((s.name, e) for s, e in texts), places.province_code)
    report.warnings.extend(resolution.warnings)
    data = BuildInput(texts, resolution, curation, places, report.warnings)
    quads = _build_with_curation(data, report, emitter)
    _stop_if_strict(strict, report)
    report.documents = len(resolution.documents)
    if emitter is not None:
        report.triples, report.relations = emitter.finish(quads)
    else:
        from graph.namespaces import DG

        report.triples = len(quads)
        report.relations = quads.count_subjects(DG.relationType)
    return Corpus(quads, texts, report)


def _report_duplicates(texts: list[tuple[SourceText, Extraction]], report: BuildReport) -> None:
    """Byte-identical files are one source text in the graph (its IRI comes from its hash): say so."""
    names: dict[str, list[str]] = {}
    for src, _ in texts:
        names.setdefault(src.sha256, []).append(src.name)
    for same in names.values():
        if len(same) > 1:
            report.warnings.append(f"{', '.join(same)}: byte-identical texts; one source text in the graph.")


def _curation(sources: Path, root: Path, report: BuildReport) -> Curation:
    if not sources.is_dir():
        return Curation()
    relations: list[CuratedRelation] = []
    attributes: list[CuratedAttribute] = []
    files = sorted({p for pattern in CURATION_GLOBS for p in sources.rglob(pattern) if _visible(p, sources)})
    for path in files:
        problems: list[CurationError] = []
        try:
            cur = load_curation(path, root, display=path.as_posix(), errors=problems)
        except DirectiveGraphError as exc:  # the file as a whole cannot be read
            report.failures.append(Failure(path.as_posix(), str(exc)))
            continue
        report.failures.extend(Failure(path.as_posix(), str(p)) for p in problems)
        relations.extend(cur.relations)
        attributes.extend(cur.attributes)
    return Curation(tuple(relations), tuple(attributes))


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def _build_with_curation(data: BuildInput, report: BuildReport, emitter: _Emitter | None = None) -> QuadSet:
    """Build; a curated fact that names no document is reported and left out, the rest builds."""
    from graph.build import build_quads

    kept = len(data.warnings)
    while True:
        try:
            if emitter is not None:
                emitter.start()
            return build_quads(data, emitter)
        except DirectiveGraphError as exc:
            facts: list[CuratedRelation | CuratedAttribute] = [
                *data.curation.relations,
                *data.curation.attributes,
            ]
            bad = [f for f in facts if f"{f.id!r}" in str(exc)]
            if not bad:
                raise
            report.failures.append(Failure(bad[0].file, str(exc)))
            data.curation = Curation(
                tuple(r for r in data.curation.relations if r.id != bad[0].id),
                tuple(a for a in data.curation.attributes if a.id != bad[0].id),
            )
            del data.warnings[kept:]  # the next attempt reports its own


def _stop_if_strict(strict: bool, report: BuildReport) -> None:
    if strict and report.failures:
        lines = "\n".join(f"  {f.message}" for f in report.failures)
        raise BuildFailed(f"{len(report.failures)} source(s) failed; --strict: nothing was written.\n{lines}")


def run_build(
    sources: Path,
    out: Path,
    *,
    strict: bool = False,
    html: bool = True,
    cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """The main job: build the corpus and write Turtle, the HTML view and the source texts under ``out``.
    Extractions are cached beside it in ``.out.cache``, and so are the validation results of the parts
    (``validation/``: a part that comes out the same is not validated again; see
    :mod:`graph.validate_cache`); ``cache=False`` extracts and validates everything again.

    The extraction workers write each source's NFC text to ``texts/`` and send none back; each source's
    named graph is written (TriG, and the Turtle union), projected for the views and let go as soon as it
    is complete, and so is its text (read back from its copy), so that memory holds the corpus graph and
    one source's graph and text at a time.
    Nothing reaches ``out`` unless the whole build succeeds (see :func:`graph.outputs.staged_output`)."""
    from graph.outputs import MANIFEST, staged_output

    if out.exists() and not out.is_dir():
        raise OutputError(
            "is a file, not a folder; nothing was written.",
            path=out,
            hint="Pass --out with a folder (it is created when missing).",
        )
    with staged_output(out) as stage:
        emitter = _Emitter(stage, jobs, cache_folder(out) / "validation" if cache else None)
        try:
            # only the report is kept: the extractions and the corpus graph, written by now, are let go
            # before the views are rendered
            report = build_corpus(
                sources,
                strict=strict,
                cache_dir=cache_folder(out) if cache else None,
                jobs=jobs,
                progress=progress,
                emitter=emitter,
            ).report
            if not report.sources:
                reasons = "".join(f"\n  {f.message}" for f in report.failures)
                raise SourceError(
                    f"no source could be read; nothing was written.{reasons}",
                    path=sources,
                    hint="" if reasons else "Pass --sources DIR with the texts to build from.",
                )
            from graph.project import NETWORK_FILE, save_network

            assert emitter.network is not None  # set by build_corpus through emitter.finish
            digest = save_network(emitter.network, stage / NETWORK_FILE, graph_file=stage / "graph.trig")
            if html:  # while the workers validate the last parts
                from graph.render import render_html

                render_html(emitter.network, stage, title="directive-graph", source=digest)
            result = emitter.validated()
            emitter.prune()
        finally:
            emitter.discard()
        report.conforms = result.conforms
        report.violations = [f"{v.focus} {v.path or ''}: {v.message}" for v in result.results]
        report.outputs = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        report.outputs.append(MANIFEST)
        manifest = json.dumps(report.summary(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (stage / MANIFEST).write_text(manifest, encoding="utf-8")
    return report


class _Emitter:
    """Receives each source's finished graph from the builder: writes it (TriG, Turtle union; the NFC
    text copies are in ``stage`` already: see :func:`build_corpus`), projects it, and lets it go (and the
    source's text). ``start()`` begins (again: a build retried without a bad
    curated fact starts over), ``finish(quads)`` writes the corpus and curation graphs."""

    writer: DatasetWriter
    projector: Projector
    validator: PartValidator  # the three are made by start()

    def __init__(self, stage: Path, jobs: int | None = None, results: Path | None = None) -> None:
        self.stage, self.jobs, self.results = stage, jobs, results
        self._files: list[BinaryIO] = []
        self._started = False
        self.network: nx.DiGraph | None = None
        self._validating: Future[ValidationReport] | None = None

    def start(self) -> None:
        from graph.project import Projector
        from graph.turtle import DatasetWriter
        from graph.validate_parts import PartValidator

        self.discard()  # a retried build starts over
        self._files = [(self.stage / "graph.trig").open("wb"), (self.stage / "graph.ttl").open("wb")]
        self.writer = DatasetWriter(self._files[0], self._files[1])
        self.projector = Projector("texts")
        from graph.validate_cache import PartResults

        cache = PartResults(self.results) if self.results is not None else None
        self.validator = PartValidator(part_size=PART_SIZE, jobs=self.jobs, cache=cache)
        self._started = True

    def __call__(self, src: SourceText, sink: GraphSink) -> None:
        local = local_key(sink.identifier)
        self.writer.add(sink.identifier, sink, local=local)
        self.validator.add(sink, local=local, dataset=sink.dataset)
        self.projector.take(sink.dataset, sink)
        sink.dataset.drop(sink.identifier)
        src.release()  # read again (graph.build) if the build starts over (see _build_with_curation)

    def finish(self, quads: QuadSet) -> tuple[int, int]:
        """Write the graphs still held (corpus, curation) and project the network; (distinct statements,
        relations). The validation goes on in the workers: :meth:`validated` waits for its report."""
        from graph.build import CURATION_GRAPH

        # the last parts go to the workers first: they validate while this writes the corpus graph and
        # the caller writes the network and renders the views
        for sink in quads.graphs():
            self.validator.add(sink)
        self.validator.submit_rest()
        for sink in quads.graphs():
            self.writer.add(sink.identifier, sink)
            if sink.identifier == CURATION_GRAPH:
                self.projector.take(quads, sink)
        self.network = self.projector.finish(quads)
        self.writer.close()
        self.close()
        # finish() waits for the workers' results in a thread of this process (with one job it validates
        # there: rudof lets the interpreter lock go)
        runner = ThreadPoolExecutor(1, thread_name_prefix="validate")
        self._validating = runner.submit(self.validator.finish)
        runner.shutdown(wait=False)
        return self.writer.triples, len(self.projector.relations)

    def validated(self) -> ValidationReport:
        """The SHACL report of everything :meth:`finish` wrote (waits for the workers)."""
        assert self._validating is not None, "finish() first"
        return self._validating.result()

    def prune(self) -> None:
        """Keep only the validation results this build used (see :mod:`graph.validate_cache`)."""
        if self.validator.cache is not None:
            self.validator.cache.prune()

    def close(self) -> None:
        for file in self._files:
            file.close()
        self._files = []

    def discard(self) -> None:
        """Let go of everything, also the validator's temporary files (a build that failed: a validation
        still running is cancelled at its next part)."""
        self.close()
        if self._validating is not None:
            self.validator.cancel()
            with contextlib.suppress(Exception):
                self._validating.result()
            self._validating = None
        if self._started:
            self.validator.close()


def cache_folder(out: Path) -> Path:
    """Where extractions are cached: beside ``out`` (``.out.cache``), so that a failed build writes nothing
    into ``out`` and a swapped-in ``out`` never loses it."""
    return out.parent / f".{out.name}.cache"
