"""graph.localities: the two code-list editions, lookup, aliases, and the reproducible edition file."""

from __future__ import annotations

import doctest
import importlib.util
import json
from pathlib import Path

import pytest
import yaml

import graph.localities as localities
from graph.localities import (
    POST_REFORM,
    PRE_REFORM,
    Edition,
    Gazetteer,
    dump_edition,
    edition_for,
    gazetteer,
    name_key,
    reshape_post_reform,
    reshape_pre_reform,
    split_prefix,
)

EDITION_FILE = localities.LOCALITIES_DIR / f"{PRE_REFORM}.json"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_locality_editions.py"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def codes(places: list[localities.Place]) -> list[tuple[str, str]]:
    return [(p.code, p.edition) for p in places]


def test_docstrings() -> None:
    assert doctest.testmod(localities).failed == 0


def test_editions_and_counts(gaz: Gazetteer) -> None:
    assert [e.id for e in gaz.editions] == [PRE_REFORM, POST_REFORM]
    assert len(gaz.places(PRE_REFORM, "province")) == 63
    # GSO's list of 2025-01-04, then the units earlier lists hold that it lacks (merged or dissolved)
    assert len(gaz.places(PRE_REFORM, "district", former=False)) == 696
    assert len(gaz.places(PRE_REFORM, "commune", former=False)) == 10_051
    assert len(gaz.places(PRE_REFORM, "district")) == 696 + 17
    assert len(gaz.places(PRE_REFORM, "commune")) == 10_051 + 823
    assert len(gaz.places(POST_REFORM, "province")) == 34
    assert gaz.places(POST_REFORM, "district") == ()
    assert len(gaz.places(POST_REFORM, "commune")) == 3321


def test_editions_record_their_source(gaz: Gazetteer) -> None:
    import vietnam_provinces

    pre, post = gaz.editions
    assert pre.source.startswith("vietnam-provinces 0.6.0") and pre.valid_until == "2025-06-30"
    assert post.source.startswith(f"vietnam-provinces {vietnam_provinces.__version__}")
    assert post.valid_from == "2025-07-01" and "district" not in post.levels


@pytest.mark.parametrize(
    ("date", "edition"),
    [
        ("2022-07-07", PRE_REFORM),
        ("2025-06-30", PRE_REFORM),
        ("2025-07-01", POST_REFORM),
        ("2025-07", POST_REFORM),
        ("2025", PRE_REFORM),
        ("2026-01-15", POST_REFORM),
        (None, None),
    ],
)
def test_edition_for(date: str | None, edition: str | None) -> None:
    assert edition_for(date) == edition


def test_edition_for_rejects_a_non_iso_date() -> None:
    with pytest.raises(ValueError, match="Not an ISO date: '7/7/2022'"):
        edition_for("7/7/2022")


@pytest.mark.parametrize(
    ("name", "level", "code"),
    [
        ("Hà Tĩnh", "province", "42"),
        ("Tỉnh Hà Tĩnh", None, "42"),
        ("Đức Thọ", "district", "440"),
        ("Huyện Đức Thọ", None, "440"),
        ("huyện Kỳ Anh", None, "447"),
        ("thị xã Kỳ Anh", None, "449"),
        ("thành phố Hà Tĩnh", None, "436"),
    ],
)
def test_lookup_codes(gaz: Gazetteer, name: str, level: str | None, code: str) -> None:
    assert codes(gaz.lookup(name, level=level, edition=PRE_REFORM)) == [(code, PRE_REFORM)]


def test_place_fields(gaz: Gazetteer) -> None:
    (duc_tho,) = gaz.lookup("Huyện Đức Thọ")
    assert (duc_tho.name, duc_tho.full_name, duc_tho.level, duc_tho.type) == (
        "Đức Thọ",
        "Huyện Đức Thọ",
        "district",
        "huyện",
    )
    assert (duc_tho.parent_code, duc_tho.parent_name, duc_tho.province_code) == ("42", "Hà Tĩnh", "42")
    # a pre-reform commune's parent is its district; a post-reform commune's is its province
    (hung_tri,) = gaz.lookup("phường Hưng Trí")
    assert (hung_tri.code, hung_tri.parent_code, hung_tri.parent_name) == ("18754", "449", "Kỳ Anh")
    assert hung_tri.province_name == "Hà Tĩnh"
    (thanh_sen,) = gaz.lookup("Phường Thành Sen")
    assert (thanh_sen.edition, thanh_sen.parent_code, thanh_sen.parent_name) == (POST_REFORM, "42", "Hà Tĩnh")


def test_the_prefix_decides_the_type(gaz: Gazetteer) -> None:
    assert [p.type for p in gaz.lookup("Kỳ Anh", level="district")] == ["huyện", "thị xã"]
    assert [p.code for p in gaz.lookup("Kỳ Anh", level="district", types={"thị xã"})] == ["449"]


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("TP.HCM", "Hồ Chí Minh"),
        ("TP. HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Đắk Lắk", "Đắk Lắk"),
        ("Dak Lak", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Đăk Nông", "Đắk Nông"),
        ("Thừa Thiên Huế", "Huế"),
        ("Thừa Thiên - Huế", "Huế"),
        ("TT-Huế", "Huế"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Hòa Bình", "Hoà Bình"),
        ("Hoà Bình", "Hoà Bình"),
        ("Ha Tinh", "Hà Tĩnh"),
        ("HÀ TĨNH", "Hà Tĩnh"),
    ],
)
def test_aliases_resolve(gaz: Gazetteer, alias: str, canonical: str) -> None:
    found = gaz.lookup(alias, level="province", edition=PRE_REFORM)
    assert [p.name for p in found] == [canonical]


def test_saigon_is_not_an_alias_of_the_province(gaz: Gazetteer) -> None:
    assert gaz.lookup("Sài Gòn", level="province") == []


def test_lost_diacritics_and_ascii_prefix(gaz: Gazetteer) -> None:
    assert codes(gaz.lookup("huyen Duc Tho")) == [("440", PRE_REFORM)]


def test_every_alias_names_a_known_place(gaz: Gazetteer) -> None:
    data = yaml.safe_load((localities.LOCALITIES_DIR / "aliases.yaml").read_text(encoding="utf-8"))
    for level in ("province", "district", "commune"):
        for canonical in data[level] or {}:
            assert gaz.lookup(canonical, level=level), canonical


def test_an_giang_code_differs_by_edition(gaz: Gazetteer) -> None:
    assert codes(gaz.lookup("An Giang", level="province")) == [("89", PRE_REFORM), ("91", POST_REFORM)]
    # 91 is reused: Kiên Giang's code before the reform
    (kien_giang,) = gaz.lookup("Kiên Giang", level="province")
    assert (kien_giang.code, kien_giang.edition) == ("91", PRE_REFORM)


def test_parent_filter_by_code_and_name(gaz: Gazetteer) -> None:
    by_code = gaz.lookup("Kỳ Anh", parent="42", edition=PRE_REFORM)
    by_name = gaz.lookup("Kỳ Anh", parent="Hà Tĩnh", edition=PRE_REFORM)
    assert [p.code for p in by_code] == [p.code for p in by_name] == ["447", "449"]


def test_get_by_code(gaz: Gazetteer) -> None:
    place = gaz.get("449", level="district", edition=PRE_REFORM)
    assert place is not None and place.full_name == "Thị xã Kỳ Anh"
    assert gaz.get("449", level="district", edition=POST_REFORM) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Huyện Đức Thọ", ("huyện", "Đức Thọ")),
        ("Thành Phố Bắc Kạn", ("thành phố", "Bắc Kạn")),
        ("TP. Hồ Chí Minh", ("thành phố", "Hồ Chí Minh")),
        ("Thị xã Kỳ Anh", ("thị xã", "Kỳ Anh")),
        ("Quan Hóa", (None, "Quan Hóa")),
    ],
)
def test_split_prefix(name: str, expected: tuple[str | None, str]) -> None:
    assert split_prefix(name) == expected


def test_name_key() -> None:
    assert name_key("Thừa Thiên - Huế") == name_key("Thừa Thiên Huế") == "thua thien hue"


# --- the generated file -----------------------------------------------------------------------------------

SAMPLE_0_6_0 = [
    {
        "name": "Tỉnh Hà Tĩnh",
        "code": 42,
        "codename": "tinh_ha_tinh",
        "division_type": "tỉnh",
        "phone_code": 239,
        "districts": [
            {
                "name": "Thị xã Kỳ Anh",
                "code": 449,
                "codename": "thi_xa_ky_anh",
                "division_type": "huyện",
                "short_codename": "ky_anh",
                "wards": [{"name": "Phường Hưng Trí", "code": 18754, "division_type": "xã"}],
            },
            {"name": "Huyện Đức Thọ", "code": 440, "division_type": "huyện", "wards": []},
        ],
    },
    {
        "name": "Thành phố Hà Nội",
        "code": 1,
        "division_type": "tỉnh",
        "districts": [
            {
                "name": "Thành Phố Sơn Tây",
                "code": 269,
                "division_type": "huyện",
                "wards": [{"name": "Thị trấn Ví Dụ", "code": 9, "division_type": "xã"}],
            }
        ],
    },
]
SOURCE = {"package": "vietnam-provinces", "version": "0.6.0", "sha256": "00"}


def test_reshape_pre_reform_sample() -> None:
    data = reshape_pre_reform(SAMPLE_0_6_0, source=SOURCE)
    assert data["provinces"] == [
        ["01", "Thành phố Hà Nội", "thành phố trung ương", None],
        ["42", "Tỉnh Hà Tĩnh", "tỉnh", None],
    ]
    assert data["districts"] == [
        ["269", "Thành phố Sơn Tây", "thành phố", "01"],
        ["440", "Huyện Đức Thọ", "huyện", "42"],
        ["449", "Thị xã Kỳ Anh", "thị xã", "42"],
    ]
    assert data["communes"] == [
        ["00009", "Thị trấn Ví Dụ", "thị trấn", "269"],
        ["18754", "Phường Hưng Trí", "phường", "449"],
    ]
    header = data["header"]
    assert header["source"] == SOURCE and header["edition"] == PRE_REFORM
    assert header["counts"] == {"provinces": 2, "districts": 3, "communes": 2, "former": 0, "moved": 0}
    assert not any("generated" in key or key == "date" for key in header)


def test_reshape_is_reproducible_and_dump_round_trips() -> None:
    first = dump_edition(reshape_pre_reform(SAMPLE_0_6_0, source=SOURCE))
    second = dump_edition(reshape_pre_reform(list(reversed(SAMPLE_0_6_0)), source=SOURCE))
    assert first == second
    assert dump_edition(json.loads(first)) == first


def test_reshape_rejects_a_name_without_prefix() -> None:
    with pytest.raises(ValueError, match="'Kỳ Anh' has no type prefix"):
        reshape_pre_reform([{"name": "Kỳ Anh", "code": 1, "districts": []}], source=SOURCE)


def test_reshape_post_reform_sample() -> None:
    nested = [
        {
            "name": "Hà Tĩnh",
            "code": 42,
            "division_type": "tỉnh",
            "wards": [
                {"name": "Phường Thành Sen", "code": 18073, "division_type": "phường"},
            ],
        },
    ]
    data = reshape_post_reform(nested, version="2025.10.1")
    assert data["provinces"] == [["42", "Tỉnh Hà Tĩnh", "tỉnh", None]]
    assert data["communes"] == [["18073", "Phường Thành Sen", "phường", "42"]]
    assert data["districts"] == []


def test_committed_file_is_what_the_script_writes() -> None:
    """The committed file is in dump_edition's canonical form and records the pinned wheel."""
    spec = importlib.util.spec_from_file_location("make_locality_editions", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    raw = EDITION_FILE.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert dump_edition(data) == raw
    assert data["header"]["source"]["sha256"] == script.SHA256
    assert data["header"]["source"]["version"] == script.VERSION
    sections = ("provinces", "districts", "communes", "former", "moved")
    assert data["header"]["counts"] == {k: len(data[k]) for k in sections}
    assert [h["version"] for h in data["header"]["history"]] == [v for v, _, _ in script.HISTORY]
    assert [h["sha256"] for h in data["header"]["history"]] == [s for _, s, _ in script.HISTORY]


SAMPLE_0_5_0 = [
    {
        "name": "Tỉnh Hà Tĩnh",
        "code": 42,
        "districts": [
            {"name": "Huyện Đức Thọ", "code": 440, "wards": []},
            {
                "name": "Huyện Lộc Hà",
                "code": 448,
                "wards": [
                    {"name": "Xã Thạch Kim", "code": 18580},
                    {"name": "Xã Thạch Bằng", "code": 18583},
                ],
            },
            {"name": "Huyện Kỳ Anh", "code": 447, "wards": [{"name": "Phường Hưng Trí", "code": 18754}]},
        ],
    },
]
SAMPLE_0_6_0_LOC_HA = [
    {
        "name": "Tỉnh Hà Tĩnh",
        "code": 42,
        "districts": [
            {"name": "Huyện Đức Thọ", "code": 440, "wards": []},
            {"name": "Huyện Thạch Hà", "code": 445, "wards": [{"name": "Xã Thạch Kim", "code": 18580}]},
            {"name": "Thị xã Kỳ Anh", "code": 449, "wards": [{"name": "Phường Hưng Trí", "code": 18754}]},
        ],
    },
]


def test_reshape_keeps_the_units_and_districts_of_earlier_lists() -> None:
    """A unit an earlier list holds and the main one lacks is *former*, in the newest earlier form, with the
    date of that list; a commune under another district before is *moved*; the rest is the main list's."""
    older = {"package": "vietnam-provinces", "version": "0.5.0", "sha256": "01", "data_version": "2023-05-07"}
    oldest = {"package": "vietnam-provinces", "version": "0.2", "sha256": "02", "released": "2020-03-01"}
    data = reshape_pre_reform(
        SAMPLE_0_6_0_LOC_HA, source=SOURCE, history=[(SAMPLE_0_5_0, oldest), (SAMPLE_0_5_0, older)]
    )
    assert data["districts"] == [
        ["440", "Huyện Đức Thọ", "huyện", "42"],
        ["445", "Huyện Thạch Hà", "huyện", "42"],
        ["449", "Thị xã Kỳ Anh", "thị xã", "42"],
    ]
    assert data["former"] == [
        ["district", "447", "Huyện Kỳ Anh", "huyện", "42", "2023-05-07"],
        ["district", "448", "Huyện Lộc Hà", "huyện", "42", "2023-05-07"],
        ["commune", "18583", "Xã Thạch Bằng", "xã", "448", "2023-05-07"],
    ]
    # Hưng Trí was under code 447 and is under 449 now; Thạch Kim under Lộc Hà, now Thạch Hà
    assert data["moved"] == [["18580", "448", "2023-05-07"], ["18754", "447", "2023-05-07"]]
    assert data["header"]["history"] == [oldest, older]
    assert data["header"]["counts"]["former"] == 3 and data["header"]["counts"]["moved"] == 2
    assert dump_edition(json.loads(dump_edition(data))) == dump_edition(data)


def test_a_former_unit_is_found_where_no_listed_unit_is_named_so(gaz: Gazetteer) -> None:
    (loc_ha,) = gaz.lookup("huyện Lộc Hà", level="district")
    assert (loc_ha.code, loc_ha.last_listed, loc_ha.province_name) == ("448", "2023-05-07", "Hà Tĩnh")
    assert [p.code for p in gaz.lookup("Quận 9", level="district", parent="Hồ Chí Minh")] == ["763"]
    assert gaz.get("448", level="district", edition=PRE_REFORM) == loc_ha
    # the listed thị trấn Lộc Hà (of Thạch Hà since 2025) is still the one a commune name finds
    (town,) = gaz.lookup("thị trấn Lộc Hà", level="commune")
    assert town.last_listed is None and town.parent_name == "Thạch Hà"
    # a listed unit of a name hides a former one: huyện Kỳ Anh is listed, whatever earlier lists said
    assert all(p.last_listed is None for p in gaz.lookup("Kỳ Anh", level="district"))


def test_a_commune_is_under_the_district_an_earlier_list_gave_it(gaz: Gazetteer) -> None:
    """'xã Thạch Kim, huyện Lộc Hà' (2020) and 'xã Thạch Kim, huyện Thạch Hà' (2025) are one commune."""
    by_old = gaz.lookup("xã Thạch Kim", level="commune", parent="Lộc Hà")
    by_new = gaz.lookup("xã Thạch Kim", level="commune", parent="Thạch Hà")
    assert by_old == by_new and [p.code for p in by_old] == ["18580"]
    assert by_old[0].former_parents == ("448",)
    assert gaz.lookup("xã Thạch Kim", level="commune", parent="448") == by_old
    assert gaz.lookup("xã Thạch Kim", level="commune", parent="Đức Thọ") == []


def test_gazetteer_from_plain_places() -> None:
    edition = Edition("test", None, None, "test", ("province",))
    place = localities.Place("Hà Tĩnh", "Tỉnh Hà Tĩnh", "province", "tỉnh", "42", "test")
    gaz = Gazetteer([edition], [place], {"province": {"Hà Tĩnh": ["HT"]}})
    assert gaz.lookup("HT") == [place]


def test_exact_keeps_only_the_places_spelled_so(gaz: Gazetteer) -> None:
    """Folded keys make "Phú Lý" (a commune) find "Phủ Lý" (a city); ``exact`` keeps the spelling."""
    assert [p.name for p in gaz.lookup("Phú Lý", level="district")] == ["Phủ Lý"]
    assert gaz.lookup("Phú Lý", level="district", exact=True) == []
    assert codes(gaz.lookup("Phú Lý", level="commune", exact=True)) == [
        ("26173", PRE_REFORM),
        ("26173", POST_REFORM),
    ]
    # case, old tone placement and a prefix do not count as another spelling
    assert codes(gaz.lookup("TỈNH HOÀ BÌNH", exact=True)) == codes(gaz.lookup("Hòa Bình", level="province"))
