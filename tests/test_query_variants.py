"""Named-query variants (graph/queries/variants) and parameter forms: a variant gives the rows of its query.

A variant is the text run when its parameter is given; it starts from what that parameter selects. These
tests hold every variant to its query's own rows for every value the graph holds, alone and with the
other parameters, on the seed build and on a synthetic corpus, on rdflib and Oxigraph.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import unicodedata

import pytest

from graph.bench import param_values
from graph.errors import QueryError
from graph.sparql import NamedQuery, bind_params, named_queries, param_term, run_query
from graph.store import Store, open_store, run_named

WITH_VARIANTS = sorted(name for name, q in named_queries().items() if q.variants)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    from graph.pipeline import build_corpus
    from graph.synth import generate_corpus

    texts = tmp_path_factory.mktemp("synthetic") / "texts"
    generate_corpus(texts, docs=200, seed=11)
    return build_corpus(texts).graph


@pytest.fixture(scope="module", params=["seed", "synthetic"])
def graph_of(request, corpus, synthetic):
    return corpus.graph if request.param == "seed" else synthetic


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, graph_of) -> Store:
    opened = open_store(request.param)
    opened.load(graph_of)
    yield opened
    opened.close()


def calls(store: Store, query: NamedQuery) -> list[dict[str, str]]:
    """Every value of each parameter alone, then up to 8 pairs of values of two parameters."""
    values = {name: param_values(store, name) for name in query.params}
    alone = [{name: v} for name, vs in values.items() for v in vs]
    pairs = [
        {a: va, b: vb}
        for a, b in itertools.combinations(values, 2)
        for va, vb in itertools.product(values[a], values[b])
    ]
    return alone + random.Random(5).sample(pairs, min(8, len(pairs)))


def test_some_queries_have_variants():
    assert {"documents-by-issuer-year", "models-by-locality"} <= set(WITH_VARIANTS)


@pytest.mark.parametrize("name", WITH_VARIANTS)
def test_a_variant_gives_the_rows_of_its_query(store, name):
    query = named_queries()[name]
    general = dataclasses.replace(query, variants={})
    made = calls(store, query)
    for param, text in query.variants.items():
        # this variant alone, on every call that gives its parameter (with the others or not)
        alone = dataclasses.replace(query, variants={param: text})
        mine = [params for params in made if param in params]
        assert mine, f"no value of {param} in the graph: the comparison would prove nothing"
        found = 0
        for params in mine:
            rows = run_named(store, alone, params)
            assert rows == run_named(store, general, params), params
            found += bool(rows.rows)
        assert found, f"no call of {name} with {param} found rows: the comparison would prove nothing"


def test_the_variant_of_the_first_declared_parameter_runs():
    query = named_queries()["documents-by-issuer-year"]
    assert query.text_for({}) == query.text
    assert query.text_for({"year": "2022"}) == query.variants["year"]
    assert query.text_for({"year": "2022", "issuer": "Bộ Chính trị"}) == query.variants["issuer"]


def test_a_label_parameter_is_a_vietnamese_literal_in_nfc():
    query = named_queries()["documents-by-issuer-year"]
    decomposed = unicodedata.normalize("NFD", "Bộ Chính trị")  # as some keyboards type it
    terms = bind_params(query, {"issuer": decomposed, "year": "2022"})
    assert terms["issuer"].language == "vi" and str(terms["issuer"]) == "Bộ Chính trị"
    assert str(terms["issuer"]) != decomposed and terms["year"].toPython() == 2022


def test_a_relation_parameter_is_an_ontology_term(corpus):
    query = named_queries()["relations-evidence"]
    assert str(bind_params(query, {"relation": "implements"})["relation"]).endswith("ontology#implements")
    rows = run_query(corpus.graph, query, {"relation": "implements"}).rows
    assert rows and {row[1] for row in rows} == {"implements"}
    with pytest.raises(QueryError, match=r"relations-evidence.*not a name such as implements"):
        bind_params(query, {"relation": "implements } ; DROP ALL"})
    assert not run_query(corpus.graph, query, {"relation": "implement"}).rows


def test_a_plain_value_keeps_its_old_reading():
    assert param_term("<https://example.org/x>").n3() == "<https://example.org/x>"
    assert param_term("2022").toPython() == 2022
    assert param_term("18-NQ/TW").language is None


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# param issuer (@vi x): optional", "has the form '@vi x'"),
        ("# param relation (ex:): optional", "prefix 'ex:', which the query does not declare"),
    ],
)
def test_a_bad_parameter_form_names_the_file_and_line(tmp_path, monkeypatch, header, message):
    import graph.sparql

    text = f"# q: a query\n{header}\nSELECT * WHERE {{ ?s ?p ?o }}\n"
    (tmp_path / "q.rq").write_text(text, encoding="utf-8")
    monkeypatch.setattr(graph.sparql, "QUERIES_DIR", tmp_path)
    with pytest.raises(QueryError, match=rf"q\.rq:2: .*{message}"):
        named_queries()


@pytest.mark.parametrize("stem", ["q.nothing", "other.year"])
def test_a_variant_of_an_unknown_query_or_parameter_is_refused(tmp_path, monkeypatch, stem):
    import graph.sparql

    (tmp_path / "q.rq").write_text("# q: a query\n# param year: optional\nSELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "variants").mkdir()
    (tmp_path / "variants" / f"{stem}.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    monkeypatch.setattr(graph.sparql, "QUERIES_DIR", tmp_path)
    with pytest.raises(QueryError, match=f"{stem}.rq: a variant names"):
        named_queries()


def test_variant_files_are_not_listed_as_queries():
    assert WITH_VARIANTS and not [name for name in named_queries() if "." in name]
