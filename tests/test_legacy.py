"""graph.legacy and the reading of sources: texts in the TCVN3 (ABC) and VNI font encodings (DOMAIN.md §8),
as files in those bytes and as Unicode text that kept the fonts' code points, read as the Vietnamese they
encode; Unicode Vietnamese and other texts are never touched."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from graph import legacy
from graph.extract import extract_text
from graph.model import Extraction
from graph.sources import read_source
from graph.synth.hazards import windows_1258

SEEDS = sorted((Path(__file__).parents[1] / "sources").glob("00*.txt"))
ENCODERS = {"tcvn3": legacy.encode_tcvn3, "vni": legacy.encode_vni}
# What a reader of those fonts' code points sees: each byte as Windows-1252 (Latin-1 for TCVN3's).
FONT_CODEPAGE = {"tcvn3": "latin-1", "vni": "cp1252"}


def seed_text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def facts(ext: Extraction) -> tuple[object, ...]:
    """What the graph takes from a text: its document, relations, places (model labels aside: TCVN3
    keeps no accented capital outside lines in capitals, "Ủy ban" reads "ủy ban")."""
    own = ext.document
    return (
        own and (own.number, own.date, own.issuer),
        sorted((r.source, r.relation, r.target) for r in ext.relations),
        sorted((p.name, p.level) for p in ext.localities),
        len(ext.models),
    )


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_file_in_a_font_encoding_reads_as_the_text_it_encodes(
    seed: Path, encoding: str, tmp_path: Path
) -> None:
    text = seed_text(seed)
    path = tmp_path / "old.txt"
    path.write_bytes(ENCODERS[encoding](text))
    source = read_source(path)
    assert source.encoding == encoding
    assert source.warnings == (f"{path}: not UTF-8; read as {legacy.LABELS[encoding]}.",)
    assert source.text == legacy.round_trip(text, encoding)
    assert facts(extract_text(source.text)) == facts(extract_text(text))


def page(text: str) -> str:
    lines = "".join(
        f"<p>{line}</p>\n" for line in text.replace("&", "&amp;").replace("<", "&lt;").split("\n")
    )
    return f'<html><head><meta charset="utf-8"></head><body>\n{lines}</body></html>'


@pytest.mark.parametrize("media", [".txt", ".html"])
@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.name[:3])
def test_font_code_points_in_a_unicode_text_are_turned_into_letters(
    seed: Path, encoding: str, media: str, tmp_path: Path
) -> None:
    """A text typed in .VnTime or VNI-Times and copied as it was, then saved as UTF-8 (or put in a page):
    it reads as the same text saved in Unicode."""
    text = seed_text(seed)
    garbled = ENCODERS[encoding](text).decode(FONT_CODEPAGE[encoding])
    wrap = page if media == ".html" else str
    (tmp_path / f"font{media}").write_text(wrap(garbled), encoding="utf-8")
    (tmp_path / f"unicode{media}").write_text(wrap(text), encoding="utf-8")
    source, unicode = read_source(tmp_path / f"font{media}"), read_source(tmp_path / f"unicode{media}")
    assert source.encoding == "utf-8"
    (warning,) = source.warnings
    assert warning.startswith(
        f"{source.path}: written with a {legacy.LABELS[encoding]} font (letters such as "
    )
    assert facts(extract_text(source.text)) == facts(extract_text(unicode.text))
    if media == ".txt":
        assert source.text == legacy.round_trip(text, encoding)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_unicode_and_windows_1258_texts_are_left_as_they_are(seed: Path, tmp_path: Path) -> None:
    text = seed_text(seed)
    assert legacy.repair(text) == (text, None)
    assert legacy.repair(unicodedata.normalize("NFD", text)) == (unicodedata.normalize("NFD", text), None)
    path = tmp_path / "cp1258.txt"
    path.write_bytes(windows_1258(text))
    assert read_source(path).encoding == "cp1258"


def test_a_line_typed_in_capitals_gets_its_accented_capitals_back() -> None:
    text = "ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY HÀ TĨNH\nSố 55-KL/TU\nHà Tĩnh, ngày 12 tháng 3 năm 2023\nĐẾN\n"
    stored = legacy.encode_tcvn3(text)
    assert b"\xa7\xb6NG" in stored  # "ĐẢNG" as TCVN3 stores it: "Đ" has a capital, "Ả" only a small letter
    assert legacy.round_trip(text, "tcvn3") == text


def test_letters_tcvn3_lacks_read_back_in_ascii_or_small() -> None:
    assert legacy.round_trip("Ủy ban “Mặt trận” – 2023", "tcvn3") == 'ủy ban "Mặt trận" - 2023'
    assert legacy.round_trip("Ủy ban “Mặt trận” – 2023", "vni") == 'Ủy ban "Mặt trận" - 2023'


def test_text_in_another_language_is_not_read_as_a_font() -> None:
    french = "Le comité a décidé à l'unanimité de créer une équipe, déjà prévue à l'été dernier."
    assert legacy.repair(french) == (french, None)
    assert legacy.decode_bytes(french.encode("cp1252")) == (french, "cp1258")
