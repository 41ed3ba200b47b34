"""The text's own document and the kind of text."""

from __future__ import annotations

import pytest

from graph.extract import extract_text

NOTICE = """BAN CHẤP HÀNH TRUNG ƯƠNG

ĐẢNG CỘNG SẢN VIỆT NAM

*
Số 16-KL/TW

Hà Nội, ngày 07 tháng 7 năm 2022

VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN
ĐẾN
Số 502, ngày 22/7/2022

THÔNG BÁO
KẾT LUẬN CỦA BỘ CHÍNH TRỊ

về thực hiện một số mô hình thí điểm

Bộ Chính trị kết luận như sau: tiếp tục thực hiện các mô hình.

Nơi nhận:
- Các tỉnh uỷ, thành uỷ,
- Lưu Văn phòng Trung ương Đảng.

T/M BỘ CHÍNH TRỊ

Võ Văn Thưởng
"""


def test_an_official_notice() -> None:
    ext = extract_text(NOTICE)
    doc = ext.document
    assert ext.kind == "official_text" and doc is not None
    # the type line wins over the printed code, and says so
    assert (doc.number, doc.type, doc.type_code) == ("16-TB/TW", "Thông báo", "TB")
    assert any("16-KL/TW" in w for w in ext.warnings)
    assert (doc.issuer, doc.issuer_code, doc.date, doc.place) == (
        "Bộ Chính trị",
        "TW",
        "2022-07-07",
        "Hà Nội",
    )
    assert doc.title == "Thông báo kết luận của Bộ Chính trị về thực hiện một số mô hình thí điểm"
    assert [(s.name, s.capacity) for s in doc.signers] == [("Võ Văn Thưởng", "T/M Bộ Chính trị")]
    assert doc.recipients == ("Các tỉnh uỷ, thành uỷ", "Lưu Văn phòng Trung ương Đảng")
    # the incoming stamp is who received the copy: not the issuer, number or date
    (receipt,) = doc.received
    assert (receipt.by, receipt.number, receipt.date) == ("Văn phòng Tỉnh ủy Điện Biên", "502", "2022-07-22")
    assert doc.number_span is not None and doc.number_span.text == "Số 16-KL/TW"
    assert doc.date_span is not None and doc.date_span.text == "Hà Nội, ngày 07 tháng 7 năm 2022"
    assert [d.key for d in ext.documents] == ["16-TB/TW"]


def test_a_flattened_header_line() -> None:
    text = NOTICE.replace(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n*\nSố 16-KL/TW\n\n",
        "BAN CHẤP HÀNH TRUNG ƯƠNG    ĐẢNG CỘNG SẢN VIỆT NAM\n*    Số 16-TB/TW    ",
    )
    doc = extract_text(text).document
    assert doc is not None
    assert (doc.number, doc.issuer, doc.date, doc.place) == (
        "16-TB/TW",
        "Bộ Chính trị",
        "2022-07-07",
        "Hà Nội",
    )


def test_issuer_from_header_and_signature() -> None:
    text = """TỈNH ỦY HÀ TĨNH
*
Số 55-KL/TU

Hà Tĩnh, ngày    tháng 8 năm 2022

KẾT LUẬN
về thực hiện Thông báo Kết luận số 16-TB/TW

Nội dung kết luận.

T/M BAN THƯỜNG VỤ
K/T BÍ THƯ
PHÓ BÍ THƯ THƯỜNG TRỰC

Trần Thế Dũng
"""
    ext = extract_text(text)
    doc = ext.document
    assert doc is not None
    assert (doc.issuer, doc.province) == ("Ban Thường vụ Tỉnh ủy Hà Tĩnh", "Hà Tĩnh")
    assert doc.date == "2022-08"  # the day is left blank on the copy
    assert any("leaves the day blank" in w for w in ext.warnings)
    assert doc.signers[0].capacity == "T/M Ban Thường vụ Tỉnh ủy Hà Tĩnh, K/T Bí thư, Phó Bí thư Thường trực"


def test_markdown_notice_without_a_number() -> None:
    text = (
        "\n**THÔNG BÁO**\n\n**KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY  \ntại Hội nghị tổng kết**\n\n-----\n\n"
        "Ngày 22/02/2017, đồng chí Bí thư Tỉnh ủy đã chủ trì Hội nghị.\n\n#### Nơi nhận:\n\n- Lưu VP.\n\n"
        "#### **CHÁNH VĂN PHÒNG**\n\n*(đã ký)*\n\n**Lê Tấn Lai**"
    )
    ext = extract_text(text)
    doc = ext.document
    assert ext.kind == "official_text" and doc is not None
    assert (doc.number, doc.type, doc.issuer, doc.date, doc.province) == (
        None,
        "Thông báo",
        "Thường trực Tỉnh ủy",
        None,
        None,
    )  # the meeting's date is not the notice's
    assert doc.title == "Thông báo kết luận của Thường trực Tỉnh ủy tại Hội nghị tổng kết"
    assert [(s.name, s.capacity) for s in doc.signers] == [("Lê Tấn Lai", "Chánh Văn phòng")]


def test_a_portal_page() -> None:
    text = (
        "Thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh, Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng đã ký Kết luận "
        "số 55-KL/TU của Ban Thường vụ Tỉnh ủy về thực hiện Thông báo Kết luận số 16-TB/TW ngày 7/7/2022 của "
        "Bộ Chính trị.\n\nNgày 10/8/2022, Tỉnh ủy Hà Tĩnh tổ chức hội nghị sơ kết."
    )
    ext = extract_text(text)
    doc = ext.document
    assert ext.kind == "portal" and doc is not None
    assert (doc.number, doc.type, doc.issuer, doc.date, doc.province) == (
        "55-KL/TU",
        "Kết luận",
        "Ban Thường vụ Tỉnh ủy Hà Tĩnh",
        None,
        "Hà Tĩnh",
    )
    (signer,) = doc.signers
    assert signer.name == "Trần Thế Dũng"
    assert signer.capacity == "Phó Bí thư Thường trực Tỉnh ủy, thay mặt Ban Thường vụ Tỉnh ủy Hà Tĩnh"


def test_a_portal_date_when_the_issue_is_dated() -> None:
    ext = extract_text(
        "Ngày 12/8/2022, Ban Thường vụ Tỉnh ủy Hà Tĩnh ban hành Kết luận số 55-KL/TU về thực hiện "
        "Thông báo Kết luận số 16-TB/TW của Bộ Chính trị."
    )
    assert ext.kind == "portal" and ext.document is not None
    assert (ext.document.number, ext.document.date) == ("55-KL/TU", "2022-08-12")


def test_a_news_article() -> None:
    text = (
        "Sign In\n\nCổng thông tin điện tử\n\nQuý II sẽ khảo sát\n\n23:48 03/04/2023\n(ĐCSVN) – Hội"
        " nghị cũng "
        "đồng thời quán triệt Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18-NQ/TW của"
        " BCH Trung "
        "ương Đảng (khóa XII), do Ban Tổ chức Trung ương tổ chức chiều 3/4.\n\nHiền"
        " Hòa\n\nTag:\n\nFile đính kèm"
    )
    ext = extract_text(text)
    assert (ext.kind, ext.document, ext.published) == ("news", None, "2023-04-03")
    assert {d.key for d in ext.documents} == {"50-KL/TW", "18-NQ/TW"}


def test_an_empty_text() -> None:
    ext = extract_text("")
    assert (ext.kind, ext.document, ext.documents) == ("unknown", None, ())


def test_an_organ_under_its_committee_in_the_header() -> None:
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG             ĐẢNG CỘNG SẢN VIỆT NAM\n      BAN TỔ CHỨC\n          *"
        "                     Hà Nội, ngày 25 tháng 9 năm 2024\n   Số 26-HD/BTCTW\n\nHƯỚNG DẪN\nmột số"
        " vấn đề về đại hội\n\nNội dung.\n\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n\nNguyễn Quang Dũng\n"
    )
    ext = extract_text(text)
    doc = ext.document
    assert doc is not None and ext.warnings == ()
    assert (doc.number, doc.type, doc.issuer, doc.date, doc.place) == (
        "26-HD/BTCTW",
        "Hướng dẫn",
        "Ban Tổ chức Trung ương",
        "2024-09-25",
        "Hà Nội",
    )
    assert [(s.name, s.capacity) for s in doc.signers] == [
        ("Nguyễn Quang Dũng", "K/T Trưởng ban, Phó Trưởng ban Thường trực")
    ]


def test_a_district_text_names_its_province_above_its_committee() -> None:
    text = (
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY CAN LỘC\n*\nCan Lộc, ngày 12 tháng 9 năm"
        " 2022\nSố: 215 - BC/HU\n\nBÁO CÁO\nkết quả công tác\n\nBan Thường vụ Huyện ủy báo cáo; Ban Tổ chức"
        " Tỉnh ủy ban hành Hướng dẫn số 15-HD/BTCTU.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nPhan Văn Long\n"
    )
    ext = extract_text(text)
    doc = ext.document
    assert doc is not None
    assert (doc.number, doc.issuer, doc.province, doc.place) == (
        "215-BC/HU",
        "Ban Thường vụ Huyện ủy Can Lộc",
        "Hà Tĩnh",
        "Can Lộc",
    )
    cited = {d.key: d.issuer for d in ext.documents}
    assert cited["15-HD/BTCTU"] == "Ban Tổ chức Tỉnh ủy Hà Tĩnh"


@pytest.mark.parametrize(
    ("header", "number", "place_date", "issuer"),
    [
        # Hồ Chí Minh City numbers its districts; the place-date line names the district so
        (
            "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH\nQUẬN ỦY QUẬN 4",
            "02-BC/QU",
            "Quận 4",
            "Ban Thường vụ Quận ủy Quận 4",
        ),
        # three wards of Bảo Lộc kept their numbers in the 2025 reform
        (
            "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY PHƯỜNG 1 BẢO LỘC",
            "02-BC/ĐU",
            "Phường 1 Bảo Lộc",
            "Ban Thường vụ Đảng ủy phường 1 Bảo Lộc",
        ),
    ],
)
def test_a_unit_named_by_a_number_dates_its_text(
    header: str, number: str, place_date: str, issuer: str
) -> None:
    text = (
        f"{header}\n          *\n   Số {number}                           {place_date}, ngày 28 tháng 12 năm"
        " 2025\n\nBÁO CÁO\n\ntổng kết công tác\n\nBan Thường vụ báo cáo như sau.\n\nT/M BAN THƯỜNG VỤ\n"
        "BÍ THƯ\n\nBùi Văn Nam\n"
    )
    doc = extract_text(text).document
    assert doc is not None
    assert (doc.number, doc.date, doc.place, doc.issuer) == (number, "2025-12-28", place_date, issuer)


def test_the_issuer_of_a_title_follows_its_type_words_only() -> None:
    text = (
        "ĐẢNG ỦY XÃ PHÚ LÝ\n*\nSố 05-CTr/ĐU\n\nPhú Lý, ngày 05 tháng 8 năm 2025\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "thực hiện nghị quyết của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số\n\nNội dung.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn Sáu\n"
    )
    doc = extract_text(text).document
    assert doc is not None and doc.issuer == "Ban Thường vụ Đảng ủy xã Phú Lý"


def test_a_portal_signer_named_before_the_title() -> None:
    ext = extract_text(
        "Đồng chí Trần Minh Quang, Phó Bí thư Thường trực Tỉnh ủy đã ký ban hành Kế hoạch số 245-KH/TU ngày"
        " 03/3/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 126-KL/TW. Ban Thường vụ Tỉnh ủy"
        " Quảng Ngãi yêu cầu các cấp ủy triển khai thực hiện nghiêm túc Kế hoạch."
    )
    doc = ext.document
    assert ext.kind == "portal" and doc is not None
    assert (doc.number, doc.issuer, doc.date) == (
        "245-KH/TU",
        "Ban Thường vụ Tỉnh ủy Quảng Ngãi",
        "2025-03-03",
    )
    assert [(s.name, s.capacity) for s in doc.signers] == [
        ("Trần Minh Quang", "Phó Bí thư Thường trực Tỉnh ủy")
    ]


def test_a_report_on_several_issued_documents_is_news() -> None:
    ext = extract_text(
        "Thực hiện Nghị quyết số 27-NQ/TW, Ban Thường vụ Tỉnh ủy Lào Cai đã ban hành Chương trình hành động"
        " số 95-CTr/TU nhằm cụ thể hóa các mục tiêu. Ban Tuyên giáo Tỉnh ủy đã ban hành Hướng dẫn số"
        " 45-HD/BTGTU hướng dẫn thực hiện Chương trình hành động số 95-CTr/TU."
    )
    assert (ext.kind, ext.document) == ("news", None)


def test_a_joint_document_has_both_issuers() -> None:
    """ "BAN TỔ CHỨC - BAN DÂN VẬN" under "TỈNH ỦY TRÀ VINH" prints both codes: 04-QC/BTCTU-BDVTU."""
    text = (
        "TỈNH ỦY TRÀ VINH                            ĐẢNG CỘNG SẢN VIỆT NAM\nBAN TỔ CHỨC - BAN DÂN VẬN\n"
        "          *\n   Số 04-QC/BTCTU-BDVTU                  Trà Vinh, ngày 10 tháng 3 năm 2023\n\n"
        "QUY CHẾ\nphối hợp giữa Ban Tổ chức và Ban Dân vận Tỉnh ủy\n\nĐiều 1. Phạm vi điều chỉnh.\n\n"
        "K/T TRƯỞNG BAN TỔ CHỨC\nPHÓ TRƯỞNG BAN\n\nNguyễn Văn An\n"
    )
    ext = extract_text(text)
    doc = ext.document
    assert doc is not None and ext.warnings == ()
    assert (doc.number, doc.type, doc.issuer, doc.province) == (
        "04-QC/BTCTU-BDVTU",
        "Quy chế",
        "Ban Tổ chức Tỉnh ủy Trà Vinh, Ban Dân vận Tỉnh ủy Trà Vinh",
        "Trà Vinh",
    )
    (own,) = [d for d in ext.documents if d.key == doc.number]
    assert own.issuer == doc.issuer


def test_a_plenum_resolution_is_adopted_by_its_plenum() -> None:
    """Its type lines name the plenum that adopted it, with the term: no cited plenum reference."""
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 20-NQ/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 13 tháng 02 năm"
        " 2019\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ MƯỜI MỘT\nBAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XII\n\nvề tiếp"
        " tục thực hiện Nghị quyết số 01-NQ/TW\n\nBAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG QUYẾT NGHỊ:\n\n1. Nội dung."
        "\n\nT/M BAN CHẤP HÀNH TRUNG ƯƠNG\nTỔNG BÍ THƯ\n\nNguyễn Phú Trọng\n"
    )
    ext = extract_text(text)
    doc = ext.document
    assert doc is not None
    assert (doc.number, doc.type, doc.issuer, doc.term) == (
        "20-NQ/TW",
        "Nghị quyết",
        "Ban Chấp hành Trung ương Đảng",
        "XII",
    )
    assert sorted(d.key for d in ext.documents) == ["01-NQ/TW", "20-NQ/TW"]
    assert [(r.source, r.relation, r.target) for r in ext.relations] == [
        ("20-NQ/TW", "continues", "01-NQ/TW")
    ]


@pytest.mark.parametrize(
    ("district", "province"),
    [
        ("Đầm Hà", "Quảng Ninh"),  # one district of that name: it says its province
        ("Châu Thành", None),  # a district of seven provinces: it says nothing
        ("Phước Long", "Bạc Liêu"),  # the huyện; the thị xã Phước Long is Bình Phước's
    ],
)
def test_a_news_text_stands_in_the_province_of_its_district(district: str, province: str | None) -> None:
    text = (
        "Ban Thường vụ Huyện uỷ ban hành kết luận về công tác cán bộ\n\n15:50 09/03/2009\n\n"
        f"Ban Thường vụ Huyện uỷ {district} vừa ban hành Kết luận số 03-KL/HU về tổng kết việc thực hiện"
        " Kế hoạch số 05-KH/TU, ngày 25/12/2008 của Ban Thường vụ Tỉnh uỷ.\n"
    )
    issuers = {d.key: d.issuer for d in extract_text(text).documents}
    assert issuers["05-KH/TU"] == (
        f"Ban Thường vụ Tỉnh ủy {province}" if province else "Ban Thường vụ Tỉnh ủy"
    )


def test_units_of_two_provinces_place_a_text_in_neither() -> None:
    text = (
        "Ban Thường vụ Huyện ủy Đầm Hà và Ban Thường vụ Huyện ủy Đức Thọ ban hành Kết luận số 03-KL/HU và"
        " Kết luận số 04-KL/HU thực hiện Kế hoạch số 05-KH/TU của Ban Thường vụ Tỉnh ủy.\n"
    )
    issuers = {d.key: d.issuer for d in extract_text(text).documents}
    assert issuers["05-KH/TU"] == "Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("THÀNH ỦY HÀ NỘI", "Ban Thường vụ Thành ủy Hà Nội"),  # a city under central authority
        ("TỈNH ỦY QUẢNG NINH", "Ban Thường vụ Thành ủy"),  # a city of the province (Hạ Long, Uông Bí ...)
    ],
)
def test_a_thanh_uy_named_without_its_place_is_the_provinces_only_in_a_central_city(header: str, issuer: str):
    text = (
        f"{header}\n*\nSố 07-BC/TU\n\nNgày 5 tháng 4 năm 2020\n\nBÁO CÁO\nvề việc thực hiện\n\n"
        "Thực hiện Kế hoạch số 05-KH/TU ngày 12/3/2019 của Ban Thường vụ Thành ủy, ...\n"
    )
    issuers = {d.key: d.issuer for d in extract_text(text).documents}
    assert issuers["05-KH/TU"] == issuer
