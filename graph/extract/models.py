"""Pilot models of organisation (DOMAIN.md §6) and the status a text gives each.

Models come as enumerations after a status ("Tạm dừng thực hiện thí điểm các mô hình sau: (1) ... (2) ..."),
concurrent posts ("trưởng ban dân vận đồng thời là chủ tịch ủy ban Mặt trận Tổ quốc"), mergers ("tiếp tục
thực hiện việc hợp nhất ..."), quoted pilots ("thí điểm “Sổ tay đảng viên điện tử”"), dismantling tasks
("xây dựng đề án chia tách ... theo mô hình chung (hoàn thành trong tháng 10/2022)") and organisations kept
("Tiếp tục tổ chức đảng bộ khối doanh nghiệp cấp tỉnh"). The status is the cue nearest before the model in
its sentence, unless a later clause restates it ("...; không nhân rộng mô hình này"); a task given to a named
committee ("Ban Thường vụ Huyện ủy Đức Thọ xây dựng ...") sets the assignee and the locality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.bodies import BodyInfo, match_body
from graph.extract.citations import Mention
from graph.extract.dates import find_dates
from graph.model import ModelMention, ModelStatus, Span
from graph.parse import Layout

__all__ = ["find_models"]

# Status cues, longest first. Example lines: "Tạm dừng thực hiện thí điểm", "không nhân rộng", "chia tách",
# "sắp xếp lại theo mô hình chung", "nhân rộng", "chủ động quyết định\n\nthực hiện", "tiếp tục thực hiện",
# "thực hiện thí điểm", "thí điểm", "thực hiện mô hình".
_STATUS = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<pause>tam dung(?:\s+(?:viec\s+)?thuc hien)?(?:\s+thi diem)?|dung(?:\s+thuc hien)?\s+thi diem)"
    r"|(?P<do_not_replicate>khong\s+(?:tiep tuc\s+)?nhan rong|chua\s+nhan rong)"
    r"|(?P<dismantle>chia tach|sap xep lai\s+theo mo hinh chung"
    r"|(?:ket thuc|cham dut)(?:\s+viec)?(?:\s+thuc hien)?\s+thi diem)"
    r"|(?P<expand>nhan rong|mo rong(?:\s+thuc hien)?)"
    r"|(?P<allow>chu dong\s+(?:lua chon,?\s+)?quyet dinh(?:\s+(?:viec\s+)?thuc hien)?"
    r"|duoc\s+(?:chu dong\s+)?(?:lua chon|quyet dinh)\s+thuc hien|cho phep(?:\s+thuc hien)?)"
    r"|(?P<keep>tiep tuc(?:\s+thuc hien)?(?:\s+thi diem)?|duy tri)"
    r"|(?P<pilot>(?:(?:trien khai|thuc hien)\s+)?thi diem)"
    r"|(?P<carry>thuc hien)"
    r")(?![a-z])"
)
_STATUS_NAMES: dict[str, ModelStatus] = {
    "pause": "pause",
    "do_not_replicate": "do_not_replicate",
    "dismantle": "dismantle",
    "expand": "expand",
    "allow": "allow",
    "keep": "continue",
    "pilot": "pilot",
    "carry": "continue",
}
# An enumerated item. Example line: "... mô hình sau: (1) Hợp nhất ... (2) Trưởng ban dân vận ...".
_ITEM = re.compile(r"\((\d{1,2})\)\s*")
_POST = (
    r"(?:pho\s+)?(?:bi thu|truong ban|chu nhiem|chanh van phong|chu tich|giam doc|truong phong"
    r"|chanh thanh tra|thu truong|truong)"
)
# Where a model applies, after its words. Example lines: "tại 25 xã", "ở những nơi có đủ điều kiện".
_WHERE = r"(?:tai|o)\s+(?:\d|cac|nhung|mot so|huyen|tinh|xa|thanh pho|thi xa|dia phuong|noi|dia ban)"
# A concurrent post. Example lines: "trưởng ban dân vận đồng thời là chủ tịch ủy ban mặt trận tổ quốc
# cấp huyện",
# "bí thư cấp ủy đồng thời là chủ tịch HĐND, UBND xã, phường, thị trấn và bí thư chi bộ đồng thời là ...".
_CONCURRENT = re.compile(
    rf"(?<![a-z]){_POST}[^,;.()\n]{{0,80}}?\s+dong thoi\s+(?:la|kiem(?:\s+nhiem)?)\s+[^;()\n]{{3,160}}?"
    rf"(?=\s+va\s+{_POST}|\s*[;.](?:\s|$)|\s*\(|\s*$|\n|\s+{_WHERE})"
)
# A merger. Example line: "tiếp tục thực hiện việc hợp nhất các cơ quan chuyên môn, đơn vị sự nghiệp
# cấp tỉnh".
_MERGER = re.compile(r"(?<![a-z])hop nhat\s+[^;\n]{5,200}?(?=\s*[;.](?:\s|$)|\s*\(|\n|$)")
# A list of models after a colon. Example lines: "1. Đồng ý thực hiện thí điểm một số mô hình sau:",
# "- Hợp nhất văn phòng cấp ủy với văn phòng hội đồng nhân dân", "a) Trưởng ban tuyên giáo cấp ủy ...".
_LIST_INTRO = re.compile(r"mo hinh[^.;:\n]{0,60}:[ \t]*\n")
# An item of such a list. Example lines: "- Hợp nhất ...", "a) Trưởng ban ...", "2.1. ...".
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+•–]|[a-z]\)|\d+\.\d+\.?)[ \t]+(?=\S)")
# A quoted pilot. Example lines: "thí điểm “Sổ tay đảng viên điện tử”", "về “Thí điểm sinh hoạt đảng ...”".
_QUOTED_PILOT = re.compile(
    r"thi diem\s*[“\"]\s*(?P<a>[^”\"\n]{3,200})[”\"]|[“\"]\s*\*?\s*thi diem\s+(?P<b>[^”\"\n]{3,300})[”\"]"
)
# Dismantling. Example line: "xây dựng đề án chia tách cơ quan Ban Tuyên giáo - Dân vận Huyện ủy theo
# mô hình chung".
_DISMANTLE = re.compile(
    r"(?<![a-z])(?:chia tach|sap xep lai)\s+(?!theo)(?P<obj>[^;\n]{5,250}?)"
    r"(?=\s+theo mo hinh chung|\s*[;.](?:\s|$)|\s*\(|\n|$)"
)
# Generic words before the named organ. Example lines: "các tổ chức Cơ quan ...", "cơ quan Ban Tuyên giáo".
_DISMANTLE_LEAD = re.compile(r"(?:cac\s+)?(?:to chuc|co quan)\s+(?=\S)")
# An organisation kept. Example line: "Tiếp tục tổ chức đảng bộ khối doanh nghiệp cấp tỉnh theo Kết luận 34.".
_KEPT = re.compile(
    r"(?<![a-z])tiep tuc\s+(?:to chuc|duy tri)\s+(?P<obj>(?:mo hinh\s+)?(?:dang bo|dang uy|chi bo|co quan)"
    r"[^;.\n(]{3,150}?)(?=\s+theo\s|\s*[;.](?:\s|$)|\n|$)"
)
# A later clause restating a model's status. Example line: "; không nhân rộng mô hình này ở những địa phương".
_RESTATED = re.compile(r"\s+(?:cac\s+)?mo hinh\s+(?:nay|tren|neu tren)(?![a-z])")
# A deadline. Example lines: "(hoàn thành trong tháng 10/2022)", "hoàn thành trước ngày 30/9/2022".
_DEADLINE = re.compile(r"(?:hoan thanh|xong)\s+(?:truoc|trong)?\s*")
# What may open a task before the body given it. Example lines: "2.3. ", "Giao ".
_TASK_LEAD = re.compile(r"[\W\d_]*(?:(?:[ivxl]+|[a-z]|\d+(?:\.\d+)*)\s*[.)/-]\s*)*(?:giao\s+)?")


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # the model's words
    end: int
    name: str
    status: ModelStatus | None
    evidence_start: int  # the clause that gives the status
    evidence_end: int = -1

    @property
    def clause_end(self) -> int:
        return max(self.end, self.evidence_end)


def find_models(layout: Layout, mentions: list[Mention], own_key: str | None) -> tuple[ModelMention, ...]:
    """Every pilot model the body of a text names, with its status, deadline, assignee and locality."""
    body = layout.block("body")
    if body is None:
        return ()
    found = _enumerated(layout, body.start, body.end) + _listed(layout, body.start, body.end)
    for finder in (_quoted_pilots, _dismantled, _mergers, _concurrent, _kept):
        for item in finder(layout, body.start, body.end):
            if not any(f.start < item.end and item.start < f.end for f in found):
                found.append(item)
    found.sort(key=lambda f: f.start)
    return tuple(_mention(layout, f, mentions, own_key, found) for f in found)


def _name(layout: Layout, start: int, end: int, *, quoted: bool = False) -> str:
    """The model's words, whitespace and markup cleaned; a common noun phrase starts lower-case, a quoted
    name keeps its case ("Sổ tay đảng viên điện tử")."""
    name = re.sub(r"\s+", " ", re.sub(r"\*\*|[*“”\"]", "", layout.text[start:end])).strip(" ,;.:")
    words = name.split()
    common = (
        not quoted and len(words) > 1 and words[0][1:].islower() and all(w[:1].islower() for w in words[1:3])
    )
    return name[:1].lower() + name[1:] if common else name


def _status_before(layout: Layout, start: int, floor: int) -> tuple[ModelStatus, int] | None:
    """The status cue nearest before ``start`` (from ``floor``), and where it starts."""
    last = None
    for m in _STATUS.finditer(layout.low, floor, start):
        last = m
    if last is None or last.lastgroup is None:
        return None
    return _STATUS_NAMES[last.lastgroup], last.start()


def _enumerated(layout: Layout, start: int, end: int) -> list[_Found]:
    """ "<status> các mô hình sau: (1) ... (2) ...": one model per item, with the intro's status."""
    out: list[_Found] = []
    marks = list(_ITEM.finditer(layout.view, start, end))
    for i, mark in enumerate(marks):
        if mark.group(1) != "1":
            continue
        run = [mark]
        for nxt in marks[i + 1 :]:
            if int(nxt.group(1)) != len(run) + 1 or "\n\n" in layout.text[run[-1].end() : nxt.start()]:
                break
            run.append(nxt)
        sent_start = layout.sentence(mark.start())[0]
        cue = _status_before(layout, mark.start(), sent_start)
        if cue is None and "mo hinh" not in layout.low[sent_start : mark.start()]:
            continue
        status, cue_start = cue if cue else (None, mark.start())
        for j, item in enumerate(run):
            stop = run[j + 1].start() if j + 1 < len(run) else layout.sentence(item.end())[1]
            out.append(
                _Found(
                    item.end(),
                    stop,
                    _name(layout, item.end(), stop),
                    status,
                    cue_start if j == 0 else item.start(),
                    stop,
                )
            )
    return out


def _listed(layout: Layout, start: int, end: int) -> list[_Found]:
    """ "Đồng ý thực hiện thí điểm một số mô hình sau:" and one "- ..." line per model."""
    out: list[_Found] = []
    for intro in _LIST_INTRO.finditer(layout.low, start, end):
        sent_start = layout.sentence(intro.start())[0]
        cue = _status_before(layout, intro.start(), sent_start)
        status, cue_start = cue if cue else (None, intro.start())
        pos = intro.end()
        while pos < end:
            line_end = layout.text.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end
            item = _LIST_ITEM.match(layout.low, pos, line_end)
            if item is None and layout.text[pos:line_end].strip():
                break
            if item is not None:
                first = not any(f.start >= intro.end() for f in out)
                out.append(
                    _Found(
                        item.end(),
                        line_end,
                        _name(layout, item.end(), line_end),
                        status,
                        cue_start if first else pos,
                        line_end,
                    )
                )
            pos = line_end + 1
    return out


def _quoted_pilots(layout: Layout, start: int, end: int) -> list[_Found]:
    out = []
    for m in _QUOTED_PILOT.finditer(layout.low, start, end):
        group = "a" if m.group("a") else "b"
        out.append(
            _Found(
                m.start(group),
                m.end(group),
                _name(layout, m.start(group), m.end(group), quoted=True),
                "pilot",
                m.start(),
                m.end(),
            )
        )
    return out


def _dismantled(layout: Layout, start: int, end: int) -> list[_Found]:
    out = []
    for m in _DISMANTLE.finditer(layout.low, start, end):
        obj = m.start("obj")
        lead = _DISMANTLE_LEAD.match(layout.low, obj, m.end("obj"))
        if lead and layout.text[lead.end()].isupper() and layout.text[obj].islower():
            obj = lead.end()
        out.append(_Found(obj, m.end("obj"), _name(layout, obj, m.end("obj")), "dismantle", m.start()))
    return out


def _mergers(layout: Layout, start: int, end: int) -> list[_Found]:
    return _with_cue(layout, [(m.start(), m.end()) for m in _MERGER.finditer(layout.low, start, end)], True)


def _concurrent(layout: Layout, start: int, end: int) -> list[_Found]:
    return _with_cue(
        layout, [(m.start(), m.end()) for m in _CONCURRENT.finditer(layout.low, start, end)], False
    )


def _kept(layout: Layout, start: int, end: int) -> list[_Found]:
    return [
        _Found(
            m.start("obj"), m.end("obj"), _name(layout, m.start("obj"), m.end("obj")), "continue", m.start()
        )
        for m in _KEPT.finditer(layout.low, start, end)
    ]


def _with_cue(layout: Layout, spans: list[tuple[int, int]], need_cue: bool) -> list[_Found]:
    """Models in running text: the status cue nearest before each in its sentence, else the one before it
    in the same sentence ("... đồng thời là ... và bí thư chi bộ đồng thời là ...")."""
    out: list[_Found] = []
    for s, e in spans:
        sent_start, sent_end = layout.sentence(s)
        prev = out[-1] if out and out[-1].end >= sent_start else None
        cue = _status_before(layout, s, prev.end if prev else sent_start)
        status, ev_start = cue if cue else ((prev.status, prev.evidence_start) if prev else (None, s))
        if status is None and need_cue:
            continue
        restated = _restated(layout, e, sent_end)
        status, ev_end = restated if restated else (status, e)
        out.append(_Found(s, e, _name(layout, s, e), status, ev_start, ev_end))
    return out


def _restated(layout: Layout, start: int, end: int) -> tuple[ModelStatus, int] | None:
    """ "...; không nhân rộng mô hình này ...": a later clause of the sentence that restates the status."""
    for m in _STATUS.finditer(layout.low, start, end):
        after = _RESTATED.match(layout.low, m.end(), end)
        if after and m.lastgroup:
            clause_end = layout.low.find(".", after.end(), end)
            return _STATUS_NAMES[m.lastgroup], clause_end if clause_end > 0 else end
    return None


def _mention(
    layout: Layout, f: _Found, mentions: list[Mention], own_key: str | None, found: list[_Found]
) -> ModelMention:
    sent_start, sent_end = layout.sentence(f.start)
    task = _task_body(layout, sent_start, f.start)
    ev_end = f.clause_end
    deadline = _deadline(layout, f.end, sent_end)
    if deadline is not None:
        ev_end = max(ev_end, deadline[1])
    inside = next((m.key for m in mentions if m.title and m.title[0] <= f.start < m.title[1]), None)
    low_name = layout.low[f.start : f.end]
    family = "merger" if "hop nhat" in low_name else "concurrent_post" if "dong thoi" in low_name else "other"
    return ModelMention(
        name=f.name,
        status=f.status,
        evidence=Span(f.evidence_start, ev_end, layout.text[f.evidence_start : ev_end]),
        locality=(task[1].district or task[1].province) if task else None,
        deadline=deadline[0] if deadline else None,
        family=family,  # type: ignore[arg-type]
        assignee=task[0] if task else None,
        decided_by=own_key or inside,
    )


def _task_body(layout: Layout, sent_start: int, before: int) -> tuple[str, BodyInfo] | None:
    """The named body a task opens with: "2.3. Ban Thường vụ Huyện ủy Đức Thọ xây dựng ..."."""
    lead = _TASK_LEAD.match(layout.low, sent_start, before)
    body = match_body(layout.text, layout.low, lead.end() if lead else sent_start, before)
    if body is None or body.info.level == "central":
        return None
    return re.sub(r"\s+", " ", layout.text[body.start : body.end]), body.info


def _deadline(layout: Layout, start: int, end: int) -> tuple[str, int] | None:
    """ "(hoàn thành trong tháng 10/2022)" after a model in its sentence -> ("2022-10", end of the date)."""
    for m in _DEADLINE.finditer(layout.low, start, end):
        dates = find_dates(layout.low, m.end(), min(end, m.end() + 30), months=True)
        if dates and dates[0].start - m.end() <= 6:
            return dates[0].iso, dates[0].end
    return None
