"""graph.sparql: the named queries on the seed corpus, and safe parameters."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.sparql import format_result, load_query, named_queries, run_query


def test_the_named_queries_the_issue_asks_for():
    assert {
        "chain",
        "documents-by-issuer-year",
        "models-by-locality",
        "citation-only",
        "relations-evidence",
    } <= named_queries().keys()
    for query in named_queries().values():
        assert query.description, query.name


def test_chain_query_matches_the_projection(corpus):
    result = run_query(corpus.graph, load_query("chain"), {"number": "18-NQ/TW"})
    found = {row[result.columns.index("docNumber")] for row in result.rows}
    assert found == {"34-KL/TW", "175-TTr/BTCTW", "16-TB/TW", "55-KL/TU", "50-KL/TW"}


def test_documents_by_issuer_and_year(corpus):
    result = run_query(
        corpus.graph, load_query("documents-by-issuer-year"), {"issuer": "Bộ Chính trị", "year": "2022"}
    )
    assert [row[result.columns.index("number")] for row in result.rows] == ["16-TB/TW"]


def test_models_by_locality(corpus):
    result = run_query(corpus.graph, load_query("models-by-locality"), {"locality": "Đức Thọ"})
    assert len(result.rows) == 1
    row = dict(zip(result.columns, result.rows[0], strict=True))
    assert (row["status"], row["decidedBy"], row["deadline"]) == ("dismantle", "55-KL/TU", "2022-10")


def test_citation_only_lists_documents_without_their_own_text(corpus):
    result = run_query(corpus.graph, load_query("citation-only"))
    numbers = {row[1] for row in result.rows}
    assert {"18-NQ/TW", "34-KL/TW", "50-KL/TW"} <= numbers
    assert "16-TB/TW" not in numbers and "55-KL/TU" not in numbers


def test_relations_with_evidence(corpus):
    result = run_query(corpus.graph, load_query("relations-evidence"), {"relation": "implements"})
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    quotes = {r["quote"] for r in rows if r["from"] == "16-TB/TW" and r["to"] == "18-NQ/TW"}
    assert any(
        "về thực hiện một số mô hình thí điểm theo Nghị quyết số 18-NQ/TW" in (q or "") for q in quotes
    )
    curated = [r for r in rows if r["origin"] == "curated"]
    assert curated and curated[0]["citation"].startswith("Kết luận số 34-KL/TW")


def test_injection_through_a_parameter_is_just_a_literal(corpus):
    before = len(corpus.graph)
    result = run_query(corpus.graph, load_query("chain"), {"number": '18-NQ/TW" } DROP ALL ; #'})
    assert result.rows == []
    assert len(corpus.graph) == before


def test_updates_are_refused(corpus):
    with pytest.raises(QueryError, match="not a read query"):
        run_query(corpus.graph, load_query("DELETE WHERE { ?s ?p ?o }"))


def test_unknown_parameter_is_named():
    with pytest.raises(QueryError, match="has no parameter 'numbr'"):
        run_query(None, load_query("chain"), {"numbr": "x"})  # type: ignore[arg-type]


def test_formats(corpus):
    result = run_query(corpus.graph, load_query("citation-only"))
    assert format_result(result, "csv").splitlines()[0] == "document,number,date,citedIn"
    assert format_result(result, "json").startswith("[")
    assert f"({len(result.rows)} rows)" in format_result(result, "table")
    one = run_query(corpus.graph, load_query("models-by-locality"), {"locality": "Đức Thọ"})
    assert format_result(one, "table").endswith("\n(1 row)\n")


def test_a_one_line_prologue_is_a_read_query(corpus):
    """Regression: the form check wanted a line break after each PREFIX."""
    prologue = "PREFIX dg: <https://w3id.org/directive-graph/ontology#>"
    text = f"{prologue} SELECT (COUNT(*) AS ?n) WHERE {{ ?d dg:number ?x }}"
    result = run_query(corpus.graph, load_query(text))
    assert int(result.rows[0][0]) >= 15  # every document that prints a number
    with pytest.raises(QueryError, match="this is an update"):
        load_query("PREFIX dg: <https://w3id.org/directive-graph/ontology#> DELETE WHERE { ?s dg:number ?o }")
