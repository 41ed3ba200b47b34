"""Dates as texts write them, to ISO: "ngày 07 tháng 7 năm 2022", "7/7/2022", "28-2-2023" -> "2022-07-07";
months ("tháng 10/2022") -> "2022-10". Patterns run on the folded view (``Layout.low``).

>>> parse_date("ngày 07 tháng 7 năm 2022"), parse_date("28-2-2023"), parse_date("tháng 10/2022")
('2022-07-07', '2023-02-28', '2022-10')
>>> parse_date("22/2019/NQ-HĐND") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.parse import ascii_view
from graph.text import match_view, nfc

__all__ = ["DateMatch", "date_at", "find_dates", "iso_date", "parse_date"]

# A numeric date. Example lines: "7/7/2022", "07/7/2022", "28-2-2023", "25-10-2017", "07.8.2018".
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2})(?![\d/]|-\d)")
# A date in words. Example lines: "ngày 07 tháng 7 năm 2022", "ngày 25 tháng 10 năm 2017".
WORD_DATE = re.compile(
    r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?(?:nam\s+|/\s*)((?:19|20)\d{2})(?!\d)"
)
# A month. Example lines: "tháng 10/2022", "tháng 10 năm 2022", "tháng 10-2022".
MONTH_DATE = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam\s)\s*((?:19|20)\d{2})(?!\d)")
# A date a clause opens with: "ngày", then a date. Example lines: ", ngày 23/5/2022", "ngày 07 tháng
# 7 năm 2022".
_DAY_WORD = re.compile(r"[ \t]*(?:ngay\s*:?\s*)?")


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    iso: str  # "2022-07-07" or "2022-10"


def iso_date(day: int | None, month: int, year: int) -> str | None:
    """ISO form of a date (or of a month when ``day`` is None); None when it cannot be a date."""
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= days else None


def _from(m: re.Match[str]) -> DateMatch | None:
    if m.re is MONTH_DATE:
        iso = iso_date(None, int(m.group(1)), int(m.group(2)))
    elif m.re is WORD_DATE:
        iso = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    else:
        iso = iso_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    return DateMatch(m.start(), m.end(), iso) if iso else None


def date_at(low: str, pos: int, end: int | None = None) -> DateMatch | None:
    """A full date starting at ``pos`` (after an optional "ngày"), or None."""
    end = len(low) if end is None else end
    if 0 <= pos < end and low[pos] not in " \tn" and not low[pos].isdigit():
        return None  # a date opens with "ngay" or a digit, after spaces: neither pattern can match here
    lead = _DAY_WORD.match(low, pos, end)
    at = lead.end() if lead else pos
    for pattern in (WORD_DATE, NUMERIC_DATE):
        m = pattern.match(low, pos if pattern is WORD_DATE else at, end)
        if m and (found := _from(m)):
            return DateMatch(pos, found.end, found.iso)
    return None


def find_dates(low: str, start: int = 0, end: int | None = None, *, months: bool = False) -> list[DateMatch]:
    """Every full date (and month, with ``months``) in ``low[start:end]``, by position."""
    end = len(low) if end is None else end
    patterns = (WORD_DATE, NUMERIC_DATE, MONTH_DATE) if months else (WORD_DATE, NUMERIC_DATE)
    found: list[DateMatch] = []
    for pattern in patterns:
        for m in pattern.finditer(low, start, end):
            d = _from(m)
            if d and not any(f.start < d.end and d.start < f.end for f in found):
                found.append(d)
    return sorted(found, key=lambda d: d.start)


def parse_date(raw: str) -> str | None:
    """The ISO form of the first date (or month) in ``raw``."""
    found = find_dates(ascii_view(match_view(nfc(raw))), months=True)
    return found[0].iso if found else None
