"""Document mentions: numbered ("Kết luận số 34-KL/TW"), short ("Kết luận 34", resolved to the full number
the same text prints) and by plenum ("Nghị quyết Hội nghị Trung ương 5 (khoá X)"), with what the text states
next to each (date, issuer, term, title); then one :class:`~graph.model.CitedDocument` per document.

The type word before a number decides its type: "Thông báo Kết luận số 16-KL/TW" is the notice 16-TB/TW
(the conflict goes into the document's notes), "Quy định số 97-QĐ/TW" is a Quy định.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from graph.extract.bodies import (
    ORDINAL,
    ORDINALS,
    PLENUM,
    TERM,
    BodyMatch,
    body_by_key,
    body_for_code,
    body_label,
    code_agrees,
)
from graph.extract.context import Tail, issuer_before, read_tail, title_after
from graph.extract.numbers import NumberMatch, find_numbers
from graph.extract.typewords import TypeInfo, party_type, party_type_for_code, state_type, type_word_pattern
from graph.model import CitedDocument, OwnDocument, Span
from graph.parse import Layout

__all__ = ["Mention", "cited_documents", "find_mentions", "plenum_key", "unify_serials"]

# A type word right before a number. Example lines: "Thông báo Kết luận số 16-KL/TW", "Quy định số 97-QĐ/TW",
# "Nghị quyết 18-NQ/TW", "theo Hướng dẫn số: 03-HD/TW".
_TYPE_BEFORE = re.compile(rf"(?<![a-z])(?P<word>{type_word_pattern()})\s*(?:so\s*:?\s*)?$")
# A short form: a type word and a bare serial. Example lines: "Kết luận 34", "(sau đây gọi tắt là Kết
# luận 34)",
# "Nghị quyết số 18 của Ban Chấp hành".
_SHORT = re.compile(
    rf"(?<![a-z])(?P<word>{type_word_pattern()})\s+(?:so\s+)?(?P<serial>\d{{1,4}})(?![\d\w/-]|[.,]\d|\s*-\s*[a-z])"
)
# A resolution named by its plenum. Example lines: "Nghị quyết Hội nghị Trung ương 5 (khoá X)",
# "Nghị quyết Trung ương 6 khóa XII", "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng
# khóa XII".
_PLENUM_REF = re.compile(
    rf"(?<![a-z])nghi quyet\s+(?:cua\s+)?(?:{PLENUM}"
    rf"|trung uong\s+(?:lan thu\s+(?P<ord_e>{ORDINAL})|(?P<ord_f>\d{{1,2}}))(?![\d,]))(?:{TERM})?"
)


@dataclass(slots=True)
class Mention:
    """One place a text names a document."""

    start: int
    end: int
    form: Literal["number", "short", "plenum"]
    key: str | None  # normalised number, plenum label; None for an unresolved short form
    type_vi: str | None
    type_code: str | None
    kind: Literal["party", "state"] = "party"
    number: NumberMatch | None = None
    concept: str | None = None  # the type concept ("KL") a short form needs to resolve
    serial: int | None = None
    tail: Tail | None = None
    before: BodyMatch | None = None  # the issuer stated before the mention
    verb: tuple[int, int] | None = None  # an issuing verb right before it ("ban hành", "ký")
    title: tuple[int, int] | None = None
    plenum: int | None = None
    term: str | None = None
    own_line: bool = False  # the number line of an official text ("Số 16-TB/TW")
    notes: list[str] = field(default_factory=list)

    @property
    def tail_end(self) -> int:
        return self.tail.end if self.tail else self.end

    @property
    def issuer(self) -> BodyMatch | None:
        return (self.tail.issuer if self.tail else None) or self.before


def find_mentions(layout: Layout) -> tuple[list[Mention], list[str]]:
    """Every document mention in the main region (stamp and publication line left out), and warnings."""
    skip = [(b.start, b.end) for b in layout.blocks if b.kind in ("stamp", "dateline")]
    number_block = layout.block("number")
    mentions = []
    for num in find_numbers(layout.view, *layout.main):
        if not any(s <= num.start < e for s, e in skip):
            own = number_block is not None and number_block.start <= num.start < number_block.end
            mentions.append(_numbered(layout, num, own))
            if own:
                number_block = None
    mentions += _short_forms(layout, mentions)
    mentions += _plenum_refs(layout, skip)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        _add_context(layout, m)
    warnings = _resolve_short(layout, mentions)
    _infer_terms(mentions)
    unify_serials(mentions)
    return [m for m in mentions if m.key is not None], warnings


def _numbered(layout: Layout, num: NumberMatch, own_line: bool) -> Mention:
    low = layout.low
    window = max(layout.main[0], num.start - 60)
    before = _TYPE_BEFORE.search(low, window, num.start)
    start = before.start() if before else num.start
    word = before.group("word") if before else None
    if own_line:
        start = layout.block("number").start  # type: ignore[union-attr]
    if num.kind == "state":
        return Mention(
            start,
            num.end,
            "number",
            num.number,
            state_type(word, num.type_code),
            num.type_code,
            "state",
            num,
            own_line=own_line,
        )
    num, info, note = _party_type(layout, num, word, before)
    mention = Mention(
        start,
        num.end,
        "number",
        num.number,
        info.vi if info else None,
        num.type_code,
        "party",
        num,
        info.code if info else None,
        int(num.serial),
        own_line=own_line,
    )
    mention.notes += [n for n in (num.note, note) if n]
    return mention


def _party_type(
    layout: Layout, num: NumberMatch, word: str | None, before: re.Match[str] | None
) -> tuple[NumberMatch, TypeInfo | None, str | None]:
    """The type of a Party number: the type word decides, the printed code is the fallback."""
    by_word = party_type(word) if word else None
    by_code = party_type_for_code(num.type_code) if num.type_code else None
    if by_word is None or num.type_code in by_word.printed or num.type_code == by_word.code:
        return num, by_word or by_code, None
    surface = layout.text[before.start() if before else num.start : num.end]
    corrected = num.with_type(by_word.printed[0], "")
    note = (
        f"the type code {num.type_code} of {num.number!r} contradicts the words {surface!r}: "
        f"read as {corrected.number}"
    )
    return corrected, by_word, note


def _short_forms(layout: Layout, numbered: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in numbered]
    out = []
    for m in _SHORT.finditer(layout.low, *layout.main):
        if any(s < m.end() and m.start() < e for s, e in taken) or not layout.text[m.start()].isupper():
            continue
        info = party_type(m.group("word"))
        if info is not None:
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    "short",
                    None,
                    info.vi,
                    None,
                    "party",
                    None,
                    info.code,
                    int(m.group("serial")),
                )
            )
    return out


def _plenum_refs(layout: Layout, skip: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in _PLENUM_REF.finditer(layout.low, *layout.main):
        if not layout.text[m.start()].isupper() or any(s <= m.start() < e for s, e in skip):
            continue
        raw = next(g for g in (m.group(f"ord_{x}") for x in "abcdef") if g)
        plenum = int(raw) if raw.isdigit() else ORDINALS.get(re.sub(r"\s+", " ", raw))
        term = m.group("term").upper() if m.group("term") else None
        out.append(Mention(m.start(), m.end(), "plenum", None, "Nghị quyết", "NQ", plenum=plenum, term=term))
    return out


def plenum_key(plenum: int, term: str | None) -> str:
    """The key of a resolution named by its plenum: "Nghị quyết Hội nghị Trung ương 5 khóa X"."""
    return f"Nghị quyết Hội nghị Trung ương {plenum}" + (f" khóa {term}" if term else "")


def _add_context(layout: Layout, m: Mention) -> None:
    in_paren = layout.view[max(0, m.start - 3) : m.start].rstrip().endswith("(")
    m.tail = read_tail(layout, m.end, in_paren=in_paren)
    if m.form == "plenum":
        m.term = m.term or m.tail.term
        return
    if not m.own_line:
        m.before, m.verb = issuer_before(layout, m.start)
    m.title = title_after(layout, m.tail.end)
    issuer = m.issuer
    m.term = m.tail.term or (issuer.term if issuer else None)
    m.plenum = issuer.plenum if issuer else None


def _resolve_short(layout: Layout, mentions: list[Mention]) -> list[str]:
    """Short forms take the full number the text prints with the same type and serial, if only one."""
    warnings = []
    for m in (m for m in mentions if m.form == "short"):
        found = sorted(
            {
                c.key
                for c in mentions
                if c.form == "number" and c.concept == m.concept and c.serial == m.serial and c.key
            }
        )
        surface = layout.text[m.start : m.end]
        if len(found) == 1:
            m.key, m.type_code = found[0], next(c.type_code for c in mentions if c.key == found[0])
        elif found:
            warnings.append(f"{surface!r} may be any of {', '.join(found)}: left unresolved")
        else:
            warnings.append(f"{surface!r} names no number printed in the text: left unresolved")
    return warnings


def _infer_terms(mentions: list[Mention]) -> None:
    """Plenum references get their key; one without a term takes the term the text gives that plenum."""
    terms: dict[int, set[str]] = {}
    for m in mentions:
        if m.plenum is not None and m.term:
            terms.setdefault(m.plenum, set()).add(m.term)
    for m in mentions:
        if m.form != "plenum" or m.plenum is None:
            continue
        known = terms.get(m.plenum, set())
        if m.term is None and len(known) == 1:
            m.term = next(iter(known))
            m.notes.append(f"term {m.term} taken from the text's other mention of plenum {m.plenum}")
        m.key = plenum_key(m.plenum, m.term)


def unify_serials(mentions: list[Mention]) -> None:
    """ "5-CT/TW" and "05-CT/TW" in one text are one document: the first printed form is its key."""
    first: dict[tuple[int, str | None, str | None], str] = {}
    for m in mentions:
        if m.number is not None and m.kind == "party" and m.key:
            m.key = first.setdefault((int(m.number.serial), m.number.type_code, m.number.issuer_code), m.key)


def cited_documents(
    layout: Layout, mentions: list[Mention], own: OwnDocument | None, home: str | None
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


def _document(
    layout: Layout, key: str, group: list[Mention], home: str | None
) -> tuple[CitedDocument, list[str]]:
    text = layout.text
    numbered = [m for m in group if m.form == "number"] or group
    lead = numbered[0]
    notes = [n for m in group for n in m.notes]
    issuer, issuer_notes = _issuer(layout, group, lead, home)
    dates = list(dict.fromkeys(m.tail.date.iso for m in group if m.tail and m.tail.date))
    if len(dates) > 1:
        notes.append(f"dated {' and '.join(dates)} in different places: kept {dates[0]}")
    title = next((m.title for m in group if m.title), None)
    doc = CitedDocument(
        key=key,
        number=None if lead.form == "plenum" else key,
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


def _issuer(
    layout: Layout, group: list[Mention], lead: Mention, home: str | None
) -> tuple[str | None, list[str]]:
    """The issuer the words state (a code that contradicts them goes into the notes), else the code's."""
    code = lead.number.issuer_code if lead.number else None
    stated = [m.issuer.info for m in group if m.issuer is not None]
    if lead.form == "plenum":
        central = body_by_key("ban-chap-hanh-trung-uong")
        stated = stated or ([central] if central else [])
    if not stated:
        by_code = body_for_code(code)
        return (body_label(by_code) if by_code else None), []
    info = stated[0]
    if info.level == "province" and info.province is None and home:
        info = replace(info, province=home)
    notes = []
    others = sorted({body_label(o) for o in stated if o.key != info.key})
    if others:
        notes.append(f"issuer stated as {body_label(info)} and as {', '.join(others)}: kept the first")
    if not code_agrees(info, code):
        notes.append(f"the issuer code {code} contradicts the words {body_label(info)!r}: the words kept")
    return body_label(info), notes


def _clean(title: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*|[“”\"*]", "", title)).strip(" ,;:")
