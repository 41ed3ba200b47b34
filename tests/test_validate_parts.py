"""Validation in parts (graph.validate_parts) gives the report that validating the whole union gives: on the
seeds, on a synthetic corpus, and on data broken on purpose in local and in shared subjects, streamed one
named graph at a time with parts small enough that there are many."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from graph.namespaces import DG, DGID, MODEL_STATUS, OA, XSD
from graph.quads import QuadSet
from graph.validate import ENGINES, ValidationReport, validate, validate_serialized
from graph.validate_parts import PartValidator

Triple = tuple[Node, Node, Node]
NamedGraphs = list[tuple[URIRef, list[Triple]]]

#: A source graph is named .../id/graph/source/<16 hex>: the key its own subjects carry.
SOURCE_GRAPH = re.compile(r".*/graph/source/(?P<key>[0-9a-f]{16})")
CORPUS_GRAPH = DGID["graph/corpus"]

TB16 = DGID["doc/tw/xiii/tb-16"]
TB16_GRAPH = DGID["graph/source/aa443ade53e89a0c"]
TEXT_DOC = DGID["doc/text/601267935730b446"]  # carries its source's key, but the corpus graph describes it
POLITBURO = DGID["body/tw/bo-chinh-tri"]
TB16_SIGNATURE = DGID["doc/tw/xiii/tb-16/signature/aa443ade53e89a0c-1"]  # dg:onBehalfOf POLITBURO
TWICE_STATED = DGID["rel/272050d12a9eb8cc"]  # a relation two sources state


def named_graphs(quads: QuadSet) -> NamedGraphs:
    return [(sink.identifier, list(sink)) for sink in quads.graphs()]


def local_key(name: URIRef) -> str | None:
    found = SOURCE_GRAPH.fullmatch(str(name))
    return found["key"] if found else None


def in_parts(
    graphs: NamedGraphs, part_size: int, engine: str = "rudof", jobs: int = 1
) -> tuple[ValidationReport, int]:
    with PartValidator(part_size=part_size, engine=engine, jobs=jobs) as validator:  # type: ignore[arg-type]
        for name, triples in graphs:
            validator.add(triples, local_key(name))
        return validator.finish(), validator.parts


def whole(graphs: NamedGraphs, engine: str = "rudof") -> ValidationReport:
    union = Graph()
    for _name, triples in graphs:
        for triple in triples:
            union.add(triple)
    return validate(union, engine=engine)  # type: ignore[arg-type]


def assert_same(parts: ValidationReport, union: ValidationReport, engine: str) -> None:
    assert parts.conforms == union.conforms
    assert parts.results == union.results
    if engine == "rudof":  # pySHACL's own listing is not combined
        assert parts == union


@pytest.fixture(scope="module")
def seeds(corpus) -> NamedGraphs:
    return named_graphs(corpus.quads)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> NamedGraphs:
    from graph.pipeline import build_corpus
    from graph.synth import generate_corpus

    folder = tmp_path_factory.mktemp("synth")
    generate_corpus(folder, docs=300, seed=3)
    return named_graphs(build_corpus(folder).quads)


@pytest.mark.parametrize("engine", ENGINES)
def test_seeds_in_parts_give_the_whole_report(seeds: NamedGraphs, engine: str):
    report, parts = in_parts(seeds, part_size=200, engine=engine)
    assert parts >= 6
    assert_same(report, whole(seeds, engine), engine)


@pytest.mark.parametrize("jobs", [1, 2])
def test_synthetic_corpus_in_parts_gives_the_whole_report(synthetic: NamedGraphs, jobs: int):
    """In this process, and in two worker processes (started afresh: pyrudof, already used here, would
    hang in a forked copy)."""
    report, parts = in_parts(synthetic, part_size=2_000, jobs=jobs)
    assert parts >= 20
    assert_same(report, whole(synthetic), "rudof")


def test_no_part_holds_more_than_part_size_triples(seeds: NamedGraphs, monkeypatch: pytest.MonkeyPatch):
    sizes: list[int] = []
    make_part = PartValidator._part

    def measured(self: PartValidator, lines: list[str]) -> tuple[str, str]:
        sizes.append(len(lines))
        return make_part(self, lines)

    monkeypatch.setattr(PartValidator, "_part", measured)
    in_parts(seeds, part_size=100)
    assert max(sizes) <= 100
    assert sum(sizes) == len({t for _name, triples in seeds for t in triples})  # each triple in one part


# --- broken data ---------------------------------------------------------------------------------------


def first_of(graphs: NamedGraphs, kind: URIRef) -> Node:
    return next(s for _n, ts in graphs for s, p, o in ts if p == RDF.type and o == kind)


def broken(graphs: NamedGraphs) -> NamedGraphs:
    """The seeds with faults in local subjects (a selector, a recipient, a signature pointing to a body whose
    type is gone) and in shared ones (a document, a relation two sources state, a document named by a key)."""
    selector, recipient = first_of(graphs, OA.TextPositionSelector), first_of(graphs, DG.Recipient)
    vi_label = next(
        t for _n, ts in graphs for t in ts if t[:2] == (TEXT_DOC, RDFS.label) and t[2].language == "vi"
    )
    gone = {
        (POLITBURO, RDF.type, DG.PartyBody),  # typed in the corpus graph; a local signature points to it
        (TWICE_STATED, DG.origin, DG.Extracted),  # from both sources that state it
        vi_label,  # in the corpus graph; the source graph holds the document's other triples
    }
    out: NamedGraphs = []
    for name, triples in graphs:
        kept = [t for t in triples if t not in gone and not (t[0] == selector and t[1] == OA.start)]
        if name == TB16_GRAPH:  # a second date, the first being in the corpus graph
            kept.append((TB16, DG.dateIssued, Literal("2022-07-08", datatype=XSD.date)))
        if any(s == recipient for s, _p, _o in triples):
            kept.append((recipient, DG.position, Literal(99)))
        out.append((name, kept))
    return out


BROKEN_RESULTS = {
    # focus ("selector" and "recipient": the first of the seeds) -> a message expected about it
    "selector": "A text position selector needs exactly one oa:start, an xsd:nonNegativeInteger.",
    "recipient": "A recipient needs exactly one dg:position, an xsd:integer from 1.",
    str(TB16_SIGNATURE): "dg:onBehalfOf is at most one dg:Body.",
    str(TB16): "dg:dateIssued is at most one xsd:date.",
    str(TWICE_STATED): "A fact needs exactly one dg:origin: dg:Extracted or dg:Curated.",
    str(TEXT_DOC): "Needs an rdfs:label in Vietnamese (@vi).",
}


@pytest.mark.parametrize(("engine", "jobs"), [("rudof", 1), ("pyshacl", 1), ("rudof", 2)])
def test_broken_data_in_parts_gives_the_whole_report(seeds: NamedGraphs, engine: str, jobs: int):
    data = broken(seeds)
    union = whole(data, engine)
    found = {(v.focus, v.message) for v in union.results}
    focus = {
        "selector": str(first_of(seeds, OA.TextPositionSelector)),
        "recipient": str(first_of(seeds, DG.Recipient)),
    }
    for where, message in BROKEN_RESULTS.items():
        assert (focus.get(where, where), message) in found
    assert any(
        v.message == "dg:issuer must be a dg:Body." for v in union.results
    )  # shared, from the same fault
    report, parts = in_parts(data, part_size=200, engine=engine, jobs=jobs)
    assert parts >= 6
    assert_same(report, union, engine)


def test_a_keyed_subject_also_stated_in_the_corpus_graph_is_validated_whole():
    """Regression: doc/text/<key> contains its source's key, but its type and label come from the corpus
    graph; validated apart, the source's triples would be a document without type and the corpus graph's a
    document without grounding."""
    key = "601267935730b446"
    source_text = DGID[f"source/{key}"]
    graphs: NamedGraphs = [
        (
            CORPUS_GRAPH,
            [(TEXT_DOC, RDF.type, DG.PartyDocument), (TEXT_DOC, RDFS.label, Literal("Thông báo", lang="vi"))],
        ),
        (DGID[f"graph/source/{key}"], [(TEXT_DOC, DG.expressedIn, source_text)]),
    ]
    report, _parts = in_parts(list(reversed(graphs)), part_size=1)
    assert report == whole(graphs)
    assert [v.path for v in report.results] == ["dg:expressedIn"]  # the source text is not typed


def test_a_concept_of_the_schemes_described_by_the_data_is_reported_once(seeds: NamedGraphs):
    second = (MODEL_STATUS.pause, SKOS.prefLabel, Literal("tạm dừng lần hai", lang="vi"))
    data = [*seeds, (CORPUS_GRAPH, [second])]
    report, _parts = in_parts(data, part_size=200)
    assert report == whole(data)
    assert [v.focus for v in report.results] == [str(MODEL_STATUS.pause)]


@pytest.mark.parametrize("engine", ENGINES)
def test_shadow_types_satisfy_sh_class_without_making_targets(engine: str):
    """With shadow=True a copied type (the shadow of dg:PartyBody) makes the issuer a dg:Body for sh:class,
    through the mirrored subclass axiom, and does not make it a target (it has no label, no level...)."""
    from graph.validate import shadow_class

    doc, body = DGID["doc/tw/xiii/tb-16"], DGID["body/tw/bo-chinh-tri"]
    shadow = URIRef(shadow_class(str(DG.PartyBody)))
    data = Graph()
    data.add((body, RDF.type, shadow))
    alone = validate_serialized(data.serialize(format="nt"), "ntriples", engine=engine, shadow=True)  # type: ignore[arg-type]
    assert alone.results == ()
    data.add((doc, DG.issuer, body))
    data.add((doc, RDF.type, DG.PartyDocument))
    report = validate_serialized(data.serialize(format="nt"), "ntriples", engine=engine, shadow=True)  # type: ignore[arg-type]
    assert report.results and {v.focus for v in report.results} == {str(doc)}
    assert "dg:issuer must be a dg:Body." not in {v.message for v in report.results}
    plain = validate_serialized(data.serialize(format="nt"), "ntriples", engine=engine)  # type: ignore[arg-type]
    assert "dg:issuer must be a dg:Body." in {v.message for v in plain.results}


def test_the_ontology_alone_conforms():
    """So no result is repeated by every part (results about nodes of the ontology alone are kept once)."""
    assert validate_serialized("", "ntriples").results == ()


def test_blank_nodes_are_refused():
    from rdflib import BNode

    with PartValidator() as validator, pytest.raises(ValueError, match="blank node"):
        validator.add([(BNode(), RDFS.label, Literal("x", lang="vi"))])


def test_a_finish_running_in_a_thread_stops_when_cancelled(synthetic: NamedGraphs):
    """A build validates the last parts in a thread while it renders the views; when the build fails
    meanwhile, cancel() stops that thread at its next part instead of letting it run to the end."""
    from concurrent.futures import ThreadPoolExecutor

    from graph.validate_parts import ValidationCancelled

    validator = PartValidator(part_size=200, jobs=1)
    for name, triples in synthetic:
        validator.add(triples, local_key(name))
    validator.cancel()
    with ThreadPoolExecutor(1) as runner:
        running = runner.submit(validator.finish)
        with pytest.raises(ValidationCancelled):
            running.result(timeout=60)
    assert validator.parts == 0  # stopped before the first part
    with pytest.raises(ValueError, match="finished"):  # and closed: its temporary folder is gone
        validator.add([])


def test_a_finished_validator_refuses_more(tmp_path: Path):
    validator = PartValidator()
    assert validator.finish().conforms
    with pytest.raises(ValueError, match="finished"):
        validator.add([])


@pytest.mark.parametrize("options", [{"part_size": 0}, {"engine": "jena"}])
def test_bad_options_are_refused(options: dict[str, object]):
    with pytest.raises(ValueError):
        PartValidator(**options)  # type: ignore[arg-type]


# --- early parts: validated while a build adds its graphs ---------------------------------------------------


def as_a_build_streams(
    graphs: NamedGraphs,
    part_size: int,
    engine: str = "rudof",
    jobs: int = 1,
    later: NamedGraphs = (),
    submit: bool = False,
) -> tuple[ValidationReport, PartValidator]:
    """As :class:`graph.pipeline._Emitter` streams: the dataset holds the graphs built so far; each source
    graph is added with it and let go; the other graphs (and ``later``, which the dataset never held)
    come last. With ``submit``, the last parts are handed to the workers before finish() is called, as
    a build does (:meth:`PartValidator.submit_rest`)."""
    with PartValidator(part_size=part_size, engine=engine, jobs=jobs) as validator:  # type: ignore[arg-type]
        stream(validator, graphs, later)
        if submit:
            validator.submit_rest()
        return validator.finish(), validator


def stream(validator: PartValidator, graphs: NamedGraphs, later: NamedGraphs = ()) -> None:
    """Add ``graphs`` as a build does: each source graph with the dataset of the graphs not yet let go,
    then the others, then ``later``."""
    dataset = QuadSet()
    for name, triples in graphs:
        sink = dataset.graph(name)
        for triple in triples:
            sink.add(triple)
    for name, triples in graphs:
        key = local_key(name)
        if key is not None:
            validator.add(triples, key, dataset)
            dataset.drop(name)
    for name, triples in [*graphs, *later]:
        if local_key(name) is None:
            validator.add(triples)


@pytest.mark.parametrize("engine", ENGINES)
def test_seeds_validated_early_give_the_whole_report(seeds: NamedGraphs, engine: str):
    report, validator = as_a_build_streams(seeds, part_size=200, engine=engine)
    assert validator.early_parts >= 3 and not validator.revalidated
    assert_same(report, whole(seeds, engine), engine)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_synthetic_corpus_validated_early_gives_the_whole_report(synthetic: NamedGraphs, jobs: int):
    report, validator = as_a_build_streams(synthetic, part_size=2_000, jobs=jobs)
    assert validator.early_parts >= 10 and not validator.revalidated
    assert_same(report, whole(synthetic), "rudof")


@pytest.mark.parametrize(("jobs", "submit"), [(1, False), (2, False), (1, True), (2, True)])
def test_broken_data_validated_early_gives_the_whole_report(seeds: NamedGraphs, jobs: int, submit: bool):
    data = broken(seeds)
    report, _validator = as_a_build_streams(data, part_size=200, jobs=jobs, submit=submit)
    assert_same(report, whole(data), "rudof")


def test_the_last_parts_go_to_the_workers_before_finish_is_called(synthetic: NamedGraphs):
    """submit_rest() makes every part left and hands it to the workers (a build then writes and renders
    while they validate); finish() only collects, and the report is the whole one. No graph can be added
    once the parts are made."""
    with PartValidator(part_size=2_000, jobs=2) as validator:
        stream(validator, synthetic)
        early = validator.parts
        validator.submit_rest()
        made = validator.parts
        assert made > early >= 10
        with pytest.raises(ValueError, match="no graph can be added"):
            validator.add([])
        report = validator.finish()
    assert validator.parts == made and not validator.revalidated
    assert_same(report, whole(synthetic), "rudof")


def test_submit_rest_with_one_job_gives_the_whole_report(seeds: NamedGraphs):
    report, _validator = as_a_build_streams(seeds, part_size=200, submit=True)
    assert_same(report, whole(seeds), "rudof")


def test_a_type_given_after_an_early_part_used_it_makes_everything_validated_again(seeds: NamedGraphs):
    """The Politburo is a dg:PartyBody when the signature of 16-TB/TW (an early subject) points to it; a
    later graph makes it a document too, which the early part could not know."""
    later: NamedGraphs = [(DGID["graph/zz-later"], [(POLITBURO, RDF.type, DG.StateDocument)])]
    report, validator = as_a_build_streams(seeds, part_size=200, later=later)
    assert validator.revalidated
    assert_same(report, whole([*seeds, *later]), "rudof")
    # the same when the last parts are made before finish(), in two workers, as a build makes them
    report, validator = as_a_build_streams(seeds, part_size=200, jobs=2, later=later, submit=True)
    assert validator.revalidated
    assert_same(report, whole([*seeds, *later]), "rudof")


def test_an_early_subject_stated_again_later_makes_everything_validated_again(seeds: NamedGraphs):
    selector = first_of(seeds, OA.TextPositionSelector)
    later: NamedGraphs = [
        (DGID["graph/zz-later"], [(selector, OA.start, Literal(10**6, datatype=XSD.integer))])
    ]
    report, validator = as_a_build_streams(seeds, part_size=200, later=later)
    assert validator.revalidated
    union = whole([*seeds, *later])
    assert str(selector) in {v.focus for v in union.results}
    assert_same(report, union, "rudof")


def test_a_keyed_subject_the_corpus_graph_describes_is_not_validated_early():
    key = "601267935730b446"
    graphs: NamedGraphs = [
        (DGID[f"graph/source/{key}"], [(TEXT_DOC, DG.expressedIn, DGID[f"source/{key}"])]),
        (
            CORPUS_GRAPH,
            [(TEXT_DOC, RDF.type, DG.PartyDocument), (TEXT_DOC, RDFS.label, Literal("Thông báo", lang="vi"))],
        ),
    ]
    report, validator = as_a_build_streams(graphs, part_size=1)
    assert validator.early_parts == 0 and not validator.revalidated
    assert report == whole(graphs)


# --- results kept between builds (graph.validate_cache) -----------------------------------------------------


def cached_build(
    graphs: NamedGraphs, folder: Path, part_size: int = 200, jobs: int = 1
) -> tuple[ValidationReport, PartValidator]:
    """:func:`as_a_build_streams` with the results of the parts kept in ``folder``."""
    from graph.validate_cache import PartResults

    dataset = QuadSet()
    for name, triples in graphs:
        sink = dataset.graph(name)
        for triple in triples:
            sink.add(triple)
    cache = PartResults(folder)
    with PartValidator(part_size=part_size, jobs=jobs, cache=cache) as validator:
        for name, triples in graphs:
            key = local_key(name)
            if key is not None:
                validator.add(triples, key, dataset)
                dataset.drop(name)
        for name, triples in graphs:
            if local_key(name) is None:
                validator.add(triples)
        report = validator.finish()
    cache.prune()
    return report, validator


@pytest.mark.parametrize("jobs", [1, 2])
def test_kept_results_give_the_same_report_and_are_not_validated_again(
    seeds: NamedGraphs, tmp_path: Path, jobs: int
):
    data = broken(seeds)
    first, validator = cached_build(data, tmp_path, jobs=jobs)
    assert validator.cached_parts == 0 and validator.parts >= 6
    assert_same(first, whole(data), "rudof")
    again, validator = cached_build(data, tmp_path, jobs=jobs)
    assert validator.cached_parts == validator.parts
    assert again == first and not again.conforms  # the violations were kept, not only "conforms"


def test_one_changed_graph_leaves_most_parts_as_they_were(synthetic: NamedGraphs, tmp_path: Path):
    """Parts end where their content says (graph.validate_parts.ends_part): when a source is edited, its
    graph leaves its place (its name is the hash of its text) and comes back elsewhere; the parts before
    and after both places are the same parts, and their results are reused."""
    cached_build(synthetic, tmp_path / "first", part_size=4_000)
    sources = [i for i, (name, _) in enumerate(synthetic) if local_key(name)]
    for old, new in ((1, 2), (1, 5), (4, 2)):  # from and to, in sixths of the sources
        edited = list(synthetic)
        edited.insert(sources[new * len(sources) // 6], edited.pop(sources[old * len(sources) // 6]))
        kept = shutil.copytree(tmp_path / "first", tmp_path / f"{old}-{new}")  # the first build's results
        report, validator = cached_build(edited, kept, part_size=4_000)
        if (old, new) == (1, 2):
            assert report == whole(edited)
        # two places change: each the part it falls in and, where a part loses the end it had (too small
        # by then) or gains one, the next part too; parts cut at a size would change from the first place on
        assert validator.parts >= 12 and validator.parts - validator.cached_parts <= 4, (old, new)


def test_a_kept_result_that_cannot_be_read_is_validated_again(seeds: NamedGraphs, tmp_path: Path):
    data = broken(seeds)
    expected, _ = cached_build(data, tmp_path)
    entries = sorted(tmp_path.glob("*/*.json"))
    entries[0].write_text("[[1, 2", encoding="utf-8")  # torn
    entries[1].write_text('{"focus": "x"}', encoding="utf-8")  # not a list of results
    entries[2].write_text("[[1, null, 2, 3]]", encoding="utf-8")  # not strings
    report, validator = cached_build(data, tmp_path)
    assert report == expected
    assert validator.cached_parts == validator.parts - 3


def test_kept_results_are_pruned_and_belong_to_the_shapes(
    seeds: NamedGraphs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Entries no part used are deleted; results kept for other shapes (another fingerprint) are never
    read, and their folder goes."""
    import shutil

    from graph import validate_cache
    from graph.paths import ontology_dir

    cached_build(seeds, tmp_path)
    stale = next(tmp_path.iterdir()) / f"{'0' * 40}.json"
    stale.write_text("[]", encoding="utf-8")
    cached_build(seeds, tmp_path)
    assert not stale.exists()
    (old_folder,) = tmp_path.iterdir()

    shapes = tmp_path.parent / "ontology"
    shutil.copytree(ontology_dir(), shapes)
    with (shapes / "shapes.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment is a change too\n")
    monkeypatch.setattr(validate_cache, "ontology_dir", lambda: shapes)
    validate_cache.validation_fingerprint.cache_clear()
    try:
        _, validator = cached_build(seeds, tmp_path)
    finally:
        validate_cache.validation_fingerprint.cache_clear()
    assert validator.cached_parts == 0
    assert [p.name for p in tmp_path.iterdir()] != [old_folder.name] and not old_folder.exists()


def test_results_that_cannot_be_kept_do_not_fail_the_validation(seeds: NamedGraphs, tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    report, validator = cached_build(seeds, blocked)
    assert report == whole(seeds) and validator.cached_parts == 0
