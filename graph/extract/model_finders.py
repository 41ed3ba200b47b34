"""Finding pilot models in a text and the status each is given: enumerations after a status ("Tạm dừng
thực hiện thí điểm các mô hình sau: (1) ... (2) ..."), lists of "- ..." lines, concurrent posts ("trưởng ban
dân vận đồng thời là chủ tịch ủy ban Mặt trận Tổ quốc"), mergers ("hợp nhất ...", "sáp nhập ... vào ..."),
quoted pilots ("thí điểm “Sổ tay đảng viên điện tử”"), dismantling tasks ("chia tách ... theo mô hình
chung"), organisations kept ("Tiếp tục tổ chức đảng bộ khối doanh nghiệp cấp tỉnh") and models named after a
status ("chấm dứt thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện").
:mod:`graph.extract.models` adds the places, deadlines and assignees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.model import ModelStatus
from graph.parse import Layout
from graph.parse.views import anchored, word_matches
from graph.text import squash

__all__ = ["ASSIGN", "FINDERS", "STATUS", "STATUS_NAMES", "Found", "enumerated", "listed", "status_before"]

# Status cues, longest first. Example lines: "Tạm dừng thực hiện thí điểm", "Dừng thực hiện thí điểm", "không
# nhân rộng", "chia tách", "sắp xếp lại theo mô hình chung", "chấm dứt thí điểm", "không tiếp tục thực hiện",
# "nhân rộng", "chủ động quyết định\n\nthực hiện", "tiếp tục thực hiện", "thực hiện thí điểm", "Thí điểm thực
# hiện" (one pilot cue, not "thực hiện" after "thí điểm"), "thí điểm", "thực hiện mô hình".
STATUS = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<pause>tam dung(?:\s+(?:viec\s+)?thuc hien)?(?:\s+thi diem)?|dung(?:\s+thuc hien)?\s+thi diem)"
    r"|(?P<do_not_replicate>khong\s+(?:tiep tuc\s+)?nhan rong|chua\s+nhan rong)"
    r"|(?P<dismantle>chia tach|sap xep lai\s+theo mo hinh chung"
    r"|(?:ket thuc|cham dut)(?:\s+viec)?(?:\s+thuc hien)?\s+thi diem"
    r"|khong tiep tuc(?:\s+thuc hien)?(?:\s+thi diem)?)"
    r"|(?P<expand>nhan rong|mo rong(?:\s+thuc hien)?)"
    r"|(?P<allow>chu dong\s+(?:lua chon,?\s+)?quyet dinh(?:\s+(?:viec\s+)?thuc hien)?"
    r"|duoc\s+(?:chu dong\s+)?(?:lua chon|quyet dinh)\s+thuc hien|cho phep(?:\s+thuc hien)?)"
    r"|(?P<keep>tiep tuc(?:\s+thuc hien)?(?:\s+thi diem)?|duy tri)"
    r"|(?P<pilot>(?:(?:trien khai|thuc hien)\s+)?thi diem(?:\s+(?:viec\s+)?thuc hien)?)"
    r"|(?P<carry>thuc hien)"
    r")(?![a-z])"
)


STATUS_NAMES: dict[str, ModelStatus] = {
    "pause": "pause",
    "do_not_replicate": "do_not_replicate",
    "dismantle": "dismantle",
    "expand": "expand",
    "allow": "allow",
    "keep": "continue",
    "pilot": "pilot",
    "carry": "continue",
}


# The words a model's name opens with when it is capitalised only because it opens a list item. Example lines:
# "(1) Hợp nhất Văn phòng cấp ủy với ...", "(3) Sáp nhập Trung tâm Văn hóa - Thể thao với ...".
_COMMON_HEAD = re.compile(r"[\W\d_]*(?:hop nhat|sap nhap|thanh lap|to chuc lai)\s")


# An enumerated item. Example line: "... mô hình sau: (1) Hợp nhất ... (2) Trưởng ban dân vận ...".
_ITEM = re.compile(r"\((\d{1,2})\)\s*")


_POST = (
    r"(?:pho\s+)?(?:bi thu|truong ban|chu nhiem|chanh van phong|chu tich|giam doc|truong phong"
    r"|chanh thanh tra|thu truong|truong)"
)


# Where a model applies, after its words. Example lines: "tại 25 xã", "ở những nơi có đủ điều kiện".
_WHERE = (
    r"(?:tai|o)\s+(?:\d|cac|nhung|mot so|huyen|tinh|xa|phuong|quan|thanh pho|thi xa|dia phuong|noi|dia ban)"
)
# When a model applies from, after its words: no part of its name. Example lines: "từ ngày 01/01/2019", "kể
# từ tháng 3/2019", "bắt đầu từ năm 2020", "trong năm 2019", "từ quý II/2019".
_WHEN = r"(?:(?:ke|bat dau)\s+)?(?:tu|trong)\s+(?:ngay|thang|nam|quy)\s+[\divxl]"


# A concurrent post, "đồng thời là" or "kiêm" another post. Example lines: "trưởng ban dân vận đồng thời là
# chủ tịch ủy ban mặt trận tổ quốc cấp huyện", "bí thư cấp ủy đồng thời là chủ tịch HĐND, UBND xã, phường, thị
# trấn và bí thư chi bộ đồng thời là ...", "bí thư đảng ủy kiêm chủ tịch ủy ban nhân dân xã".
_CONCURRENT = re.compile(
    rf"(?<![a-z]){_POST}[^,;.()\n]{{0,80}}?\s+(?:dong thoi\s+(?:la|kiem(?:\s+nhiem)?)|kiem(?:\s+nhiem)?"
    rf"(?=\s+{_POST}))\s+[^;()\n]{{3,160}}?"
    rf"(?=\s+va\s+{_POST}|\s*[;.](?:\s|$)|\s*\(|\s*$|\n|\s+{_WHERE}|\s+{_WHEN})"
)


# "Giao" (assign) before the body given a task; not the "giáo" of "Ban Tuyên giáo", "giáo dục", nor
# "giao thông". Example lines: "Giao Ban Tổ chức Tỉnh ủy chủ trì", "Kế hoạch giao Ban Thường vụ Huyện ủy".
ASSIGN = r"(?<!tuyen )(?<!ban )giao(?!\s+(?:duc|thong|luu|dich|nhan|vien|an|trinh|tiep)(?![a-z]))"
# Literals every concurrent post and every named model holds, which the scans start from.
_ALSO = re.compile(rf"dong thoi\s+(?:la|kiem)|kiem(?:\s+nhiem)?\s+(?={_POST})")
_ALSO_WORDS = ("dong thoi", "kiem")  # what every match of _ALSO opens with
_MODEL = re.compile(r"mo hinh\s")
# A merger, up to where it applies or its deadline. Example lines: "tiếp tục thực hiện việc hợp nhất các cơ
# quan chuyên môn, đơn vị sự nghiệp cấp tỉnh", "thực hiện thí điểm sáp nhập Trung tâm Văn hoá - Thông tin và
# Thể thao với Đài Truyền thanh - Truyền hình huyện (hoàn thành ...)", "hợp nhất ... tại huyện Hải Lăng"; an
# abbreviation in parentheses does not end it ("hợp nhất Cơ quan Ủy ban Kiểm tra (UBKT) Huyện ủy với ...").
_MERGER = re.compile(
    rf"(?:hop nhat|sap nhap)\s+[^;\n]{{5,200}}?"
    rf"(?=\s*[;.](?:\s|$)|\s*\((?![a-z]{{2,8}}\))|\n|$|\s+{_WHERE}|,\s*hoan thanh|,?\s+{_WHEN})"
)
_MERGER_WORDS = ("hop nhat", "sap nhap")  # what every match of _MERGER opens with
# A merger of a Party committee's organ with another (the pilots of Kết luận 34-KL/TW), a model even where no
# cue gives its status; a merger of centres, departments or communes is not. Example lines: "hợp nhất Ban Tổ
# chức Huyện ủy Đức Thọ với Phòng Nội vụ huyện", "hợp nhất Cơ quan Ủy ban Kiểm tra (UBKT) Huyện ủy Đức Thọ
# với Thanh tra huyện" (not "sáp nhập Trung tâm Y tế cấp huyện", "sáp nhập 21 xã").
_ORGAN_MERGER = re.compile(
    r"(?:hop nhat|sap nhap)\s+(?:co quan\s+)?(?:van phong|ban|uy ban kiem tra|ubkt)\s[^;\n]{0,60}?"
    r"(?<![a-z])(?:huyen|tinh|thanh|quan|thi|cap|dang) uy(?![a-z])"
)


# A list of models after a colon. Example lines: "1. Đồng ý thực hiện thí điểm một số mô hình sau:",
# "- Hợp nhất văn phòng cấp ủy với văn phòng hội đồng nhân dân", "a) Trưởng ban tuyên giáo cấp ủy ...".
_LIST_INTRO = re.compile(r"mo hinh[^.;:\n]{0,60}:[ \t]*\n")


# An item of such a list. Example lines: "- Hợp nhất ...", "a) Trưởng ban ...", "2.1. ...".
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+•–]|[a-z]\)|\d+\.\d+\.?)[ \t]+(?=\S)")


# A quoted pilot. Example lines: "thí điểm “Sổ tay đảng viên điện tử”", "về “Thí điểm sinh hoạt đảng ...”".
_PILOT = re.compile(r"thi diem")
_QUOTE_OR_WORD = re.compile(r"(?<![a-z])[a-z]|[“\"]")
_QUOTED_PILOT = re.compile(
    r"thi diem\s*[“\"]\s*(?P<a>[^”\"\n]{3,200})[”\"]|[“\"]\s*\*?\s*thi diem\s+(?P<b>[^”\"\n]{3,300})[”\"]"
)


# Dismantling. Example line: "xây dựng đề án chia tách cơ quan Ban Tuyên giáo - Dân vận Huyện ủy theo
# mô hình chung".
_DISMANTLE = re.compile(
    r"(?:chia tach|sap xep lai)\s+(?!theo)(?P<obj>[^;\n]{5,250}?)"
    r"(?=\s+theo mo hinh chung|\s*[;.](?:\s|$)|\s*\(|\n|$)"
)
_DISMANTLE_WORDS = ("chia tach", "sap xep lai")  # what every match of _DISMANTLE opens with


# Generic words before the named organ. Example lines: "các tổ chức Cơ quan ...", "cơ quan Ban Tuyên giáo".
_DISMANTLE_LEAD = re.compile(r"(?:cac\s+)?(?:to chuc|co quan)\s+(?=\S)")


# An organisation kept. Example line: "Tiếp tục tổ chức đảng bộ khối doanh nghiệp cấp tỉnh theo Kết luận 34.".
_KEPT = re.compile(
    r"tiep tuc\s+(?:to chuc|duy tri)\s+(?P<obj>(?:mo hinh\s+)?(?:dang bo|dang uy|chi bo|co quan)"
    r"[^;.\n(]{3,150}?)(?=\s+theo\s|\s*[;.](?:\s|$)|\n|$)"
)


# A model named after a status cue and "mô hình", up to where it applies, a comma or a clause; not a generic
# one. Example lines: "chấm dứt thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện, hoàn thành",
# "Thí điểm mô hình trung tâm phục vụ hành chính công cấp xã tại 10 xã", "Thí điểm thực hiện mô hình Sổ tay
# đảng viên điện tử tại một số cơ quan", "chủ động quyết định việc thực hiện mô hình ...", "Tiếp tục duy trì,
# nâng cao hiệu quả hoạt động của mô hình ...", "Tiếp tục quan tâm lãnh đạo nâng cao hiệu quả hoạt động của mô
# hình đảng bộ khối doanh nghiệp cấp tỉnh"; not "thí điểm mô hình tổ chức mới".
_NAMED = re.compile(
    r"(?<![a-z])(?P<cue>(?:(?:chu dong\s+)?(?:chi dao|lanh dao|xay dung de an)\s+)?"
    r"(?:tam dung|dung|khong nhan rong|nhan rong|mo rong|chia tach|ket thuc|cham dut|khong tiep tuc|tiep tuc"
    r"|duy tri|chu dong\s+(?:lua chon,?\s+)?quyet dinh|thuc hien"
    r"|trien khai|thi diem)(?:\s+(?:thuc hien|trien khai|viec))*(?:\s+thi diem)?"
    r"(?:\s*,?\s*(?:duy tri|quan tam(?:\s+lanh dao)?|nang cao\s+(?:chat luong|hieu qua)(?:\s+hoat dong)?"
    r"\s+cua))*)\s+mo hinh\s+"
    r"(?!(?:thi diem|to chuc moi|moi|chung|nay|tren|neu tren|do|sau|nhu)(?![a-z]))"
    rf"(?P<name>[^;,.()\n“”\"]{{3,120}}?)(?=\s*[;,.(]|\n|$|\s+{_WHERE}|\s+{_WHEN}|\s+(?:theo|de|nham|trong)\s)"
)


# Words that keep a model going, not merely carry it out. Example lines: "Tiếp tục thực hiện mô hình",
# "duy trì, nâng cao hiệu quả hoạt động của mô hình".
_KEEPING = re.compile(r"tiep tuc|duy tri")


# A later clause restating a model's status. Example line: "; không nhân rộng mô hình này ở những địa phương".
_RESTATED = re.compile(r"\s+(?:cac\s+)?mo hinh\s+(?:nay|tren|neu tren)(?![a-z])")


@dataclass(frozen=True, slots=True)
class Found:
    start: int  # the model's words
    end: int
    name: str
    status: ModelStatus | None
    evidence_start: int  # the clause that gives the status
    evidence_end: int = -1
    family: str | None = None  # kept from the model an anaphor ("các mô hình trên") points back to
    run: int = -1  # where the list the model is an item of starts (-1: not in a list)

    @property
    def clause_end(self) -> int:
        return max(self.end, self.evidence_end)


# Emphasis and quotes around a model's name. Example line: "mô hình **“Dân vận khéo”**".
_MARKS = re.compile(r"\*\*|[*“”\"]")


def _name(layout: Layout, start: int, end: int, *, keep_case: bool = False) -> str:
    """The model's words, whitespace and markup cleaned; a common noun phrase starts lower-case; a quoted
    name, or one in mid-sentence after "mô hình", keeps its case ("Sổ tay đảng viên điện tử")."""
    name = squash(_MARKS.sub("", layout.text[start:end])).strip(" ,;.:")
    words = name.split()
    common = not keep_case and len(words) > 1 and words[0][1:].islower()
    common = common and (
        all(w[:1].islower() for w in words[1:3]) or _COMMON_HEAD.match(layout.low, start, end) is not None
    )
    return name[:1].lower() + name[1:] if common else name


def status_before(layout: Layout, start: int, floor: int) -> tuple[ModelStatus, int] | None:
    """The status cue nearest before ``start`` (from ``floor``), and where it starts."""
    last = None
    for m in STATUS.finditer(layout.low, floor, start):
        last = m
    if last is None or last.lastgroup is None:
        return None
    return STATUS_NAMES[last.lastgroup], last.start()


def enumerated(layout: Layout, start: int, end: int) -> list[Found]:
    """ "<status> các mô hình sau: (1) ... (2) ...": one model per item, with the intro's status."""
    out: list[Found] = []
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
        cue = status_before(layout, mark.start(), sent_start)
        if cue is None and "mo hinh" not in layout.low[sent_start : mark.start()]:
            continue
        status, cue_start = cue if cue else (None, mark.start())
        for j, item in enumerate(run):
            stop = run[j + 1].start() if j + 1 < len(run) else layout.sentence(item.end())[1]
            evidence = cue_start if j == 0 else item.start()
            out.append(
                Found(
                    item.end(), stop, _name(layout, item.end(), stop), status, evidence, stop, run=cue_start
                )
            )
    return out


def listed(layout: Layout, start: int, end: int) -> list[Found]:
    """ "Đồng ý thực hiện thí điểm một số mô hình sau:" and one "- ..." line per model."""
    out: list[Found] = []
    for intro in _LIST_INTRO.finditer(layout.low, start, end):
        sent_start = layout.sentence(intro.start())[0]
        cue = status_before(layout, intro.start(), sent_start)
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
                name = _name(layout, item.end(), line_end)
                evidence = cue_start if first else pos
                out.append(Found(item.end(), line_end, name, status, evidence, line_end, run=intro.start()))
            pos = line_end + 1
    return out


def _quoted_pilots(layout: Layout, start: int, end: int) -> list[Found]:
    out = []
    for m in anchored(_QUOTED_PILOT, _PILOT, layout.low, start, end, 6, _QUOTE_OR_WORD):
        group = "a" if m.group("a") else "b"
        out.append(
            Found(
                m.start(group),
                m.end(group),
                _name(layout, m.start(group), m.end(group), keep_case=True),
                "pilot",
                m.start(),
                m.end(),
            )
        )
    return out


def _dismantled(layout: Layout, start: int, end: int) -> list[Found]:
    out = []
    for m in word_matches(_DISMANTLE, layout.low, start, end, _DISMANTLE_WORDS):
        obj = m.start("obj")
        lead = _DISMANTLE_LEAD.match(layout.low, obj, m.end("obj"))
        if lead and layout.text[lead.end()].isupper() and layout.text[obj].islower():
            obj = lead.end()
        out.append(Found(obj, m.end("obj"), _name(layout, obj, m.end("obj")), "dismantle", m.start()))
    return out


def _mergers(layout: Layout, start: int, end: int) -> list[Found]:
    """Mergers given a status; a merger of organs also without one (status unknown): "Hội nghị đã công bố
    các quyết định về hợp nhất Ban Tổ chức Huyện ủy Đức Thọ với Phòng Nội vụ huyện Đức Thọ"."""
    return _with_cue(
        layout,
        [(m.start(), m.end()) for m in word_matches(_MERGER, layout.low, start, end, _MERGER_WORDS)],
        True,
        keep=lambda s: _ORGAN_MERGER.match(layout.low, s) is not None,
    )


def _concurrent(layout: Layout, start: int, end: int) -> list[Found]:
    return _with_cue(
        layout,
        [
            (m.start(), m.end())
            for m in anchored(_CONCURRENT, _ALSO, layout.low, start, end, 120, openers=_ALSO_WORDS)
        ],
        False,
    )


def _named(layout: Layout, start: int, end: int) -> list[Found]:
    """ "chấm dứt thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện", "nhân rộng mô hình
    ..."; a later clause may restate the status ("...; không nhân rộng mô hình này ...")."""
    out = []
    for m in anchored(_NAMED, _MODEL, layout.low, start, end, 100):
        cue = status_before(layout, m.end("cue"), m.start())
        if cue is None or (cue[0] == "continue" and not _KEEPING.search(m.group("cue"))):
            continue  # "thực hiện mô hình" alone names no pilot
        s, e = m.start("name"), m.end("name")
        status, ev_end = _restated(layout, e, layout.sentence(s)[1]) or (cue[0], e)
        out.append(Found(s, e, _name(layout, s, e, keep_case=True), status, m.start(), ev_end))
    return out


def _kept(layout: Layout, start: int, end: int) -> list[Found]:
    return [
        Found(
            m.start("obj"), m.end("obj"), _name(layout, m.start("obj"), m.end("obj")), "continue", m.start()
        )
        for m in word_matches(_KEPT, layout.low, start, end)
    ]


def _with_cue(
    layout: Layout, spans: list[tuple[int, int]], need_cue: bool, keep: Callable[[int], bool] | None = None
) -> list[Found]:
    """Models in running text: the status cue nearest before each in its clause (a cue before a ";" belongs to
    another clause: "tiếp tục thực hiện việc hợp nhất ...; chỉ đạo đánh giá lại hiệu quả việc sáp nhập ..."),
    else the one before it in the same clause ("... đồng thời là ... và bí thư chi bộ đồng thời là ...")."""
    out: list[Found] = []
    for s, e in spans:
        sent_start, sent_end = layout.sentence(s)
        clause = max(sent_start, layout.low.rfind(";", sent_start, s) + 1)
        prev = out[-1] if out and out[-1].end >= clause else None
        cue = status_before(layout, s, prev.end if prev else clause)
        status, ev_start = cue if cue else ((prev.status, prev.evidence_start) if prev else (None, s))
        if status is None and need_cue and not (keep is not None and keep(s)):
            continue
        restated = _restated(layout, e, sent_end)
        status, ev_end = restated if restated else (status, e)
        out.append(Found(s, e, _name(layout, s, e), status, ev_start, ev_end))
    return out


def _restated(layout: Layout, start: int, end: int) -> tuple[ModelStatus, int] | None:
    """ "...; không nhân rộng mô hình này ...": a later clause of the sentence that restates the status."""
    for m in STATUS.finditer(layout.low, start, end):
        after = _RESTATED.match(layout.low, m.end(), end)
        if after and m.lastgroup:
            clause_end = layout.low.find(".", after.end(), end)
            return STATUS_NAMES[m.lastgroup], clause_end if clause_end > 0 else end
    return None


#: Finders of models in running text, in the order they claim overlapping words.
FINDERS = (_quoted_pilots, _dismantled, _mergers, _concurrent, _kept, _named)
