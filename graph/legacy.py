"""Vietnamese texts in the legacy 8-bit encodings: TCVN3 (ABC) and VNI, as bytes or as mojibake.

Documents typed before Unicode (and many copied from them since) use fonts that put Vietnamese letters
on the code points of Latin-1: ``.VnTime`` (TCVN3, one byte a letter: "§¶ng" for "Đảng") and
``VNI-Times`` (VNI, a base letter and a mark: "Ñaûng"). They reach us two ways: as files in those bytes,
which are not UTF-8, and as Unicode text whose letters are those Latin-1 characters (a web page or a
document that kept the font's code points). Both read as garbage to every later stage.

:func:`decode_bytes` picks, for bytes that are not UTF-8, the reading (Windows-1258, TCVN3 or VNI) that
gives the most common Vietnamese syllables; :func:`repair` does the same for a decoded text, and changes
nothing in a text that already holds Vietnamese letters beyond Latin-1 (real Unicode Vietnamese always
does). :func:`encode_tcvn3` and :func:`encode_vni` write a text the way those fonts stored it, for the
synthetic corpus (graph.synth) and the tests.

TCVN3 has no code for an upper-case letter with a tone mark (the ``.VnTimeH`` fonts drew the lower-case
codes as capitals): such letters are stored lower case, and a line in capitals ("§¶NG CéNG S¶N") is
put back in capitals when its unaccented letters are all capitals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["LABELS", "decode_bytes", "encode_tcvn3", "encode_vni", "repair", "round_trip", "score"]

#: How each reading is named in a source's ``encoding`` and in warnings.
LABELS = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}

# TCVN3 (TCVN 5712:1993, VN3): the byte, read as Latin-1, and the letter it stands for.
_TCVN3 = dict(
    zip(
        "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
        "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
        strict=True,
    )
)
_FROM_TCVN3 = str.maketrans(_TCVN3)
_TO_TCVN3 = {letter: code for code, letter in _TCVN3.items()}

# VNI: a base letter followed by the font's mark characters (read as Windows-1252), or one character.
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # acute, grave, hook above, tilde, dot below
_VNI_TONE = dict(zip(_TONES, "ùøûõï", strict=True))  # after a plain vowel, ơ or ư
_VNI_HAT_TONE = dict(zip(_TONES, "áàåãä", strict=True))  # after a, e, o with a circumflex
_VNI_BREVE_TONE = dict(zip(_TONES, "éèúüë", strict=True))  # after a with a breve
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_table() -> dict[str, str]:
    """Every Vietnamese letter -> its VNI characters, upper case too."""
    table = {"đ": "ñ", "ơ": "ô", "ư": "ö"}
    for base in "aeouy":
        for tone, mark in _VNI_TONE.items():
            table[unicodedata.normalize("NFC", base + tone)] = base + mark
    for base in "aeo":
        table[unicodedata.normalize("NFC", base + "\u0302")] = base + "â"
        for tone, mark in _VNI_HAT_TONE.items():
            table[unicodedata.normalize("NFC", base + "\u0302" + tone)] = base + mark
    table["ă"] = "aê"
    for tone, mark in _VNI_BREVE_TONE.items():
        table[unicodedata.normalize("NFC", "a\u0306" + tone)] = "a" + mark
    for base, code in (("ơ", "ô"), ("ư", "ö")):
        for tone, mark in _VNI_TONE.items():
            table[unicodedata.normalize("NFC", base + tone)] = code + mark
    for tone, code in _VNI_I.items():
        table[unicodedata.normalize("NFC", "i" + tone)] = code
    table["ỵ"] = "î"  # one character, as the i's
    for letter, code in list(table.items()):
        table[letter.upper()] = code.upper()
    return table


_TO_VNI = _vni_table()
_FROM_VNI = {code: letter for letter, code in _TO_VNI.items()}
_VNI_CODES = re.compile("|".join(sorted(map(re.escape, _FROM_VNI), key=lambda c: (-len(c), c))))

# Vietnamese letters beyond Latin-1 (ă đ ĩ ũ ơ ư and the letters of U+1EA0-U+1EF9) and the combining tone
# marks of a decomposed text: a text holding them is Unicode Vietnamese, not a legacy font's code points.
_BEYOND_LATIN1 = re.compile("[\u0102-\u01b0\u0300-\u0323\u1ea0-\u1ef9]")
_LATIN1_LETTERS = re.compile("[\u00a1-\u00ff]")
# Common syllables of Vietnamese (of Party documents above all), each with a letter beyond ASCII: a
# reading that gives many of them is the right one.
_COMMON = frozenset(
    """của và các được những việc thực hiện tỉnh huyện đảng nghị quyết ủy thường vụ chỉ thị kết luận
    thông báo về với trong năm ngày tháng cấp cơ sở xã để đến theo có là một người công tác đồng chí
    chính trị tổ chức bộ máy tinh gọn hoạt động hiệu quả địa phương trung ương ban hành đề án mô hình
    thí điểm nhiệm vụ lãnh đạo quản lý nhà nước tiếp tục đổi mới sắp xếp số hợp nhất trên đó này
    đã sẽ cần phải từ hệ thống cán viên chức thời gian kế hoạch triển khai đơn vị nội dung
    bí thư phó chủ tịch hội đồng nhân dân chấp kiểm văn phòng quyết định hướng dẫn báo cáo""".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+")


def score(text: str) -> int:
    """How many of the words of ``text`` are common Vietnamese syllables written with their marks."""
    return sum(1 for word in _WORD.findall(text.lower()) if word in _COMMON)


def _from_tcvn3(text: str) -> str:
    return "\n".join(_capital_line(line) for line in text.translate(_FROM_TCVN3).split("\n"))


_SMALL_ONLY = re.compile("[a-zăâêôơưđ]")  # small letters TCVN3 also has as capitals
# Markup in a line of a page (a tag, an entity): left out of the judgement and never put in capitals.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


def _capital_line(line: str) -> str:
    """A line whose letters with a TCVN3 capital are all capitals was typed in capitals: TCVN3 stored its
    accented capitals as small letters ("ĐảNG CộNG SảN" -> "ĐẢNG CỘNG SẢN"). It takes a word with two
    such capitals; a word with a digit (a number such as 55-KL/TU) says nothing either way."""
    parts = _MARKUP.split(line)  # text at even indexes, markup at odd ones
    words = [w for text in parts[::2] for w in text.split() if not any(c.isdigit() for c in w)]
    if any(_SMALL_ONLY.search(w) for w in words):
        return line
    if not any(sum(c.isupper() for c in w) >= 2 for w in words):
        return line
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


def _from_vni(text: str) -> str:
    return _VNI_CODES.sub(lambda m: _FROM_VNI[m.group(0)], text)


def _best(readings: dict[str, str], *, keep: str) -> tuple[str, str]:
    """The reading with the most common syllables; ``keep`` unless another finds clearly more."""
    scores = {label: score(text) for label, text in readings.items()}
    best = max(scores, key=lambda label: (scores[label], label == keep))
    if best != keep and scores[best] >= 3 and scores[best] > 2 * scores[keep]:
        return readings[best], best
    return readings[keep], keep


def repair(text: str) -> tuple[str, str | None]:
    """``text`` with TCVN3 or VNI code points turned into Unicode letters, and which of the two it held
    (None, and the text unchanged, when it is neither)."""
    if _BEYOND_LATIN1.search(text) or len(_LATIN1_LETTERS.findall(text)) < 3:
        return text, None
    readings = {"unicode": text, "tcvn3": _from_tcvn3(text), "vni": _from_vni(text)}
    repaired, label = _best(readings, keep="unicode")
    return (repaired, label) if label != "unicode" else (text, None)


def decode_bytes(raw: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8 read as Windows-1258, TCVN3 or VNI, whichever gives the most common
    Vietnamese syllables (Windows-1258 unless another gives clearly more): (text, "cp1258" | "tcvn3" |
    "vni"); None when no reading can decode them."""
    readings: dict[str, str] = {"tcvn3": _from_tcvn3(raw.decode("latin-1"))}
    for label, codec in (("cp1258", "cp1258"), ("vni", "cp1252")):
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        readings[label] = unicodedata.normalize("NFC", decoded) if label == "cp1258" else _from_vni(decoded)
    if "cp1258" not in readings:
        best = max(readings, key=lambda label: score(readings[label]))
        return (readings[best], best) if score(readings[best]) >= 3 else None
    return _best(readings, keep="cp1258")


def encode_tcvn3(text: str, replacement: str = "?") -> bytes:
    """``text`` in TCVN3 bytes, as a ``.VnTime`` document stored it: an accented capital as its small
    letter; a character TCVN3 lacks as ``replacement`` (dashes and quotes as their ASCII forms)."""
    return _encode(text, lambda c: _TO_TCVN3.get(c) or _TO_TCVN3.get(c.lower()), "latin-1", replacement)


def encode_vni(text: str, replacement: str = "?") -> bytes:
    """``text`` in VNI bytes (Windows-1252 code points of the VNI fonts)."""
    return _encode(text, _TO_VNI.get, "cp1252", replacement)


def _encode(text: str, code_of: Callable[[str], str | None], codepage: str, replacement: str) -> bytes:
    """Each character of NFC ``text``: ASCII as it is, a letter as the font's code points in ``codepage``,
    anything else as its ASCII form."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = char if char.isascii() else code_of(char)
        out += code.encode(codepage) if code is not None else _ascii_form(char, replacement).encode("ascii")
    return bytes(out)


_ASCII_FORMS = {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "\u00a0": " "}


def _ascii_form(char: str, replacement: str) -> str:
    return _ASCII_FORMS.get(char, replacement)


def round_trip(text: str, encoding: str) -> str:
    """``text`` written in ``encoding`` ("tcvn3" or "vni") and read back: what a reader of such a file
    gets (accented capitals lost to TCVN3 outside lines in capitals; dashes and quotes in ASCII)."""
    if encoding == "tcvn3":
        return _from_tcvn3(encode_tcvn3(text).decode("latin-1"))
    return _from_vni(encode_vni(text).decode("cp1252"))
