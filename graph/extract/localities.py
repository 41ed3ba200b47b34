"""Locality mentions: provinces, districts and communes a text names, resolved to official codes.

Patterns run on the match view (same length as the NFC text), so every offset is an offset in the text.
Three ways a text names a place:

- a **prefixed** name: a type word or a Party committee word, then the capitalised name: "tỉnh Hà Tĩnh",
  "Huyện ủy Kỳ Anh", "TỈNH ỦY ĐIỆN BIÊN", "thị xã Kỳ Anh". The prefix decides the unit type: huyện Kỳ Anh
  (447) and thị xã Kỳ Anh (449) are different units; "Huyện ủy" means a huyện. The span covers prefix and
  name ("Huyện ủy Kỳ Anh"). A title-case name followed by another capitalised word is part of a longer name
  and is skipped ("tỉnh Hà Nam Ninh", a province of 1976-1991, is not Hà Nam);
- the **place-date line**, ending its line: "Hà Nội, ngày 07 tháng 7 năm 2022" (role: place of issue); the
  same words inside a sentence are only a mention;
- a **bare province name** in running text ("Hà Tĩnh", "TP.HCM", "Đăk Lăk"), only when it is not part of a
  longer proper name (a capitalised word right before it, other than a preposition such as "Tại", or right
  after it: "Nguyễn Thái Bình", "Thái Bình Dương", "Hà Nội Mới") nor of a named non-state organisation
  ("Đại học Quốc gia Hà Nội", "Báo Hà Tĩnh"). A prefixed name inside an organisation ("Sở Nội vụ tỉnh
  Hà Tĩnh") still counts: it names the province. Names listed ``not_bare`` in aliases.yaml ("Hồ Chí Minh",
  the person) are never matched bare.

Roles, strongest first: issuer's province (a provincial committee as the text's issuer: "Thay mặt Ban
Thường vụ Tỉnh ủy Hà Tĩnh", or a header line "TỈNH ỦY HÀ TĨNH" near the top), place of issue, received the
copy (the line above an incoming stamp's "ĐẾN"), assigned a task (a committee that opens an instruction
and is followed by its verb: "2.3. Ban Thường vụ Huyện ủy Đức Thọ xây dựng đề án ...", "Giao Huyện ủy Kỳ
Anh chủ trì"), mentioned. One mention per distinct place, with every span, in order of first mention.

Editions: the list valid at ``date`` (graph.localities.edition_for). After the reform a name missing from
the new list (any district; an old province) resolves in the pre-reform list, and ``edition`` says so.
Without a date, the first list in which the name is found, pre-reform first. Districts and communes are
disambiguated by the provinces (and districts) the same text names; a name still ambiguous keeps
``code=None``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from graph.localities import POST_REFORM, PRE_REFORM, Gazetteer, Place, edition_for, gazetteer, name_key
from graph.model import LocalityMention, Span
from graph.text import match_view, nfc

__all__ = ["ROLES", "find_localities"]

#: Roles, strongest first: a place named several ways keeps the strongest.
ROLES: tuple[str, ...] = (
    "issuer's province",
    "place of issue",
    "received the copy",
    "assigned a task",
    "mentioned",
)

# A type word or a committee word before a name. Example lines: "Ban Thường vụ Huyện ủy Đức Thọ xây dựng",
# "VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN", "thị xã Kỳ Anh", "UBND TP. Hồ Chí Minh".
_PREFIXED = re.compile(
    r"(?<!\w)(?P<prefix>tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|thị xã|thị trấn|thành phố|tp\.?|tỉnh|huyện"
    r"|quận|xã|phường|đặc khu)(?=[ \t]+\w)",
    re.IGNORECASE,
)
# One word of a name, after a space or a hyphen. Example lines: " Đức Thọ", " Bà Rịa - Vũng Tàu", " Cư M'gar".
_NAME_WORD = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*)(\w+(?:['’]\w+)*)")
_MAX_WORDS = 5
# What each prefix may name, tried in order: (level, unit types or None for any).
_OPTIONS: dict[str, tuple[tuple[str, frozenset[str] | None], ...]] = {
    "tỉnh": (("province", None),),
    "thành phố": (("province", frozenset({"thành phố trung ương"})), ("district", frozenset({"thành phố"}))),
    "huyện": (("district", frozenset({"huyện"})),),
    "quận": (("district", frozenset({"quận"})),),
    "thị xã": (("district", frozenset({"thị xã"})),),
    "xã": (("commune", frozenset({"xã"})),),
    "phường": (("commune", frozenset({"phường"})),),
    "thị trấn": (("commune", frozenset({"thị trấn"})),),
    "đặc khu": (("commune", frozenset({"đặc khu"})),),
}
_COMMITTEE = {
    "tỉnh ủy": "tỉnh",
    "thành ủy": "thành phố",
    "huyện ủy": "huyện",
    "quận ủy": "quận",
    "thị ủy": "thị xã",
}

# The place-date line, ending its line; it opens the line or follows a wide gap (a header flattened onto one
# line). Example lines: "Hà Nội, ngày 07 tháng 7 năm 2022", "Số 16-TB/TW      Hà Tĩnh, ngày 10/8/2022".
_PLACE_DATE = re.compile(
    r"(?:^[ \t]*|[ \t]{2,}|\t)(?P<place>\w[\w.' \t-]{0,40}?),[ \t]*"
    r"ngày[ \t]+\d{1,2}(?:[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+|[/.-]\d{1,2}[/.-])\d{4}[ \t.]*$",
    re.MULTILINE | re.IGNORECASE,
)
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
_HEADER_LINES = 12
_WINDOW = 120  # how far around a name the role and context patterns look
# The word just before a name, and the word just after. Example line: "đồng chí Nguyễn Thái Bình phát biểu".
_LAST_WORD = re.compile(r"(\w+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_NEXT_CLAUSE_WORD = re.compile(r"[ \t,]+(\w+)")
# A committee opening an instruction (point number, bullet, or "Giao"), right before it. Example line:
# "2.3. Ban Thường vụ Huyện ủy Đức Thọ xây dựng đề án chia tách ...", "- Giao Huyện ủy Kỳ Anh chủ trì".
_TASK_OPENING = re.compile(
    r"[ \t]*(?:(?:\d+(?:\.\d+)*[.)]?|[IVX]+\.|[a-zđ]\)|\(\d+\)|[-+•*])[ \t]*)?(?:(?:giao|yêu cầu|đề nghị)"
    r"(?:[ \t]+cho)?[ \t]+)?(?:(?:ban thường vụ|thường trực|ban chấp hành)[ \t]+)?",
    re.IGNORECASE,
)
# A named non-state organisation whose name ends with a province name. Example lines: "Đại học Quốc gia Hà
# Nội", "Ngân hàng TMCP Sài Gòn - Hà Nội", "Báo Hà Tĩnh".
_ORGANISATION = re.compile(
    r"(?:(?:Đại học|Học viện|Trường(?! hợp)|Bệnh viện|Ngân hàng|Công ty|Tập đoàn|Nhà xuất bản|Câu lạc bộ)"
    r"(?:[ \t]+[^\s,.;:()]+){0,5}|Báo|Đài|Tạp chí)[ \t]+$",
)
# Capitalised words that may precede a bare name without making it part of a longer proper name:
# prepositions that open a sentence ("Tại Hà Nội") and the province's own state bodies ("UBND Hà Tĩnh").
_LEAD_INS = frozenset(
    "tại ở về từ đến tới cho với và của như gồm thuộc trên sang vào ra cùng là nay ubnd hđnd mttq".split()  # noqa: SIM905
)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    candidates: list[Place]
    committee: bool = False  # "Huyện ủy Kỳ Anh", not "huyện Kỳ Anh"
    prefixed: bool = False
    roles: set[str] = field(default_factory=set)


def find_localities(
    text: str, view: str, *, date: str | None, region: tuple[int, int] | None = None
) -> tuple[LocalityMention, ...]:
    """Places named in ``text`` (NFC) found on ``view`` (its match view), within ``region`` if given."""
    if len(view) != len(text):
        raise ValueError("find_localities: view must be graph.text.match_view(text), of the same length")
    gaz = gazetteer()
    lo, hi = region if region is not None else (0, len(text))
    first = edition_for(date)
    order = (first, PRE_REFORM) if first == POST_REFORM else (first,) if first else (PRE_REFORM, POST_REFORM)
    hits: list[_Hit] = []
    taken = bytearray(len(view))  # 1 where a kept hit already covers the text: the first way found wins
    for hit in (
        _place_dates(view, lo, hi, gaz, order)
        + _prefixed(view, lo, hi, gaz, order)
        + _bare(view, lo, hi, gaz, order)
    ):
        if not any(taken[hit.start : hit.end]):
            hits.append(hit)
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    _assign_roles(view, lo, hi, hits)
    return _group(text, hits)


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return name_key(name)


def _lookup(
    gaz: Gazetteer, name: str, order: tuple[str, ...], level: str, types: frozenset[str] | None
) -> list[Place]:
    return list(_lookup_cached(gaz, name, order, level, types))


@functools.lru_cache(maxsize=4096)
def _lookup_cached(
    gaz: Gazetteer, name: str, order: tuple[str, ...], level: str, types: frozenset[str] | None
) -> tuple[Place, ...]:
    for edition in order:
        found = gaz.lookup(name, level=level, edition=edition, types=types)
        if found:
            return tuple(found)
    return ()


def _prefixed(view: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]) -> list[_Hit]:
    hits: list[_Hit] = []
    for match in _PREFIXED.finditer(view, lo, hi):
        prefix = " ".join(match.group("prefix").lower().split())
        committee = prefix in _COMMITTEE
        prefix = "thành phố" if prefix.startswith("tp") else _COMMITTEE.get(prefix, prefix)
        ends: list[int] = []
        pos = match.end()
        while len(ends) < _MAX_WORDS and (word := _NAME_WORD.match(view, pos, hi)):
            if not (word.group(1)[0].isupper() or word.group(1).isdigit()):
                break
            ends.append(pos := word.end())
        for i in reversed(range(len(ends))):
            name = view[match.end() : ends[i]].strip()
            found = next(
                (f for level, types in _OPTIONS[prefix] if (f := _lookup(gaz, name, order, level, types))), []
            )
            # a capitalised word right after the name continues a longer name: "tỉnh Hà Nam Ninh" (1976-1991)
            longer = i + 1 < len(ends) and "-" not in view[ends[i] : ends[i + 1]] and not name.isupper()
            if found and not longer:
                hits.append(_Hit(match.start(), ends[i], found, committee, prefixed=True))
            if found:
                break
    return hits


def _place_dates(view: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]) -> list[_Hit]:
    hits = []
    for match in _PLACE_DATE.finditer(view, lo, hi):
        name = match.group("place").strip()
        found = next(
            (
                f
                for level in ("province", "district", "commune")
                if (f := _lookup(gaz, name, order, level, None))
            ),
            [],
        )
        if found:
            start = match.start("place") + len(match.group("place")) - len(match.group("place").lstrip())
            hits.append(_Hit(start, start + len(name), found, roles={"place of issue"}))
    return hits


@functools.cache
def _bare_pattern() -> re.Pattern[str]:
    """Province names and their aliases as written (title and upper case), longest first."""
    gaz = gazetteer()
    names = {p.name for ed in gaz.editions for p in gaz.places(ed.id, "province")} | set(gaz.alias_names)
    names = {n for n in names if _key(n) not in gaz.not_bare}
    forms = {f for n in names for f in (_tone_folded(n), _tone_folded(n).upper())}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _tone_folded(name: str) -> str:
    return match_view(nfc(name))


def _bare(view: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]) -> list[_Hit]:
    hits = []
    for match in _bare_pattern().finditer(view, lo, hi):
        if _inside_longer_name(view, match.start(), match.end(), lo, hi):
            continue
        found = _lookup(gaz, match.group(0), order, "province", None)
        if found:
            hits.append(_Hit(match.start(), match.end(), found))
    return hits


def _inside_longer_name(view: str, start: int, end: int, lo: int, hi: int) -> bool:
    line_start, _ = _line(view, start, lo, hi)
    before = view[max(line_start, start - _WINDOW) : start]
    if _ORGANISATION.search(before):
        return True
    previous = _LAST_WORD.search(before)
    if previous and previous.group(1)[0].isupper() and previous.group(1).lower() not in _LEAD_INS:
        return True
    following = _NEXT_WORD.match(view, end, hi)
    return bool(following and following.group(1)[0].isupper())


def _line(view: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The line around ``pos``, clipped to the region and to a window: patterns look at what is near."""
    start = max(view.rfind("\n", max(lo, pos - _WINDOW), pos) + 1, lo, pos - _WINDOW)
    end = view.find("\n", pos, min(hi, pos + _WINDOW))
    return start, min(hi, pos + _WINDOW) if end < 0 else end


def _assign_roles(view: str, lo: int, hi: int, hits: list[_Hit]) -> None:
    stamps = [(m.start("line"), m.end("line")) for m in _STAMP.finditer(view, lo, hi)]
    header_end, seen = lo, 0
    for line in view[lo:hi].split("\n"):
        header_end += len(line) + 1
        seen += bool(line.strip())
        if seen == _HEADER_LINES:
            break
    for hit in hits:
        line_start, line_end = _line(view, hit.start, lo, hi)
        opens_line = line_start == lo or view[line_start - 1] == "\n"
        before = view[line_start : hit.start]
        if any(s <= hit.start < e for s, e in stamps):
            hit.roles.add("received the copy")
            continue
        province = hit.candidates[0].level == "province"
        on_behalf = hit.committee and province and _ON_BEHALF.search(before) is not None
        header = (
            hit.prefixed
            and province
            and hit.end <= header_end
            and view[hit.start : hit.end].isupper()
            and opens_line
            and _HEADER.fullmatch(before) is not None
            and not view[hit.end : line_end].strip()
        )
        if on_behalf or header:
            hit.roles.add("issuer's province")
        following = _NEXT_CLAUSE_WORD.match(view, hit.end, line_end)
        task = hit.committee and opens_line and _TASK_OPENING.fullmatch(before) is not None
        if task and following and following.group(1).islower():
            hit.roles.add("assigned a task")


def _choose(hit: _Hit, provinces: set[str], districts: set[str]) -> Place | None:
    found = hit.candidates
    for names, attribute in ((provinces, "province_name"), (districts, "parent_name")):
        narrowed = [p for p in found if _key(getattr(p, attribute) or "") in names]
        found = narrowed or found
    return found[0] if len(found) == 1 else None


def _group(text: str, hits: list[_Hit]) -> tuple[LocalityMention, ...]:
    hits.sort(key=lambda h: h.start)
    provinces = {_key(h.candidates[0].name) for h in hits if h.candidates[0].level == "province"}
    chosen = [_choose(h, provinces, set()) for h in hits]
    districts = {_key(p.name) for p in chosen if p is not None and p.level == "district"}
    grouped: dict[tuple[str | None, str, str], tuple[Place | None, str, list[_Hit]]] = {}
    for hit in hits:
        place = _choose(hit, provinces, districts)
        level = hit.candidates[0].level
        key = (place.edition, level, place.code) if place else (None, level, _key(hit.candidates[0].name))
        grouped.setdefault(key, (place, hit.candidates[0].name, []))[2].append(hit)
    mentions = []
    for place, name, group in grouped.values():
        roles = {r for h in group for r in h.roles} or {"mentioned"}
        level = group[0].candidates[0].level
        parents = {p.province_name for h in group for p in h.candidates}  # known when all share one
        parent = place.province_name if place else (parents.pop() if len(parents) == 1 else None)
        mentions.append(
            LocalityMention(
                name=place.name if place else name,
                level=level,
                code=place.code if place else None,
                edition=place.edition if place else None,
                parent=None if level == "province" else parent,
                role=min(roles, key=ROLES.index),
                mentions=tuple(Span(h.start, h.end, text[h.start : h.end]) for h in group),
            )
        )
    return tuple(mentions)
