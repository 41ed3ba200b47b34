"""Texts written for these tests (tests/data/extract/*.txt), each against its hand-checked expectations
(*.expected.json), written from what the text states: official texts of central, provincial, city, district,
urban-district, commune and bloc committees (headers flattened into columns or one cell per line, "Số:",
place-date lines, "Căn cứ" lines, numbered points, T/M, K/T and T/L signatures, "Nơi nhận:"), an official
letter with a "V/v" subject, portal pages, news with bylines, timestamps and tags, texts of 2012 and of 2025
after the reform, State documents, numbers written every way, NFD and old tone placement, damaged diacritics,
issuer codes that contradict the words, plenum and congress references, two documents numbered 34-KL/TW, pilot
models, and texts with no document number at all.

Optional keys: ``notes`` (document key -> notes its document must carry) and ``localities`` ([name, level,
role] of every place the text names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract import extract_text
from graph.model import Extraction
from graph.text import nfc

DATA = Path(__file__).parent / "data" / "extract"
NAMES = sorted(p.stem for p in DATA.glob("*.txt"))


def load(name: str) -> tuple[Extraction, dict[str, Any]]:
    text = nfc((DATA / f"{name}.txt").read_text(encoding="utf-8"))
    expected = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    return extract_text(text, source=name), expected


def test_the_texts_are_there() -> None:
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_kind_and_own_document(name: str) -> None:
    ext, expected = load(name)
    assert (ext.kind, ext.published) == (expected["kind"], expected["published"])
    if expected["document"] is None:
        assert ext.document is None
        return
    doc, want = ext.document, expected["document"]
    assert doc is not None
    got = {
        "number": doc.number,
        "type": doc.type,
        "issuer": doc.issuer,
        "date": doc.date,
        "place": doc.place,
        "province": doc.province,
        "signers": [[s.name, s.capacity] for s in doc.signers],
        "recipients": list(doc.recipients),
    }
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_documents(name: str) -> None:
    ext, expected = load(name)
    got = {
        d.key: {"type": d.type, "issuer": d.issuer, "date": d.date, "kind": d.kind, "term": d.term}
        for d in ext.documents
    }
    assert got == expected["documents"]


@pytest.mark.parametrize("name", NAMES)
def test_relations(name: str) -> None:
    ext, expected = load(name)
    assert sorted([r.source, r.relation, r.target] for r in ext.relations) == expected["relations"]


@pytest.mark.parametrize("name", NAMES)
def test_models(name: str) -> None:
    ext, expected = load(name)
    got = [
        {
            "name": m.name,
            "status": m.status,
            "family": m.family,
            "locality": m.locality,
            "deadline": m.deadline,
            "assignee": m.assignee,
        }
        for m in ext.models
    ]
    assert got == expected["models"]


@pytest.mark.parametrize("name", NAMES)
def test_warnings(name: str) -> None:
    ext, expected = load(name)
    assert list(ext.warnings) == expected["warnings"]


@pytest.mark.parametrize("name", [n for n in NAMES if "notes" in load(n)[1]])
def test_notes(name: str) -> None:
    ext, expected = load(name)
    got = {d.key: list(d.notes) for d in ext.documents}
    for key, notes in expected["notes"].items():
        assert got[key] == notes, key


@pytest.mark.parametrize("name", [n for n in NAMES if "localities" in load(n)[1]])
def test_localities(name: str) -> None:
    ext, expected = load(name)
    got = sorted([loc.name, loc.level, loc.role] for loc in ext.localities)
    assert got == expected["localities"]


@pytest.mark.parametrize("name", ["news_no_number", "speech_no_number", "ctr_du_draft_no_number"])
def test_nothing_is_invented_without_a_number(name: str) -> None:
    ext, _ = load(name)
    assert (ext.documents, ext.relations, ext.models) == ((), (), ())
    assert ext.document is None or ext.document.number is None


_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạếềểễệốồổỗộớờởỡợứừửữựĐÐ TBKLNQHDWU0123456789-–/.,;:()*#“”\n\t&x2F"
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_any_text_gives_spans_into_it(text: str) -> None:
    ext = extract_text(nfc(text))
    for doc in ext.documents:
        for span in doc.mentions:
            assert ext.text[span.start : span.end] == span.text
    for rel in ext.relations:
        assert ext.text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
    for model in ext.models:
        assert ext.text[model.evidence.start : model.evidence.end] == model.evidence.text


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(NAMES),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=0, max_value=400),
)
def test_cut_texts_do_not_break_extraction(name: str, start: int, length: int) -> None:
    text = nfc((DATA / f"{name}.txt").read_text(encoding="utf-8"))[start : start + length]
    extract_text(text)
