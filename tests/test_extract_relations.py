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
        # a sentence ends a title: not in 24-QĐ/TW's title; the page presents 24-QĐ/TW, which names 34-KL/TW
        (
            "Quy định số 24-QĐ/TW về thi hành Điều lệ Đảng. Kết luận số 34-KL/TW của Bộ Chính trị.",
            {("24-QĐ/TW", "cites", "34-KL/TW")},
        ),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # documents listed under one cue, separated by ";" after a title, and "và"
        (
            "Thực hiện Kết luận số 127-KL/TW, ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư về sắp xếp bộ máy;"
            " Nghị quyết số 60-NQ/TW, ngày 12/4/2025 của Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng"
            " khóa XIII và Nghị quyết số 202/2025/QH15 của Quốc hội, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch"
            " số 08-KH/TU.",
            {
                ("08-KH/TU", "implements", "127-KL/TW"),
                ("08-KH/TU", "implements", "60-NQ/TW"),
                ("08-KH/TU", "implements", "202/2025/QH15"),
            },
        ),
        # a full citation after a document cited in another's title joins the outer one
        (
            "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 08-KH/TU tiếp tục thực hiện Kết luận số 121-KL/TW,"
            " ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng về tổng kết Nghị quyết số 18-NQ/TW, ngày"
            " 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII và Kết luận số 126-KL/TW, ngày 14/02/2025"
            " của Bộ Chính trị.",
            {
                ("08-KH/TU", "continues", "121-KL/TW"),
                ("121-KL/TW", "summarises", "18-NQ/TW"),
                ("08-KH/TU", "continues", "126-KL/TW"),
            },
        ),
        # ... and, where the outer document is the one issued, its title: both are carried out
        (
            "Ngày 15/3/2019, Ban Thường vụ Huyện ủy Can Lộc ban hành Kế hoạch số 120-KH/HU triển khai thực"
            " hiện Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị và Kế hoạch số 115-KH/TU ngày"
            " 20/12/2018 của Ban Thường vụ Tỉnh ủy về thực hiện thí điểm một số mô hình tổ chức.",
            {("120-KH/HU", "implements", "34-KL/TW"), ("120-KH/HU", "implements", "115-KH/TU")},
        ),
        # a document issued in its own clause is in no earlier document's title
        (
            "Thực hiện Nghị quyết số 27-NQ/TW của Hội nghị Trung ương 6 khóa XIII về xây dựng Nhà nước pháp"
            " quyền, Ban Thường vụ Tỉnh ủy đã ban hành Chương trình hành động số 95-CTr/TU.",
            {("95-CTr/TU", "implements", "27-NQ/TW")},
        ),
        # the subject of a coordinated clause: "; ban hành ..."
        (
            "Ngày 05/01/2018, Ban Thường vụ Huyện ủy tổ chức hội nghị; ban hành Kế hoạch số 42-KH/HU,"
            " ngày 10/01/2018 thực hiện Nghị quyết số 18-NQ/TW.",
            {("42-KH/HU", "implements", "18-NQ/TW")},
        ),
        # a generic mention is no relation
        ("Các cấp ủy tiếp tục thực hiện nghiêm các nghị quyết, chỉ thị, kết luận của Đảng.", set()),
    ],
)
def test_lists_and_coordination(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert relations(text) == expected


LETTER = """TỈNH ỦY QUẢNG TRỊ
*
Số 320-KL/TU

Quảng Trị, ngày 18 tháng 4 năm 2019

KẾT LUẬN
về công tác cán bộ

{body}

T/M BAN THƯỜNG VỤ
BÍ THƯ

Hoàng Văn Minh
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Trên cơ sở xem xét Báo cáo số 58-BC/BTCTU của Ban Tổ chức Tỉnh ủy, Ban Thường vụ kết luận:",
            {("320-KL/TU", "based_on", "58-BC/BTCTU")},
        ),
        (
            "Trên cơ sở xem xét Báo cáo tổng kết và đề nghị của Ban Tổ chức Tỉnh ủy (Tờ trình số"
            " 32-TTr/BTCTU, ngày 20/4/2019), Ban Thường vụ kết luận:",
            {("320-KL/TU", "based_on", "32-TTr/BTCTU")},
        ),
        (
            "Điều 3. Bãi bỏ Quyết định số 1520-QĐ/TU của Ban Thường vụ Tỉnh ủy.",
            {("320-KL/TU", "repeals", "1520-QĐ/TU")},
        ),
        (
            "1. Yêu cầu các chi bộ, đảng bộ trực thuộc tiếp tục quán triệt, thực hiện nghiêm túc Hướng dẫn số"
            " 05-HD/BTGTW.",
            {("320-KL/TU", "continues", "05-HD/BTGTW")},
        ),
        (
            "3. Thực hiện công tác cán bộ theo Quy định số 105-QĐ/TW của Bộ Chính trị.",
            {("320-KL/TU", "implements", "105-QĐ/TW")},
        ),
        # organising is not carrying out: "theo" stays with "tổ chức"
        ("2.1. Tiếp tục tổ chức đảng bộ khối doanh nghiệp theo Kết luận số 34-KL/TW.", set()),
        # a report of what others did is not the conclusion's own relation
        (
            "Ngày 27/3/2019, Ban Thường vụ họp, nghe Ban Tuyên giáo báo cáo tình hình triển khai Hướng dẫn số"
            " 05-HD/BTGTW.",
            set(),
        ),
    ],
)
def test_clauses_of_an_official_text(body: str, expected: set[tuple[str, str, str]]) -> None:
    assert relations(LETTER.format(body=body)) == expected


def test_the_subject_of_a_letter() -> None:
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG\n*\nSố 8520-CV/VPTW\nV/v triển khai thực hiện Kết luận\nsố"
        " 127-KL/TW của Bộ Chính trị\n\nKính gửi: Các tỉnh ủy, thành ủy.\n\n"
        "Đề nghị các đồng chí quan tâm.\n\n"
        "Nơi nhận:\n- Như trên,\n- Lưu VPTW.\n\nT/L BAN BÍ THƯ\nPHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Duy Hưng\n"
    )
    ext = extract_text(text)
    assert [(r.source, r.relation, r.target) for r in ext.relations] == [
        ("8520-CV/VPTW", "implements", "127-KL/TW")
    ]
    assert ext.relations[0].evidence.text.startswith("V/v triển khai thực hiện")


HEADED = """{header}
*
Số {number}

Hà Nội, ngày 13 tháng 02 năm 2019

{type_lines}

{subject}

{body}

T/M BAN CHẤP HÀNH TRUNG ƯƠNG
TỔNG BÍ THƯ

Nguyễn Phú Trọng
"""


def official(number: str, type_lines: str, subject: str, body: str = "Nội dung.") -> str:
    return HEADED.format(
        header="BAN CHẤP HÀNH TRUNG ƯƠNG", number=number, type_lines=type_lines, subject=subject, body=body
    )


@pytest.mark.parametrize(
    ("type_lines", "subject", "expected"),
    [
        # a subject after a blank line that does not open with "về" (seed 000 prints the blank line)
        (
            "KẾ HOẠCH",
            "quán triệt, triển khai thực hiện Nghị quyết số 01-NQ/TW, ngày 16/11/2012 của Ban Chấp hành"
            " Trung ương Đảng",
            ("05-KH/TW", "implements", "01-NQ/TW"),
        ),
        # a guidance: its type word and its subject read "Hướng dẫn triển khai thực hiện ..."
        ("HƯỚNG DẪN", "triển khai thực hiện Chỉ thị số 05-CT/TW", ("05-HD/TW", "guides", "05-CT/TW")),
        # a plenum's resolution: its own type lines are no plenum reference taking the subject's relation
        (
            "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ MƯỜI MỘT\nBAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XII",
            "về tiếp tục thực hiện Nghị quyết số 01-NQ/TW Hội nghị lần thứ tám, Ban Chấp hành Trung ương"
            " Đảng khóa XI",
            ("05-NQ/TW", "continues", "01-NQ/TW"),
        ),
    ],
)
def test_the_own_title_under_its_type_lines(
    type_lines: str, subject: str, expected: tuple[str, str, str]
) -> None:
    number = f"05-{expected[0].split('-')[1]}"
    ext = extract_text(official(number, type_lines, subject))
    assert {(r.source, r.relation, r.target) for r in ext.relations} == {expected}
    assert [d.key for d in ext.documents if d.number is None] == []  # no plenum reference


def test_a_cited_guidance_guides_what_its_title_names() -> None:
    assert relations(
        "Thực hiện Hướng dẫn số 45-HD/BTGTU của Ban Tuyên giáo Tỉnh ủy hướng dẫn triển khai thực hiện Chỉ thị"
        " số 05-CT/TW, Ban Thường vụ Huyện ủy ban hành Kế hoạch số 12-KH/HU."
    ) == {("12-KH/HU", "implements", "45-HD/BTGTU"), ("45-HD/BTGTU", "guides", "05-CT/TW")}


def test_coordination_after_a_short_name_keeps_the_cue() -> None:
    assert relations(
        "Thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2025 của Bộ Chính trị (sau đây gọi tắt là Nghị quyết"
        " 02) và Nghị quyết số 202/2025/QH15, ngày 12/6/2025 của Quốc hội, Ban Thường vụ Tỉnh ủy ban hành"
        " Kế hoạch số 08-KH/TU."
    ) == {("08-KH/TU", "implements", "02-NQ/TW"), ("08-KH/TU", "implements", "202/2025/QH15")}


_BARE = "Các nội dung trên bảo đảm thống nhất với Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị."


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (official("05-KH/TW", "KẾ HOẠCH", "về công tác cán bộ", f"1. {_BARE}"), "05-KH/TW"),
        # a portal page presents its document's points
        (f"Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch số 05-KH/TU về công tác cán bộ. {_BARE}", "05-KH/TU"),
    ],
)
def test_a_mention_without_a_cue_is_cited_by_the_own_document(text: str, source: str) -> None:
    (rel,) = extract_text(text).relations
    assert (rel.source, rel.relation, rel.target) == (source, "cites", "34-KL/TW")
    assert rel.evidence.text == _BARE.rstrip(".")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a news article reports on documents: it cites none
        (f"23:48 03/04/2023\n\nHội nghị đã thảo luận nhiều nội dung quan trọng. {_BARE}", "news"),
        # a cue the text ties to no subject: others carried it out (seed 001), not the text's citing
        (
            "Ban Thường vụ Tỉnh ủy vừa ban hành Kết luận số 55-KL/TU về công tác cán bộ. Đánh giá cao sự chủ"
            " động của các cấp ủy trong triển khai thực hiện thí điểm mô hình tổ chức mới theo Kết luận số"
            " 34-KL/TW của Bộ Chính trị.",
            "portal",
        ),
        (
            official(
                "05-KH/TW",
                "KẾ HOẠCH",
                "về công tác cán bộ",
                "Điều 3. Đánh giá cao việc triển khai thực hiện Nghị quyết số 18-NQ/TW.",
            ),
            "official_text",
        ),
        # a document named without a number is not cited in the contract
        (
            official(
                "05-KH/TW",
                "KẾ HOẠCH",
                "về công tác cán bộ",
                "Việc quán triệt Nghị quyết Hội nghị Trung ương 5 (khóa X) được thực hiện nghiêm túc.",
            ),
            "official_text",
        ),
    ],
)
def test_what_is_not_cited(text: str, kind: str) -> None:
    ext = extract_text(text)
    assert ext.kind == kind
    assert [r for r in ext.relations if r.relation == "cites"] == []
