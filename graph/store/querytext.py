"""Reading SPARQL query text just enough to bind values safely and to order results the same way.

A small lexer skips comments, strings and IRIs, so that braces and keywords inside them never count.
``with_values`` puts a ``VALUES`` block at the start of the outermost ``WHERE`` group (where the
query's own filters see the bound variables, as rdflib's ``initBindings`` do); ``order_keys`` reads a
top-level ``ORDER BY`` made of plain variables.

>>> with_values('SELECT ?d WHERE { ?d <p> ?n . FILTER(?n != "{") }', {"n": '"18-NQ/TW"'})
'SELECT ?d WHERE { VALUES (?n) { ("18-NQ/TW") }  ?d <p> ?n . FILTER(?n != "{") }'
>>> order_keys("SELECT ?a ?b WHERE { ?a <p> ?b } ORDER BY DESC(?b) ?a LIMIT 3")
[('b', True), ('a', False)]
>>> query_form("PREFIX x: <urn:x>\\n# a comment\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.errors import QueryError

__all__ = ["is_distinct", "order_keys", "query_form", "with_values"]

# One token of SPARQL text. Examples: '# comment', '"""long"""', "'x'", '<http://a/b>', '?doc', '$x',
# 'dg:number', ':local', 'WHERE', '{', '}'.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<word>[A-Za-z0-9_\u00b7-\uffff.-]*:[A-Za-z0-9_\u00b7-\uffff.:%\\-]*|[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<space>\s+)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
# A variable name: "number", "issueYear" (VARNAME in the SPARQL grammar, ASCII letters here)
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_AFTER_ORDER = {"LIMIT", "OFFSET", "VALUES"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth before this token


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of ``text`` (no comments, no white space), with their brace depth."""
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind in ("comment", "space"):
            continue
        value = match.group()
        yield Token(kind, value, match.start(), match.end(), depth)
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the PREFIX and BASE lines; None for anything
    else (an update such as ``INSERT { ... } WHERE { SELECT ... }`` is not a query)."""
    skip = 0
    for token in tokens(text):
        if skip:
            skip -= 1
            continue
        word = token.text.upper() if token.kind == "word" else ""
        if word in ("PREFIX", "BASE"):
            skip = 2 if word == "PREFIX" else 1
            continue
        return word if word in _FORMS else None
    return None


def is_distinct(text: str) -> bool:
    """True for ``SELECT DISTINCT`` or ``SELECT REDUCED`` at the top level."""
    found = [t for t in tokens(text) if t.depth == 0]
    for token, following in itertools.pairwise(found):
        if token.kind == "word" and token.text.upper() == "SELECT":
            return following.kind == "word" and following.text.upper() in ("DISTINCT", "REDUCED")
    return False


def _where_brace(text: str) -> int:
    """The offset just after the ``{`` that opens the outermost WHERE group."""
    saw_where = False
    form = None
    for token in tokens(text):
        if token.depth != 0:
            continue
        word = token.text.upper() if token.kind == "word" else ""
        if form is None and word in _FORMS:
            form = word
        if word == "WHERE":
            saw_where = True
        elif token.text == "{" and (saw_where or form in ("SELECT", "ASK", "DESCRIBE")):
            return token.end
    raise QueryError("cannot bind parameters: the query has no WHERE group.", hint="Add WHERE { ... }.")


def with_values(text: str, values: dict[str, str]) -> str:
    """``text`` with ``VALUES (?a ?b) { (A B) }`` first in its outermost WHERE group.

    ``values`` maps variable names to terms already written in N-Triples syntax (see ``sparql_term``).
    """
    if not values:
        return text
    for name in values:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a variable name.", hint="Use letters, digits and _.")
    names = " ".join(f"?{name}" for name in values)
    block = f" VALUES ({names}) {{ ({' '.join(values.values())}) }} "
    at = _where_brace(text)
    return text[:at] + block + text[at:]


def order_keys(text: str) -> list[tuple[str, bool]] | None:
    """The top-level ORDER BY as (variable, descending) pairs; [] without one; None if it has expressions."""
    found = list(tokens(text))
    start = None
    for i, token in enumerate(found):
        if token.depth == 0 and token.kind == "word" and token.text.upper() == "ORDER":
            start = i + 2  # after ORDER BY
    if start is None:
        return []
    keys: list[tuple[str, bool]] = []
    i = start
    while i < len(found) and not (found[i].kind == "word" and found[i].text.upper() in _AFTER_ORDER):
        part = found[i : i + 4]
        if part[0].kind == "var":
            keys.append((part[0].text[1:], False))
            i += 1
        elif (
            len(part) == 4
            and part[0].text.upper() in ("ASC", "DESC")
            and part[1].text == "("
            and part[2].kind == "var"
            and part[3].text == ")"
        ):
            keys.append((part[2].text[1:], part[0].text.upper() == "DESC"))
            i += 4
        else:
            return None
    return keys
