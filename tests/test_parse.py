"""A text -> its blocks and main region."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.parse import Layout, ascii_view, columns, is_upper_line, parse
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
