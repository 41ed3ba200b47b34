"""The closing and stamped parts of an official text: signers ("T/M BỘ CHÍNH TRỊ" / "Võ Văn Thương"),
recipients ("Nơi nhận:" and one "- ..." line each, continuation lines joined) and incoming stamps
("VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN / ĐẾN / Số 502, ngày 22/7/2022"); and a portal's signer ("Thay mặt Ban
Thường vụ Tỉnh ủy Hà Tĩnh, Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng đã ký ...").
"""

from __future__ import annotations

import re

from graph.extract.bodies import BodyInfo, body_label, proper_case, resolve_body
from graph.extract.dates import find_dates
from graph.model import Receipt, Signer, Span
from graph.parse import Block, Layout, columns, indent, is_upper_line
from graph.text import squash

__all__ = ["portal_signer", "read_receipt", "read_recipients", "read_signers"]

# A signature mark and what follows it. Example lines: "T/M BỘ CHÍNH TRỊ", "K/T BÍ THƯ", "TM. BAN THƯỜNG VỤ".
_MARK = re.compile(r"\W*(?P<mark>t/m|tm\.|k/t|kt\.|t/l|tl\.|tuq\.|q\.)\s*")
_MARKS = {
    "t/m": "T/M",
    "tm.": "T/M",
    "k/t": "K/T",
    "kt.": "K/T",
    "t/l": "T/L",
    "tl.": "T/L",
    "tuq.": "TUQ.",
    "q.": "Q.",
}
# A signature note. Example lines: "(đã ký và đóng dấu)", "(Đã ký)", "Đã ký".
_SIGNED = re.compile(r"\W*\(?\s*da ky")
# Capacity words, which a name line in capitals cannot hold. Example lines: "PHÓ BÍ THƯ THƯỜNG TRỰC",
# "CHÁNH VĂN PHÒNG", "TỔNG BÍ THƯ".
_TITLE_WORDS = re.compile(
    r"(?<![a-z])(?:bi thu|chu tich|pho|chanh|truong ban|uy vien|thuong truc|thuong vu|giam doc"
    r"|van phong|chu nhiem)(?![a-z])"
)
# A person's name. Example lines: "Võ Văn Thương", "Lê Tấn Lai", "TRẦN THẾ DŨNG".
_NAME = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){1,4}")
# Markdown around a line. Example lines: "**Lê Tấn Lai**", "#### Nơi nhận:", "*(đã ký)*".
_MARKUP = re.compile(r"\*\*|__|\\(?=[*_#])|^\s*#+\s*|(?<!\w)\*|\*(?!\w)")
# A recipients item. Example lines: "- Các tỉnh uỷ, thành uỷ,", "+ Vụ II", "• Lưu VP".
_ITEM = re.compile(r"\s*[-+•–]\s+|\s*[-+•–](?=\S)")
# The recipients' heading. Example line: "Nơi nhận:".
_RECIPIENTS_HEAD = re.compile(r"\W*noi nhan\s*:?\s*")
# The receipt number in a stamp. Example lines: "Số 502, ngày 22/7/2022", "Số đến: 502".
_STAMP_NUMBER = re.compile(r"so(?: den)?\s*:?\s*(\d{1,6})")
# Adverbs between a portal signer and "ký". Example line: "Trần Thế Dũng đã ký".
_ADVERBS = re.compile(r"(?:\s+(?:da|vua|moi|chinh thuc|cung))*\s*$")
# On behalf of a body; a comrade's name. Example lines: "Thay mặt Ban Thường vụ Tỉnh ủy", "đồng chí Trần ...".
_ON_BEHALF = re.compile(r"(?<![a-z])(?:thay mat|t/m)\s+")
_COMRADE = re.compile(r"(?<![a-z])dong chi\s+")


def _lines(layout: Layout, block: Block) -> list[tuple[int, int]]:
    out, pos = [], block.start
    for line in layout.text[block.start : block.end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _signature_lines(layout: Layout, block: Block) -> list[tuple[int, int]]:
    """The signature's lines; beside the recipients (a flattened table), their right-hand cells only."""
    recipients = layout.block("recipients")
    out = []
    for s, e in _lines(layout, block):
        cells = columns(layout.text, s, e)
        beside = recipients is not None and recipients.start <= s < recipients.end
        if s == block.start or (len(cells) > 1 and beside) or not beside or indent(layout.text, s, e) >= 8:
            out.append(cells[-1] if cells else (s, e))
    return out


def _clean(text: str) -> str:
    """The text without Markdown, white space squashed and stripped."""
    if "*" in text or "_" in text or "#" in text or "\\" in text:  # what every match of _MARKUP holds
        text = _MARKUP.sub("", text)
    return squash(text).strip()


def read_signers(layout: Layout, block: Block | None, committee: BodyInfo | None) -> tuple[Signer, ...]:
    """The signer of a signature block: the name line, with the capacity lines above it."""
    if block is None:
        return ()
    lines = [ln for ln in _signature_lines(layout, block) if not _SIGNED.match(layout.low, *ln)]
    if not lines:
        return ()
    name_line = lines[-1]
    name = _clean(layout.text[slice(*name_line)])
    if not _NAME.fullmatch(name) or not all(w[:1].isupper() for w in name.split()):
        return ()
    if is_upper_line(name) and _TITLE_WORDS.search(layout.low, *name_line):
        return ()
    if is_upper_line(name):
        name = " ".join(w.capitalize() for w in name.split())
    capacity = ", ".join(_capacity(layout, ln, committee) for ln in lines[:-1]) or None
    return (Signer(name, capacity, Span(block.start, name_line[1], layout.text[block.start : name_line[1]])),)


def _capacity(layout: Layout, line: tuple[int, int], committee: BodyInfo | None) -> str:
    """ "T/M BỘ CHÍNH TRỊ" -> "T/M Bộ Chính trị"; "T/M BAN THƯỜNG VỤ" under "TỈNH ỦY HÀ TĨNH" -> its label."""
    mark = _MARK.match(layout.low, *line)
    rest_at = mark.end() if mark else line[0]
    rest = _clean(layout.view[rest_at : line[1]])
    body = resolve_body(rest)
    if body is None and committee is not None and mark and mark.group("mark") in ("t/m", "tm."):
        body = resolve_body(f"{proper_case(rest)} {body_label(committee)}")
    label = body_label(body) if body is not None and mark else proper_case(rest)
    return f"{_MARKS[mark.group('mark')]} {label}" if mark else label


def read_recipients(layout: Layout, block: Block | None) -> tuple[str, ...]:
    """One recipient per "- ..." line; a line without a dash continues the one before. In a flattened
    table only the left-hand cells are recipients."""
    if block is None:
        return ()
    items: list[str] = []
    for s, e in _lines(layout, block):
        cells = columns(layout.text, s, e)
        if not cells or (s != block.start and indent(layout.text, s, e) >= 8):
            continue
        start, end = cells[0]
        head = _RECIPIENTS_HEAD.match(layout.low, start, end) if s == block.start else None
        line = layout.text[head.end() if head else start : end]
        if not line.strip():
            continue
        item = _ITEM.match(line)
        if item or not items:
            items.append(line[item.end() :] if item else line)
        else:
            items[-1] += " " + line.strip()
    return tuple(c for c in (_clean(i).rstrip(" ,;.") for i in items) if c)


def read_receipt(layout: Layout, block: Block | None) -> tuple[Receipt, ...]:
    """An incoming stamp: the receiving body (the line above "ĐẾN"), the receipt number and date."""
    if block is None:
        return ()
    lines = _lines(layout, block)
    first = _clean(layout.view[slice(*lines[0])])
    body = resolve_body(first)
    by = body_label(body) if body else proper_case(first)
    number = _STAMP_NUMBER.search(layout.low, lines[0][1], block.end)
    dates = find_dates(layout.low, lines[0][1], block.end)
    span = Span(block.start, block.end, layout.text[block.start : block.end])
    return (Receipt(by, number.group(1) if number else None, dates[0].iso if dates else None, span),)


def _name_then_title(layout: Layout, start: int, end: int) -> Signer | None:
    """ "Đồng chí Trần Minh Quang, Phó Bí thư Thường trực Tỉnh ủy đã ký": the name, a comma, the capacity."""
    comma = layout.text.find(",", start, end)
    name = layout.text[start:comma].strip() if comma >= 0 else ""
    words = name.split()
    if not 2 <= len(words) <= 5 or not all(w[:1].isupper() for w in words) or not _NAME.fullmatch(name):
        return None
    capacity = squash(layout.text[comma + 1 : end]).strip(" ,") or None
    name_start = layout.text.find(name, start, comma)
    return Signer(name, capacity, Span(name_start, name_start + len(name), name))


def portal_signer(layout: Layout, sentence_start: int, verb_start: int) -> Signer | None:
    """ "Thay mặt <body>, <capacity> <Name> đã ký ..." or "đồng chí <Name> ... ký" before a signing verb."""
    low, text = layout.low, layout.text
    behalf = _ON_BEHALF.search(low, sentence_start, verb_start)
    comrade = _COMRADE.search(low, sentence_start, verb_start)
    end = verb_start - len(_ADVERBS.search(low, sentence_start, verb_start).group())  # type: ignore[union-attr]
    if behalf is None and comrade is None:
        return None
    comma = low.find(",", behalf.end(), end) if behalf else -1
    start = comrade.end() if comrade else (comma + 1 if comma >= 0 else end)
    if comrade is not None and behalf is None:
        named = _name_then_title(layout, start, end)
        if named is not None:
            return named
    phrase = text[start:end].strip()
    words = phrase.split()
    run = 0
    while run < len(words) and words[len(words) - 1 - run][:1].isupper():
        run += 1
    run = min(run, 3) if run > 4 else run
    if run < 2:
        return None
    name = " ".join(words[len(words) - run :])
    capacity = " ".join(words[: len(words) - run]).strip(" ,") or None
    if behalf is not None:
        body = resolve_body(text[behalf.end() : comma if comma >= 0 else end])
        on_behalf = f"thay mặt {body_label(body)}" if body else None
        capacity = ", ".join(p for p in (capacity, on_behalf) if p) or None
    name_start = text.find(name, start, end)
    return Signer(name, capacity, Span(name_start, name_start + len(name), name))
