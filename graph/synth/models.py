"""Pilot models and their status changes (DOMAIN.md §6), written as the points of a text and recorded in gold.

Two families: mergers ("hợp nhất ...") and concurrent posts ("A đồng thời là B"); and other pilots (online
Party meetings, the electronic member's handbook). A status is piloted, allowed (localities decide),
continued, paused (tạm dừng), not to be replicated (không nhân rộng), dismantled (chia tách, back to the
common model, with a district and a deadline "hoàn thành trong tháng 10/2022") or extended (nhân rộng).
Each point's gold ``evidence`` is an exact substring of the point.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from graph.localities import Place
from graph.synth.atlas import DISTRICT_COMMITTEES
from graph.synth.calendar import add_days, cite_date, month_deadline
from graph.synth.goldfile import FileGold

__all__ = ["DISMANTLE_UNITS", "MODELS", "model_points"]

MERGER, CONCURRENT, OTHER = "merger", "concurrent_post", "other"

#: (name as a text writes it, family, topic families it belongs to).
MODELS: tuple[tuple[str, str, str], ...] = (
    ("hợp nhất các cơ quan chuyên môn thuộc ủy ban nhân dân cấp tỉnh, cấp huyện", MERGER, "org"),
    (
        "hợp nhất cơ quan tham mưu, giúp việc của cấp ủy với cơ quan chuyên môn thuộc chính quyền cùng cấp "
        "có chức năng, nhiệm vụ tương đồng",
        MERGER,
        "org",
    ),
    ("hợp nhất Văn phòng cấp ủy với Văn phòng Hội đồng nhân dân và Ủy ban nhân dân cấp huyện", MERGER, "org"),
    ("hợp nhất Ban Tuyên giáo và Ban Dân vận cấp ủy cấp huyện", MERGER, "org"),
    ("hợp nhất Trung tâm Y tế với Phòng Y tế cấp huyện", MERGER, "org"),
    ("sáp nhập Trung tâm Văn hóa - Thể thao với Đài Truyền thanh cấp huyện", MERGER, "org"),
    ("hợp nhất Ủy ban Kiểm tra cấp ủy với Thanh tra cấp huyện", MERGER, "org"),
    (
        "trưởng ban dân vận cấp ủy đồng thời là chủ tịch Ủy ban Mặt trận Tổ quốc cấp tỉnh, cấp huyện",
        CONCURRENT,
        "org",
    ),
    ("chủ nhiệm ủy ban kiểm tra cấp ủy đồng thời là chánh thanh tra cấp tỉnh, cấp huyện", CONCURRENT, "org"),
    ("trưởng ban tổ chức cấp ủy cấp tỉnh đồng thời là giám đốc sở nội vụ", CONCURRENT, "org"),
    (
        "chánh văn phòng cấp ủy cấp huyện đồng thời là chánh văn phòng hội đồng nhân dân và ủy ban nhân dân "
        "cấp huyện",
        CONCURRENT,
        "org",
    ),
    ("bí thư cấp ủy đồng thời là chủ tịch ủy ban nhân dân cấp huyện, cấp xã", CONCURRENT, "org"),
    (
        "trưởng ban tuyên giáo cấp ủy cấp huyện đồng thời là giám đốc trung tâm chính trị cấp huyện",
        CONCURRENT,
        "org",
    ),
    ("bí thư đảng ủy đồng thời là chủ tịch hội đồng nhân dân xã", CONCURRENT, "org"),
    ("bí thư chi bộ đồng thời là trưởng thôn, tổ dân phố", CONCURRENT, "party"),
    ("sinh hoạt đảng trực tuyến ở đảng bộ cơ sở, chi bộ có tính chất đặc thù", OTHER, "party"),
    ("Sổ tay đảng viên điện tử", OTHER, "party"),
    ("giao quyền cấp trên cơ sở cho đảng ủy cơ sở", OTHER, "party"),
    ("đảng bộ khối doanh nghiệp cấp tỉnh", OTHER, "org"),
)

#: Agencies of a district merged under a pilot, split again when it ends ("chia tách ...").
DISMANTLE_UNITS = (
    "Cơ quan Tổ chức - Nội vụ huyện",
    "Cơ quan Ủy ban Kiểm tra - Thanh tra huyện",
    "Văn phòng Cấp ủy - Chính quyền huyện",
    "cơ quan Ban Tuyên giáo - Dân vận Huyện ủy",
    "Trung tâm Chính trị - Giáo dục nghề nghiệp huyện",
)

_STATUS = {
    "org": (
        ("pilot", 2),
        ("allow", 3),
        ("continue", 4),
        ("pause", 3),
        ("do_not_replicate", 2),
        ("expand", 2),
    ),
    "party": (("pilot", 4), ("continue", 3), ("expand", 2)),
}
# One sentence per status; {m} is the model's name. (text, evidence) - evidence is a substring of the text.
_SINGLE: dict[str, tuple[tuple[str, str], ...]] = {
    "pilot": (
        (
            "Chỉ đạo thí điểm mô hình {m} ở một số nơi có đủ điều kiện, định kỳ rút kinh nghiệm.",
            "thí điểm mô hình {m}",
        ),
        ("Thí điểm thực hiện mô hình {m} tại một số cơ quan, đơn vị.", "Thí điểm thực hiện mô hình {m}"),
    ),
    "allow": (
        (
            "Các địa phương căn cứ tình hình thực tế, chủ động quyết định việc thực hiện mô hình {m}.",
            "chủ động quyết định việc thực hiện mô hình {m}",
        ),
    ),
    "continue": (
        ("Tiếp tục thực hiện mô hình {m}.", "Tiếp tục thực hiện mô hình {m}"),
        (
            "Tiếp tục duy trì, nâng cao hiệu quả hoạt động của mô hình {m} ở những nơi đã thực hiện.",
            "Tiếp tục duy trì, nâng cao hiệu quả hoạt động của mô hình {m}",
        ),
    ),
    "pause": (("Tạm dừng thực hiện mô hình {m}.", "Tạm dừng thực hiện mô hình {m}"),),
    "do_not_replicate": (
        ("Không nhân rộng mô hình {m} ở những địa phương chưa thực hiện.", "Không nhân rộng mô hình {m}"),
        (
            "Tiếp tục quan tâm lãnh đạo nâng cao hiệu quả hoạt động của mô hình {m}; không nhân rộng mô hình "
            "này ở những địa phương chưa thực hiện.",
            "không nhân rộng mô hình này ở những địa phương chưa thực hiện",
        ),
    ),
    "expand": (("Nhân rộng mô hình {m} ở những nơi có đủ điều kiện.", "Nhân rộng mô hình {m}"),),
}
_LIST_OPENINGS = {
    "allow": "{who} căn cứ tình hình thực tế và yêu cầu đổi mới, sắp xếp tổ chức bộ máy, chủ động quyết định "
    "thực hiện một số mô hình sau:",
    "pause": "Tạm dừng thực hiện thí điểm các mô hình sau:",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _record(gold: FileGold, name: str, family: str, status: str, evidence: str, **extra: str | None) -> None:
    gold.model(name=name, status=status, evidence=evidence, family=family, **extra)


def _list_point(gold: FileGold, status: str, chosen: list[tuple[str, str, str]], who: str) -> str:
    """ "Tạm dừng thực hiện thí điểm các mô hình sau: (1) Hợp nhất ... (2) Chủ nhiệm ..."."""
    items = []
    for k, (name, family, _) in enumerate(chosen, 1):
        item = f"({k}) {_capital(name)}"
        items.append(item + ".")
        _record(gold, name, family, status, item)
    return _LIST_OPENINGS[status].format(who=who) + " " + " ".join(items)


def _dismantle(rng: random.Random, gold: FileGold, day: date, unit: Place) -> str:
    """ "Ban Thường vụ Huyện ủy Đức Thọ xây dựng đề án chia tách ... (hoàn thành trong tháng 10/2022)"."""
    agency = rng.choice(DISMANTLE_UNITS)
    words, due = month_deadline(rng, add_days(day, rng.randint(30, 150)))
    committee = DISTRICT_COMMITTEES[unit.type][0]
    evidence = f"xây dựng đề án chia tách {agency}"
    gold.place(unit, "assigned a task")
    _record(gold, agency, OTHER, "dismantle", evidence, locality=unit.name, deadline=due)
    common = "theo mô hình chung của hệ thống chính trị"
    return f"Ban Thường vụ {committee} {unit.label} {evidence} {common} ({words})."


def _unit_pilot(
    rng: random.Random, gold: FileGold, day: date, unit: Place, model: tuple[str, str, str]
) -> str:
    """ "Huyện Đức Thọ đã thực hiện thí điểm mô hình ... từ ngày 01/01/2019.": the unit is the clause's
    subject, the date it started no part of the model's name."""
    name, family, _ = model
    since = add_days(day, -rng.randint(60, 700))
    evidence = f"thực hiện thí điểm mô hình {name}"
    gold.place(unit)
    _record(gold, name, family, "pilot", evidence, locality=unit.label)
    return f"{unit.full_name} đã {evidence} từ {cite_date(rng, since)}, bước đầu đạt kết quả tích cực."


def model_points(
    rng: random.Random, gold: FileGold, family: str, day: date, districts: Sequence[Place], who: str
) -> list[str]:
    """One to four points about pilot models fitting ``family`` ("org" or "party"); each recorded in gold."""
    pool = [m for m in MODELS if m[2] == family] or [m for m in MODELS if m[2] == "party"]
    statuses = _STATUS.get(family, _STATUS["party"])
    points: list[str] = []
    used: set[str] = set()
    for _ in range(rng.randint(1, 3)):
        status = rng.choices([s for s, _ in statuses], weights=[w for _, w in statuses])[0]
        free = [m for m in pool if m[0] not in used]
        if len(free) < 2:
            break
        if status in _LIST_OPENINGS and rng.random() < 0.6:
            chosen = rng.sample(free, rng.randint(2, min(4, len(free))))
            points.append(_list_point(gold, status, chosen, who))
        else:
            chosen = [rng.choice(free)]
            text, evidence = rng.choice(_SINGLE[status])
            points.append(text.format(m=chosen[0][0]))
            _record(gold, chosen[0][0], chosen[0][1], status, evidence.format(m=chosen[0][0]))
        used.update(m[0] for m in chosen)
    free = [m for m in pool if m[0] not in used]
    if districts and free and rng.random() < 0.25:
        points.append(_unit_pilot(rng, gold, day, rng.choice(list(districts)), rng.choice(free)))
    if districts and family == "org" and rng.random() < 0.6:
        for unit in rng.sample(list(districts), min(len(districts), rng.randint(1, 2))):
            points.append(_dismantle(rng, gold, day, unit))
    return points
