"""Pilot models and their status, sentence by sentence."""

from __future__ import annotations

import pytest

from graph.extract import extract_text
from graph.model import ModelMention


def models(text: str) -> list[ModelMention]:
    return list(extract_text(text).models)


def summary(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(m.status, m.family, m.name) for m in models(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2.3. Tạm dừng thực hiện thí điểm các mô hình sau: (1) Hợp nhất cơ quan tham mưu của cấp"
            " uỷ với cơ quan "
            "chuyên môn. (2) Chủ nhiệm uỷ ban kiểm tra cấp uỷ đồng thời là chánh thanh tra cấp tỉnh,"
            " cấp huyện.",
            [
                ("pause", "merger", "hợp nhất cơ quan tham mưu của cấp uỷ với cơ quan chuyên môn"),
                (
                    "pause",
                    "concurrent_post",
                    "chủ nhiệm uỷ ban kiểm tra cấp uỷ đồng thời là chánh thanh tra cấp tỉnh, cấp huyện",
                ),
            ],
        ),
        (
            "Ban thường vụ các tỉnh uỷ chủ động quyết định\n\nthực hiện một số mô hình sau: (1) Hợp"
            " nhất các cơ quan "
            "chuyên môn thuộc uỷ ban nhân dân cấp tỉnh. (2) Trưởng ban dân vận đồng thời là chủ tịch"
            " uỷ ban Mặt trận "
            "Tổ quốc cấp tỉnh.",
            [
                ("allow", "merger", "hợp nhất các cơ quan chuyên môn thuộc uỷ ban nhân dân cấp tỉnh"),
                (
                    "allow",
                    "concurrent_post",
                    "trưởng ban dân vận đồng thời là chủ tịch uỷ ban Mặt trận Tổ quốc cấp tỉnh",
                ),
            ],
        ),
        (
            "2.1. Tiếp tục tổ chức đảng bộ khối doanh nghiệp cấp tỉnh theo Kết luận 34.",
            [("continue", "other", "đảng bộ khối doanh nghiệp cấp tỉnh")],
        ),
        (
            "Tiếp tục quan tâm nâng cao hiệu quả hoạt động của mô hình trưởng ban dân vận đồng thời"
            " là chủ tịch ủy "
            "ban mặt trận tổ quốc cấp huyện; không nhân rộng mô hình này ở những địa phương chưa thực hiện.",
            [
                (
                    "do_not_replicate",
                    "concurrent_post",
                    "trưởng ban dân vận đồng thời là chủ tịch ủy ban mặt trận tổ quốc cấp huyện",
                )
            ],
        ),
        (
            "Triển khai thí điểm “Sổ tay đảng viên điện tử”; thực hiện mô hình bí thư cấp ủy đồng"
            " thời là chủ tịch "
            "HĐND, UBND xã và bí thư chi bộ đồng thời là trưởng thôn, bản.",
            [
                ("pilot", "other", "Sổ tay đảng viên điện tử"),
                ("continue", "concurrent_post", "bí thư cấp ủy đồng thời là chủ tịch HĐND, UBND xã"),
                ("continue", "concurrent_post", "bí thư chi bộ đồng thời là trưởng thôn, bản"),
            ],
        ),
        (
            "Nhân rộng mô hình hợp nhất Văn phòng Huyện ủy với Văn phòng HĐND và UBND huyện.",
            [("expand", "merger", "hợp nhất Văn phòng Huyện ủy với Văn phòng HĐND và UBND huyện")],
        ),
        (
            "Đã thực hiện thí điểm mô hình bí thư đảng ủy đồng thời là chủ tịch UBND xã tại 37 xã.",
            [("pilot", "concurrent_post", "bí thư đảng ủy đồng thời là chủ tịch UBND xã")],
        ),
        # not models: an assessment, a generic plural, an adverb "đồng thời"
        ("Cả nước triển khai 4 mô hình mới gồm 2 mô hình về tổ chức, 2 mô hình kiêm nhiệm chức danh.", []),
        ("Các địa phương đã thực hiện thí điểm các mô hình trên thì sắp xếp lại theo mô hình chung.", []),
        ("Tăng cường sự lãnh đạo của Đảng; đồng thời phát huy tốt vai trò của các tổ chức.", []),
        ("Chỉ đạo đánh giá lại hiệu quả việc sáp nhập Trung tâm Y tế cấp huyện.", []),
        ("Đã hợp nhất 3 sở thành 1 sở.", []),
    ],
)
def test_sentences(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert summary(sentence) == expected


def test_a_task_for_a_district_committee() -> None:
    (model,) = models(
        "2.3. Ban Thường vụ Huyện ủy Đức Thọ xây dựng đề án chia tách các tổ chức Cơ quan Tổ chức -"
        " Nội vụ huyện, "
        "Văn phòng Cấp ủy - Chính quyền huyện theo mô hình chung của hệ thống chính trị (hoàn thành"
        " trong tháng "
        "10/2022)."
    )
    assert (model.status, model.locality, model.deadline, model.assignee) == (
        "dismantle",
        "Đức Thọ",
        "2022-10",
        "Ban Thường vụ Huyện ủy Đức Thọ",
    )
    assert model.name == "Cơ quan Tổ chức - Nội vụ huyện, Văn phòng Cấp ủy - Chính quyền huyện"
    assert model.evidence.text.endswith("(hoàn thành trong tháng 10/2022")


def test_a_deadline_with_a_day() -> None:
    (model,) = models(
        "Ban Thường vụ Huyện ủy Kỳ Anh xây dựng đề án chia tách cơ quan Ban Tuyên giáo - Dân vận "
        "Huyện ủy theo mô hình chung (hoàn thành trước ngày 30/6/2023)."
    )
    assert (model.name, model.deadline) == ("Ban Tuyên giáo - Dân vận Huyện ủy", "2023-06-30")


def test_decided_by() -> None:
    (quoted,) = models("Ban Bí thư ban hành Hướng dẫn số 03-HD/TW về “Thí điểm sinh hoạt đảng trực tuyến”.")
    assert (quoted.status, quoted.name, quoted.decided_by) == (
        "pilot",
        "sinh hoạt đảng trực tuyến",
        "03-HD/TW",
    )
    (news,) = models("Các địa phương thí điểm “Sổ tay đảng viên điện tử”.")
    assert news.decided_by is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "sáp nhập" is a merger when a status is given to it, as "hợp nhất" is
        (
            "2.3. Thực hiện thí điểm sáp nhập Trung tâm Văn hoá - Thông tin và Thể thao với Đài Truyền thanh"
            " huyện.",
            [
                (
                    "pilot",
                    "merger",
                    "sáp nhập Trung tâm Văn hoá - Thông tin và Thể thao với Đài Truyền thanh huyện",
                )
            ],
        ),
        # a status in another clause is not this model's
        (
            "Tiếp tục thực hiện việc hợp nhất các cơ quan chuyên môn cấp huyện; chỉ đạo đánh giá lại việc sáp"
            " nhập Trung tâm Y tế cấp huyện.",
            [("continue", "merger", "hợp nhất các cơ quan chuyên môn cấp huyện")],
        ),
        # a model named after its status
        (
            "Chấm dứt thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện, hoàn thành trong tháng"
            " 4/2025.",
            [("dismantle", "other", "Trung tâm Chính trị - Văn hóa - Thể thao huyện")],
        ),
        (
            "Không tiếp tục thực hiện thí điểm mô hình trung tâm một cửa liên thông.",
            [("dismantle", "other", "trung tâm một cửa liên thông")],
        ),
        # generic mentions name no model
        ("Đánh giá cao việc triển khai thực hiện thí điểm mô hình tổ chức mới theo Kết luận 34.", []),
        ("Việc thực hiện thí điểm các mô hình bước đầu đạt kết quả tích cực.", []),
    ],
)
def test_more_sentences(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert summary(sentence) == expected


def test_where_a_model_is_carried_out() -> None:
    (model,) = models(
        "2.2. Thí điểm mô hình trưởng ban dân vận đồng thời là chủ tịch Uỷ ban Mặt trận Tổ quốc Việt Nam"
        " huyện tại huyện Vĩnh Linh, hoàn thành trước ngày 30/6/2019."
    )
    assert (model.name, model.locality, model.deadline) == (
        "trưởng ban dân vận đồng thời là chủ tịch Uỷ ban Mặt trận Tổ quốc Việt Nam huyện",
        "Vĩnh Linh",
        "2019-06-30",
    )


@pytest.mark.parametrize(
    ("sentence", "assignee"),
    [
        (
            "Kế hoạch giao Ban Thường vụ Huyện ủy Sơn Tịnh chỉ đạo chấm dứt thí điểm mô hình Trung tâm Chính"
            " trị huyện.",
            "Ban Thường vụ Huyện ủy Sơn Tịnh",
        ),
        (
            "Đồng ý để Ban Thường vụ Huyện uỷ Gio Linh thực hiện thí điểm sáp nhập Trung tâm Văn hoá với Đài"
            " Truyền thanh huyện.",
            "Ban Thường vụ Huyện uỷ Gio Linh",
        ),
        # the task of one clause is not the next clause's
        (
            "Giao Ban Tổ chức Quận ủy xây dựng đề án; không nhân rộng mô hình trưởng ban tuyên giáo đồng thời"
            " là giám đốc trung tâm chính trị quận.",
            None,
        ),
    ],
)
def test_the_body_given_the_task(sentence: str, assignee: str | None) -> None:
    (model,) = models(sentence)
    assert model.assignee == assignee


def test_models_pointed_back_to_are_set_back_to_the_common_model() -> None:
    found = models(
        "3. Dừng thực hiện thí điểm các mô hình sau: (1) Hợp nhất Văn phòng cấp ủy với Văn phòng Hội đồng"
        " nhân dân cấp huyện. (2) Trưởng ban tuyên giáo đồng thời là giám đốc trung tâm chính trị cấp"
        " huyện.\n\nCác cơ quan đã thực hiện các mô hình trên sắp xếp lại theo mô hình chung, hoàn thành"
        " trước ngày 15/8/2025."
    )
    assert [(m.status, m.family, m.deadline, m.name[:20]) for m in found] == [
        ("pause", "merger", None, "hợp nhất Văn phòng c"),
        ("pause", "concurrent_post", None, "trưởng ban tuyên giá"),
        ("dismantle", "merger", "2025-08-15", "hợp nhất Văn phòng c"),
        ("dismantle", "concurrent_post", "2025-08-15", "trưởng ban tuyên giá"),
    ]
    assert found[2].evidence.text.startswith("Các cơ quan đã thực hiện các mô hình trên")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "thí điểm thực hiện" is one pilot cue, not "thực hiện" (continue) after "thí điểm"
        (
            "Thí điểm thực hiện mô hình trưởng ban dân vận cấp ủy đồng thời là chủ tịch Ủy ban Mặt trận Tổ"
            " quốc cấp huyện tại một số cơ quan, đơn vị.",
            [
                (
                    "pilot",
                    "concurrent_post",
                    "trưởng ban dân vận cấp ủy đồng thời là chủ tịch Ủy ban Mặt trận Tổ quốc cấp huyện",
                )
            ],
        ),
        # pilots that are neither mergers nor concurrent posts, named after "mô hình"
        (
            "Thí điểm thực hiện mô hình Sổ tay đảng viên điện tử tại một số cơ quan, đơn vị.",
            [("pilot", "other", "Sổ tay đảng viên điện tử")],
        ),
        (
            "Tiếp tục duy trì, nâng cao hiệu quả hoạt động của mô hình sinh hoạt đảng trực tuyến ở đảng bộ"
            " cơ sở ở những nơi đã thực hiện.",
            [("continue", "other", "sinh hoạt đảng trực tuyến ở đảng bộ cơ sở")],
        ),
        (
            "Các địa phương căn cứ tình hình thực tế, chủ động quyết định việc thực hiện mô hình giao quyền"
            " cấp trên cơ sở cho đảng ủy cơ sở.",
            [("allow", "other", "giao quyền cấp trên cơ sở cho đảng ủy cơ sở")],
        ),
        # a later clause restates the status of a model named after "mô hình"
        (
            "Tiếp tục quan tâm lãnh đạo nâng cao hiệu quả hoạt động của mô hình đảng bộ khối doanh nghiệp cấp"
            " tỉnh; không nhân rộng mô hình này ở những địa phương chưa thực hiện.",
            [("do_not_replicate", "other", "đảng bộ khối doanh nghiệp cấp tỉnh")],
        ),
        # carrying a model out is no status of its own
        ("Các cơ quan thực hiện mô hình một cửa liên thông.", []),
    ],
)
def test_pilots_named_after_their_cue(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert summary(sentence) == expected


def test_a_merger_of_organs_is_a_model_even_without_a_status_cue() -> None:
    """News announce the decisions ("công bố các quyết định về hợp nhất ..."): the model is named, its status
    is not stated; a merger of communes is no model of organisation."""
    text = (
        "Hội nghị đã công bố các quyết định của Ban Thường vụ Tỉnh ủy về hợp nhất Ban Tổ chức Huyện ủy"
        " Đức Thọ với Phòng Nội vụ huyện Đức Thọ; hợp nhất Cơ quan Ủy ban Kiểm tra (UBKT) Huyện ủy Đức Thọ"
        " với Thanh tra huyện Đức Thọ. Tỉnh cũng công bố quyết định sáp nhập 21 xã của huyện."
    )
    models = extract_text(text).models
    assert [(m.name, m.status) for m in models] == [
        ("hợp nhất Ban Tổ chức Huyện ủy Đức Thọ với Phòng Nội vụ huyện Đức Thọ", None),
        ("hợp nhất Cơ quan Ủy ban Kiểm tra (UBKT) Huyện ủy Đức Thọ với Thanh tra huyện Đức Thọ", None),
    ]
    assert all(text[m.evidence.start : m.evidence.end] == m.evidence.text for m in models)


@pytest.mark.parametrize(
    ("text", "locality"),
    [
        # the district the model's own words name, before the province of a provincial body issuing it
        (
            "Ban Thường vụ Tỉnh ủy Hà Tĩnh ban hành Quyết định số 1255-QĐ/TU về việc thí điểm hợp nhất Ban"
            " Tuyên giáo và Ban Dân vận Huyện ủy Kỳ Anh.",
            "Kỳ Anh",
        ),
        ("Đồng ý thực hiện thí điểm hợp nhất văn phòng cấp ủy với văn phòng HĐND và UBND cấp huyện.", None),
    ],
)
def test_a_models_locality_from_the_committee_its_words_name(text: str, locality: str | None) -> None:
    (model,) = extract_text(text).models
    assert model.locality == locality


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Huyện đã thực hiện thí điểm hợp nhất Văn phòng Huyện ủy và Văn phòng HĐND-UBND huyện từ ngày"
            " 01/01/2019.",
            "hợp nhất Văn phòng Huyện ủy và Văn phòng HĐND-UBND huyện",
        ),
        (
            "Thực hiện thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện kể từ tháng 3/2019.",
            "Trung tâm Chính trị - Văn hóa - Thể thao huyện",
        ),
        (
            "Thực hiện thí điểm mô hình bí thư đảng ủy đồng thời là chủ tịch UBND xã trong năm 2019"
            " tại 12 xã.",
            "bí thư đảng ủy đồng thời là chủ tịch UBND xã",
        ),
    ],
)
def test_when_a_model_applies_from_is_no_part_of_its_name(sentence: str, name: str) -> None:
    assert [m.name for m in models(sentence)] == [name]


@pytest.mark.parametrize(
    ("text", "locality"),
    [
        (
            "Thực hiện Kết luận số 34-KL/TW ngày 7/8/2018 của Bộ Chính trị, huyện Đức Thọ đã thực hiện"
            " thí điểm hợp nhất Văn phòng Huyện ủy và Văn phòng HĐND-UBND huyện.",
            "Đức Thọ",
        ),
        ("Huyện Kỳ Anh thực hiện thí điểm mô hình Trung tâm Chính trị - Văn hóa - Thể thao huyện.", "Kỳ Anh"),
        (
            "2. Tỉnh Quảng Ninh tiếp tục thực hiện mô hình bí thư đảng ủy đồng thời là chủ tịch UBND xã.",
            "Quảng Ninh",
        ),
        ("Quận 4 đã thực hiện thí điểm mô hình Trung tâm Chính trị quận từ ngày 01/01/2019.", "Quận 4"),
        # a unit named after another word of the clause is not its subject
        ("Đánh giá kết quả ở huyện Đức Thọ và thực hiện thí điểm mô hình Trung tâm Chính trị huyện.", None),
    ],
)
def test_a_models_locality_from_the_unit_its_clause_opens_with(text: str, locality: str | None) -> None:
    assert [m.locality for m in models(text)] == [locality]
