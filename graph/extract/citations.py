"""Document mentions: numbered ("Kết luận số 34-KL/TW"), short ("Kết luận 34", resolved to the full number
the same text prints), by plenum ("Nghị quyết Hội nghị Trung ương 5 (khoá X)") and by Congress ("Nghị quyết
Đại hội XIII"), with what the text states next to each (date, issuer, term, title).
:mod:`graph.extract.cited` makes one :class:`~graph.model.CitedDocument` per document of them.

A key names one document of the text: the normalised number, or a label for an unnumbered resolution
("Nghị quyết Hội nghị Trung ương 5 khóa X", "Nghị quyết Đại hội XIII"). Numbering restarts every term, so
one number dated in two terms names two documents; the later gets the key "34-KL/TW@2022-04-18" (its
``number`` stays "34-KL/TW").

The type word before a number decides its type: "Thông báo Kết luận số 16-KL/TW" is the notice 16-TB/TW
(the conflict goes into the document's notes), "Quy định số 97-QĐ/TW" is a Quy định.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

from graph.extract.bodies import (
    ORDINAL,
    ORDINALS,
    PLENUM,
    PLENUM_ORDINALS,
    TERM,
    BodyMatch,
    abbreviated,
    code_agrees,
)
from graph.extract.context import Tail, issuer_before, read_tail, title_after
from graph.extract.dates import DateMatch, date_at
from graph.extract.numbers import NumberMatch, find_numbers
from graph.extract.typewords import (
    TypeInfo,
    party_type,
    party_type_for_code,
    party_type_words,
    state_type,
    type_word_pattern,
)
from graph.parse import Layout
from graph.parse.views import word_matches
from graph.terms import central_term_for, local_term_for
from graph.text import squash

__all__ = ["Mention", "find_mentions", "plenum_key", "split_by_term", "unify_serials"]

# A type word right before a number. Example lines: "Thông báo Kết luận số 16-KL/TW", "Quy định số 97-QĐ/TW",
# "Nghị quyết 18-NQ/TW", "theo Hướng dẫn số: 03-HD/TW".
_TYPE_BEFORE = re.compile(rf"(?<![a-z])(?P<word>{type_word_pattern()})\s*(?:so\s*:?\s*)?$")
# A short form: a type word and a bare serial, on one line or wrapped onto the next (not a heading above a
# numbered point: "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n\n1. ..."). Example lines: "Kết luận 34", "(sau đây gọi
# tắt là Kết luận 34)", "Nghị quyết số 18 của Ban Chấp hành".
_SHORT = re.compile(
    rf"(?<![a-z])(?P<word>{type_word_pattern()})(?:[ \t]+|[ \t]*\n[ \t]*(?!\d{{1,4}}[.)]))(?:so\s+)?"
    r"(?P<serial>\d{1,4})(?![\d\w/-]|[.,]\d|\s*-\s*[a-z])"
)
# A bare serial after a space, which every short form ends with (the short forms are looked for only before
# one). Example lines: "Kết luận 34", "Nghị quyết số 18 của"; not "16-TB/TW", "07/8/2018", "1.056". The
# look-behind for the space comes after the first digit so that the regex engine scans for digits at C speed.
_SERIAL = re.compile(r"\d(?<=\s\d)\d{0,3}(?![\d/-]|[.,]\d)")
# A sentence opening with a date, after a news agency's tag. Example lines: "Ngày 28/02/2023, Bộ Chính trị
# ban hành Kết luận số 50-KL/TW", "(TG) - Ngày 30/5/2024, thay mặt Bộ Chính trị, ... đã ký ban hành".
_OPENING_DATE = re.compile(r"\W*(?:\([^()\n]{1,20}\)\s*-?\s*)?(?=ngay\s+\d)")
_TYPE_REACH = 45  # the longest type word ("chương trình hành động") and "số" fit in this many characters
# Serials listed before the last one, which alone prints the type and issuer codes. Example lines: "Nghị
# quyết số 18, 19-NQ/TW", "Quyết định số 1240, 1241 và 1242-QĐ/TU"; ``_list_start`` reads them from the end.
_LIST_TAIL = re.compile(r"(?<![\d/.,-])(\d{1,4})[ \t]*(?:,|;|va(?![a-z]))[ \t]*(?:so[ \t]+)?$")
_LIST_REACH = 8  # serials in one list, at most
# Between two mentions of one list under one type word. Example lines: "18-NQ/TW, 19-NQ/TW", "Kết luận 34
# và 35", "18-NQ/TW và số 19-NQ/TW".
_LIST_GAP = re.compile(r"[ \t]*(?:,|;|va(?![a-z]))[ \t]*(?:so[ \t]+)?")
# A further serial of a short form's list. Example lines: "Nghị quyết số 18 và 19 của", "Kết luận 34, 35".
_NEXT_SERIAL = re.compile(
    r"[ \t]*(?:,|va(?![a-z]))[ \t]*(?:so[ \t]+)?(?P<serial>\d{1,4})(?![\d\w/-]|[.,]\d|\s*-\s*[a-z])"
)
_WORD = re.compile(r"[a-z]+")
# A resolution named by the Party Congress that adopted it; a provincial congress ("Nghị quyết Đại hội Đảng bộ
# tỉnh lần thứ XIX") is not matched. Example lines: "Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội
# đại biểu toàn quốc lần thứ XIII của Đảng", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XI".
_CONGRESS_REF = re.compile(
    r"nghi quyet\s+(?:cua\s+)?dai hoi\s+(?:dai bieu\s+)?(?:dang\s+)?(?:toan quoc\s+)?"
    r"(?:lan thu\s+)?"
    r"(?P<congress>[ivxl]+|\d{1,2})(?![a-z0-9])(?:\s+cua\s+dang(?![a-z]))?"
)
# A resolution named by its plenum. Example lines: "Nghị quyết Hội nghị Trung ương 5 (khoá X)",
# "Nghị quyết Trung ương 6 khóa XII", "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng
# khóa XII", and in news "Nghị quyết T.Ư 4 (khóa XII)", "Nghị quyết TƯ 6 khóa XII" (the abbreviation in
# capitals: checked on the text).
_PLENUM_REF = re.compile(
    rf"nghi quyet\s+(?:cua\s+)?(?:{PLENUM}"
    rf"|trung uong\s+(?:lan thu\s+(?P<ord_e>{ORDINAL})|(?P<ord_f>\d{{1,2}}))(?![\d,])"
    rf"|(?P<abbr>t\.?[ \t]?u|tw)\s+(?P<ord_g>\d{{1,2}})(?![\d,]))(?:{TERM})?"
)


@dataclass(slots=True)
class Mention:
    """One place a text names a document."""

    start: int
    end: int
    form: Literal["number", "short", "plenum", "congress"]
    key: str | None  # normalised number, plenum or congress label; None for an unresolved short form
    type_vi: str | None
    type_code: str | None
    kind: Literal["party", "state"] = "party"
    number: NumberMatch | None = None
    concept: str | None = None  # the type concept ("KL") a short form needs to resolve
    serial: int | None = None
    tail: Tail | None = None
    # the tail of the list this mention is in, under one type word (see _share_tails)
    shared: Tail | None = None
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
        own = self.tail.issuer if self.tail else None
        return own or (self.shared.issuer if self.shared else None) or self.before

    @property
    def date(self) -> DateMatch | None:
        """The date stated after the mention, or after the last mention of its list."""
        own = self.tail.date if self.tail else None
        return own or (self.shared.date if self.shared else None)


def find_mentions(layout: Layout) -> tuple[list[Mention], list[str]]:
    """Every document mention in the main region (stamp and publication line left out), and warnings."""
    skip = [(b.start, b.end) for b in layout.blocks if b.kind in ("stamp", "dateline")]
    number_block = layout.block("number")
    mentions: list[Mention] = []
    for num in find_numbers(layout.view, *layout.main):
        if not any(s <= num.start < e for s, e in skip):
            own = number_block is not None and number_block.start <= num.start < number_block.end
            listed, list_word = (
                ([], None) if own else _listed(layout, num, mentions[-1].end if mentions else layout.main[0])
            )
            mentions += listed
            mentions.append(_numbered(layout, num, own, list_word))
            if own:
                number_block = None
    mentions += _short_forms(layout, mentions)
    # An official text's own type lines name the text itself, not a document it cites: "NGHỊ QUYẾT" / "HỘI
    # NGHỊ LẦN THỨ MƯỜI MỘT" / "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XII" is this plenum's resolution.
    own_type = [(b.start, b.end) for b in layout.blocks if b.kind == "type"]
    mentions += _plenum_refs(layout, skip + own_type)
    mentions += _congress_refs(layout, skip + own_type)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        _add_context(layout, m)
    _share_tails(layout, mentions)
    warnings = _resolve_short(layout, mentions)
    _infer_terms(mentions)
    unify_serials(mentions)
    warnings += split_by_term(mentions)
    return [m for m in mentions if m.key is not None], warnings


def _numbered(
    layout: Layout, num: NumberMatch, own_line: bool, list_word: re.Match[str] | None = None
) -> Mention:
    """A number's mention; ``list_word``: the type word of the list the number is a later serial of
    ("Nghị quyết số 18, 19-NQ/TW": see :func:`_listed`)."""
    low = layout.low
    window = max(layout.main[0], num.start - 60)
    before = _TYPE_BEFORE.search(low, window, num.start)
    in_list = before is None and list_word is not None
    before = list_word if in_list else before
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
    start = num.start if in_list else start  # the list's first serial holds the type word
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


def _list_start(low: str, floor: int, pos: int) -> int:
    """Where the serials listed right before ``pos`` begin ("18, " before "19-NQ/TW"); ``pos`` if none."""
    start = pos
    for _ in range(_LIST_REACH):
        if not _may_follow_a_serial(low, floor, start):
            break
        m = _LIST_TAIL.search(low, max(floor, start - 16), start)
        if m is None:
            break
        start = m.start()
    return start


def _may_follow_a_serial(low: str, floor: int, pos: int) -> bool:
    """Whether ``low[:pos]`` may end as ``_LIST_TAIL`` wants: a comma, semicolon or "và" (then "số")
    before ``pos``, and a digit before that; checked without the regex engine, which most numbers (after
    "số", a type word or a bracket) fail."""
    at = pos - 1
    while at > floor and low[at] in " \t":
        at -= 1
    if low.startswith("so", at - 1) and at - 1 > floor and low[at - 2] in " \t":
        at -= 3
        while at > floor and low[at] in " \t":
            at -= 1
    if low[at] in ",;":
        at -= 1
    elif low.startswith("va", at - 1):
        at -= 2
    else:
        return False
    while at > floor and low[at] in " \t":
        at -= 1
    return at >= floor and low[at].isdigit()


def _listed(layout: Layout, num: NumberMatch, floor: int) -> tuple[list[Mention], re.Match[str] | None]:
    """The serials listed under one type word before a Party number that alone prints the codes: "Nghị
    quyết số 18, 19-NQ/TW" names 18-NQ/TW too. Each takes the last one's type and issuer codes. Also the
    list's type word, which the number itself takes (None when there is no list)."""
    if num.kind != "party" or num.type_code is None:
        return [], None
    low = layout.low
    start = _list_start(low, max(floor, layout.main[0]), num.start)
    if start == num.start:
        return [], None
    before = _TYPE_BEFORE.search(low, max(floor, layout.main[0], start - 60), start)
    if before is None:
        return [], None  # "khoản 2, 3-NQ/TW" is no list of documents
    out = []
    for m in re.finditer(r"\d{1,4}", low[start : num.start]):
        at, serial = start + m.start(), m.group()
        listed = replace(
            num,
            start=at,
            end=at + len(serial),
            number=f"{serial}-{num.type_code}/{num.issuer_code}",
            serial=serial,
            note=None,
        )
        out.append(_numbered(layout, listed, False, before))
    return out, before


def _share_tails(layout: Layout, mentions: list[Mention]) -> None:
    """A list under one type word shares what is stated around it: in "Nghị quyết số 18-NQ/TW, 19-NQ/TW
    ngày 25/10/2017 của Ban Chấp hành Trung ương" and "Kết luận 34 và 35 của Bộ Chính trị" the date and issuer
    after the last mention are every mention's, and in "Tỉnh ủy ban hành Quyết định số 1240, 1241-QĐ/TU" the
    issuer and verb before the first. Mentions of different types or issuer codes make no list ("Nghị quyết
    18-NQ/TW, Kết luận 34-KL/TW của Bộ Chính trị": the Politburo issued the second only)."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and _listed_after(layout, runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in (r for r in runs if len(r) > 1):
        first, last = run[0], run[-1]
        if last.tail is not None and (last.tail.date is not None or last.tail.issuer is not None):
            for m in run[:-1]:
                m.shared = last.tail
                m.term = m.term or last.term
                m.plenum = m.plenum or last.plenum
        for m in run[1:]:
            m.before, m.verb = m.before or first.before, m.verb or first.verb


def _listed_after(layout: Layout, prev: Mention, m: Mention) -> bool:
    """Whether ``m`` continues the list of ``prev``: nothing stated after ``prev``, only a comma or "và"
    between them, the same form, type and issuer code, and no type word of its own."""
    if prev.tail is None or prev.tail.end != prev.end or prev.title is not None:
        return False
    if not layout.low[m.start].isdigit():
        return False  # a type word of its own: "Nghị quyết 18-NQ/TW và Nghị quyết 19-NQ/TW" is no list
    if (
        prev.form != m.form
        or prev.kind != m.kind
        or prev.concept != m.concept
        or m.form not in ("number", "short")
    ):
        return False
    if m.number is not None and (prev.number is None or prev.number.issuer_code != m.number.issuer_code):
        return False
    return _LIST_GAP.fullmatch(layout.low, prev.end, m.start) is not None


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
    for serial in _SERIAL.finditer(layout.low, *layout.main):
        start = _type_word_before(layout.low, serial.start())
        m = _SHORT.match(layout.low, start, layout.main[1]) if start is not None else None
        if m is None or m.start("serial") != serial.start():
            continue
        if any(s < m.end() and m.start() < e for s, e in taken) or not layout.text[m.start()].isupper():
            continue
        info = party_type(m.group("word"))
        if info is None:
            continue
        out.append(_short(m.start(), m.end(), info, m.group("serial")))
        # the further serials of a list: "Nghị quyết số 18 và 19 của Hội nghị Trung ương 6"
        end = m.end()
        for _ in range(_LIST_REACH):
            more = _NEXT_SERIAL.match(layout.low, end, layout.main[1])
            if more is None or any(s < more.end() and more.start() < e for s, e in taken):
                break
            end = more.end()
            out.append(_short(more.start("serial"), end, info, more.group("serial")))
    return out


def _short(start: int, end: int, info: TypeInfo, serial: str) -> Mention:
    return Mention(start, end, "short", None, info.vi, None, "party", None, info.code, int(serial))


def _type_word_before(low: str, pos: int) -> int | None:
    """Where a Party type word ends the words before ``pos`` ("... Kết luận 34", "... Nghị quyết số 18")."""
    window = max(0, pos - _TYPE_REACH)
    last = low[window:pos].rsplit(None, 2)[-2:]  # the last two words, as split()[-2:] (split from the end)
    if not last or (last[-1] if last[-1] != "so" else last[0]) not in _type_word_ends():
        return None
    words = [(m.start(), m.group()) for m in _WORD.finditer(low, window, pos)]
    if words and words[-1][1] == "so":
        words.pop()
    known = party_type_words()
    for k in range(min(4, len(words)), 0, -1):
        if " ".join(w for _, w in words[-k:]) in known:
            return words[-k][0]
    return None


@cache
def _type_word_ends() -> frozenset[str]:
    return frozenset(w.split()[-1] for w in party_type_words())


def _plenum_refs(layout: Layout, skip: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in word_matches(_PLENUM_REF, layout.low, *layout.main):
        if not layout.text[m.start()].isupper() or any(s <= m.start() < e for s, e in skip):
            continue
        if not (abbreviated(layout.text, m, "abbr") and abbreviated(layout.text, m, "abbr_h")):
            continue  # "Nghị quyết từ 6 ...": no abbreviation of Trung ương
        raw = next(g for g in (m.group(x) for x in (*PLENUM_ORDINALS, "ord_e", "ord_f", "ord_g")) if g)
        plenum = int(raw) if raw.isdigit() else ORDINALS.get(squash(raw))
        term = m.group("term").upper() if m.group("term") else None
        out.append(Mention(m.start(), m.end(), "plenum", None, "Nghị quyết", "NQ", plenum=plenum, term=term))
    return out


def _congress_refs(layout: Layout, skip: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in word_matches(_CONGRESS_REF, layout.low, *layout.main):
        number = m.group("congress")
        term = roman(int(number)) if number.isdigit() else number.upper()
        numeral = layout.text[m.start("congress")]
        starts_upper = layout.text[m.start()].isupper() and (numeral.isupper() or numeral.isdigit())
        if starts_upper and not any(s <= m.start() < e for s, e in skip):
            key = f"Nghị quyết Đại hội {term}"
            out.append(Mention(m.start(), m.end(), "congress", key, "Nghị quyết", "NQ", term=term))
    return out


def roman(number: int) -> str:
    """ "13" -> "XIII": the Congress number is the term it elects."""
    out = ""
    for value, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out += numeral * count
    return out


def plenum_key(plenum: int, term: str | None) -> str:
    """The key of a resolution named by its plenum: "Nghị quyết Hội nghị Trung ương 5 khóa X"."""
    return f"Nghị quyết Hội nghị Trung ương {plenum}" + (f" khóa {term}" if term else "")


def _add_context(layout: Layout, m: Mention) -> None:
    in_paren = layout.view[max(0, m.start - 3) : m.start].rstrip().endswith("(")
    m.tail = read_tail(layout, m.end, in_paren=in_paren)
    if m.form in ("plenum", "congress"):
        m.term = m.term or m.tail.term
        return
    if not m.own_line:
        m.before, m.verb = issuer_before(layout, m.start)
    if m.tail.date is None and m.verb is not None:
        m.tail = replace(m.tail, date=_issued_on(layout, m.start))
    m.title = title_after(layout, m.tail.end)
    issuer = m.issuer
    m.term = m.tail.term or (issuer.term if issuer else None)
    m.plenum = issuer.plenum if issuer else None


def _issued_on(layout: Layout, start: int) -> DateMatch | None:
    """The date a sentence opens with, when it issues the document: "Ngày 28/02/2023, Bộ Chính trị ban hành
    Kết luận số 50-KL/TW" (not "Ngày 10/8/2022, Tỉnh ủy tổ chức hội nghị sơ kết ... Nghị quyết số 18")."""
    sent_start = layout.sentence(start)[0]
    opening = _OPENING_DATE.match(layout.low, sent_start, start)
    return date_at(layout.low, opening.end(), start) if opening else None


def _resolve_short(layout: Layout, mentions: list[Mention]) -> list[str]:
    """Short forms take the full number the text prints with the same type and serial, if only one; when
    it prints none, the number its stated Party issuer prints: "Nghị quyết số 18 ngày 25-10-2017 của Ban
    Chấp hành Trung ương Đảng khóa XII" is 18-NQ/TW, "Kết luận 34 của Bộ Chính trị" 34-KL/TW."""
    warnings = []
    for m in (m for m in mentions if m.form == "short"):
        issuer, printed = m.issuer, _printed_code(m.concept)
        # a number of another issuer is another document: "Nghị quyết số 18 ... của Ban Chấp hành Trung
        # ương" is not the "Nghị quyết số 18-NQ/TU" the province issued to carry it out
        found = sorted(
            {
                c.key
                for c in mentions
                if c.form == "number"
                and c.concept == m.concept
                and c.serial == m.serial
                and c.key
                and (issuer is None or c.number is None or code_agrees(issuer.info, c.number.issuer_code))
            }
        )
        surface = layout.text[m.start : m.end]
        if len(found) == 1:
            m.key, m.type_code = found[0], next(c.type_code for c in mentions if c.key == found[0])
        elif found:
            warnings.append(f"{surface!r} may be any of {', '.join(found)}: left unresolved")
        elif issuer is not None and issuer.info.code and not issuer.info.state and printed:
            serial = surface.rsplit(None, 1)[-1]  # as printed: "18", "05"
            m.key, m.type_code = f"{serial}-{printed}/{issuer.info.code}", printed
            m.notes.append(f"number {m.key} read from {surface!r} and its issuer")
        else:
            warnings.append(f"{surface!r} names no number printed in the text: left unresolved")
    return warnings


def _printed_code(concept: str | None) -> str | None:
    """The one code a number prints for a Party type ("NQ"); None when it prints several (a Quy định: QĐi
    or QĐ) or the type is unknown."""
    info = party_type_for_code(concept) if concept else None
    return info.printed[0] if info is not None and len(info.printed) == 1 else None


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


def split_by_term(mentions: list[Mention]) -> list[str]:
    """One number dated in two committee terms names two documents (numbering restarts each term): "34-KL/TW,
    ngày 07/8/2018" and "34-KL/TW, ngày 18/4/2022". The first keeps the number as its key, a later one becomes
    "34-KL/TW@2022-04-18"; an undated mention joins the nearest dated one before it (else the first)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.key and m.form in ("number", "short") and m.kind == "party":
            groups.setdefault(m.key, []).append(m)
    warnings = []
    for key, group in groups.items():
        keys: dict[str, tuple[str, str]] = {}  # term -> (key, date)
        for m in group:
            iso = m.date.iso if m.date is not None else None
            term = _term_of(key, iso, m.term) if iso else None
            if iso and term and term not in keys:
                keys[term] = (key if not keys else f"{key}@{iso}", iso)
        if len(keys) < 2:
            continue
        current = None
        for m in group:
            iso = m.date.iso if m.date is not None else None
            term = _term_of(key, iso, m.term) if iso or m.term else None
            current = keys[term][0] if term in keys else current
            m.key = current or key
        dates = ", ".join(iso for _, iso in keys.values())
        names = " and ".join(k for k, _ in keys.values())
        warnings.append(f"{key}: two documents carry this number here ({dates}): kept apart as {names}")
    return warnings


def _term_of(number: str, iso: str | None, stated: str | None) -> str | None:
    if stated:
        return stated
    return central_term_for(iso) if number.endswith("TW") else local_term_for(iso)
