"""Locality mentions: provinces, districts and communes a text names, resolved to official codes.

Patterns run on the match view (same length as the NFC text), so every offset is an offset in the text.
Three ways a text names a place:

- a **prefixed** name: a type word or a Party committee word, then the capitalised name: "tỉnh Hà Tĩnh",
  "Huyện ủy Kỳ Anh", "TỈNH ỦY ĐIỆN BIÊN", "thị xã Kỳ Anh". The prefix decides the unit type: huyện Kỳ Anh
  (447) and thị xã Kỳ Anh (449) are different units; "Huyện ủy" means a huyện. The span covers prefix and
  name ("Huyện ủy Kỳ Anh"). A title-case name followed by another capitalised word is part of a longer name
  and is skipped ("tỉnh Hà Nam Ninh", a province of 1976-1991, is not Hà Nam). After a plural ("các
  huyện Đức Thọ, Kỳ Anh và Can Lộc", "các xã: Tùng Ảnh, Đức Lạng") every listed name of that type counts,
  up to the first that is none;
- the **place-date line**, ending its line: "Hà Nội, ngày 07 tháng 7 năm 2022", or a draft's with a blank
  day "Phú Lý, ngày     tháng 8 năm 2025" (role: place of issue); the same words inside a sentence are only
  a mention. A name the lines above give with a committee or type word is that unit: under "HUYỆN ỦY
  HÒA BÌNH" (Bạc Liêu), "Hòa Bình, ngày ..." is the district, not the province Hòa Bình. Otherwise the
  province is tried first, and a level that spells the name exactly wins: the commune Phú Lý, not the city
  Phủ Lý;
- a **bare province name** in running text ("Hà Tĩnh", "TP.HCM", "Đăk Lăk"), only when it is not part of a
  longer proper name (a capitalised word right before it, other than a preposition such as "Tại", or right
  after it: "Nguyễn Thái Bình", "Thái Bình Dương", "Hà Nội Mới") nor of a named non-state organisation
  ("Đại học Quốc gia Hà Nội", "Báo Hà Tĩnh"). A prefixed name inside an organisation ("Sở Nội vụ tỉnh
  Hà Tĩnh") still counts: it names the province. Names listed ``not_bare`` in aliases.yaml ("Hồ Chí Minh",
  the person) are never matched bare.

Roles, strongest first: issuer's province (a provincial committee as the text's issuer: "Thay mặt Ban
Thường vụ Tỉnh ủy Hà Tĩnh", or a header line "TỈNH ỦY HÀ TĨNH" near the top, alone or as the left column of
a flattened header), place of issue, received the copy (the line above an incoming stamp's "ĐẾN"), assigned
a task (a committee followed by its verb, that opens a numbered or bulleted instruction: "2.3. Ban Thường
vụ Huyện ủy Đức Thọ xây dựng đề án ...", or follows a verb giving it the task, wherever it stands: "Kế
hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo ...", "Đồng ý để Huyện ủy Gio Linh thực hiện ..."; not
a headline "Tỉnh ủy Lào Cai cụ thể hóa ..."), mentioned. One mention per distinct place, with every span,
in order of first mention.

Editions: the list valid at ``date`` (graph.localities.edition_for). After the reform a name missing from
the new list (any district; an old province) resolves in the pre-reform list, and ``edition`` says so.
Without a date, the first list in which the name is found, pre-reform first. Districts and communes are
disambiguated by the provinces (and districts) the same text names; a name still ambiguous keeps
``code=None``.

Speed: patterns are located before they are tried (first letters scanned by the regex engine in C, a
dict of first words for the province names); tests/test_extract_localities.py checks each shortcut
against the plain ``finditer`` it stands for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from graph.extract.locality_roles import WINDOW, Hit, assign_roles, line_around
from graph.localities import (
    POST_REFORM,
    PRE_REFORM,
    UPGRADED_TYPES,
    Gazetteer,
    Place,
    edition_for,
    gazetteer,
    name_key,
)
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
_PREFIX_WORDS = (
    *("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "thị xã", "thị trấn", "thành phố", r"tp\.?"),
    *("tỉnh", "huyện", "quận", "xã", "phường", "đặc khu"),
)
_PREFIXED = re.compile(rf"(?<!\w)(?P<prefix>{'|'.join(_PREFIX_WORDS)})(?=:?[ \t]+\w)", re.IGNORECASE)
# The words every prefix opens with, in lower case: ``str.find`` locates them on the lower-cased view far
# faster than a regex tries the alternation at every "t" and "h", and _PREFIXED confirms each place found
# (see _located).
_PREFIX_OPENERS = ("tỉnh", "thành", "huyện", "quận", "thị", "tp", "xã", "phường", "đặc khu")
# One word of a name, after a space or a hyphen; an apostrophe may end a word that another follows. Example
# lines: " Đức Thọ", " Bà Rịa - Vũng Tàu", " Cư M'gar", " Ia H' Drai".
_NAME_WORD = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*)(\w+(?:['’](?:\w+|(?=[ \t]+\w)))*)")
_MAX_WORDS = 5
# A plural before a prefix word: a list of names may follow. Example lines: "các huyện Đức Thọ, Kỳ Anh",
# "các xã: Tùng Ảnh, Đức Lạng", "những xã Đức Lạng và Đức Đồng".
_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:các|những)[ \t]+$")
# Between two names of such a list; a name follows. Example lines: ", ", ", và ", " và ", "; ".
_LIST_SEP = re.compile(r"[ \t]*(?:,(?:[ \t]+và)?|;|[ \t]và)(?=[ \t]+\w)")
# What each prefix may name, tried in order: (level, unit types or None for any).
_OPTIONS: dict[str, tuple[tuple[str, frozenset[str] | None], ...]] = {
    "tỉnh": (("province", None),),
    "thành phố": (("province", frozenset({"thành phố trung ương"})), ("district", frozenset({"thành phố"}))),
    # then what the unit may have become since (graph.localities.UPGRADED_TYPES): "huyện Thuận Thành" (2018)
    "huyện": (("district", frozenset({"huyện"})), ("district", UPGRADED_TYPES["huyện"])),
    "quận": (("district", frozenset({"quận"})),),
    "thị xã": (("district", frozenset({"thị xã"})), ("district", UPGRADED_TYPES["thị xã"])),
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
# line). A draft leaves the day (or the day and the month) blank or dotted. Example lines: "Hà Nội, ngày 07
# tháng 7 năm 2022", "Số 16-TB/TW      Hà Tĩnh, ngày 10/8/2022", "Phú Lý, ngày     tháng 8 năm 2025".
_DAY_OR_BLANK = r"(?:(?:\d{1,2}|[.…_]+)[ \t]+)?"
_PLACE_DATE = re.compile(
    r"(?:^[ \t]*|[ \t]{2,}|\t)(?P<place>\w[\w.' \t-]{0,40}?),[ \t]*ngày[ \t]+"
    rf"(?:{_DAY_OR_BLANK}tháng[ \t]+{_DAY_OR_BLANK}năm[ \t]+|\d{{1,2}}[/.-]\d{{1,2}}[/.-])\d{{4}}[ \t.]*$",
    re.MULTILINE | re.IGNORECASE,
)
# What every match of _PLACE_DATE holds, in lower case: a line without it is not searched (the search tries
# every letter of the line as the start of the place name). Example line: "Hà Nội, ngày 07 tháng 7 năm 2022".
_PLACE_DATE_CUE = re.compile(r",[ \t]*ngày[ \t]")
# The word just before a name, and the word just after. Example line: "đồng chí Nguyễn Thái Bình phát biểu".
_LAST_WORD = re.compile(r"(\w+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
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
    low = view.replace("\u0130", "i").lower()  # same length: "İ" is the one letter lowered to two
    hits: list[Hit] = []
    taken = bytearray(len(view))  # 1 where a kept hit already covers the text: the first way found wins
    prefixed = _prefixed(view, low, lo, hi, gaz, order)
    for hit in (
        _place_dates(view, low, lo, hi, gaz, order, prefixed) + prefixed + _bare(view, lo, hi, gaz, order)
    ):
        if not any(taken[hit.start : hit.end]):
            hits.append(hit)
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    assign_roles(view, lo, hi, hits)
    return _group(text, hits)


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return name_key(name)


@functools.lru_cache(maxsize=4096)
def _lookup(
    gaz: Gazetteer,
    name: str,
    order: tuple[str, ...],
    level: str,
    types: frozenset[str] | None = None,
    exact: bool = False,
) -> tuple[Place, ...]:
    for edition in order:
        found = gaz.lookup(name, level=level, edition=edition, types=types, exact=exact)
        if found:
            return tuple(found)
    return ()


def _prefixed(view: str, low: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]) -> list[Hit]:
    hits: list[Hit] = []
    for match in _located(_PREFIXED, _PREFIX_OPENERS, view, low, lo, hi):
        # "các huyện Đức Thọ, Kỳ Anh và Can Lộc", "các xã: Tùng Ảnh, Đức Lạng": every name of the list
        plural = _PLURAL_BEFORE.search(low, max(lo, match.start() - 8), match.start()) is not None
        pos = match.end() + 1 if plural and view.startswith(":", match.end()) else match.end()
        # One space, then a lower-case word ("xã hội", "tỉnh táo", most prefix words): the loop below would
        # read no name. The pattern's look-ahead puts a space and a word character after the prefix, in the
        # region.
        if view[pos + 1].islower():
            continue
        prefix = " ".join(match.group("prefix").lower().split())
        committee = prefix in _COMMITTEE
        prefix = "thành phố" if prefix.startswith("tp") else _COMMITTEE.get(prefix, prefix)
        start = match.start()
        while (named := _named(view, pos, hi, gaz, order, prefix)) is not None:
            end, found = named
            if found:
                hits.append(Hit(start, end, found, committee, prefixed=True))
            more = _LIST_SEP.match(view, end, hi) if plural and found else None
            if more is None:
                break
            start = pos = more.end()
            while start < hi and view[start] in " \t":
                start += 1
    return hits


def _named(
    view: str, pos: int, hi: int, gaz: Gazetteer, order: tuple[str, ...], prefix: str
) -> tuple[int, tuple[Place, ...]] | None:
    """The capitalised name at ``pos`` (after a prefix word) and the places it may be, longest name first:
    (its end, the places; none when no length of it is a place); None when no capitalised word stands
    there ("xã hội", "tỉnh táo")."""
    begin = pos
    ends: list[int] = []
    while len(ends) < _MAX_WORDS and (word := _NAME_WORD.match(view, pos, hi)):
        if not (word.group(1)[0].isupper() or word.group(1).isdigit()):
            break
        ends.append(pos := word.end())
    if not ends:
        return None
    for i in reversed(range(len(ends))):
        name = view[begin : ends[i]].strip()
        found = next(
            (f for level, types in _OPTIONS[prefix] if (f := _lookup(gaz, name, order, level, types))), ()
        )
        # a capitalised word right after the name continues a longer name: "tỉnh Hà Nam Ninh" (1976-1991)
        longer = i + 1 < len(ends) and "-" not in view[ends[i] : ends[i + 1]] and not name.isupper()
        if found:
            return ends[i], () if longer else found
    return ends[-1], ()


def _located(
    pattern: re.Pattern[str], openers: tuple[str, ...], view: str, low: str, lo: int, hi: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(view, lo, hi)``, tried only where one of ``openers`` stands in ``low``.

    ``pattern`` is case-insensitive and never matches empty; every match opens with one of ``openers`` (in
    lower case); ``low`` is the view in lower case, of the same length.
    """
    places = set()
    for word in openers:
        at = low.find(word, lo, hi)
        while at >= 0:
            places.add(at)
            at = low.find(word, at + 1, hi)
    pos = lo
    for at in sorted(places):
        if at >= pos and (match := pattern.match(view, at, hi)):
            yield match
            pos = match.end()


def _place_date_lines(view: str, low: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """``_PLACE_DATE.finditer(view, lo, hi)``, run only on the lines that say "ngày" (``low``: lower case).

    A match never leaves its line and a line holds at most one, so searching line by line finds the same.
    """
    pos = lo
    while (day := low.find("ngày", pos, hi)) >= 0:
        start = max(lo, view.rfind("\n", lo, day) + 1)
        end = view.find("\n", day, hi)
        end = hi if end < 0 else end
        if _PLACE_DATE_CUE.search(low, start, end) and (match := _PLACE_DATE.search(view, start, end)):
            yield match
        pos = end + 1


def _place_of_issue(
    gaz: Gazetteer, name: str, order: tuple[str, ...], before: Sequence[Hit] = ()
) -> tuple[Place, ...]:
    """The places named so: the unit of the nearest of ``before`` (the prefixed names above the line)
    that has the same name, else the first level that has one, a level that spells the name exactly first.

    A committee dates its texts from its own seat: under "HUYỆN ỦY HÒA BÌNH" (Bạc Liêu), "Hòa Bình, ngày
    ..." is that district, not the province Hòa Bình; under "ĐẢNG ỦY XÃ NGUYÊN BÌNH" (2026), the commune, not
    the former district. Example line: "Phú Lý, ngày     tháng 8 năm 2025": the commune Phú Lý, not the
    city Phủ Lý.
    """
    key = _key(name)
    for hit in reversed(before):
        if _key(hit.candidates[0].name) == key:
            return hit.candidates
    for exact in (True, False):
        for level in ("province", "district", "commune"):
            if found := _lookup(gaz, name, order, level, None, exact):
                return found
    return ()


def _place_dates(
    view: str, low: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...], prefixed: Sequence[Hit]
) -> list[Hit]:
    """Place-date lines, each resolved by :func:`_place_of_issue` (``prefixed``: the prefixed names of
    the region, in text order)."""
    hits = []
    for match in _place_date_lines(view, low, lo, hi):
        name = match.group("place").strip()
        found = _place_of_issue(gaz, name, order, [h for h in prefixed if h.end <= match.start("place")])
        if found:
            start = match.start("place") + len(match.group("place")) - len(match.group("place").lstrip())
            hits.append(Hit(start, start + len(name), found, roles={"place of issue"}))
    return hits


@functools.cache
def _bare_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """Province names and their aliases as written (title and upper case), by their first word.

    A form matches where its first word is a whole word of the text ("Thái" of "Thái Bình"): the pattern
    finds those words (an alternation of literals: the engine scans for their first letters at C speed),
    and the dict gives the forms opening with each, longest first (the longest form wins).
    """
    gaz = gazetteer()
    names = {p.name for ed in gaz.editions for p in gaz.places(ed.id, "province")} | set(gaz.alias_names)
    names = {n for n in names if _key(n) not in gaz.not_bare}
    forms = {f for n in names for f in (match_view(nfc(n)), match_view(nfc(n)).upper())}
    by_word: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        by_word.setdefault(re.split(r"\W", form, maxsplit=1)[0], []).append(form)  # "Thừa" of "Thừa Thiên"
    return re.compile(rf"{_trie(list(by_word))}(?!\w)"), {word: tuple(f) for word, f in by_word.items()}


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` with their common openings factored out: "Hà|Hải|Hưng" ->
    "H(?:à|ải|ưng)". The regex engine tries the alternatives of a group one by one; factored, it tries only
    the few that share the letters already read. Followed by ``(?!\\w)``, at most one word of the plain
    alternation can match at a place (a word that is a prefix of another ends inside it), so the order of
    the alternatives does not change what is found.

    >>> _trie(["Hà", "Hải", "Hưng", "Huế", "Huy"])
    'H(?:u(?:y|ế)|à|ưng|ải)'
    >>> _trie(["A", "AB", "ABC", "Ax", "Axy"])
    'A(?:BC?|xy?)?'
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        tail = [r for r in rests if r]
        if not tail:
            parts.append(re.escape(first))
            continue
        inner = _trie(tail)
        if len(tail) < len(rests):  # a word ends here too
            one_letter = len(tail) == 1 and len(tail[0]) == 1
            grouped = len({r[:1] for r in tail}) > 1  # _trie returned "(?:...|...)"
            inner = f"{inner}?" if one_letter or grouped else f"(?:{inner})?"
        parts.append(re.escape(first) + inner)
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches: a letter, a digit or an underscore."""
    return char.isalnum() or char == "_"


def _bare_names(view: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each bare province name, as ``(?<!\\w)(?:form|...)(?!\\w)`` would find them.

    Example line: "Làm việc với Thừa Thiên - Huế": "Thừa" opens "Thừa Thiên - Huế", found whole.
    """
    first_words, forms = _bare_index()
    found: list[tuple[int, int]] = []
    pos = lo
    while (word := first_words.search(view, pos, hi)) is not None:
        start, pos = word.start(), word.end()
        if start > 0 and _is_word_char(view[start - 1]):  # inside a longer word: so is all of it
            continue
        for form in forms[word.group(0)]:
            end = start + len(form)
            if end <= hi and view.startswith(form, start) and (end == hi or not _is_word_char(view[end])):
                found.append((start, end))
                pos = end
                break
    return found


def _bare(view: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]) -> list[Hit]:
    hits = []
    for start, end in _bare_names(view, lo, hi):
        if _inside_longer_name(view, start, end, lo, hi):
            continue
        found = _lookup(gaz, view[start:end], order, "province")
        if found:
            hits.append(Hit(start, end, found))
    return hits


def _inside_longer_name(view: str, start: int, end: int, lo: int, hi: int) -> bool:
    line_start, _ = line_around(view, start, lo, hi)
    before = view[max(line_start, start - WINDOW) : start]
    if _ORGANISATION.search(before):
        return True
    previous = _LAST_WORD.search(before)
    if previous and previous.group(1)[0].isupper() and previous.group(1).lower() not in _LEAD_INS:
        return True
    following = _NEXT_WORD.match(view, end, hi)
    return bool(following and following.group(1)[0].isupper())


def _choose(hit: Hit, provinces: set[str], districts: set[str]) -> Place | None:
    found: Sequence[Place] = hit.candidates
    for names, attribute in ((provinces, "province_name"), (districts, "parent_name")):
        narrowed = [p for p in found if _key(getattr(p, attribute) or "") in names]
        found = narrowed or found
    return found[0] if len(found) == 1 else None


def _group(text: str, hits: list[Hit]) -> tuple[LocalityMention, ...]:
    hits.sort(key=lambda h: h.start)
    provinces = {_key(h.candidates[0].name) for h in hits if h.candidates[0].level == "province"}
    chosen = [_choose(h, provinces, set()) for h in hits]
    districts = {_key(p.name) for p in chosen if p is not None and p.level == "district"}
    grouped: dict[tuple[str | None, str, str], tuple[Place | None, str, list[Hit]]] = {}
    for hit in hits:
        place = _choose(hit, provinces, districts)
        level = hit.candidates[0].level
        key = (place.edition, level, place.code) if place else (None, level, _key(hit.candidates[0].name))
        grouped.setdefault(key, (place, hit.candidates[0].label, []))[2].append(hit)
    mentions = []
    for place, name, group in grouped.values():
        roles = {r for h in group for r in h.roles} or {"mentioned"}
        level = group[0].candidates[0].level
        parents = {p.province_name for h in group for p in h.candidates}  # known when all share one
        parent = place.province_name if place else (parents.pop() if len(parents) == 1 else None)
        mentions.append(
            LocalityMention(
                name=place.label if place else name,
                level=level,
                code=place.code if place else None,
                edition=place.edition if place else None,
                parent=None if level == "province" else parent,
                role=min(roles, key=ROLES.index),
                mentions=tuple(Span(h.start, h.end, text[h.start : h.end]) for h in group),
            )
        )
    return tuple(mentions)
