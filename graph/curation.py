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


def load_curation(path: Path, sources_root: Path, *, display: str | None = None) -> Curation:
    """Read one curation file; raise :class:`CurationError` with file:line for any problem."""
    shown = display or path.as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(
            f"YAML syntax error: {problem}.",
            path=shown,
            line=line,
            hint="Fix the YAML at that line (check indentation and quoting).",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise CurationError("a curation file needs a top-level `facts:` list.", path=shown, line=1)
    fact_nodes = _fact_nodes(root)
    relations, attributes = [], []
    for index, fact in enumerate(data["facts"]):
        line = fact_nodes[index] if index < len(fact_nodes) else 1
        rel, attrs = _fact(fact, shown, line, sources_root)
        relations.extend(rel)
        attributes.extend(attrs)
    return Curation(tuple(relations), tuple(attributes))


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
    if "document" in fact and isinstance(fact.get("set"), dict):
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
            attrs.append(CuratedAttribute(fid, doc, str(name), _scalar(value), citation, file, line))
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
        url, quote = value.get("url"), value.get("quote")
        return Citation(str(value["text"]).strip(), str(url) if url else None, str(quote) if quote else None)
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
        number=str(value["number"]) if value.get("number") else None,
        date=_scalar(value["date"]) if value.get("date") else None,
        province=str(value["province"]) if value.get("province") else None,
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


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
