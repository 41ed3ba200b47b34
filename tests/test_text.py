"""graph.text: the match view keeps the length, folds what it should, and equals a plain reference.

The reference below is the match view written the simplest way (a character table, then two regex
substitutions), independent of graph/text.py's fast paths; the property tests compare the two on random
Vietnamese-ish strings: letters, tone-marked vowels, the oa/oe/uy pairs with old tone placement, NFD
pieces, Markdown markers, dashes, spaces and the look-alike Ð.
"""

from __future__ import annotations

import doctest
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import graph.text
from graph.text import fold, fold_tones, match_view, nfc

# --- the reference ------------------------------------------------------------------------------------

REFERENCE_LOOKALIKES = {
    "\u00d0": "\u0110",
    "\u00f0": "\u0111",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u200b": " ",
    "\ufeff": " ",
}
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
TONED_SECOND = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ"
REFERENCE_OLD_TONE = re.compile(rf"(?<![qQ])([oOuU])([{TONED_SECOND}])(?!\w)")
REFERENCE_MARKUP = re.compile(
    r"\*\*|__|(?m:^#{1,6}(?= ))|\\(?=[*_#])|(?<=\s)\*(?=\S)|(?<=\S)\*(?=[\s.,;:]|$)"
)


def reference_move(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", match.group(2))
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", match.group(1) + tones) + unicodedata.normalize("NFC", base)


def reference_view(text: str) -> str:
    view = "".join(REFERENCE_LOOKALIKES.get(c, c) for c in text)
    view = REFERENCE_OLD_TONE.sub(reference_move, view)
    return REFERENCE_MARKUP.sub(lambda m: " " * len(m.group(0)), view)


# --- Vietnamese-ish strings -----------------------------------------------------------------------------

BASE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VOWELS = "aăâeêioôơuưy"
TONED = [unicodedata.normalize("NFC", v + t) for v in VOWELS + VOWELS.upper() for t in TONE_MARKS]
OLD_TONE_PAIRS = [f + s for f in "oOuU" for s in TONED_SECOND] + ["quý", "Quý", "qua", "khoá", "thuỷ", "Uỷ"]
NFD_PIECES = ["uy\u0309", "o\u0301a", "U\u0309Y", "hoa\u0300", "Tha\u0300nh"]
MARKUP = ["*", "**", "***", "_", "__", "#", "## ", "###### ", "####### ", "\\", "\\*", "\\_", "\\#"]
OTHERS = [*REFERENCE_LOOKALIKES, "Đ", "đ", " ", "  ", "\n", "\t", ".", ",", ";", ":", "-", "(", ")", "1", "2"]
NON_MARKUP = [*BASE_LETTERS, *BASE_LETTERS.upper(), *TONED, *OLD_TONE_PAIRS, *NFD_PIECES, *OTHERS]
PIECES = NON_MARKUP + MARKUP

vietnamese = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Markup characters that stand alone, each next to text: no marker touches another.
separated_markup = st.lists(
    st.tuples(st.sampled_from(["", "", "*", "_", "#", "\\"]), st.sampled_from(NON_MARKUP)), max_size=30
).map(lambda parts: "".join(marker + piece for marker, piece in parts))


def test_docstrings() -> None:
    assert doctest.testmod(graph.text).failed == 0


@settings(max_examples=500)
@given(st.text())
def test_the_view_of_any_text_keeps_its_length(text: str) -> None:
    assert len(match_view(nfc(text))) == len(nfc(text))


@settings(max_examples=500)
@given(vietnamese)
def test_the_view_of_vietnamese_text_keeps_its_length(text: str) -> None:
    assert len(match_view(nfc(text))) == len(nfc(text))


@settings(max_examples=1000)
@given(vietnamese)
def test_the_view_equals_the_reference(text: str) -> None:
    assert match_view(nfc(text)) == reference_view(nfc(text))


@settings(max_examples=300)
@given(st.text())
def test_the_view_of_any_text_equals_the_reference(text: str) -> None:
    assert match_view(nfc(text)) == reference_view(nfc(text))


@settings(max_examples=500)
@given(vietnamese)
def test_fold_tones_equals_the_reference(text: str) -> None:
    assert fold_tones(nfc(text)) == REFERENCE_OLD_TONE.sub(reference_move, nfc(text))


@settings(max_examples=500)
@given(separated_markup)
def test_the_view_is_idempotent(text: str) -> None:
    """Folding what is folded changes nothing. Not so where markers touch: the view masks a marker by what
    surrounds it in the text, so "\\*x" (an escaped star) gives " *x", whose star a second pass would mask;
    the view is made once, from the stored text."""
    view = match_view(nfc(text))
    assert match_view(view) == view


@settings(max_examples=300)
@given(st.text(alphabet="".join(REFERENCE_LOOKALIKES) + "ab \n"))
def test_lookalikes_only(text: str) -> None:
    assert match_view(text) == "".join(REFERENCE_LOOKALIKES.get(c, c) for c in text)


def test_examples() -> None:
    assert match_view("Tỉnh uỷ, khoá XII, \u00d0ảng") == "Tỉnh ủy, khóa XII, Đảng"
    assert match_view("**THÔNG BÁO**\n## 2.2- Về") == "  THÔNG BÁO  \n   2.2- Về"
    assert match_view("quý, Quỳ") == "quý, Quỳ"  # after q the u belongs to the consonant
    assert match_view("16\u2013TB/TW\u00a0ngày") == "16-TB/TW ngày"
    assert match_view("####### x") == "####### x"  # seven: not a heading
    assert fold("Đức Thọ") == "duc tho"


@settings(max_examples=500)
@given(vietnamese | separated_markup | st.text(alphabet="*_#\\ab \n.", max_size=30))
def test_markup_masked_from_its_openers_is_the_plain_substitution(text: str) -> None:
    plain = graph.text._MARKUP.sub(lambda m: " " * len(m.group()), text)
    assert graph.text._mask_markup(text) == plain
