"""What a text states right around a document mention: the date, issuer, term and title after it
(", ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng (khóa XII)", "về ..."), and the issuer before it
("tham mưu Ban Bí thư ban hành Hướng dẫn số 03-HD/TW", "Thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh, ... đã ký",
"đề nghị của Ban Tổ chức Trung ương (Tờ trình số ...").

Only what sits next to the mention counts: "Ngày 10/8/2022, Tỉnh ủy ... tổ chức hội nghị ... Nghị quyết số
18-NQ/TW" gives the resolution no date (a sentence that issues the document, "Ngày 28/02/2023, Bộ Chính trị
ban hành Kết luận số 50-KL/TW", does: see :mod:`graph.extract.citations`). A clause that shares the
sentence's subject names its issuer there: "Ngày 05/01/2018, Ban Thường vụ Huyện ủy tổ chức hội nghị ...; ban
hành Kế hoạch số 42-KH/HU".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.extract.bodies import TERM_AFTER, BodyMatch, find_bodies, match_body, province_at
from graph.extract.dates import DateMatch, date_at
from graph.parse import Layout

__all__ = ["Tail", "issuer_before", "read_tail", "title_after"]

# Between the pieces of a tail: spaces, one line break, a comma or an opening parenthesis.
# Example lines: "18-NQ/TW\ncủa Ban Chấp hành", "34-KL/TW, ngày 07/8/2018", "(Tờ trình số ..., ngày
# 23/5/2022)".
_SEP = re.compile(r"[ \t]*(?:\n[ \t]*)?[,(]?[ \t]*")
# Before a date in a tail. Example lines: "ban hành ngày 7/7/2022", "ký ngày 12/8/2022", "được ban hành ngày".
_DATE_LEAD = re.compile(r"(?:(?:duoc\s+)?(?:ban hanh|ky|thong qua)\s+)?")
# A second issuer of a joint document, kept in the tail. Example line: "của Bộ Chính trị, Ban Bí thư về ...".
_JOINT = re.compile(r"[ \t]*(?:,|\s(?:va|voi))[ \t]*")
# Before an issuer in a tail. Example lines: "của Bộ Chính trị", "do Ban Bí thư".
_OF = re.compile(r"(?:cua|do)\s+")
# An issuing verb right before a mention. Example lines: "ban hành Hướng dẫn số 03-HD/TW", "đã thông qua
# Nghị quyết 18-NQ/TW", "đã ký Kết luận số 55-KL/TU", "Huyện ủy đã xây dựng Kế hoạch số 85-KH/HU", "ban hành
# các Quyết định số 1240, 1241".
_ISSUE_VERB = re.compile(r"(?<![a-z])(?:ky\s+)?(?:ban hanh|thong qua|ky|xay dung)(?:\s+cac)?\s*$")
# Between a body and its issuing verb: "(mới)" or "(cũ)", the province in apposition, a term and adverbs
# only. Example lines: "Bộ Chính trị đã ban hành", "Hội nghị Trung ương 6 (khóa XII) đã thông qua", "Đảng ủy
# xã Đức Thọ, tỉnh Hà Tĩnh ban hành", "Tỉnh ủy Lào Cai (mới) ban hành".
_BODY_TO_VERB = re.compile(
    r"(?:\s*\(\s*(?:moi|cu)\s*\))?(?:\s*,\s*(?:tinh|thanh pho)\s+(?P<province>[a-z]+(?:\s+[a-z]+){0,3}?))?"
    r"(?:\s*,?\s*\(?\s*khoa\s+[ivxl]+\s*\)?)?(?:\s+(?:da|vua|moi|chinh thuc|cung|se))*\s*"
)
# What a submitted document follows. Example lines: "Ban Tổ chức Trung ương (Tờ trình số", "Tỉnh ủy tại Tờ
# trình".
_OPENS_SUBMISSION = re.compile(r"(?:\(|\stai)\s*$")
_BODY_REACH = 160  # a body ending right before a verb or a bracket starts this close to it
# What may stand before the subject of a sentence. Example lines: "2.1. ", "Ngày 05/01/2018, ", "Sáng 12/5, ".
_SUBJECT_LEAD = re.compile(
    r"[\W\d_]*(?:(?:[ivxl]+|[a-z]|\d+(?:\.\d+)*)\s*[.)/-]\s*)*(?:(?:ngay|sang|chieu|toi|trong|dau|cuoi)\s[^,;.]{1,30},\s*)?"
)
# A coordinated clause opening right before an issuing verb. Example lines: "; ban hành", ", đồng thời ban
# hành".
_CLAUSE_VERB = re.compile(r"[;,]\s*(?:(?:dong thoi|va|sau do|da|cung da)\s+)*(?:ky\s+)?$")
# A body that submits a document in brackets or "tại" it. Example lines: "đề nghị của Ban Tổ chức Trung ương
# (Tờ trình số 175-TTr/BTCTW", "đề nghị của Ban Tổ chức Tỉnh ủy tại Tờ trình số 45-TTr/BTCTU".
_BODY_TO_PAREN = re.compile(r"\s*,?\s*\(\s*|\s+tai\s+")
# On behalf of a body. Example line: "Thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh, Phó Bí thư ... đã ký".
_ON_BEHALF = re.compile(r"(?<![a-z])(?:thay mat|t/m)\s+")
# A title after a mention. Example lines: "về tiếp tục thực hiện ...", "“về thực hiện một số mô hình ...”",
# "V/v ...", "“Một số vấn đề ...”". The space runs are possessive (``*+``): nothing after them opens with a
# space, so giving spaces back never helps, and before a wide gap of a flattened table (no title there)
# trying every split of the gap among the runs would take time cubic in its width.
_TITLE_OPEN = re.compile(
    r"[ \t]*+\n?[ \t]*+,?[ \t]*+(?:(?P<q>[“\"])[ \t]*+)?(?P<ve>ve viec|ve|v/v)(?![a-z])"
    r"|[ \t]*+,?[ \t]*+(?P<q2>[“\"])"
)
# Where an unquoted title ends. Example lines: "; ", ". ", a blank line, "”, ".
_TITLE_END = re.compile(r";|[.!?](?=\s|$)|\n[ \t]*\n|[”\"](?=\s*[,.;:])")
# Where a quoted title ends. Example lines: "...hiệu quả”", "...hiệu quả\"".
_QUOTE_END = re.compile(r"[”\"]|\n[ \t]*\n")
# A quote opening right after "về": the title ends with it. Example lines: "về “Một số vấn đề ...” trên
# địa bàn tỉnh", "về 'Một số vấn đề ...' trên địa bàn" (news writes single quotes).
_QUOTE_AFTER_VE = re.compile(r"[ \t]*+(?P<quote>[“\"]|'(?=\w))")
_SINGLE_QUOTE_END = re.compile(r"'(?!\w)|\n[ \t]*\n")
_TITLE_MAX = 400


@dataclass(frozen=True, slots=True)
class Tail:
    """What follows a mention: ``end`` is where the stated context ends."""

    end: int
    date: DateMatch | None = None
    issuer: BodyMatch | None = None
    term: str | None = None
    plenum: int | None = None


def read_tail(layout: Layout, pos: int, *, in_paren: bool = False) -> Tail:
    """Date, issuer, term (and a closing bracket) stated right after a mention ending at ``pos``."""
    low, end = layout.low, layout.main[1]
    date: DateMatch | None = None
    issuer: BodyMatch | None = None
    term: str | None = None
    for _ in range(5):
        sep = _SEP.match(low, pos, end)
        at = sep.end() if sep else pos
        found = None
        if date is None:
            lead = _DATE_LEAD.match(low, at, end)
            found = date_at(low, lead.end() if lead else at, end)
        body = _issuer_at(layout, at) if found is None and issuer is None else None
        stated = TERM_AFTER.match(low, pos, end) if found is None and body is None and term is None else None
        if found is not None:
            date, pos = found, found.end
            if sep is not None and "(" in sep.group() and low.startswith(")", pos):
                pos += 1  # a date in brackets of its own: "50-KL/TW (ngày 28/02/2023) của Bộ Chính trị"
        elif body is not None:
            issuer, pos, term = body, body.end, term or body.term
            joint = _JOINT.match(low, pos, end)
            other = match_body(layout.text, low, joint.end(), end) if joint else None
            pos = other.end if other is not None else pos
        elif stated is not None and stated.group("term"):
            term, pos = stated.group("term").upper(), stated.end()
        else:
            if in_paren and at < end and low[at] == ")":
                pos = at + 1
            break
    return Tail(pos, date, issuer, term, issuer.plenum if issuer else None)


def _issuer_at(layout: Layout, pos: int) -> BodyMatch | None:
    """ "của Bộ Chính trị", or a plenum without "của" ("Hội nghị lần thứ sáu, BCH Trung ương Đảng")."""
    low, end = layout.low, layout.main[1]
    of = _OF.match(low, pos, end)
    body = match_body(layout.text, low, of.end() if of else pos, end)
    if body is None:
        return None
    if of or body.plenum is not None or body.info.key == "ban-chap-hanh-trung-uong":
        return body
    return None


def issuer_before(layout: Layout, start: int) -> tuple[BodyMatch | None, tuple[int, int] | None]:
    """The body that issues or submits the document a mention at ``start`` names, and the issuing verb
    ("ban hành", "ký", "thông qua") standing right before the mention, if any."""
    low, text = layout.low, layout.text
    sent_start = layout.sentence(start)[0]
    window_start = max(sent_start, start - 40)
    verb = _ISSUE_VERB.search(low, window_start, start)
    if verb is None and not _OPENS_SUBMISSION.search(low, max(sent_start, start - 8), start):
        return None, None
    end = verb.start() if verb else start
    bodies = find_bodies(text, low, max(sent_start, end - _BODY_REACH), end)
    if verb:
        span = (verb.start(), verb.end())
        # "Thay mặt Bộ Chính trị, đồng chí ..., Thường trực Ban Bí thư đã ký": the body signed for, not the
        # signer's own
        behalf = _ON_BEHALF.search(low, sent_start, verb.start())
        if behalf and ";" not in low[behalf.end() : verb.start()]:
            return match_body(text, low, behalf.end(), verb.start()), span
        gap = _BODY_TO_VERB.fullmatch(low, bodies[-1].end, verb.start()) if bodies else None
        if gap is not None:
            return _in_province(bodies[-1], low, gap), span
        return _shared_subject(layout, sent_start, verb.start()), span
    if bodies and _BODY_TO_PAREN.fullmatch(low, bodies[-1].end, start):
        return bodies[-1], None
    return None, None


def _in_province(body: BodyMatch, low: str, gap: re.Match[str]) -> BodyMatch:
    """A local body with the province its apposition names ("Đảng ủy xã Đức Thọ, tỉnh Hà Tĩnh")."""
    if gap.group("province") is None or body.info.level == "central" or body.info.province:
        return body
    found = province_at(low, gap.start("province"), gap.end("province"))
    if found is None or found[1] != gap.end("province"):
        return body
    return replace(body, info=replace(body.info, province=found[0]))


def _shared_subject(layout: Layout, sent_start: int, verb: int) -> BodyMatch | None:
    """The subject of a sentence that a later coordinated clause shares: "Ngày 05/01/2018, Ban Thường vụ Huyện
    ủy tổ chức hội nghị ...; ban hành Kế hoạch số 42-KH/HU" (the only body before the verb, opening the
    sentence, and the verb opening a clause)."""
    low = layout.low
    lead = _SUBJECT_LEAD.match(low, sent_start, verb)
    subject = match_body(layout.text, low, lead.end(), verb) if lead else None
    if subject is None or not _CLAUSE_VERB.search(low, subject.end, verb):
        return None
    return None if find_bodies(layout.text, low, subject.end, verb) else subject


def title_after(layout: Layout, pos: int) -> tuple[int, int] | None:
    """The title stated right after ``pos`` ("về ...", a quoted title), without its quotes."""
    low, end = layout.low, layout.main[1]
    opener = _TITLE_OPEN.match(low, pos, end)
    if opener is None:
        return None
    quoted = bool(opener.group("q") or opener.group("q2"))
    start = opener.start("ve") if opener.group("ve") else opener.end()
    limit = min(end, start + _TITLE_MAX)
    ends = _QUOTE_END if quoted else _TITLE_END
    after_ve = (
        _QUOTE_AFTER_VE.match(low, opener.end("ve"), end) if opener.group("ve") and not quoted else None
    )
    if after_ve is not None:  # "về “...”": the title ends with its closing quote
        ends = _SINGLE_QUOTE_END if after_ve.group("quote") == "'" else _QUOTE_END
        start_quotes = after_ve.end()
        stop = ends.search(low, start_quotes, limit)
        stop_at = stop.start() if stop else limit
        return (start, stop_at) if stop_at > start else None
    stop = ends.search(low, start, limit)
    stop_at = stop.start() if stop else limit
    return (start, stop_at) if stop_at > start else None
