"""graph.sources: finding and decoding input texts."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.sources import decode, find_sources, read_source
from graph.synth.hazards import windows_1258

SOURCES = Path(__file__).parents[1] / "sources"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def test_seed_copies_are_byte_identical():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (SOURCES / seed.name).read_bytes() == seed.read_bytes()


def test_find_sources_skips_curation_and_readme():
    names = [p.name for p in find_sources(SOURCES)]
    assert names == sorted(p.name for p in SOURCES.glob("*.txt"))


def test_find_sources_skips_gold_annotations_but_reports_other_json(tmp_path: Path):
    # the seeds and the synthetic corpora keep gold.json beside their texts: not a source
    (tmp_path / "a.txt").write_text("Số 1-KL/TU", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    names = [p.name for p in find_sources(tmp_path)]
    assert names == ["a.txt", "other.json"]
    with pytest.raises(SourceError, match=r"cannot read files of type '\.json'"):
        read_source(tmp_path / "other.json", tmp_path)


def test_read_source_hashes_raw_bytes_and_normalises_to_nfc():
    path = SOURCES / "000_14f6e30f14f393dd.txt"
    src = read_source(path, SOURCES)
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.name == "000_14f6e30f14f393dd.txt"
    assert unicodedata.is_normalized("NFC", src.text)


TEXT = "Kết luận số 55-KL/TU của Ban Thường vụ Tỉnh uỷ"
TONES = "\u0300\u0301\u0303\u0309\u0323"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (unicodedata.normalize("NFD", TEXT).encode("utf-8"), "utf-8"),
        (windows_1258(TEXT), "cp1258"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "nfd", "windows-1258"],
)
def test_decode_gives_the_same_nfc_text(raw: bytes, encoding: str):
    text, used, _ = decode(raw, Path("x.txt"))
    assert text == unicodedata.normalize("NFC", TEXT)
    assert used == encoding


def test_truncated_utf8_keeps_the_text_and_warns():
    raw = TEXT.encode("utf-8")[:-1]  # cut inside the last character
    text, _, warnings = decode(raw, Path("cut.txt"))
    assert text == TEXT[:-1]
    assert warnings and "truncated" in warnings[0]


def test_empty_file_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(SourceError, match="is empty") as info:
        read_source(path)
    assert str(path) in str(info.value)


def test_png_renamed_txt_is_refused(tmp_path: Path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(SourceError, match="not a text file"):
        read_source(path)


def test_unsupported_suffix_says_what_to_do(tmp_path: Path):
    path = tmp_path / "doc.odt"
    path.write_bytes(b"x")
    with pytest.raises(SourceError, match=r"cannot read files of type '\.odt' yet\. Convert it"):
        read_source(path)


def test_missing_folder(tmp_path: Path):
    with pytest.raises(SourceError, match="no such folder"):
        find_sources(tmp_path / "nope")


def test_a_released_text_is_read_again_and_a_changed_file_is_refused(tmp_path: Path):
    path = tmp_path / "kl-55.txt"
    path.write_text("Kết luận số 55-KL/TU\n", encoding="utf-8")
    src = read_source(path, tmp_path)
    src.release()
    assert src.text == ""
    src.reload()
    assert src.text == "Kết luận số 55-KL/TU\n"
    src.release()
    path.write_text("Kết luận số 56-KL/TU\n", encoding="utf-8")
    with pytest.raises(SourceError, match="changed while the build was running"):
        src.reload()


def test_sources_and_extractions_pickle_to_equal_objects():
    """Workers send (source, extraction) pairs back pickled (graph.model.pickled_quickly): every field,
    nested dataclasses included, comes back equal; a state pickled by dataclasses' own __getstate__ (a
    list of the values, as in caches written before) loads too."""
    import pickle

    from graph.extract import extract_text
    from graph.model import Span

    src = read_source(SOURCES / "001_ea8b90e8c70a61da.txt")  # Hà Tĩnh's Kết luận 55-KL/TU
    ext = extract_text(src.text, source=src.name, sha256=src.sha256)
    assert ext.documents and ext.relations and ext.localities
    assert pickle.loads(pickle.dumps((src, ext))) == (src, ext)
    span = object.__new__(Span)
    span.__setstate__([3, 5, "ab"])  # type: ignore[attr-defined]
    assert span == Span(3, 5, "ab")
    with pytest.raises(ValueError):
        object.__new__(Span).__setstate__((3, 5))  # type: ignore[attr-defined]
