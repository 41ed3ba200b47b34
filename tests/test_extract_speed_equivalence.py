"""The second round of extraction speed shortcuts gives what the plain code it replaced gives.

Each shortcut (a fold through the charmap codecs, a check in C before a regex, a scan started from a literal,
a bisection instead of a filter, a table built once) is checked against the plain form it replaced, written
out here, on the seed texts, the extraction fixtures and generated strings full of the characters each one is
about (see also tests/test_extract_speed_shortcuts.py). No test here measures time.
"""

from __future__ import annotations

import bisect
import codecs
import re
from operator import itemgetter
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract import (
    bodies,
    citations,
    dates,
    home,
    localities,
    model_finders,
    numbers,
    signature,
    typewords,
)
from graph.extract.locality_roles import Hit
from graph.localities import PRE_REFORM, Gazetteer, gazetteer
from graph.parse import BlockKind, Layout, parse, tail, views
from graph.text import match_view, nfc, squash

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted([*(ROOT / "sources").glob("*.txt"), *(ROOT / "tests" / "data" / "extract").glob("*.txt")])
VIEWS = [match_view(nfc(p.read_text(encoding="utf-8"))) for p in TEXTS]
LOWS = [views.ascii_view(v) for v in VIEWS]


def _cases(strategy: st.SearchStrategy[str], texts: list[str] = VIEWS) -> st.SearchStrategy[str]:
    return strategy | st.sampled_from(texts)


# --- the fold through the charmap codecs ----------------------------------------------------------------
_FOLD_ALPHABET = st.sampled_from(
    [*views._CODEC_CHARS, "\x01", "\x1c", "\x85", "\u2028", "\u0660", "ǅ", "Ḁ", "\U0001f600", "\ufffe", "ª"]
)


def test_the_codec_table_gets_the_fast_map() -> None:
    assert len(views._CODEC_CHARS) == 256 == len(set(views._CODEC_CHARS))
    assert views._CODEC_CHARS[0] == "\x00" and max(views._CODEC_CHARS) < "\U00010000"
    assert type(views._CODEC_ENCODE).__name__ == "EncodingMap"  # a dict would be as slow as translate


@settings(max_examples=500)
@given(_cases(st.text(alphabet=_FOLD_ALPHABET, max_size=60)))
def test_ascii_view_is_the_fold_table(text: str) -> None:
    assert views.ascii_view.__wrapped__(text) == text.translate(views._FOLD_TABLE)


def test_ascii_view_of_every_table_character() -> None:
    for char in views._CODEC_CHARS:
        assert views.ascii_view.__wrapped__(char * 3) == (char * 3).translate(views._FOLD_TABLE)


# --- squash, and checks in C before a regex -------------------------------------------------------------
_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\u200b"


@settings(max_examples=500)
@given(_cases(st.text(alphabet=_SPACES + "ab ", max_size=30)))
def test_squash_fast_path_is_the_substitution(text: str) -> None:
    assert squash(text) == re.sub(r"\s+", " ", text)


@settings(max_examples=300)
@given(_cases(st.text(alphabet="ab \t*_#\\\n", max_size=30)))
def test_signature_clean_is_the_plain_substitution(text: str) -> None:
    assert signature._clean(text) == squash(signature._MARKUP.sub("", text)).strip()


def _plain_date_at(low: str, pos: int, end: int | None = None) -> dates.DateMatch | None:
    end = len(low) if end is None else end
    lead = dates._DAY_WORD.match(low, pos, end)
    at = lead.end() if lead else pos
    for pattern in (dates.WORD_DATE, dates.NUMERIC_DATE):
        m = pattern.match(low, pos if pattern is dates.WORD_DATE else at, end)
        if m and (found := dates._from(m)):
            return dates.DateMatch(pos, found.end, found.iso)
    return None


_DATE_PIECES = st.lists(
    st.sampled_from(
        ["ngay", " ", "\t", "\n", "7", "07", "12", "/", "-", ".", "2022", "thang", "nam", ":", "x", "٣"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500)
@given(_cases(_DATE_PIECES, LOWS), st.integers(-3, 60), st.integers(0, 60))
def test_date_at_checks_the_first_character(low: str, pos: int, end: int) -> None:
    for stop in (None, min(end, len(low))):
        assert dates.date_at(low, pos, stop) == _plain_date_at(low, pos, stop)


@pytest.mark.parametrize("low", LOWS)
def test_date_at_on_every_position_of_the_fixtures(low: str) -> None:
    for pos in range(len(low)):
        assert dates.date_at(low, pos) == _plain_date_at(low, pos)


# --- numbers found from their slash ---------------------------------------------------------------------
_NUMBER_PIECES = st.lists(
    st.sampled_from(
        [
            "16",
            "5",
            "123456",
            "2019",
            " ",
            "  ",
            "\n",
            "-",
            " - ",
            "/",
            "&#x2F;",
            "&#47;",
            "&",
            "TB",
            "KL",
            "QĐ",
            "TW",
            "HĐND",
            "NQ",
            "TTr",
            "số",
            ".",
            ",",
            "ngày",
            "a",
            "Đ",
            "٣",
            "QH15",
            "CP",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=800)
@given(_cases(_NUMBER_PIECES), st.integers(0, 30), st.integers(0, 80))
def test_numbers_tried_before_each_slash_are_the_finditer_matches(view: str, a: int, b: int) -> None:
    for start, end in ((0, len(view)), (min(a, len(view)), min(max(a, b), len(view)))):
        fast = [(m.span(), m.groupdict()) for m in numbers._number_matches(view, start, end)]
        plain = [(m.span(), m.groupdict()) for m in numbers.NUMBER.finditer(view, start, end)]
        assert fast == plain


# --- scans started from literals ------------------------------------------------------------------------
_MODEL_LOW = st.lists(
    st.sampled_from(
        [
            "dong thoi",
            "kiem",
            "la",
            "bi thu",
            "chu tich",
            "kiem nhiem",
            "truong ban",
            " ",
            "  ",
            "\n",
            ",",
            "tra",
            "xa",
            "dong",
            "thoi",
            "kiemx",
            "akiem",
        ]
    ),
    max_size=16,
).map(" ".join)


@settings(max_examples=400)
@given(_cases(_MODEL_LOW, LOWS))
def test_concurrent_posts_anchored_from_their_words(low: str) -> None:
    for start, end in ((0, len(low)), (2, max(2, len(low) - 3))):
        args = (model_finders._CONCURRENT, model_finders._ALSO, low, start, end, 120)
        fast = [m.span() for m in views.anchored(*args, openers=model_finders._ALSO_WORDS)]
        assert fast == [m.span() for m in views.anchored(*args)]


_COMMITTEE_LOW = st.lists(
    st.sampled_from(["tinh uy", "thanh uy", "tinh", "uy", "ha tinh", "atinh uy", " ", "\n", ".", "thanh"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300)
@given(_cases(_COMMITTEE_LOW, LOWS))
def test_committee_words_from_their_openers(low: str) -> None:
    fast = [
        m.span() for m in views.word_matches(home._COMMITTEE_WORD, low, 0, len(low), home._COMMITTEE_WORDS)
    ]
    assert fast == [m.span() for m in views.word_matches(home._COMMITTEE_WORD, low, 0, len(low))]


@settings(max_examples=300)
@given(st.text(alphabet=" \t\nabso\u00a0x", max_size=20))
def test_last_two_words_split_from_the_end(text: str) -> None:
    assert text.rsplit(None, 2)[-2:] == text.split()[-2:]


# --- bisections over the lines --------------------------------------------------------------------------
_LINES_TEXT = st.text(alphabet="ab \n\r*-:", max_size=60)


@settings(max_examples=300)
@given(_cases(_LINES_TEXT), st.integers(0, 80), st.integers(0, 80))
def test_lines_inside_a_region_by_bisection(text: str, a: int, b: int) -> None:
    lines = views.lines_of(text)
    lo, hi = sorted((a, b))
    plain = [ln for ln in lines if lo <= ln[0] < hi]
    start = itemgetter(0)
    assert lines[bisect.bisect_left(lines, lo, key=start) : bisect.bisect_left(lines, hi, key=start)] == plain


def _plain_tail_blocks(
    text: str, low: str, lines: list[tuple[int, int]], body_start: int
) -> list[views.Block]:
    """tail.tail_blocks as it was: every line filtered, the recipients' heading looked for from the first."""
    rest = [ln for ln in lines if ln[0] >= body_start]
    first = low.find("noi nhan", rest[0][0]) if rest else -1
    rec_i = (
        next((i for i, (s, e) in enumerate(rest) if e > first and tail._RECIPIENTS.match(low, s, e)), None)
        if first >= 0
        else None
    )
    if rec_i is None:
        sign = tail._signature(text, low, rest)
        return [sign] if sign else []
    last = tail._recipients_end(text, low, rest, rec_i)
    blocks = [views.Block("recipients", rest[rec_i][0], rest[last][1])]
    after = tail._signature(text, low, rest[last + 1 :])
    beside = [seg for ln in rest[rec_i : last + 1] for seg in views.columns(text, *ln)[1:]]
    if beside:
        trailing = [ln for ln in rest[last + 1 : last + 9] if not views.blank(text, ln)]
        return [
            *blocks,
            views.Block("signature", beside[0][0], trailing[-1][1] if trailing else rest[last][1]),
        ]
    sign = after or tail._signature(text, low, rest[:rec_i])
    return [*blocks, sign] if sign else blocks


_TAIL_TEXT = st.lists(
    st.sampled_from(
        [
            "Nơi nhận:",
            "noi nhan",
            "- Như trên,",
            "- Lưu VP.",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Lê Văn B",
            "",
            "  ",
            "Nội dung.",
            "Nơi nhận:        T/M BAN THƯỜNG VỤ",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=400)
@given(_cases(_TAIL_TEXT), st.integers(0, 200))
def test_tail_blocks_from_the_bisected_lines(text: str, body_start: int) -> None:
    view = match_view(text)
    low = views.ascii_view(view)
    lines = views.lines_of(text)
    for start in (0, min(body_start, len(text))):
        assert tail.tail_blocks(text, low, lines, start) == _plain_tail_blocks(text, low, lines, start)


@pytest.mark.parametrize("view", VIEWS)
def test_layout_block_is_the_first_of_its_kind(view: str) -> None:
    layout: Layout = parse(view, view)
    for kind in get_args(BlockKind):
        assert layout.block(kind) == next((b for b in layout.blocks if b.kind == kind), None)


# --- the prefixed place names: a lower-case word after one space is no name -----------------------------
def _plain_prefixed(
    view: str, low: str, lo: int, hi: int, gaz: Gazetteer, order: tuple[str, ...]
) -> list[Hit]:
    """localities._prefixed as it was: every prefix word read up to its name."""
    hits: list[Hit] = []
    for match in localities._located(localities._PREFIXED, localities._PREFIX_OPENERS, view, low, lo, hi):
        ends: list[int] = []
        pos = match.end()
        while len(ends) < localities._MAX_WORDS and (word := localities._NAME_WORD.match(view, pos, hi)):
            if not (word.group(1)[0].isupper() or word.group(1).isdigit()):
                break
            ends.append(pos := word.end())
        if not ends:
            continue
        prefix = " ".join(match.group("prefix").lower().split())
        committee = prefix in localities._COMMITTEE
        prefix = "thành phố" if prefix.startswith("tp") else localities._COMMITTEE.get(prefix, prefix)
        for i in reversed(range(len(ends))):
            name = view[match.end() : ends[i]].strip()
            found = next(
                (
                    f
                    for level, types in localities._OPTIONS[prefix]
                    if (f := localities._lookup(gaz, name, order, level, types))
                ),
                (),
            )
            longer = i + 1 < len(ends) and "-" not in view[ends[i] : ends[i + 1]] and not name.isupper()
            if found and not longer:
                hits.append(Hit(match.start(), ends[i], found, committee, prefixed=True))
            if found:
                break
    return hits


_PLACE_TEXT = st.lists(
    st.sampled_from(
        [
            "tỉnh",
            "Tỉnh",
            "TỈNH",
            "huyện",
            "xã",
            "thị xã",
            "Thành phố",
            "TP.",
            "tp",
            " ",
            "  ",
            "\t",
            "\n",
            "Hà",
            "Tĩnh",
            "hội",
            "Kỳ Anh",
            "Đức Thọ",
            "12",
            "ủy",
            "Huyện ủy",
            "táo",
            "ªb",
            "-",
        ]
    ),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_cases(_PLACE_TEXT))
def test_prefixed_names_skip_lower_case_words(text: str) -> None:
    view = match_view(nfc(text))
    low = view.replace("\u0130", "i").lower()
    gaz, order = gazetteer(), (PRE_REFORM,)
    assert localities._prefixed(view, low, 0, len(view), gaz, order) == _plain_prefixed(
        view, low, 0, len(view), gaz, order
    )


# --- tables built once ----------------------------------------------------------------------------------
def _plain_state_type(folded_word: str | None, code: str | None) -> str | None:
    """typewords.state_type as it was: every State type word folded at each call."""
    if folded_word:
        wanted = squash(folded_word)
        for vi in typewords._STATE_TYPES:
            if views.ascii_view(vi) == wanted:
                return vi
    if code:
        for vi, printed in typewords._STATE_TYPES.items():
            if printed == code:
                return vi
    return None


def test_state_type_words_are_the_first_that_folds_alike() -> None:
    words = [views.ascii_view(vi) for vi in typewords._STATE_TYPES] + [
        "khong",
        "nghi  quyet",
        "nghi\nquyet",
        "",
    ]
    for word in [*words, None]:
        for code in (None, "", "NĐ", "XX"):
            assert typewords.state_type(word, code) == _plain_state_type(word, code)


def test_body_for_code_is_the_one_central_body_with_it() -> None:
    central = [b for b in bodies._tables().by_key.values() if b.level == "central"]
    for code in {b.code for b in bodies._tables().by_key.values()} | {"", None, "XYZ"}:
        found = [b for b in central if b.code == code] if code else []
        assert bodies.body_for_code(code) == (found[0] if len(found) == 1 else None)


def _plain_committee_of(info: bodies.BodyInfo) -> tuple[str, str] | None:
    """bodies.committee_of as it was: the committee keys sorted at each call."""
    for com in sorted(bodies._tables().committee_keys, key=len, reverse=True):
        if info.key == com:
            return "", com
        if info.key.endswith("-" + com):
            return info.key[: -len(com) - 1], com
    return None


def test_committee_of_is_the_longest_committee_key() -> None:
    for info in bodies._tables().by_key.values():
        assert bodies.committee_of(info) == _plain_committee_of(info)


def _plain_type_word_before(low: str, pos: int) -> int | None:
    """citations._type_word_before as it was: the window split from the start."""
    window = max(0, pos - citations._TYPE_REACH)
    last = low[window:pos].split()[-2:]
    if not last or (last[-1] if last[-1] != "so" else last[0]) not in citations._type_word_ends():
        return None
    words = [(m.start(), m.group()) for m in citations._WORD.finditer(low, window, pos)]
    if words and words[-1][1] == "so":
        words.pop()
    for k in range(min(4, len(words)), 0, -1):
        if " ".join(w for _, w in words[-k:]) in typewords.party_type_words():
            return words[-k][0]
    return None


_SHORT_LOW = st.lists(
    st.sampled_from(
        ["ket luan", "nghi quyet", "so", "34", "18", " ", "\n", "  ", "thong bao", "a", "(", "luan"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=400)
@given(_cases(_SHORT_LOW, LOWS))
def test_type_word_before_every_position(low: str) -> None:
    for pos in range(len(low) + 1):
        assert citations._type_word_before(low, pos) == _plain_type_word_before(low, pos)


def test_slash_run_letters_cover_the_type_codes() -> None:
    for code in numbers._codes():
        assert all(numbers._may_precede_slash(c) for c in code)
    assert not any(numbers._may_precede_slash(c) for c in "/&#;x")  # "x" of "&#x2F;" comes after the "&"


def test_charmap_fold_falls_back_outside_the_table() -> None:
    text = "Tỉnh ủy \u2028 ٣"
    with pytest.raises(UnicodeEncodeError):
        codecs.charmap_encode(text, "strict", views._CODEC_ENCODE)
    assert views.ascii_view.__wrapped__(text) == text.translate(views._FOLD_TABLE)
