"""Bodies: canonical entries of bodies.yaml from the many ways texts name them."""

from __future__ import annotations

import pytest

from graph.extract.bodies import (
    body_by_key,
    body_for_code,
    body_label,
    code_agrees,
    compose_organ,
    find_bodies,
    proper_case,
    resolve_body,
)
from graph.extract.home import Home, localise
from graph.parse import ascii_view
from graph.text import match_view, slug


@pytest.mark.parametrize(
    ("label", "key", "level", "province", "district"),
    [
        ("Ban Chấp hành Trung ương Đảng khoá XII", "ban-chap-hanh-trung-uong", "central", None, None),
        ("BCH Trung ương", "ban-chap-hanh-trung-uong", "central", None, None),
        ("BCH Trung ương Đảng (khóa XII)", "ban-chap-hanh-trung-uong", "central", None, None),
        ("Hội nghị Trung ương 5 (khóa XIII)", "ban-chap-hanh-trung-uong", "central", None, None),
        (
            "Hội nghị lần thứ sáu, BCH Trung ương Đảng khóa XII",
            "ban-chap-hanh-trung-uong",
            "central",
            None,
            None,
        ),
        ("Ban Chấp hành Trung ương 4 (khoá XII)", "ban-chap-hanh-trung-uong", "central", None, None),
        ("Bộ Chính trị", "bo-chinh-tri", "central", None, None),
        ("T/M BỘ CHÍNH TRỊ", "bo-chinh-tri", "central", None, None),
        ("Ban Bí thư", "ban-bi-thu", "central", None, None),
        ("Ban Tổ chức Trung ương", "ban-to-chuc-trung-uong", "central", None, None),
        ("Văn phòng Trung ương Đảng", "van-phong-trung-uong", "central", None, None),
        ("Ban Thường vụ Tỉnh ủy Hà Tĩnh", "ban-thuong-vu-tinh-uy", "province", "Hà Tĩnh", None),
        ("Ban Thường vụ Tỉnh uỷ Hà Tĩnh", "ban-thuong-vu-tinh-uy", "province", "Hà Tĩnh", None),
        ("Văn phòng Tỉnh ủy Điện Biên", "van-phong-tinh-uy", "province", "Điện Biên", None),
        ("VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN", "van-phong-tinh-uy", "province", "Điện Biên", None),
        ("Thường trực Tỉnh ủy", "thuong-truc-tinh-uy", "province", None, None),
        ("Tỉnh ủy Bà Rịa - Vũng Tàu", "tinh-uy", "province", "Bà Rịa - Vũng Tàu", None),
        ("Thành ủy Hà Nội", "thanh-uy", "province", "Hà Nội", None),
        ("Thành ủy TP. Hồ Chí Minh", "thanh-uy", "province", "Hồ Chí Minh", None),
        ("Thành ủy Hà Tĩnh", "thanh-uy", "district", None, "Hà Tĩnh"),
        ("Ban Thường vụ Huyện ủy Đức Thọ", "ban-thuong-vu-huyen-uy", "district", None, "Đức Thọ"),
        ("Ban Tổ chức Huyện ủy Kỳ Anh", "ban-to-chuc-huyen-uy", "district", None, "Kỳ Anh"),
        (
            "Ban cán sự đảng Ủy ban nhân dân tỉnh",
            "ban-can-su-dang-uy-ban-nhan-dan-tinh",
            "province",
            None,
            None,
        ),
        ("Ban Thuong vu Tinh uy Ha Tinh", "ban-thuong-vu-tinh-uy", "province", "Hà Tĩnh", None),
        # central committees beside the Central Committee's organs: not a district's "Quận ủy" (without
        # tones the same letters), not a province's bloc committee
        ("Quân ủy Trung ương", "quan-uy-trung-uong", "central", None, None),
        ("Đảng ủy Công an Trung ương", "dang-uy-cong-an-trung-uong", "central", None, None),
        (
            "Đảng ủy Khối Doanh nghiệp Trung ương",
            "dang-uy-khoi-doanh-nghiep-trung-uong",
            "central",
            None,
            None,
        ),
        ("Quận ủy Ba Đình", "quan-uy", "district", None, "Ba Đình"),
        # a name that folds to a unit word is no unit word: not "tỉnh Biên", "quận Hóa"
        ("Ban Thường vụ Thị uỷ Tịnh Biên", "ban-thuong-vu-thi-uy", "district", None, "Tịnh Biên"),
        ("Huyện ủy Quan Hóa", "huyen-uy", "district", None, "Quan Hóa"),
        ("Huyện ủy huyện Đức Thọ", "huyen-uy", "district", None, "Đức Thọ"),
        # Hồ Chí Minh City numbers its districts
        ("Quận ủy Quận 1", "quan-uy", "district", None, "Quận 1"),
        ("QUẬN ỦY QUẬN 10", "quan-uy", "district", None, "Quận 10"),
        ("Ban Thường vụ Quận ủy quận 3", "ban-thuong-vu-quan-uy", "district", None, "Quận 3"),
        # and wards ("Phường 12"); three wards of Bảo Lộc kept a number after 2025 ("Phường 1 Bảo Lộc")
        ("ĐẢNG ỦY PHƯỜNG 12", "dang-uy-phuong", "commune", None, "12"),
        ("Ban Thường vụ Đảng ủy phường 7", "ban-thuong-vu-dang-uy-phuong", "commune", None, "7"),
        ("Đảng ủy phường 1 Bảo Lộc", "dang-uy-phuong", "commune", None, "1 Bảo Lộc"),
        ("ĐẢNG ỦY PHƯỜNG 1 BẢO LỘC", "dang-uy-phuong", "commune", None, "1 Bảo Lộc"),
        ("Đảng ủy Phường 12 Quận 3", "dang-uy-phuong", "commune", None, "12"),
    ],
)
def test_resolve_body(label: str, key: str, level: str, province: str | None, district: str | None) -> None:
    body = resolve_body(label)
    assert body is not None
    assert (body.key, body.level, body.province, body.district) == (key, level, province, district)
    assert body.key == slug(body.key)  # keys are stable slugs


@pytest.mark.parametrize("label", ["tham mưu", "Hội nghị", "đồng chí Mai Văn Chính", "Sở Nội vụ", ""])
def test_not_a_body(label: str) -> None:
    assert resolve_body(label) is None


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Ban Tổ chức Trung ương", "BTCTW"),
        ("Bộ Chính trị", "TW"),
        ("Văn phòng Tỉnh ủy", "VPTU"),
        ("Ban Thường vụ Tỉnh ủy", "TU"),
        ("Ban Thường vụ Huyện ủy", "HU"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU"),
    ],
)
def test_codes(label: str, code: str) -> None:
    body = resolve_body(label)
    assert body is not None and body.code == code


def test_body_label_and_keys() -> None:
    body = resolve_body("Ban Thường vụ Tỉnh ủy Hà Tĩnh")
    assert body is not None and body_label(body) == "Ban Thường vụ Tỉnh ủy Hà Tĩnh"
    assert body.parent == "tinh-uy" and body_by_key(body.parent) is not None
    assert body_by_key("ban-thuong-vu-tinh-uy") is not None
    assert body_by_key("no-such-body") is None


def test_every_parent_is_a_key() -> None:
    for key in ("bo-chinh-tri", "ban-to-chuc-trung-uong", "van-phong-huyen-uy", "huyen-uy"):
        body = body_by_key(key)
        assert body is not None and body.parent is not None and body_by_key(body.parent) is not None


def test_code_helpers() -> None:
    assert body_for_code("BTCTW") == body_by_key("ban-to-chuc-trung-uong")
    assert body_for_code("TW") is None  # shared by the Central Committee, Politburo and Secretariat
    politburo, board = resolve_body("Bộ Chính trị"), resolve_body("Ban Thường vụ Tỉnh ủy")
    assert politburo is not None and board is not None
    assert code_agrees(politburo, "TW") and not code_agrees(politburo, "TU")
    assert code_agrees(board, "TU") and not code_agrees(board, "TW")


def test_find_bodies_with_plenum_and_term() -> None:
    text = "Nghị quyết số 21-NQ/TW của Hội nghị Trung ương 5 (khóa XIII) và Kế hoạch của Bộ Chính trị"
    found = find_bodies(text, ascii_view(match_view(text)), 0, len(text))
    assert [(text[b.start : b.end], b.info.key, b.plenum, b.term) for b in found] == [
        ("Hội nghị Trung ương 5 (khóa XIII)", "ban-chap-hanh-trung-uong", 5, "XIII"),
        ("Bộ Chính trị", "bo-chinh-tri", None, None),
    ]


def test_a_person_after_a_committee_is_not_its_place() -> None:
    text = "Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng"
    (found,) = find_bodies(text, ascii_view(match_view(text)), 0, len(text))
    assert (found.info.key, found.info.province) == ("thuong-truc-tinh-uy", None)


@pytest.mark.parametrize(
    ("upper", "cased"),
    [
        ("KẾT LUẬN CỦA BỘ CHÍNH TRỊ", "Kết luận của Bộ Chính trị"),
        ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
        ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư Thường trực"),
        ("TỈNH ỦY HÀ TĨNH", "Tỉnh ủy Hà Tĩnh"),
    ],
)
def test_proper_case(upper: str, cased: str) -> None:
    assert proper_case(upper) == cased


def test_module_examples() -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("graph.extract.bodies"))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("label", "key", "level", "code", "text"),
    [
        ("Đảng ủy phường Long Xuyên", "dang-uy-phuong", "commune", "ĐU", "Đảng ủy phường Long Xuyên"),
        (
            "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ PHÚ LÝ",
            "ban-thuong-vu-dang-uy-xa",
            "commune",
            "ĐU",
            "Ban Thường vụ Đảng ủy xã Phú Lý",
        ),
        (
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN\nVÀ DOANH NGHIỆP TỈNH",
            "dang-uy-khoi-cac-co-quan-va-doanh-nghiep-tinh",
            "province",
            "ĐUK",
            "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh",
        ),
        (
            "Đại hội đại biểu toàn quốc của Đảng",
            "dai-hoi-dai-bieu-toan-quoc",
            "central",
            None,
            "Đại hội đại biểu toàn quốc của Đảng",
        ),
    ],
)
def test_commune_bloc_and_congress_bodies(
    label: str, key: str, level: str, code: str | None, text: str
) -> None:
    info = resolve_body(label)
    assert info is not None
    assert (info.key, info.level, info.code, body_label(info)) == (key, level, code, text)


@pytest.mark.parametrize(
    ("organ", "committee", "label"),
    [
        ("VĂN PHÒNG", "Ban Chấp hành Trung ương", "Văn phòng Trung ương Đảng"),
        ("BAN TỔ CHỨC", "Ban Chấp hành Trung ương", "Ban Tổ chức Trung ương"),
        ("BAN TỔ CHỨC", "Tỉnh ủy Hà Tĩnh", "Ban Tổ chức Tỉnh ủy Hà Tĩnh"),
        ("ỦY BAN KIỂM TRA", "Huyện ủy Can Lộc", "Ủy ban Kiểm tra Huyện ủy Can Lộc"),
    ],
)
def test_an_organ_of_a_committee(organ: str, committee: str, label: str) -> None:
    info = resolve_body(committee)
    assert info is not None
    composed = compose_organ(organ, info)
    assert composed is not None and body_label(composed) == label


@pytest.mark.parametrize(
    ("label", "home", "placed"),
    [
        ("Ban Thường vụ Thành ủy", ("Nghệ An", "Thành ủy Vinh"), "Ban Thường vụ Thành ủy Vinh"),
        ("Thành ủy", ("Nghệ An", "Thành ủy Vinh"), "Thành ủy Vinh"),
        ("Tỉnh ủy", ("Nghệ An", "Thành ủy Vinh"), "Tỉnh ủy Nghệ An"),
        ("Ban Thường vụ Quận ủy", ("Hà Nội", "Quận ủy Ba Đình"), "Ban Thường vụ Quận ủy Ba Đình"),
        (
            "Ban Thường vụ Đảng ủy Khối",
            ("Bình Dương", "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Bình Dương"),
            "Ban Thường vụ Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Bình Dương",
        ),
        ("Ban Thường vụ Tỉnh ủy", ("Quảng Ngãi", None), "Ban Thường vụ Tỉnh ủy Quảng Ngãi"),
        ("Ban Thường vụ Huyện ủy", ("Quảng Ngãi", None), "Ban Thường vụ Huyện ủy"),  # which district: unknown
        ("Bộ Chính trị", ("Quảng Ngãi", "Tỉnh ủy Quảng Ngãi"), "Bộ Chính trị"),
    ],
)
def test_a_body_named_without_its_place(label: str, home: tuple[str, str | None], placed: str) -> None:
    info = resolve_body(label)
    committee = resolve_body(home[1]) if home[1] else None
    assert info is not None
    assert body_label(localise(info, Home(home[0], committee))) == placed


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # a name with an apostrophe before a space (Kon Tum's district Ia H' Drai)
        ("Ban Thường vụ Huyện ủy Ia H' Drai vừa ban hành", "Ban Thường vụ Huyện ủy Ia H' Drai"),
        ("Huyện ủy Cư M'gar", "Huyện ủy Cư M'gar"),
        # an apostrophe the name does not go on after closes a quote
        ("'Huyện ủy Đức Thọ' về", "Huyện ủy Đức Thọ"),
    ],
)
def test_place_names_with_an_apostrophe(text: str, named: str) -> None:
    (found,) = find_bodies(text, ascii_view(match_view(text)), 0, len(text))
    assert text[found.start : found.end] == named
    assert body_label(found.info) == named


def test_a_place_name_may_end_with_a_number_but_not_take_a_document_number_or_a_year():
    # the communes of the 2025 reform: "Đam Rông 1" to "Đam Rông 4" are four communes of Lâm Đồng
    assert resolve_body("Đảng ủy xã Đam Rông 3").district == "Đam Rông 3"
    assert resolve_body("ĐẢNG ỦY XÃ ĐAM RÔNG 2").district == "Đam Rông 2"
    assert resolve_body("Huyện ủy Đức Thọ 12-KL/HU").district == "Đức Thọ"
    assert resolve_body("Huyện ủy Đức Thọ 2022").district == "Đức Thọ"
    assert resolve_body("Huyện ủy Đức Thọ 5.2").district == "Đức Thọ"
    assert resolve_body("Quận ủy 12-KL/QU").district is None  # a number after the committee: no district
    assert resolve_body("Quận ủy Quận 12-KL/QU").district is None
    assert resolve_body("Đảng ủy phường 12-KL/ĐU").district is None


def test_documents_of_the_central_military_commission_and_the_central_enterprises_bloc() -> None:
    from graph.extract import extract_text

    text = (
        "Thực hiện Nghị quyết số 1657-NQ/QUTW ngày 20/12/2022 của Quân ủy Trung ương và Kết luận số "
        "12-KL/ĐUK của Đảng ủy Khối Doanh nghiệp Trung ương."
    )
    issuers = {d.number: d.issuer for d in extract_text(text).documents}
    assert issuers == {
        "1657-NQ/QUTW": "Quân ủy Trung ương",
        "12-KL/ĐUK": "Đảng ủy Khối Doanh nghiệp Trung ương",
    }
