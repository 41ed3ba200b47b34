"""Find and read input texts: decode, extract the text of HTML, DOCX and PDF files, NFC-normalise, hash.

A :class:`SourceText` is what every later stage points into: ``text`` is the NFC form of the decoded text
(for HTML, DOCX and PDF: of the text :mod:`graph.readers` takes out of the file), and span offsets count its
code points. ``sha256`` is of the raw bytes as received; ``media_type`` says which format they were in.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from graph import legacy, readers
from graph.errors import OutputError, SourceError
from graph.model import pickled_quickly
from graph.text import nfc

__all__ = [
    "MEDIA_TYPES",
    "SUFFIXES",
    "SourceText",
    "decode",
    "decode_html",
    "find_sources",
    "read_source",
    "text_copy_name",
]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: The media type of every readable file kind, by suffix (lower case).
MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".docx": DOCX,
    ".pdf": "application/pdf",
}
#: File kinds read. Other kinds are reported, never silently skipped.
SUFFIXES = tuple(MEDIA_TYPES)
#: Files that live in a sources folder but are not texts of the corpus: a folder's README, and gold
#: annotations (the seeds' and graph.synth's ``gold.json``, read by ``directives evaluate``).
IGNORED_NAMES = {"README.md", "readme.md", "gold.json"}

# The charset a page declares, as the HTML standard's prescan finds it in the head. Example lines:
# '<meta charset="windows-1258">',
# '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bytes of the head searched for the declaration (the standard says 1024; real heads run longer).
_PRESCAN = 4096


@pickled_quickly
@dataclass(frozen=True, slots=True)
class SourceText:
    path: Path
    name: str  # path relative to the sources folder, with forward slashes
    text: str  # NFC
    sha256: str
    encoding: str  # the charset the bytes were decoded with; "docx" / "pdf" for those containers
    warnings: tuple[str, ...] = ()
    media_type: str = "text/plain"  # MEDIA_TYPES[suffix]
    #: where the NFC text was copied (:meth:`copied_to`): :meth:`reload` reads it back from there
    copy: Path | None = None

    def release(self) -> None:
        """Let the text go once a build has written all it needs from it (a 100,000-text corpus holds
        over a gigabyte of text); ``text`` is empty until :meth:`reload`. The one change this frozen
        record allows."""
        object.__setattr__(self, "text", "")

    def copied_to(self, folder: Path) -> SourceText:
        """Write the NFC text to ``folder / text_copy_name(self)`` (UTF-8) and return this source without
        its text, which :meth:`reload` reads back from the copy: an extraction worker does so, and the
        build holds one text at a time instead of every text of the corpus (a gigabyte at 100,000)."""
        target = folder / text_copy_name(self)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(
                f"cannot write the copy of {self.name}: {exc.strerror}.",
                path=target,
                hint="Check that the output folder's disk has room and is writable.",
            ) from exc
        return replace(self, text="", copy=target)

    def reload(self) -> None:
        """Read a released text again, from its copy when it has one (:meth:`copied_to`), else from its
        file: :class:`SourceError` if the file changed meanwhile, or the copy cannot be read."""
        if self.text:
            return
        if self.copy is not None:
            try:
                object.__setattr__(self, "text", self.copy.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise SourceError(
                    f"the copy of its text at {self.copy} cannot be read back ({exc}); nothing was written.",
                    path=self.path,
                    hint="Build again; nothing else may write into the output's staging folder meanwhile.",
                ) from exc
            return
        again = read_source(self.path)
        if again.sha256 != self.sha256:
            raise SourceError(
                "changed while the build was running; nothing was written.",
                path=self.path,
                hint="Build again once the sources stay put.",
            )
        object.__setattr__(self, "text", again.text)


def text_copy_name(src: SourceText) -> str:
    """Where the NFC text of a source is copied under out/: ``texts/<name>``, plus ``.txt`` for formats
    that are not plain text (the offsets of every span count code points in this copy)."""
    suffix = "" if src.media_type in ("text/plain", "text/markdown") else ".txt"
    return f"texts/{src.name}{suffix}"


def find_sources(root: Path) -> list[Path]:
    """Every candidate text below ``root``, sorted; curation files, READMEs and ``gold.json`` excluded."""
    if not root.exists():
        raise SourceError(
            "no such folder.", path=root, hint="Pass --sources DIR with the texts to build from."
        )
    if root.is_file():
        return [root]
    # A broken symlink is listed too: reading it reports the missing target instead of skipping it.
    found = [
        p
        for p in sorted(root.rglob("*"))
        if (p.is_file() or (p.is_symlink() and not p.exists())) and not _ignored(p, root)
    ]
    return found


def _ignored(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    if any(part.startswith(".") for part in rel.parts):
        return True
    if path.name in IGNORED_NAMES:
        return True
    return path.suffix in (".yaml", ".yml") or path.name.endswith(".sha256")


def read_source(path: Path, root: Path | None = None) -> SourceText:
    """Read one file; raise :class:`SourceError` naming the file and what to do."""
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise SourceError(
            f"cannot read files of type {path.suffix or '(none)'!r} yet.",
            path=path,
            hint=f"Convert it to UTF-8 text (or to one of {', '.join(SUFFIXES)}) or remove it from the "
            "sources folder.",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"cannot be read: {exc.strerror}.",
            path=path,
            hint="Check that the file (or the file a link points to) exists and is readable.",
        ) from exc
    if not raw.strip():
        raise SourceError("is empty.", path=path, hint="Remove it or put the text of a document in it.")
    text, encoding, warnings = _convert(raw, path, media_type)
    if not text.strip():
        raise SourceError(
            "holds no text.", path=path, hint="Remove it, or add a copy of the document's text as .txt."
        )
    name = path.relative_to(root).as_posix() if root is not None and root.is_dir() else path.name
    return SourceText(
        path, name, text, hashlib.sha256(raw).hexdigest(), encoding, tuple(warnings), media_type
    )


def _convert(raw: bytes, path: Path, media_type: str) -> tuple[str, str, list[str]]:
    """The NFC text of a file of this media type, the encoding used, and warnings."""
    if media_type == "text/html":
        markup, encoding, warnings = decode_html(raw, path)
        # before the text is taken out: TCVN3's "ư" is the soft hyphen, which a page's text drops
        text = readers.html_text(_legacy_font(markup, encoding, warnings, path), path)
        return nfc(text), encoding, warnings
    if media_type == DOCX:
        text, encoding, warnings = readers.docx_text(raw, path), "docx", []
    elif media_type == "application/pdf":
        text, encoding, warnings = readers.pdf_text(raw, path), "pdf", []
    else:
        text, encoding, warnings = decode(raw, path)
    return nfc(_legacy_font(text, encoding, warnings, path)), encoding, warnings


def _legacy_font(text: str, encoding: str, warnings: list[str], path: Path) -> str:
    """``text`` with the letters of a TCVN3 or VNI font turned into Unicode (a text typed in ``.VnTime``
    or ``VNI-Times`` and copied as it was: "§¶ng" for "Đảng"), said in ``warnings``."""
    if encoding in legacy.LABELS and encoding != "cp1258":
        return text  # the bytes were read as that encoding already
    repaired, font = legacy.repair(text)
    if font is not None:
        warnings.append(
            f"{path}: written with a {legacy.LABELS[font]} font (letters such as "
            f"{_sample(text, repaired)}); turned into Unicode."
        )
    return repaired


def _sample(before: str, after: str) -> str:
    """The first word the repair changed, as it was and as it is: '"§¶ng" for "Đảng"'."""
    for old, new in zip(before.split(), after.split(), strict=False):
        if old != new:
            return f"{old!r} for {new!r}"
    return "?"


def decode_html(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decode an HTML page: a BOM first, then valid UTF-8, then the charset the page declares in a ``<meta>``,
    then as a text file (:func:`decode`). The markup is returned as it is (not NFC, entities unexpanded).

    Valid UTF-8 wins over a declaration that says otherwise, with a warning: a copy re-saved as UTF-8 keeps
    its old ``<meta>``, and a legacy-encoded Vietnamese page is never valid UTF-8 by accident.
    """
    label, codec = _declared_charset(raw)
    if label is None or codec == "utf-8" or raw.startswith(_BOMS):
        return decode(raw, path)
    if raw.isascii():  # entities only (&#7871;): any ASCII-compatible declaration reads the same
        return raw.decode("ascii"), codec or "ascii", []
    if _is_utf8(raw):
        return raw.decode("utf-8"), "utf-8", [f"{path}: declares charset {label!r} but is UTF-8; read it so."]
    note = f"{path}: declares charset {label!r}, which is not known; read as a text file."
    if codec is not None:
        try:
            return raw.decode(codec), codec, []
        except UnicodeDecodeError as exc:
            note = f"{path}: declares charset {label!r}, not fit by byte {exc.start}; read as a text file."
    text, encoding, warnings = decode(raw, path)
    return text, encoding, [note, *warnings]


def _declared_charset(raw: bytes) -> tuple[str | None, str | None]:
    """The charset label a page declares in its head, and the Python codec for it (None if unknown)."""
    match = _META_CHARSET.search(raw[:_PRESCAN])
    if match is None:
        return None, None
    label = match.group(1).decode("ascii")
    try:
        return label, codecs.lookup(label).name
    except LookupError:
        return label, None


def decode(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 (BOM), or else Windows-1258, TCVN3 or VNI (whichever
    reads as Vietnamese: :func:`graph.legacy.decode_bytes`); return NFC text."""
    if not raw.strip():
        raise SourceError("is empty.", path=path, hint="Remove it or put the text of a document in it.")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding, warnings = _utf16(raw, path)
    elif _looks_binary(raw):
        kind = path.suffix or "a text name"
        raise SourceError(
            f"is not a text file (it holds binary data, e.g. an image renamed to {kind}).",
            path=path,
            hint="Remove it, or convert the document to UTF-8 text.",
        )
    else:
        text, encoding, warnings = _utf8_or_cp1258(raw, path)
    if not text.strip():
        raise SourceError(
            "is empty (it holds only a byte-order mark or blank space).",
            path=path,
            hint="Remove it or put the text of a document in it.",
        )
    return nfc(text), encoding, warnings


def _utf16(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """UTF-16 with a BOM; an odd last byte (a truncated copy) is dropped with a warning."""
    warnings: list[str] = []
    try:
        return raw.decode("utf-16"), "utf-16", warnings
    except UnicodeDecodeError as exc:
        if exc.reason in ("truncated data", "unexpected end of data") and exc.end >= len(raw) - 1:
            warnings.append(f"{path}: the file ends inside a UTF-16 character (truncated); dropped it.")
            return raw[: exc.start].decode("utf-16"), "utf-16", warnings
        raise SourceError(
            f"starts as UTF-16 but is not valid UTF-16 (byte {exc.start}: {exc.reason}).",
            path=path,
            hint="Re-save it as UTF-8.",
        ) from exc


def _utf8_or_cp1258(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """UTF-8 (BOM or not; a character cut at the very end is dropped with a warning), else Windows-1258,
    TCVN3 or VNI."""
    warnings: list[str] = []
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        at = bom + exc.start  # offsets in the file, BOM included
        if at >= len(raw) - 3 and exc.reason == "unexpected end of data":
            line = raw.count(b"\n", 0, at) + 1
            warnings.append(f"{path}:{line}: the file ends inside a UTF-8 character (truncated); dropped it.")
            return raw[bom:at].decode("utf-8"), "utf-8", warnings
    line = raw.count(b"\n", 0, at) + 1
    legacy_text = None if bom else legacy.decode_bytes(raw)
    if legacy_text is not None:
        text, encoding = legacy_text
        warnings.append(f"{path}: not UTF-8; read as {legacy.LABELS[encoding]}.")
        return text, encoding, warnings
    declared = " though it starts with a UTF-8 byte-order mark" if bom else ", nor Windows-1258, TCVN3 or VNI"
    raise SourceError(
        f"is not valid UTF-8 (byte {at}, line {line}){declared}.",
        path=path,
        line=line,
        hint="Re-save it as UTF-8.",
    )


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 100 + 2


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
