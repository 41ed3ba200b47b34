"""Type words ("Kết luận", "Thông báo kết luận", "Nghị định") and the type codes they go with.

Party types come from graph/data/document_types.yaml (through :mod:`graph.doctypes`); State types are the
forms of the Law on the Promulgation of Legal Documents (2015) and the administrative forms of Decree
30/2020/NĐ-CP, with the codes their numbers print ("15/2020/NĐ-CP", "1234/QĐ-TTg").

>>> party_type("thong bao ket luan").vi
'Thông báo'
>>> party_type_for_code("QĐi").vi
'Quy định'
>>> state_type(None, "NĐ")
'Nghị định'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.doctypes import doc_types
from graph.parse import ascii_view
from graph.text import squash

__all__ = [
    "TypeInfo",
    "party_type",
    "party_type_for_code",
    "party_type_words",
    "state_type",
    "type_word_pattern",
]

# State document forms: type word -> the code its numbers print (None: no code in the number).
_STATE_TYPES: dict[str, str | None] = {
    "Hiến pháp": None,
    "Luật": None,
    "Bộ luật": None,
    "Pháp lệnh": None,
    "Nghị quyết": "NQ",
    "Nghị định": "NĐ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Thông tư liên tịch": "TTLT",
    "Thông tư": "TT",
    "Công điện": "CĐ",
    "Kế hoạch": "KH",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Báo cáo": "BC",
    "Tờ trình": "TTr",
    "Công văn": None,
    "Chương trình": "CTr",
    "Đề án": "ĐA",
    "Quy chế": "QC",
}


@dataclass(frozen=True, slots=True)
class TypeInfo:
    vi: str  # "Thông báo"
    code: str  # the type concept: "TB", "QĐi"
    printed: tuple[str, ...]  # codes a number may print for it


@cache
def _party_words() -> dict[str, TypeInfo]:
    out: dict[str, TypeInfo] = {}
    for row in doc_types():
        info = TypeInfo(row.vi, row.code, row.printed)
        for word in (row.vi, *row.words):
            out.setdefault(ascii_view(word), info)
    return out


@cache
def type_word_pattern() -> str:
    """An alternation of every type word, folded like ``Layout.low``, longest first (no groups)."""
    words = set(_party_words()) | {ascii_view(w) for w in _STATE_TYPES}
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def party_type_words() -> frozenset[str]:
    """Every Party type word, folded, its words separated by one space: "ket luan", "thong bao ket luan"."""
    return _party_word_set()


@cache
def _party_word_set() -> frozenset[str]:
    return frozenset(_party_words())


@lru_cache(maxsize=1024)
def party_type(folded_word: str) -> TypeInfo | None:
    """The Party type a folded type word names: "ket luan" -> Kết luận (KL)."""
    return _party_words().get(squash(folded_word))


def party_type_for_code(code: str) -> TypeInfo | None:
    """The Party type a printed code names: "TB" -> Thông báo; "QĐ" -> Quyết định; "QĐi" -> Quy định."""
    rows = list(doc_types())
    for row in rows:
        if row.code == code:
            return TypeInfo(row.vi, row.code, row.printed)
    for row in rows:
        if code in row.printed:
            return TypeInfo(row.vi, row.code, row.printed)
    return None


@cache
def _state_words() -> dict[str, str]:
    """State type words by their folded form (the first of _STATE_TYPES where two fold alike)."""
    out: dict[str, str] = {}
    for vi in _STATE_TYPES:
        out.setdefault(ascii_view(vi), vi)
    return out


def state_type(folded_word: str | None, code: str | None) -> str | None:
    """The State type a folded word or a printed code names: ("nghi dinh", None) or (None, "NĐ") ->
    Nghị định."""
    if folded_word:
        found = _state_words().get(squash(folded_word))
        if found is not None:
            return found
    if code:
        for vi, printed in _STATE_TYPES.items():
            if printed == code:
                return vi
    return None
