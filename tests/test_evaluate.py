"""graph.evaluate and graph.gold: scoring extraction against hand annotations."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import SourceError
from graph.evaluate import Counts, GoldError, Scores, evaluate, score_extraction
from graph.extract import extract_text
from graph.gold import GoldFile, GoldModel, load_gold
from graph.model import Extraction, ModelMention, Span

SOURCES = Path(__file__).parents[1] / "sources"
GOLD = Path(__file__).parents[2] / "shared" / "seeds" / "gold.json"

TINY = "Kết luận số 50-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 18-NQ/TW tại tỉnh Hà Tĩnh."
TINY_GOLD: dict[str, Any] = {
    "file": "tiny.txt",
    "this": {"number": "50-KL/TW"},
    "documents": [
        {"number": "50-KL/TW", "type": "Kết luận", "issuer": "Bộ Chính trị", "date": "2023-02-28"},
        {"number": "99-KL/TW", "type": "Kết luận", "issuer": None, "date": None},  # missed
        {"number": "98 - KL/TW", "type": "Kết luận", "issuer": None, "date": None},  # missed; normalised
        {"number": None, "type": "Cương lĩnh", "issuer": None, "date": None},  # no number: not counted
    ],
    "relations": [
        {"source": "THIS", "relation": "implements", "target": "18-NQ/TW"},  # found, type wrong (continues)
        {"source": "THIS", "relation": "cites", "target": "99-KL/TW"},  # missed
    ],
    "localities": [{"name": "Hà Tĩnh", "level": "province"}, {"name": "Đức Thọ", "level": "district"}],
    "models": [{"name": "bí thư chi bộ đồng thời là trưởng thôn", "status": "continue", "evidence": "x"}],
}
SECOND = {"file": "second.txt", "this": None, "documents": [{"number": "18-NQ/TW"}]}


@pytest.fixture(scope="module")
def seed_scores() -> Scores:
    return evaluate(GOLD, SOURCES)


def test_seeds_score_full_marks_on_documents_dates_and_relations(seed_scores: Scores):
    assert seed_scores.metric("documents.f1").value == 1.0
    assert seed_scores.metric("documents.date_accuracy").value == 1.0
    assert seed_scores.metric("relations.f1").value == 1.0
    assert seed_scores.metric("documents.f1").support == 19  # every numbered gold document is counted
    assert [row.file for row in seed_scores.files] == [
        entry["file"] for entry in json.loads(GOLD.read_text())["files"]
    ]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "tiny.txt").write_text(TINY, encoding="utf-8")
    (tmp_path / "second.txt").write_text("Nghị quyết số 18-NQ/TW.", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"files": [TINY_GOLD, SECOND]}, ensure_ascii=False), encoding="utf-8")
    return gold


def test_known_counts_on_a_tiny_text(tiny: Path):
    row = evaluate(tiny, tiny.parent).files[0]
    # predicted 50-KL/TW and 18-NQ/TW; gold 50-KL/TW, 99-KL/TW, 98-KL/TW
    assert row.documents == Counts(tp=1, fp=1, fn=2)
    assert (row.documents.precision, row.documents.recall, row.documents.f1) == pytest.approx(
        (1 / 2, 1 / 3, 0.4)
    )
    assert (row.types.value, row.issuers.value, row.dates.value) == (1.0, 1.0, 0.0)  # no date in the text
    assert row.relations == Counts(tp=1, fp=0, fn=1)  # THIS -> 50-KL/TW on both sides
    assert row.relations.f1 == pytest.approx(2 / 3)
    assert row.relation_types.value == 0.0  # gold implements, predicted continues
    assert row.localities == Counts(tp=1, fp=0, fn=1)
    assert (row.models.correct, row.models.total) == (0, 1)
    assert row.model_statuses.value is None
    assert "missed document 99-KL/TW" in row.notes
    assert "spurious document 18-NQ/TW" in row.notes


def test_totals_are_micro_averaged(tiny: Path):
    scores = evaluate(tiny, tiny.parent)
    assert scores.total.documents == Counts(tp=2, fp=1, fn=2)
    assert scores.metric("documents.f1").value == pytest.approx(4 / 7)  # macro would be (0.4 + 1) / 2
    assert scores.metric("documents.precision").support == 3
    assert scores.metric("documents.recall").support == 4


MODEL_TEXT = (
    "2.3. Tạm dừng thực hiện thí điểm mô hình trưởng ban tổ chức đồng thời là giám đốc sở nội vụ. "
    "2.4. Chánh văn phòng cấp ủy đồng thời là chánh văn phòng HĐND."
)


def _model(name: str, status: Any, evidence: str) -> ModelMention:
    start = MODEL_TEXT.index(evidence)
    return ModelMention(name, status, Span(start, start + len(evidence), evidence))


def test_model_recall_by_evidence_then_by_name():
    predicted = (
        _model("trưởng ban tổ chức đồng thời là giám đốc sở nội vụ", "pause", "Tạm dừng thực hiện thí điểm"),
        _model(
            "chánh văn phòng cấp ủy đồng thời là chánh văn phòng HĐND", "continue", "2.4. Chánh văn phòng"
        ),
    )
    gold = GoldFile(
        "m.txt",
        None,
        (),
        (),
        (),
        (
            # found by evidence only (no word of its name is predicted): the piece before "..." overlaps
            GoldModel(
                "mô hình thứ nhất",
                "pause",
                "thực hiện thí điểm ... giám đốc sở nội vụ",
            ),
            # found by name: 8 of its 11 folded words are in the second predicted name (>= 60%); wrong status
            GoldModel(
                "chánh văn phòng cấp ủy đồng thời là chánh văn phòng hội đồng nhân dân",
                "pause",
                "(4) Chánh văn phòng cấp ủy cấp huyện",
            ),
            GoldModel("bí thư chi bộ đồng thời là trưởng thôn", "continue", "bí thư chi bộ"),  # not found
        ),
    )
    row = score_extraction(gold, Extraction("m.txt", MODEL_TEXT, "", None, models=predicted))
    assert (row.models.correct, row.models.total) == (2, 3)
    assert (row.model_statuses.correct, row.model_statuses.total) == (1, 2)


def test_found_models_are_scored_on_their_locality_and_deadline():
    text = (
        "Giao Ban Thường vụ Huyện ủy Đức Thọ chia tách cơ quan Tổ chức - Nội vụ huyện"
        " (hoàn thành trong tháng 10/2022)."
    )
    gold = GoldFile(
        "m.txt",
        None,
        (),
        (),
        (),
        (
            GoldModel(
                "cơ quan Tổ chức - Nội vụ huyện", "dismantle", "chia tách cơ quan", "huyện Đức Thọ", "2022-10"
            ),
            GoldModel(
                "cơ quan Tổ chức - Nội vụ huyện", "dismantle", "chia tách cơ quan", "Kỳ Anh", "2022-09"
            ),
            GoldModel("cơ quan Tổ chức - Nội vụ huyện", "dismantle", "chia tách cơ quan"),
        ),
    )
    predicted = extract_text(text).models
    assert [(m.locality, m.deadline) for m in predicted] == [("Đức Thọ", "2022-10")]
    scores = [
        score_extraction(
            replace(gold, models=(model,)), Extraction("m.txt", text, "", None, models=predicted)
        )
        for model in gold.models
    ]
    # the name's type word does not count ("huyện Đức Thọ" is Đức Thọ); a gold model tied to no unit is
    # matched only by a predicted one tied to none
    assert [(s.model_localities.correct, s.model_deadlines.correct) for s in scores] == [
        (1, 1),
        (0, 0),
        (0, 0),
    ]
    assert "locality of model 'cơ quan Tổ chức - Nội vụ huyện': gold Kỳ Anh, got Đức Thọ" in scores[1].notes


def test_gold_entry_without_its_text_names_the_entry_and_the_path(tiny: Path, tmp_path: Path):
    (tmp_path / "second.txt").unlink()
    with pytest.raises(SourceError) as info:
        evaluate(tiny, tmp_path)
    message = str(info.value)
    assert message.startswith(
        f"{tmp_path / 'second.txt'}: no such text for gold entry files[1] ('second.txt'"
    )
    assert "--texts DIR" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", 'is not a gold file: it has no "files" list'),
        ('{"files": []}', 'is not a gold file: it has no "files" list, or an empty one'),
        ('{"files": [{"name": "a.txt"}]}', r"files\[0\]\.file is missing or not a string"),
        (
            '{"files": [{"file": "a.txt", "relations": [{"source": "THIS", "relation": "cites"}]}]}',
            r"files\[0\]\.relations\[0\]\.target is missing or not a string",
        ),
        ('{"files": [{"file": "a.txt", "documents": {}}]}', r"files\[0\]\.documents is not a list"),
        ('{"files": [', "is not JSON"),
    ],
)
def test_unknown_gold_format_is_a_clear_error(tmp_path: Path, content: str, message: str):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path)
    assert str(info.value).startswith(str(path))


def test_the_seed_gold_file_loads():
    files = load_gold(GOLD)
    assert [f.this_number for f in files] == ["16-TB/TW", "55-KL/TU", None, None]
    assert sum(len(f.relations) for f in files) == 13


# --- CLI ------------------------------------------------------------------------------------------------


def test_cli_prints_a_table_and_exits_0():
    result = CliRunner().invoke(cli, ["evaluate", str(GOLD), "--texts", str(SOURCES)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"metric +value +support", lines[0])
    assert re.fullmatch(r"documents\.f1 +1\.000 +19", lines[3])
    assert len(lines) == 18  # the header and one row per metric


def test_cli_json_and_per_file(tiny: Path):
    result = CliRunner().invoke(cli, ["evaluate", str(tiny), "--texts", str(tiny.parent), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"]["metrics"]["documents.f1"] == {"value": pytest.approx(4 / 7), "support": 4}
    assert [row["file"] for row in data["files"]] == ["tiny.txt", "second.txt"]
    table = CliRunner().invoke(cli, ["evaluate", str(tiny), "--texts", str(tiny.parent), "--per-file"]).output
    assert "file: tiny.txt" in table and "note: missed document 99-KL/TW" in table


def test_cli_missing_text_and_bad_gold_exit_2(tiny: Path, tmp_path: Path):
    result = CliRunner().invoke(cli, ["evaluate", str(tiny), "--texts", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such text for gold entry files[0] ('tiny.txt'" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"documents": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert 'is not a gold file: it has no "files" list' in result.output


@pytest.mark.parametrize("gold_name", ["Quận 1", "quận 1", "1"])
def test_a_numbered_district_is_one_name_with_or_without_its_type_word(gold_name: str):
    text = "Quận ủy Quận 1 tổ chức hội nghị."
    gold = GoldFile("q.txt", None, (), (), ((gold_name, "district"),), ())
    row = score_extraction(gold, extract_text(text))
    assert row.localities == Counts(tp=1, fp=0, fn=0)


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Ban Thường vụ Tỉnh ủy Quảng Ninh", "Ban Thường vụ Tỉnh ủy Quảng Ninh", True),
        ("Ban Chấp hành Trung ương Đảng khoá XII", "Ban Chấp hành Trung ương Đảng", True),
        ("Ban Thường vụ Tỉnh ủy Quảng Ninh", "Ban Thường vụ Tỉnh ủy", False),  # the place is part of it
        ("Ban Thường vụ Tỉnh ủy Quảng Ninh", "Ban Thường vụ Tỉnh ủy Hà Tĩnh", False),
        ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy Hà Tĩnh", True),  # the gold names no place
        ("Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh", "Ban Thường vụ Thành ủy Hồ Chí Minh", True),
        ("Ban Thường vụ Huyện ủy Đức Thọ", "Ban Thường vụ Huyện ủy", False),
        ("Quận ủy Quận 1", "Quận ủy Quận 1", True),
        ("Ban Thường vụ Tỉnh ủy Quảng Ninh", None, False),
    ],
)
def test_an_issuer_is_its_body_and_the_place_the_gold_gives(gold: str, predicted: str | None, same: bool):
    from graph.evaluate import _same_issuer

    assert _same_issuer(gold, predicted) is same
