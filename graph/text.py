"""Unicode normalisation for storage and for matching.

Storage is NFC, nothing else: every span offset counts code points in ``nfc(raw)``. Matching runs on
:func:`match_view`, which has exactly the same length as the NFC text, so an offset found in the view is
an offset in the stored text. The view folds what DOMAIN.md §8 lists as noise: old tone placement
(``uỷ`` -> ``ủy``, ``khoá`` -> ``khóa``), the look-alike ``Ð`` (U+00D0) for ``Đ``, typographic dashes, and
Markdown emphasis markers.

>>> match_view("Tỉnh uỷ, khoá XII") == "Tỉnh ủy, khóa XII"
True
>>> fold("Kết luận 34") == "ket luan 34"
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["BLANKED", "fold", "fold_tones", "match_view", "nfc", "slug", "squash"]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook, dot below

# Old-style tone placement: the mark sits on the second vowel of oa, oe, uy in an open syllable
# ("hoà", "khoá", "thuỷ", "uỷ"); new style puts it on the first ("hòa", "khóa", "thủy", "ủy").
# After "q" the "u" belongs to the consonant ("quý" stays). Example line: "Tỉnh uỷ Hà Tĩnh" -> "Tỉnh ủy".
# The look-behind comes after the first letter so that the regex engine scans for [oOuU] at C speed.
_OLD_TONE = re.compile(
    r"([oOuU])(?<![qQ][oOuU])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![\w])",
)

_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (Icelandic eth) for Đ
        "\u00f0": "\u0111",  # ð for đ
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",  # no-break space
        "\u200b": " ",  # zero-width space (kept as a space so the length is unchanged)
        "\ufeff": " ",
    }
)
# The same characters as one class, to find which a text holds; a text that has none (most texts) skips the
# replacing, which ``in`` tells faster than the class: the regex engine tests a class character by character,
# while ``str.find`` scans for one character at C speed.
_LOOKALIKE_CHARS = re.compile("[" + "".join(map(chr, _LOOKALIKES)) + "]")
_LOOKALIKE_LIST = tuple(map(chr, _LOOKALIKES))

# Markdown emphasis and heading markers, masked with spaces so the length is unchanged.
# Example line: "**THÔNG BÁO**" -> "  THÔNG BÁO  "; "## 2.2- Về xây dựng" -> "   2.2- Về xây dựng".
# Alternatives, in order: "**", "__", 1-6 "#" opening a line before a space, a backslash escaping a
# marker, a "*" opening emphasis (after a space, before a non-space), a "*" closing it (after a non-space,
# before a space, a stop or the end). Every alternative opens with its literal character and checks what
# precedes it afterwards (``\*(?<=\s\*)`` is ``(?<=\s)\*``), so the engine scans for [*_#\\] at C speed.
_MARKUP = re.compile(
    r"\*\*|__|#(?<![^\n]#)#{0,5}(?= )|\\(?=[*_#])|\*(?<=\s\*)(?=\S)|\*(?<=\S\*)(?=[\s.,;:]|$)"
)
# Characters without which _MARKUP cannot match (a backslash only counts before one of them).
_MARKUP_CHARS = ("*", "_", "#")
# The characters a match of _MARKUP opens with.
_MARKUP_OPENERS = ("*", "_", "#", "\\")
#: The characters :func:`match_view` may turn into a space (the markers _MARKUP masks, the spaces among the
#: look-alikes): where a text has none of them, every space of its view is a space of the text.
BLANKED = frozenset(
    [*_MARKUP_CHARS, "\\", *(chr(code) for code, to in _LOOKALIKES.items() if str(to).isspace())]
)


def nfc(text: str) -> str:
    """The storage form: Unicode NFC, and nothing else."""
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    tones = "".join(c for c in decomposed if c in _TONES)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", first + tones) + unicodedata.normalize("NFC", base)


# Where _OLD_TONE may match, found from its second letter: toned vowels after o or u are far rarer than o
# and u, so a text in new-style placement (most texts) is cleared by one fast scan.
_OLD_TONE_SECOND = re.compile(r"[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?<=[oOuU].)(?<![qQ]..)(?!\w)")

# Every pair _OLD_TONE can match, moved once: "uỷ" -> "ủy", "oá" -> "óa".
_MOVED: dict[str, str] = {
    m.group(0): _move_tone(m)
    for first in "oOuU"
    for second in "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ"
    if (m := _OLD_TONE.fullmatch(first + second)) is not None
}


def _moved(match: re.Match[str]) -> str:
    return _MOVED[match.group(0)]


def fold_tones(text: str) -> str:
    """Old tone placement to new, on NFC text; keeps the length."""
    return _OLD_TONE.sub(_moved, text)


def _replace_lookalikes(text: str) -> str:
    for char in set(_LOOKALIKE_CHARS.findall(text)):
        text = text.replace(char, _LOOKALIKES[ord(char)])
    return text


# Strings up to this long (labels, names, lines) are remembered: the stages ask for the same ones again and
# again ("T/M BAN THƯỜNG VỤ", "Hà Tĩnh"); a whole text is not kept.
_SHORT = 200


def match_view(text: str) -> str:
    """The text to run patterns on: same length as ``text`` (which must be NFC), noise folded.

    Each step is skipped when a fast check shows it would change nothing (most texts have no look-alike
    and no markup); the result is that of ``text.translate(_LOOKALIKES)``, then :func:`fold_tones`, then
    markup masked.
    """
    return _short_view(text) if len(text) <= _SHORT else _match_view(text)


@lru_cache(maxsize=8192)
def _short_view(text: str) -> str:
    return _match_view(text)


def _match_view(text: str) -> str:
    view = _replace_lookalikes(text) if any(char in text for char in _LOOKALIKE_LIST) else text
    if _OLD_TONE_SECOND.search(view):
        view = _OLD_TONE.sub(_moved, view)
    if any(char in view for char in _MARKUP_CHARS):
        view = _mask_markup(view)
    if len(view) != len(text):  # pragma: no cover - a broken invariant is a bug, never user input
        raise AssertionError("match_view changed the length of the text")
    return view


# A run of white space. Example line: "Ban Chấp hành\n   Trung ương" -> "Ban Chấp hành Trung ương".
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def squash(text: str) -> str:
    """Every run of white space as one space, as ``re.sub(r"\\s+", " ", text)`` (compiled once: the stages
    call it on many short strings).

    A text without two spaces in a row whose characters are all printable has nothing to squash: the one
    white space ``str.isprintable`` allows is the space. Both are checked in C, faster than the substitution.

    >>> squash(" Ban Chấp hành\\n   Trung ương ")
    ' Ban Chấp hành Trung ương '
    """
    if "  " not in text and text.isprintable():
        return text
    return _SPACES.sub(" ", text)


def _mask_markup(view: str) -> str:
    """Every match of _MARKUP masked with spaces (``_MARKUP.sub``), the pattern tried only where ``str.find``
    finds a character a match opens with: a text often holds one star (the rule under a header) and no other
    marker, and the regex engine would test every character of it against the four. A match never is empty,
    so the matches found left to right from those places are the substitution's."""
    places = []
    for char in _MARKUP_OPENERS:
        at = view.find(char)
        while at >= 0:
            places.append(at)
            at = view.find(char, at + 1)
    pieces: list[str] = []
    done = 0
    for at in sorted(places):
        if at >= done and (match := _MARKUP.match(view, at)) is not None:
            pieces += (view[done:at], " " * (match.end() - at))
            done = match.end()
    return "".join([*pieces, view[done:]]) if pieces else view


def fold(text: str) -> str:
    """Lower case without diacritics, for search and comparison: "Đức Thọ" -> "duc tho"."""
    return _short_fold(text) if len(text) <= _SHORT else _fold(text)


@lru_cache(maxsize=8192)
def _short_fold(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_LOOKALIKES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", text).strip().lower()


def slug(text: str) -> str:
    """An ASCII slug for IRIs: "Hà Tĩnh" -> "ha-tinh", "QĐi" -> "qdi"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")
