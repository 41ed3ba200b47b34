"""graph.store: the embedded stores (rdflib in memory, Oxigraph in memory and on disk) give the same rows,
round-trip the graphs, load atomically, bind values safely. Server tests: test_store_virtuoso.py."""

from __future__ import annotations

import doctest
import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import QueryError, StoreError
from graph.sparql import named_queries, run_query
from graph.store import DEFAULT_GRAPH, Store, open_store, run_named, serialize_quads
from graph.store.synthetic import scaled_quads

ROOT = Path(__file__).parents[1]
#: Every named query, with the parameter sets worth comparing.
CASES = [
    ("chain", {"number": "18-NQ/TW"}),
    ("chain", {"number": "34-KL/TW"}),
    ("citation-only", {}),
    ("documents-by-issuer-year", {}),
    ("documents-by-issuer-year", {"year": "2022"}),
    ("documents-by-issuer-year", {"issuer": "Bộ Chính trị"}),
    ("documents-by-issuer-year", {"year": "2022", "issuer": "Bộ Chính trị"}),
    ("models-by-locality", {}),
    ("models-by-locality", {"locality": "Đức Thọ"}),
    ("relations-evidence", {}),
    ("relations-evidence", {"relation": "implements"}),
    ("relations-of", {"number": "55-KL/TU"}),
]
INJECTIONS = [
    '18-NQ/TW" } DROP ALL ; #',
    "18-NQ/TW' } DROP ALL ; #",
    "\\u0022 } DROP ALL ; #",
    'x"\n} ; DROP ALL',
]
EMBEDDED = ["memory", "oxigraph", "oxigraph:{tmp}/store"]


def union(dataset: Graph) -> Graph:
    """The triples of every graph of ``dataset``, as one rdflib Graph."""
    graph = Graph()
    quads = dataset.quads((None, None, None, None)) if isinstance(dataset, Dataset) else dataset
    for item in quads:
        graph.add(item[:3])
    return graph


@pytest.fixture(scope="module")
def seed(corpus) -> Graph:
    """The seed build: a Dataset with named graphs (or, before that change, a Graph)."""
    return corpus.graph


@pytest.fixture(params=EMBEDDED)
def store(request, tmp_path, seed) -> Store:
    opened = open_store(request.param.format(tmp=tmp_path))
    opened.load(seed)
    yield opened
    opened.close()


def test_every_named_query_is_covered():
    assert {name for name, _ in CASES} == set(named_queries())


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_named_queries_give_the_same_rows_on_every_embedded_store(seed, tmp_path, name, params):
    query = named_queries()[name]
    reference = run_query(union(seed), query, params)
    results = {}
    for spec in EMBEDDED:
        with open_store(spec.format(tmp=tmp_path / spec.split(":")[0])) as opened:
            opened.load(seed)
            results[spec] = run_named(opened, query, params)
    first = results["memory"]
    assert first.rows, f"{name} {params} has no rows on the seed: the comparison would prove nothing"
    assert first.columns == reference.columns
    assert sorted(map(repr, first.rows)) == sorted(map(repr, reference.rows))
    for spec, result in results.items():
        assert result == first, spec


def test_literals_read_as_their_lexical_forms(store):
    rows = store.query(
        "PREFIX dg: <https://w3id.org/directive-graph/ontology#>\n"
        "SELECT ?date (COUNT(*) AS ?n) WHERE { ?d dg:number ?number ; dg:dateIssued ?date } GROUP BY ?date"
    ).rows
    assert ["2022-07-07", "1"] in rows


def test_turtle_round_trip_is_isomorphic(store, seed, tmp_path):
    original = union(seed)
    turtle = tmp_path / "graph.ttl"
    original.serialize(turtle, format="turtle")
    store.load(turtle)
    assert store.graphs() == [DEFAULT_GRAPH]
    back = Graph().parse(data=store.export("turtle"), format="turtle")
    assert isomorphic(back, original)


def test_nquads_export_keeps_every_graph(store, seed):
    back = Dataset()
    back.parse(data=store.export("nquads"), format="nquads")
    names = sorted(str(g.identifier) for g in back.graphs() if len(g))
    assert names == store.graphs()
    if isinstance(seed, Dataset):
        for name in names:
            assert isomorphic(back.graph(URIRef(name)), seed.graph(URIRef(name))), name
    assert store.export("trig").startswith(b"@prefix")


def test_exports_are_the_same_bytes_on_every_store(seed, tmp_path):
    exports = set()
    for spec in EMBEDDED:
        with open_store(spec.format(tmp=tmp_path)) as opened:
            opened.load(seed)
            exports.add((opened.export("nquads"), opened.export("turtle")))
    assert len(exports) == 1


def test_a_failed_load_leaves_the_previous_graphs(store, tmp_path):
    before = (store.graphs(), store.export("nquads"), run_named(store, named_queries()["citation-only"]))
    broken = tmp_path / "broken.nq"
    good = "<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n" * 1000
    broken.write_text(good + "<urn:x:s> <urn:x:p> this is not RDF .\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken\.nq"):
        store.load(broken)
    after = (store.graphs(), store.export("nquads"), run_named(store, named_queries()["citation-only"]))
    assert after == before


def test_load_without_replace_keeps_the_other_graphs(store, seed):
    extra = Dataset()
    extra.graph(URIRef("urn:x:extra")).add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("o")))
    names = store.graphs()
    store.load(extra, replace=False)
    assert store.graphs() == sorted([*names, "urn:x:extra"])
    store.load(extra)
    assert store.graphs() == ["urn:x:extra"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_hostile_value_matches_nothing_and_changes_nothing(store, value):
    before = store.export("nquads")
    result = run_named(store, named_queries()["chain"], {"number": value})
    assert result.rows == []
    assert store.export("nquads") == before


def test_an_iri_that_would_break_the_query_is_refused(store):
    with pytest.raises(QueryError, match="not a valid RDF term"):
        store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef("urn:x> } DROP ALL ; #")})


@pytest.mark.parametrize(
    "text", ["DROP ALL", "PREFIX x: <urn:x>\nINSERT { ?s ?p 1 } WHERE { SELECT * { ?s ?p ?o } }"]
)
def test_updates_are_refused(store, text):
    with pytest.raises(QueryError, match="not a read query"):
        store.query(text)


def test_construct_gives_an_rdflib_graph(store):
    graph = store.construct(
        "PREFIX dg: <https://w3id.org/directive-graph/ontology#>\n"
        "CONSTRUCT { ?d dg:number ?n } WHERE { ?d dg:number ?n }"
    )
    assert Literal("18-NQ/TW") in set(graph.objects())


def test_a_persistent_oxigraph_store_survives_reopening(seed, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    with open_store(spec) as opened:
        opened.load(seed)
        before = opened.export("nquads")
    (tmp_path / "store" / "v-left-by-a-killed-load").mkdir()
    with open_store(spec) as reopened:
        assert reopened.export("nquads") == before
    assert not (tmp_path / "store" / "v-left-by-a-killed-load").exists()


def test_an_oxigraph_folder_of_other_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        open_store(f"oxigraph:{tmp_path}")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_killed_oxigraph_load_leaves_the_earlier_graph(seed, tmp_path):
    folder = tmp_path / "store"
    with open_store(f"oxigraph:{folder}") as opened:
        opened.load(seed)
        before = opened.export("nquads")
    big = tmp_path / "big.nq"
    big.write_bytes(serialize_quads(scaled_quads(seed, 300_000), "nquads"))
    versions = set(folder.glob("v-*"))
    code = f"from graph.store import open_store; open_store({f'oxigraph:{folder}'!r}).load({str(big)!r})"
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while set(folder.glob("v-*")) == versions and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert child.poll() is None, "the load ended before it could be killed: use a bigger file"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    with open_store(f"oxigraph:{folder}") as reopened:
        assert reopened.export("nquads") == before


def test_a_server_that_is_down_fails_clearly_and_fast():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = open_store(f"sparql:http://user:secret@127.0.0.1:{port}/sparql#server=virtuoso")
    start = time.monotonic()
    with pytest.raises(StoreError, match="Tried 3 times") as caught:
        store.query("ASK {}")
    assert time.monotonic() - start < 10
    assert "secret" not in str(caught.value)
    assert f"127.0.0.1:{port}/sparql" in str(caught.value)


@pytest.mark.parametrize(
    "spec", ["postgres:x", "sparql:ftp://h/", "sparql:http://a:secret@h/sparql#server=nope"]
)
def test_bad_specs_are_refused_without_echoing_credentials(spec):
    with pytest.raises(StoreError) as caught:
        open_store(spec)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "name",
    [
        "graph.store",
        "graph.store.querytext",
        "graph.store.results",
        "graph.store.spec",
        "graph.store.synthetic",
        "graph.store.terms",
    ],
)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0


# A chain under R: A implements R; C implements A and also replaces R; B only cites A; D only cites R; E
# implements B (B is outside the chain, so E is too). Each relation is stated directly and qualified.
CHAIN_TTL = """
@prefix dg: <https://w3id.org/directive-graph/ontology#> .
@prefix : <urn:x:> .
:R dg:number "1-NQ/TW" .
:A dg:number "2-KL/TW" ; dg:implements :R ; dg:qualifiedRelation :a .
:a dg:toDocument :R ; dg:relationType dg:implements .
:C dg:number "3-KL/TU" ; dg:implements :A ; dg:replaces :R ; dg:qualifiedRelation :c1, :c2 .
:c1 dg:toDocument :A ; dg:relationType dg:implements .
:c2 dg:toDocument :R ; dg:relationType dg:replaces .
:B dg:number "4-CV/TU" ; dg:cites :A ; dg:qualifiedRelation :b .
:b dg:toDocument :A ; dg:relationType dg:cites .
:D dg:number "5-CV/TU" ; dg:cites :R ; dg:qualifiedRelation :d .
:d dg:toDocument :R ; dg:relationType dg:cites .
:E dg:number "6-KH/HU" ; dg:implements :B ; dg:qualifiedRelation :e .
:e dg:toDocument :B ; dg:relationType dg:implements .
"""


@pytest.mark.parametrize("spec", EMBEDDED)
def test_chain_links_are_the_relations_trace_follows(spec, tmp_path):
    """C replaces R and B cites A: neither is a link of the chain (nor an edge `trace` follows)."""
    graph = Graph().parse(data=CHAIN_TTL, format="turtle")
    with open_store(spec.format(tmp=tmp_path)) as opened:
        opened.load(graph)
        rows = run_named(opened, named_queries()["chain"], {"number": "1-NQ/TW"}).rows
    assert sorted((r[1], r[2], r[3]) for r in rows) == [
        ("2-KL/TW", "implements", "1-NQ/TW"),
        ("3-KL/TU", "implements", "2-KL/TW"),
    ]
    assert rows == run_query(graph, named_queries()["chain"], {"number": "1-NQ/TW"}).rows
