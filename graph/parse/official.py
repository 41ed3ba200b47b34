"""Official texts: the incoming stamp, the type line, the number and place-date lines, the header, the title
(type line, capitals, "về ..." subject lines) and the body; the recipients and signature come from
:mod:`graph.parse.tail`.
"""

from __future__ import annotations

import re
from functools import cache

from graph.parse.tail import tail_blocks
from graph.parse.views import Block, Line, blank, indent, is_upper_line, next_filled, strip_end, type_words

__all__ = ["official_blocks"]

_TOP_LINES = 45  # the official header, number, date, stamp and title sit within the first lines
# It opens a line, or follows a flattened table cell ("BAN CHẤP HÀNH TRUNG ƯƠNG * Số 16-TB/TW").
_NUMBER_LINE = re.compile(
    r"(?:^[ \t*#|_]*|[ \t]{2,}|\*[ \t]*|\|[ \t]*)(?P<so>so)\s*:?\s*\d{1,5}\s*(?:-|/|&#)?\s*[a-z]{0,4}\s*"
    r"(?:/|&#x?\w+;)\s*[a-z0-9]+(?:[/-][a-z0-9]+)*",
    re.MULTILINE,
)
# The place-date line; a unit's name may be a number. Example lines: "Hà Nội, ngày 07 tháng 7 năm 2022",
# "Hà Tĩnh, ngày   tháng 8 năm 2022", "Quận 4, ngày 28 tháng 12 năm 2023".
_PLACE_DATE = re.compile(
    r"[a-z][a-z.'-]*(?: (?:[a-z.'-]+|\d{1,3})){0,4}\s*,\s*ngay\s+[\d .…_]*\s*thang\s+\d{1,2}\s+nam\s+\d{4}"
)
# What every match of _NUMBER_LINE and of _PLACE_DATE holds (their ends), cheap to look for: a literal opens
# each, and the regex engine scans for it at C speed. Example lines: "Số: 16", ", ngày 07 tháng 7 năm 2022".
_NUMBER_CUE = re.compile(r"so\s*:?\s*\d")
_DATE_CUE = re.compile(r",\s*ngay\s+[\d .…_]*\s*thang\s+\d{1,2}\s+nam\s+\d{4}")
# The incoming stamp's middle line. Example lines: "ĐẾN", "CÔNG VĂN ĐẾN", "VĂN BẢN ĐẾN".
_STAMP_MARK = re.compile(r"\s*(?:cong van |van ban )?den\s*$")
# Lines of the stamp after "ĐẾN". Example lines: "Số 502, ngày 22/7/2022", "Chuyên:", "Lưu hồ sơ",
# "Ngày: 22/7".
_STAMP_LINE = re.compile(r"\s*(?:so\s*:?\s*\d|ngay\s*:?\s*\d|chuy[eê]n\s*:|luu ho so|so den|ngay den)")
# Lines that open a body after the title. Example lines: "Xem xét đề nghị của Ban Tổ chức Trung ương",
# "Căn cứ Điều lệ Đảng;", "Ngày 22/02/2017, đồng chí ...", "I- Đánh giá kết quả".
_BODY_START = re.compile(
    r"\s*(?:can cu|xem xet|xet de nghi|thuc hien|trien khai|ngay \d|sau khi|tai (?:hoi nghi|phien|ky hop)"
    r"|de |nham |qua \d|trong (?:nhung|thoi gian)|kinh gui|[ivx]+\s*[.-]|\d+\s*[.)-]|phan (?:i|thu|mot))"
)
# A rule between title and body. Example lines: "-----", "*", "___".
_SEPARATOR = re.compile(r"\s*(?:[-_=*~.]\s*){3,}$|\s*\*\s*$")
# The recipients' heading. Example lines: "Nơi nhận:", "#### Nơi nhận:".
_HEADER_LINE = 160  # header cells are short; a longer line is body text
_SUBJECT_LINES = 20
# The subject line of a letter. Example lines: "V/v triển khai thực hiện Kết luận", "Về việc tổ chức hội
# nghị".
_SUBJECT = re.compile(r"[ \t*]*(?:v/v|ve viec)(?![a-z])")
# The addressees of a letter. Example line: "Kính gửi:   - Các tỉnh ủy, thành ủy,".
_ADDRESSEES = re.compile(r"[ \t*]*kinh gui")
# A line ending a sentence. Example lines: "... như sau:", "... Ban Bí thư.", "... hiệu quả”".
_TERMINAL = re.compile(r"[.!?:;”\"')]\s*$")


def official_blocks(text: str, view: str, low: str, lines: list[Line], main: tuple[int, int]) -> list[Block]:
    """Blocks of an official text; empty of number/type blocks when the text is not one."""
    top = lines[:_TOP_LINES]
    stamp = _stamp(text, low, top)
    blocks = [stamp] if stamp else []
    skip = (stamp.start, stamp.end) if stamp else (-1, -1)
    type_i = _type_line(text, low, top, skip)
    head_end = top[type_i][0] if type_i is not None else (top[min(len(top), 12) - 1][1] if top else main[0])
    found = _number_and_date(low, [ln for ln in top if ln[1] <= head_end], skip)
    blocks += found
    if type_i is None and found:  # without a type line the header ends with the number and date lines
        head_end = max(b.end for b in found)
    header = _header(text, low, top, head_end, skip)
    if header:
        blocks.append(header)
    body_start = main[0]
    subject = _subject_line(text, low, top) if type_i is None and blocks else None
    if type_i is not None:
        title_end, body_start = _title(text, low, lines, type_i)
        blocks.append(Block("type", *lines[type_i]))
        blocks.append(Block("title", lines[type_i][0], title_end))
    elif subject is not None:
        blocks.append(subject)
        body_start = max(b.end for b in blocks)
    elif blocks:
        body_start = max(b.end for b in blocks)
    tail = tail_blocks(text, low, lines, body_start)
    body_end = min((b.start for b in tail), default=main[1])
    if body_end > body_start:
        blocks.append(Block("body", next_filled(text, body_start, body_end), strip_end(text, 0, body_end)))
    return blocks + tail


def _stamp(text: str, low: str, top: list[Line]) -> Block | None:
    """An incoming stamp: the receiving body's line, "ĐẾN", "Số 502, ngày 22/7/2022" ..."""
    for i, (s, e) in enumerate(top):
        if not _STAMP_MARK.fullmatch(low, s, e) or not is_upper_line(text[s:e]):
            continue
        first = i - 1
        while first >= 0 and blank(text, top[first]):
            first -= 1
        last = i
        while last + 1 < len(top) and _STAMP_LINE.match(low, *top[last + 1]):
            last += 1
        start = top[first][0] if first >= 0 and is_upper_line(text[slice(*top[first])]) else s
        return Block("stamp", start, top[last][1])
    return None


def _type_line(text: str, low: str, top: list[Line], skip: tuple[int, int]) -> int | None:
    """The index of the type line: capitals starting with a type word ("THÔNG BÁO", "KẾT LUẬN")."""
    words, openings = _type_openings()
    for i, (s, e) in enumerate(top):
        if skip[0] <= s < skip[1] or e - s > 120 or not is_upper_line(text[s:e]):
            continue
        line = low[s:e].strip(" *#_")
        if line in words or line.startswith(openings):  # a type word, alone or before a space
            return i
    return None


@cache
def _type_openings() -> tuple[frozenset[str], tuple[str, ...]]:
    """The type words, and each with the space that follows it when more words come after."""
    return frozenset(type_words()), tuple(w + " " for w in type_words())


def _number_and_date(low: str, head: list[Line], skip: tuple[int, int]) -> list[Block]:
    """The number line and the place-date line among the header's lines; a long line is body text, not a
    header cell, and is not searched."""
    blocks: list[Block] = []
    for pattern, kind, cue in ((_NUMBER_LINE, "number", _NUMBER_CUE), (_PLACE_DATE, "place_date", _DATE_CUE)):
        for s, e in head:
            # a line without the pattern's cue holds no match: skip the search
            cued = e - s <= _HEADER_LINE and cue.search(low, s, e + 40) is not None
            m = pattern.search(low, s, e + 40) if cued else None
            if m is not None and m.start() < e and not skip[0] <= m.start() < skip[1]:
                group = "so" if kind == "number" else 0
                blocks.append(Block(kind, m.start(group), m.end()))  # type: ignore[arg-type]
                break
    return blocks


def _subject_line(text: str, low: str, top: list[Line]) -> Block | None:
    """The subject of an official letter without a type line: "V/v triển khai thực hiện Kết luận" and the
    lines continuing it, up to a blank line or "Kính gửi"."""
    for i, (s, e) in enumerate(top[:_SUBJECT_LINES]):
        if not _SUBJECT.match(low, s, e):
            continue
        last = i
        while last + 1 < len(top) and not blank(text, top[last + 1]):
            if _ADDRESSEES.match(low, *top[last + 1]):
                break
            last += 1
        return Block("title", s + indent(text, s, e), top[last][1])
    return None


def _header(text: str, low: str, top: list[Line], end: int, skip: tuple[int, int]) -> Block | None:
    """The capitals above the type line (issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM"), stamp excluded."""
    heads = [(s, e) for s, e in top if e <= end and not skip[0] <= s < skip[1] and is_upper_line(text[s:e])]
    return Block("header", heads[0][0], heads[-1][1]) if heads else None


def _title(text: str, low: str, lines: list[Line], type_i: int) -> tuple[int, int]:
    """End of the title (type line, capitals, "về ..." subject lines, a lower-case subject after a blank line)
    and start of the body."""
    end = lines[type_i][1]
    i, blank_seen, subject_seen = type_i + 1, False, False
    while i < len(lines):
        s, e = lines[i]
        if blank(text, (s, e)):
            blank_seen = True
        elif _SEPARATOR.match(low, s, e) or not _title_line(text, low, (s, e), blank_seen, end, subject_seen):
            break
        else:
            end, blank_seen = e, False
            subject_seen = subject_seen or not is_upper_line(text[s:e])
        i += 1
    return end, (lines[i][0] if i < len(lines) else end)


def _title_line(
    text: str, low: str, line: tuple[int, int], after_blank: bool, prev_end: int, subject_seen: bool
) -> bool:
    """Whether a line continues the title. After a blank line only capitals, a "về ..." subject, or the first
    subject line under the type lines, which opens in lower case as no sentence does ("KẾ HOẠCH" / "" /
    "thực hiện Kết luận số 127-KL/TW ...", "HƯỚNG DẪN" / "" / "triển khai thực hiện Chỉ thị số 05-CT/TW")."""
    s, e = line
    content = low[s:e].lstrip(" *#_")
    first = s + len(low[s:e]) - len(content)
    if is_upper_line(text[s:e]) or content.startswith(("ve ", "v/v", "(")):
        return True
    opens_lower = text[first : first + 1].islower()
    if after_blank:
        return opens_lower and not subject_seen
    if opens_lower:  # a wrapped title line: "tại Hội nghị trực tuyến tổng kết"
        return True
    return (
        e - s <= 250 and not _BODY_START.match(content) and not _TERMINAL.search(text, prev_end - 2, prev_end)
    )
