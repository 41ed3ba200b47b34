"""Document numbers: every way texts print them, Party against State."""

from __future__ import annotations

import pytest

from graph.extract.numbers import find_numbers, normalise_number
from graph.text import match_view


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("Số 16-TB/TW", "16-TB/TW"),
        ("Thông báo Kết luận số 16TB/TW ngày 7/7/2022", "16-TB/TW"),
        ("16 - TB/TW", "16-TB/TW"),
        ("16–TB/TW", "16-TB/TW"),
        ("16—TB/TW", "16-TB/TW"),
        ("Số: 16-TB/TW", "16-TB/TW"),
        ("Số 16-TB&#x2F;TW", "16-TB/TW"),
        ("Số 16-TB&#47;TW", "16-TB/TW"),
        ("Quy chế số 05-QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU"),
        ("Quy định số 97-QĐ/TW", "97-QĐ/TW"),
        ("Quy định số 97-Q\u00d0/TW", "97-QĐ/TW"),  # look-alike Ð (U+00D0)
        ("Đề án số 12-\u00d0A/TU", "12-ĐA/TU"),
        ("Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022", "175-TTr/BTCTW"),
        ("Chương trình hành động số 24-CTr/TU", "24-CTr/TU"),
        ("Quy định số 08-QĐi/TW", "08-QĐi/TW"),
        ("Kết luận số 55-KL/TU của Ban Thường vụ", "55-KL/TU"),
        ("Chỉ thị 05/CT-TW", "05-CT/TW"),  # a Party number printed in the State form
        ("Nghị quyết số 22/2019/NQ-HĐND", "22/2019/NQ-HĐND"),
        ("Quyết định số 1234/QĐ-TTg", "1234/QĐ-TTg"),
        ("Nghị quyết 202/2025/QH15", "202/2025/QH15"),
        ("Nghị định 15/2020/NĐ-CP", "15/2020/NĐ-CP"),
        ("Chương trình hành động số 147-CTHĐ/TU ngày 09/5/2019", "147-CTHĐ/TU"),  # as some provinces print it
        ("Quyết định số 1234/QĐ - TTg", "1234/QĐ-TTg"),
        ("Nghị Quyết số 819/NQ – UBTVQH 14, và", "819/NQ-UBTVQH14"),  # the legislature's number apart
        ("Quyết định số 12/QĐ-UBND\n- TTg chỉ đạo", "12/QĐ-UBND"),  # a hyphen on the next line is not its
    ],
)
def test_normalise_number(raw: str, number: str) -> None:
    assert normalise_number(raw) == number


@pytest.mark.parametrize(
    "raw",
    [
        "Số 502, ngày 22/7/2022",  # an incoming stamp
        "ngày 7/7/2022",
        "giảm 6.631 đơn vị; 1.056 đơn vị hành chính cấp xã",
        "nhiệm kỳ 2026-2031",
        "quý II-2023",
        "15/TW",
        "",
    ],
)
def test_not_a_number(raw: str) -> None:
    assert normalise_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "kind", "type_code", "issuer_code"),
    [
        ("16-TB/TW", "party", "TB", "TW"),
        ("05-QC/BTCTU-BDVTU", "party", "QC", "BTCTU-BDVTU"),
        ("22/2019/NQ-HĐND", "state", "NQ", "HĐND"),
        ("Quyết định số 1234/QĐ-TTg", "state", "QĐ", "TTg"),
        ("Nghị quyết 202/2025/QH15", "state", None, "QH15"),
        ("Công văn số 123/UBND-NC", "state", None, "UBND-NC"),
    ],
)
def test_kind_and_codes(raw: str, kind: str, type_code: str | None, issuer_code: str) -> None:
    (found,) = find_numbers(match_view(raw))
    assert (found.kind, found.type_code, found.issuer_code) == (kind, type_code, issuer_code)


def test_spans_point_into_the_text() -> None:
    text = "Thực hiện Nghị quyết số 18-NQ/TW và Quyết định số 1234/QĐ-TTg, Số 16 - TB/TW."
    found = find_numbers(match_view(text))
    assert [text[n.start : n.end] for n in found] == ["18-NQ/TW", "1234/QĐ-TTg", "16 - TB/TW"]


def test_region() -> None:
    text = "18-NQ/TW ... 34-KL/TW"
    assert [n.number for n in find_numbers(text, 5)] == ["34-KL/TW"]


def test_with_type_corrects_the_code() -> None:
    (found,) = find_numbers("16-KL/TW")
    assert found.with_type("TB", "why").number == "16-TB/TW"


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.extract.numbers"))
    assert result.attempted > 0 and result.failed == 0
