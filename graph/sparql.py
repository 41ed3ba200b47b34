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
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.errors import QueryError
from graph.paths import QUERIES_DIR

__all__ = [
    "NamedQuery",
    "Result",
    "bind_params",
    "check_params",
    "format_result",
    "load_query",
    "named_queries",
    "reads_outside",
    "refuse_outside",
    "run_query",
]

# Header lines of a named query, with the form of the value in parentheses when it is not a plain literal.
# Examples: "# param number: the printed number of the root document", "# param issuer (@vi): optional,
# the issuing body's Vietnamese label", "# param relation (dg:): optional, a relation name".
_PARAM_LINE = re.compile(
    r"^#\s*param\s+(?P<name>\w+)\s*(?:\((?P<form>[^)]*)\))?\s*:\s*(?P<doc>.*)$", re.MULTILINE
)
# A parameter form: a language tag ("@vi") or a namespace prefix the query declares ("dg:").
_LANG_FORM = re.compile(r"@[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_PREFIX_FORM = re.compile(r"[A-Za-z][\w-]*:")
# A local name a prefix form takes. Example: "implements", "basedOn"
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# A PREFIX declaration. Example: "PREFIX dg: <https://w3id.org/directive-graph/ontology#>"
_PREFIX_DECL = re.compile(r"PREFIX\s+(?P<prefix>[\w-]*):\s*<(?P<iri>[^>]*)>", re.I)
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
    """A query with its declared parameters (name -> description) and the form each value takes when
    it is not a plain literal (name -> a language tag "@vi", or the namespace IRI its ``(dg:)`` prefix
    stands for; see :func:`param_term`)."""

    name: str
    description: str
    params: dict[str, str]
    text: str
    forms: dict[str, str] = field(default_factory=dict)
    # param name -> the text run when that parameter is given (graph/queries/variants/NAME.PARAM.rq)
    variants: dict[str, str] = field(default_factory=dict)

    def text_for(self, params: dict[str, str]) -> str:
        """The text to run with ``params``: the variant of the first declared parameter given that has
        one, else the query itself. A variant returns the same rows as the query for any parameters (a
        test holds them to it); it starts from what the parameter selects, which a store looks up in
        its indexes, where the query itself must go through every row to serve its listing."""
        for name in self.params:
            if name in params and name in self.variants:
                return self.variants[name]
        return self.text


@dataclass(frozen=True, slots=True)
class Result:
    columns: list[str]
    rows: list[list[str | None]]


def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in graph/queries, by name, with its variants (graph/queries/variants)."""
    queries = {q.name: q for q in (_parse(p) for p in sorted(QUERIES_DIR.glob("*.rq")))}
    variants: dict[str, dict[str, str]] = {}
    for path in sorted((QUERIES_DIR / "variants").glob("*.rq")):
        name, _, param = path.stem.rpartition(".")
        query = queries.get(name)
        if query is None or param not in query.params:
            raise QueryError(
                f"{path}: a variant names query {name!r} and parameter {param!r}, which "
                f"{'it does not declare' if query else 'is not a named query'}.",
                hint="Name a variant QUERY.PARAM.rq after a named query and one of its parameters.",
            )
        variants.setdefault(name, {})[param] = path.read_text(encoding="utf-8")
    return {name: replace(q, variants=variants.get(name, {})) for name, q in queries.items()}


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    first = _TITLE_LINE.match(text.splitlines()[0]) if text else None
    description = first.group("doc") if first else ""
    prefixes = {m.group("prefix"): m.group("iri") for m in _PREFIX_DECL.finditer(_strip_comments(text))}
    params: dict[str, str] = {}
    forms: dict[str, str] = {}
    for match in _PARAM_LINE.finditer(text):
        name, form = match.group("name"), (match.group("form") or "").strip()
        params[name] = match.group("doc").strip()
        if not form:
            continue
        line = text.count("\n", 0, match.start()) + 1
        if _PREFIX_FORM.fullmatch(form) and form[:-1] not in prefixes:
            raise QueryError(
                f"{path}:{line}: parameter {name!r} takes names of the prefix {form!r}, which the query "
                "does not declare.",
                hint=f"Add a PREFIX {form} <...> line, or give another form.",
            )
        if not (_LANG_FORM.fullmatch(form) or _PREFIX_FORM.fullmatch(form)):
            raise QueryError(
                f"{path}:{line}: parameter {name!r} has the form {form!r}; a form is a language tag "
                "such as (@vi) or a prefix the query declares such as (dg:).",
                hint="Leave the parentheses out for a plain literal.",
            )
        forms[name] = form if form.startswith("@") else prefixes[form[:-1]]
    return NamedQuery(path.stem, description, params, text, forms)


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


def param_term(value: str, form: str = "") -> Literal | URIRef:
    """The RDF term a parameter value stands for: ``<iri>`` an IRI, digits an integer, other text a
    string (NFC, as the graph's text is). A declared form makes it a term the store finds through its
    indexes rather than by comparing every row: ``@vi`` a Vietnamese-tagged literal (a label), a
    namespace IRI (from a ``(dg:)`` declaration) the IRI of a local name in it (a relation name such as
    implements)."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    text = unicodedata.normalize("NFC", value)
    if form.startswith("@"):
        return Literal(text, lang=form[1:])
    if form:
        if _LOCAL_NAME.fullmatch(text) is None:
            raise QueryError(
                f"{value!r} is not a name such as implements or basedOn.",
                hint="Give the name alone (letters, digits, _ or -), or a full IRI in angle brackets.",
            )
        return URIRef(form + text)
    if re.fullmatch(r"-?\d+", text):
        return Literal(int(text), datatype=XSD.integer)
    return Literal(text)


def bind_params(query: NamedQuery, params: dict[str, str]) -> dict[str, Literal | URIRef]:
    """``params`` as the terms their variables are bound to, each in the form the query declares."""
    try:
        return {name: param_term(value, query.forms.get(name, "")) for name, value in params.items()}
    except QueryError as exc:
        raise QueryError(f"query {query.name!r}: {exc.message}", hint=exc.hint) from exc


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
    bindings: dict[str, Identifier] = dict(bind_params(query, params))
    try:
        result = graph.query(query.text_for(params), initBindings=bindings)
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
