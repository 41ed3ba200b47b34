"""Pilot models of organisation (DOMAIN.md §6) and the status a text gives each.

:mod:`graph.extract.model_finders` finds the models and their status: the cue nearest before a model in its
clause, unless a later clause restates it ("...; không nhân rộng mô hình này"). Here each gets what else the
text states about it: a task given to a named body ("Ban Thường vụ Huyện ủy Đức Thọ xây dựng ...", "Kế hoạch
giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo ...") sets the assignee and the locality, else the unit it is
carried out in ("... tại huyện Hải Lăng"); a deadline after it ("hoàn thành trong tháng 10/2022"). A list of
models pointed back to ("Các địa phương đã triển khai thực hiện thí điểm các mô hình trên thì ... sắp xếp lại
theo mô hình chung") gives each listed model a second mention with the status that sentence gives.
"""

from __future__ import annotations

import re

from graph.extract.bodies import UNIT_NUMBER, BodyInfo, find_bodies, match_body, place_name_end
from graph.extract.citations import Mention
from graph.extract.dates import find_dates
from graph.extract.model_finders import ASSIGN, FINDERS, STATUS, STATUS_NAMES, Found, enumerated, listed
from graph.model import ModelMention, ModelStatus, Span
from graph.parse import Layout
from graph.parse.views import word_matches
from graph.text import squash

__all__ = ["find_models"]

# A body given a task inside a clause. Example lines: "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo",
# "Đồng ý để Ban Thường vụ Huyện uỷ Gio Linh thực hiện thí điểm", "giao Ban cán sự đảng UBND tỉnh tiếp tục".
_ASSIGN = re.compile(rf"(?<![a-z])(?:{ASSIGN}(?:\s+cho)?|dong y(?:\s+(?:cho|de))+|yeu cau|de nghi)\s+")
# The unit a model is carried out in, right after it. Example lines: " tại huyện Hải Lăng", " ở thị xã Kỳ
# Anh".
_AT_PLACE = re.compile(r"\s+(?:tai|o)\s+(?:huyen|thi xa|thanh pho|quan|xa|phuong|tinh)\s+")
# A unit that is the subject of the clause giving a model its status, and the words up to the cue. Example
# lines: "..., huyện Đức Thọ đã thực hiện thí điểm hợp nhất ...", "Huyện Kỳ Anh thực hiện thí điểm mô hình".
_SUBJECT_UNIT = re.compile(r"(?<![a-z])(?:huyen|thi xa|thanh pho|quan|xa|phuong|tinh)\s+")
_SUBJECT_TO_CUE = re.compile(r"(?:\s+(?:da|dang|se|cung|van|tiep tuc|bat dau|chinh thuc|duoc))*\s*")
# Models pointed back to as a group. Example line: "Các địa phương đã triển khai thực hiện thí điểm các mô
# hình trên thì ban thường vụ tỉnh uỷ ... chỉ đạo sắp xếp lại theo mô hình chung của hệ thống chính trị".
_ANAPHOR = re.compile(r"cac mo hinh\s+(?:tren|neu tren)(?![a-z])")
# Back to the common model. Example lines: "sắp xếp lại theo mô hình chung", "chia tách", "kết thúc".
_BACK_TO_COMMON = re.compile(r"(?<![a-z])(?:sap xep lai|chia tach|ket thuc|cham dut|giai the)(?![a-z])")
# The words joining two posts held at once. Example lines: "đồng thời là", "kiêm", "kiêm nhiệm".
_CONCURRENT_WORDS = re.compile(r"(?<![a-z])(?:dong thoi|kiem)(?![a-z])")
# A deadline. Example lines: "(hoàn thành trong tháng 10/2022)", "hoàn thành trước ngày 30/9/2022".
_DEADLINE = re.compile(r"(?:hoan thanh|xong)\s+(?:truoc|trong)?\s*")
# What may open a task before the body given it. Example lines: "2.3. ", "Giao ".
_TASK_LEAD = re.compile(r"[\W\d_]*(?:(?:[ivxl]+|[a-z]|\d+(?:\.\d+)*)\s*[.)/-]\s*)*(?:giao\s+)?")


def find_models(layout: Layout, mentions: list[Mention], own_key: str | None) -> tuple[ModelMention, ...]:
    """Every pilot model the body of a text names, with its status, deadline, assignee and locality."""
    body = layout.block("body")
    if body is None:
        return ()
    found = enumerated(layout, body.start, body.end) + listed(layout, body.start, body.end)
    for finder in FINDERS:
        for item in finder(layout, body.start, body.end):
            if not any(f.start < item.end and item.start < f.end for f in found):
                found.append(item)
    found.sort(key=lambda f: f.start)
    found += _anaphoric(layout, body.start, body.end, found)
    return tuple(_mention(layout, f, mentions, own_key) for f in found)


def _anaphoric(layout: Layout, start: int, end: int, found: list[Found]) -> list[Found]:
    """ "Các địa phương đã triển khai thực hiện thí điểm các mô hình trên thì ... chỉ đạo sắp xếp lại theo mô
    hình chung": the models of the list just before get the status this sentence gives them."""
    out = []
    for m in word_matches(_ANAPHOR, layout.low, start, end):
        sent_start, sent_end = layout.sentence(m.start())
        before = [f for f in found if f.end <= sent_start]
        runs = [f.run for f in before if f.run >= 0]
        if not runs or any(
            f.run != max(runs) for f in before if f.start > min(g.start for g in before if g.run == max(runs))
        ):
            continue
        status = _group_status(layout, sent_start, sent_end)
        if status is None:
            continue
        for f in (f for f in before if f.run == max(runs)):
            out.append(
                Found(m.start(), m.end(), f.name, status, sent_start, m.end(), _family(layout, f), f.run)
            )
    return out


def _group_status(layout: Layout, start: int, end: int) -> ModelStatus | None:
    """The status a sentence gives models it points back to: back to the common model, else its last cue
    that is not the pilot itself ("đã triển khai thực hiện thí điểm các mô hình trên")."""
    if _BACK_TO_COMMON.search(layout.low, start, end):
        return "dismantle"
    cues = [STATUS_NAMES[c.lastgroup] for c in STATUS.finditer(layout.low, start, end) if c.lastgroup]
    cues = [c for c in cues if c not in ("pilot", "continue")]
    return cues[-1] if cues else None


def _family(layout: Layout, f: Found) -> str:
    if f.family is not None:
        return f.family
    words = layout.low[f.start : f.end]
    if "hop nhat" in words or "sap nhap" in words:
        return "merger"
    return "concurrent_post" if _CONCURRENT_WORDS.search(words) else "other"


def _mention(layout: Layout, f: Found, mentions: list[Mention], own_key: str | None) -> ModelMention:
    sent_start, sent_end = layout.sentence(f.start)
    task = _task_body(layout, sent_start, f.start)
    ev_end = f.clause_end
    deadline = _deadline(layout, f.end, sent_end)
    if deadline is not None:
        ev_end = max(ev_end, deadline[1])
    inside = next((m.key for m in mentions if m.title and m.title[0] <= f.start < m.title[1]), None)
    # a district the model's own words name is more precise than the province of a provincial task body
    within = _place_within(layout, f.start, f.end)
    if task:
        place = task[1].district or within or task[1].province
    else:
        place = _place_after(layout, f.end, sent_end) or within or _subject_place(layout, sent_start, f)
    return ModelMention(
        name=f.name,
        status=f.status,
        evidence=Span(f.evidence_start, ev_end, layout.text[f.evidence_start : ev_end]),
        locality=place,
        deadline=deadline[0] if deadline else None,
        family=_family(layout, f),  # type: ignore[arg-type]
        assignee=task[0] if task else None,
        decided_by=own_key or inside,
    )


def _place_after(layout: Layout, start: int, end: int) -> str | None:
    """ "... tại huyện Hải Lăng": the unit a model is carried out in, right after it."""
    at = _AT_PLACE.match(layout.low, start, end)
    if at is None:
        return None
    pos = place_name_end(layout.text, at.end(), end)
    return layout.text[at.end() : pos].strip() or None


def _subject_place(layout: Layout, sent_start: int, f: Found) -> str | None:
    """The unit the clause giving the model its status opens with: "..., huyện Đức Thọ đã thực hiện thí
    điểm hợp nhất ..." is Đức Thọ's (not "Ban Thường vụ Tỉnh ủy chỉ đạo huyện Đức Thọ thực hiện ...": a
    unit named after another word is no subject)."""
    low, text = layout.low, layout.text
    clause = max(
        sent_start,
        low.rfind(";", sent_start, f.evidence_start) + 1,
        low.rfind(",", sent_start, f.evidence_start) + 1,
    )
    lead = _TASK_LEAD.match(low, clause, f.evidence_start)
    unit = _SUBJECT_UNIT.match(low, lead.end() if lead else clause, f.evidence_start)
    if unit is None or unit.end() >= f.evidence_start:
        return None
    number = UNIT_NUMBER.match(text, unit.end(), f.evidence_start)
    if number is not None:  # "Quận 4 đã thực hiện ...": the name is the type word and the number
        name_end, name = number.end(), f"{text[unit.start() : unit.end()].strip().title()} {number.group()}"
    elif text[unit.end()].isupper():
        name_end = place_name_end(text, unit.end(), f.evidence_start)
        name = text[unit.end() : name_end]
    else:
        return None
    if not name or not _SUBJECT_TO_CUE.fullmatch(low, name_end, f.evidence_start):
        return None
    return name


def _place_within(layout: Layout, start: int, end: int) -> str | None:
    """The one district or commune whose committee the model's own words name: "hợp nhất Ban Tuyên giáo và
    Ban Dân vận Huyện ủy Kỳ Anh" is Kỳ Anh's; "hợp nhất văn phòng cấp ủy với văn phòng HĐND" names none."""
    places = {
        b.info.district
        for b in find_bodies(layout.text, layout.low, start, end)
        if b.info.level in ("district", "commune") and b.info.district
    }
    return places.pop() if len(places) == 1 else None


def _task_body(layout: Layout, sent_start: int, before: int) -> tuple[str, BodyInfo] | None:
    """The named body the clause of a model gives the task: "2.3. Ban Thường vụ Huyện ủy Đức Thọ xây dựng
    ...", "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo ...", "Đồng ý để Ban Thường vụ Huyện uỷ Gio
    Linh thực hiện ..."; the nearest before the model in its clause (after the last ";")."""
    low = layout.low
    clause = max(sent_start, low.rfind(";", sent_start, before) + 1)
    lead = _TASK_LEAD.match(low, clause, before)
    starts = [lead.end() if lead else clause, *(m.end() for m in _ASSIGN.finditer(low, clause, before))]
    for at in reversed(starts):
        body = match_body(layout.text, low, at, before)
        if body is not None and body.info.level != "central":
            return squash(layout.text[body.start : body.end]), body.info
    return None


def _deadline(layout: Layout, start: int, end: int) -> tuple[str, int] | None:
    """ "(hoàn thành trong tháng 10/2022)" after a model in its sentence -> ("2022-10", end of the date)."""
    for m in _DEADLINE.finditer(layout.low, start, end):
        dates = find_dates(layout.low, m.end(), min(end, m.end() + 30), months=True)
        if dates and dates[0].start - m.end() <= 6:
            return dates[0].iso, dates[0].end
    return None
