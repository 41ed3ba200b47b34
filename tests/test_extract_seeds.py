"""The four seed texts against their hand annotations (../shared/seeds/gold.json)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from graph.extract import extract_text
from graph.extract.bodies import resolve_body
from graph.model import THIS, Extraction, Span
from graph.text import fold, nfc

SOURCES = Path(__file__).parents[1] / "sources"
GOLD = Path(__file__).parents[2] / "shared" / "seeds" / "gold.json"
FILES = [entry["file"] for entry in json.loads(GOLD.read_text(encoding="utf-8"))["files"]]


@cache
def gold(name: str) -> dict[str, Any]:
    return next(e for e in json.loads(GOLD.read_text(encoding="utf-8"))["files"] if e["file"] == name)


@cache
def extracted(name: str) -> Extraction:
    text = nfc((SOURCES / name).read_text(encoding="utf-8"))
    return extract_text(text, source=name)


def body_key(label: str | None) -> str | None:
    if label is None:
        return None
    body = resolve_body(label)
    assert body is not None, f"no body for {label!r}"
    return body.key


def own_key(ext: Extraction) -> str:
    return ext.document.number if ext.document and ext.document.number else THIS


def fragment_at(text: str, evidence: str) -> tuple[int, int]:
    """Where the first part of a gold evidence string ("..." marks an elision) sits in the text."""
    part = max(evidence.split("..."), key=len).strip(" ,")
    start = text.find(part)
    assert start >= 0, part
    return start, start + len(part)


def overlaps(a: tuple[int, int], span: Span) -> bool:
    return a[0] < span.end and span.start < a[1]


@pytest.mark.parametrize("name", FILES)
def test_kind_and_published(name: str) -> None:
    ext, entry = extracted(name), gold(name)
    assert ext.kind == entry["kind"]
    assert ext.published == entry.get("published")


@pytest.mark.parametrize("name", FILES)
def test_documents_are_the_gold_numbers(name: str) -> None:
    numbers = {d.number for d in extracted(name).documents if d.number}
    assert numbers == {d["number"] for d in gold(name)["documents"]}


@pytest.mark.parametrize("name", FILES)
def test_each_document_type_issuer_date(name: str) -> None:
    docs = {d.number: d for d in extracted(name).documents}
    for expected in gold(name)["documents"]:
        doc = docs[expected["number"]]
        assert doc.type == expected["type"], expected["number"]
        assert body_key(doc.issuer) == body_key(expected["issuer"]), expected["number"]
        assert doc.date == expected["date"], expected["number"]


@pytest.mark.parametrize("name", FILES)
def test_surfaces_are_mentions(name: str) -> None:
    docs = {d.number: d for d in extracted(name).documents}
    for expected in gold(name)["documents"]:
        seen = {m.text for m in docs[expected["number"]].mentions}
        for surface in expected["surface"]:
            assert any(surface in s for s in seen), (expected["number"], surface, seen)


@pytest.mark.parametrize("name", FILES)
def test_relations(name: str) -> None:
    ext, entry = extracted(name), gold(name)
    this = own_key(ext)
    got = {(r.source, r.target): r for r in ext.relations}
    want = {(this if g["source"] == THIS else g["source"], g["target"]): g for g in entry["relations"]}
    assert set(got) == set(want)
    for pair, g in want.items():
        assert got[pair].relation == g["relation"], pair
        assert overlaps(fragment_at(ext.text, g["evidence"]), got[pair].evidence), pair


@pytest.mark.parametrize("name", FILES)
def test_own_document(name: str) -> None:
    ext, this = extracted(name), gold(name)["this"]
    if this is None:
        assert ext.document is None
        return
    doc = ext.document
    assert doc is not None
    assert (doc.number, doc.type, doc.date) == (this["number"], this["type"], this["date"])
    assert body_key(doc.issuer) == body_key(this["issuer"])
    assert [s.name for s in doc.signers] == [s["name"] for s in this["signers"]]
    if "recipients" in this:  # gold annotates recipients where it lists them
        assert list(doc.recipients) == this["recipients"]
    received = [{"by": r.by, "number": r.number, "date": r.date} for r in doc.received]
    assert received == this.get("received", [])
    if "place" in this:
        assert doc.place == this["place"]


def test_own_document_facts_the_text_does_not_state_stay_unknown() -> None:
    doc = extracted("003_ebb99f231a8fd273.txt").document
    assert doc is not None
    assert (doc.number, doc.date, doc.province) == (None, None, None)
    assert doc.issuer == "Thường trực Tỉnh ủy"
    assert doc.signers[0].capacity == "Chánh Văn phòng"


def _tokens(text: str) -> set[str]:
    return set(fold(text).replace("/", " ").replace("(", " ").replace(")", " ").replace(",", " ").split())


def _matches(ext: Extraction, g: dict[str, Any]) -> list[Any]:
    where = fragment_at(ext.text, g["evidence"])
    want = _tokens(g["name"])
    return [
        m
        for m in ext.models
        if m.status == g["status"]
        and (overlaps(where, m.evidence) or len(want & _tokens(m.name)) >= 0.6 * len(want))
    ]


@pytest.mark.parametrize("name", FILES)
def test_models(name: str) -> None:
    ext = extracted(name)
    for g in gold(name)["models"]:
        found = _matches(ext, g)
        assert found, g["name"]
        assert found[0].locality == g.get("locality"), g["name"]
        assert found[0].deadline == g.get("deadline"), g["name"]


@pytest.mark.parametrize("name", FILES)
def test_plenum_references(name: str) -> None:
    docs = extracted(name).documents
    for ref in gold(name).get("plenum_refs", []):
        found = [d for d in docs if d.number is None and d.plenum == ref["plenum"] and d.term == ref["term"]]
        assert found and any(ref["surface"] in m.text for m in found[0].mentions)


def _spans(value: object) -> list[Span]:
    if isinstance(value, Span):
        return [value]
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in _spans(v)]
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in _spans(getattr(value, f.name))]
    return []


@pytest.mark.parametrize("name", FILES)
def test_every_span_is_a_slice_of_the_text(name: str) -> None:
    ext = extracted(name)
    spans = [s for f in fields(ext) if f.name != "text" for s in _spans(getattr(ext, f.name))]
    assert len(spans) > 5
    for span in spans:
        assert ext.text[span.start : span.end] == span.text
