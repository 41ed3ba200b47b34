"""Bodies: the Party (and State) bodies a text names, resolved to the canonical entries of bodies.yaml.

A body phrase is a central body ("Bộ Chính trị", "BCH Trung ương"), a plenum of the Central Committee
("Hội nghị Trung ương 5 (khóa XIII)", "Hội nghị lần thứ sáu, BCH Trung ương Đảng khóa XII"), a local
committee with its place ("Tỉnh ủy Hà Tĩnh"), an organ of one ("Ban Thường vụ Tỉnh ủy Hà Tĩnh", "Văn phòng
Tỉnh ủy Điện Biên") or a local State body. Patterns run on the folded view (``Layout.low``); names keep the
case of the text.

>>> resolve_body("Ban Chấp hành Trung ương Đảng khoá XII").key
'ban-chap-hanh-trung-uong'
>>> info = resolve_body("Ban Thường vụ Tỉnh ủy Hà Tĩnh")
>>> info.key, info.level, info.province, body_label(info)
('ban-thuong-vu-tinh-uy', 'province', 'Hà Tĩnh', 'Ban Thường vụ Tỉnh ủy Hà Tĩnh')
>>> resolve_body("Ban Tổ chức Trung ương").code
'BTCTW'
>>> proper_case("KẾT LUẬN CỦA BỘ CHÍNH TRỊ")
'Kết luận của Bộ Chính trị'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import yaml

from graph.doctypes import doc_types
from graph.parse import ascii_view
from graph.paths import DATA_DIR
from graph.text import match_view, nfc, squash

__all__ = [
    "ORDINAL",
    "ORDINALS",
    "PLENUM",
    "PLENUM_ORDINALS",
    "TERM",
    "TERM_AFTER",
    "UNIT_NUMBER",
    "BodyInfo",
    "BodyMatch",
    "abbreviated",
    "body_by_key",
    "body_for_code",
    "body_label",
    "code_agrees",
    "committee_of",
    "compose_organ",
    "find_bodies",
    "match_body",
    "place_name_end",
    "proper_case",
    "province_at",
    "provincial_committee",
    "resolve_body",
]

# Ordinals of plenums written out. Example line: "Hội nghị lần thứ sáu, BCH Trung ương Đảng khóa XII".
ORDINALS = {
    "nhat": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
    "muoi ba": 13,
    "muoi bon": 14,
    "muoi tu": 14,
    "muoi lam": 15,
    "muoi sau": 16,
    "muoi bay": 17,
    "muoi tam": 18,
    "muoi chin": 19,
}
ORDINAL = (
    r"(?:muoi(?: (?:mot|hai|ba|bon|tu|lam|sau|bay|tam|chin))?|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin"
    r"|\d{1,2})"
)
_CC = r"(?:ban chap hanh|bch)\s+trung uong(?:\s+dang)?"
# A plenum of the Central Committee. Example lines: "Hội nghị Trung ương 5 (khóa XIII)", "Hội nghị lần thứ
# sáu, BCH Trung ương Đảng khóa XII", "Ban Chấp hành Trung ương 4 (khoá XII)", "Hội nghị Trung ương
# lần thứ 6", "Hội nghị TƯ 6", "Hội nghị T.Ư 6" (the abbreviation in capitals: see :func:`abbreviated`).
PLENUM = (
    rf"(?:hoi nghi\s+lan thu\s+(?P<ord_a>{ORDINAL})\s*,?\s*(?:cua\s+)?{_CC}"
    rf"|hoi nghi\s+(?:{_CC}|trung uong)\s+(?:lan thu\s+(?P<ord_b>{ORDINAL})|(?P<ord_d>\d{{1,2}}))(?![\d,])"
    rf"|hoi nghi\s+(?P<abbr_h>t\.?[ \t]?u|tw)\s+(?P<ord_h>\d{{1,2}})(?![\d,])"
    rf"|{_CC}\s+(?:lan thu\s+)?(?P<ord_c>\d{{1,2}})(?![\d,]))"
)
#: The groups of :data:`PLENUM` that may hold the plenum's number.
PLENUM_ORDINALS = ("ord_a", "ord_b", "ord_c", "ord_d", "ord_h")


def abbreviated(text: str, m: re.Match[str], group: str) -> bool:
    """Whether ``group`` of ``m`` holds no abbreviation of Trung ương, or one printed in capitals ("TƯ",
    "T.Ư"; not "tư", "từ", which fold to the same letters)."""
    return m.group(group) is None or text[m.start(group) : m.end(group)].isupper()


# A committee term after a body. Example lines: "khoá XII", "(khóa XIII)", ", khóa X".
TERM = r"(?:\s*,?\s*\(?\s*khoa\s+(?P<term>[ivxl]+)\b(?:\s*\))?)"
TERM_AFTER = re.compile(TERM)
# A unit word before a place name. Example lines: "tỉnh Hà Tĩnh", "thành phố Hà Nội", "TP. Hồ Chí Minh".
_UNIT = re.compile(r"\s+(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa)(?=\s)")
# The same words with their marks: "Tịnh" (of Tịnh Biên) folds to "tinh" too, and is no unit word.
_UNIT_WORDS = frozenset({"tỉnh", "thành phố", "tp", "tp.", "huyện", "quận", "thị xã"})
# A term's Roman numeral in capitals, kept by proper_case. Example lines: "XII", "XIII)".
_ROMAN = re.compile(r"[IVXL]+[.,;:)]?")
# What a label may open with before its body. Example lines: "T/M BAN THƯỜNG VỤ", "của Bộ Chính trị".
_LEAD = re.compile(r"\W*(?:(?:cua|do|thay mat|t/m|tm\.?|k/t|kt\.?)\s+)?")
_STATE_KEYS = frozenset({"quoc-hoi", "uy-ban-thuong-vu-quoc-hoi", "chinh-phu", "thu-tuong-chinh-phu"})
# One word of a place name after a committee. Example lines: "Đức Thọ", "Bà Rịa - Vũng Tàu", "Cư M'gar", "Ia
# H' Drai" (an apostrophe before a space).
_NAME_WORD = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*)?([^\W\d_]+(?:['’](?:[^\W\d_]+|(?=[ \t]+[^\W\d_])))?)")

# The number that names a district after its unit word. Example line: "Quận ủy Quận 1" (not "Quận 12-KL/QU").
UNIT_NUMBER = re.compile(r"[1-9][0-9]?(?![\w/-]|[.,][0-9])")
# A number that ends a place name: the communes of the 2025 reform ("Đam Rông 3"), wards ("Phường 12"). Not
# a document number or a date that follows ("Đức Thọ 12-KL/HU", "Đức Thọ 2022").
_NAME_NUMBER = re.compile(r"[ \t]+" + UNIT_NUMBER.pattern)
# A commune committee's words that end with the unit's type, which a number may follow. Example lines:
# "Đảng ủy phường" (of "Đảng ủy phường 12"), "ĐẢNG ỦY PHƯỜNG" (of "ĐẢNG ỦY PHƯỜNG 1 BẢO LỘC").
_COMMUNE_WORD = re.compile(r"(?:phuong|xa|dac khu)[ \t]*$")


@dataclass(frozen=True, slots=True)
class BodyInfo:
    key: str  # stable slug: "ban-thuong-vu-tinh-uy"
    vi: str  # canonical label without the place: "Ban Thường vụ Tỉnh ủy"
    en: str
    level: str  # "central", "province", "district", "commune"
    code: str | None  # issuer code its numbers print: "TW", "BTCTW", "TU"
    parent: str | None  # a key
    province: str | None = None
    district: str | None = None  # the place of a district- or commune-level body ("Đức Thọ", "Long Xuyên")
    state: bool = False  # a body of the State (Chính phủ, HĐND tỉnh), not of the Party


@dataclass(frozen=True, slots=True)
class BodyMatch:
    """A body phrase ``text[start:end]``: its body, plenum and term; ``partners``: a joint issuer's others."""

    start: int
    end: int
    info: BodyInfo
    plenum: int | None = None
    term: str | None = None
    partners: tuple[BodyInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class _Tables:
    by_key: dict[str, BodyInfo]
    by_alias: dict[str, str]  # folded alias -> key (central and local)
    organs: dict[str, dict[str, Any]]  # folded alias -> organ row
    committees: dict[str, dict[str, Any]]  # folded alias -> committee row
    provinces: dict[str, str]  # folded name -> name
    central_cities: frozenset[str]
    pattern: re.Pattern[str]
    province_pattern: re.Pattern[str]
    capitals: dict[str, str]  # lower-case phrase -> its case
    capitals_pattern: re.Pattern[str]
    numbered_type_pattern: re.Pattern[str]  # "nghị quyết" before "số 18-NQ/TW"
    committee_keys: frozenset[str]


@lru_cache(maxsize=4096)  # labels repeat ("VĂN PHÒNG", "BAN TỔ CHỨC")
def _fold(label: str) -> str:
    return squash(ascii_view(match_view(nfc(label)))).strip()


def _alternation(words: Any) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return "|".join(escaped)


@cache
def _tables() -> _Tables:
    with (DATA_DIR / "bodies.yaml").open(encoding="utf-8") as handle:
        # libyaml's loader when PyYAML was built with it: the same data, seven times faster
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    by_key: dict[str, BodyInfo] = {}
    by_alias: dict[str, str] = {}
    for row in data["central"]:
        by_key[row["key"]] = BodyInfo(
            row["key"],
            row["vi"],
            row["en"],
            "central",
            row.get("code"),
            row.get("parent"),
            state=row.get("state", False),
        )
    for row in data["local"]:
        by_key[row["key"]] = BodyInfo(
            row["key"],
            row["vi"],
            row["en"],
            row["level"],
            row.get("code"),
            None,
            state=row.get("state", False),
        )
    for row in [*data["central"], *data["local"]]:
        by_alias.update({_fold(a): row["key"] for a in [row["vi"], *row["aliases"]]})
    organs = {_fold(a): row for row in data["organs"] for a in [row["vi"], *row["aliases"]]}
    committees = {_fold(a): row for row in data["committees"] for a in [row["vi"], *row["aliases"]]}
    for com in data["committees"]:
        parent = com.get("parent", "tinh-uy" if com["level"] in ("district", "commune") else None)
        by_key[com["key"]] = BodyInfo(com["key"], com["vi"], com["en"], com["level"], com["code"], parent)
        for org in data["organs"]:
            by_key[f"{org['key']}-{com['key']}"] = _organ_info(org, com)
    provinces = {_fold(p): p for p in data["provinces"]}
    provinces.update({_fold(a): p for a, p in data["province_aliases"].items()})
    capitals = _capital_phrases(data)
    pattern = re.compile(
        rf"(?<![a-z0-9])(?:(?P<plenum>{PLENUM})|(?P<organ>{_alternation(organs)})\s+(?P<committee>"
        rf"{_alternation(committees)})|(?P<alias>{_alternation(by_alias)})|(?P<lone>{_alternation(committees)}))"
        rf"(?![a-z0-9]){TERM}?"
    )
    return _Tables(
        by_key,
        by_alias,
        organs,
        committees,
        provinces,
        frozenset(data["central_cities"]),
        pattern,
        re.compile(rf"(?:{_alternation(provinces)})(?![a-z0-9])"),
        capitals,
        re.compile(rf"(?<!\w)(?:{_alternation(capitals)})(?!\w)"),
        re.compile(rf"(?<!\w)(?:{_alternation(_type_words())})(?=\s+(?:số\s+)?\d)"),
        frozenset(com["key"] for com in data["committees"]),
    )


def _type_words() -> list[str]:
    return [match_view(w).lower() for row in doc_types() for w in (row.vi, *row.words)]


def _organ_info(org: dict[str, Any], com: dict[str, Any]) -> BodyInfo:
    code = f"{org['prefix']}{com['code']}" if org.get("prefix") else com["code"]
    return BodyInfo(
        f"{org['key']}-{com['key']}",
        f"{org['vi']} {com['vi']}",
        f"{org['en']} of the {com['en']}",
        com["level"],
        code,
        com["key"],
    )


def _capital_phrases(data: dict[str, Any]) -> dict[str, str]:
    phrases = [*data["capitalised"], *data["provinces"]]
    for group in ("central", "local", "organs", "committees"):
        phrases += [row["vi"] for row in data[group]]
    phrases += [f"{o['vi']} {c['vi']}" for o in data["organs"] for c in data["committees"]]
    return {match_view(nfc(p)).lower(): p for p in phrases}


def body_by_key(key: str) -> BodyInfo | None:
    """The body of a key of bodies.yaml (organs of committees composed: "ban-thuong-vu-tinh-uy")."""
    return _tables().by_key.get(key)


def provincial_committee(province: str | None) -> str:
    """The key of a province's Party committee: a city under central authority has a Thành ủy, the
    others a Tỉnh ủy (the committee above "Quận ủy Quận 1" is the Thành ủy of Hồ Chí Minh City).

    >>> provincial_committee("Hồ Chí Minh"), provincial_committee("Hà Tĩnh"), provincial_committee(None)
    ('thanh-uy', 'tinh-uy', 'tinh-uy')
    """
    return "thanh-uy" if province in _tables().central_cities else "tinh-uy"


def province_at(low: str, pos: int, end: int) -> tuple[str, int] | None:
    """The province named at ``pos`` (folded view), and where its name ends: "ha tinh" -> ("Hà Tĩnh", ...)."""
    tables = _tables()
    m = tables.province_pattern.match(low, pos, end)
    return (tables.provinces[squash(m.group())], m.end()) if m else None


#: A district committee's key -> the type of its unit ("huyen-uy": the Huyện ủy of a huyện).
_UNIT_OF_COMMITTEE = {"huyen-uy": "huyện", "quan-uy": "quận", "thi-uy": "thị xã", "thanh-uy": "thành phố"}


def unit_name(info: BodyInfo, name: str) -> str:
    """The name of a local body's unit with the type its committee word gives, for a lookup in the code
    lists: "Kỳ Anh" of a Huyện ủy is "huyện Kỳ Anh" (not the thị xã Kỳ Anh); a name with its type ("Quận 1")
    or of another body stays as it is."""
    from graph.localities import split_prefix

    kind = committee_of(info)
    unit = _UNIT_OF_COMMITTEE.get(kind[1]) if kind is not None else None
    return f"{unit} {name}" if unit is not None and split_prefix(name)[0] is None else name


def committee_of(info: BodyInfo) -> tuple[str, str] | None:
    """(organ key, committee key) of a local body: "ban-thuong-vu-huyen-uy" -> ("ban-thuong-vu", "huyen-uy");
    a committee itself has the organ key ""."""
    for com in _committee_keys_longest_first():
        if info.key == com:
            return "", com
        if info.key.endswith("-" + com):
            return info.key[: -len(com) - 1], com
    return None


@cache
def _committee_keys_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_tables().committee_keys, key=len, reverse=True))


def compose_organ(organ: str, committee: BodyInfo) -> BodyInfo | None:
    """The organ of a committee that a header names on a line of its own: "VĂN PHÒNG" under "BAN CHẤP HÀNH
    TRUNG ƯƠNG" is the Central Office; "BAN TỔ CHỨC" under "TỈNH ỦY HÀ TĨNH" that committee's board."""
    tables = _tables()
    row = tables.organs.get(_fold(organ))
    if row is None:
        return None
    if committee.level == "central":
        central = committee.key == "ban-chap-hanh-trung-uong"
        return resolve_body(f"{row['vi']} Trung ương") if central else None
    parts = committee_of(committee)
    info = tables.by_key.get(f"{row['key']}-{parts[1]}") if parts and not parts[0] else None
    if info is None:
        return None
    return replace(info, level=committee.level, province=committee.province, district=committee.district)


def match_body(text: str, low: str, pos: int, end: int | None = None) -> BodyMatch | None:
    """The body phrase starting at ``pos`` (``low`` is the folded view of ``text``), or None."""
    tables = _tables()
    end = len(low) if end is None else end
    m = tables.pattern.match(low, pos, end)
    return _from_match(text, low, m, end) if m else None


def find_bodies(text: str, low: str, start: int, end: int) -> list[BodyMatch]:
    """Every body phrase in ``text[start:end]``."""
    return [b for m in _tables().pattern.finditer(low, start, end) if (b := _from_match(text, low, m, end))]


def _from_match(text: str, low: str, m: re.Match[str], end: int) -> BodyMatch | None:
    tables = _tables()
    term = m.group("term").upper() if m.group("term") else None
    if m.group("plenum") is not None:
        if not abbreviated(text, m, "abbr_h"):
            return None
        number = next(g for g in (m.group(x) for x in PLENUM_ORDINALS) if g)
        plenum = int(number) if number.isdigit() else ORDINALS.get(squash(number))
        return BodyMatch(m.start(), m.end(), tables.by_key["ban-chap-hanh-trung-uong"], plenum, term)
    if m.group("alias") is not None:
        info = tables.by_key[tables.by_alias[squash(m.group("alias"))]]
        if info.level == "central" or m.group("term"):
            return BodyMatch(m.start(), m.end(), info, None, term)
        return _with_place(text, low, m.start(), m.end(), info, end, term)
    com = tables.committees[squash(m.group("committee") or m.group("lone"))]
    if m.group("organ") is not None:
        organ = tables.organs[squash(m.group("organ"))]
        info = tables.by_key[f"{organ['key']}-{com['key']}"]
    else:
        info = tables.by_key[com["key"]]
    if m.group("term"):
        return BodyMatch(m.start(), m.end(), info, None, term)
    return _with_place(text, low, m.start(), m.end(), info, end, None)


def _with_place(
    text: str, low: str, start: int, pos: int, info: BodyInfo, end: int, term: str | None
) -> BodyMatch:
    """Extend a local body with the place name that follows it ("Tỉnh ủy Hà Tĩnh", "Huyện ủy Đức Thọ")."""
    tables = _tables()
    unit = _unit_word(text, low, pos, end)
    at = unit.end() if unit else pos
    while at < end and low[at] == " ":
        at += 1
    if unit and info.level == "district" and (number := UNIT_NUMBER.match(text, at, end)):
        # a numbered district: "Quận ủy Quận 1" (Hồ Chí Minh City numbers its districts)
        name = f"{text[pos : unit.end()].strip().title()} {number.group()}"
        return _with_term(text, low, start, number.end(), replace(info, district=name), end)
    if (
        info.level == "commune"
        and (number := UNIT_NUMBER.match(text, at, end))
        and _COMMUNE_WORD.search(low, start, pos)
    ):
        # a numbered ward: "Đảng ủy phường 12", "Đảng ủy phường 1 Bảo Lộc" (not "... 12 Quận 3")
        after = number.end()
        words = after if _unit_word(text, low, after, end) else place_name_end(text, after, end)
        name = text[at:words]
        name = name.title() if name.isupper() else name
        return _with_term(text, low, start, words, replace(info, district=name), end)
    if at >= end or not text[at].isupper():
        return _with_term(text, low, start, pos, info, end)
    city = info.key.endswith("thanh-uy") or info.key == "thanh-uy"
    province = tables.province_pattern.match(low, at, end)
    if province and (info.level == "province" or city):
        name = tables.provinces[squash(province.group())]
        if city and name not in tables.central_cities:
            info = replace(info, level="district", district=name, parent=info.parent or "tinh-uy")
        else:
            info = replace(info, province=name)
        return _with_term(text, low, start, province.end(), info, end)
    if info.level == "province" and not city:
        return _with_term(text, low, start, pos, info, end)
    name_end = place_name_end(text, at, end)
    name = text[at:name_end]
    name = name.title() if name.isupper() else name  # "HUYỆN ỦY ĐỨC THỌ" -> "Đức Thọ"
    level = "commune" if info.level == "commune" else "district"
    info = replace(info, level=level, district=name) if name else info
    return _with_term(text, low, start, name_end if name else pos, info, end)


def _unit_word(text: str, low: str, pos: int, end: int) -> re.Match[str] | None:
    """A unit word at ``pos`` ("tỉnh", "huyện", "Thành phố" ...), written with its marks: "Thị ủy Tịnh Biên"
    names the thị xã Tịnh Biên, not a "tỉnh Biên"."""
    unit = _UNIT.match(low, pos, end)
    if unit is None or " ".join(text[unit.start() : unit.end()].lower().split()) not in _UNIT_WORDS:
        return None
    return unit


def place_name_end(text: str, at: int, end: int) -> int:
    """End of a capitalised name of up to four words ("Đức Thọ", "Kỳ Anh", "Cư M'gar", "Ia H' Drai"); an
    apostrophe the name does not go on after is a closing quote ("Huyện ủy Đức Thọ' về")."""
    pos = at
    for _ in range(4):
        m = _NAME_WORD.match(text, pos, end)
        if not m or not m.group(1)[:1].isupper():
            break
        pos = m.end()
    if pos > at and text[pos - 1] in "'’":
        return pos - 1
    number = _NAME_NUMBER.match(text, pos, end) if pos > at else None
    return number.end() if number else pos


def _with_term(text: str, low: str, start: int, pos: int, info: BodyInfo, end: int) -> BodyMatch:
    m = TERM_AFTER.match(low, pos, end)
    if m:
        return BodyMatch(start, m.end(), info, None, m.group("term").upper())
    return BodyMatch(start, pos, info)


@lru_cache(maxsize=4096)  # labels repeat ("T/M BAN THƯỜNG VỤ"); BodyInfo is frozen
def resolve_body(label: str) -> BodyInfo | None:
    """The body a label names: "BCH Trung ương", "Ban Thường vụ Tỉnh ủy Hà Tĩnh", "T/M BỘ CHÍNH TRỊ" ..."""
    text = nfc(label).strip()
    low = ascii_view(match_view(text))
    lead = _LEAD.match(low)
    found = match_body(text, low, lead.end() if lead else 0)
    return found.info if found else None


def body_label(info: BodyInfo) -> str:
    """The label of a body with its place: "Ban Thường vụ Tỉnh ủy Hà Tĩnh", "Bộ Chính trị"."""
    place = info.province if info.level == "province" else info.district
    return f"{info.vi} {place}" if place else info.vi


def body_for_code(code: str | None) -> BodyInfo | None:
    """The central body an issuer code names on its own (BTCTW, VPTW ...); None for shared codes (TW, TU)."""
    if not code:
        return None
    return _central_by_code().get(code)


@cache
def _central_by_code() -> dict[str, BodyInfo]:
    """The central bodies by their issuer code, for the codes exactly one of them has."""
    found: dict[str, list[BodyInfo]] = {}
    for b in _tables().by_key.values():
        if b.level == "central" and b.code:
            found.setdefault(b.code, []).append(b)
    return {code: bodies[0] for code, bodies in found.items() if len(bodies) == 1}


def code_agrees(info: BodyInfo, code: str | None) -> bool:
    """Whether a printed issuer code fits a body: TW for the Politburo, TU for a provincial standing board,
    QH15 for the National Assembly (State codes carry the legislature's number)."""
    if not code or not info.code:
        return True
    first = code.split("-")[0]
    if info.level == "central":
        return first == info.code or (info.key in _STATE_KEYS and first.rstrip("0123456789") == info.code)
    return first == info.code or first.endswith(info.code)


@lru_cache(maxsize=4096)  # capital lines repeat ("CHÁNH VĂN PHÒNG")
def proper_case(view_text: str) -> str:
    """A line in capitals in sentence case, titles and proper names restored: "CHÁNH VĂN PHÒNG" ->
    "Chánh Văn phòng"; numbers, terms and the type word before a number keep theirs:
    "NGHỊ QUYẾT SỐ 18-NQ/TW ... KHÓA XII" -> "Nghị quyết số 18-NQ/TW ... khóa XII"."""
    tables = _tables()
    words, previous = [], ""
    for word in match_view(nfc(view_text)).split():
        keep = any(c.isdigit() for c in word) or (previous in ("khóa", "khoá") and _ROMAN.fullmatch(word))
        words.append(word if keep else word.lower())
        previous = words[-1]
    cased = tables.capitals_pattern.sub(lambda m: tables.capitals.get(m.group(), m.group()), " ".join(words))
    cased = tables.numbered_type_pattern.sub(lambda m: m.group()[:1].upper() + m.group()[1:], cased)
    return cased[:1].upper() + cased[1:]
