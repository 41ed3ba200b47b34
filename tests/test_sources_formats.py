"""graph.sources and graph.readers: HTML pages, Word documents and PDFs read like the plain texts.

The fixtures are made here from seed 000 (Thông báo 16-TB/TW): a portal page around it, a .docx with the
header as a two-column table, a two-page PDF with a text layer, and a PDF without one. The PDF writer below
needs no font file: the text layer maps each glyph code to its Unicode code point (a ToUnicode CMap), which is
all text extraction reads; the font is named, not embedded.
"""

from __future__ import annotations

import doctest
import html
import json
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

import graph.readers
from graph.cli import cli
from graph.errors import SourceError
from graph.extract import extract_text
from graph.sources import DOCX, MEDIA_TYPES, SUFFIXES, SourceText, read_source
from graph.synth.hazards import windows_1258

SOURCES = Path(__file__).parents[1] / "sources"
SEED = (SOURCES / "000_14f6e30f14f393dd.txt").read_text(encoding="utf-8")
# Seed 000 breaks a sentence across a page: "chủ động quyết định" / "thực hiện một số mô hình sau".
PAGE_BREAK = SEED.index("thực hiện một số mô hình sau")
BODY = SEED[SEED.index("VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN") :]
HEADER = [
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("*\nSố 16-TB/TW", "Hà Nội, ngày 07 tháng 7 năm 2022"),
]
RESIDUE = [
    "Trang chủ",
    "Văn bản chỉ đạo",
    "Tin mới",
    "Lịch làm việc",
    "Lượt truy cập",
    "Đang truy cập",
    "lượt đánh giá",
    "★",
    "Bản quyền",
]
TONES = "\u0300\u0301\u0303\u0309\u0323"


# --- fixtures -------------------------------------------------------------------------------------------


def portal_page(charset: str = "utf-8") -> str:
    """A provincial portal page: navigation, a sidebar with a visit counter, the article, a rating widget."""
    cells = "".join(
        f"<tr><td>{html.escape(left).replace(chr(10), '<br>')}</td><td>{html.escape(right)}</td></tr>"
        for left, right in HEADER
    ).replace("16-TB/TW", "16-TB&#x2F;TW")
    paragraphs = "\n".join(
        "<p>" + html.escape(block.strip("\n")).replace("\n", "<br>\n") + "</p>"
        for block in BODY.split("\n\n")
        if block.strip()
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Thông báo kết luận 16-TB/TW</title></head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/van-ban">Văn bản chỉ đạo</a></li></ul></nav></header>
<div class="wrap">
<aside class="sidebar"><h3>Tin mới</h3>
<ul><li><a href="/a">Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12</a></li>
<li><a href="/b">Lịch làm việc của Thường trực Tỉnh ủy tuần 28</a></li></ul>
<div class="counter">Lượt truy cập: 2.504.587</div><div class="online">Đang truy cập: 34</div></aside>
<main><article><h1>Thông báo kết luận của Bộ Chính trị về thực hiện một số mô hình thí điểm</h1>
<table class="header">{cells}</table>
{paragraphs}
</article>
<div class="rating">Đánh giá: <span>★★★★★</span> 5 lượt đánh giá, trung bình 4,2</div></main></div>
<footer><p>Bản quyền thuộc Cổng thông tin điện tử Tỉnh ủy. Địa chỉ: số 1 đường Trần Phú.</p></footer>
</body></html>"""


def write_docx(path: Path, *, decompose: bool = False) -> Path:
    """The seed as Word would hold it: the header a borderless 2-column table (its last row merged across
    both columns), then one paragraph per line."""
    norm = (lambda s: unicodedata.normalize("NFD", s)) if decompose else (lambda s: s)
    document = docx.Document()
    table = document.add_table(rows=len(HEADER) + 1, cols=2)
    for row, (left, right) in enumerate(HEADER):
        table.cell(row, 0).text = norm(left)
        table.cell(row, 1).text = norm(right)
    merged = table.cell(len(HEADER), 0).merge(table.cell(len(HEADER), 1))
    merged.text = "-----"
    for line in BODY.splitlines():
        if line.strip():
            document.add_paragraph(norm(line))
    document.save(str(path))
    return path


def _pdf_object(number: int, body: bytes) -> bytes:
    return f"{number} 0 obj\n".encode() + body + b"\nendobj\n"


def _pdf_stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def _to_unicode(chars: set[str]) -> bytes:
    pairs = [f"<{ord(c):04X}> <{ord(c):04X}>" for c in sorted(chars)]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Adobe-Identity-UCS def\n"
        f"/CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{body}"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def write_pdf(path: Path, pages: list[list[tuple[int, int, str]]]) -> Path:
    """A PDF whose pages draw (x, y, text) lines in a Type0 font with Identity-H codes = code points."""
    chars = {c for page in pages for _, _, text in page for c in text}
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H"
        b" /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /DW 500"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        _pdf_stream(_to_unicode(chars)),
    ]
    for i, page in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {7 + 2 * i} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        ops = [
            f"BT /F1 10 Tf 1 0 0 1 {x} {y} Tm <{''.join(f'{ord(c):04X}' for c in text)}> Tj ET"
            for x, y, text in page
        ]
        objects.append(_pdf_stream("\n".join(ops).encode()))
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += _pdf_object(number, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _lines(text: str, top: int) -> list[tuple[int, int, str]]:
    """Lines from the top of a page, 14 points apart; a blank line is a 10-point paragraph gap."""
    placed, y = [], top
    for line in text.split("\n"):
        if line.strip():
            placed.append((56, y, line))
        y -= 14 if line.strip() else 10
    return placed


def seed_pdf_pages() -> list[list[tuple[int, int, str]]]:
    """Page 1: the two-column header, then the text down to the page break; page 2: the rest."""
    header = [
        (56, 790, HEADER[0][0]),
        (330, 790, HEADER[0][1]),
        (120, 776, "*"),
        (80, 762, "Số 16-TB/TW"),
        (330, 762, HEADER[1][1]),
    ]
    cut = PAGE_BREAK - SEED.index(BODY)
    return [header + _lines(BODY[:cut].rstrip("\n"), 730), _lines(BODY[cut:], 790)]


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    (folder / "seed.html").write_text(portal_page(), encoding="utf-8")
    return {
        "html": folder / "seed.html",
        "docx": write_docx(folder / "seed.docx"),
        "pdf": write_pdf(folder / "seed.pdf", seed_pdf_pages()),
    }


# --- HTML -----------------------------------------------------------------------------------------------


def test_html_keeps_the_article_and_drops_the_page_residue(formats: dict[str, Path]):
    src = read_source(formats["html"])
    assert src.media_type == "text/html"
    assert "Số 16-TB/TW" in src.text
    assert "T/M BỘ CHÍNH TRỊ" in src.text
    assert "Võ Văn Thương" in src.text
    for residue in RESIDUE:
        assert residue not in src.text, residue
    assert unicodedata.is_normalized("NFC", src.text)


def test_html_keeps_line_breaks_and_paragraphs(formats: dict[str, Path]):
    text = read_source(formats["html"]).text
    assert "THÔNG BÁO\nKẾT LUẬN CỦA BỘ CHÍNH TRỊ\n\nvề thực hiện một số mô hình thí điểm" in text
    assert "chủ động quyết định\n\nthực hiện một số mô hình sau" in text


def _small_page(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>Văn bản</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
        f"<article><p>{body}</p><p>Đề nghị các cấp ủy triển khai thực hiện nghiêm túc.</p></article>"
        "</body></html>"
    )


def test_html_in_windows_1258_is_read_by_its_meta_charset(tmp_path: Path):
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    path = tmp_path / "legacy.htm"
    sentence = "Kết luận số 55-KL/TU của Ban Thường vụ Tỉnh uỷ Hà Tĩnh."
    path.write_bytes(windows_1258(_small_page(sentence, meta)))
    src = read_source(path)
    assert (src.encoding, src.warnings) == ("cp1258", ())
    assert sentence in src.text
    assert unicodedata.is_normalized("NFC", src.text)


def test_html_meta_charset_decides_over_the_text_fallback(tmp_path: Path):
    """A page in windows-1251 is not UTF-8; without its <meta> it would be read as Windows-1258."""
    path = tmp_path / "ru.html"
    page = (
        '<html><head><meta charset="windows-1251"></head><body><article><p>Москва, Ханой: визит.</p>'
        "<p>Стороны подписали соглашение о сотрудничестве.</p></article></body></html>"
    )
    path.write_bytes(page.encode("cp1251"))
    src = read_source(path)
    assert "Москва, Ханой: визит." in src.text
    assert (src.encoding, src.warnings) == ("cp1251", ())


def test_html_re_saved_as_utf8_with_a_stale_meta_is_read_as_utf8_and_warns(tmp_path: Path):
    path = tmp_path / "resaved.html"
    path.write_text(_small_page("Thông báo số 16-TB/TW", '<meta charset="windows-1258">'), encoding="utf-8")
    src = read_source(path)
    assert "Thông báo số 16-TB/TW" in src.text
    assert src.encoding == "utf-8" and "declares charset 'windows-1258' but is UTF-8" in src.warnings[0]


def test_html_escaped_characters_come_out_unescaped(tmp_path: Path):
    path = tmp_path / "escaped.html"
    path.write_text(_small_page("Thông báo số 16-TB&#x2F;TW &amp; Kết luận 34&#8209;KL"), encoding="utf-8")
    text = read_source(path).text
    assert "16-TB/TW & Kết luận 34\u2011KL" in text
    assert "&#x2F;" not in text and "&amp;" not in text


def test_readers_doctest_runs():
    result = doctest.testmod(graph.readers)
    assert result.attempted > 0 and result.failed == 0


# --- DOCX -----------------------------------------------------------------------------------------------


def test_docx_reads_the_header_table_row_by_row_then_the_body(formats: dict[str, Path]):
    src = read_source(formats["docx"])
    assert src.media_type == DOCX
    assert src.text.startswith(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n*\nSố 16-TB/TW\n\n"
        "Hà Nội, ngày 07 tháng 7 năm 2022\n\n-----\n\nVĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN"
    )
    assert src.text.count("-----") == 1  # the merged cell is read once
    positions = [
        src.text.index(s)
        for s in ("Số 16-TB/TW", "THÔNG BÁO", "Xem xét đề nghị", "Nơi nhận:", "T/M BỘ CHÍNH TRỊ")
    ]
    assert positions == sorted(positions)


def test_docx_text_is_nfc(tmp_path: Path):
    src = read_source(write_docx(tmp_path / "nfd.docx", decompose=True))
    assert unicodedata.is_normalized("NFC", src.text)
    assert "Số 16-TB/TW" in src.text


def test_a_broken_docx_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    message = r"is not a readable Word document .*save it again as \.docx"
    with pytest.raises(SourceError, match=message) as info:
        read_source(path)
    assert str(path) in str(info.value)


# --- PDF ------------------------------------------------------------------------------------------------


def test_pdf_text_layer_page_by_page(formats: dict[str, Path]):
    src = read_source(formats["pdf"])
    assert src.media_type == "application/pdf"
    assert "Số 16-TB/TW" in src.text and "T/M BỘ CHÍNH TRỊ" in src.text
    assert "chủ động quyết định\n\nthực hiện một số mô hình sau" in src.text  # pages joined by a blank line
    first = src.text.splitlines()[0]
    assert first.startswith("BAN CHẤP HÀNH TRUNG ƯƠNG") and first.endswith("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert unicodedata.is_normalized("NFC", src.text)


def test_pdf_without_a_text_layer_says_run_ocr(tmp_path: Path):
    path = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert str(info.value) == (
        f"{path}: has no text layer (a scanned image?); "
        "run OCR on it (e.g. ocrmypdf) and add the text version."
    )


def test_a_password_protected_pdf_is_a_clear_error(tmp_path: Path, formats: dict[str, Path]):
    writer = PdfWriter(clone_from=formats["pdf"])
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(
        SourceError, match=r"locked\.pdf: is encrypted with a password\. Save an unprotected copy"
    ):
        read_source(path)


def test_a_truncated_pdf_is_a_clear_error(tmp_path: Path, formats: dict[str, Path]):
    path = tmp_path / "cut.pdf"
    path.write_bytes(formats["pdf"].read_bytes()[:40])
    with pytest.raises(SourceError, match=r"cut\.pdf: (is not a readable PDF|has no text layer)"):
        read_source(path)


# --- all formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
def test_extraction_reads_seed_000_in_every_format(formats: dict[str, Path], kind: str):
    src = read_source(formats[kind])
    ext = extract_text(src.text, source=src.name, sha256=src.sha256)
    assert ext.document is not None
    assert (ext.document.number, ext.document.date) == ("16-TB/TW", "2022-07-07")
    assert ("16-TB/TW", "implements", "18-NQ/TW") in {(r.source, r.relation, r.target) for r in ext.relations}
    for relation in ext.relations:  # offsets count code points of SourceText.text
        assert src.text[relation.evidence.start : relation.evidence.end] == relation.evidence.text


def test_every_suffix_has_a_media_type():
    assert set(SUFFIXES) == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
    assert MEDIA_TYPES[".md"] == "text/markdown" and MEDIA_TYPES[".htm"] == "text/html"
    assert SourceText(Path("a.txt"), "a.txt", "x", "", "utf-8").media_type == "text/plain"


def test_plain_text_keeps_its_media_type():
    assert read_source(SOURCES / "000_14f6e30f14f393dd.txt").media_type == "text/plain"


@pytest.mark.parametrize("suffix", [".doc", ".odt", ".rtf"])
def test_other_suffixes_keep_their_clear_error(tmp_path: Path, suffix: str):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(b"x")
    with pytest.raises(SourceError, match=rf"cannot read files of type '\{suffix}' yet\. Convert it .*\.pdf"):
        read_source(path)


def test_cli_extract_reads_the_new_formats(formats: dict[str, Path]):
    paths = [str(formats[kind]) for kind in ("docx", "pdf", "html")]
    result = CliRunner().invoke(cli, ["extract", *paths])
    assert result.exit_code == 0, result.output
    numbers = [item["document"]["number"] for item in json.loads(result.output)]
    assert numbers == ["16-TB/TW"] * 3


def test_cli_extract_scanned_pdf_exits_2(tmp_path: Path):
    path = write_pdf(tmp_path / "scan.pdf", [[]])
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 2
    assert "has no text layer (a scanned image?); run OCR on it" in result.output


def test_the_cache_fingerprint_covers_every_module_an_extraction_loads(formats: dict[str, Path]):
    """The fingerprint hashes only the code an extraction depends on (so that a change in the views keeps
    a 100,000-source cache): every module of the package that extracting texts of every format loads, in
    a fresh interpreter (the seeds, and the HTML, DOCX and PDF fixtures), must be among its files."""
    import json
    import subprocess
    import sys

    from graph.extract_stage import fingerprint_files
    from graph.paths import PACKAGE_DIR

    sources = Path(__file__).parents[1] / "sources"
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from graph.extract_stage import extract_sources\n"
        "from graph.sources import find_sources\n"
        "for root in map(Path, sys.argv[1:]):\n"
        "    list(extract_sources(find_sources(root), root, jobs=1))\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()\n"
        "                        if n.split('.')[0] == 'graph' and getattr(m, '__file__', None))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(sources), str(formats["html"].parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {Path(f).resolve() for f in json.loads(done.stdout)}
    hashed = {p.resolve() for p in fingerprint_files()}
    assert loaded and loaded <= hashed, sorted(p.relative_to(PACKAGE_DIR).as_posix() for p in loaded - hashed)
    assert not any(p.suffix == ".py" and "views" in p.parts for p in hashed)  # the views keep the cache
