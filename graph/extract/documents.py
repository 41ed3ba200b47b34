"""The text's own document, and what kind of text it is.

- An **official text** (parse found its number line or type line with a place-date line, signature or
  recipients): the number from "Số 16-TB/TW", the type from the type line (it wins over the printed code),
  the issuer from the title ("KẾT LUẬN CỦA BỘ CHÍNH TRỊ"), else the signature ("T/M BỘ CHÍNH TRỊ"), else the
  header ("TỈNH ỦY HÀ TĨNH", "BAN CHẤP HÀNH TRUNG ƯƠNG" / "VĂN PHÒNG"), placed where the text stands
  (:mod:`graph.extract.home`: "T/M BAN THƯỜNG VỤ" under "HUYỆN ỦY CAN LỘC" is Can Lộc's standing board); the
  date and place from "Hà Nội, ngày 07 tháng 7 năm 2022"; signers, recipients and incoming stamps. A joint
  document names every issuer, in the order its header prints them ("BAN TỔ CHỨC - BAN DÂN VẬN" under "TỈNH
  ỦY TRÀ VINH": "Ban Tổ chức Tỉnh ủy Trà Vinh, Ban Dân vận Tỉnh ủy Trà Vinh"). A letter without a type line
  and with a "V/v ..." subject is a Công văn.
- A **portal** page presents one document in its lead: "Thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh, ... đã ký
  Kết luận số 55-KL/TU của Ban Thường vụ Tỉnh ủy về ...", "Đồng chí Trần Minh Quang, Phó Bí thư Thường trực
  Tỉnh ủy đã ký ban hành Kế hoạch số 245-KH/TU ...": that mention is the own document, unless the page shows
  other documents being issued too (then it reports on several: news).
- A **news** article: no own document; its publication line ("23:48 03/04/2023") is ``published``.

Nothing is invented: a text without a number has an own document without one, a date the text does not
state stays None, and so does a province it does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from graph.extract.bodies import (
    BodyInfo,
    BodyMatch,
    body_label,
    code_agrees,
    match_body,
    proper_case,
    resolve_body,
)
from graph.extract.citations import Mention
from graph.extract.dates import date_at, find_dates
from graph.extract.home import Home, header_committee, localise
from graph.extract.signature import portal_signer, read_receipt, read_recipients, read_signers
from graph.extract.typewords import TypeInfo, party_type, type_word_pattern
from graph.model import OwnDocument, Span
from graph.parse import Layout, is_upper_line
from graph.text import BLANKED, squash

__all__ = ["OwnReading", "read_own"]

Kind = Literal["official_text", "portal", "news", "unknown"]
# The type word a title starts with. Example lines: "THÔNG BÁO\nKẾT LUẬN CỦA BỘ CHÍNH TRỊ", "**THÔNG BÁO**".
_TITLE_TYPE = re.compile(rf"\W*(?P<word>{type_word_pattern()})(?![a-z])")
# The subject line of a letter. Example line: "V/v triển khai Nghị quyết số 22/2019/NQ-HĐND".
_LETTER_SUBJECT = re.compile(r"\W*(?:v/v|ve viec)(?![a-z])")
# "của" right after the type words of a title, before its issuer. Example lines: "KẾT LUẬN CỦA THƯỜNG TRỰC
# TỈNH ỦY", "THÔNG BÁO\nKẾT LUẬN CỦA BỘ CHÍNH TRỊ", "CHỈ THỊ\nCỦA BAN THƯỜNG VỤ THÀNH ỦY"; not "CHƯƠNG TRÌNH
# HÀNH ĐỘNG\nthực hiện nghị quyết của Ban Chấp hành Đảng bộ tỉnh" (another document's issuer).
_OF = re.compile(rf"\W*(?:{type_word_pattern()})(?:\W+(?:{type_word_pattern()}))?\W+cua\s+")
# A signature mark on behalf of a collective body. Example lines: "T/M BỘ CHÍNH TRỊ", "TM. BAN THƯỜNG VỤ".
_ON_BEHALF_MARK = re.compile(r"\W*(?:t/m|tm\.)\s*")
# A sentence opening with a date, after a news agency's tag. Example lines: "Ngày 12/8/2022, Ban Thường vụ
# Tỉnh ủy ban hành ...", "(TG) - Ngày 30/5/2024, thay mặt Bộ Chính trị, ... đã ký ban hành".
_OPENING_DATE = re.compile(r"\W*(?:\([^()\n]{1,20}\)\s*-?\s*)?(?=ngay\s+\d)")
# The place before ", ngày" in a place-date line; a unit's name may be a number after its type word.
# Example lines: "Hà Nội, ngày 07 tháng 7 năm 2022", "Quận 4, ngày 28 tháng 12 năm 2023", "Phường 1 Bảo
# Lộc, ngày 2 tháng 9 năm 2025".
_PLACE = re.compile(r"([^\W\d_]+(?:[ \t]+(?:[^\W\d_]+|\d{1,3})){0,3})\s*,\s*$")


@dataclass(frozen=True, slots=True)
class OwnReading:
    document: OwnDocument | None
    kind: Kind
    published: str | None
    warnings: tuple[str, ...] = ()


def read_own(layout: Layout, mentions: list[Mention], home: Home | None = None) -> OwnReading:
    """The own document and the kind of text (official text, portal page, news article); ``home`` is where
    the text stands (:func:`graph.extract.home.home_of`)."""
    home = home or Home()
    published = _published(layout)
    if layout.official:
        document, warnings = _official(layout, mentions, home)
        return OwnReading(document, "official_text", published, tuple(warnings))
    lead = _portal_mention(layout, mentions)
    if lead is not None:
        return OwnReading(_portal(layout, lead, home), "portal", published)
    body = layout.block("body")
    prose = body is not None and body.end - body.start > 200
    kind: Kind = "news" if prose or published is not None else "unknown"
    return OwnReading(None, kind, published)


def _published(layout: Layout) -> str | None:
    block = layout.block("dateline")
    dates = find_dates(layout.low, block.start, block.end) if block else []
    return dates[0].iso if dates else None


def _span(layout: Layout, start: int, end: int) -> Span:
    return Span(start, end, layout.text[start:end])


# --- official texts ------------------------------------------------------------------------------------
def _official(layout: Layout, mentions: list[Mention], home: Home) -> tuple[OwnDocument, list[str]]:
    warnings: list[str] = []
    line = next((m for m in mentions if m.own_line), None)
    type_info = _title_type(layout)
    if line is not None and type_info is not None:
        warnings += _correct_type(layout, line, type_info)
    committee = home.committee
    issuer = _title_issuer(layout) or _signature_issuer(layout, committee) or header_committee(layout)
    info = localise(issuer.info, home) if issuer else None
    code = line.number.issuer_code if line and line.number else None
    party = line is not None and line.kind == "party"
    if info is not None and party and not code_agrees(info, code):
        warnings.append(f"the issuer code {code} contradicts the issuer {body_label(info)!r}: the words kept")
    date, date_span, place = _place_date(layout, warnings)
    title, title_span = _title(layout)
    partners = [body_label(localise(p, home)) for p in issuer.partners] if issuer else []
    document = OwnDocument(
        number=line.key if line else None,
        type=type_info.vi if type_info else (line.type_vi if line else None) or _letter(layout),
        type_code=line.type_code if line else (type_info.printed[0] if type_info else None),
        issuer=", ".join([body_label(info), *partners]) if info else None,
        issuer_code=code,
        date=date,
        title=title,
        place=place,
        province=(info.province if info else None) or home.province,
        term=issuer.term if issuer else None,
        signers=read_signers(layout, layout.block("signature"), committee),
        recipients=read_recipients(layout, layout.block("recipients")),
        received=read_receipt(layout, layout.block("stamp")),
        number_span=_span(layout, line.start, line.end) if line else None,
        title_span=title_span,
        date_span=date_span,
    )
    return document, warnings


def _letter(layout: Layout) -> str | None:
    """An official text without a type line whose subject is a "V/v ..." line is a letter (Công văn)."""
    title = layout.block("title")
    return "Công văn" if title and _LETTER_SUBJECT.match(layout.low, title.start, title.end) else None


def _title_type(layout: Layout) -> TypeInfo | None:
    title = layout.block("title")
    m = _TITLE_TYPE.match(layout.low, title.start, title.end) if title else None
    return party_type(m.group("word")) if m else None


def _correct_type(layout: Layout, line: Mention, info: TypeInfo) -> list[str]:
    """The type line wins over the printed code: "THÔNG BÁO" over "Số 16-KL/TW"."""
    num = line.number
    if num is None or num.kind != "party" or num.type_code in info.printed or num.type_code == info.code:
        return []
    corrected = num.with_type(info.printed[0], "")
    note = f"the number {num.number} contradicts the type line {info.vi!r}: read as {corrected.number}"
    line.number, line.key, line.type_code, line.type_vi = (
        corrected,
        corrected.number,
        corrected.type_code,
        info.vi,
    )
    line.notes.append(note)
    return [note]


def _title_issuer(layout: Layout) -> BodyMatch | None:
    """ "KẾT LUẬN CỦA BỘ CHÍNH TRỊ": the body after "của" right after the title's type words; or the plenum
    that adopted the text, with its term ("NGHỊ QUYẾT" / "HỘI NGHỊ LẦN THỨ MƯỜI MỘT" / "BAN CHẤP HÀNH TRUNG
    ƯƠNG ĐẢNG KHÓA XII")."""
    title = layout.block("title")
    if title is None:
        return None
    of = _OF.match(layout.low, title.start, title.end)
    if of is not None:
        return match_body(layout.text, layout.low, of.end(), title.end)
    head = _TITLE_TYPE.match(layout.low, title.start, title.end)
    at = _skip_space(layout.low, head.end(), title.end) if head else title.end
    plenum = match_body(layout.text, layout.low, at, title.end)
    return plenum if plenum is not None and plenum.plenum is not None else None


def _skip_space(low: str, pos: int, end: int) -> int:
    return end - len(low[pos:end].lstrip(" \t\n*#_"))


def _signature_issuer(layout: Layout, committee: BodyInfo | None) -> BodyMatch | None:
    """ "T/M BỘ CHÍNH TRỊ"; "T/M BAN THƯỜNG VỤ" under a header "TỈNH ỦY HÀ TĨNH" is that committee's board."""
    block = layout.block("signature")
    if block is None:
        return None
    for m in _ON_BEHALF_MARK.finditer(layout.low, block.start, block.end):
        line_end = layout.text.find("\n", m.end(), block.end)
        line_end = block.end if line_end < 0 else line_end
        body = match_body(layout.text, layout.low, m.end(), line_end)
        if body is None and committee is not None:
            composed = resolve_body(f"{proper_case(layout.view[m.end() : line_end])} {body_label(committee)}")
            body = BodyMatch(m.end(), line_end, composed) if composed else None
        if body is not None:
            return body
    return None


def _place_date(layout: Layout, warnings: list[str]) -> tuple[str | None, Span | None, str | None]:
    block = layout.block("place_date")
    if block is None:
        return None, None, None
    dates = find_dates(layout.low, block.start, block.end, months=True)
    comma = layout.low.find(", ngay", block.start, block.end)
    place_m = _PLACE.search(layout.text, block.start, comma + 2) if comma >= 0 else None
    place = None
    if place_m is not None:
        words = place_m.group(1).split()
        while words and (is_upper_line(words[0]) or not words[0][:1].isupper()):
            words.pop(0)
        place = " ".join(words) or None
    date = dates[0].iso if dates else None
    if date is not None and len(date) == 7:
        warnings.append(f"the place-date line {layout.text[block.start : block.end]!r} leaves the day blank")
    return date, _span(layout, block.start, block.end), place


def _title(layout: Layout) -> tuple[str | None, Span | None]:
    """The title in sentence case: "Thông báo kết luận của Bộ Chính trị về thực hiện ..."."""
    block = layout.block("title")
    if block is None:
        return None, None
    parts: list[str] = []
    pos = block.start
    for raw in layout.text[block.start : block.end].split("\n"):
        start, end, pos = pos, pos + len(raw), pos + len(raw) + 1
        seen = layout.view[start:end].strip()
        if not seen:
            continue
        if is_upper_line(seen):
            line = proper_case(seen)
            line = line[:1].lower() + line[1:] if parts and not _starts_with_name(line) else line
        elif not any(char in raw for char in BLANKED):  # most lines: the view masked nothing in them
            line = raw
        else:  # without what the view masked (Markdown, zero-width spaces)
            line = "".join(
                t for t, v in zip(raw, layout.view[start:end], strict=True) if t == v or not v.isspace()
            )
        parts.append(line)
    title = squash(" ".join(parts)).strip()
    return title or None, _span(layout, block.start, block.end)


def _starts_with_name(line: str) -> bool:
    """Whether a sentence-cased line starts with a restored proper name ("Bộ Chính trị ...")."""
    body = resolve_body(line)
    return body is not None and line.startswith(body.vi.split()[0])


# --- portal pages ------------------------------------------------------------------------------------
def _portal_mention(layout: Layout, mentions: list[Mention]) -> Mention | None:
    """The document a page presents: a body issues it in the first sentence ("Thay mặt Ban Thường vụ ...,
    ... đã ký Kết luận số 55-KL/TU", "Ban Thường vụ Tỉnh ủy vừa ban hành ..."), and the page shows no other
    document being issued (a news report on several is no portal page of one); or it heads the page."""
    body = layout.block("body")
    if body is None:
        return None
    first_end = layout.sentence(body.start)[1]
    for m in mentions:
        if m.form != "number" or m.kind != "party" or not body.start <= m.start < first_end:
            continue
        # a heading that lists several documents presents none of them alone
        heading = (
            m.start - body.start <= 2 and m.shared is None and (m.title is not None or m.issuer is not None)
        )
        others = any(o.verb is not None and o.key != m.key for o in mentions if o.start > body.start)
        if heading or (m.verb is not None and m.before is not None and not others):
            return m
    return None


def _portal(layout: Layout, lead: Mention, home: Home) -> OwnDocument:
    sent_start = layout.sentence(lead.start)[0]
    issuer = lead.issuer
    info = issuer.info if issuer else None
    info = localise(info, home) if info is not None else None
    date = lead.tail.date if lead.tail else None
    if date is None and lead.verb is not None:
        opening = _OPENING_DATE.match(layout.low, sent_start, lead.start)
        date = date_at(layout.low, opening.end(), lead.start) if opening else None
    signer = (
        portal_signer(layout, sent_start, lead.verb[0]) if lead.verb and _signs(layout, lead.verb) else None
    )
    title = _portal_title(layout, lead)
    return OwnDocument(
        number=lead.key,
        type=lead.type_vi,
        type_code=lead.type_code,
        issuer=body_label(info) if info else None,
        issuer_code=lead.number.issuer_code if lead.number else None,
        date=date.iso if date else None,
        title=title,
        province=info.province if info else None,
        term=lead.term,
        signers=(signer,) if signer else (),
        number_span=_span(layout, lead.start, lead.end),
        date_span=_span(layout, date.start, date.end) if date else None,
    )


def _portal_title(layout: Layout, lead: Mention) -> str | None:
    """ "Kết luận của Ban Thường vụ Tỉnh ủy về thực hiện ...": the type, the issuer as stated, the title."""
    if lead.title is None:
        return None
    issuer = lead.tail.issuer if lead.tail else None
    parts = [lead.type_vi or "", f"của {layout.text[issuer.start : issuer.end]}" if issuer else ""]
    parts.append(layout.text[lead.title[0] : lead.title[1]])
    return squash(" ".join(p for p in parts if p)).strip(' “”"') or None


def _signs(layout: Layout, verb: tuple[int, int]) -> bool:
    return layout.low[verb[0] : verb[1]].startswith("ky")
