"""Roles of the places a text names: issuer's province, place of issue (set by the caller), received the
copy, assigned a task, mentioned. Split from :mod:`graph.extract.localities`, which finds the places; this
module decides what part each plays (the rules are in that module's docstring).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from graph.localities import Place

__all__ = ["WINDOW", "Hit", "assign_roles", "line_around"]

# An incoming stamp: the receiving office, then "ĐẾN" on the next line. Example lines:
# "VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN" / "ĐẾN" / "Số 502, ngày 22/7/2022".
_STAMP = re.compile(r"^(?P<line>[^\n]*\S)[ \t]*\n[ \t]*(?:CÔNG VĂN[ \t]+)?ĐẾN(?!\w)", re.MULTILINE)
# Signing on behalf of a provincial committee, right before it. Example line: "Thay mặt Ban Thường vụ
# Tỉnh ủy Hà Tĩnh, Phó Bí thư ...", "T/M BAN THƯỜNG VỤ TỈNH ỦY".
_ON_BEHALF = re.compile(
    r"(?:thay mặt|T/M|TM\.)[ \t]+"
    r"(?:(?:ban thường vụ|thường trực|ban chấp hành(?:[ \t]+đảng[ \t]+bộ)?)[ \t]+)?$",
    re.IGNORECASE,
)
# A header line naming the issuing committee, before its place name. Example lines: "TỈNH ỦY HÀ TĨNH",
# "ĐẢNG BỘ TỈNH HÀ TĨNH", "THÀNH ỦY TP. HỒ CHÍ MINH".
_HEADER = re.compile(r"[ \t]*(?:BAN CHẤP HÀNH[ \t]+)?(?:ĐẢNG BỘ[ \t]+)?(?:(?:TỈNH|THÀNH) ỦY[ \t]+)?")
# What may follow the committee's place name on its header line: nothing, or the right-hand column of a
# header flattened onto one line, after a wide gap. Example line: "ĐẢNG BỘ TỈNH BÌNH DƯƠNG      ĐẢNG CỘNG
# SẢN VIỆT NAM".
_RIGHT_COLUMN = re.compile(r"[ \t]*(?:(?:[ \t]{2,}|\t)\S[^\n]*)?")
_HEADER_LINES = 12
WINDOW = 120  # how far around a name the role and context patterns look
_NEXT_CLAUSE_WORD = re.compile(r"[ \t,]+(\w+)")
# A committee opening a numbered or bulleted instruction, right before it. Example line: "2.3. Ban Thường vụ
# Huyện ủy Đức Thọ xây dựng đề án chia tách ...". A line opening with a committee and no number or bullet is
# a sentence about it, not a task for it: a headline "Tỉnh ủy Lào Cai cụ thể hóa các nghị quyết ...".
_TASK_OPENING = re.compile(
    r"[ \t]*(?:\d+(?:\.\d+)*[.)]?|[IVX]+\.|[a-zđ]\)|\(\d+\)|[-+•*])[ \t]*"
    r"(?:(?:ban thường vụ|thường trực|ban chấp hành)[ \t]+)?",
    re.IGNORECASE,
)
# A verb giving a task, right before the committee, wherever it stands in the sentence. Example lines:
# "- Giao Huyện ủy Kỳ Anh chủ trì", "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo chấm dứt ...",
# "2.3. Đồng ý để Ban Thường vụ Huyện uỷ Gio Linh thực hiện thí điểm ...". Not "bàn giao", "chuyển giao",
# "theo đề nghị", "xét đề nghị" (a hand-over, a proposal received).
_TASK_GIVEN = re.compile(
    r"(?<!\w)(?<!bàn )(?<!chuyển )(?<!theo )(?<!xét )"
    r"(?:giao|yêu cầu|đề nghị|đồng ý(?:[ \t]+(?:để|cho))?|cho phép)(?:[ \t]+cho)?[ \t]+"
    r"(?:(?:ban thường vụ|thường trực|ban chấp hành)[ \t]+)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    candidates: tuple[Place, ...]
    committee: bool = False  # "Huyện ủy Kỳ Anh", not "huyện Kỳ Anh"
    prefixed: bool = False
    roles: set[str] = field(default_factory=set)


def line_around(view: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The line around ``pos``, clipped to the region and to a window: patterns look at what is near."""
    start = max(view.rfind("\n", max(lo, pos - WINDOW), pos) + 1, lo, pos - WINDOW)
    end = view.find("\n", pos, min(hi, pos + WINDOW))
    return start, min(hi, pos + WINDOW) if end < 0 else end


def _stamps(view: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``_STAMP.finditer(view, lo, hi)``, started on the line before the first "ĐẾN" (none: no stamp)."""
    first = view.find("ĐẾN", lo, hi)
    if first < 0:
        return iter(())
    before = view.rfind("\n", lo, first)  # the end of the line before
    start = max(lo, view.rfind("\n", lo, before) + 1) if before >= 0 else lo
    return _STAMP.finditer(view, start, hi)


def assign_roles(view: str, lo: int, hi: int, hits: list[Hit]) -> None:
    stamps = [(m.start("line"), m.end("line")) for m in _stamps(view, lo, hi)]
    header_end = _header_end(view, lo, hi)
    for hit in hits:
        line_start, line_end = line_around(view, hit.start, lo, hi)
        if any(s <= hit.start < e for s, e in stamps):
            hit.roles.add("received the copy")
            continue
        opens_line = line_start == lo or view[line_start - 1] == "\n"
        before = view[line_start : hit.start]
        if _names_the_issuer(view, hit, before, opens_line and hit.end <= header_end, line_end):
            hit.roles.add("issuer's province")
        if _is_given_a_task(view, hit, before, opens_line, line_end):
            hit.roles.add("assigned a task")


def _header_end(view: str, lo: int, hi: int) -> int:
    """Where the header ends: after the first _HEADER_LINES lines that are not blank (past ``hi`` by one,
    the line break the region's last line would have, when there are fewer)."""
    pos, seen = lo, 0
    while True:  # line by line from the top: the header is short, the text may be long
        line_end = view.find("\n", pos, hi)
        end = hi if line_end < 0 else line_end
        seen += end > pos and not view[pos:end].isspace()
        pos = end + 1
        if seen == _HEADER_LINES or line_end < 0:
            return pos


def _names_the_issuer(view: str, hit: Hit, before: str, header_line: bool, line_end: int) -> bool:
    """A provincial committee signing ("Thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh"), or a header line."""
    if hit.candidates[0].level != "province":
        return False
    if hit.committee and _ON_BEHALF.search(before) is not None:
        return True
    return (
        hit.prefixed
        and header_line
        and view[hit.start : hit.end].isupper()
        and _HEADER.fullmatch(before) is not None
        and _RIGHT_COLUMN.fullmatch(view, hit.end, line_end) is not None
    )


def _is_given_a_task(view: str, hit: Hit, before: str, opens_line: bool, line_end: int) -> bool:
    """A committee opening a numbered instruction, or named after a verb giving it a task; then its verb."""
    if not hit.committee:
        return False
    following = _NEXT_CLAUSE_WORD.match(view, hit.end, line_end)
    if following is None or not following.group(1).islower():
        return False
    opening = opens_line and _TASK_OPENING.fullmatch(before) is not None
    return opening or _TASK_GIVEN.search(before) is not None
