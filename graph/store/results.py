"""Query results in one shape for every store: :class:`graph.sparql.Result`, rows of strings, one order.

Cells are lexical forms (``"2022-07-07"`` for an ``xsd:date``, ``"3"`` for an integer, an IRI as it is).
Engines agree on ORDER BY but not on how they break its ties, nor on the order of a query without
ORDER BY; ``canonical_order`` settles both: rows that tie on every ORDER BY key are sorted by their cells,
and a query without ORDER BY has all its rows sorted. It also drops repeated rows of a ``SELECT
DISTINCT``: Virtuoso 7.2 repeats rows that hold an unbound value (the chain query from 18-NQ/TW gave
55-KL/TU three times, once per path).

>>> r = Result(["n", "d"], [["b", "2"], ["a", "2"], ["c", "1"]])
>>> canonical_order(r, "SELECT ?n ?d WHERE {} ORDER BY DESC(?d)").rows
[['a', '2'], ['b', '2'], ['c', '1']]
>>> canonical_order(r, "SELECT ?n ?d WHERE {}").rows
[['a', '2'], ['b', '2'], ['c', '1']]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from graph.errors import QueryError
from graph.sparql import Result
from graph.store.querytext import is_distinct, order_keys

__all__ = ["ask_result", "canonical_order", "json_result", "triples_result"]

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _row_key(row: list[str | None]) -> tuple[tuple[int, str], ...]:
    return tuple((0, "") if cell is None else (1, cell) for cell in row)


def canonical_order(result: Result, text: str) -> Result:
    """``result`` with a deterministic row order (see the module docstring)."""
    if is_distinct(text):
        unique = {tuple(row): row for row in result.rows}
        result = Result(result.columns, list(unique.values()))
    keys = order_keys(text)
    if keys is None:
        return result
    if not keys:
        return Result(result.columns, sorted(result.rows, key=_row_key))
    index = [result.columns.index(name) for name, _ in keys if name in result.columns]
    if len(index) != len(keys):
        return result  # an ORDER BY key is not projected: its ties cannot be seen here
    rows: list[list[str | None]] = []
    group: list[list[str | None]] = []
    for row in result.rows:
        if group and [group[0][i] for i in index] != [row[i] for i in index]:
            rows.extend(sorted(group, key=_row_key))
            group = []
        group.append(row)
    rows.extend(sorted(group, key=_row_key))
    return Result(result.columns, rows)


def ask_result(answer: bool) -> Result:
    return Result(["ask"], [["true" if answer else "false"]])


def triples_result(graph: Graph) -> Result:
    """A CONSTRUCT or DESCRIBE answer as rows of N3 terms, sorted (as :func:`graph.sparql.run_query`)."""
    rows: list[list[str | None]] = sorted([[_n3(t) for t in triple] for triple in graph])
    return Result(["subject", "predicate", "object"], rows)


def _n3(term: Node) -> str:
    return str(term.n3())


def json_result(data: dict[str, Any]) -> Result:
    """A SPARQL 1.1 Query Results JSON document as a Result."""
    if "boolean" in data:
        return ask_result(bool(data["boolean"]))
    try:
        columns = [str(v) for v in data["head"]["vars"]]
        bindings: Iterable[dict[str, dict[str, str]]] = data["results"]["bindings"]
        rows = [[_json_cell(b.get(c)) for c in columns] for b in bindings]
    except (KeyError, TypeError) as exc:
        raise QueryError(f"the server's answer is not SPARQL JSON results: missing {exc}.") from exc
    return Result(columns, rows)


def _json_cell(cell: dict[str, str] | None) -> str | None:
    if cell is None:
        return None
    value = cell["value"]
    if cell.get("datatype") == XSD_BOOLEAN:  # Virtuoso answers "1"/"0" for stored "true"/"false"
        return {"1": "true", "0": "false"}.get(value, value)
    return value
