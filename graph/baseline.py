"""The naive build that scripts/benchmark.py compares the real one against: the same stages, done the
obvious way. One process, no extraction cache, the statements in an rdflib ``Dataset``, validated by
pySHACL, written with :mod:`graph.turtle` from the Dataset, projected from the Dataset for the HTML view.

Its outputs are the real build's (the same graph, the same files); only the cost differs, which is what
the benchmark measures. It is not used by any command.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef

from graph.errors import DirectiveGraphError
from graph.namespaces import DG, bind_prefixes

__all__ = ["naive_build"]


def naive_build(sources: Path, out: Path) -> dict[str, int | bool]:
    """Build ``sources`` into ``out`` (graph.ttl, graph.trig, the HTML views) the naive way."""
    from graph.build import BuildInput, _Builder
    from graph.extract import extract_text
    from graph.pipeline import BuildReport, Failure, _curation
    from graph.places import Places
    from graph.project import project
    from graph.render import render_html
    from graph.resolve import resolve
    from graph.sources import find_sources, read_source
    from graph.turtle import trig, turtle
    from graph.validate import validate

    root = sources if sources.is_dir() else sources.parent
    texts = []
    report = BuildReport()
    for path in find_sources(sources):
        try:
            src = read_source(path, root)
        except DirectiveGraphError as exc:  # reported and skipped, as the real build does
            report.failures.append(Failure(path.as_posix(), str(exc)))
            continue
        texts.append((src, extract_text(src.text, source=src.name, sha256=src.sha256)))
    curation = _curation(sources, root, report)
    places = Places()
    resolution = resolve(((s.name, e) for s, e in texts), places.province_code)
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    _Builder(dataset, BuildInput(texts, resolution, curation, places, report.warnings)).run()  # type: ignore[arg-type]
    result = validate(dataset, engine="pyshacl")
    out.mkdir(parents=True, exist_ok=True)
    (out / "graph.ttl").write_bytes(turtle(dataset))
    (out / "graph.trig").write_bytes(
        trig(
            (s, p, o, URIRef(str(getattr(c, "identifier", c))))
            for s, p, o, c in dataset.quads((None, None, None, None))
        )
    )
    render_html(project(dataset, texts_dir="texts"), out, title="directive-graph")
    return {
        "documents": len(resolution.documents),
        "triples": len(set(dataset.triples((None, None, None)))),
        "relations": sum(1 for _ in dataset.subjects(DG.relationType, None)),
        "conforms": result.conforms,
        "failures": len(report.failures),
    }
