"""The views a text is parsed on, its lines and the cells of a flattened table.

``ascii_view`` folds the match view (:func:`graph.text.match_view`) to lower case without diacritics, keeping
the length, so that keywords survive damaged diacritics ("Ket luan so 55-KL/TU") and every offset found in it
is an offset in the text.

>>> ascii_view("Tỉnh ủy Hà Tĩnh ĐẾN")
'tinh uy ha tinh den'
>>> is_upper_line("KẾT LUẬN CỦA BỘ CHÍNH TRỊ"), is_upper_line("Võ Văn Thương")
(True, False)
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from operator import add, methodcaller
from typing import Literal

from graph.doctypes import doc_types

__all__ = [
    "Block",
    "BlockKind",
    "Line",
    "anchored",
    "ascii_view",
    "blank",
    "columns",
    "filled_lines",
    "indent",
    "is_upper_line",
    "last_filled",
    "lines_of",
    "next_filled",
    "strip_end",
    "type_words",
    "word_matches",
]

BlockKind = Literal[
    "header", "number", "place_date", "stamp", "type", "title", "body", "signature", "recipients", "dateline"
]
Line = tuple[int, int]  # (start, end) of a line, end before the line break

# Two letters, anything between. Example: "KẾT LUẬN", not "* 16" nor "A".
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]", re.DOTALL)
# The start of a word in the folded view. Example: the "t" of "tiếp tục", not the "a" of "ban".
_WORD_START = re.compile(r"(?<![a-z])[a-z]")
# A wide gap between the cells of a flattened table. Example line: "Nơi nhận:        T/M BAN THƯỜNG VỤ".
_COLUMN_GAP = re.compile(r"\S(?:[ \t]{3,}|\t)(?=\S)")


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int


@cache
def type_words() -> tuple[str, ...]:
    """Type words of graph/data/document_types.yaml, folded like ``low``, longest first."""
    words = {ascii_view(w) for row in doc_types() for w in (row.vi, *row.words)}
    return tuple(sorted(words, key=len, reverse=True))


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = base.replace("Đ", "d").replace("đ", "d").lower()
    return base if len(base) == 1 else char


_FOLD = {
    code: _fold_char(chr(code))
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    if _fold_char(chr(code)) != chr(code)
}
# The same map as a string indexed by code point, for ``str.translate``: indexing a string is about twice as
# fast as a dict lookup, and a character past its end (an astral one) raises IndexError, which ``translate``
# reads as "unchanged", as it does a key missing from the dict.
_FOLD_TABLE = "".join(_FOLD.get(code, chr(code)) for code in range(0x10000))


# The characters most texts are made of, 256 of them: ASCII without its rare control characters, the
# Vietnamese letters in both cases and common punctuation. A string of these alone is folded by the charmap
# codecs, which run in C: encoded one byte per character through this table, then the bytes decoded through
# the table folded (_CODEC_FOLDED). ``str.translate`` looks every character up through Python's item access,
# six times slower on a text; it folds the strings that hold any other character. The table must hold 256
# characters, NUL first, all in the BMP: only such a table gets the codec's fast map (otherwise a dict).
_VIETNAMESE = [
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, grave, acute, hook, tilde, dot
] + ["đ"]
_CODEC_CHARS = "".join(
    dict.fromkeys(
        [
            *"\x00\t\n\x0b\x0c\r",
            *map(chr, range(0x20, 0x7F)),
            *_VIETNAMESE,
            *(letter.upper() for letter in _VIETNAMESE),
            *"“”‘’•…«»°·§²³×–—±≤≥→½",
        ]
    )
)
_CODEC_ENCODE = codecs.charmap_build(_CODEC_CHARS)
_CODEC_FOLDED = _CODEC_CHARS.translate(_FOLD_TABLE)


@lru_cache(maxsize=4)
def ascii_view(view: str) -> str:
    """``view`` lower-cased without diacritics, same length: "Tỉnh ủy Hà Tĩnh" -> "tinh uy ha tinh"
    (``view.translate(_FOLD_TABLE)``, through the charmap codecs when every character has a byte in
    _CODEC_CHARS). Cached: the stages of one extraction ask for the same text's view several times."""
    try:
        encoded = codecs.charmap_encode(view, "strict", _CODEC_ENCODE)[0]
    except UnicodeEncodeError:  # a character the table has no byte for
        return view.translate(_FOLD_TABLE)
    return codecs.charmap_decode(encoded, "strict", _CODEC_FOLDED)[0]


def is_upper_line(text: str) -> bool:
    """Whether a line's letters are all capitals (at least two of them)."""
    return text.isupper() and _TWO_LETTERS.search(text, 0, 64) is not None


# The line breaks of ``str.splitlines`` other than "\n": a text without them is split on "\n", faster.
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def lines_of(text: str) -> list[Line]:
    """(start, end) of each line, end before the line break.

    >>> lines_of("Số 16\\r\\n\\nNơi nhận:")
    [(0, 5), (7, 7), (8, 17)]
    """
    if not any(char in text for char in _OTHER_BREAKS):  # most texts: lines end with "\n" alone
        pieces = text.split("\n")
        if pieces[-1] == "":  # a text ending with a break (or empty) has no line after it
            pieces.pop()
        lengths = list(map(len, pieces))
        starts = [0, *accumulate(n + 1 for n in lengths)][: len(lengths)]
        return list(zip(starts, map(add, starts, lengths), strict=True))
    lines = text.splitlines(keepends=True)
    starts = [0, *accumulate(map(len, lines))][: len(lines)]
    kept = map(len, map(methodcaller("rstrip", "\r\n"), lines))  # each line without its break
    return list(zip(starts, map(add, starts, kept), strict=True))


def blank(text: str, line: Line) -> bool:
    return line[0] == line[1] or text[line[0] : line[1]].isspace()


def filled_lines(text: str, lines: list[Line]) -> list[Line]:
    """The lines that are not blank (:func:`blank` written out: one call per text, not per line).

    >>> filled_lines("a\\n\\n  \\nb", lines_of("a\\n\\n  \\nb"))
    [(0, 1), (6, 7)]
    """
    return [ln for ln in lines if ln[0] != ln[1] and not text[ln[0] : ln[1]].isspace()]


def last_filled(text: str, lines: list[Line], count: int) -> list[Line]:
    """The last ``count`` lines that are not blank, as ``filled_lines(text, lines)[-count:]``, read from
    the end: a signature closes a text, and the lines before it need not be looked at."""
    out: list[Line] = []
    for ln in reversed(lines):
        if len(out) == count:
            break
        if ln[0] != ln[1] and not text[ln[0] : ln[1]].isspace():
            out.append(ln)
    return out[::-1]


def strip_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def next_filled(text: str, pos: int, end: int) -> int:
    return end - len(text[pos:end].lstrip())


def columns(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a line of a flattened table, split at wide gaps: "- Lưu VP,        (Đã ký)"."""
    line = text[start:end]
    # most lines are one cell: a gap needs a tab or three spaces, which ``in`` rules out faster than a search
    if ("\t" not in line and "   " not in line) or _COLUMN_GAP.search(text, start, end) is None:
        return [(start + len(line) - len(line.lstrip()), end)] if line.strip() else []
    cells, pos = [], start
    for gap in _COLUMN_GAP.finditer(text, start, end):
        cells.append((pos, gap.start() + 1))
        pos = gap.end()
    cells.append((pos, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in cells if text[s:e].strip()]


def indent(text: str, start: int, end: int) -> int:
    """How far a line's text stands from its left margin."""
    return len(text[start:end]) - len(text[start:end].lstrip(" \t"))


def word_matches(
    pattern: re.Pattern[str], low: str, start: int, end: int, openers: tuple[str, ...] = ()
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``low[start:end]`` that start a word, as ``finditer`` with a leading
    ``(?<![a-z])`` would give them. A pattern opening with a literal word ("tiếp tục ...") is found fast by
    the regex engine; the look-behind, checked here instead, would make it try every position.

    A pattern opening with one of several words ("hợp nhất|sáp nhập") is not: the engine tries it at every
    "h" and "s". Given ``openers``, the words every match opens with, it is tried only where ``str.find``
    finds one of them, which gives the same matches."""
    search = _opener_search(pattern, low, start, end, openers) if openers else pattern.search
    pos = start
    while (m := search(low, pos, end)) is not None:
        if m.start() > 0 and "a" <= low[m.start() - 1] <= "z":
            pos = m.start() + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def _finditer(
    pattern: re.Pattern[str], low: str, start: int, end: int, openers: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(low, start, end)`` for a pattern that never matches empty and whose every match
    opens with one of ``openers``."""
    search = _opener_search(pattern, low, start, end, openers)
    pos = start
    while (m := search(low, pos, end)) is not None:
        yield m
        pos = m.end()


def _opener_search(
    pattern: re.Pattern[str], low: str, start: int, end: int, openers: tuple[str, ...]
) -> Callable[[str, int, int], re.Match[str] | None]:
    """``pattern.search`` for a pattern whose every match opens with one of ``openers``: the match at the
    first place at or after ``pos`` where an opener stands and the pattern matches."""
    places = []
    for word in openers:
        at = low.find(word, start, end)
        while at >= 0:
            places.append(at)
            at = low.find(word, at + 1, end)
    places.sort()

    def search(low: str, pos: int, end: int) -> re.Match[str] | None:
        for at in places[bisect_left(places, pos) :]:
            if (m := pattern.match(low, at, end)) is not None:
                return m
        return None

    return search


def anchored(
    pattern: re.Pattern[str],
    anchor: re.Pattern[str],
    low: str,
    start: int,
    end: int,
    before: int,
    starts: re.Pattern[str] | None = None,
    openers: tuple[str, ...] = (),
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``low[start:end]``, as ``finditer`` gives them, for a pattern that starts
    where ``starts`` matches (a word, by default) and whose every match holds a match of ``anchor`` (a literal
    found fast, "đồng thời") at most ``before`` characters after its start: the pattern is tried only there,
    before each anchor. Given ``openers``, the words every match of ``anchor`` opens with, the anchor is
    tried only where ``str.find`` finds one of them (as in :func:`word_matches`)."""
    starts = starts or _WORD_START
    tried = start
    for a in _finditer(anchor, low, start, end, openers) if openers else anchor.finditer(low, start, end):
        if a.start() < tried:
            continue
        for w in starts.finditer(low, max(tried, a.start() - before), a.start() + 1):
            m = pattern.match(low, w.start(), end)
            if m is not None:
                yield m
                tried = max(m.end(), w.start() + 1)
                break
        else:
            tried = a.start() + 1
