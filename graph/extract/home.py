"""Where a text stands: the committee its header names and the province it belongs to; and the bodies it names
without their place, placed there.

A header names the issuing committee ("TỈNH ỦY HÀ TĨNH", "HUYỆN ỦY CAN LỘC", "ĐẢNG ỦY XÃ PHÚ LÝ"), often under
the committee above it ("ĐẢNG BỘ TỈNH HÀ TĨNH") and sometimes above an organ of it on a line of its own
("BAN CHẤP HÀNH TRUNG ƯƠNG" / "VĂN PHÒNG"). In the body, the same committee is named without its place:
"Ban Thường vụ Huyện ủy" in a text of Huyện ủy Can Lộc is Can Lộc's standing board, "Ban Tổ chức Tỉnh ủy"
there is Hà Tĩnh's, "Thành ủy" in a text of Thành ủy Vinh is Vinh's. A text without a header stands in the one
province its provincial bodies name ("Ban Thường vụ Tỉnh ủy Hà Tĩnh"), or the one province it says it speaks
of ("Tại Hà Tĩnh, ..."); otherwise nowhere, and nothing is placed.

>>> from graph.extract.bodies import body_label, resolve_body
>>> home = Home("Hà Tĩnh", resolve_body("Huyện ủy Can Lộc"))
>>> body_label(localise(resolve_body("Ban Thường vụ Huyện ủy"), home))
'Ban Thường vụ Huyện ủy Can Lộc'
>>> body_label(localise(resolve_body("Ban Tổ chức Tỉnh ủy"), home))
'Ban Tổ chức Tỉnh ủy Hà Tĩnh'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from graph.extract.bodies import (
    BodyInfo,
    BodyMatch,
    body_by_key,
    committee_of,
    compose_organ,
    find_bodies,
    match_body,
    province_at,
    provincial_committee,
    unit_name,
)
from graph.parse import Layout, columns, is_upper_line
from graph.parse.views import word_matches

__all__ = ["Home", "header_committee", "home_of", "localise"]

# The national line of a header, not an issuer. Example line: "ĐẢNG CỘNG SẢN VIỆT NAM".
_NATIONAL = re.compile(r"dang cong san viet nam")
# The committee above the issuer in a header, before its province. Example lines: "ĐẢNG BỘ TỈNH HÀ TĨNH",
# "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH NGHỆ AN".
_PARENT_LINE = re.compile(r"(?<![a-z])dang bo\s+(?:tinh|thanh pho|tp\.?)\s+")
# A provincial committee word followed by a name. Example lines: "Tỉnh ủy Hà Tĩnh", "THÀNH ỦY HÀ NỘI".
_COMMITTEE_WORD = re.compile(r"(?:tinh uy|thanh uy)(?=\s+\S)")
_COMMITTEE_WORDS = ("tinh uy", "thanh uy")  # what every match of _COMMITTEE_WORD opens with
# A district or commune committee word followed by a name. Example lines: "Huyện ủy Đầm Hà", "Đảng ủy xã Tân
# Lâm Hương".
_LOCAL_WORD = re.compile(r"(?:huyen uy|quan uy|thi uy|thanh uy|dang uy (?:xa|phuong|dac khu))(?=\s+\S)")
_LOCAL_WORDS = ("huyen uy", "quan uy", "thi uy", "thanh uy", "dang uy")
# The dash between the organs of a joint issuer on one header line. Example line: "BAN TỔ CHỨC - BAN DÂN VẬN".
_JOINT = re.compile(r"\s+-\s+")
# A province a text says it speaks of. Example lines: "Tại Hà Tĩnh, Hội đồng nhân dân tỉnh ...",
# "của tỉnh Quảng Ngãi".
_PROVINCE_LEAD = re.compile(r"(?:tai|tinh)\s+(?=[a-z])")


@dataclass(frozen=True, slots=True)
class Home:
    """The province a text belongs to and the committee its header names (with its place)."""

    province: str | None = None
    committee: BodyInfo | None = None


def localise(info: BodyInfo, home: Home) -> BodyInfo:
    """A body named without its place, placed where the text stands (see the module's examples)."""
    if info.level == "central" or info.province or info.district:
        return info
    if home.committee is not None:
        placed = _onto(info, home.committee)
        if placed is not None:
            return placed
    if info.level == "province" and home.province and _committee_fits(info, home.province):
        return replace(info, province=home.province)
    return info


def _committee_fits(info: BodyInfo, province: str) -> bool:
    """Whether a provincial body may be the province's: a Thành ủy named without its place is the
    province's in a city under central authority (Hà Nội), a city's elsewhere (Uông Bí in Quảng Ninh)."""
    kind = committee_of(info)
    return kind is None or kind[1] not in ("tinh-uy", "thanh-uy") or kind[1] == provincial_committee(province)


def _onto(info: BodyInfo, committee: BodyInfo) -> BodyInfo | None:
    """The body as an organ of the text's own committee, when it names that committee's kind: "Ban Thường vụ
    Đảng ủy Khối" in a text of the Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh is that bloc's board."""
    mine, home = committee_of(info), committee_of(committee)
    if mine is None or home is None or home[0]:
        return None
    organ, kind = mine
    same = kind == home[1] or (kind == "dang-uy-khoi" and home[1].startswith("dang-uy-khoi"))
    target = body_by_key(f"{organ}-{home[1]}" if organ else home[1]) if same else None
    if target is None:
        return None
    return replace(target, level=committee.level, province=committee.province, district=committee.district)


def header_committee(layout: Layout) -> BodyMatch | None:
    """The issuing body the header names ("TỈNH ỦY HÀ TĨNH", "BAN CHẤP HÀNH TRUNG ƯƠNG" / "VĂN PHÒNG")."""
    header, stamp = layout.block("header"), layout.block("stamp")
    if header is None:
        return None
    skip = (stamp.start, stamp.end) if stamp else (-1, -1)
    national = [(m.start(), m.end()) for m in _NATIONAL.finditer(layout.low, header.start, header.end)]
    found = [
        b
        for b in find_bodies(layout.text, layout.low, header.start, header.end)
        if not skip[0] <= b.start < skip[1] and not any(s <= b.start < e for s, e in national)
    ]
    if not found:
        return None
    last = found[-1]
    line_end = layout.text.find("\n", last.end, header.end)
    # An organ on a later line of the header. Example: "BAN CHẤP HÀNH TRUNG ƯƠNG" then "VĂN PHÒNG".
    for s, e in _cells(layout, line_end if line_end >= 0 else header.end, header.end):
        organs = _organs(layout, s, e, last.info) if is_upper_line(layout.text[s:e]) else []
        if organs:
            return BodyMatch(s, e, organs[0], partners=tuple(organs[1:]))
    return last


def _organs(layout: Layout, start: int, end: int, committee: BodyInfo) -> list[BodyInfo]:
    """The organs of ``committee`` a header cell names: one ("VĂN PHÒNG"), or the issuers of a joint document
    joined by a dash ("BAN TỔ CHỨC - BAN DÂN VẬN" under "TỈNH ỦY TRÀ VINH", number 04-QC/BTCTU-BDVTU);
    none unless every part is an organ."""
    organs = [compose_organ(part, committee) for part in _JOINT.split(layout.view[start:end].strip())]
    return [o for o in organs if o is not None] if all(organs) else []


def _cells(layout: Layout, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in layout.text[start:end].split("\n"):
        out += columns(layout.text, pos, pos + len(line))
        pos += len(line) + 1
    return out


def home_of(layout: Layout, issuers: Iterable[BodyMatch]) -> Home:
    """Where the text stands: its header's committee and province, else the one province it names."""
    header = header_committee(layout)
    province = _header_province(layout, header)
    if province is None:
        province = _named_province(layout, issuers)
    if province is None:
        province = _province_of_units([*([header] if header is not None else []), *_local_committees(layout)])
    committee = header.info if header is not None else None
    if committee is not None and committee.level == "province" and committee.province is None and province:
        committee = replace(committee, province=province)
    return Home(province, committee)


def _header_province(layout: Layout, header: BodyMatch | None) -> str | None:
    """ "TỈNH ỦY HÀ TĨNH", or the committee above the issuer: "ĐẢNG BỘ TỈNH HÀ TĨNH" over "HUYỆN ỦY
    CAN LỘC"."""
    if header is not None and header.info.province:
        return header.info.province
    block = layout.block("header")
    if block is None:
        return None
    for m in _PARENT_LINE.finditer(layout.low, block.start, block.end):
        found = province_at(layout.low, m.end(), block.end)
        if found is not None:
            return found[0]
    return None


def _named_province(layout: Layout, issuers: Iterable[BodyMatch]) -> str | None:
    """The one province the text's provincial bodies name ("Ban Thường vụ Tỉnh ủy Hà Tĩnh"), else the one
    province it says it speaks of ("Tại Hà Tĩnh, ..."); None when it names none or several."""
    stamp = layout.block("stamp")
    skip = (stamp.start, stamp.end) if stamp else (-1, -1)
    found = {
        b.info.province
        for b in _committee_mentions(layout)
        if b.info.province and b.info.level == "province" and not skip[0] <= b.start < skip[1]
    }
    found |= {b.info.province for b in issuers if b.info.province}
    if not found:
        for m in word_matches(_PROVINCE_LEAD, layout.low, *layout.main):
            named = province_at(layout.low, m.end(), layout.main[1])
            if named is not None and layout.text[m.end()].isupper():
                found.add(named[0])
    return next(iter(found)) if len(found) == 1 else None


def _province_of_units(bodies: Iterable[BodyMatch]) -> str | None:
    """The one province where every district and commune of the text's local committees can lie:
    "Ban Thường vụ Huyện ủy Đầm Hà" stands in Quảng Ninh; "Huyện ủy Phước Long" (the huyện, in Bạc Liêu) and
    "Đảng ủy xã Phước Long" (a name of several provinces) in Bạc Liêu; "Huyện ủy Châu Thành" (a district
    of seven provinces) alone in none, and nor do units of two provinces. A name the code lists do not
    hold says nothing."""
    from graph.localities import gazetteer

    gaz = gazetteer()
    possible: set[str] | None = None
    for body in bodies:
        info = body.info
        if info.level not in ("district", "commune") or not info.district:
            continue
        name = unit_name(info, info.district)  # "Huyện ủy Kỳ Anh": the huyện, not the thị xã
        provinces = {p.province_name for p in gaz.lookup(name, level=info.level, exact=True)}
        if provinces:
            possible = provinces if possible is None else possible & provinces
    return next(iter(possible)) if possible is not None and len(possible) == 1 else None


def _local_committees(layout: Layout) -> list[BodyMatch]:
    """The district and commune committees the main text names ("Ban Thường vụ Huyện ủy Đầm Hà")."""
    out = []
    for m in word_matches(_LOCAL_WORD, layout.low, *layout.main, _LOCAL_WORDS):
        body = match_body(layout.text, layout.low, m.start(), layout.main[1])
        if body is not None and body.info.level in ("district", "commune"):
            out.append(body)
    return out


def _committee_mentions(layout: Layout) -> list[BodyMatch]:
    out = []
    for m in word_matches(_COMMITTEE_WORD, layout.low, *layout.main, _COMMITTEE_WORDS):
        body = match_body(layout.text, layout.low, m.start(), layout.main[1])
        if body is not None:
            out.append(body)
    return out
