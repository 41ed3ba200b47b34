"""Document mentions and what the text states next to them."""

from __future__ import annotations

import pytest

from graph.extract import extract_text
from graph.extract.citations import find_mentions
from graph.model import CitedDocument
from graph.parse import parse


def docs(text: str) -> dict[str, CitedDocument]:
    return {d.key: d for d in extract_text(text).documents}


@pytest.mark.parametrize(
    ("line", "key", "type_", "issuer", "date", "term", "plenum"),
    [
        (
            "Thực hiện Nghị quyết số 18-NQ/TW, ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng"
            " (khóa XII) về ...",
            "18-NQ/TW",
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng",
            "2017-10-25",
            "XII",
            None,
        ),
        (
            "Thông báo Kết luận số 16-TB/TW ngày 7/7/2022 của Bộ Chính trị.",
            "16-TB/TW",
            "Thông báo",
            "Bộ Chính trị",
            "2022-07-07",
            None,
            None,
        ),
        (
            "Thực hiện Nghị quyết số 21-NQ/TW của Hội nghị Trung ương 5 (khóa XIII).",
            "21-NQ/TW",
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng",
            None,
            "XIII",
            5,
        ),
        (
            "Ban Tổ chức Trung ương đã tham mưu Ban Bí thư ban hành Hướng dẫn số 03-HD/TW về “Thí điểm ...”.",
            "03-HD/TW",
            "Hướng dẫn",
            "Ban Bí thư",
            None,
            None,
            None,
        ),
        (
            "Xem xét đề nghị của Ban Tổ chức Trung ương (Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022)"
            " về sơ kết.",
            "175-TTr/BTCTW",
            "Tờ trình",
            "Ban Tổ chức Trung ương",
            "2022-05-23",
            None,
            None,
        ),
        (
            "Tham mưu Bộ Chính trị ban hành Quy định số 97-QĐ/TW về chức năng.",
            "97-QĐ/TW",
            "Quy định",
            "Bộ Chính trị",
            None,
            None,
            None,
        ),
        (
            "Nghị quyết số 18-NQ/TW Hội nghị lần thứ sáu, BCH Trung ương Đảng khóa XII về “Một số vấn đề”.",
            "18-NQ/TW",
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng",
            None,
            "XII",
            6,
        ),
        (
            "Hội nghị Trung ương 6 (khóa XII) đã thông qua Nghị quyết 18-NQ/TW với 4 mục tiêu.",
            "18-NQ/TW",
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng",
            None,
            "XII",
            6,
        ),
        (
            "Theo Hướng dẫn số 12-HD/BTCTW của cơ quan này.",
            "12-HD/BTCTW",
            "Hướng dẫn",
            "Ban Tổ chức Trung ương",
            None,
            None,
            None,
        ),
    ],
)
def test_stated_next_to_the_mention(
    line: str, key: str, type_: str, issuer: str, date: str | None, term: str | None, plenum: int | None
) -> None:
    doc = docs(line)[key]
    assert (doc.type, doc.issuer, doc.date, doc.term, doc.plenum) == (type_, issuer, date, term, plenum)


def test_a_meeting_date_is_not_a_document_date() -> None:
    doc = docs(
        "Ngày 10/8/2022, Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW."
    )
    assert doc["18-NQ/TW"].date is None


def test_the_type_word_wins_over_the_code() -> None:
    text = (
        "Thực hiện Thông báo Kết luận số 16-KL/TW ngày 7/7/2022 của Bộ Chính trị. Nội dung Thông báo"
        " Kết luận "
        "số 16TB/TW ngày 7/7/2022 và Thông báo Kết luận số 16-TB/TW."
    )
    found = docs(text)
    assert list(found) == ["16-TB/TW"]
    doc = found["16-TB/TW"]
    assert (doc.type, doc.type_code, len(doc.mentions)) == ("Thông báo", "TB", 3)
    assert any("16-KL/TW" in note for note in doc.notes)


def test_quy_dinh_is_a_regulation() -> None:
    doc = docs("Quy định số 97-QĐ/TW của Bộ Chính trị.")["97-QĐ/TW"]
    assert (doc.type, doc.type_code) == ("Quy định", "QĐ")
    assert docs("Quyết định số 1250-QĐ/TU.")["1250-QĐ/TU"].type == "Quyết định"


def test_an_issuer_code_against_the_words() -> None:
    doc = docs("Kết luận số 55-KL/TU của Bộ Chính trị.")["55-KL/TU"]
    assert doc.issuer == "Bộ Chính trị"
    assert any("contradicts" in note for note in doc.notes)


def test_state_documents() -> None:
    found = docs(
        "Thực hiện Quyết định số 1234/QĐ-TTg ngày 15/8/2022 của Thủ tướng Chính phủ và Nghị quyết số "
        "22/2019/NQ-HĐND, Nghị quyết 202/2025/QH15 của Quốc hội."
    )
    assert {k: (d.kind, d.type) for k, d in found.items()} == {
        "1234/QĐ-TTg": ("state", "Quyết định"),
        "22/2019/NQ-HĐND": ("state", "Nghị quyết"),
        "202/2025/QH15": ("state", "Nghị quyết"),
    }
    assert found["1234/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"
    assert found["202/2025/QH15"].notes == ()  # QH15: the 15th National Assembly, no conflict


def test_short_forms_resolve_to_the_printed_number() -> None:
    text = (
        "Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị (sau đây gọi tắt là Kết luận 34). "
        "Tiếp tục tổ chức đảng bộ khối doanh nghiệp theo Kết luận 34."
    )
    doc = docs(text)["34-KL/TW"]
    assert [m.text for m in doc.mentions] == ["Kết luận số 34-KL/TW", "Kết luận 34", "Kết luận 34"]


def test_a_short_form_without_or_with_two_candidates_stays_unresolved() -> None:
    lonely = extract_text("Việc thực hiện Kết luận 34 còn hạn chế.")
    assert lonely.documents == ()
    assert any("Kết luận 34" in w for w in lonely.warnings)
    two = extract_text("Nghị quyết số 18-NQ/TW và Nghị quyết số 18-NQ/TU. Thực hiện Nghị quyết 18 của tỉnh.")
    assert sorted(d.key for d in two.documents) == ["18-NQ/TU", "18-NQ/TW"]
    assert any("may be any of" in w for w in two.warnings)


@pytest.mark.parametrize(
    ("text", "key", "issuer"),
    [
        (
            "Hội nghị tổng kết việc thực hiện Nghị quyết số 18 ngày 25-10-2017 của Ban Chấp hành Trung ương"
            " Đảng khóa XII về đổi mới, sắp xếp tổ chức bộ máy.",
            "18-NQ/TW",
            "Ban Chấp hành Trung ương Đảng",
        ),
        ("Qua một năm thực hiện Nghị quyết 18 của Ban Chấp hành Trung ương, tỉnh đã", "18-NQ/TW", None),
        ("Bộ Chính trị ban hành Kết luận 34 về thí điểm một số mô hình.", "34-KL/TW", "Bộ Chính trị"),
        ("thực hiện Hướng dẫn số 05 của Ban Tổ chức Trung ương về", "05-HD/BTCTW", "Ban Tổ chức Trung ương"),
        ("Thực hiện Chỉ thị 12 của Ban Thường vụ Tỉnh ủy Hà Tĩnh, ...", "12-CT/TU", None),
    ],
)
def test_a_short_form_without_its_number_takes_the_one_its_party_issuer_prints(
    text: str, key: str, issuer: str | None
) -> None:
    """The number a Party body prints is its serial, the type's code and its own code: nothing invented."""
    found = docs(text)
    assert list(found) == [key]
    if issuer is not None:
        assert found[key].issuer == issuer


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Nghị quyết số 18 của Chính phủ về ...",  # a State body: 18/NQ-CP, another numbering
        "Thực hiện Nghị quyết 05 của Hội đồng nhân dân tỉnh, ...",
        "Thực hiện Quy định số 97 của Bộ Chính trị, ...",  # a Quy định prints QĐi or QĐ: which is unknown
        "Việc thực hiện Nghị quyết 18 còn hạn chế.",  # no issuer
    ],
)
def test_a_short_form_without_a_party_issuer_or_with_two_possible_codes_stays_unresolved(text: str) -> None:
    assert extract_text(text).documents == ()


@pytest.mark.parametrize(
    ("line", "key", "plenum", "term"),
    [
        (
            "triển khai thực hiện Nghị quyết Hội nghị Trung ương 5 (khoá X) và",
            "Nghị quyết Hội nghị Trung ương 5 khóa X",
            5,
            "X",
        ),
        ("Nghị quyết Trung ương 6 khóa XII đã đề ra.", "Nghị quyết Hội nghị Trung ương 6 khóa XII", 6, "XII"),
        (
            "theo Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII.",
            "Nghị quyết Hội nghị Trung ương 4 khóa XII",
            4,
            "XII",
        ),
        # news abbreviates Trung ương
        (
            "triển khai Nghị quyết T.Ư 4 (khóa XII) về xây dựng Đảng",
            "Nghị quyết Hội nghị Trung ương 4 khóa XII",
            4,
            "XII",
        ),
        ("triển khai Nghị quyết TƯ 6 khóa XII.", "Nghị quyết Hội nghị Trung ương 6 khóa XII", 6, "XII"),
        ("theo Nghị quyết Hội nghị TW 7 khóa XII.", "Nghị quyết Hội nghị Trung ương 7 khóa XII", 7, "XII"),
    ],
)
def test_plenum_references(line: str, key: str, plenum: int, term: str) -> None:
    doc = docs(line)[key]
    assert (doc.number, doc.plenum, doc.term, doc.type, doc.issuer) == (
        None,
        plenum,
        term,
        "Nghị quyết",
        "Ban Chấp hành Trung ương Đảng",
    )


def test_lowercase_plural_resolutions_are_not_documents() -> None:
    assert docs("các nghị quyết, kết luận của Hội nghị Trung ương 4, 5, 6 (khóa XIII)") == {}


def test_leading_zeros_make_one_document() -> None:
    assert list(docs("Chỉ thị số 05-CT/TW của Bộ Chính trị và Chỉ thị số 5-CT/TW.")) == ["05-CT/TW"]


def test_mentions_skip_the_incoming_stamp() -> None:
    text = (
        "TỈNH ỦY X\n\nVĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN\nĐẾN\nSố 502, ngày 22/7/2022\n\n"
        "THÔNG BÁO\n\nNội dung 16-TB/TW."
    )
    mentions, _ = find_mentions(parse(text))
    assert [m.key for m in mentions] == ["16-TB/TW"]


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.extract.typewords"))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("text", "key", "term"),
    [
        (
            "Thực hiện quyết liệt theo tinh thần Nghị quyết Đại hội XIII của Đảng.",
            "Nghị quyết Đại hội XIII",
            "XIII",
        ),
        (
            "Quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XI của Đảng.",
            "Nghị quyết Đại hội XI",
            "XI",
        ),
        ("Thực hiện Nghị quyết Đại hội lần thứ 13 của Đảng.", "Nghị quyết Đại hội XIII", "XIII"),
    ],
)
def test_a_resolution_named_by_its_congress(text: str, key: str, term: str) -> None:
    (doc,) = extract_text(text).documents
    assert (doc.key, doc.number, doc.type, doc.issuer, doc.term) == (
        key,
        None,
        "Nghị quyết",
        "Đại hội đại biểu toàn quốc của Đảng",
        term,
    )


@pytest.mark.parametrize(
    "text",
    [
        # a provincial congress; a congress and a plenum that adopt nothing here
        "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020 - 2025.",
        "Chuẩn bị tốt đại hội đảng bộ các cấp tiến tới Đại hội XIV của Đảng.",
        "Hội nghị Trung ương 8 khóa XIII đã đề ra nhiều chủ trương.",
    ],
)
def test_no_document_without_a_resolution(text: str) -> None:
    assert extract_text(text).documents == ()


def test_one_number_in_two_terms_is_two_documents() -> None:
    ext = extract_text(
        "Về các mô hình theo Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị: ổn định. Huyện ủy ban"
        " hành Chương trình số 25-CTr/HU thực hiện Kết luận số 34-KL/TW, ngày 18/4/2022 của Bộ Chính trị"
        " về Chiến lược công tác kiểm tra, giám sát. Qua 3 tháng thực hiện Kết luận số 34-KL/TW, đã kiểm tra"
        " 12 tổ chức đảng."
    )
    found = {d.key: (d.number, d.date, len(d.mentions)) for d in ext.documents if d.number == "34-KL/TW"}
    assert found == {
        "34-KL/TW": ("34-KL/TW", "2018-08-07", 1),
        "34-KL/TW@2022-04-18": ("34-KL/TW", "2022-04-18", 2),
    }
    assert ("25-CTr/HU", "implements", "34-KL/TW@2022-04-18") in {
        (r.source, r.relation, r.target) for r in ext.relations
    }
    assert any("two documents carry this number" in w for w in ext.warnings)


def test_one_number_dated_twice_in_one_term_stays_one_document() -> None:
    ext = extract_text("Kết luận số 50-KL/TW ngày 28/02/2023. Kết luận số 50-KL/TW ngày 28/3/2023.")
    assert [d.key for d in ext.documents] == ["50-KL/TW"]


def test_a_heading_above_a_numbered_point_is_no_short_form() -> None:
    ext = extract_text("I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n\n1. Công tác quán triệt Nghị quyết số 18-NQ/TW.")
    assert ext.warnings == () and [d.key for d in ext.documents] == ["18-NQ/TW"]


def test_joint_issuers_stay_in_the_tail() -> None:
    (doc,) = docs(
        "Thực hiện Kết luận số 127-KL/TW, ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư về triển khai"
        " nghiên cứu."
    ).values()
    assert (doc.issuer, doc.date, doc.title) == ("Bộ Chính trị", "2025-02-28", "về triển khai nghiên cứu")


def test_a_date_in_brackets_of_its_own_is_followed_by_the_issuer() -> None:
    found = docs("Thực hiện Kết luận số 50-KL/TW (ngày 28/02/2023) của Bộ Chính trị, Tỉnh ủy ban hành ...")
    assert (found["50-KL/TW"].date, found["50-KL/TW"].issuer) == ("2023-02-28", "Bộ Chính trị")
    # a mention inside brackets keeps its own closing bracket
    inner = docs(
        "Xem xét đề nghị của Ban Tổ chức Trung ương (Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022) về ..."
    )
    assert inner["175-TTr/BTCTW"].date == "2022-05-23"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # serials listed before the one that prints the codes
        (
            "Thực hiện Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII.",
            {
                "18-NQ/TW": ("Ban Chấp hành Trung ương Đảng", "2017-10-25"),
                "19-NQ/TW": ("Ban Chấp hành Trung ương Đảng", "2017-10-25"),
            },
        ),
        # full numbers under one type word share what the last one states
        (
            "Sau 5 năm thực hiện các Nghị quyết số 18-NQ/TW, 19-NQ/TW của Ban Chấp hành Trung ương khóa XII.",
            {
                "18-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
                "19-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
            },
        ),
        # short forms in a list, resolved by their issuer's printed code
        (
            "Quán triệt Nghị quyết số 18 và 19 của Hội nghị Trung ương 6 khóa XII về sắp xếp tổ chức bộ máy.",
            {
                "18-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
                "19-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
            },
        ),
        # the plenum right after the serials, without "của" (session 15's note: not read then)
        (
            "Quán triệt Nghị quyết số 18, 19 Hội nghị Trung ương 6 khóa XII về sắp xếp tổ chức bộ máy.",
            {
                "18-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
                "19-NQ/TW": ("Ban Chấp hành Trung ương Đảng", None),
            },
        ),
        # the issuer before the first and the date after the last
        (
            "Ban Thường vụ Tỉnh ủy ban hành các Quyết định số 1240, 1241 và 1242-QĐ/TU ngày 5/3/2019"
            " về thành lập.",
            {
                "1240-QĐ/TU": ("Ban Thường vụ Tỉnh ủy", "2019-03-05"),
                "1241-QĐ/TU": ("Ban Thường vụ Tỉnh ủy", "2019-03-05"),
                "1242-QĐ/TU": ("Ban Thường vụ Tỉnh ủy", "2019-03-05"),
            },
        ),
    ],
)
def test_a_list_under_one_type_word_shares_its_issuer_and_date(
    text: str, expected: dict[str, tuple[str | None, str | None]]
) -> None:
    found = {key: (d.issuer, d.date) for key, d in docs(text).items()}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        # each document has its own type word: the Politburo issued the conclusion only
        "Thực hiện Nghị quyết 18-NQ/TW, Kết luận 34-KL/TW ngày 7/8/2018 của Bộ Chính trị.",
        "Thực hiện Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Bộ Chính trị.",
        # a different issuer code ends the list
        "Thực hiện Kết luận số 34-KL/TU, 35-KL/TW ngày 7/8/2018 của Bộ Chính trị.",
    ],
)
def test_documents_that_are_no_list_keep_what_each_states(text: str) -> None:
    first, last = docs(text).values()
    assert (first.issuer, first.date) == (None, None)
    assert last.issuer == "Bộ Chính trị"


def test_numbers_after_a_clause_word_are_no_list() -> None:
    assert set(docs("Theo khoản 2, 3-NQ/TW của văn bản.")) == {"3-NQ/TW"}


def test_a_heading_that_lists_two_documents_presents_neither() -> None:
    ext = extract_text("Kết luận số 34-KL/TW, 35-KL/TW ngày 7/8/2018 của Bộ Chính trị.")
    assert ext.document is None
    assert {d.key: d.date for d in ext.documents} == {"34-KL/TW": "2018-08-07", "35-KL/TW": "2018-08-07"}


def test_both_documents_of_a_list_get_the_relation() -> None:
    ext = extract_text(
        "Thực hiện Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương, Ban Thường vụ"
        " Tỉnh ủy đã ban hành Kế hoạch số 45-KH/TU."
    )
    assert {(r.source, r.relation, r.target) for r in ext.relations} == {
        ("45-KH/TU", "implements", "18-NQ/TW"),
        ("45-KH/TU", "implements", "19-NQ/TW"),
    }


def test_an_abbreviated_plenum_as_an_issuer() -> None:
    doc = docs("Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị TƯ 6 khóa XII.")["18-NQ/TW"]
    assert (doc.issuer, doc.plenum, doc.term) == ("Ban Chấp hành Trung ương Đảng", 6, "XII")


def test_lowercase_words_that_fold_like_the_abbreviation_are_no_plenum() -> None:
    assert docs("Nghị quyết từ 6 tháng đầu năm; Nghị quyết Hội nghị tư 6.") == {}


def test_a_central_steering_committee_by_its_name_and_by_its_code() -> None:
    named = docs("Thực hiện Công văn số 43-CV/BCĐ ngày 10/1/2025 của Ban Chỉ đạo Trung ương về tổng kết.")
    assert named["43-CV/BCĐ"].issuer == "Ban Chỉ đạo Trung ương"
    assert (
        docs("Theo Kế hoạch số 05-KH/BCĐTW, các tỉnh ủy báo cáo.")["05-KH/BCĐTW"].issuer
        == "Ban Chỉ đạo Trung ương"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Tổng kết Nghị quyết số 18-NQ/TW ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XII về “Một"
        " số vấn đề về tiếp tục đổi mới” trên địa bàn tỉnh.",
        # news writes single quotes
        "Tổng kết Nghị quyết số 18-NQ/TW ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XII về 'Một"
        " số vấn đề về tiếp tục đổi mới' trên địa bàn tỉnh.",
    ],
)
def test_a_quoted_title_after_ve_ends_with_its_quote(text: str) -> None:
    assert docs(text)["18-NQ/TW"].title == "về Một số vấn đề về tiếp tục đổi mới"


def test_an_apostrophe_in_a_title_is_kept() -> None:
    title = docs("Thực hiện Kết luận số 05-KL/HU về phát triển kinh tế huyện Cư M'gar; giao các xã.")[
        "05-KL/HU"
    ].title
    assert title == "về phát triển kinh tế huyện Cư M'gar"


def test_a_short_form_is_not_a_number_of_another_issuer() -> None:
    ext = extract_text(
        "Thực hiện Nghị quyết số 18 ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII, Tỉnh ủy"
        " đã ban hành Nghị quyết số 18-NQ/TU ngày 5/3/2018 về sắp xếp tổ chức bộ máy."
    )
    assert {d.key: (d.issuer, d.date) for d in ext.documents} == {
        "18-NQ/TW": ("Ban Chấp hành Trung ương Đảng", "2017-10-25"),
        "18-NQ/TU": ("Tỉnh ủy", "2018-03-05"),
    }
    assert [(r.source, r.relation, r.target) for r in ext.relations] == [
        ("18-NQ/TU", "implements", "18-NQ/TW")
    ]


@pytest.mark.parametrize(
    ("text", "issuer", "province"),
    [
        (
            "Ngày 15/8/2025, Đảng ủy xã Đức Thọ, tỉnh Hà Tĩnh ban hành Kế hoạch số 12-KH/ĐU về chuyển đổi"
            " số.",
            "Đảng ủy xã Đức Thọ",
            "Hà Tĩnh",
        ),
        (
            "Ngày 20/9/2025, Tỉnh ủy Lào Cai (mới) ban hành Kế hoạch số 05-KH/TU thực hiện Kết luận số"
            " 183-KL/TW.",
            "Tỉnh ủy Lào Cai",
            "Lào Cai",
        ),
    ],
)
def test_the_issuer_before_the_verb_with_its_province_or_its_newness_between(
    text: str, issuer: str, province: str
) -> None:
    own = extract_text(text).document
    assert own is not None and (own.issuer, own.province) == (issuer, province)
