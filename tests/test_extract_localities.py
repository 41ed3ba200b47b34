"""graph.extract.localities: locality mentions in the seed texts and in hand-written sentences."""

from __future__ import annotations

import ast
import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import graph.extract.localities as extract_localities
import graph.extract.locality_roles as locality_roles
from graph.extract.localities import find_localities
from graph.localities import POST_REFORM, PRE_REFORM, gazetteer, name_key
from graph.model import LocalityMention
from graph.text import match_view, nfc

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
GOLD = ROOT.parent / "shared" / "seeds" / "gold.json"
RESIDUE_CUT = "Toàn văn kết luận mời xem tại đây."

# The document dates the seeds state (gold.json "this.date"); 001-003 state none.
SEED_DATES = {"000": "2022-07-07", "001": None, "002": None, "003": None}
# (name, level, code, role, parent) per seed, as in gold.json plus the codes of the pre-reform edition.
EXPECTED = {
    "000": {
        ("Hà Nội", "province", "01", "place of issue", None),
        ("Điện Biên", "province", "11", "received the copy", None),
    },
    "001": {
        ("Hà Tĩnh", "province", "42", "issuer's province", None),
        ("Đức Thọ", "district", "440", "assigned a task", "Hà Tĩnh"),
        ("Kỳ Anh", "district", "447", "assigned a task", "Hà Tĩnh"),
    },
    "002": set(),
    "003": set(),
}


def seed(prefix: str) -> tuple[str, str, tuple[int, int]]:
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    text = nfc(path.read_text(encoding="utf-8"))
    view = match_view(text)
    cut = view.find(RESIDUE_CUT)  # on the view: the text has a no-break space in "xem tại"
    return text, view, (0, cut if cut >= 0 else len(text))


def find(sentence: str, date: str | None = "2022-07-07") -> tuple[LocalityMention, ...]:
    text = nfc(sentence)
    return find_localities(text, match_view(text), date=date)


def summary(
    mentions: tuple[LocalityMention, ...],
) -> set[tuple[str, str, str | None, str | None, str | None]]:
    return {(m.name, m.level, m.code, m.role, m.parent) for m in mentions}


def assert_spans(text: str, mentions: tuple[LocalityMention, ...]) -> None:
    for mention in mentions:
        assert mention.mentions, mention
        for span in mention.mentions:
            assert text[span.start : span.end] == span.text


# --- the seeds --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_localities(prefix: str) -> None:
    text, view, region = seed(prefix)
    mentions = find_localities(text, view, date=SEED_DATES[prefix], region=region)
    assert summary(mentions) == EXPECTED[prefix]
    assert_spans(text, mentions)
    assert all(m.edition == PRE_REFORM for m in mentions)


@pytest.mark.skipif(not GOLD.is_file(), reason="the shared gold annotations are not beside the checkout")
def test_seeds_agree_with_gold() -> None:
    for entry in json.loads(GOLD.read_text(encoding="utf-8"))["files"]:
        text, view, region = seed(entry["file"][:3])
        date = (entry.get("this") or {}).get("date")
        found = {(m.name, m.level, m.role) for m in find_localities(text, view, date=date, region=region)}
        assert found == {(g["name"], g["level"], g["role"]) for g in entry["localities"]}, entry["file"]


def test_seed_000_spans() -> None:
    text, view, region = seed("000")
    by_name = {m.name: m for m in find_localities(text, view, date="2022-07-07", region=region)}
    assert [s.text for s in by_name["Hà Nội"].mentions] == ["Hà Nội"]
    assert [s.text for s in by_name["Điện Biên"].mentions] == ["TỈNH ỦY ĐIỆN BIÊN"]


def test_seed_001_names_hà_tĩnh_twice_and_the_huyện_not_the_thị_xã() -> None:
    text, view, region = seed("001")
    mentions = {m.name: m for m in find_localities(text, view, date=None, region=region)}
    assert [s.text for s in mentions["Hà Tĩnh"].mentions] == ["Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"]
    assert [s.text for s in mentions["Kỳ Anh"].mentions] == ["Huyện ủy Kỳ Anh"]
    assert [s.text for s in mentions["Đức Thọ"].mentions] == ["Huyện ủy Đức Thọ"]


def test_seed_001_region_is_cut_before_the_residue() -> None:
    text, _, (start, end) = seed("001")
    assert start == 0 and text[end:].startswith("Toàn văn kết luận") and "Bản đồ" in text[end:]


def test_seed_001_residue_names_a_different_unit() -> None:
    """Without the region, the page residue's "Bản đồ thị xã Kỳ Anh" adds thị xã Kỳ Anh (449)."""
    text, view, _ = seed("001")
    found = summary(find_localities(text, view, date=None))
    assert ("Kỳ Anh", "district", "449", "mentioned", "Hà Tĩnh") in found
    assert ("Kỳ Anh", "district", "447", "assigned a task", "Hà Tĩnh") in found


def test_region_offsets_stay_offsets_in_the_text() -> None:
    text = nfc("Bản đồ thị xã Kỳ Anh\nTỉnh ủy Hà Tĩnh họp.")
    start = text.index("Tỉnh")
    (mention,) = find_localities(text, match_view(text), date=None, region=(start, len(text)))
    assert mention.mentions[0].start == start and mention.name == "Hà Tĩnh"


# --- hand-written sentences -------------------------------------------------------------------------------


def test_tp_hcm_forms() -> None:
    mentions = find("Thành ủy TP.HCM, UBND TP. HCM và Thành phố Hồ Chí Minh; TPHCM.", date="2023-05-01")
    (hcm,) = mentions
    assert (hcm.name, hcm.code, hcm.edition, hcm.level) == ("Hồ Chí Minh", "79", PRE_REFORM, "province")
    assert [s.text for s in hcm.mentions] == ["TP.HCM", "TP. HCM", "Thành phố Hồ Chí Minh", "TPHCM"]


def test_units_merged_before_2025_are_found_in_the_texts_that_name_them() -> None:
    """Districts and communes of earlier GSO lists, merged away before the list of 2025-01-04."""
    mentions = find(
        "Huyện ủy Lộc Hà chỉ đạo các xã Thạch Kim và Hộ Độ; Quận ủy Quận 9 và Thị ủy Cửa Lò cũng vậy.",
        date="2019-03-12",
    )
    assert {(m.name, m.level, m.code, m.edition) for m in mentions} >= {
        ("Lộc Hà", "district", "448", PRE_REFORM),
        ("Thạch Kim", "commune", "18580", PRE_REFORM),  # Lộc Hà's then, Thạch Hà's in 2025: one commune
        ("Hộ Độ", "commune", "18598", PRE_REFORM),
        ("Quận 9", "district", "763", PRE_REFORM),
        ("Cửa Lò", "district", "413", PRE_REFORM),
    }


def test_a_numbered_unit_is_shown_with_its_type_word() -> None:
    """Hồ Chí Minh City numbers its districts and wards: "1" alone names nothing a reader knows."""
    mentions = find("Quận ủy Quận 1; Đảng ủy phường 12, quận Gò Vấp.", date="2020-04-05")
    assert {(m.name, m.level, m.code) for m in mentions} == {
        ("Quận 1", "district", "760"),
        ("Phường 12", "commune", "26881"),
        ("Gò Vấp", "district", "764"),
    }
    (ward,) = find("Đảng ủy Phường 12 họp.", date="2020-04-05")  # one of many: no code, still a name
    assert (ward.name, ward.code) == ("Phường 12", None)
    # a name that opens with a number: three wards of Bảo Lộc (Lâm Đồng) after the 2025 reform
    (ward,) = find("Đảng ủy phường 1 Bảo Lộc họp.", date="2025-09-02")
    assert (ward.name, ward.level, ward.code) == ("Phường 1 Bảo Lộc", "commune", "24823")


def test_a_name_with_an_apostrophe_before_a_space() -> None:
    mentions = find(
        "Ban Thường vụ Huyện ủy Ia H' Drai chỉ đạo; 'huyện Đắk Hà' và huyện Cư M'gar.", date="2020-04-05"
    )
    assert {(m.name, m.level) for m in mentions} == {
        ("Ia H' Drai", "district"),
        ("Đắk Hà", "district"),
        ("Cư M'gar", "district"),
    }


def test_đăk_lăk_spellings() -> None:
    mentions = find("Đoàn công tác làm việc tại Đăk Lăk, tỉnh Đắc Lắc và tỉnh Đăk Nông.", date="2023-05-01")
    assert summary(mentions) == {
        ("Đắk Lắk", "province", "66", "mentioned", None),
        ("Đắk Nông", "province", "67", "mentioned", None),
    }


def test_post_reform_text_names_a_new_commune_and_an_abolished_district() -> None:
    mentions = find(
        "Ngày 15/8/2025, Đảng ủy phường Thành Sen (tỉnh Hà Tĩnh) sơ kết; huyện Đức Thọ cũ đã kết thúc.",
        date="2025-08-15",
    )
    by_name = {m.name: m for m in mentions}
    assert (by_name["Thành Sen"].level, by_name["Thành Sen"].code) == ("commune", "18073")
    assert (by_name["Thành Sen"].edition, by_name["Thành Sen"].parent) == (POST_REFORM, "Hà Tĩnh")
    assert (by_name["Hà Tĩnh"].code, by_name["Hà Tĩnh"].edition) == ("42", POST_REFORM)
    # districts no longer exist: the pre-reform edition resolves it, and says so
    assert (by_name["Đức Thọ"].code, by_name["Đức Thọ"].edition) == ("440", PRE_REFORM)


def test_the_new_commune_is_unknown_before_the_reform() -> None:
    assert find("Đảng ủy phường Thành Sen họp.", date="2024-01-01") == ()


def test_codes_are_read_in_the_edition_valid_at_the_date() -> None:
    after = {(m.name, m.code, m.edition) for m in find("tỉnh An Giang và tỉnh Kiên Giang", date="2025-09-01")}
    before = {
        (m.name, m.code, m.edition) for m in find("tỉnh An Giang và tỉnh Kiên Giang", date="2024-09-01")
    }
    assert after == {("An Giang", "91", POST_REFORM), ("Kiên Giang", "91", PRE_REFORM)}
    assert before == {("An Giang", "89", PRE_REFORM), ("Kiên Giang", "91", PRE_REFORM)}


def test_no_locality() -> None:
    assert (
        find("Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng tiếp tục thực hiện Nghị quyết số 18-NQ/TW.") == ()
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Giáo sư của Đại học Quốc gia Hà Nội trình bày tham luận.",
        "Trường Đại học Bách khoa Hà Nội phối hợp.",
        "Bài đăng trên Báo Hà Tĩnh.",
        "Khu vực châu Á - Thái Bình Dương.",
        "Theo báo Hà Nội Mới.",
        "Ý kiến của đồng chí Nguyễn Thái Bình.",
        "Phát triển kinh tế - xã hội ở cấp xã, phường, thị trấn.",
        "Các huyện, thành phố, thị xã thì xem xét chuyển giao.",
        "Tỉnh Hà Nam Ninh (1976-1991) và Chiến thắng Điện Biên Phủ.",
        "Công ty Cổ phần Hà Tĩnh; Ngân hàng TMCP Sài Gòn - Hà Nội.",
        "Các tỉnh Tây Nguyên, Nam Bộ và miền Nam.",
    ],
)
def test_no_false_hits(sentence: str) -> None:
    assert find(sentence) == ()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Tại Hà Nội, hội nghị đã khai mạc.", "Hà Nội"),
        ("Trường hợp Hà Tĩnh chưa hoàn thành thì báo cáo.", "Hà Tĩnh"),
        ("UBND Hà Tĩnh chủ trì.", "Hà Tĩnh"),
        ("Sở Nội vụ tỉnh Hà Tĩnh chủ trì.", "Hà Tĩnh"),
        ("Làm việc với Thừa Thiên - Huế và BR-VT.", "Huế"),
        ("Tỉnh Hoà Bình báo cáo.", "Hoà Bình"),
    ],
)
def test_bare_and_prefixed_province_names(sentence: str, name: str) -> None:
    assert name in {m.name for m in find(sentence)}


def test_the_prefix_decides_huyện_or_thị_xã() -> None:
    mentions = find("Huyện ủy Kỳ Anh và Thị ủy Kỳ Anh; thị xã Kỳ Anh; huyện Kỳ Anh.")
    assert {(m.code, len(m.mentions)) for m in mentions} == {("447", 2), ("449", 2)}


def test_thành_phố_names_a_city_of_a_province_or_a_central_city() -> None:
    found = {(m.name, m.level, m.code) for m in find("thành phố Hà Tĩnh và thành phố Hà Nội")}
    assert found == {("Hà Tĩnh", "district", "436"), ("Hà Nội", "province", "01")}


def test_header_committee_is_the_issuers_province_and_tasks_go_to_districts() -> None:
    text = (
        "TỈNH ỦY HÀ TĨNH\n*\nSố 55-KL/TU\n\nHà Tĩnh, ngày 15 tháng 8 năm 2022\n\n"
        "2. Giao Huyện ủy Kỳ Anh chủ trì; thị xã Kỳ Anh phối hợp.\n"
    )
    assert summary(find(text, date="2022-08-15")) == {
        ("Hà Tĩnh", "province", "42", "issuer's province", None),
        ("Kỳ Anh", "district", "447", "assigned a task", "Hà Tĩnh"),
        ("Kỳ Anh", "district", "449", "mentioned", "Hà Tĩnh"),
    }


def test_place_of_issue_with_a_city_prefix() -> None:
    (hcm,) = find("THÀNH ỦY TP. HỒ CHÍ MINH\n\nTP. Hồ Chí Minh, ngày 3 tháng 4 năm 2023\n", date="2023-04-03")
    assert (hcm.name, hcm.role, len(hcm.mentions)) == ("Hồ Chí Minh", "issuer's province", 2)


@pytest.mark.parametrize(
    ("line", "name", "code"),
    [
        ("TP. Hồ Chí Minh, ngày 3 tháng 4 năm 2023", "Hồ Chí Minh", "79"),
        ("Thành phố Hà Tĩnh, ngày 10/8/2022", "Hà Tĩnh", "436"),
        ("HÀ NỘI, NGÀY 07 THÁNG 7 NĂM 2022", "Hà Nội", "01"),
    ],
)
def test_place_of_issue_forms(line: str, name: str, code: str) -> None:
    (place,) = find(line)
    assert (place.name, place.code, place.role, place.mentions[0].text) == (
        name,
        code,
        "place of issue",
        line[: line.index(",")],
    )


def test_place_date_after_a_wide_gap() -> None:
    (hanoi,) = find("Số 16-TB/TW          Hà Nội, ngày 07 tháng 7 năm 2022")
    assert (hanoi.name, hanoi.role, hanoi.mentions[0].text) == ("Hà Nội", "place of issue", "Hà Nội")


def test_place_date_in_running_text_is_not_a_place_of_issue() -> None:
    (hanoi,) = find("Hà Nội, ngày 07 tháng 7 năm 2022, Bộ Chính trị đã họp.")
    assert hanoi.role == "mentioned"


def test_an_ambiguous_commune_keeps_no_code() -> None:
    (tan_lap,) = find("Đảng ủy xã Tân Lập tổ chức hội nghị.")
    assert (tan_lap.name, tan_lap.level, tan_lap.code, tan_lap.edition) == ("Tân Lập", "commune", None, None)


def test_a_commune_is_disambiguated_by_the_district_named_in_the_text() -> None:
    mentions = find("Ủy ban nhân dân thị xã Kỳ Anh và phường Hưng Trí.")
    assert ("Hưng Trí", "commune", "18754") in {(m.name, m.level, m.code) for m in mentions}


def test_old_tone_placement_and_look_alike_đ() -> None:
    (dien_bien,) = find("VĂN PHÒNG TỈNH UỶ \u00d0IỆN BIÊN\nĐẾN\nSố 502")
    assert (dien_bien.code, dien_bien.role) == ("11", "received the copy")
    assert dien_bien.mentions[0].text == "TỈNH UỶ \u00d0IỆN BIÊN"


def test_extraction_does_not_import_rdflib() -> None:
    tree = ast.parse(Path(extract_localities.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "rdflib" for name in imported)


# --- regressions: roles once missed or misread ------------------------------------------------------------


def test_a_draft_with_a_blank_day_names_its_place_of_issue() -> None:
    text = "ĐẢNG BỘ TỈNH ĐỒNG NAI\nĐẢNG ỦY XÃ PHÚ LÝ\n*\n\nPhú Lý, ngày     tháng 8 năm 2025\n"
    assert summary(find(text, date="2025-08")) == {
        ("Đồng Nai", "province", "75", "issuer's province", None),
        ("Phú Lý", "commune", "26173", "place of issue", "Đồng Nai"),
    }


@pytest.mark.parametrize(
    ("header", "date", "place"),
    [
        # a district named as another province: not the province Hòa Bình (17)
        (
            "ĐẢNG BỘ TỈNH BẠC LIÊU\nHUYỆN ỦY HÒA BÌNH",
            "2019-05-03",
            ("Hoà Bình", "district", "961", "Bạc Liêu"),
        ),
        # huyện Kỳ Anh, not thị xã Kỳ Anh (449): without the header the place keeps no code
        ("ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY KỲ ANH", "2022-09-20", ("Kỳ Anh", "district", "447", "Hà Tĩnh")),
        # a commune of 2026, not the former district Nguyên Bình
        (
            "ĐẢNG BỘ TỈNH CAO BẰNG\nĐẢNG ỦY XÃ NGUYÊN BÌNH",
            "2026-03-05",
            ("Nguyên Bình", "commune", "01726", "Cao Bằng"),
        ),
    ],
)
def test_a_committee_dates_its_text_from_its_own_unit(
    header: str, date: str, place: tuple[str, str, str, str]
) -> None:
    name = place[0].replace("Hoà", "Hòa")
    day, month, year = date.split("-")[::-1]
    text = f"{header}\n*\nSố 12-KH/HU\n\n{name}, ngày {day} tháng {month} năm {year}\n"
    found = {(m.name, m.level, m.code, m.parent) for m in find(text, date=date) if m.role == "place of issue"}
    assert found == {place}


def test_a_provincial_committee_dates_its_text_from_the_province_not_its_capital_city() -> None:
    text = "TỈNH ỦY HÀ TĨNH\n*\nSố 60-KL/TU\n\nHà Tĩnh, ngày 15 tháng 8 năm 2022\n\n"
    text += "Giao Thành ủy Hà Tĩnh chủ trì.\n"
    assert summary(find(text, date="2022-08-15")) == {
        ("Hà Tĩnh", "province", "42", "issuer's province", None),
        ("Hà Tĩnh", "district", "436", "assigned a task", "Hà Tĩnh"),
    }


@pytest.mark.parametrize(
    "line",
    [
        "Phú Lý, ngày ... tháng 8 năm 2025",
        "Phú Lý, ngày    tháng    năm 2025",
        "Phú Lý, ngày 5 tháng 8 năm 2025",
    ],
)
def test_the_place_of_issue_is_the_unit_spelled_so_not_a_near_spelling(line: str) -> None:
    """ "Phú Lý" is a commune; "Phủ Lý", a city (district level) that the level order would try first."""
    (place,) = find(line, date="2025-08")
    assert (place.name, place.level, place.role) == ("Phú Lý", "commune", "place of issue")


def test_a_header_flattened_into_two_columns_names_the_issuers_province() -> None:
    text = "ĐẢNG BỘ TỈNH BÌNH DƯƠNG              ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY KHỐI CÁC CƠ QUAN\n"
    (province,) = find(text, date="2024-11-15")
    assert (province.name, province.role, province.mentions[0].text) == (
        "Bình Dương",
        "issuer's province",
        "TỈNH BÌNH DƯƠNG",
    )


def test_a_header_line_followed_by_running_text_is_not_a_header() -> None:
    (province,) = find("TỈNH BÌNH DƯƠNG có nhiều khu công nghiệp.\n", date="2024-11-15")
    assert province.role == "mentioned"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo chấm dứt thí điểm mô hình.",
        "2.3. Đồng ý để Ban Thường vụ Huyện uỷ Sơn Tịnh thực hiện thí điểm sáp nhập.",
        "Tỉnh ủy đề nghị Huyện ủy Sơn Tịnh xây dựng đề án.",
        "- Giao Huyện ủy Sơn Tịnh chủ trì.",
        "2. Ban Thường vụ Huyện ủy Sơn Tịnh xây dựng đề án.",
    ],
)
def test_a_task_given_anywhere_in_the_sentence(sentence: str) -> None:
    (district,) = find(sentence)
    assert (district.name, district.role) == ("Sơn Tịnh", "assigned a task")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tỉnh ủy Lào Cai cụ thể hóa các nghị quyết của Trung ương",  # a headline
        "Huyện ủy Sơn Tịnh tổ chức hội nghị sơ kết.",  # a sentence about the committee
        "Theo đề nghị Ban Thường vụ Huyện ủy Sơn Tịnh, Ban Tổ chức thẩm định.",  # a proposal received
        "Bàn giao Huyện ủy Sơn Tịnh quản lý trụ sở.",  # a hand-over
        "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh, Ban Tổ chức Tỉnh ủy phối hợp.",  # no verb follows
    ],
)
def test_not_a_task(sentence: str) -> None:
    (place,) = find(sentence)
    assert place.role == "mentioned"


# --- the shortcuts find what the plain patterns find ------------------------------------------------------

PIECES = [
    *("Hà Nội", "HÀ NỘI", "Hà Tĩnh", "Thừa Thiên - Huế", "TP.HCM", "TP. HCM", "Thái Bình", "Thái Bình Dương"),
    *("Nguyễn", "tỉnh", "Tỉnh ủy", "TỈNH ỦY", "huyện", "Huyện uỷ", "thị xã", "Kỳ Anh", "Đức Thọ", "xã"),
    *("phường", "thành phố", "Hồ Chí Minh", "Đăk Lăk", "BR-VT", "Hà Nam Ninh", "Phú Lý", "Bình Dương", "Hàx"),
    *(", ngày 07 tháng 7 năm 2022", ", ngày 10/8/2022", ", ngày    tháng 8 năm 2025", "ngày", "NGÀY", "Ngày"),
    *("ĐẾN", "CÔNG VĂN ĐẾN", "VĂN PHÒNG", "Số 502", "\n", "\n", "  ", "   ", " ", " ", " ", "\t", ",", "."),
    *("-", "_", "2.3. ", "- ", "Giao ", "Thay mặt ", "xây dựng", "İ", "\u212a", "TP", "tp.", "Đặc khu"),
    *("athị xã", "bthành phố", "HàTĩnh", "Hà Tĩnhx", "ĐĐẾN"),  # glued: a word inside a longer one
]
texts_and_regions = st.tuples(
    st.lists(st.sampled_from(PIECES), max_size=40).map(lambda parts: match_view(nfc("".join(parts)))),
    st.integers(0, 400),
    st.integers(0, 400),
)


@functools.cache
def plain_bare_pattern() -> re.Pattern[str]:
    """Province names and aliases as written, one alternation, longest first: what _bare_names stands for."""
    gaz = gazetteer()
    names = {p.name for ed in gaz.editions for p in gaz.places(ed.id, "province")} | set(gaz.alias_names)
    names = {n for n in names if name_key(n) not in gaz.not_bare}
    forms = {f for n in names for f in (match_view(nfc(n)), match_view(nfc(n)).upper())}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=400, deadline=None)
@given(texts_and_regions)
@example(("athị xã Kỳ Anh; bthành phố Hà Tĩnh", 0, 400))  # a prefix word inside a word, then a real one
@example(("Hà Tĩnhx Hà Nội, xHà Nội Hà Nội", 0, 400))
@example(
    (
        "Hà Nội, ngày 07 tháng 7 năm 2022\nngày ngày\n  Hà Tĩnh, NGÀY 10/8/2022\nNgày Hà Nội, ngày 1/2/2023",
        3,
        400,
    )
)
@example(("VĂN PHÒNG\nĐẾN\nTỈNH ỦY HÀ TĨNH\nĐẾN\n\nX\n  CÔNG VĂN ĐẾN", 0, 400))
@example(("tỉnh Hà Tĩnh", 0, 9))  # the region cuts a name
def test_the_shortcuts_find_what_the_plain_patterns_find(case: tuple[str, int, int]) -> None:
    view, a, b = case
    lo, hi = sorted((min(a, len(view)), min(b, len(view))))
    low = view.replace("\u0130", "i").lower()
    assert extract_localities._bare_names(view, lo, hi) == spans(plain_bare_pattern().finditer(view, lo, hi))
    prefixed = extract_localities._located(
        extract_localities._PREFIXED, extract_localities._PREFIX_OPENERS, view, low, lo, hi
    )
    assert spans(prefixed) == spans(extract_localities._PREFIXED.finditer(view, lo, hi))
    place_dates = extract_localities._place_date_lines(view, low, lo, hi)
    assert spans(place_dates) == spans(extract_localities._PLACE_DATE.finditer(view, lo, hi))
    stamps = locality_roles._stamps(view, lo, hi)
    assert spans(stamps) == spans(locality_roles._STAMP.finditer(view, lo, hi))


def test_a_district_named_by_the_type_it_had_before_an_upgrade() -> None:
    """The code list is that of 2025: a huyện of 2018 may be a thị xã in it (Thuận Thành, 2023), the same
    unit; a name that both a huyện and a thị xã hold still takes the one its type word says."""
    mentions = find("Văn phòng HĐND-UBND huyện Thuận Thành; huyện Kỳ Anh; thị xã Từ Sơn.", date="2018-08-01")
    assert {(m.name, m.level, m.code) for m in mentions} == {
        ("Thuận Thành", "district", "262"),  # Thị xã Thuận Thành in the list
        ("Kỳ Anh", "district", "447"),  # the huyện, not the thị xã Kỳ Anh (449)
        ("Từ Sơn", "district", "261"),  # Thành phố Từ Sơn in the list
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Các xã Tùng Ảnh, Đức Lạng và Đức Đồng của huyện Đức Thọ thực hiện thí điểm.",
            [
                ("Tùng Ảnh", "commune"),
                ("Đức Lạng", "commune"),
                ("Đức Đồng", "commune"),
                ("Đức Thọ", "district"),
            ],
        ),
        (
            "Ban Thường vụ Tỉnh ủy chỉ đạo các huyện: Đức Thọ, Hương Sơn thực hiện thí điểm.",
            [("Đức Thọ", "district"), ("Hương Sơn", "district")],
        ),
        # the list ends at the first name that is not a place of that type
        ("Đại diện các huyện Đức Thọ, Ban Tổ chức Tỉnh ủy dự họp.", [("Đức Thọ", "district")]),
        # without a plural, a comma does not continue the type word: "Kỳ Anh" here is not read as a huyện
        ("Huyện Đức Thọ, Kỳ Anh cùng thực hiện.", [("Đức Thọ", "district")]),
    ],
)
def test_a_plural_type_word_names_every_place_of_its_list(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    mentions = find(sentence, date="2018-08-15")
    assert [(m.name, m.level) for m in mentions] == expected
    assert_spans(sentence, mentions)
