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

from graph.extract import citations, context, model_finders, numbers
from graph.parse import _BREAK, views
from graph.text import _OLD_TONE, _OLD_TONE_SECOND, match_view, nfc

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
@given(_cases(TEXT))
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
