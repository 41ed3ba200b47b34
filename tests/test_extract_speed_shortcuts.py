"""The speed shortcuts of extraction give what the plain code they stand for gives.

Each shortcut (a pattern rewritten so that the regex engine scans for its first characters, a prefilter,
a table instead of a dict) is checked against the plain form it replaces, on the seed texts, the extraction
fixtures and generated strings full of the characters each one is about. No test here measures time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract import citations, context, locality_roles, model_finders, numbers
from graph.parse import _BREAK, official, views
from graph.text import _OLD_TONE, _OLD_TONE_SECOND, BLANKED, match_view, nfc, squash

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted([*(ROOT / "sources").glob("*.txt"), *(ROOT / "tests" / "data" / "extract").glob("*.txt")])
VIEWS = [match_view(nfc(p.read_text(encoding="utf-8"))) for p in TEXTS]

# Characters the shortcuts turn on: digits, spaces and breaks, stops, quotes, letters with and without tones,
# capitals, the codes of numbers, a character past the folding table.
_ALPHABET = (
    "0123456789 \t\n\r\x0b.,;:!?…”\"')]-/&#xXFf*_oOuUqQyYàáảãạÀÁẢÃẠèéýỷỳÝaAbBtTKLNQĐđhsvVecim“İ\U0001f600"
)
TEXT = st.text(alphabet=_ALPHABET, max_size=80)
LOW = st.text(alphabet='abcdeghiklmnopqrstuvxy \n.,;“"()/', max_size=80) | st.sampled_from(
    ["hop nhat cac co quan; sap nhap xa", "chia tach  sap xep lai theo mo hinh chung.", "asap nhap hop nhat"]
)


def _cases(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy | st.sampled_from(VIEWS)


@settings(max_examples=300)
@given(_cases(TEXT))
def test_ascii_view_table_is_the_fold_dict(text: str) -> None:
    assert views.ascii_view.__wrapped__(text) == text.translate(views._FOLD)


@settings(max_examples=300)
@given(_cases(TEXT))
def test_sentence_breaks_are_the_three_alternatives(text: str) -> None:
    plain = re.compile(r"[.!?…][”\"')\]]*\s+|[;:][ \t]*\n\s*|\n\s*")
    assert [m.span() for m in _BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300)
@given(_cases(TEXT))
def test_numbers_with_the_look_ahead_after_the_serial(text: str) -> None:
    plain = re.compile(rf"(?P<serial>\d{{1,5}})(?:{numbers._PARTY_REST}|{numbers._STATE_REST})")
    assert [m.groupdict() | {"span": m.span()} for m in numbers.NUMBER.finditer(text)] == [
        m.groupdict() | {"span": m.span()} for m in plain.finditer(text)
    ]


@settings(max_examples=300)
@given(_cases(TEXT))
def test_serials_after_a_space_are_those_the_plain_scan_keeps(text: str) -> None:
    plain = re.compile(r"\d{1,4}(?![\d/-]|[.,]\d)")
    # the plain scan's matches that a short form can end with: after a space (none opens the text)
    kept = [m.span() for m in plain.finditer(text) if m.start() > 0 and text[m.start() - 1].isspace()]
    assert [m.span() for m in citations._SERIAL.finditer(text)] == kept


@settings(max_examples=300)
@given(_cases(TEXT))
def test_old_tone_found_from_its_second_letter(text: str) -> None:
    assert (_OLD_TONE_SECOND.search(text) is None) == (_OLD_TONE.search(text) is None)


@settings(max_examples=300)
@given(_cases(TEXT))
def test_upper_line_counts_two_letters(text: str) -> None:
    plain = text.isupper() and len(re.findall(r"[^\W\d_]", text[:64])) >= 2
    assert views.is_upper_line(text) == plain


@settings(max_examples=300)
@given(_cases(TEXT | st.text(alphabet=" \ta-b\n", max_size=40)))  # gaps: tabs and runs of spaces
def test_lines_and_columns(text: str) -> None:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    assert views.lines_of(text) == out
    for s, e in out:
        cells, at = [], s
        for gap in views._COLUMN_GAP.finditer(text, s, e):
            cells.append((at, gap.start() + 1))
            at = gap.end()
        cells.append((at, e))
        plain = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in cells if text[a:b].strip()]
        assert views.columns(text, s, e) == plain


@settings(max_examples=300)
@given(st.text(alphabet=' \t\n,“"vev/ic', max_size=40))
def test_title_opening_with_possessive_spaces(text: str) -> None:
    plain = re.compile(
        r"[ \t]*\n?[ \t]*,?[ \t]*(?:(?P<q>[“\"])[ \t]*)?(?P<ve>ve viec|ve|v/v)(?![a-z])"
        r"|[ \t]*,?[ \t]*(?P<q2>[“\"])"
    )
    fast, slow = context._TITLE_OPEN.match(text), plain.match(text)
    assert (fast and (fast.span(), fast.groupdict())) == (slow and (slow.span(), slow.groupdict()))


@pytest.mark.parametrize(
    ("pattern", "openers"),
    [
        (model_finders._MERGER, model_finders._MERGER_WORDS),
        (model_finders._DISMANTLE, model_finders._DISMANTLE_WORDS),
    ],
)
@settings(max_examples=200)
@given(low=_cases(LOW))
def test_word_matches_from_openers(pattern: re.Pattern[str], openers: tuple[str, ...], low: str) -> None:
    for start, end in ((0, len(low)), (3, max(3, len(low) - 5))):
        fast = [m.span() for m in views.word_matches(pattern, low, start, end, openers)]
        assert fast == [m.span() for m in views.word_matches(pattern, low, start, end)]


@settings(max_examples=300)
@given(_cases(TEXT))
def test_filled_lines_are_the_lines_not_blank(text: str) -> None:
    lines = views.lines_of(text)
    plain = [ln for ln in lines if not views.blank(text, ln)]
    assert views.filled_lines(text, lines) == plain
    for count in (1, 3, 8):
        assert views.last_filled(text, lines, count) == plain[-count:]


@settings(max_examples=300)
@given(_cases(TEXT), st.integers(0, 200), st.integers(0, 200))
def test_header_end_is_the_end_of_the_twelfth_filled_line(text: str, a: int, b: int) -> None:
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    header_end, seen = lo, 0
    for line in text[lo:hi].split("\n"):  # the plain form: every line of the region
        header_end += len(line) + 1
        seen += bool(line.strip())
        if seen == locality_roles._HEADER_LINES:
            break
    assert locality_roles._header_end(text, lo, hi) == header_end


@pytest.mark.parametrize("text", VIEWS)
def test_type_line_openings_are_the_type_words(text: str) -> None:
    words, openings = official._type_openings()
    low = views.ascii_view(text)
    for s, e in views.lines_of(text):
        line = low[s:e].strip(" *#_")
        plain = any(line == w or line.startswith(w + " ") for w in views.type_words())
        assert (line in words or line.startswith(openings)) == plain


# Pieces of header lines in the folded view, to build number and place-date lines and near misses.
_HEADER_WORDS = (
    "so",
    " ",
    "  ",
    ":",
    "16",
    "7",
    "-",
    "kl",
    "/",
    "tw",
    "&#x2f;",
    "\n",
    "*",
    "|",
    "ha noi",
    ",",
)
_HEADER_PIECES = st.lists(
    st.sampled_from((*_HEADER_WORDS, "ngay", "thang", "nam", "2022", "…", "_", ".")), max_size=30
).map("".join)


@settings(max_examples=500)
@given(_HEADER_PIECES | st.sampled_from([views.ascii_view(v) for v in VIEWS]))
def test_header_cues_hold_every_number_and_place_date_line(low: str) -> None:
    pairs = ((official._NUMBER_LINE, official._NUMBER_CUE), (official._PLACE_DATE, official._DATE_CUE))
    for pattern, cue in pairs:
        for m in pattern.finditer(low):
            assert cue.search(m.group()) is not None


@pytest.mark.parametrize("line", ["so 16-tb/tw", "  so: 55-kl/tu", "ha noi, ngay 07 thang 7 nam 2022"])
def test_header_cues_on_real_lines(line: str) -> None:
    assert any(cue.search(line) for cue in (official._NUMBER_CUE, official._DATE_CUE))


@settings(max_examples=300)
@given(_cases(TEXT | st.text(alphabet="ab *_#\\\u00a0\u200b\ufeff\n", max_size=40)))
def test_a_line_without_blanked_characters_keeps_every_character(raw: str) -> None:
    view = match_view(raw)
    kept = "".join(t for t, v in zip(raw, view, strict=True) if t == v or not v.isspace())
    if not any(char in raw for char in BLANKED):
        assert kept == raw


@settings(max_examples=300)
@given(_cases(TEXT))
def test_squash_is_the_plain_substitution(text: str) -> None:
    assert squash(text) == re.sub(r"\s+", " ", text)
