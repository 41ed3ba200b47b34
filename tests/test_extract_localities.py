"""graph.extract.localities: locality mentions in the seed texts and in hand-written sentences."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import graph.extract.localities as extract_localities
from graph.extract.localities import find_localities
from graph.localities import POST_REFORM, PRE_REFORM
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
