"""The closing blocks of an official text: the recipients ("Nơi nhận:" and its "- ..." items) and the
signature block, in either order, or side by side in a flattened two-column table.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

from graph.parse.views import Block, Line, blank, columns, indent, is_upper_line, last_filled

__all__ = ["tail_blocks"]

# The recipients' heading. Example lines: "Nơi nhận:", "#### Nơi nhận:".
_RECIPIENTS = re.compile(r"\W*noi nhan\s*:?")
# A recipient item. Example lines: "- Các tỉnh uỷ, thành uỷ,", "+ Vụ II", "• Lưu VP".
_ITEM = re.compile(r"\s*[-+•–]\s*")
# A signature mark. Example lines: "T/M BỘ CHÍNH TRỊ", "K/T BÍ THƯ", "TM. BAN THƯỜNG VỤ", "T/L BAN BÍ THƯ".
_SIGN_MARK = re.compile(r"\W*(?:t/m|tm\.|k/t|kt\.|t/l|tl\.|tuq\.|q\.|thay mat)\s*\w")
# A wide gap between the cells of a flattened table. Example line: "Nơi nhận:        T/M BAN THƯỜNG VỤ".

_RIGHT_COLUMN = 8  # a line indented this far belongs to a right-hand column
_START, _END = itemgetter(0), itemgetter(1)  # of a line


def tail_blocks(text: str, low: str, lines: list[Line], body_start: int) -> list[Block]:
    """Recipients ("Nơi nhận:" and its "- ..." items) and the signature block, in either order; a
    signature printed beside the recipients (a flattened two-column table) spans their right column."""
    rest = lines[bisect_left(lines, body_start, key=_START) :]  # lines are in order: those from body_start
    # only a line reaching past the first "noi nhan" can open the recipients (line ends increase too)
    first = low.find("noi nhan", rest[0][0]) if rest else -1
    rec_i = None
    if first >= 0:
        for i in range(bisect_right(rest, first, key=_END), len(rest)):
            if _RECIPIENTS.match(low, *rest[i]):
                rec_i = i
                break
    if rec_i is None:
        sign = _signature(text, low, rest)
        return [sign] if sign else []
    last = _recipients_end(text, low, rest, rec_i)
    blocks = [Block("recipients", rest[rec_i][0], rest[last][1])]
    after = _signature(text, low, rest[last + 1 :])
    beside = [seg for ln in rest[rec_i : last + 1] for seg in columns(text, *ln)[1:]]
    if beside:
        trailing = [ln for ln in rest[last + 1 : last + 9] if not blank(text, ln)]
        return [*blocks, Block("signature", beside[0][0], trailing[-1][1] if trailing else rest[last][1])]
    sign = after or _signature(text, low, rest[:rec_i])
    return [*blocks, sign] if sign else blocks


def _recipients_end(text: str, low: str, lines: list[Line], first: int) -> int:
    """The last line of the recipients: items, and lines continuing an item (not after a blank line)."""
    last, after_blank = first, False
    for i in range(first + 1, len(lines)):
        s, e = lines[i]
        if blank(text, (s, e)):
            after_blank = True
            continue
        is_item = _ITEM.match(text, s, e) is not None
        ends = after_blank or indent(text, s, e) >= _RIGHT_COLUMN or _SIGN_MARK.match(low, s, e)
        if not is_item and (ends or is_upper_line(text[s:e])):
            break
        last, after_blank = i, False
    return last


def _signature(text: str, low: str, lines: list[Line]) -> Block | None:
    """A signature block closing ``lines``: the last run of short capacity lines and a name."""
    filled = last_filled(text, lines, 8)
    for i, (s, e) in enumerate(filled):
        marked = _SIGN_MARK.match(low, s, e) is not None
        if marked or (is_upper_line(text[s:e]) and e - s <= 60 and i >= len(filled) - 5):
            rest = filled[i:]
            if len(rest) >= 2 and all(e2 - s2 <= 60 for s2, e2 in rest):
                return Block("signature", s, filled[-1][1])
    return None
