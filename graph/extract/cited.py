"""Cited documents: one :class:`~graph.model.CitedDocument` per document key, with everything its mentions
state (type, issuer, date, term, plenum, title) and the conflicts noticed on the way (an issuer code against
the words, two dates for one document). The own document's facts win over what a mention says of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.extract.bodies import body_by_key, body_for_code, body_label, code_agrees
from graph.extract.citations import Mention
from graph.extract.home import Home, localise
from graph.model import CitedDocument, OwnDocument, Span
from graph.parse import Layout
from graph.text import squash

__all__ = ["cited_documents"]


def cited_documents(
    layout: Layout, mentions: list[Mention], own: OwnDocument | None, home: Home
) -> tuple[tuple[CitedDocument, ...], list[str]]:
    """One document per key, with everything its mentions state; the own document's facts win."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.key:
            groups.setdefault(m.key, []).append(m)
    docs, warnings = [], []
    for key, group in groups.items():
        doc, notes = _document(layout, key, group, home)
        if own is not None and own.number == key:
            doc = replace(
                doc,
                type=own.type or doc.type,
                type_code=own.type_code or doc.type_code,
                issuer=own.issuer or doc.issuer,
                date=own.date,
                title=own.title or doc.title,
                term=own.term or doc.term,
            )
        warnings += [f"{key}: {n}" for n in notes]
        docs.append(doc)
    return tuple(docs), warnings


def _document(layout: Layout, key: str, group: list[Mention], home: Home) -> tuple[CitedDocument, list[str]]:
    text = layout.text
    numbered = [m for m in group if m.form == "number"] or group
    lead = numbered[0]
    notes = [n for m in group for n in m.notes]
    issuer, issuer_notes = _issuer(layout, group, lead, home)
    dates = list(dict.fromkeys(m.date.iso for m in group if m.date))
    if len(dates) > 1:
        notes.append(f"dated {' and '.join(dates)} in different places: kept {dates[0]}")
    title = next((m.title for m in group if m.title), None)
    doc = CitedDocument(
        key=key,
        number=key.partition("@")[0] if lead.form in ("number", "short") else None,
        type=next((m.type_vi for m in numbered if m.type_vi), None),
        type_code=next((m.type_code for m in numbered if m.type_code), None),
        issuer=issuer,
        issuer_code=lead.number.issuer_code if lead.number else ("TW" if lead.form == "plenum" else None),
        date=dates[0] if dates else None,
        kind=lead.kind,
        term=next((m.term for m in group if m.term), None),
        plenum=next((m.plenum for m in group if m.plenum), None),
        title=_clean(text[title[0] : title[1]]) if title else None,
        mentions=tuple(Span(m.start, m.end, text[m.start : m.end]) for m in group),
        notes=tuple(dict.fromkeys(notes + issuer_notes)),
    )
    return doc, notes + issuer_notes


def _issuer(layout: Layout, group: list[Mention], lead: Mention, home: Home) -> tuple[str | None, list[str]]:
    """The issuer the words state (a code that contradicts them goes into the notes), else the code's."""
    code = lead.number.issuer_code if lead.number else None
    stated = [m.issuer.info for m in group if m.issuer is not None]
    if lead.form in ("plenum", "congress"):
        body = body_by_key(
            "ban-chap-hanh-trung-uong" if lead.form == "plenum" else "dai-hoi-dai-bieu-toan-quoc"
        )
        stated = stated or ([body] if body else [])
    if not stated:
        by_code = body_for_code(code)
        return (body_label(by_code) if by_code else None), []
    stated = [localise(info, home) for info in stated]
    info = stated[0]
    notes = []
    others = sorted({body_label(o) for o in stated if o.key != info.key})
    if others:
        notes.append(f"issuer stated as {body_label(info)} and as {', '.join(others)}: kept the first")
    if not code_agrees(info, code):
        notes.append(f"the issuer code {code} contradicts the words {body_label(info)!r}: the words kept")
    return body_label(info), notes


# Emphasis and quotes around a title. Example line: "**“về tiếp tục thực hiện Nghị quyết”**".
_MARKS = re.compile(r"\*\*|[“”\"*]")
# A single quote opening a title after "về" (an apostrophe elsewhere may be a name's: "Cư M'gar"). Example
# line: "về 'Một số vấn đề ...".
_SINGLE_QUOTE = re.compile(r"^((?:về việc|về|V/v|v/v)\s+)'")


def _clean(title: str) -> str:
    return squash(_SINGLE_QUOTE.sub(r"\1", _MARKS.sub("", title))).strip(" ,;:")
