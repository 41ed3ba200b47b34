"""Citations -> documents, across the whole corpus.

A printed number is not an identifier. Resolution groups every mention of a number by its *scope* (TW
numbers are central; a TU number belongs to one province, or to a town's committee that prints TU too; an
HU number to one district of one province, as district names repeat; a state number is global) and then by
committee *term* (numbering restarts each term), taken from the term the text states or from the document's
date. A mention whose term (or a district number whose province) is unknown joins the only candidate of its
scope; with several candidates it stays apart and the graph says it is ambiguous. Two sources that give one
number conflicting dates are kept apart and reported, never merged.

Nothing here imports rdflib: the output is plain data that :mod:`graph.build` turns into RDF.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.model import THIS, CitedDocument, Extraction, OwnDocument
from graph.terms import central_term_for, local_term_for
from graph.text import slug

if TYPE_CHECKING:
    from graph.extract.bodies import BodyInfo

__all__ = ["Entry", "Resolution", "ResolvedDocument", "resolve"]

#: name of a province -> its official code, or None (see graph.localities)
ProvinceCoder = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Entry:
    """One document as one source states it."""

    source: str  # source name
    sha16: str
    key: str  # the document's key in that extraction
    doc: CitedDocument
    own: bool  # the source text is this document
    scope: tuple[str, ...]
    term: str | None


#: (scope, number or key) -> the entries that state it
Groups = dict[tuple[tuple[str, ...], str], list[Entry]]


@dataclass(slots=True)
class ResolvedDocument:
    path: str  # IRI path below the data namespace, e.g. "doc/tw/xii/tb-16"
    number: str | None
    kind: str  # "party" | "state"
    scope: tuple[str, ...]
    term: str | None
    type: str | None = None
    type_code: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    date: str | None = None
    title: str | None = None
    plenum: int | None = None
    province: str | None = None
    province_unknown: bool = False
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def expressed_in(self) -> list[str]:
        return sorted({e.source for e in self.entries if e.own})

    @property
    def mentioned_in(self) -> list[str]:
        return sorted({e.source for e in self.entries if not e.own})


@dataclass(slots=True)
class Resolution:
    documents: dict[str, ResolvedDocument] = field(default_factory=dict)
    #: (source name, document key in that extraction) -> document path; THIS maps too
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def find(
        self, number: str, *, date: str | None = None, province: str | None = None
    ) -> list[ResolvedDocument]:
        """Documents carrying ``number`` (optionally narrowed by date and province)."""
        found = [d for d in self.documents.values() if d.number == number]
        if date is not None:
            dated = [d for d in found if d.date == date]
            found = dated or [d for d in found if d.date is None]
        if province is not None:
            found = [d for d in found if d.province is None or slug(d.province) == slug(province)]
        return sorted(found, key=lambda d: d.path)


def resolve(extractions: Iterable[tuple[str, Extraction]], province_code: ProvinceCoder) -> Resolution:
    """Resolve every document of every extraction; ``extractions`` pairs a source name with its extraction."""
    entries: list[Entry] = []
    for name, extraction in extractions:
        entries.extend(_entries(name, extraction))
    resolution = Resolution()
    groups: Groups = defaultdict(list)
    for entry in entries:
        groups[(entry.scope, entry.doc.number or entry.key)].append(entry)
    _join_district_citations(groups, resolution.warnings)
    for group_key in sorted(groups, key=repr):
        for cluster, notes in _clusters(groups[group_key], resolution.warnings):
            doc = _merge(cluster, notes, province_code)
            if doc.path in resolution.documents:  # same path from another scope spelling: keep apart
                doc.path = f"{doc.path}-{cluster[0].sha16[:8]}"
            resolution.documents[doc.path] = doc
            for entry in cluster:
                resolution.keys[(entry.source, entry.key)] = doc.path
                if entry.own:
                    resolution.keys[(entry.source, THIS)] = doc.path
    return resolution


def _join_district_citations(groups: Groups, warnings: list[str]) -> None:
    """A district's (or a unit's) number cited where the province is not known (a national text, a news
    page) joins the only committee of that name with that number; with several (An Lão of Hải Phòng and of
    Bình Định) it stays apart and a warning says so."""
    by_district: dict[tuple[str, str, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for scope, number in groups:
        if scope[0] in ("district", "unit") and len(scope) == 3:
            by_district[(scope[0], scope[1], number)].append((scope, number))
    for key in sorted(groups, key=repr):
        scope, number = key
        if scope[0] not in ("district", "unit") or len(scope) != 2 or scope[1].startswith("unknown-"):
            continue
        candidates = by_district.get((scope[0], scope[1], number), [])
        if len(candidates) == 1:
            groups[candidates[0]].extend(groups.pop(key))
        elif candidates:
            where = ", ".join(sorted({e.source for e in groups[key]}))
            provinces = ", ".join(sorted(c[0][2] for c in candidates))
            warnings.append(
                f"{where}: {number} of {groups[key][0].doc.issuer} is ambiguous: a committee of that name "
                f"in {provinces}; kept apart."
            )


def _entries(name: str, extraction: Extraction) -> list[Entry]:
    own = extraction.document
    sha16 = extraction.sha256[:16]
    context_province = _text_province(extraction)
    out = []
    own_key = own.number if own is not None and own.number else THIS
    seen_own = False
    for doc in extraction.documents:
        is_own = own is not None and doc.key == own_key
        seen_own = seen_own or is_own
        scope = _scope(doc, sha16, context_province, is_own)
        out.append(Entry(name, sha16, doc.key, doc, is_own, scope, _term(doc, scope)))
    if own is not None and not seen_own:
        doc = _own_as_cited(own, own_key)
        scope = _scope(doc, sha16, context_province, True)
        out.append(Entry(name, sha16, doc.key, doc, True, scope, _term(doc, scope)))
    return out


def _own_as_cited(own: OwnDocument, key: str) -> CitedDocument:
    return CitedDocument(
        key=key,
        number=own.number,
        type=own.type,
        type_code=own.type_code,
        issuer=own.issuer,
        issuer_code=own.issuer_code,
        date=own.date,
        term=own.term,
        title=own.title,
        mentions=tuple(s for s in (own.number_span,) if s is not None),
    )


def _text_province(extraction: Extraction) -> str | None:
    if extraction.document is not None and extraction.document.province:
        return extraction.document.province
    for loc in extraction.localities:
        if loc.role == "issuer's province" and loc.level == "province":
            return loc.name
    return None


def _scope(doc: CitedDocument, sha16: str, province: str | None, own: bool) -> tuple[str, ...]:
    """Where the number's sequence lives: ("tw",), ("province", name), ("state",), ("text", sha) ..."""
    if doc.kind == "state":
        return ("state",)
    code = (doc.issuer_code or "").split("-")[0]
    issuer_province = _issuer_province(doc) or (province if own or code.endswith("TU") else None)
    if doc.number is None:
        if _is_congress(doc):
            return ("tw", "congress")
        if doc.plenum is not None or (doc.term and code in ("", "TW")):
            return ("tw", "plenum")
        return ("text", sha16)
    if code == "TW" or code.endswith("TW"):
        return ("tw",)
    if code.endswith("TU") and _issuer_level(doc) != "district":
        return ("province", issuer_province) if issuer_province else ("province", f"unknown-{sha16}")
    # a town's or a district-level city's committee (Thị ủy Sa Pa, Thành ủy Vinh) numbers its documents
    # "/TU" too: the sequence is that committee's, not the province's
    kind = "district" if code.endswith(("HU", "QU", "TU")) else "unit"
    if not doc.issuer:
        return (kind, f"unknown-{sha16}")
    # district and commune names repeat across provinces (An Lão, Châu Thành): the province keeps them apart
    # (never a central unit's: Đảng ủy Khối các cơ quan Trung ương, whatever text cites it)
    where = None if _issuer_level(doc) == "central" else _issuer_province(doc) or province
    return (kind, slug(doc.issuer), where) if where else (kind, slug(doc.issuer))


def _issuer_body(doc: CitedDocument) -> BodyInfo | None:
    from graph.extract.bodies import resolve_body  # an earlier stage: resolution may use it

    return resolve_body(doc.issuer) if doc.issuer else None


def _is_congress(doc: CitedDocument) -> bool:
    """A resolution of a National Party Congress ("Nghị quyết Đại hội XIII"), cited without a number."""
    body = _issuer_body(doc)
    return body is not None and body.key == "dai-hoi-dai-bieu-toan-quoc"


def _issuer_level(doc: CitedDocument) -> str | None:
    """ "central" for Đảng ủy Khối các cơ quan Trung ương, "district" for Thị ủy Sa Pa ..."""
    body = _issuer_body(doc)
    return body.level if body is not None else None


def _issuer_province(doc: CitedDocument) -> str | None:
    body = _issuer_body(doc)
    return body.province if body is not None else None


def _term(doc: CitedDocument, scope: tuple[str, ...]) -> str | None:
    if doc.term:
        return doc.term
    if scope[0] in ("tw",):
        return central_term_for(doc.date)
    if scope[0] in ("province", "district", "unit"):
        return local_term_for(doc.date)
    return None


def _clusters(group: list[Entry], warnings: list[str]) -> list[tuple[list[Entry], list[str]]]:
    """Split one number's entries into documents: by term, then by conflicting dates."""
    by_term: dict[str | None, list[Entry]] = defaultdict(list)
    for entry in group:
        by_term[entry.term].append(entry)
    termless = by_term.pop(None, [])
    clusters: list[tuple[list[Entry], list[str]]] = []
    for term in sorted(t for t in by_term if t is not None):
        clusters.extend(_split_dates(by_term[term], warnings))
    if termless:
        if len(clusters) == 1:
            # the only candidate, unless a date says otherwise (a date in a congress year has no term)
            joined, notes = clusters[0]
            clusters = _split_dates(joined + termless, warnings, notes)
        else:
            notes = []
            if clusters:
                where = ", ".join(sorted({e.source for e in termless}))
                candidates = "; ".join(_describe(c) for c, _ in clusters)
                notes.append(
                    f"ambiguous citation: {len(clusters)} documents carry this number ({candidates})"
                )
                warnings.append(f"{where}: {termless[0].doc.number} is ambiguous: {candidates}; kept apart.")
            clusters.extend(_split_dates(termless, warnings, notes))
    return clusters


def _split_dates(
    entries: list[Entry], warnings: list[str], notes: list[str] | None = None
) -> list[tuple[list[Entry], list[str]]]:
    dates = sorted({e.doc.date for e in entries if e.doc.date and len(e.doc.date) == 10})
    if len(dates) <= 1:
        return [(list(entries), list(notes or []))]
    number = entries[0].doc.number
    sources = "; ".join(
        f"{d} ({', '.join(sorted({e.source for e in entries if e.doc.date == d}))})" for d in dates
    )
    warnings.append(f"{number}: sources give conflicting dates {sources}; kept as {len(dates)} documents.")
    out = []
    for date in dates:
        cluster = [e for e in entries if e.doc.date == date]
        note = f"conflicting dates for {number}: {sources}"
        out.append((cluster, [*(notes or []), note]))
    undated = [e for e in entries if not (e.doc.date and len(e.doc.date) == 10)]
    if undated:
        out.append((undated, [*(notes or []), f"undated mentions of {number}; dated documents: {sources}"]))
    return out


def _describe(cluster: list[Entry]) -> str:
    dates = sorted({e.doc.date for e in cluster if e.doc.date})
    term = cluster[0].term
    return f"term {term or '?'}" + (f", {dates[0]}" if dates else "")


def _merge(cluster: list[Entry], notes: list[str], province_code: ProvinceCoder) -> ResolvedDocument:
    first = cluster[0]
    ordered = sorted(cluster, key=lambda e: (not e.own, e.source, e.key))
    doc = ResolvedDocument(
        path="",
        number=first.doc.number,
        kind=first.doc.kind,
        scope=first.scope,
        term=next((e.term for e in ordered if e.term), None),
        notes=list(notes),
    )
    doc.entries = ordered
    for attr in ("type", "type_code", "issuer", "issuer_code", "date", "title", "plenum"):
        setattr(doc, attr, _pick(ordered, attr))
    if doc.date is None:
        months = [e.doc.date for e in ordered if e.doc.date]
        doc.date = months[0] if months else None
    for entry in ordered:
        doc.notes.extend(n for n in entry.doc.notes if n not in doc.notes)
    if first.scope[0] in ("district", "unit") and len(first.scope) == 3:
        doc.province = first.scope[2]
    if first.scope[0] in ("province",):
        name = first.scope[1]
        doc.province_unknown = name.startswith("unknown-")
        doc.province = None if doc.province_unknown else name
    doc.path = _path(doc, first, province_code)
    return doc


def _pick(entries: list[Entry], attr: str) -> object:
    """The own text's statement wins; otherwise the most frequent value, ties by first source."""
    values = [getattr(e.doc, attr) for e in entries if getattr(e.doc, attr) not in (None, "")]
    if not values:
        return None
    if entries[0].own and getattr(entries[0].doc, attr) not in (None, ""):
        return getattr(entries[0].doc, attr)
    counts: dict[object, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return max(values, key=lambda v: counts[v])


def _path(doc: ResolvedDocument, first: Entry, province_code: ProvinceCoder) -> str:
    term = slug(doc.term) if doc.term else "undated"
    if doc.kind == "state":
        return f"doc/state/{slug(doc.number or first.key)}"
    if doc.number is None:
        kind = slug(doc.type_code or doc.type or "doc")
        if first.scope == ("tw", "congress"):
            return f"doc/tw/{term}/congress-{kind}"
        if first.scope == ("tw", "plenum"):
            plenum = f"plenum-{doc.plenum}" if doc.plenum else f"cited-{slug(first.key)}"
            return f"doc/tw/{term}/{plenum}-{kind}" if doc.plenum else f"doc/tw/{term}/{plenum}"
        return f"doc/text/{first.sha16}" if first.own else f"doc/text/{first.sha16}/{slug(first.key)}"
    serial, _, rest = doc.number.partition("-")
    type_code, _, issuer_code = rest.partition("/")
    local = f"{slug(type_code)}-{slug(serial)}"
    if first.scope[0] == "tw":
        suffix = "" if issuer_code == "TW" else f"-{slug(issuer_code)}"
        base = f"doc/tw/{term}/{local}{suffix}"
    elif first.scope[0] == "province":
        where = first.scope[1]
        code = None if where.startswith("unknown-") else province_code(where)
        base = f"doc/province/{code or slug(where)}/{term}/{local}"
    elif len(first.scope) == 3:  # a district's or a unit's, in a known province
        where = province_code(first.scope[2]) or slug(first.scope[2])
        base = f"doc/{first.scope[0]}/{where}/{slug(first.scope[1])}/{term}/{local}-{slug(issuer_code)}"
    else:
        base = f"doc/{first.scope[0]}/{slug(first.scope[1])}/{term}/{local}-{slug(issuer_code)}"
    if any(n.startswith("conflicting dates") for n in doc.notes) and doc.date:
        base += f"-{doc.date}"
    return base
