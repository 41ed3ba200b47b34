"""Document numbers: Party numbers "N-TYPE/ISSUER" and State numbers "N/YYYY/TYPE-ISSUER", normalised.

Party numbers print a serial, a type code and an issuer code: ``16-TB/TW``, also written ``16TB/TW``,
``16 - TB/TW``, ``16–TB/TW`` or with an HTML-escaped slash (``16-TB&#x2F;TW``); joint issuers print both
codes (``05-QC/BTCTU-BDVTU``). State numbers put the serial first, then the year and a code with a hyphen
(``22/2019/NQ-HĐND``, ``1234/QĐ-TTg``, ``202/2025/QH15``). Patterns run on the match view, so a look-alike
``Ð`` or an en dash is already folded.

>>> normalise_number("Số: 16 - TB/TW")
'16-TB/TW'
>>> normalise_number("16TB&#x2F;TW")
'16-TB/TW'
>>> normalise_number("Quyết định số 1234/QĐ-TTg")
'1234/QĐ-TTg'
>>> [m.kind for m in find_numbers("Nghị quyết 22/2019/NQ-HĐND và Kết luận số 34-KL/TW")]
['state', 'party']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from graph.doctypes import doc_types
from graph.text import match_view, nfc

__all__ = ["NumberMatch", "find_numbers", "normalise_number"]

# Damaged or variant spellings of codes: type codes without their Đ, the central code with Ư.
_TYPE_FIXES = {"QD": "QĐ", "QDi": "QĐi", "DA": "ĐA"}
_ISSUER_FIXES = {"TƯ": "TW", "T.Ư": "TW"}
# Issuer codes of Party bodies (a State-style number with one of them is a miswritten Party number).
_PARTY_ISSUER = re.compile(r"(?:[A-ZĐ]*(?:TW|TU|HU|QU|ĐU|ĐUK|BCS|ĐĐ))")


def _codes() -> set[str]:
    return {code for row in doc_types() for code in (row.code, *row.printed)} | set(_TYPE_FIXES)


def _type_codes() -> str:
    return "|".join(sorted(_codes(), key=len, reverse=True))


_SLASH = r"\s*(?:/|&#[xX]0*2[fF];|&#0*47;)\s*"
# A Party number after its serial. Example lines: "Số 16-TB/TW", "Thông báo Kết luận số 16TB/TW", "16
# - TB/TW",
# "05-QC/BTCTU-BDVTU", "Quy định số 97-QĐ/TW", "Tờ trình số 175-TTr/BTCTW".
_PARTY_REST = (
    rf"(?:\s*-\s*|\s?)(?P<type>{_type_codes()}){_SLASH}"
    r"(?P<issuer>T\.Ư|[A-ZĐ][A-ZĐƯ0-9]*(?:-[A-ZĐ][A-ZĐƯ0-9]*)*)(?!\w)"
)
# A State number after its serial; a hyphen may stand between spaces, and a legislature's number apart.
# Example lines: "Nghị quyết số 22/2019/NQ-HĐND", "Quyết định số 1234/QĐ-TTg", "Nghị quyết 202/2025/QH15",
# "Nghị định 15/2020/NĐ-CP", "Nghị quyết số 819/NQ – UBTVQH 14".
_STATE_REST = (
    r"\s*/\s*(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?"
    r"(?P<code>[A-ZĐ][A-Za-zĐđ0-9]*(?:[ \t]*-[ \t]*[A-ZĐ][A-Za-zĐđ0-9]*)*"
    r"(?:(?<=QH)[ \t]\d{2}(?!\d))?)(?![\w/])"
)
# What may follow a serial: a space, a hyphen or a slash, or the first letter of a type code ("16TB/TW").
# The look-ahead fails at once inside a longer figure ("2022", "07/8/2018" at its "0"), where the two rests
# would be tried in vain for every length of the serial.
_AFTER_SERIAL = rf"(?=[\s/\-{re.escape(''.join(sorted({code[0] for code in _codes()})))}])"
# A number: a serial, then the rest of a Party or a State number. The pattern opens with a digit so that
# the regex engine skips to digits; what may stand before the serial is checked on each match.
NUMBER = re.compile(rf"(?P<serial>\d{{1,5}}){_AFTER_SERIAL}(?:{_PARTY_REST}|{_STATE_REST})")
_BEFORE_SERIAL = frozenset("0123456789/.,")
# Every number holds a slash, "/" or the "&" of an HTML-escaped one, and from its first digit to the first of
# them stand only digits, white space, a hyphen and the letters of a type code. Example lines: "16 - TB/TW",
# "22/2019/NQ-HĐND", "16TB&#x2F;TW".
_SLASHES = ("/", "&")
_CODE_LETTERS = frozenset("".join(_codes()))
_STATE_TYPE_CODES = frozenset(
    {"NQ", "NĐ", "QĐ", "CT", "TT", "TTLT", "CĐ", "KH", "TB", "BC", "HD", "TTr", "CTr"}
)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A printed number at ``view[start:end]``, normalised."""

    start: int
    end: int
    number: str  # "16-TB/TW", "22/2019/NQ-HĐND"
    serial: str  # "16"
    type_code: str | None  # "TB", "NQ"; None for a State number without one ("202/2025/QH15")
    issuer_code: str | None  # "TW", "HĐND"
    kind: Literal["party", "state"]
    year: str | None = None
    note: str | None = None

    def with_type(self, type_code: str, why: str) -> NumberMatch:
        """The same number with its type code corrected (a Party number only)."""
        number = f"{self.serial}-{type_code}/{self.issuer_code}"
        return replace(self, number=number, type_code=type_code, note=why)


def find_numbers(view: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every Party and State number in ``view[start:end]``, by position."""
    end = len(view) if end is None else end
    found = []
    for m in _number_matches(view, start, end):
        if m.start() > 0 and view[m.start() - 1] in _BEFORE_SERIAL:
            continue  # the tail of a longer figure: "2022/123", "1.056"
        number = _party(m) if m.group("type") else _state(m)
        if number is not None:
            found.append(number)
    return found


def _number_matches(view: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``NUMBER.finditer(view, start, end)``, tried only in the run of characters that may stand before a
    number's first slash (digits, white space, hyphens, code letters), right before each slash.

    A match starts at a digit of the run before its first slash, so trying the digits of each run in order
    finds the matches ``finditer`` finds. The regex engine would test every character of the text for a
    digit (a Unicode category lookup each), and a text holds few slashes.
    """
    slashes = sorted(at for char in _SLASHES for at in _positions(view, char, start, end))
    pos = start
    for slash in slashes:
        if slash < pos:  # inside the number just found
            continue
        run = slash
        while run > pos and _may_precede_slash(view[run - 1]):
            run -= 1
        for at in range(run, slash):
            if view[at].isdecimal() and (m := NUMBER.match(view, at, end)) is not None:
                yield m
                pos = m.end()
                break


def _positions(text: str, char: str, start: int, end: int) -> Iterator[int]:
    """Where ``char`` stands in ``text[start:end]``, found by ``str.find``."""
    at = text.find(char, start, end)
    while at >= 0:
        yield at
        at = text.find(char, at + 1, end)


def _may_precede_slash(char: str) -> bool:
    """Whether ``char`` may stand between a number's first digit and its first slash: ``\\d``, ``\\s``, a
    hyphen or a letter of a type code (the regex engine's ``\\d`` and ``\\s`` are ``str.isdecimal`` and
    ``str.isspace``)."""
    return char in _CODE_LETTERS or char == "-" or char.isspace() or char.isdecimal()


def _party(m: re.Match[str]) -> NumberMatch | None:
    type_code = _TYPE_FIXES.get(m.group("type"), m.group("type"))
    issuer = _ISSUER_FIXES.get(m.group("issuer"), m.group("issuer"))
    serial = m.group("serial")
    if len(serial) > 4:
        return None
    return NumberMatch(
        m.start(), m.end(), f"{serial}-{type_code}/{issuer}", serial, type_code, issuer, "party"
    )


def _state(m: re.Match[str]) -> NumberMatch | None:
    serial, year = m.group("serial"), m.group("year")
    code = "".join(m.group("code").split())  # "NQ - UBTVQH 14" -> "NQ-UBTVQH14"
    if year is None and "-" not in code:
        return None  # "15/TW", "3/4A": not a document number
    head, _, rest = code.partition("-")
    if year is None and head in {t.code for t in doc_types()} and _PARTY_ISSUER.fullmatch(rest):
        note = f"printed in the State form {m.group()!r}"
        number = f"{serial}-{head}/{rest}"
        return NumberMatch(m.start(), m.end(), number, serial, head, rest, "party", None, note)
    number = f"{serial}/{year}/{code}" if year else f"{serial}/{code}"
    if head in _STATE_TYPE_CODES and rest:
        return NumberMatch(m.start(), m.end(), number, serial, head, rest, "state", year)
    return NumberMatch(m.start(), m.end(), number, serial, None, code, "state", year)


def normalise_number(raw: str) -> str | None:
    """The normalised form of the first number in ``raw``: "16 - TB/TW" -> "16-TB/TW"; None without one."""
    found = find_numbers(match_view(nfc(raw)))
    return found[0].number if found else None
