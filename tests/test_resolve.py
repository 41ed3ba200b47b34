"""graph.resolve: a printed number is not an identifier."""

from __future__ import annotations

from graph.model import CitedDocument, Extraction, OwnDocument
from graph.resolve import resolve

CODES = {"Hà Tĩnh": "42", "Nghệ An": "40"}


def cited(
    number: str | None,
    *,
    date: str | None = None,
    issuer: str | None = None,
    key: str | None = None,
    type_code: str | None = None,
    term: str | None = None,
) -> CitedDocument:
    code = number.split("/")[-1] if number else None
    kind_code = type_code or (number.split("-")[1].split("/")[0] if number else None)
    return CitedDocument(
        key=key or number or "?",
        number=number,
        type=None,
        type_code=kind_code,
        issuer=issuer,
        issuer_code=code,
        date=date,
        term=term,
    )


def text(sha: str, *docs: CitedDocument, own: OwnDocument | None = None) -> Extraction:
    return Extraction(source=sha, text="", sha256=sha * 8, document=own, documents=docs)


def run(*extractions: Extraction):
    return resolve(((e.source, e) for e in extractions), CODES.get)


def test_same_number_in_two_terms_is_two_documents():
    r = run(
        text("a" * 8, cited("34-KL/TW", date="2018-08-07")),
        text("b" * 8, cited("34-KL/TW", date="2022-04-18")),
    )
    assert sorted(d.path for d in r.documents.values()) == ["doc/tw/xii/kl-34", "doc/tw/xiii/kl-34"]


def test_an_undated_mention_joins_the_only_candidate():
    r = run(text("a" * 8, cited("18-NQ/TW", date="2017-10-25")), text("b" * 8, cited("18-NQ/TW")))
    (doc,) = r.documents.values()
    assert doc.path == "doc/tw/xii/nq-18" and len(doc.entries) == 2


def test_an_undated_mention_of_an_ambiguous_number_stays_apart_and_says_so():
    r = run(
        text("a" * 8, cited("34-KL/TW", date="2018-08-07")),
        text("b" * 8, cited("34-KL/TW", date="2022-04-18")),
        text("c" * 8, cited("34-KL/TW")),
    )
    undated = r.documents["doc/tw/undated/kl-34"]
    assert any(n.startswith("ambiguous citation: 2 documents carry this number") for n in undated.notes)
    assert any("is ambiguous" in w for w in r.warnings)


def test_tu_numbers_of_two_provinces_stay_apart():
    r = run(
        text("a" * 8, cited("55-KL/TU", issuer="Ban Thường vụ Tỉnh ủy Hà Tĩnh", date="2022-08-15")),
        text("b" * 8, cited("55-KL/TU", issuer="Ban Thường vụ Tỉnh ủy Nghệ An", date="2022-08-15")),
    )
    assert sorted(d.path for d in r.documents.values()) == [
        "doc/province/40/2020-2025/kl-55",
        "doc/province/42/2020-2025/kl-55",
    ]


def test_a_tu_number_of_an_unnamed_province_is_kept_per_text():
    r = run(
        text("a" * 8, cited("7-KL/TU", date="2019-03-01")), text("b" * 8, cited("7-KL/TU", date="2019-03-01"))
    )
    assert len(r.documents) == 2
    assert all(d.province_unknown for d in r.documents.values())


def test_conflicting_dates_in_one_term_are_kept_apart_and_reported():
    r = run(
        text("a" * 8, cited("12-NQ/TW", date="2018-01-16")),
        text("b" * 8, cited("12-NQ/TW", date="2018-03-04")),
    )
    assert len(r.documents) == 2
    assert any("conflicting dates" in w for w in r.warnings)
    assert all(
        any(n.startswith("conflicting dates for 12-NQ/TW") for n in d.notes) for d in r.documents.values()
    )


def test_the_own_document_wins_and_maps_this():
    own = OwnDocument(
        number="16-TB/TW",
        type="Thông báo",
        type_code="TB",
        issuer="Bộ Chính trị",
        issuer_code="TW",
        date="2022-07-07",
    )
    r = run(text("a" * 8, cited("16-TB/TW", date="2022-07-07"), own=own), text("b" * 8, cited("16-TB/TW")))
    (doc,) = r.documents.values()
    assert doc.expressed_in == ["a" * 8] and doc.mentioned_in == ["b" * 8]
    assert r.keys[("a" * 8, "THIS")] == doc.path


def test_congress_and_plenum_references_without_numbers():
    congress = cited(
        None,
        key="Nghị quyết Đại hội XIII",
        issuer="Đại hội đại biểu toàn quốc của Đảng",
        type_code="NQ",
        term="XIII",
    )
    plenum = CitedDocument(
        key="Nghị quyết Hội nghị Trung ương 6 khóa XII",
        number=None,
        type="Nghị quyết",
        type_code="NQ",
        issuer="Ban Chấp hành Trung ương Đảng",
        issuer_code=None,
        date=None,
        term="XII",
        plenum=6,
    )
    r = run(text("a" * 8, congress, plenum), text("b" * 8, plenum))
    assert sorted(d.path for d in r.documents.values()) == [
        "doc/tw/xii/plenum-6-nq",
        "doc/tw/xiii/congress-nq",
    ]


def own_in(province: str, number: str, issuer: str, date: str) -> OwnDocument:
    code = number.split("/")[-1]
    return OwnDocument(
        number=number,
        type=None,
        type_code=number.split("-")[1].split("/")[0],
        issuer=issuer,
        issuer_code=code,
        date=date,
        province=province,
    )


def own_paths(*issued: tuple[str, str]) -> tuple[list[str], list[str]]:
    """The document paths (sorted) and warnings of texts of Hà Tĩnh that are each a 01-CTr/TU, issued by
    (issuer, date)."""
    r = run(
        *(text(chr(97 + i) * 8, own=own_in("Hà Tĩnh", "01-CTr/TU", *who)) for i, who in enumerate(issued))
    )
    return sorted(d.path for d in r.documents.values()), r.warnings


def run_codes(*extractions: Extraction):
    return resolve(((e.source, e) for e in extractions), {**CODES, "Hải Phòng": "31", "Bình Định": "52"}.get)


def test_district_committees_of_one_name_in_two_provinces_stay_apart():
    issuer = "Ban Thường vụ Huyện ủy An Lão"
    r = run_codes(
        text("a" * 8, own=own_in("Hải Phòng", "04-CT/HU", issuer, "2021-03-02")),
        text("b" * 8, own=own_in("Bình Định", "04-CT/HU", issuer, "2021-03-02")),
    )
    assert sorted(d.path for d in r.documents.values()) == [
        "doc/district/31/ban-thuong-vu-huyen-uy-an-lao/2020-2025/ct-04-hu",
        "doc/district/52/ban-thuong-vu-huyen-uy-an-lao/2020-2025/ct-04-hu",
    ]
    assert sorted(d.province for d in r.documents.values()) == ["Bình Định", "Hải Phòng"]


def test_a_district_number_cited_without_province_joins_the_only_district_of_that_name():
    issuer = "Ban Thường vụ Huyện ủy Đức Thọ"
    r = run(
        text("a" * 8, own=own_in("Hà Tĩnh", "12-KH/HU", issuer, "2022-09-01")),
        text("b" * 8, cited("12-KH/HU", issuer=issuer)),  # a text that names no province
    )
    (doc,) = r.documents.values()
    assert doc.path == "doc/district/42/ban-thuong-vu-huyen-uy-duc-tho/2020-2025/kh-12-hu"
    assert len(doc.entries) == 2


def test_a_district_number_cited_without_province_with_two_candidates_stays_apart_and_says_so():
    issuer = "Ban Thường vụ Huyện ủy An Lão"
    r = run_codes(
        text("a" * 8, own=own_in("Hải Phòng", "04-CT/HU", issuer, "2021-03-02")),
        text("b" * 8, own=own_in("Bình Định", "04-CT/HU", issuer, "2021-05-02")),
        text("c" * 8, cited("04-CT/HU", issuer=issuer)),
    )
    assert len(r.documents) == 3
    assert "doc/district/ban-thuong-vu-huyen-uy-an-lao/undated/ct-04-hu" in r.documents
    assert any("04-CT/HU" in w and "Bình Định, Hải Phòng" in w and "kept apart" in w for w in r.warnings)


def test_a_central_units_number_is_not_taken_for_the_citing_texts_province():
    issuer = "Đảng ủy Khối các cơ quan Trung ương"
    r = run(
        text(
            "a" * 8,
            cited("09-NQ/ĐU", issuer=issuer, date="2021-06-01"),
            own=own_in("Hà Tĩnh", "1-KL/TU", "Tỉnh ủy Hà Tĩnh", "2021-07-01"),
        ),
        text("b" * 8, cited("09-NQ/ĐU", issuer=issuer, date="2021-06-01")),
    )
    (doc,) = [d for d in r.documents.values() if d.number == "09-NQ/ĐU"]
    assert doc.path.startswith("doc/unit/dang-uy-khoi-cac-co-quan-trung-uong/") and len(doc.entries) == 2


def test_a_dated_text_of_a_congress_year_is_not_merged_into_an_earlier_document_of_its_number():
    # 2010 is a congress year: the second text's term is unknown, but its date differs from the only
    # candidate's (two copies that disagree, or two documents: kept apart and reported)
    paths, warnings = own_paths(("Tỉnh ủy Hà Tĩnh", "2009-04-19"), ("Tỉnh ủy Hà Tĩnh", "2010-11-09"))
    assert paths == [
        "doc/province/42/2005-2010/ctr-01-2009-04-19",
        "doc/province/42/undated/ctr-01-2010-11-09",
    ]
    assert any("conflicting dates" in w for w in warnings)


def test_a_town_committees_tu_number_is_the_towns_not_the_provinces():
    paths, _ = own_paths(("Thị ủy Hồng Lĩnh", "2021-04-19"), ("Tỉnh ủy Hà Tĩnh", "2021-04-19"))
    assert paths == [
        "doc/district/42/thi-uy-hong-linh/2020-2025/ctr-01-tu",
        "doc/province/42/2020-2025/ctr-01",
    ]
