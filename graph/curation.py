"""Curation files: facts a text lacks or gets wrong, each with its own citation.

A curation file is YAML (format in sources/README.md)::

    version: 1
    facts:
      - id: kl34-implements-nq18
        relation:
          from: {number: 34-KL/TW, date: 2018-08-07}
          type: implements
          to: {number: 18-NQ/TW}
        citation:
          text: "Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị về thực hiện ..."
          url: https://...        # optional
          quote: "..."            # optional: the words that state the fact
      - id: kl55-not-before
        document: {number: 55-KL/TU, province: Hà Tĩnh}
        set: {date_not_before: 2022-07-07}
        citation: {text: "..."}

A document is named by its number (with date or province where the number alone is ambiguous), or by
``source:`` — the path of a text inside the sources folder — for the text's own document. Every problem is
reported with the file and line of the entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.errors import CurationError
from graph.model import RELATION_TYPES

__all__ = [
    "ATTRIBUTES",
    "Citation",
    "CuratedAttribute",
    "CuratedRelation",
    "Curation",
    "DocRef",
    "load_curation",
]

#: Document attributes a curation entry may set.
ATTRIBUTES = ("date", "date_not_before", "date_not_after", "province", "title")


@dataclass(frozen=True, slots=True)
class DocRef:
    number: str | None = None
    date: str | None = None
    province: str | None = None
    source: str | None = None  # a text's own document, by path inside the sources folder

    def describe(self) -> str:
        if self.source:
            return f"the document of {self.source}"
        extra = ", ".join(x for x in (self.date, self.province) if x)
        return f"{self.number}" + (f" ({extra})" if extra else "")


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    url: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class CuratedRelation:
    id: str
    source: DocRef
    relation: str
    target: DocRef
    citation: Citation
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class CuratedAttribute:
    id: str
    document: DocRef
    attribute: str
    value: str
    citation: Citation
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Curation:
    relations: tuple[CuratedRelation, ...] = ()
    attributes: tuple[CuratedAttribute, ...] = ()


def load_curation(
    path: Path,
    sources_root: Path,
    *,
    display: str | None = None,
    errors: list[CurationError] | None = None,
) -> Curation:
    """Read one curation file; every problem is a :class:`CurationError` with file:line.

    A problem with the whole file (YAML syntax, not UTF-8, no ``facts:`` list) is raised. So is a problem
    with one fact, unless ``errors`` is given: then that fact is left out, its error appended to
    ``errors``, and the other facts of the file are kept.
    """
    shown = display or path.as_posix()
    text = _read(path, shown)
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader that keeps dates as text
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line, problem = _yaml_problem(exc, text)
        raise CurationError(
            f"YAML syntax error: {problem}.",
            path=shown,
            line=line,
            hint="Fix the YAML at that line (check indentation and quoting).",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise CurationError("a curation file needs a top-level `facts:` list.", path=shown, line=1)
    return _facts(data["facts"], _fact_nodes(root), shown, sources_root, errors)


def _facts(
    facts: list[Any], lines: list[int], file: str, root: Path, errors: list[CurationError] | None
) -> Curation:
    relations, attributes = [], []
    first_line: dict[str, int] = {}
    for index, fact in enumerate(facts):
        line = lines[index] if index < len(lines) else 1
        try:
            rel, attrs = _fact(fact, file, line, root)
            fid = str(fact["id"])
            if fid in first_line:
                raise CurationError(
                    f"fact {fid!r} is stated twice (also at line {first_line[fid]}).",
                    path=file,
                    line=line,
                    hint="Give each fact its own `id`: it becomes the IRI of its curation record.",
                )
        except CurationError as error:
            if errors is None:
                raise
            errors.append(error)
            continue
        first_line[fid] = line
        relations.extend(rel)
        attributes.extend(attrs)
    return Curation(tuple(relations), tuple(attributes))


class _Loader(yaml.SafeLoader):
    """PyYAML's SafeLoader, except that dates stay as written ("2018-08-07"): they are checked here,
    with the line of the fact, instead of failing inside PyYAML on "2020-13-45"."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CurationError(f"cannot be read: {exc.strerror}.", path=shown) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CurationError(
            f"is not UTF-8 (byte {exc.start}).", path=shown, line=line, hint="Re-save it as UTF-8."
        ) from exc


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line to show and the problem, for a YAML error. A problem found at the end of the file (an
    unclosed bracket or quote) is shown at the line where the unclosed thing starts."""
    last = max(1, len(text.splitlines()))
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (a control character)
        where = min(last, text.count("\n", 0, exc.position) + 1)
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return where, f"the character {code} is not allowed in YAML ({exc.reason})"
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc).rstrip(".")
    context = getattr(exc, "context", None)
    if mark is None:
        return None, problem
    at_end = not text[mark.index :].strip()
    if at_end and context_mark is not None and context:
        return min(last, context_mark.line + 1), f"{context} that starts on this line: {problem}"
    return min(last, mark.line + 1), problem


def _fact_nodes(root: yaml.Node | None) -> list[int]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "facts" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _fact(
    fact: Any, file: str, line: int, root: Path
) -> tuple[list[CuratedRelation], list[CuratedAttribute]]:
    if not isinstance(fact, dict) or not fact.get("id"):
        raise CurationError("each fact needs an `id`.", path=file, line=line)
    fid = str(fact["id"])
    citation = _citation(fact.get("citation"), file, line, fid)
    if "relation" in fact:
        rel = fact["relation"]
        if not isinstance(rel, dict) or not {"from", "type", "to"} <= rel.keys():
            raise CurationError(
                f"fact {fid!r}: `relation` needs `from`, `type` and `to`.", path=file, line=line
            )
        kind = str(rel["type"])
        if kind not in RELATION_TYPES:
            raise CurationError(
                f"fact {fid!r}: unknown relation type {kind!r}.",
                path=file,
                line=line,
                hint=f"Use one of: {', '.join(RELATION_TYPES)}.",
            )
        source, target = (
            _docref(rel["from"], file, line, fid, root),
            _docref(rel["to"], file, line, fid, root),
        )
        return [CuratedRelation(fid, source, kind, target, citation, file, line)], []
    if "document" in fact and isinstance(fact.get("set"), dict) and fact["set"]:
        doc = _docref(fact["document"], file, line, fid, root)
        attrs = []
        for name, value in fact["set"].items():
            if name not in ATTRIBUTES:
                raise CurationError(
                    f"fact {fid!r}: cannot set {name!r}.",
                    path=file,
                    line=line,
                    hint=f"Settable: {', '.join(ATTRIBUTES)}.",
                )
            check = _date if name.startswith("date") else _scalar
            value = check(value, file, line, fid, name)
            attrs.append(CuratedAttribute(fid, doc, str(name), value, citation, file, line))
        return [], attrs
    raise CurationError(
        f"fact {fid!r} states nothing.",
        path=file,
        line=line,
        hint="Give either `relation:` or `document:` with `set:`.",
    )


def _citation(value: Any, file: str, line: int, fid: str) -> Citation:
    if isinstance(value, str) and value.strip():
        return Citation(value.strip())
    if isinstance(value, dict) and str(value.get("text", "")).strip():
        text = _scalar(value["text"], file, line, fid, "citation text").strip()
        url, quote = (
            _scalar(value[key], file, line, fid, f"citation {key}") if value.get(key) else None
            for key in ("url", "quote")
        )
        return Citation(text, url, quote)
    raise CurationError(
        f"fact {fid!r} has no citation.",
        path=file,
        line=line,
        hint="Every curated fact needs `citation:` with the `text` (and `url`) it comes from.",
    )


def _docref(value: Any, file: str, line: int, fid: str, root: Path) -> DocRef:
    if not isinstance(value, dict) or not (value.get("number") or value.get("source")):
        raise CurationError(f"fact {fid!r}: a document needs `number:` or `source:`.", path=file, line=line)
    source = value.get("source")
    if source is not None:
        source = _inside(str(source), root, file, line, fid)
    return DocRef(
        number=_scalar(value["number"], file, line, fid, "number") if value.get("number") else None,
        date=_date(value["date"], file, line, fid, "date") if value.get("date") else None,
        province=_scalar(value["province"], file, line, fid, "province") if value.get("province") else None,
        source=source,
    )


def _inside(source: str, root: Path, file: str, line: int, fid: str) -> str:
    """A source path must name a file inside the sources folder: never anything outside it."""
    candidate = (root / source).resolve()
    if not candidate.is_relative_to(root.resolve()):
        raise CurationError(
            f"fact {fid!r}: source {source!r} lies outside the sources folder; refused.",
            path=file,
            line=line,
            hint="Name a text inside the sources folder.",
        )
    return candidate.relative_to(root.resolve()).as_posix()


def _scalar(value: Any, file: str, line: int, fid: str, what: str) -> str:
    """A plain value (text, number, date); a list or a mapping is refused."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)) or value is None:
        raise CurationError(
            f"fact {fid!r}: {what} must be a single value, not {value!r}.", path=file, line=line
        )
    return str(value)


def _date(value: Any, file: str, line: int, fid: str, what: str) -> str:
    """An ISO date, checked: "2018-08-07"."""
    text = _scalar(value, file, line, fid, what)
    try:
        if len(text) != 10:
            raise ValueError(text)
        dt.date.fromisoformat(text)
    except ValueError:
        raise CurationError(
            f"fact {fid!r}: {what} {text!r} is not a date.",
            path=file,
            line=line,
            hint="Write it as YYYY-MM-DD, e.g. 2018-08-07.",
        ) from None
    return text
