"""Text hazards of real copies (DOMAIN.md §8), applied to a whole file at realistic rates.

- old tone placement (uỷ, khoá, hoà) in about 30% of files, mixed with the new one in the same file: each file
  turns only some spellings (say "uỷ" but not "Ủy", or "oa" but not "uy");
- the look-alike Ð (U+00D0) for Đ in about 1% of files;
- diacritics lost in copying in about 2% of portal pages, document numbers kept ("numbers survive");
- NFD instead of NFC in about 5% of files;
- Windows-1258 (tone marks as combining characters, as that code page stores them) or UTF-16 with a BOM in
  about 1% of files; the legacy font encodings TCVN3 (ABC: accented capitals stored as small letters) in
  about 0.4% and VNI in about 0.2% (graph.legacy).

Number variants, "Số:", miswritten type codes and page-break blank lines are written by the citation and
body writers, where they belong. :meth:`Hazards.apply` is also applied to every gold evidence and surface
string, so that they stay exact substrings of the text as it is read back (NFC).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from graph import legacy

__all__ = ["Hazards", "choose_hazards", "encode"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# An open syllable ending in oa, oe or uy with the tone on its first vowel (new placement). Example words:
# "hòa", "khóa", "Ủy", "thủy"; after "q" the "u" belongs to the consonant ("quý" is left alone).
_NEW_TONE = re.compile(r"(?<![qQgG])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aAeEyY])(?!\w)")
_PAIRS = ("oa", "Oa", "OA", "uy", "Uy", "UY", "oe")
# A Party document number, kept whole when diacritics are lost. Example: "97-QĐ/TW", "05-KH/ĐU".
_NUMBER = re.compile(r"\d{1,4}\s?[-–]?\s?[A-ZĐa-zđ]{1,4}/[A-ZĐƯ0-9-]+")


@dataclass(frozen=True, slots=True)
class Hazards:
    old_tones: tuple[str, ...] = ()  # vowel pairs whose tone moves to the second vowel: ("uy", "OA")
    lookalike: bool = False
    damaged: bool = False
    nfd: bool = False
    encoding: str = "utf-8"  # or "cp1258", "utf-16", "tcvn3", "vni"

    @property
    def names(self) -> list[str]:
        """What was applied, for the gold entry: ["old-tones:uy,OA", "nfd", ...]."""
        found = [f"old-tones:{','.join(self.old_tones)}"] if self.old_tones else []
        found += [
            n
            for n, on in (("lookalike-D", self.lookalike), ("damaged", self.damaged), ("nfd", self.nfd))
            if on
        ]
        return found + ([f"encoding:{self.encoding}"] if self.encoding != "utf-8" else [])

    def apply(self, text: str) -> str:
        """The text-level hazards, on NFC text (the result is NFC too)."""
        if self.old_tones:
            text = _NEW_TONE.sub(self._old_tone, text)
        if self.lookalike:
            text = text.replace("Đ", "\u00d0")
        if self.damaged:
            text = _strip_outside_numbers(text)
        if self.encoding in ("tcvn3", "vni"):  # what reading such a file gives back
            text = legacy.round_trip(text, self.encoding)
        return text

    def _old_tone(self, match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        base = unicodedata.normalize("NFD", first)
        pair = base[0] + second
        if pair not in self.old_tones:
            return match.group(0)
        tone = "".join(c for c in base if c in _TONES)
        return base[0] + unicodedata.normalize("NFC", second + tone)


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_outside_numbers(text: str) -> str:
    parts, last = [], 0
    for m in _NUMBER.finditer(text):
        parts += [_strip(text[last : m.start()]), m.group(0)]
        last = m.end()
    return "".join([*parts, _strip(text[last:])])


def choose_hazards(rng: random.Random, kind: str) -> Hazards:
    """The hazards of one file; ``kind`` is "official_text", "portal" or "news"."""
    old = tuple(p for p in _PAIRS if rng.random() < 0.5) if rng.random() < 0.3 else ()
    lookalike = rng.random() < 0.01
    damaged = kind == "portal" and rng.random() < 0.02
    roll = rng.random()
    encoding = "utf-8"
    for name, below in (("cp1258", 0.005), ("utf-16", 0.01), ("tcvn3", 0.014), ("vni", 0.016)):
        if roll < below:
            encoding = name if name == "utf-16" or not lookalike else "utf-8"  # no byte for the look-alike
            break
    nfd = encoding == "utf-8" and rng.random() < 0.05
    return Hazards(old, lookalike, damaged, nfd, encoding)


_CP1258: dict[str, bytes] = {}


def _cp1258_char(char: str) -> bytes:
    """One character in Windows-1258: precomposed where the code page has it, else base + combining tone."""
    found = _CP1258.get(char)
    if found is None:
        try:
            found = char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in marks if c in _TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
            found = (base + tones).encode("cp1258")
        _CP1258[char] = found
    return found


def windows_1258(text: str) -> bytes:
    """``text`` as a Windows-1258 file writes it: vowels with ^, breve and horn precomposed, tone marks
    as combining marks where the code page has no precomposed letter."""
    return b"".join(_cp1258_char(c) for c in unicodedata.normalize("NFC", text))


def encode(hazards: Hazards, text: str) -> bytes:
    """The bytes of the file: NFD or NFC, in UTF-8, UTF-16 (with a BOM), Windows-1258, TCVN3 or VNI."""
    if hazards.encoding == "utf-16":
        return text.encode("utf-16")
    if hazards.encoding == "tcvn3":
        return legacy.encode_tcvn3(text)
    if hazards.encoding == "vni":
        return legacy.encode_vni(text)
    if hazards.encoding == "cp1258":
        return b"".join(_cp1258_char(c) for c in text)
    return (unicodedata.normalize("NFD", text) if hazards.nfd else text).encode("utf-8")
