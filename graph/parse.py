"""A text -> its blocks: header, number line, place-date line, incoming stamp, type line, title, body,
signature block and recipients; and the main-text region without page residue.

Everything runs on two same-length views of the NFC text, so a block's offsets are offsets in the text:
``view`` (:func:`graph.text.match_view`: tone placement, look-alike Đ, dashes and Markdown folded) and
``low``, the view lower-cased without diacritics ("Tỉnh ủy" -> "tinh uy"), for keywords that must survive
damaged diacritics. Lines are visited once; no pattern scans the text character by character in Python.

>>> layout = parse("THÔNG BÁO\\n\\nvề việc A\\n\\nNội dung.\\n\\nNơi nhận:\\n- Lưu VP.\\n\\n"
...               "CHÁNH VĂN PHÒNG\\n\\nLê Văn B")
>>> [b.kind for b in layout.blocks]
['type', 'title', 'body', 'recipients', 'signature']
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from graph.doctypes import doc_types
from graph.text import match_view

__all__ = [
    "Block",
    "BlockKind",
    "Layout",
    "ascii_view",
    "columns",
    "indent",
    "is_upper_line",
    "parse",
    "type_words",
]

BlockKind = Literal[
    "header", "number", "place_date", "stamp", "type", "title", "body", "signature", "recipients", "dateline"
]

_TOP_LINES = 45  # the official header, number, date, stamp and title sit within the first lines
# A blank line: nothing but spaces.
_BLANK = re.compile(r"\s*")

# Page chrome before a web article. Example lines: "Sign In", "Cổng thông tin điện tử", "Trang chủ".
_LEADING_CHROME = re.compile(
    r"\s*(?:sign in|dang nhap|dang ky|trang chu|cong thong tin dien tu|trang thong tin dien tu|bao dien tu"
    r"|english|menu|tim kiem|lien he|so do cong)\b"
)
# Page residue after the text. Example lines: "Tệp đính kèm", "Đánh giá:", "lượt đánh giá: , trung bình",
# "Mã xác thực không đúng.", "Bản đồ thị xã Kỳ Anh", "Liên kết website", "Thống kê: 2.504.587", "Online: 34",
# "Tag:", "File đính kèm", "Toàn văn kết luận mời xem tại đây.".
_TRAILING_RESIDUE = re.compile(
    r"\s*(?:[•·|]\s*)?(?:tep dinh kem|file dinh kem|tai ve\b|tags?\s*:|tu khoa\s*:|danh gia\s*:|luot danh gia"
    r"|binh luan\s*$|ma xac thuc|ban do\b|lien ket website|thong ke\s*:|online\s*:|luot xem|luot truy cap"
    r"|dang truy cap|tin lien quan|tin bai lien quan|tin cung chuyen muc|bai viet cung chuyen muc"
    r"|cac tin khac"
    r"|tin khac\s*$|tin moi\s*$|tin doc nhieu|doc them\s*:?|xem them\s*:|bai viet lien quan"
    r"|chia se\s*(?::|$)|in bai\s*$|gui email|y kien ban doc|gui y kien|ban quyen|©"
    r"|toan van .{0,40}(?:tai day|xem tai|moi xem|dinh kem))"
)
_RESIDUE_MAX = 60  # residue lines are short
# A byline or source line closing a web article. Example lines: "Hiền Hòa", "PV", "(Theo TTXVN)",
# "Nguồn: ...".
_BYLINE = re.compile(r"\s*(?:\(?theo .{2,40}\)?|nguon\s*:.*|pv|ctv|btv|[^\W\d_]+(?: [^\W\d_]+){0,3})\s*$")
# A publication line in a news header. Example lines: "23:48 03/04/2023", "Thứ Hai, 03/04/2023 - 23:48",
# "Ngày đăng: 03/04/2023", "Cập nhật lúc 10:20, 03/04/2023".
_GMT = r"(?:\s*\(?gmt\s*\+?\s*7\)?)?"
_DATELINE = re.compile(
    r"\s*(?:(?:thu \w+|chu nhat|ngay dang|ngay cap nhat|cap nhat(?: luc)?|dang luc|ngay xuat ban"
    rf"|xuat ban)\s*[:,]?\s*)?(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?{_GMT}\s*[,|-]?\s*)?(?:ngay\s*)?"
    rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}(?:\s*[,|-]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?{_GMT})?\s*$"
)
# The number line. Example lines: "Số 16-TB/TW", "Số: 55-KL/TU", "Số 16TB/TW", "Số: 22/2019/NQ-HĐND".
# It opens a line, or follows a flattened table cell ("BAN CHẤP HÀNH TRUNG ƯƠNG * Số 16-TB/TW").
_NUMBER_LINE = re.compile(
    r"(?:^[ \t*#|_]*|[ \t]{2,}|\*[ \t]*|\|[ \t]*)(?P<so>so)\s*:?\s*\d{1,5}\s*(?:-|/|&#)?\s*[a-z]{0,4}\s*"
    r"(?:/|&#x?\w+;)\s*[a-z0-9]+(?:[/-][a-z0-9]+)*",
    re.MULTILINE,
)
# The place-date line. Example lines: "Hà Nội, ngày 07 tháng 7 năm 2022", "Hà Tĩnh, ngày   tháng 8 năm 2022".
_PLACE_DATE = re.compile(
    r"[a-z][a-z.'-]*(?: [a-z.'-]+){0,4}\s*,\s*ngay\s+[\d .…_]*\s*thang\s+\d{1,2}\s+nam\s+\d{4}"
)
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
_RECIPIENTS = re.compile(r"\W*noi nhan\s*:?")
# A recipient item. Example lines: "- Các tỉnh uỷ, thành uỷ,", "+ Vụ II", "• Lưu VP".
_ITEM = re.compile(r"\s*[-+•–]\s*")
# A signature mark. Example lines: "T/M BỘ CHÍNH TRỊ", "K/T BÍ THƯ", "TM. BAN THƯỜNG VỤ", "T/L BAN BÍ THƯ".
_SIGN_MARK = re.compile(r"\W*(?:t/m|tm\.|k/t|kt\.|t/l|tl\.|tuq\.|q\.|thay mat)\s*\w")
# A wide gap between the cells of a flattened table. Example line: "Nơi nhận:        T/M BAN THƯỜNG VỤ".
_COLUMN_GAP = re.compile(r"\S(?:[ \t]{3,}|\t)(?=\S)")
_RIGHT_COLUMN = 8  # a line indented this far belongs to a right-hand column
# A line ending a sentence. Example lines: "... như sau:", "... Ban Bí thư.", "... hiệu quả”".
_TERMINAL = re.compile(r"[.!?:;”\"')]\s*$")
# Breaks between sentences: end punctuation or a line break, kept only when a capital or a digit follows.
_BREAK = re.compile(r"[.!?…][”\"')\]]*\s+|[;:][ \t]*\n\s*|\n\s*")


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Layout:
    """A parsed text: its views, main region, blocks and sentence starts."""

    text: str
    view: str
    low: str
    main: tuple[int, int]
    blocks: tuple[Block, ...]
    sentence_starts: tuple[int, ...]
    official: bool

    def block(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``: from the last break before it to the next break."""
        i = bisect.bisect_right(self.sentence_starts, pos)
        start = self.sentence_starts[i - 1] if i else self.main[0]
        end = self.sentence_starts[i] if i < len(self.sentence_starts) else self.main[1]
        return start, end


@cache
def type_words() -> tuple[str, ...]:
    """Type words of graph/data/document_types.yaml, folded like ``low``, longest first."""
    words = {ascii_view(w) for row in doc_types() for w in (row.vi, *row.words)}
    return tuple(sorted(words, key=len, reverse=True))


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = base.replace("Đ", "d").replace("đ", "d").lower()
    return base if len(base) == 1 else char


_FOLD = {
    code: _fold_char(chr(code))
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    if _fold_char(chr(code)) != chr(code)
}


def ascii_view(view: str) -> str:
    """``view`` lower-cased without diacritics, same length: "Tỉnh ủy Hà Tĩnh" -> "tinh uy ha tinh"."""
    return view.translate(_FOLD)


def is_upper_line(text: str) -> bool:
    """Whether a line's letters are all capitals (at least two of them)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse(text: str, view: str | None = None) -> Layout:
    """Parse an NFC text into its blocks."""
    view = match_view(text) if view is None else view
    low = ascii_view(view)
    lines = _lines(text)
    main = _main_region(text, low, lines)
    inside = [ln for ln in lines if main[0] <= ln[0] < main[1]]
    blocks = _official_blocks(text, view, low, inside, main)
    kinds = {b.kind for b in blocks}
    official = bool(kinds & {"number", "type"}) and bool(
        kinds & {"number", "place_date", "signature", "recipients"}
    )
    if not official:
        blocks = _web_blocks(text, low, inside, main)
    starts = _sentence_starts(text, view, main)
    return Layout(text, view, low, main, tuple(sorted(blocks, key=lambda b: b.start)), starts, official)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end before the line break."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def _blank(text: str, line: tuple[int, int]) -> bool:
    return _BLANK.fullmatch(text, line[0], line[1]) is not None


def _main_region(text: str, low: str, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """The text without page chrome before it and residue after it."""
    filled = [ln for ln in lines if not _blank(text, ln)]
    if not filled:
        return 0, len(text)
    first = 0
    for i, (s, e) in enumerate(filled[:10]):
        if e - s <= _RESIDUE_MAX and _LEADING_CHROME.match(low, s, e):
            first = i + 1
    start = filled[min(first, len(filled) - 1)][0]
    end = filled[-1][1]
    body_seen = False
    for s, e in filled[first:]:
        if e - s > 120:
            body_seen = True
        elif body_seen and _TRAILING_RESIDUE.match(low, s, e):
            end = s
            break
    return start, max(_strip_end(text, start, end), start)


def _strip_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def _web_blocks(text: str, low: str, lines: list[tuple[int, int]], main: tuple[int, int]) -> list[Block]:
    """The publication line of a web page ("23:48 03/04/2023") and the body: the rest of the main region."""
    blocks: list[Block] = []
    filled = [ln for ln in lines if not _blank(text, ln)]
    body_start = main[0]
    for s, e in filled[:8]:
        if e - s <= 80 and _DATELINE.match(low, s, e):
            blocks.append(Block("dateline", s, e))
            body_start = e
            break
    end = _byline_cut(text, low, filled, main)
    if end > body_start:
        blocks.append(Block("body", _next_filled(text, body_start, end), end))
    return blocks


def _byline_cut(text: str, low: str, filled: list[tuple[int, int]], main: tuple[int, int]) -> int:
    """The end of a web body: before a closing byline ("Hiền Hòa", "(Theo TTXVN)")."""
    inside = [ln for ln in filled if ln[1] <= main[1]]
    end = main[1]
    for s, e in reversed(inside[-2:]):
        capitalised = all(w[:1].isupper() or w[:1] == "(" for w in text[s:e].split())
        if len(inside) > 2 and e - s <= 40 and capitalised and _BYLINE.match(low, s, e):
            end = _strip_end(text, main[0], s)
        else:
            break
    return end


def _next_filled(text: str, pos: int, end: int) -> int:
    return end - len(text[pos:end].lstrip())


def _sentence_starts(text: str, view: str, main: tuple[int, int]) -> tuple[int, ...]:
    """Sentence starts: after end punctuation or a line break, when a capital, digit or mark follows."""
    starts = [main[0]]
    for m in _BREAK.finditer(view, main[0], main[1]):
        nxt = m.end()
        if nxt < main[1] and not text[nxt].islower():
            starts.append(nxt)
    return tuple(starts)


def _official_blocks(
    text: str, view: str, low: str, lines: list[tuple[int, int]], main: tuple[int, int]
) -> list[Block]:
    """Blocks of an official text; empty of number/type blocks when the text is not one."""
    top = lines[:_TOP_LINES]
    stamp = _stamp(text, low, top)
    blocks = [stamp] if stamp else []
    skip = (stamp.start, stamp.end) if stamp else (-1, -1)
    type_i = _type_line(text, low, top, skip)
    head_end = top[type_i][0] if type_i is not None else (top[min(len(top), 12) - 1][1] if top else main[0])
    blocks += _number_and_date(low, main[0], head_end, skip)
    header = _header(text, low, top, head_end, skip)
    if header:
        blocks.append(header)
    body_start = main[0]
    if type_i is not None:
        title_end, body_start = _title(text, low, lines, type_i)
        blocks.append(Block("type", *lines[type_i]))
        blocks.append(Block("title", lines[type_i][0], title_end))
    elif blocks:
        body_start = max(b.end for b in blocks)
    tail = _tail_blocks(text, low, lines, body_start)
    body_end = min((b.start for b in tail), default=main[1])
    if body_end > body_start:
        blocks.append(Block("body", _next_filled(text, body_start, body_end), _strip_end(text, 0, body_end)))
    return blocks + tail


def _stamp(text: str, low: str, top: list[tuple[int, int]]) -> Block | None:
    """An incoming stamp: the receiving body's line, "ĐẾN", "Số 502, ngày 22/7/2022" ..."""
    for i, (s, e) in enumerate(top):
        if not _STAMP_MARK.fullmatch(low, s, e) or not is_upper_line(text[s:e]):
            continue
        first = i - 1
        while first >= 0 and _blank(text, top[first]):
            first -= 1
        last = i
        while last + 1 < len(top) and _STAMP_LINE.match(low, *top[last + 1]):
            last += 1
        start = top[first][0] if first >= 0 and is_upper_line(text[slice(*top[first])]) else s
        return Block("stamp", start, top[last][1])
    return None


def _type_line(text: str, low: str, top: list[tuple[int, int]], skip: tuple[int, int]) -> int | None:
    """The index of the type line: capitals starting with a type word ("THÔNG BÁO", "KẾT LUẬN")."""
    words = type_words()
    for i, (s, e) in enumerate(top):
        if skip[0] <= s < skip[1] or e - s > 120 or not is_upper_line(text[s:e]):
            continue
        line = low[s:e].strip(" *#_")
        if any(line == w or line.startswith(w + " ") for w in words):
            return i
    return None


def _number_and_date(low: str, start: int, end: int, skip: tuple[int, int]) -> list[Block]:
    blocks = []
    for m in _NUMBER_LINE.finditer(low, start, end):
        if not skip[0] <= m.start() < skip[1]:
            blocks.append(Block("number", m.start("so"), m.end()))
            break
    for m in _PLACE_DATE.finditer(low, start, end):
        if not skip[0] <= m.start() < skip[1]:
            blocks.append(Block("place_date", m.start(), m.end()))
            break
    return blocks


def _header(text: str, low: str, top: list[tuple[int, int]], end: int, skip: tuple[int, int]) -> Block | None:
    """The capitals above the type line (issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM"), stamp excluded."""
    heads = [(s, e) for s, e in top if e <= end and not skip[0] <= s < skip[1] and is_upper_line(text[s:e])]
    return Block("header", heads[0][0], heads[-1][1]) if heads else None


def _title(text: str, low: str, lines: list[tuple[int, int]], type_i: int) -> tuple[int, int]:
    """End of the title (type line, capitals, "về ..." subject lines) and start of the body."""
    end = lines[type_i][1]
    i, blank_seen = type_i + 1, False
    while i < len(lines):
        s, e = lines[i]
        if _blank(text, (s, e)):
            blank_seen = True
        elif _SEPARATOR.match(low, s, e) or not _title_line(text, low, (s, e), blank_seen, end):
            break
        else:
            end, blank_seen = e, False
        i += 1
    return end, (lines[i][0] if i < len(lines) else end)


def _title_line(text: str, low: str, line: tuple[int, int], after_blank: bool, prev_end: int) -> bool:
    s, e = line
    content = low[s:e].lstrip(" *#_")
    first = s + len(low[s:e]) - len(content)
    if is_upper_line(text[s:e]) or content.startswith(("ve ", "v/v", "(")):
        return True
    if after_blank:
        return False
    if text[first : first + 1].islower():  # a wrapped title line: "tại Hội nghị trực tuyến tổng kết"
        return True
    return (
        e - s <= 250 and not _BODY_START.match(content) and not _TERMINAL.search(text, prev_end - 2, prev_end)
    )


def _tail_blocks(text: str, low: str, lines: list[tuple[int, int]], body_start: int) -> list[Block]:
    """Recipients ("Nơi nhận:" and its "- ..." items) and the signature block, in either order; a
    signature printed beside the recipients (a flattened two-column table) spans their right column."""
    rest = [ln for ln in lines if ln[0] >= body_start]
    rec_i = next((i for i, (s, e) in enumerate(rest) if _RECIPIENTS.match(low, s, e)), None)
    if rec_i is None:
        sign = _signature(text, low, rest)
        return [sign] if sign else []
    last = _recipients_end(text, low, rest, rec_i)
    blocks = [Block("recipients", rest[rec_i][0], rest[last][1])]
    after = _signature(text, low, rest[last + 1 :])
    beside = [seg for ln in rest[rec_i : last + 1] for seg in columns(text, *ln)[1:]]
    if beside:
        trailing = [ln for ln in rest[last + 1 : last + 9] if not _blank(text, ln)]
        return [*blocks, Block("signature", beside[0][0], trailing[-1][1] if trailing else rest[last][1])]
    sign = after or _signature(text, low, rest[:rec_i])
    return [*blocks, sign] if sign else blocks


def columns(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a line of a flattened table, split at wide gaps: "- Lưu VP,        (Đã ký)"."""
    cells, pos = [], start
    for gap in _COLUMN_GAP.finditer(text, start, end):
        cells.append((pos, gap.start() + 1))
        pos = gap.end()
    cells.append((pos, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in cells if text[s:e].strip()]


def indent(text: str, start: int, end: int) -> int:
    """How far a line's text stands from its left margin."""
    return len(text[start:end]) - len(text[start:end].lstrip(" \t"))


def _recipients_end(text: str, low: str, lines: list[tuple[int, int]], first: int) -> int:
    """The last line of the recipients: items, and lines continuing an item (not after a blank line)."""
    last, after_blank = first, False
    for i in range(first + 1, len(lines)):
        s, e = lines[i]
        if _blank(text, (s, e)):
            after_blank = True
            continue
        is_item = _ITEM.match(text, s, e) is not None
        ends = after_blank or indent(text, s, e) >= _RIGHT_COLUMN or _SIGN_MARK.match(low, s, e)
        if not is_item and (ends or is_upper_line(text[s:e])):
            break
        last, after_blank = i, False
    return last


def _signature(text: str, low: str, lines: list[tuple[int, int]]) -> Block | None:
    """A signature block closing ``lines``: the last run of short capacity lines and a name."""
    filled = [ln for ln in lines if not _blank(text, ln)][-8:]
    for i, (s, e) in enumerate(filled):
        marked = _SIGN_MARK.match(low, s, e) is not None
        if marked or (is_upper_line(text[s:e]) and e - s <= 60 and i >= len(filled) - 5):
            rest = filled[i:]
            if len(rest) >= 2 and all(e2 - s2 <= 60 for s2, e2 in rest):
                return Block("signature", s, filled[-1][1])
    return None
