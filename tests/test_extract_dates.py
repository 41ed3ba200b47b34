"""Dates as texts write them."""

from __future__ import annotations

import pytest

from graph.extract.dates import date_at, find_dates, iso_date, parse_date
from graph.parse import ascii_view


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("Hà Nội, ngày 07 tháng 7 năm 2022", "2022-07-07"),
        ("ngày 25 tháng 10 năm 2017", "2017-10-25"),
        ("(Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022)", "2022-05-23"),
        ("ngày 7/7/2022 của Bộ Chính trị", "2022-07-07"),
        ("ngày 07/7/2022", "2022-07-07"),
        ("Kết luận số 50-KL/TW ngày 28-2-2023", "2023-02-28"),
        ("Nghị quyết số 18-NQ/TW, ngày 25-10-2017", "2017-10-25"),
        ("ngày 07.8.2018", "2018-08-07"),
        ("23:48 03/04/2023", "2023-04-03"),
        ("(hoàn thành trong tháng 10/2022)", "2022-10"),
        ("trong tháng 10 năm 2022", "2022-10"),
        ("Ngày 22/02/2017, đồng chí Nguyễn Mạnh Hùng", "2017-02-22"),
    ],
)
def test_parse_date(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    [
        "Nghị quyết số 22/2019/NQ-HĐND",
        "chiều 3/4",
        "quý II-2023",
        "31/2/2023",
        "ngày 32/1/2022",
        "nhiệm kỳ 2026-2031",
    ],
)
def test_not_a_date(raw: str) -> None:
    assert parse_date(raw) is None


def test_months_only_when_asked() -> None:
    low = ascii_view("hoàn thành trong tháng 10/2022")
    assert find_dates(low) == []
    assert [d.iso for d in find_dates(low, months=True)] == ["2022-10"]


def test_date_at_reads_a_tail() -> None:
    low = ascii_view("ngày 07 tháng 7 năm 2022 của Bộ Chính trị")
    found = date_at(low, 0)
    assert found is not None and (found.iso, found.end) == ("2022-07-07", 24)
    assert date_at(ascii_view("của Bộ Chính trị"), 0) is None


def test_iso_date_checks_the_calendar() -> None:
    assert iso_date(29, 2, 2024) == "2024-02-29"
    assert iso_date(29, 2, 2023) is None
    assert iso_date(None, 13, 2023) is None


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.extract.dates"))
    assert result.attempted > 0 and result.failed == 0
