"""The contract between stages: plain, frozen, typed dataclasses.

Extraction produces these from a text; resolution and the RDF build consume them. Nothing here imports
rdflib. Every fact read from a text carries a :class:`Span` over the NFC-normalised text: ``start`` and
``end`` count code points and ``text == source_text[start:end]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, TypeVar, get_args

__all__ = [
    "RELATION_TYPES",
    "THIS",
    "CitedDocument",
    "Extraction",
    "LocalityMention",
    "ModelMention",
    "OwnDocument",
    "Receipt",
    "Relation",
    "Signer",
    "Span",
    "contract_relations",
    "pickled_quickly",
    "to_json",
]

#: The key a relation uses for the text's own document when it has no printed number.
THIS = "THIS"

#: Relation types between documents, most specific first. ``cites`` is the fallback for any other mention.
RelationType = Literal[
    "summarises",
    "continues",
    "concretises",
    "guides",
    "institutionalises",
    "amends",
    "replaces",
    "repeals",
    "implements",
    "based_on",
    "cites",
]
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
ModelStatus = Literal["pilot", "allow", "continue", "pause", "do_not_replicate", "dismantle", "expand"]
LocalityLevel = Literal["province", "district", "commune"]
DocumentKind = Literal["party", "state"]


_T = TypeVar("_T", bound=type)


def pickled_quickly(cls: _T) -> _T:
    """Pickle a frozen, slotted dataclass as the tuple of its fields' values (what dataclasses do), without
    looking its fields up again for every object: a build receives every extraction from a worker, and
    the lookup was most of the time spent unpickling them. Put it above ``@dataclass``."""
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)  # the slots, past the frozen __setattr__

    def __getstate__(self: object) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in names])

    def __setstate__(self: object, state: tuple[object, ...]) -> None:
        for set_slot, value in zip(setters, state, strict=True):
            set_slot(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Span:
    """A slice of the NFC source text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    capacity: str | None = None  # "T/M Bộ Chính trị", "K/T Bí thư", "Chánh Văn phòng" ...
    span: Span | None = None


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Receipt:
    """An incoming stamp: who received the copy, not who issued it."""

    by: str
    number: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    span: Span | None = None


@pickled_quickly
@dataclass(frozen=True, slots=True)
class OwnDocument:
    """The document the text itself is (an official text, or a portal page that presents one)."""

    number: str | None  # normalised "16-TB/TW"; None when the text prints none
    type: str | None  # "Thông báo"
    type_code: str | None  # "TB"
    issuer: str | None  # "Bộ Chính trị"
    issuer_code: str | None  # "TW"
    date: str | None  # ISO date; None when the text does not state it
    title: str | None = None
    place: str | None = None
    province: str | None = None  # the issuer's province when stated; None = unknown
    term: str | None = None  # committee term ("XII") when stated or implied by the date
    signers: tuple[Signer, ...] = ()
    recipients: tuple[str, ...] = ()
    received: tuple[Receipt, ...] = ()
    number_span: Span | None = None
    title_span: Span | None = None
    date_span: Span | None = None


@pickled_quickly
@dataclass(frozen=True, slots=True)
class CitedDocument:
    """A document the text mentions (its own included), with what the text states about it."""

    key: str  # normalised number, or a label for documents cited without one (plenum references)
    number: str | None
    type: str | None
    type_code: str | None
    issuer: str | None
    issuer_code: str | None
    date: str | None
    kind: DocumentKind = "party"
    term: str | None = None  # "XII"
    plenum: int | None = None  # Hội nghị Trung ương 6 -> 6
    title: str | None = None
    mentions: tuple[Span, ...] = ()
    notes: tuple[str, ...] = ()  # conflicts noticed while reading (an issuer code against the words ...)


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` and ``target`` are document keys (or :data:`THIS`)."""

    source: str
    relation: RelationType
    target: str
    evidence: Span


@pickled_quickly
@dataclass(frozen=True, slots=True)
class LocalityMention:
    name: str  # "Hà Tĩnh", "Đức Thọ"
    level: LocalityLevel
    code: str | None  # official code in the edition valid at the document's date
    edition: str | None = None  # code-list edition id
    parent: str | None = None  # the province of a district or commune
    role: str | None = None  # "place of issue", "received the copy", "issuer's province", "assigned a task"
    mentions: tuple[Span, ...] = ()


@pickled_quickly
@dataclass(frozen=True, slots=True)
class ModelMention:
    name: str
    status: ModelStatus | None
    evidence: Span
    locality: str | None = None
    deadline: str | None = None  # "2022-10"
    family: Literal["merger", "concurrent_post", "other"] | None = None
    assignee: str | None = None  # the body given the task ("Ban Thường vụ Huyện ủy Đức Thọ")
    decided_by: str | None = None  # document key, THIS by default


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one text."""

    source: str  # path as given
    text: str  # the decoded NFC text every span points into
    sha256: str  # of the raw bytes as received
    document: OwnDocument | None
    documents: tuple[CitedDocument, ...] = ()
    relations: tuple[Relation, ...] = ()
    localities: tuple[LocalityMention, ...] = ()
    models: tuple[ModelMention, ...] = ()
    warnings: tuple[str, ...] = ()
    published: str | None = None  # a news article's publication date: never a document's date
    kind: Literal["official_text", "portal", "news", "unknown"] = "unknown"


def contract_relations(extraction: Extraction) -> tuple[Relation, ...]:
    """The relations the extraction contract can state: between documents named by a number (or THIS).
    Relations to documents cited without a number (a plenum's or a Congress's resolution) stay in the
    graph, where the document has an IRI, but the contract has no way to name them."""
    numbered = {d.key for d in extraction.documents if d.number} | {THIS}
    if extraction.document is not None and extraction.document.number:
        numbered.add(extraction.document.number)
    return tuple(r for r in extraction.relations if r.source in numbered and r.target in numbered)


def to_json(extraction: Extraction) -> dict[str, Any]:
    """The JSON contract of ``directives extract --format json`` for one file."""
    data = asdict(extraction)
    data.pop("text")
    data.pop("sha256")
    numbers = {d.key: d.number for d in extraction.documents if d.number}
    relations = []
    for rel in contract_relations(extraction):  # keys such as "34-KL/TW@2022-04-18" print as the number
        item = asdict(rel)
        item["source"], item["target"] = (
            numbers.get(rel.source, rel.source),
            numbers.get(rel.target, rel.target),
        )
        relations.append(item)
    data["relations"] = relations
    return data
