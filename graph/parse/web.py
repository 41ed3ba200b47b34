"""Web pages: the main region without page chrome before it and residue after it, the publication line of a
news header, and the body before a closing byline.

>>> from graph.parse.views import ascii_view, lines_of
>>> text = "Trang chủ\\n\\nTiêu đề\\n\\n23:48 03/04/2023\\n\\n" + "Nội dung bài viết. " * 8
>>> text += "\\n\\nHiền Hòa\\n\\nTag:"
>>> low = ascii_view(text)
>>> main = main_region(text, low, lines_of(text))
>>> [text[b.start : b.end] for b in web_blocks(text, low, lines_of(text), main)][0]
'23:48 03/04/2023'
"""

from __future__ import annotations

import re

from graph.parse.views import Block, Line, filled_lines, next_filled, strip_end

__all__ = ["main_region", "web_blocks"]

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


def main_region(text: str, low: str, lines: list[Line]) -> tuple[int, int]:
    """The text without page chrome before it and residue after it."""
    filled = filled_lines(text, lines)
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
    return start, max(strip_end(text, start, end), start)


def web_blocks(text: str, low: str, lines: list[Line], main: tuple[int, int]) -> list[Block]:
    """The publication line of a web page ("23:48 03/04/2023") and the body: the rest of the main region."""
    blocks: list[Block] = []
    filled = filled_lines(text, lines)
    body_start = main[0]
    for s, e in filled[:8]:
        if e - s <= 80 and _DATELINE.match(low, s, e):
            blocks.append(Block("dateline", s, e))
            body_start = e
            break
    end = _byline_cut(text, low, filled, main)
    if end > body_start:
        blocks.append(Block("body", next_filled(text, body_start, end), end))
    return blocks


def _byline_cut(text: str, low: str, filled: list[Line], main: tuple[int, int]) -> int:
    """The end of a web body: before a closing byline ("Hiền Hòa", "(Theo TTXVN)")."""
    inside = [ln for ln in filled if ln[1] <= main[1]]
    end = main[1]
    for s, e in reversed(inside[-2:]):
        capitalised = all(w[:1].isupper() or w[:1] == "(" for w in text[s:e].split())
        if len(inside) > 2 and e - s <= 40 and capitalised and _BYLINE.match(low, s, e):
            end = strip_end(text, main[0], s)
        else:
            break
    return end
