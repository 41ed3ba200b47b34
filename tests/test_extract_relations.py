"""Relations between documents, sentence by sentence."""

from __future__ import annotations

import pytest

from graph.extract import extract_text


def relations(text: str) -> set[tuple[str, str, str]]:
    return {(r.source, r.relation, r.target) for r in extract_text(text).relations}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a cited document's title
        (
            "Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18-NQ/TW của BCH Trung ương"
            " Đảng (khóa XII).",
            {("50-KL/TW", "continues", "18-NQ/TW")},
        ),
        (
            "Thông báo Kết luận số 16TB/TW ngày 7/7/2022 của Bộ Chính trị “về thực hiện một số mô"
            " hình thí điểm "
            "theo Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII”, Ban Thường vụ yêu cầu.",
            {("16-TB/TW", "implements", "18-NQ/TW")},
        ),
        (
            "Hướng dẫn số 12-HD/TU về sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW.",
            {("12-HD/TU", "summarises", "18-NQ/TW")},
        ),
        (
            "Kế hoạch số 08-KH/TU cụ thể hóa Nghị quyết số 18-NQ/TW.",
            {("08-KH/TU", "concretises", "18-NQ/TW")},
        ),
        (
            "Nghị quyết số 22/2019/NQ-HĐND về thể chế hóa Nghị quyết số 18-NQ/TW.",
            {("22/2019/NQ-HĐND", "institutionalises", "18-NQ/TW")},
        ),
        (
            "Quy định số 08-QĐi/TW sửa đổi, bổ sung Quy định số 101-QĐ/TW.",
            {("08-QĐi/TW", "amends", "101-QĐ/TW")},
        ),
        (
            "Hướng dẫn số 05-HD/BTCTW hướng dẫn thực hiện Quy định số 97-QĐ/TW.",
            {("05-HD/BTCTW", "guides", "97-QĐ/TW")},
        ),
        (
            "Thông báo số 12-TB/TU về ý kiến của Thường trực Tỉnh ủy đối với Kế hoạch số 45-KH/UBND.",
            {("12-TB/TU", "cites", "45-KH/UBND")},
        ),
        ("Quy định số 24-QĐ/TW về thi hành Điều lệ Đảng. Kết luận số 34-KL/TW của Bộ Chính trị.", set()),
        # a fronted clause and the document the sentence issues
        (
            "Thực hiện Nghị quyết số 28-NQ/TW của Hội nghị Trung ương 6 khóa XIII và Kế hoạch số"
            " 12-KH/TW của Bộ "
            "Chính trị, Ban Tổ chức Trung ương đã tham mưu Bộ Chính trị ban hành Quy định số"
            " 97-QĐ/TW về “Chức năng”.",
            {("97-QĐ/TW", "implements", "28-NQ/TW"), ("97-QĐ/TW", "implements", "12-KH/TW")},
        ),
        (
            "Thực hiện Quyết định số 1234/QĐ-TTg của Thủ tướng Chính phủ, UBND tỉnh đã ban hành Kế hoạch số "
            "345/KH-UBND.",
            {("345/KH-UBND", "implements", "1234/QĐ-TTg")},
        ),
        (
            "Kết luận 55-KL/TU nêu rõ, để thực hiện nghiêm túc Thông báo Kết luận số 16-TB/TW, Ban"
            " Thường vụ thống nhất.",
            {("55-KL/TU", "implements", "16-TB/TW")},
        ),
        # no document is the subject: no relation
        ("Hội nghị cũng đồng thời quán triệt Kết luận số 50-KL/TW của Bộ Chính trị.", set()),
        (
            "Ngày 10/8/2022, Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW.",
            set(),
        ),
        ("Đến nay, một số kết quả thực hiện Nghị quyết số 18-NQ/TW còn hạn chế.", set()),
        (
            "Ban tổ chức cấp ủy đã ban hành chương trình hành động thực hiện Nghị quyết Hội nghị"
            " Trung ương 5 (khóa XIII).",
            set(),
        ),
        ("Kết luận số 34-KL/TW của Bộ Chính trị (sau đây gọi tắt là Kết luận 34) được triển khai.", set()),
    ],
)
def test_sentences(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert relations(sentence) == expected


OFFICIAL = """TỈNH ỦY NGHỆ AN
*
Số 1250-QĐ/TU

Nghệ An, ngày 05 tháng 9 năm 2022

QUYẾT ĐỊNH
về việc thực hiện Kết luận số 34-KL/TW

- Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương Đảng;
- Xét đề nghị của Ban Tổ chức tại Tờ trình số 85-TTr/BTCTU về tổng kết thực hiện Quyết định số 315-QĐ/TU,

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 315-QĐ/TU.

Điều 3. Đánh giá cao việc triển khai thực hiện Nghị quyết số 18-NQ/TW.

Nơi nhận:
- Lưu VT.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Hoàng Nghĩa Hiếu
"""


def test_an_official_text_is_the_subject() -> None:
    assert relations(OFFICIAL) == {
        ("1250-QĐ/TU", "implements", "34-KL/TW"),  # its own title
        ("1250-QĐ/TU", "based_on", "24-QĐ/TW"),  # Căn cứ
        ("1250-QĐ/TU", "based_on", "85-TTr/BTCTU"),  # Xét đề nghị ... Tờ trình
        ("85-TTr/BTCTU", "summarises", "315-QĐ/TU"),  # the submission's title
        # "Quyết định này ... thay thế" is stated: it wins over "summarises" inferred through the submission
        ("1250-QĐ/TU", "replaces", "315-QĐ/TU"),
    }


def test_a_document_based_on_a_submission_does_what_it_proposes() -> None:
    text = OFFICIAL.replace(" và thay thế Quyết định số 315-QĐ/TU", "")
    assert ("1250-QĐ/TU", "summarises", "315-QĐ/TU") in relations(text)


def test_one_relation_per_pair_the_own_title_wins() -> None:
    text = OFFICIAL.replace(
        "Điều 3. Đánh giá cao việc triển khai thực hiện Nghị quyết số 18-NQ/TW.",
        "Điều 3. Tiếp tục thực hiện Kết luận số 34-KL/TW.",
    )
    got = [r for r in extract_text(text).relations if r.target == "34-KL/TW"]
    assert [(r.relation, r.evidence.text) for r in got] == [
        ("implements", "về việc thực hiện Kết luận số 34-KL/TW")
    ]


def test_evidence_is_the_clause() -> None:
    (rel,) = extract_text("Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18-NQ/TW.").relations
    assert rel.evidence.text == "về tiếp tục thực hiện Nghị quyết số 18-NQ/TW"


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.extract"))
    assert result.attempted > 0 and result.failed == 0
