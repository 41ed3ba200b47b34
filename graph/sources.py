"""Find and read input texts: decode, NFC-normalise, hash.

A :class:`SourceText` is what every later stage points into: ``text`` is the NFC form of the decoded
bytes, and span offsets count its code points. ``sha256`` is of the raw bytes as received.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from graph.errors import SourceError
from graph.text import nfc

__all__ = ["SUFFIXES", "SourceText", "decode", "find_sources", "read_source"]

#: File kinds read as plain text. Other kinds are reported, never silently skipped.
SUFFIXES = (".txt", ".md")
#: Files that live in a sources folder but are not texts of the corpus.
IGNORED_NAMES = {"README.md", "readme.md"}


@dataclass(frozen=True, slots=True)
class SourceText:
    path: Path
    name: str  # path relative to the sources folder, with forward slashes
    text: str  # NFC
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = ()


def find_sources(root: Path) -> list[Path]:
    """Every candidate text below ``root``, sorted, curation files and READMEs excluded."""
    if not root.exists():
        raise SourceError("no such folder.", path=root, hint="Pass --sources DIR with the texts to build from.")
    if root.is_file():
        return [root]
    found = [p for p in sorted(root.rglob("*")) if p.is_file() and not _ignored(p, root)]
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
    if path.suffix.lower() not in SUFFIXES:
        raise SourceError(
            f"cannot read files of type {path.suffix or '(none)'!r} yet.",
            path=path,
            hint=f"Convert it to UTF-8 text ({', '.join(SUFFIXES)}) or remove it from the sources folder.",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}.", path=path) from exc
    text, encoding, warnings = decode(raw, path)
    name = path.relative_to(root).as_posix() if root is not None and root.is_dir() else path.name
    return SourceText(path, name, text, hashlib.sha256(raw).hexdigest(), encoding, tuple(warnings))


def decode(raw: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 (BOM) or Windows-1258; return NFC text."""
    warnings: list[str] = []
    if not raw.strip():
        raise SourceError("is empty.", path=path, hint="Remove it or put the text of a document in it.")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return nfc(raw.decode("utf-16")), "utf-16", warnings
    if _looks_binary(raw):
        raise SourceError(
            "is not a text file (it holds binary data, e.g. an image renamed to .txt).",
            path=path,
            hint="Remove it, or convert the document to UTF-8 text.",
        )
    try:
        return nfc(raw.decode("utf-8-sig")), "utf-8", warnings
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3 and exc.reason == "unexpected end of data":
            line = raw.count(b"\n", 0, exc.start) + 1
            warnings.append(f"{path}:{line}: the file ends inside a UTF-8 character (truncated); dropped it.")
            return nfc(raw[: exc.start].decode("utf-8-sig")), "utf-8", warnings
        utf8_error = exc
    text = raw.decode("cp1258", errors="strict") if _plausible_cp1258(raw) else None
    if text is not None:
        warnings.append(f"{path}: not UTF-8; read as Windows-1258.")
        return nfc(text), "cp1258", warnings
    line = raw.count(b"\n", 0, utf8_error.start) + 1
    raise SourceError(
        f"is not valid UTF-8 (byte {utf8_error.start}, line {line}) and not Windows-1258.",
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


def _plausible_cp1258(raw: bytes) -> bool:
    try:
        raw.decode("cp1258")
    except UnicodeDecodeError:
        return False
    return True
