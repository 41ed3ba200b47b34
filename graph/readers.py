"""Format readers: the text of an HTML page, a Word document or a PDF, laid out like a plain-text source.

Each reader returns text whose blocks (paragraphs, table cells, list items, pages) are separated by a blank
line and whose line breaks inside a block are kept, because :mod:`graph.parse` reads layout: the header, the
number line, the place-date line and the title are lines. Byte decoding (charsets) is
:mod:`graph.sources`'s job; NFC normalisation happens there too, after a reader returns.

- HTML: the main text only, page residue (navigation, sidebars, ratings, counters) dropped, by trafilatura.
  Nothing is fetched: links are never followed.
- DOCX: paragraphs and tables in document order (python-docx); a table is read row by row, each cell a
  block, so the two-column header of an official text reads "BAN CHẤP HÀNH TRUNG ƯƠNG", then
  "ĐẢNG CỘNG SẢN VIỆT NAM".
- PDF: the text layer, page by page (pypdf); a PDF without one is refused with what to do.

>>> html_text("<html><body><article><p>Số 16-TB&#x2F;TW<br>Hà Nội</p><p>Nội dung.</p></article></body>"
...           "</html>")
'Số 16-TB/TW\\nHà Nội\\n\\nNội dung.'
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import SourceError

if TYPE_CHECKING:
    from pypdf import PageObject

__all__ = ["docx_text", "html_text", "pdf_text"]

#: trafilatura's XML elements that start a block of their own; ``item`` and ``row`` are lines of a block.
_BLOCKS = {"p", "head", "quote", "code", "cell", "list", "table", "graphic"}
_LINES = {"item", "row"}
# Runs of spaces and tabs: HTML whitespace is not significant. Example: "Số   16-TB/TW" -> "Số 16-TB/TW".
_SPACES = re.compile(r"[ \t\r\f\v]+")
# Three or more line breaks (with spaces between) collapse to one blank line.
_BLANK_RUN = re.compile(r"\n\s*\n(?:\s*\n)+")


def _tidy(text: str, *, indents: bool = True) -> str:
    """Trim the end of every line (and its start and inner runs of spaces unless ``indents``, which layout
    reading uses: a right-hand column stands far from the margin), keep single blank lines between blocks."""
    if indents:
        lines = [line.rstrip() for line in text.split("\n")]
    else:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


# --- HTML -----------------------------------------------------------------------------------------------


def html_text(markup: str, path: Path | None = None) -> str:
    """The main text of an HTML page (already decoded), residue dropped, blocks separated by blank lines."""
    import trafilatura

    xml = trafilatura.extract(
        markup,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        output_format="xml",
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        raise SourceError(
            "holds no main text that could be told apart from the page around it.",
            path=path,
            hint="Open it in a browser, copy the text of the document into a .txt file and add that instead.",
        )
    root = ET.fromstring(xml)
    main = root.find("main")
    return _tidy("".join(_xml_text(main if main is not None else root)), indents=False)


def _xml_text(element: ET.Element) -> Iterator[str]:
    """trafilatura's XML as text: ``<lb/>`` is a line break, block elements are separated by a blank line."""
    tag = element.tag
    if tag == "lb":
        yield "\n"
    elif tag in _BLOCKS:
        yield "\n\n"
    elif tag in _LINES:
        yield "\n- " if tag == "item" else "\n"
    if element.text:
        yield element.text
    for child in element:
        yield from _xml_text(child)
    if tag in _BLOCKS:
        yield "\n\n"
    if element.tail:
        yield element.tail


# --- DOCX -----------------------------------------------------------------------------------------------


def docx_text(raw: bytes, path: Path | None = None) -> str:
    """Paragraphs and tables of a Word document in document order; each table cell is a block."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
        return _tidy("\n\n".join(_docx_blocks(document.iter_inner_content(), set())))
    except Exception as exc:  # a damaged file can break python-docx or lxml anywhere (XMLSyntaxError ...)
        known = isinstance(exc, (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError))
        reason = str(exc) if known else f"{type(exc).__name__}: {exc}"
        raise SourceError(
            f"is not a readable Word document ({reason}).",
            path=path,
            hint="Open it in Word or LibreOffice and save it again as .docx, or add a .txt copy of its text.",
        ) from exc


def _docx_blocks(items: Iterable[object], seen: set[object]) -> Iterator[str]:
    """Block texts of paragraphs and tables; a cell merged across columns or rows is read once.

    ``seen`` holds the cells' ``<w:tc>`` elements themselves (holding them keeps lxml's proxies, and so their
    identity, alive; an ``id()`` of a dropped proxy could be reused).
    """
    from docx.table import Table

    for item in items:
        if not isinstance(item, Table):
            yield str(getattr(item, "text", ""))
            continue
        for row in item.rows:
            for cell in row.cells:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield "\n".join(_docx_blocks(cell.iter_inner_content(), seen))


# --- PDF ------------------------------------------------------------------------------------------------


def pdf_text(raw: bytes, path: Path | None = None) -> str:
    """The text layer of a PDF, page by page, pages separated by a blank line.

    Pages are read in pypdf's layout mode, as ``pdftotext -layout`` would: lines at their horizontal
    positions (the two-column header of an official text stays two columns on one line) and vertical gaps
    as blank lines (paragraph breaks, which the plain mode loses).
    """
    with _quiet("pypdf"):
        return _pdf_pages(raw, path)


def _pdf_pages(raw: bytes, path: Path | None) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(
                "is encrypted with a password.",
                path=path,
                hint="Save an unprotected copy (or its text as .txt) and add that instead.",
            )
        pages = [_page_text(page) for page in reader.pages]
    except SourceError:
        raise
    except Exception as exc:  # a damaged file can break pypdf anywhere: IndexError, RecursionError, zlib ...
        reason = str(exc) if isinstance(exc, PyPdfError) else f"{type(exc).__name__}: {exc}"
        raise SourceError(
            f"is not a readable PDF ({reason}).",
            path=path,
            hint="Check that the file is complete, or add a .txt copy of its text.",
        ) from exc
    text = _tidy("\n\n".join(pages))
    if not text.strip():
        raise SourceError(
            "has no text layer (a scanned image?);",
            path=path,
            hint="run OCR on it (e.g. ocrmypdf) and add the text version.",
        )
    return text


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Keep a library's log warnings ("EOF marker not found") off stderr: a file that cannot be read is
    reported once, as a :class:`SourceError` with what to do."""
    log = logging.getLogger(name)
    level = log.level
    log.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        log.setLevel(level)


def _page_text(page: PageObject) -> str:
    """One page in layout mode; in plain mode if the layout reading fails on odd font metrics."""
    try:
        return page.extract_text(extraction_mode="layout")
    except (ArithmeticError, IndexError, KeyError, ValueError, TypeError):
        return page.extract_text()
