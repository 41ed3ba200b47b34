"""A text -> its blocks and main region."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.parse import Layout, ascii_view, columns, is_upper_line, parse
from graph.parse.views import anchored, word_matches
from graph.text import match_view, nfc

SOURCES = Path(__file__).parents[1] / "sources"


def seed(prefix: str) -> Layout:
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return parse(nfc(path.read_text(encoding="utf-8")))


def block_text(layout: Layout, kind: str) -> str | None:
    block = layout.block(kind)  # type: ignore[arg-type]
    return layout.text[block.start : block.end] if block else None


def test_official_text_blocks() -> None:
    layout = seed("000")
    assert layout.official
    assert block_text(layout, "number") == "Số 16-TB/TW"
    assert block_text(layout, "place_date") == "Hà Nội, ngày 07 tháng 7 năm 2022"
    assert (
        block_text(layout, "stamp")
        == "VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN\nĐẾN\nSố 502, ngày 22/7/2022\nChuyên:\nLưu hồ sơ"
    )
    assert block_text(layout, "type") == "THÔNG BÁO"
    title = block_text(layout, "title")
    assert title is not None and title.startswith("THÔNG BÁO\nKẾT LUẬN CỦA BỘ CHÍNH TRỊ")
    assert title.endswith("của Ban Chấp hành Trung ương Đảng khoá XII")
    body = block_text(layout, "body")
    assert body is not None and body.startswith("Xem xét đề nghị") and body.endswith("Ban Bí thư.")
    recipients = block_text(layout, "recipients")
    assert recipients is not None and recipients.startswith("Nơi nhận:")
    assert recipients.endswith("- Lưu Văn phòng Trung ương Đảng.")
    assert block_text(layout, "signature") == "T/M BỘ CHÍNH TRỊ\n\n\n\nVõ Văn Thương"


def test_markdown_official_text() -> None:
    layout = seed("003")
    assert layout.official and layout.block("number") is None
    title = block_text(layout, "title")
    assert title is not None and title.startswith("**THÔNG BÁO**") and title.endswith("hiệu lực, hiệu quả**")
    assert (
        block_text(layout, "signature")
        == "#### **CHÁNH VĂN PHÒNG**\n\n*(đã ký và đóng dấu)*\n\n**Lê Tấn Lai**"
    )


def test_portal_page_residue_is_outside_the_main_region() -> None:
    layout = seed("001")
    main = layout.text[slice(*layout.main)]
    assert not layout.official
    assert main.startswith("Thay mặt Ban Thường vụ") and main.endswith("báo cáo Ban Thường vụ Tỉnh ủy.")
    for residue in ("Toàn văn kết luận", "Tệp đính kèm", "Mã xác thực", "Bản đồ thị xã Kỳ Anh", "Thống kê"):
        assert residue not in main


def test_news_page() -> None:
    layout = seed("002")
    main = layout.text[slice(*layout.main)]
    assert "Sign In" not in main and "Tag:" not in main and "File đính kèm" not in main
    assert block_text(layout, "dateline") == "23:48 03/04/2023"
    body = block_text(layout, "body")
    assert body is not None and body.startswith("(ĐCSVN)") and "Hiền Hòa" not in body


def test_a_page_break_does_not_end_a_sentence() -> None:
    layout = seed("000")
    pos = layout.text.index("thực hiện một số mô hình sau")
    start, end = layout.sentence(pos)
    assert layout.text[start:end].startswith("Ban thường vụ các tỉnh uỷ")
    assert "chủ động quyết định\n\nthực hiện" in layout.text[start:end]


@pytest.mark.parametrize(
    "text",
    ["Tỉnh uỷ Hà Tĩnh, khoá XII", "Quy định số 97-Q\u00d0/TW", "**THÔNG BÁO**", "Đắk Lắk – Đăk Nông", ""],
)
def test_views_keep_the_length(text: str) -> None:
    view = match_view(nfc(text))
    low = ascii_view(view)
    assert len(low) == len(view) == len(nfc(text))


def test_ascii_view() -> None:
    assert ascii_view(match_view("Tỉnh uỷ Hà Tĩnh ĐẾN")) == "tinh uy ha tinh den"


def test_columns_of_a_flattened_table() -> None:
    line = "- Các đồng chí Tỉnh uỷ viên,                           PHÓ BÍ THƯ THƯỜNG TRỰC"
    assert [line[s:e] for s, e in columns(line, 0, len(line))] == [
        "- Các đồng chí Tỉnh uỷ viên,",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
    ]


def test_is_upper_line() -> None:
    assert is_upper_line("KẾT LUẬN CỦA BỘ CHÍNH TRỊ") and is_upper_line("**THÔNG BÁO**")
    assert not is_upper_line("Võ Văn Thương") and not is_upper_line("*")


def test_a_plain_text_has_no_official_blocks() -> None:
    layout = parse(
        "Ban Thường vụ Tỉnh ủy vừa ban hành Kết luận số 55-KL/TU về thực hiện Thông báo số 16-TB/TW."
    )
    assert not layout.official
    assert [b.kind for b in layout.blocks] == ["body"]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("23:48 03/04/2023", True),
        ("Thứ Sáu, 12/05/2023 - 15:20", True),
        ("03/04/2023 10:20 GMT+7", True),
        ("Cập nhật: 10:20 | 03/04/2023", True),
        ("Ngày đăng: 03/04/2023", True),
        ("Ngày 10/8/2022, Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết", False),
    ],
)
def test_publication_lines(line: str, found: bool) -> None:
    layout = parse(f"Tiêu đề bài báo\n\n{line}\n\n" + "Nội dung bài viết về công tác xây dựng Đảng. " * 8)
    assert (layout.block("dateline") is not None) == found


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.parse"))
    assert result.attempted > 0 and result.failed == 0


def test_a_header_flattened_one_cell_per_line() -> None:
    layout = parse(
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY CAN LỘC\n*\n"
        "Can Lộc, ngày 12 tháng 9 năm 2022\nSố: 215 - BC/HU\n\nBÁO CÁO\nsơ kết 5 năm\n\nNội dung.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nPhan Văn Long"
    )
    assert layout.official
    assert block_text(layout, "number") == "Số: 215 - BC/HU"
    assert block_text(layout, "place_date") == "Can Lộc, ngày 12 tháng 9 năm 2022"
    assert block_text(layout, "header") == "ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY CAN LỘC"


def test_the_subject_of_a_letter_is_its_title() -> None:
    layout = parse(
        "BAN CHẤP HÀNH TRUNG ƯƠNG        ĐẢNG CỘNG SẢN VIỆT NAM\n   VĂN PHÒNG\n*      Hà Nội, ngày 05 tháng 3"
        " năm 2025\nSố 8520-CV/VPTW\nV/v triển khai thực hiện Kết luận\nsố 127-KL/TW của Bộ Chính trị\n\n"
        "Kính gửi: Các tỉnh ủy, thành ủy.\n\nNội dung.\n\n"
        "T/L BAN BÍ THƯ\nPHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Duy Hưng"
    )
    assert block_text(layout, "title") == "V/v triển khai thực hiện Kết luận\nsố 127-KL/TW của Bộ Chính trị"
    assert block_text(layout, "body") == "Kính gửi: Các tỉnh ủy, thành ủy.\n\nNội dung."
    assert block_text(layout, "signature") == "T/L BAN BÍ THƯ\nPHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Duy Hưng"


def test_a_long_line_is_no_header_cell() -> None:
    line = (
        "Ngày 10/8/2022, Tỉnh ủy tổ chức hội nghị sơ kết "
        + "nội dung " * 20
        + "Hà Tĩnh, ngày 10 tháng 8 năm 2022"
    )
    layout = parse(f"KẾT LUẬN\n\n{line}\n\nNơi nhận:\n- Lưu VP.\n\nCHÁNH VĂN PHÒNG\n\nLê Văn B")
    assert layout.block("place_date") is None


_LOW = st.text(alphabet='abcdehgilmnostu x.,;:\n0123456789“"', max_size=300)


@settings(max_examples=200, deadline=None)
@given(_LOW, st.sampled_from(["tiep tuc", "mo hinh", "ho", "a"]))
def test_word_matches_is_finditer_with_a_look_behind(low: str, word: str) -> None:
    plain = re.compile(rf"{word}\s+\w+")
    behind = re.compile(rf"(?<![a-z]){word}\s+\w+")
    assert [m.span() for m in word_matches(plain, low, 0, len(low))] == [
        m.span() for m in behind.finditer(low)
    ]


@settings(max_examples=200, deadline=None)
@given(_LOW)
def test_anchored_is_finditer(low: str) -> None:
    pattern = re.compile(r"(?<![a-z])(?:tiep tuc\s+)?(?:thi diem\s+)?mo hinh\s+[a-z ]{1,12}")
    found = anchored(pattern, re.compile("mo hinh"), low, 0, len(low), 30)
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(low)]


@pytest.mark.parametrize("name", ["graph.parse.views", "graph.parse.web"])
def test_submodule_examples(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


_SUBJECT_AFTER_BLANK = (
    "TỈNH ỦY AN GIANG\n*\nSố 08-KH/TU\n\nAn Giang, ngày 22 tháng 7 năm 2025\n\nKẾ HOẠCH\n\n"
    "quán triệt, triển khai thực hiện Kết luận số 127-KL/TW\ncủa Bộ Chính trị\n\n{body}\n\n"
    "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn Hòa"
)


@pytest.mark.parametrize(
    ("body", "title_end"),
    [
        # a sentence opens with a capital: the body
        ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:", "của Bộ Chính trị"),
        ("Thực hiện Kết luận số 127-KL/TW, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch:", "của Bộ Chính trị"),
        # one subject only: a second lower-case paragraph is not the title (a page break in the body)
        ("và các văn bản có liên quan.", "của Bộ Chính trị"),
    ],
)
def test_a_subject_after_a_blank_line_is_the_title(body: str, title_end: str) -> None:
    """Seed 000 and the synthetic corpus print a blank line between the type line and the subject (trích
    yếu); a subject that does not open with "về" ("quán triệt, triển khai thực hiện ...") opens in lower case,
    as no sentence of the body does."""
    layout = parse(_SUBJECT_AFTER_BLANK.format(body=body))
    title = block_text(layout, "title")
    assert title is not None and title.startswith("KẾ HOẠCH\n\nquán triệt, triển khai thực hiện")
    assert title.endswith(title_end)
    assert block_text(layout, "body") == body
