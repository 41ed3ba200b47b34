"""The main job: sources -> extraction -> resolution -> RDF -> validation -> outputs.

``run_build`` isolates sources: one that cannot be read or parsed is reported and skipped, and the rest
build. With ``strict=True`` any such failure stops the build before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from graph.curation import CuratedAttribute, CuratedRelation, Curation, load_curation
from graph.errors import CurationError, DirectiveGraphError, OutputError, SourceError
from graph.model import Extraction
from graph.sources import SourceText, find_sources

if TYPE_CHECKING:
    from graph.build import BuildInput
    from graph.extract_stage import Progress

__all__ = ["BuildFailed", "BuildReport", "Failure", "build_corpus", "run_build", "text_copy_name"]

CURATION_GLOBS = ("*.yaml", "*.yml")


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


@dataclass(slots=True)
class Corpus:
    graph: Graph
    texts: list[tuple[SourceText, Extraction]]
    report: BuildReport


def build_corpus(
    sources: Path,
    *,
    strict: bool = False,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Read, extract (in parallel, cached in ``cache_dir`` when given), resolve and build, without
    writing anything but cache entries."""
    from graph.build import BuildInput
    from graph.extract_stage import Failed, extract_sources
    from graph.places import Places
    from graph.resolve import resolve

    report = BuildReport()
    texts: list[tuple[SourceText, Extraction]] = []
    root = sources if sources.is_dir() else sources.parent
    paths = find_sources(sources)
    for item in extract_sources(paths, root, cache_dir=cache_dir, jobs=jobs, progress=progress):
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
    graph = _build_with_curation(data, report)
    _stop_if_strict(strict, report)
    report.documents = len(resolution.documents)
    report.triples = len(set(graph.triples((None, None, None))))
    from graph.namespaces import DG

    report.relations = sum(1 for _ in graph.subjects(predicate=DG.relationType))
    return Corpus(graph, texts, report)


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


def _build_with_curation(data: BuildInput, report: BuildReport) -> Graph:
    """Build; a curated fact that names no document is reported and left out, the rest builds."""
    from graph.build import build_graph

    kept = len(data.warnings)
    while True:
        try:
            return build_graph(data)
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
    Extractions are cached beside it in ``.out.cache`` (``cache=False`` to extract everything again)."""
    from graph.export import serialize
    from graph.outputs import MANIFEST, staged_output
    from graph.validate import validate

    if out.exists() and not out.is_dir():
        raise OutputError("is a file, not a folder; nothing was written.", path=out,
                          hint="Pass --out with a folder (it is created when missing).")
    corpus = build_corpus(sources, strict=strict, cache_dir=cache_folder(out) if cache else None, jobs=jobs,
                          progress=progress)
    report = corpus.report
    if not report.sources:
        reasons = "".join(f"\n  {f.message}" for f in report.failures)
        raise SourceError(f"no source could be read; nothing was written.{reasons}", path=sources,
                          hint="" if reasons else "Pass --sources DIR with the texts to build from.")
    result = validate(corpus.graph)
    report.conforms = result.conforms
    report.violations = [f"{v.focus} {v.path or ''}: {v.message}" for v in result.results]
    with staged_output(out) as stage:
        (stage / "graph.ttl").write_bytes(serialize(corpus.graph, "turtle"))
        (stage / "graph.trig").write_bytes(serialize(corpus.graph, "trig"))
        for src, _ in corpus.texts:
            target = stage / text_copy_name(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(src.text, encoding="utf-8")
        if html:
            _render(corpus, stage)
        report.outputs = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        report.outputs.append(MANIFEST)
        manifest = json.dumps(report.summary(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (stage / MANIFEST).write_text(manifest, encoding="utf-8")
    return report


def cache_folder(out: Path) -> Path:
    """Where extractions are cached: beside ``out`` (``.out.cache``), so that a failed build writes nothing
    into ``out`` and a swapped-in ``out`` never loses it."""
    return out.parent / f".{out.name}.cache"


def text_copy_name(src: SourceText) -> str:
    """Where the NFC text of a source is copied under out/: ``texts/<name>``, plus ``.txt`` for formats
    that are not plain text (the offsets of every span count code points in this copy)."""
    suffix = "" if src.media_type in ("text/plain", "text/markdown") else ".txt"
    return f"texts/{src.name}{suffix}"


def _render(corpus: Corpus, stage: Path) -> None:
    from graph.project import project
    from graph.render import render_html

    render_html(project(corpus.graph, texts_dir="texts"), stage, title="directive-graph")
