"""A text -> its blocks: header, number line, place-date line, incoming stamp, type line, title, body,
signature block and recipients; and the main-text region without page residue.

Everything runs on two same-length views of the NFC text, so a block's offsets are offsets in the text:
``view`` (:func:`graph.text.match_view`: tone placement, look-alike Đ, dashes and Markdown folded) and
``low``, the view lower-cased without diacritics ("Tỉnh ủy" -> "tinh uy"), for keywords that must survive
damaged diacritics. Lines are visited once; no pattern scans the text character by character in Python.

The modules follow the page: :mod:`~graph.parse.views` (the views, lines, table cells),
:mod:`~graph.parse.web` (main region, publication line, byline), :mod:`~graph.parse.official` (stamp, header,
number, place-date, type line, title, body) and :mod:`~graph.parse.tail` (recipients and signature).

>>> layout = parse("THÔNG BÁO\\n\\nvề việc A\\n\\nNội dung.\\n\\nNơi nhận:\\n- Lưu VP.\\n\\n"
...               "CHÁNH VĂN PHÒNG\\n\\nLê Văn B")
>>> [b.kind for b in layout.blocks]
['type', 'title', 'body', 'recipients', 'signature']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import itemgetter

from graph.parse.official import official_blocks
from graph.parse.views import (
    Block,
    BlockKind,
    ascii_view,
    columns,
    indent,
    is_upper_line,
    lines_of,
    type_words,
)
from graph.parse.web import main_region, web_blocks
from graph.text import match_view

__all__ = [
    "Block",
    "BlockKind",
    "Layout",
    "ascii_view",
    "columns",
    "indent",
    "is_upper_line",
    "parse",
    "type_words",
]

_START = itemgetter(0)  # a line's start

# Breaks between sentences: end punctuation or a line break, kept only when a capital or a digit follows.
# Example lines: "hiệu quả. Ban", "như sau:\n- Các", "\n\nI- ĐÁNH GIÁ". Three alternatives,
# ``[.!?…][”"')\]]*\s+``, ``[;:][ \t]*\n\s*`` and ``\n\s*``, written as their first characters and then
# what follows each (told apart by a look-behind), so that the regex engine scans for those characters at
# C speed instead of trying every alternative at every position.
_BREAK = re.compile(r"[.!?…;:\n](?:(?<=[.!?…])[”\"')\]]*\s+|(?<=[;:])[ \t]*\n\s*|(?<=\n)\s*)")


@dataclass(frozen=True, slots=True)
class Layout:
    """A parsed text: its views, main region, blocks and sentence starts."""

    text: str
    view: str
    low: str
    main: tuple[int, int]
    blocks: tuple[Block, ...]
    sentence_starts: tuple[int, ...]
    official: bool

    def block(self, kind: BlockKind) -> Block | None:
        """The first block of ``kind``, or None (a plain loop: the stages ask this many times a text)."""
        for b in self.blocks:
            if b.kind == kind:
                return b
        return None

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``: from the last break before it to the next break."""
        i = bisect.bisect_right(self.sentence_starts, pos)
        start = self.sentence_starts[i - 1] if i else self.main[0]
        end = self.sentence_starts[i] if i < len(self.sentence_starts) else self.main[1]
        return start, end


def parse(text: str, view: str | None = None) -> Layout:
    """Parse an NFC text into its blocks."""
    view = match_view(text) if view is None else view
    low = ascii_view(view)
    lines = lines_of(text)
    main = main_region(text, low, lines)
    # the lines that start inside the main region: lines are in order, so a slice between two bisections
    inside = lines[
        bisect.bisect_left(lines, main[0], key=_START) : bisect.bisect_left(lines, main[1], key=_START)
    ]
    blocks = official_blocks(text, view, low, inside, main)
    kinds = {b.kind for b in blocks}
    official = bool(kinds & {"number", "type"}) and bool(
        kinds & {"number", "place_date", "signature", "recipients"}
    )
    if not official:
        blocks = web_blocks(text, low, inside, main)
    starts = _sentence_starts(text, view, main)
    return Layout(text, view, low, main, tuple(sorted(blocks, key=lambda b: b.start)), starts, official)


def _sentence_starts(text: str, view: str, main: tuple[int, int]) -> tuple[int, ...]:
    """Sentence starts: after end punctuation or a line break, when a capital, digit or mark follows."""
    end = main[1]
    starts = [main[0]]
    starts += [
        n for m in _BREAK.finditer(view, main[0], end) if (n := m.end()) < end and not text[n].islower()
    ]
    return tuple(starts)
