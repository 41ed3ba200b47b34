"""Properties that hold for any input: decoding, normalisation and extraction never fail on odd text, and
every span an extraction returns is a true slice of the text.

Strategies: any Unicode (control characters included, surrogates excluded: they cannot come out of a
decoder), Vietnamese-heavy text built from the words and numbers of the domain, and fragments of the seed
texts spliced at random. Each test runs 200 examples without a deadline; on CI (``CI`` set) the "ci"
profile makes the examples the same on every run.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.extract import extract_text
from graph.model import Extraction, Span
from graph.sources import decode, decode_html
from graph.text import fold, fold_tones, match_view, nfc, slug

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

SOURCES = Path(__file__).parents[1] / "sources"
SEEDS = [nfc(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt"))]
EXAMPLES = settings(max_examples=200, deadline=None)

# --- strategies -------------------------------------------------------------------------------------------

#: Any text a decoder can give: every code point but the surrogates, control characters included.
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)

#: Words, numbers and punctuation of the domain, in NFC and NFD, old and new tone placement, look-alikes.
WORDS = (
    "Số",
    "số",
    "Kết luận",
    "KẾT LUẬN",
    "Nghị quyết",
    "Thông báo",
    "Chỉ thị",
    "Quy định",
    "Tờ trình",
    "Công văn",
    "V/v",
    "của",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Tỉnh uỷ",
    "Tỉnh ủy",
    "Huyện ủy",
    "Ban Thường vụ",
    "Hà Tĩnh",
    "Đức Thọ",
    "Kỳ Anh",
    "Điện Biên",
    "Ðảng",
    "khoá XII",
    "khóa XIII",
    "thực hiện",
    "tiếp tục",
    "sơ kết",
    "tổng kết",
    "căn cứ",
    "theo",
    "thí điểm",
    "mô hình",
    "hợp nhất",
    "đồng thời là",
    "chấm dứt",
    "tạm dừng",
    "không nhân rộng",
    "ngày",
    "tháng",
    "năm",
    "Hà Nội,",
    "T/M",
    "K/T",
    "BÍ THƯ",
    "ĐẾN",
    "Nơi nhận:",
    "- Như trên,",
    "18-NQ/TW",
    "34-KL/TW",
    "16-TB/TW",
    "16TB/TW",
    "16 - TB/TW",
    "16–TB/TW",
    "55-KL/TU",
    "175-TTr/BTCTW",
    "22/2019/NQ-HĐND",
    "07/7/2022",
    "28-2-2023",
    "tháng 10/2022",
    "ngày 07 tháng 7 năm 2022",
    "1.",
    "2.1.",
    "a)",
    "-",
    "*",
    "**",
    "#",
    ";",
    ",",
    ".",
    ":",
    "(",
    ")",
    "\u00a0",
    "\u200b",
    "\ufeff",
)
SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\t", "  ", "")


@st.composite
def vietnamese(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=60))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    return unicodedata.normalize("NFD", text) if draw(st.booleans()) else text


@st.composite
def spliced_seeds(draw: st.DrawFn) -> str:
    """Fragments of the seed texts, cut anywhere and joined with odd glue."""
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        seed = draw(st.sampled_from(SEEDS))
        start = draw(st.integers(min_value=0, max_value=len(seed)))
        length = draw(st.integers(min_value=0, max_value=800))
        parts.append(seed[start : start + length])
        parts.append(draw(st.sampled_from(("", "\n", "\n\n", " ", "\x00", "\x0c", "Số ", "*", "\u2028"))))
    return "".join(parts)


texts = st.one_of(any_text, vietnamese(), spliced_seeds())


# --- extraction -------------------------------------------------------------------------------------------


def spans(ext: Extraction) -> Iterator[tuple[str, Span]]:
    """Every span an extraction holds, with where it was found."""
    own = ext.document
    if own is not None:
        for name in ("number_span", "title_span", "date_span"):
            span = getattr(own, name)
            if span is not None:
                yield f"document.{name}", span
        for signer in own.signers:
            if signer.span is not None:
                yield "signer", signer.span
        for receipt in own.received:
            if receipt.span is not None:
                yield "receipt", receipt.span
    for doc in ext.documents:
        for span in doc.mentions:
            yield f"mention of {doc.key}", span
    for rel in ext.relations:
        yield f"evidence of {rel.relation}", rel.evidence
    for place in ext.localities:
        for span in place.mentions:
            yield f"mention of {place.name}", span
    for model in ext.models:
        yield f"evidence of {model.name}", model.evidence


def check_spans(text: str) -> Extraction:
    ext = extract_text(text)
    assert ext.text == text
    for where, span in spans(ext):
        assert 0 <= span.start <= span.end <= len(text), (where, span)
        assert text[span.start : span.end] == span.text, (where, span)
    return ext


@EXAMPLES
@given(any_text)
@example("\x00\x01\x02\x1b[31m\x7f\x85\u2028\u2029\ufffe\U0010ffff")
@example("Số\x0b16-TB/TW\x0cngày\r07/7/2022\r\n")
def test_extraction_never_fails_on_any_text_and_every_span_is_a_slice(text: str) -> None:
    check_spans(nfc(text))


@EXAMPLES
@given(vietnamese())
def test_extraction_of_vietnamese_heavy_text_gives_true_spans(text: str) -> None:
    check_spans(nfc(text))


@EXAMPLES
@given(spliced_seeds())
def test_extraction_of_spliced_seed_texts_gives_true_spans(text: str) -> None:
    check_spans(nfc(text))


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_every_kind_of_span_of_the_seeds_is_a_slice(seed: int) -> None:
    ext = check_spans(SEEDS[seed])
    kinds = {where.split(" of ")[0] for where, _ in spans(ext)}
    assert {"mention", "evidence"} <= kinds  # the check above saw real spans


def test_the_span_walk_reaches_every_kind_of_span() -> None:
    """The seeds between them hold every kind of span that :func:`spans` walks."""
    kinds = {where.split(" of ")[0] for seed in SEEDS for where, _ in spans(extract_text(seed))}
    assert {
        "document.number_span",
        "document.title_span",
        "document.date_span",
        "signer",
        "receipt",
        "mention",
        "evidence",
    } <= kinds


# --- normalisation --------------------------------------------------------------------------------------


@EXAMPLES
@given(texts)
def test_nfc_is_idempotent_and_normalised(text: str) -> None:
    once = nfc(text)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)


@EXAMPLES
@given(texts)
def test_match_view_and_fold_tones_keep_the_length(text: str) -> None:
    stored = nfc(text)
    assert len(match_view(stored)) == len(stored)
    assert len(fold_tones(stored)) == len(stored)


@EXAMPLES
@given(texts)
@example("İstanbul ǅ Ǆ ﬁ ẞ Å")  # lower-casing and decomposing in either order
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@EXAMPLES
@given(texts)
def test_slug_is_idempotent_and_ascii(text: str) -> None:
    once = slug(text)
    assert slug(once) == once
    assert once == "" or (once.isascii() and once[0] != "-" and once[-1] != "-")
    assert set(once) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


# --- decoding -------------------------------------------------------------------------------------------

BOMS = st.sampled_from((b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


@EXAMPLES
@given(BOMS, st.binary(max_size=600))
@example(b"\xff\xfe", b"A")  # UTF-16 cut in half a character
@example(b"\xff\xfe", b"\x00\xd8A\x00")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf", b"")  # nothing but a BOM
@example(b"\xef\xbb\xbf", b"\xff")  # a UTF-8 BOM, then not UTF-8
def test_decode_gives_nfc_text_or_a_source_error(bom: bytes, raw: bytes) -> None:
    path = Path("random.txt")
    try:
        text, encoding, warnings = decode(bom + raw, path)
    except SourceError as error:
        assert str(error).startswith("random.txt")
        return
    assert text.strip() and unicodedata.is_normalized("NFC", text)
    assert encoding in ("utf-8", "utf-16", "cp1258", "tcvn3", "vni")
    assert all(w.startswith("random.txt") for w in warnings)


@EXAMPLES
@given(st.binary(max_size=300), st.sampled_from(("utf-8", "windows-1258", "bogus-9", "utf-16", "latin-1")))
def test_decode_html_gives_text_or_a_source_error(body: bytes, charset: str) -> None:
    raw = f'<html><head><meta charset="{charset}"></head><body>'.encode("ascii") + body
    try:
        text, _, _ = decode_html(raw, Path("page.html"))
    except SourceError:
        return
    assert isinstance(text, str)


@EXAMPLES
@given(vietnamese(), st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "utf-16-le+bom", "cp1258")))
@example("Ban Bí thư BÍ THƯ BÍ THƯ ", "cp1258")  # read as TCVN3 once ("BIỠ THÍ": "thí" is common)
def test_vietnamese_text_decodes_to_the_same_nfc_text_in_every_encoding(text: str, encoding: str) -> None:
    stored = nfc(text)
    if encoding == "cp1258":
        raw = cp1258(stored)
        if raw is None:
            return  # a character Windows-1258 has no byte for
    elif encoding == "utf-16-le+bom":
        raw = b"\xff\xfe" + stored.encode("utf-16-le")
    else:
        raw = stored.encode(encoding)
    # A leading U+FEFF written as UTF-8 without a BOM of its own reads as the BOM, and is dropped.
    expected = stored[1:] if encoding == "utf-8" and stored.startswith("\ufeff") else stored
    if not raw.strip() or not expected.strip():
        with pytest.raises(SourceError, match="is empty"):
            decode(raw, Path("t.txt"))
        return
    decoded, _, _ = decode(raw, Path("t.txt"))
    assert decoded == expected


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes | None:
    """Windows-1258 bytes of ``text`` (tone marks combining), or None."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    try:
        return "".join(out).encode("cp1258")
    except UnicodeEncodeError:
        return None
