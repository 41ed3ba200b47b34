"""Committee terms: which term a date falls in, so that a printed number can be resolved.

Numbering restarts with every term, so "34-KL/TW" of 07/8/2018 (term XII) and "34-KL/TW" of 18/4/2022
(term XIII) are two documents. The term boundaries are data (graph/data/terms.yaml).

>>> central_term_for("2018-08-07")
'XII'
>>> central_term_for("2016-01-15") is None  # the Congress month: ambiguous
True
>>> local_term_for("2022-08-10")
'2020-2025'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import yaml

from graph.paths import DATA_DIR

__all__ = ["CentralTerm", "central_term_for", "central_terms", "local_term_for", "roman_to_int"]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(frozen=True, slots=True)
class CentralTerm:
    number: str  # "XII"
    start: str  # "2016-01" (month of the Congress)
    end: str | None  # month the next term began, None for the current one
    check: bool  # the boundary was not confirmed from a primary text


@cache
def _data() -> dict[str, object]:
    with (DATA_DIR / "terms.yaml").open(encoding="utf-8") as handle:
        data: dict[str, object] = yaml.safe_load(handle)
    return data


@cache
def central_terms() -> tuple[CentralTerm, ...]:
    rows = _data()["central"]
    assert isinstance(rows, list)
    terms = []
    for i, row in enumerate(rows):
        end = str(rows[i + 1]["start"]) if i + 1 < len(rows) else None
        terms.append(CentralTerm(str(row["number"]), str(row["start"]), end, bool(row.get("check", False))))
    return tuple(terms)


def central_term_for(date: str | None) -> str | None:
    """The central term in force on an ISO date (or year-month); None when unknown or ambiguous."""
    if not date or len(date) < 7:
        return None
    month = date[:7]
    for term in central_terms():
        if month == term.start:
            return None  # the Congress month: the date may fall before or after the Congress
        if term.start < month and (term.end is None or month < term.end):
            return term.number
    return None


def local_term_for(date: str | None) -> str | None:
    """A provincial or district term ("2020-2025") for a date; None inside a congress year."""
    if not date:
        return None
    year = int(date[:4])
    local = _data()["local"]
    assert isinstance(local, dict)
    years: list[int] = sorted(local["congress_years"])
    if year in years:
        return None
    for start, end in pairwise(years):
        if start < year < end:
            return f"{start}-{end}"
    return None


def roman_to_int(numeral: str) -> int | None:
    """ "XIII" -> 13; None for anything that is not a Roman numeral."""
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None
