"""graph.curation: the curation file format and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.curation import load_curation
from graph.errors import CurationError

SOURCES = Path(__file__).parents[1] / "sources"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_curation_file_loads_with_lines_and_citations():
    cur = load_curation(SOURCES / "curation.yaml", SOURCES)
    (rel,) = cur.relations
    assert (rel.source.number, rel.source.date, rel.relation, rel.target.number) == (
        "34-KL/TW",
        "2018-08-07",
        "implements",
        "18-NQ/TW",
    )
    assert rel.citation.text.startswith("Kết luận số 34-KL/TW")
    lines = (SOURCES / "curation.yaml").read_text(encoding="utf-8").splitlines()
    assert "kl34-implements-nq18" in lines[rel.line - 1]
    (attr,) = cur.attributes
    assert (attr.attribute, attr.value) == ("date_not_before", "2022-07-07")


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path):
    path = write(tmp_path, "facts:\n  - id: a\n    relation: {from: [x\n")
    with pytest.raises(CurationError) as info:
        load_curation(path, tmp_path)
    message = str(info.value)
    assert message.startswith(f"{path.as_posix()}:")
    assert "YAML syntax error" in message
    assert info.value.line is not None and info.value.line >= 3


def test_fact_without_citation_is_refused(tmp_path: Path):
    fact = "    relation: {from: {number: 1-NQ/TW}, type: implements, to: {number: 2-NQ/TW}}\n"
    path = write(tmp_path, "facts:\n  - id: a\n" + fact)
    with pytest.raises(CurationError, match=r":2: fact 'a' has no citation"):
        load_curation(path, tmp_path)


def test_unknown_relation_type(tmp_path: Path):
    path = write(
        tmp_path,
        "facts:\n  - id: a\n    relation: {from: {number: 1-NQ/TW}, type: obeys, to: {number: 2-NQ/TW}}\n"
        "    citation: x\n",
    )
    with pytest.raises(CurationError, match="unknown relation type 'obeys'"):
        load_curation(path, tmp_path)


def test_source_outside_the_sources_folder_is_refused(tmp_path: Path):
    (tmp_path / "sources").mkdir()
    path = write(
        tmp_path / "sources",
        "facts:\n  - id: a\n    document: {source: ../../etc/passwd}\n"
        "    set: {province: Hà Tĩnh}\n    citation: x\n",
    )
    with pytest.raises(CurationError, match="lies outside the sources folder; refused"):
        load_curation(path, tmp_path / "sources")


def test_unknown_attribute(tmp_path: Path):
    path = write(
        tmp_path,
        "facts:\n  - id: a\n    document: {number: 1-NQ/TW}\n    set: {colour: red}\n    citation: x\n",
    )
    with pytest.raises(CurationError, match="cannot set 'colour'"):
        load_curation(path, tmp_path)
