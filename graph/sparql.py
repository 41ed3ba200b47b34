"""Named research questions (graph/queries/*.rq) and ad-hoc SPARQL over a built graph.

Values from the command line reach SPARQL as bindings (``initBindings``), never by string concatenation:
a number such as ``18-NQ/TW" } DROP ALL ; #`` is just a literal that matches nothing. Only read queries
(SELECT, ASK, CONSTRUCT, DESCRIBE) run here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.errors import QueryError
from graph.paths import QUERIES_DIR

__all__ = [
    "NamedQuery",
    "Result",
    "check_params",
    "format_result",
    "load_query",
    "named_queries",
    "reads_outside",
    "refuse_outside",
    "run_query",
]

# Header lines of a named query. Example: "# param number: the printed number of the root document"
_PARAM_LINE = re.compile(r"^#\s*param\s+(?P<name>\w+)\s*:\s*(?P<doc>.*)$", re.MULTILINE)
# The first comment line: "# chain: every document that implements ..."
_TITLE_LINE = re.compile(r"^#\s*(?P<name>[\w-]+)\s*:\s*(?P<doc>.*)$")
# The prologue of a query: PREFIX and BASE declarations, on their own lines or not.
# Example: "PREFIX dg: <https://w3id.org/directive-graph/ontology#> SELECT ..."
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w-]*:\s*|BASE\s*)<[^>]*>\s*)*", re.I)
# An update. Example: "DELETE WHERE { ?s ?p ?o }", "DROP ALL"
_UPDATE = re.compile(r"(?:INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|COPY|MOVE|ADD|WITH)\b", re.I)
# A clause that would make rdflib read a file or fetch a URL, once literals, IRIs and comments are masked.
# Example: "FROM <file:///etc/passwd>", "SERVICE <http://example.org/sparql> { ... }"
_OUTSIDE = re.compile(r"\bFROM\s+(?:NAMED\s+)?<iri>|\bSERVICE\b", re.I)
# String literals (long and short, either quote), then IRIs, then comments. Example: 'BIND("from the
# SERVICE" AS ?x)', "<https://w3id.org/directive-graph/ontology#>", "# FROM <x>".
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
_IRIS = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENTS = re.compile(r"#[^\n]*")
# A read query. Example: "SELECT DISTINCT ?document ..."
_FORM = re.compile(r"(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str


@dataclass(frozen=True, slots=True)
class Result:
    columns: list[str]
    rows: list[list[str | None]]


def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in graph/queries, by name."""
    return {q.name: q for q in (_parse(p) for p in sorted(QUERIES_DIR.glob("*.rq")))}


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    first = _TITLE_LINE.match(text.splitlines()[0]) if text else None
    description = first.group("doc") if first else ""
    params = {m.group("name"): m.group("doc").strip() for m in _PARAM_LINE.finditer(text)}
    return NamedQuery(path.stem, description, params, text)


def load_query(spec: str) -> NamedQuery:
    """A query by name, by file path, or inline text."""
    queries = named_queries()
    if spec in queries:
        return queries[spec]
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no query file {spec!r}.", hint=f"Named queries: {', '.join(sorted(queries))}.")
        return _parse(path)
    if _UPDATE.match(_body(spec)) is not None:
        raise QueryError(
            "this is an update, not a read query; only SELECT, ASK, CONSTRUCT and DESCRIBE run here.",
            hint="Updates are refused.",
        )
    if _FORM.match(_body(spec)) is None:
        raise QueryError(
            f"unknown query {spec!r}: not a named query, a .rq file or a SELECT/ASK/CONSTRUCT.",
            hint=f"Named queries: {', '.join(sorted(queries))}.",
        )
    return NamedQuery("inline", "", {}, spec)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def reads_outside(text: str) -> bool:
    """Whether a query names a dataset outside the graph (FROM <...>, SERVICE): rdflib would read it."""
    masked = _COMMENTS.sub(" ", _IRIS.sub("<iri>", _STRINGS.sub('""', text)))
    return _OUTSIDE.search(masked) is not None


def _body(text: str) -> str:
    """The query after its comments and prologue: it starts with its form (SELECT, DELETE ...)."""
    stripped = _strip_comments(text)
    return stripped[_PROLOGUE.match(stripped).end() :]  # type: ignore[union-attr]


def param_term(value: str) -> Literal | URIRef:
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value)


def check_params(query: NamedQuery, params: dict[str, str]) -> None:
    """Refuse a parameter the query does not declare (an inline query takes any). Shared by
    :func:`run_query` and :func:`graph.store.run_named`, as is :func:`refuse_outside`."""
    unknown = sorted(set(params) - set(query.params)) if query.params or query.name != "inline" else []
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r}.",
            hint=f"Its parameters: {', '.join(query.params) or '(none)'}.",
        )


def refuse_outside(query: NamedQuery) -> None:
    """Refuse a query that names a dataset outside the graph."""
    if reads_outside(query.text):
        raise QueryError(
            f"query {query.name!r} names a dataset outside the graph (FROM <...> or SERVICE); refused.",
            hint="Queries run over the built graph only; use GRAPH ?g { ... } for its named graphs.",
        )


def run_query(graph: Graph, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """Run a read query with ``params`` bound to variables of the same name."""
    params = params or {}
    check_params(query, params)
    if _FORM.match(_body(query.text)) is None:
        raise QueryError(
            f"query {query.name!r} is not a read query; only SELECT, ASK, CONSTRUCT and DESCRIBE run here.",
            hint="Updates are refused.",
        )
    refuse_outside(query)
    bindings: dict[str, Identifier] = {k: param_term(v) for k, v in params.items()}
    try:
        result = graph.query(query.text, initBindings=bindings)
    except Exception as exc:  # rdflib raises pyparsing and evaluation errors of many types
        raise QueryError(f"query {query.name!r} failed: {exc}") from exc
    if result.type == "ASK":
        return Result(["ask"], [["true" if result.askAnswer else "false"]])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        triples: list[list[str | None]] = [[t.n3() for t in triple] for triple in result.graph]
        return Result(["subject", "predicate", "object"], sorted(triples, key=lambda r: tuple(map(str, r))))
    columns = [str(v) for v in result.vars or []]
    rows: list[list[str | None]] = [
        [None if value is None else str(value) for value in row]  # type: ignore[union-attr]
        for row in result
    ]
    return Result(columns, rows)


def format_result(result: Result, fmt: str) -> str:
    """As an aligned text table, CSV or JSON (a list of objects)."""
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return buffer.getvalue()
    cells = [result.columns] + [["" if v is None else _short(v) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    count = len(result.rows)
    return "\n".join(lines) + f"\n({count} row{'' if count == 1 else 's'})\n"


def _short(value: str) -> str:
    for prefix, short in (
        ("https://w3id.org/directive-graph/id/", "dgid:"),
        ("https://w3id.org/directive-graph/ontology#", "dg:"),
    ):
        if value.startswith(prefix):
            return short + value[len(prefix) :]
    return value if len(value) <= 80 else value[:77] + "..."
