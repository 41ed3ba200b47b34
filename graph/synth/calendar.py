"""Time in the synthetic corpus: congress terms, local terms, plenums, and the ways texts write dates.

Congress terms (DOMAIN.md §4): X from April 2006, XI from January 2011, XII from January 2016, XIII from
February 2021, XIV from January 2026. Local committees (provinces, districts, communes) number within their
own term (nhiệm kỳ 2010-2015, 2015-2020, 2020-2025, 2025-2030); the merged provinces of 1 July 2025 are new
committees and start numbering afresh on that day.

>>> term_of(date(2017, 10, 25)), local_term_of(date(2025, 7, 22))
('XII', 4)
>>> word_date(date(2022, 7, 7))
'ngày 07 tháng 7 năm 2022'
"""

from __future__ import annotations

import bisect
import random
from datetime import date

__all__ = [
    "END",
    "REFORM",
    "START",
    "TERMS",
    "add_days",
    "between",
    "cite_date",
    "iso",
    "local_term_of",
    "month_deadline",
    "numeric_date",
    "place_date_words",
    "plenum_ordinal",
    "term_of",
    "term_start",
    "word_date",
]

#: The first and last day a synthetic document may carry.
START = date(2008, 1, 1)
END = date(2026, 6, 30)
#: The first day of the post-reform code list (34 provinces, communes, no districts).
REFORM = date(2025, 7, 1)

#: (first day, term) of each Congress term, oldest first.
TERMS: tuple[tuple[date, str], ...] = (
    (date(2006, 4, 25), "X"),
    (date(2011, 1, 19), "XI"),
    (date(2016, 1, 28), "XII"),
    (date(2021, 2, 1), "XIII"),
    (date(2026, 1, 23), "XIV"),
)
_TERM_STARTS = [d for d, _ in TERMS]
#: First days of local committee terms; index = local term key.
_LOCAL_STARTS = [date(2005, 10, 1), date(2010, 10, 1), date(2015, 10, 1), date(2020, 10, 1), REFORM]

_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"] + [
    f"mười {unit}" for unit in ("một", "hai", "ba", "bốn", "lăm", "sáu", "bảy", "tám")
]


def term_of(day: date) -> str:
    """The Congress term in force on ``day``."""
    return TERMS[max(0, bisect.bisect_right(_TERM_STARTS, day) - 1)][1]


def term_start(term: str) -> date:
    return next(d for d, t in TERMS if t == term)


def local_term_of(day: date) -> int:
    """The local committee term (an index) in force on ``day``."""
    return max(0, bisect.bisect_right(_LOCAL_STARTS, day) - 1)


def plenum_ordinal(plenum: int) -> str:
    """3 -> "ba": "Hội nghị lần thứ ba"."""
    return _ORDINALS[min(plenum, len(_ORDINALS)) - 1]


def iso(day: date) -> str:
    return day.isoformat()


def add_days(day: date, days: int) -> date:
    return date.fromordinal(day.toordinal() + days)


def between(rng: random.Random, first: date, last: date) -> date:
    """A day drawn uniformly from ``first`` .. ``last`` (both included)."""
    return date.fromordinal(rng.randint(first.toordinal(), max(first.toordinal(), last.toordinal())))


def word_date(day: date) -> str:
    """The place-date line's form: "ngày 07 tháng 7 năm 2022"."""
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def place_date_words(rng: random.Random, day: date) -> str:
    """The place-date line's date, sometimes with a zero-padded month ("tháng 02")."""
    month = f"{day.month:02d}" if day.month < 3 and rng.random() < 0.5 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def numeric_date(rng: random.Random, day: date) -> str:
    """A date as citations write it: "7/7/2022", "07/7/2022", "28-2-2023", "25-10-2017", "28/02/2023"."""
    roll = rng.random()
    if roll < 0.35:
        return f"{day.day:02d}/{day.month}/{day.year}"
    if roll < 0.55:
        return f"{day.day}/{day.month}/{day.year}"
    if roll < 0.75:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day}-{day.month}-{day.year}"


def cite_date(rng: random.Random, day: date) -> str:
    """The date part of a citation: "ngày 25-10-2017", "ngày 07 tháng 7 năm 2022"."""
    if rng.random() < 0.12:
        return word_date(day)
    return "ngày " + numeric_date(rng, day)


def month_deadline(rng: random.Random, due: date) -> tuple[str, str]:
    """A deadline as a task writes it and its ISO value: ("hoàn thành trong tháng 10/2022", "2022-10")."""
    if rng.random() < 0.6:
        return f"hoàn thành trong tháng {due.month}/{due.year}", f"{due.year:04d}-{due.month:02d}"
    return f"hoàn thành trước ngày {due.day:02d}/{due.month}/{due.year}", due.isoformat()
