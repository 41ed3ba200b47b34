"""Issue 7: bad input gets a clear error, and nothing is lost.

Through the ``directives`` command (click's runner, and a real process where it matters): a source that
cannot be read is reported (file, reason, what to do) and skipped, the rest builds, the exit code says so
(1), ``--strict`` fails before anything is written (2), and no user-level problem shows a traceback.
Then the hazards of real inputs one by one, curation mistakes, conflicting facts, a citation cycle,
atomic outputs under SIGKILL, and order-independent output.

Small inputs live in tests/data/robustness/; the big ones (50 MB, 10,000 citations) are generated here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from graph.cli import cli
from graph.namespaces import DG, OA
from graph.sources import read_source
from graph.synth.hazards import windows_1258

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "sources"
DATA = Path(__file__).parent / "data" / "robustness"
GOOD = (DATA / "good.txt").read_text(encoding="utf-8")  # Kết luận 70-KL/TW, implements 18-NQ/TW
TITLE_70 = (
    "Kết luận của Bộ Chính trị về thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khoá XII"
)
CODE = "from graph.cli import cli; cli()"
#: The last lines a build prints on standard output; warnings and errors go to standard error.
SUMMARY = re.compile(
    r"Read \d+ sources?; (?:no problems|\d+ problems? \(see the errors above\))\.\n"
    r"Found .*\nThe graph .*\nWrote .*\n"
)
TONES = "\u0300\u0301\u0303\u0309\u0323"
#: The head of a curation fact about good.txt's document.
FACT_70 = "facts:\n  - id: a\n    document: {number: 70-KL/TW}\n"


# --- helpers ----------------------------------------------------------------------------------------------


def build(sources: Path, out: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["build", "--sources", str(sources), "--out", str(out), *options])


def run(*args: str | Path, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``directives ARGS`` in a new Python process."""
    return subprocess.run(
        [sys.executable, "-c", CODE, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def corpus(tmp_path: Path, files: Mapping[str, bytes | str], *, good: bool = True) -> Path:
    """A sources folder with good.txt (unless ``good`` is false) and ``files``."""
    folder = tmp_path / "sources"
    folder.mkdir(parents=True)
    if good:
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return folder


def variant(number: str) -> str:
    """good.txt as another document: the same text under another number."""
    return GOOD.replace("70-KL/TW", number)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file by path, the extraction cache left out (it is not an output)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(out).parts
    }


def numbers(out: Path) -> set[str]:
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    return {str(n) for n in graph.objects(None, DG.number)}


def spans_of(graph: Graph, file_name: str) -> list[tuple[int, int, str]]:
    """(start, end, exact) of every evidence span into the source named ``file_name``."""
    (source,) = [s for s in graph.subjects(DG.fileName, Literal(file_name))]
    found = []
    for span in graph.subjects(OA.hasSource, source):
        selectors = list(graph.objects(span, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        start, end = (int(str(graph.value(position, term))) for term in (OA.start, OA.end))
        found.append((start, end, str(graph.value(quote, OA.exact))))
    return found


def no_traceback(*outputs: str) -> None:
    for text in outputs:
        assert "Traceback" not in text, text


# --- per-source isolation -----------------------------------------------------------------------------------


def test_an_empty_file_is_reported_and_skipped_and_the_rest_builds(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {"empty.txt": b"  \n"})
    out = tmp_path / "out"
    result = build(sources, out)
    assert result.exit_code == 1, result.output
    message = f"{sources / 'empty.txt'}: is empty. Remove it or put the text of a document in it."
    assert result.stderr == f"error: {message}\n"
    assert result.stdout.startswith("Read 1 source; 1 problem (see the errors above).\n")
    assert SUMMARY.fullmatch(result.stdout), result.stdout
    assert "70-KL/TW" in numbers(out)
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert summary["failures"] == [{"path": (sources / "empty.txt").as_posix(), "message": message}]


def test_strict_fails_before_writing_anything_and_keeps_the_previous_out(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {})
    out = tmp_path / "out"
    assert build(sources, out).exit_code == 0
    before = snapshot(out)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "more.txt").write_text(variant("72-KL/TW"), encoding="utf-8")
    result = build(sources, out, "--strict")
    assert result.exit_code == 2
    assert result.output == (
        "Error: 1 source(s) failed; --strict: nothing was written.\n"
        f"  {sources / 'empty.txt'}: is empty. Remove it or put the text of a document in it.\n"
    )
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def test_strict_failure_on_a_new_folder_creates_nothing(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {"empty.txt": b""})
    out = tmp_path / "out"
    assert build(sources, out, "--strict").exit_code == 2
    assert not out.exists(), sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))


def docx_with_broken_xml() -> bytes:
    import io
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("Số 80-KL/TW")
    buffer = io.BytesIO()
    document.save(buffer)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    return broken.getvalue()


def blank_docx() -> bytes:
    import io

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)  # a Word document without a paragraph
    return buffer.getvalue()


BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty. Remove it or put the text of a document in it."),
    "bom-only.txt": (
        b"\xef\xbb\xbf\n",
        "is empty (it holds only a byte-order mark or blank space). Remove it or put the text of a "
        "document in it.",
    ),
    "scan.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "is not a text file (it holds binary data, e.g. an image renamed to .txt). Remove it, or convert "
        "the document to UTF-8 text.",
    ),
    "garbled.txt": (
        "Số 81-KL/TW\n".encode() + b"\x81\xff\xfe",
        "is not valid UTF-8 (byte 14, line 2), nor Windows-1258, TCVN3 or VNI. Re-save it as UTF-8.",
    ),
    "bad-utf16.txt": (
        b"\xff\xfe\x00\xd8A\x00",
        "starts as UTF-16 but is not valid UTF-16 (byte 2: illegal UTF-16 surrogate). Re-save it as UTF-8.",
    ),
    "notes.odt": (
        b"PK\x03\x04",
        "cannot read files of type '.odt' yet. Convert it to UTF-8 text (or to one of .txt, .md, .html, "
        ".htm, .docx, .pdf) or remove it from the sources folder.",
    ),
    "random.docx": (
        bytes(range(256)) * 4,
        "is not a readable Word document (File is not a zip file). Open it in Word or LibreOffice and save "
        "it again as .docx, or add a .txt copy of its text.",
    ),
    "truncated.pdf": (
        b"%PDF-1.4\n1 0 obj\n<<",
        "is not a readable PDF (",  # pypdf's own words follow
    ),
    "blank.html": (
        b"<html><body></body></html>",
        "holds no main text that could be told apart from the page around it. Open it in a browser, copy "
        "the text of the document into a .txt file and add that instead.",
    ),
}


def test_every_kind_of_bad_source_is_reported_in_a_real_process_without_a_traceback(tmp_path: Path) -> None:
    files = {name: data for name, (data, _) in BAD_INPUTS.items()}
    files["broken-xml.docx"] = docx_with_broken_xml()
    files["blank.docx"] = blank_docx()
    sources = corpus(tmp_path, files)
    (sources / "moved.txt").symlink_to(tmp_path / "nowhere.txt")  # a link whose text was moved away
    done = run("build", "--sources", sources, "--out", tmp_path / "out", "--no-html")
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 1, done.stderr
    errors = done.stderr.splitlines()
    assert all(line.startswith(("error: ", "warning: ")) for line in errors), errors  # nothing else on stderr
    for name, (_, message) in BAD_INPUTS.items():
        line = next((e for e in errors if e.startswith(f"error: {sources / name}")), None)
        assert line is not None, (name, errors)
        assert message in line, (name, line)
        if name == "truncated.pdf":
            assert line.endswith("Check that the file is complete, or add a .txt copy of its text.")
    assert any(
        e.startswith(f"error: {sources / 'broken-xml.docx'}: is not a readable Word document (XMLSyntaxError")
        for e in errors
    ), errors
    blank = (
        f"error: {sources / 'blank.docx'}: holds no text. Remove it, or add a copy of the document's text "
    )
    blank += "as .txt."
    assert blank in errors, errors
    moved = f"error: {sources / 'moved.txt'}: cannot be read: No such file or directory."
    assert any(e.startswith(moved) for e in errors), errors  # a broken link is reported, never skipped
    failed = len(BAD_INPUTS) + 3
    summary = f"Read 1 source; {failed} problems (see the errors above).\n"
    assert done.stdout.startswith(summary), done.stdout
    assert "70-KL/TW" in numbers(tmp_path / "out")


def test_user_level_problems_of_the_command_line_show_no_traceback(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {})
    missing = run("build", "--sources", tmp_path / "nope", "--out", tmp_path / "out")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'nope'}: no such folder. Pass --sources DIR with the texts to build from.\n"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("build", "--sources", empty, "--out", tmp_path / "out")
    assert nothing.returncode == 2
    assert nothing.stderr.startswith(f"Error: {empty}: no source could be read; nothing was written.")
    no_graph = run("trace", "18-NQ/TW", "--graph", tmp_path / "none.ttl")
    assert no_graph.returncode == 2
    assert "Run `directives build` first" in no_graph.stderr
    garbage = tmp_path / "garbage.ttl"
    garbage.write_bytes(b"\x89PNG not turtle {{{")
    for args in (
        ("validate", garbage),
        ("trace", "18-NQ/TW", "--graph", garbage),
        ("query", "chain", "--graph", garbage),
    ):
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("Error: ") and str(garbage) in done.stderr, (args, done.stderr)
        no_traceback(done.stdout, done.stderr)
    assert not (tmp_path / "out").exists()
    assert sources.is_dir()


def test_when_every_source_fails_the_message_still_says_why(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {"empty.txt": b""}, good=False)
    result = build(sources, tmp_path / "out")
    assert result.exit_code == 2
    assert f"{sources / 'empty.txt'}: is empty." in result.output


def test_an_out_that_is_a_file_is_reported_as_such(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {})
    out = tmp_path / "out"
    out.write_text("not a folder")
    result = build(sources, out)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {out}: is a file, not a folder; nothing was written. Pass --out with a folder (it is "
        "created when missing).\n"
    )
    assert out.read_text() == "not a folder"


# --- inputs, one by one ----------------------------------------------------------------------------------


def test_a_png_renamed_txt_is_refused_with_what_to_do(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {"scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)})
    result = build(sources, tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {sources / 'scan.txt'}: is not a text file (it holds binary data, e.g. an image renamed to "
        ".txt). Remove it, or convert the document to UTF-8 text.\n"
    )


def test_truncated_utf8_keeps_the_text_and_warns_with_the_line(tmp_path: Path) -> None:
    text = variant("72-KL/TW") + "Tỉnh ủ"
    raw = text.encode("utf-8")[:-1]  # cut inside the last character
    sources = corpus(tmp_path, {"cut.txt": raw})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 0, result.output
    line = text.count("\n") + 1
    assert result.stderr == (
        f"warning: {sources / 'cut.txt'}:{line}: the file ends inside a UTF-8 character (truncated); "
        "dropped it.\n"
    )
    assert "72-KL/TW" in numbers(out)
    assert (out / "texts" / "cut.txt").read_text(encoding="utf-8") == text[:-1]


def test_windows_1258_is_read_as_vietnamese_with_a_warning(tmp_path: Path) -> None:
    text = variant("73-KL/TW")
    sources = corpus(tmp_path, {"legacy.txt": windows_1258(text)})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {sources / 'legacy.txt'}: not UTF-8; read as Windows-1258.\n"
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    (doc,) = graph.subjects(DG.number, Literal("73-KL/TW"))
    assert str(graph.value(doc, DG.title)) == TITLE_70
    assert (out / "texts" / "legacy.txt").read_text(encoding="utf-8") == unicodedata.normalize("NFC", text)
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert {"name": "legacy.txt", "encoding": "cp1258"}.items() <= next(
        s for s in summary["sources"] if s["name"] == "legacy.txt"
    ).items()


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    text = variant("74-KL/TW")
    sources = corpus(tmp_path, {"wide.txt": text.encode("utf-16")})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "74-KL/TW" in numbers(out)
    assert (out / "texts" / "wide.txt").read_text(encoding="utf-8") == text


def test_nfd_text_is_stored_as_nfc_and_every_span_points_into_the_copy(tmp_path: Path) -> None:
    text = variant("75-KL/TW")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    sources = corpus(tmp_path, {"nfd.txt": nfd.encode("utf-8")})
    out = tmp_path / "out"
    assert build(sources, out, "--no-html").exit_code == 0
    copy = (out / "texts" / "nfd.txt").read_text(encoding="utf-8")
    assert copy == text and unicodedata.is_normalized("NFC", copy)
    spans = spans_of(Graph().parse(out / "graph.ttl", format="turtle"), "nfd.txt")
    assert len(spans) >= 3
    for start, end, exact in spans:
        assert copy[start:end] == exact


def test_control_characters_in_a_text_build_into_a_graph_that_parses(tmp_path: Path) -> None:
    text = variant("76-KL/TW").replace("Bộ Chính trị kết luận", "Bộ Chính\x0btrị\x07 kết\u2028luận\x1b")
    text += "\n" + "x" * 5000 + "\x00\x01\x02 tail\n"  # NUL past the first 4 KB: not taken for binary
    sources = corpus(tmp_path, {"controls.txt": text})
    out = tmp_path / "out"
    result = build(sources, out)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert "76-KL/TW" in {str(n) for n in graph.objects(None, DG.number)}
    copy = (out / "texts" / "controls.txt").read_text(encoding="utf-8")
    for start, end, exact in spans_of(graph, "controls.txt"):
        assert copy[start:end] == exact
    assert run("validate", out / "graph.ttl").returncode == 0


def big_text(size: int) -> str:
    """The seed texts, one after another, until ``size`` bytes of UTF-8."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(seeds[i % len(seeds)])
        total += len(parts[-1].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


MEASURED = (
    "import resource, sys\n"
    "from graph.cli import cli\n"
    "try:\n"
    "    cli()\n"
    "finally:\n"
    "    print(f'peak-rss-kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n"
)


@pytest.mark.timeout(600)
def test_a_50_mb_text_builds_or_fails_clearly(tmp_path: Path) -> None:
    """The seed texts over and over, 50 MB in one file. Measured on 2 shared cores: 10 to 20 s, 430 to
    590 MiB peak RSS (``pytest -rP`` prints the numbers of the run)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "big.txt").write_text(big_text(50 * 1024 * 1024), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "build", "--sources", sources, "--out", tmp_path / "out"],
        capture_output=True,
        text=True,
        timeout=540,
    )
    seconds = time.monotonic() - started
    peak_mib = int(re.search(r"peak-rss-kib=(\d+)", done.stderr).group(1)) // 1024  # type: ignore[union-attr]
    print(f"50 MB text: built in {seconds:.1f} s, peak RSS {peak_mib} MiB")  # shown by pytest -rP
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Read 1 source; no problems.\n")
    assert (tmp_path / "out" / "texts" / "big.txt").stat().st_size > 50 * 1024 * 1024
    assert peak_mib < 2048, f"{peak_mib} MiB for a 50 MB text"


#: Five kinds of central documents: 10,000 citations of distinct numbers need five times 2,000 serials.
KINDS = (
    ("Kết luận", "KL"),
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
)


def cited_number(i: int) -> str:
    return f"{i // len(KINDS) + 1}-{KINDS[i % len(KINDS)][1]}/TW"


def many_citations(count: int) -> str:
    """A text citing ``count`` distinct documents, one per line:
    "17. Thực hiện Chỉ thị số 4-CT/TW, ngày 18/6/2013 của Bộ Chính trị."."""
    lines = []
    for i in range(count):
        word = KINDS[i % len(KINDS)][0]
        date = f"{i % 28 + 1:02d}/{i % 12 + 1}/20{10 + i % 14}"
        lines.append(f"{i + 1}. Thực hiện {word} số {cited_number(i)}, ngày {date} của Bộ Chính trị.")
    return variant("77-KL/TW") + "\n\n" + "\n".join(lines) + "\n"


@pytest.mark.timeout(300)
def test_ten_thousand_citations_are_each_found_with_their_span() -> None:
    from graph.extract import extract_text

    text = many_citations(10_000)
    started = time.monotonic()
    extraction = extract_text(text)
    print(f"10,000 citations: extracted in {time.monotonic() - started:.1f} s")  # shown by pytest -rP
    cited = {d.number for d in extraction.documents}
    assert {cited_number(i) for i in range(10_000)} <= cited
    for document in extraction.documents:
        for span in document.mentions:
            assert text[span.start : span.end] == span.text
    assert len(extraction.relations) >= 10_000


@pytest.mark.skipif(
    not os.environ.get("DG_SLOW_TESTS"),
    reason="takes one to two minutes (set DG_SLOW_TESTS=1 to run it)",
)
@pytest.mark.timeout(300)
def test_a_text_citing_ten_thousand_documents_builds_in_two_minutes(tmp_path: Path) -> None:
    sources = corpus(tmp_path, {"many.txt": many_citations(10_000)}, good=False)
    try:
        done = run("build", "--sources", sources, "--out", tmp_path / "out", "--no-html", timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the build did not finish in 120 s")
    assert done.returncode == 0, done.stderr


# --- curation -----------------------------------------------------------------------------------------------


def test_a_curation_file_with_a_yaml_syntax_error_is_named_with_its_line(tmp_path: Path) -> None:
    bad = "version: 1\nfacts:\n  - id: a\n    relation: {from: [70-KL/TW\n"
    sources = corpus(tmp_path, {"curation.yaml": bad})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {sources / 'curation.yaml'}:4: YAML syntax error: while parsing a flow sequence that starts "
        "on this line: expected ',' or ']', but got '<stream end>'. Fix the YAML at that line (check "
        "indentation and quoting).\n"
    )
    assert "70-KL/TW" in numbers(out)


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        (
            FACT_70 + "    set: {date: 2023-13-45}\n    citation: x\n",
            2,
            "fact 'a': date '2023-13-45' is not a date. Write it as YYYY-MM-DD, e.g. 2018-08-07.",
        ),
        (
            FACT_70 + "    set: {province: Hà Tĩnh}\n    citation: x\n"
            "  - id: a\n    document: {number: 70-KL/TW}\n    set: {title: T}\n    citation: y\n",
            6,
            "fact 'a' is stated twice (also at line 2). Give each fact its own `id`: it becomes the IRI of "
            "its curation record.",
        ),
        (
            FACT_70 + "    set: {title: [a, b]}\n    citation: x\n",
            2,
            "fact 'a': title must be a single value, not ['a', 'b'].",
        ),
        (
            "facts:\n\t- id: a\n",
            2,
            "YAML syntax error: found character '\\t' that cannot start any token. Fix the YAML at that line "
            "(check indentation and quoting).",
        ),
    ],
    ids=["impossible-date", "duplicate-id", "list-value", "tab"],
)
def test_curation_mistakes_are_named_with_file_and_line(
    tmp_path: Path, yaml_text: str, line: int, message: str
) -> None:
    sources = corpus(tmp_path, {"curation.yaml": yaml_text})
    result = build(sources, tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert result.stderr == f"error: {sources / 'curation.yaml'}:{line}: {message}\n"


def test_a_curation_file_not_in_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    text = "facts:\n  - id: a\n    document: {number: 70-KL/TW}\n    set: {title: Tỉnh ủy}\n    citation: x\n"
    raw = windows_1258(text)
    sources = corpus(tmp_path, {"curation.yaml": raw})
    result = build(sources, tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    at = raw.index(b"\xd2")  # the hook above of "ỉ": not a UTF-8 continuation byte
    assert result.stderr == (
        f"error: {sources / 'curation.yaml'}:4: is not UTF-8 (byte {at}). Re-save it as UTF-8.\n"
    )


def test_a_curation_entry_about_an_unknown_document_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    ghost = (
        "version: 1\nfacts:\n  - id: ghost-implements-nq18\n    relation:\n      from: {number: 999-NQ/TW}\n"
        "      type: implements\n      to: {number: 18-NQ/TW}\n    citation: a book\n"
    )
    kept = (
        "version: 1\nfacts:\n  - id: kl70-title\n    document: {number: 70-KL/TW}\n"
        "    set: {date_not_before: 2023-03-01}\n    citation: the register of 2023\n"
    )
    sources = corpus(tmp_path, {"a-ghost.yaml": ghost, "b-kept.yaml": kept})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {sources / 'a-ghost.yaml'}:3: fact 'ghost-implements-nq18' is about 999-NQ/TW, but the "
        "corpus has no document of that number. Check the number; a curated fact can only be about a "
        "document some source names.\n"
    )
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert "999-NQ/TW" not in {str(n) for n in graph.objects(None, DG.number)}
    assert len(list(graph.subjects(RDF.type, DG.CurationRecord))) == 1
    assert "the register of 2023" in (out / "graph.ttl").read_text(encoding="utf-8")
    # the build started over without the bad fact: the texts it had let go were read again
    sizes = {int(n) for n in graph.objects(None, DG.characterCount)}
    assert sizes and 0 not in sizes
    for copy in (out / "texts").iterdir():
        assert copy.read_text(encoding="utf-8") == read_source(sources / copy.name).text


def test_load_curation_can_keep_the_good_facts_beside_a_bad_one(tmp_path: Path) -> None:
    from graph.curation import load_curation
    from graph.errors import CurationError

    path = tmp_path / "curation.yaml"
    path.write_text(
        FACT_70 + "    set: {province: Hà Tĩnh}\n    citation: x\n"
        "  - id: b\n    document: {source: ../outside.txt}\n    set: {province: Hà Tĩnh}\n    citation: x\n"
        "  - id: c\n    document: {number: 70-KL/TW}\n    set: {date: 2023-02-30}\n    citation: x\n"
        "  - id: a\n    document: {number: 70-KL/TW}\n    set: {title: T}\n    citation: x\n"
        "  - id: d\n    document: {number: 70-KL/TW}\n    set: {}\n    citation: x\n",
        encoding="utf-8",
    )
    with pytest.raises(CurationError, match=r":6: fact 'b': source '\.\./outside\.txt' lies outside"):
        load_curation(path, tmp_path)
    errors: list[CurationError] = []
    kept = load_curation(path, tmp_path, errors=errors)
    assert [(a.id, a.attribute, a.value) for a in kept.attributes] == [("a", "province", "Hà Tĩnh")]
    assert [(e.line, e.message) for e in errors] == [
        (6, "fact 'b': source '../outside.txt' lies outside the sources folder; refused."),
        (10, "fact 'c': date '2023-02-30' is not a date."),
        (14, "fact 'a' is stated twice (also at line 2)."),
        (18, "fact 'd' states nothing."),
    ]


def test_one_bad_fact_does_not_drop_the_good_facts_of_its_file(tmp_path: Path) -> None:
    text = (
        "facts:\n  - id: good\n"
        "    relation: {from: {number: 70-KL/TW}, type: cites, to: {number: 18-NQ/TW}}\n"
        "    citation: the register\n  - id: bad\n    document: {source: ../outside.txt}\n"
        "    set: {province: Hà Tĩnh}\n    citation: x\n"
    )
    sources = corpus(tmp_path, {"curation.yaml": text})
    out = tmp_path / "out"
    assert build(sources, out, "--no-html").exit_code == 1
    assert "the register" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_a_curation_file_in_a_subfolder_is_read_or_reported(tmp_path: Path) -> None:
    text = (
        "facts:\n  - id: a\n    document: {number: 70-KL/TW}\n    set: {date: not-a-date}\n    citation: x\n"
    )
    sources = corpus(tmp_path, {"more/curation.yaml": text})
    result = build(sources, tmp_path / "out", "--no-html")
    assert "more/curation.yaml" in result.stderr


@pytest.mark.parametrize("where", ["../outside.txt", "/etc/hostname", "sub/../../outside.txt"])
def test_a_curated_source_outside_the_sources_folder_is_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "outside.txt").write_text(variant("78-KL/TW"), encoding="utf-8")
    text = f"facts:\n  - id: a\n    document: {{source: {where}}}\n    set: {{province: Hà Tĩnh}}\n"
    text += "    citation: x\n"
    sources = corpus(tmp_path, {"curation.yaml": text})
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {sources / 'curation.yaml'}:2: fact 'a': source {where!r} lies outside the sources folder; "
        "refused. Name a text inside the sources folder.\n"
    )
    assert "78-KL/TW" not in numbers(out)


# --- conflicts and cycles -----------------------------------------------------------------------------------


def test_two_sources_giving_one_number_two_dates_are_kept_apart_and_warned_about(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(DATA / "conflict", sources)
    out = tmp_path / "out"
    result = build(sources, out, "--no-html")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: 64-KL/TW: sources give conflicting dates 2023-03-10 (x.txt); 2023-04-12 (y.txt); kept as 2 "
        "documents.\n"
    )
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    documents = list(graph.subjects(DG.number, Literal("64-KL/TW")))
    assert len(documents) == 2
    assert sorted(str(graph.value(d, DG.dateIssued)) for d in documents) == ["2023-03-10", "2023-04-12"]
    ambiguous = CliRunner().invoke(cli, ["trace", "64-KL/TW", "--graph", str(out / "graph.ttl")])
    assert ambiguous.exit_code == 2
    assert ambiguous.output == (
        "Error: Unknown document '64-KL/TW': 2 documents carry this number (2023-03-10, 2023-04-12). "
        "Pass --date.\n"
    )
    picked = CliRunner().invoke(
        cli, ["trace", "64-KL/TW", "--date", "2023-04-12", "--graph", str(out / "graph.ttl")]
    )
    assert picked.exit_code == 0 and picked.output.startswith("Kết luận 64-KL/TW (2023-04-12, Bộ Chính trị)")


@pytest.fixture()
def cycle(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(DATA / "cycle", sources)
    out = tmp_path / "out"
    assert build(sources, out, "--no-html").exit_code == 0
    return out / "graph.ttl"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("up", [False, True])
def test_a_citation_cycle_terminates(cycle: Path, up: bool) -> None:
    for fmt in ("tree", "json"):
        result = CliRunner().invoke(
            cli, ["trace", "61-KL/TW", "--format", fmt, "--graph", str(cycle), *(["--up"] if up else [])]
        )
        assert result.exit_code == 0, result.output
    assert result.output.count("62-KL/TW") >= 1


def test_a_citation_cycle_is_shown(cycle: Path) -> None:
    result = CliRunner().invoke(cli, ["trace", "61-KL/TW", "--format", "json", "--graph", str(cycle)])
    relations = json.loads(result.output)["relations"]
    assert {"source": "61-KL/TW", "relation": "implements", "target": "62-KL/TW"} in relations
    tree = CliRunner().invoke(cli, ["trace", "61-KL/TW", "--graph", str(cycle)]).output
    assert tree.count("61-KL/TW") == 2, tree  # the root, and again under 62 where the cycle closes


# --- atomic outputs -----------------------------------------------------------------------------------------


def killable_corpus(tmp_path: Path) -> Path:
    """The seeds and a text citing 300 documents: a few seconds of serialising after staging starts."""
    sources = tmp_path / "big-sources"
    sources.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, sources / seed.name)
    (sources / "many.txt").write_text(many_citations(300), encoding="utf-8")
    return sources


def staging_folders(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


def start_build(
    sources: Path, out: Path, *, prelude: str = "", group: bool = False
) -> subprocess.Popen[bytes]:
    """``directives build`` in a new process (``prelude`` runs first, to patch the publishing step); with
    ``group``, in a process group of its own, whose id is the process id."""
    return subprocess.Popen(
        [sys.executable, "-c", prelude + CODE, "build", "--sources", str(sources), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=group,
    )


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> int:
    try:
        return process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def members(group: int) -> list[int]:
    """The running processes of a process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            found.append(int(stat.parent.name))
    return found


@pytest.mark.timeout(180)
def test_a_build_killed_with_sigkill_leaves_the_previous_out_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(SEEDS, out).exit_code == 0
    before = snapshot(out)
    process = start_build(killable_corpus(tmp_path), out)
    try:
        deadline = time.monotonic() + 120
        while not staging_folders(out):  # the build has extracted, validated, and started writing
            assert process.poll() is None, "the build ended before it wrote anything: make the corpus bigger"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        code = finish(process)
    assert code == -signal.SIGKILL
    assert staging_folders(out), "the kill came after the build had finished writing"
    assert snapshot(out) == before
    Graph().parse(out / "graph.ttl", format="turtle")
    checked = CliRunner().invoke(cli, ["validate", str(out / "graph.ttl")])
    assert checked.exit_code == 0, checked.output
    again = build(SEEDS, out)
    assert again.exit_code == 0, again.output
    assert snapshot(out) == before  # same sources, same bytes
    assert staging_folders(out) == []  # the killed build's staging folder was cleaned away


KILL_BEFORE_SWAP = (
    "import os, signal\nimport graph.outputs as o\n"
    "o._exchange = lambda a, b: os.kill(os.getpid(), signal.SIGKILL)\n"
)
KILL_AFTER_SWAP = (
    "import os, signal\nimport graph.outputs as o\nswap = o._exchange\n"
    "o._exchange = lambda a, b: swap(a, b) and os.kill(os.getpid(), signal.SIGKILL)\n"
)
# No swap (another system): files are replaced one by one; killed after the second.
KILL_WHILE_REPLACING = (
    "import os, signal\nimport graph.outputs as o\nreplace, done = os.replace, []\n"
    "def step(a, b):\n"
    "    replace(a, b)\n"
    "    if '/.cache/' not in str(b): done.append(b)\n"
    "    if len(done) == 2: os.kill(os.getpid(), signal.SIGKILL)\n"
    "def no_swap(a, b):\n"
    "    os.replace = step  # from here on: publishing file by file\n"
    "    return False\n"
    "o._exchange = no_swap\n"
)


Builds = tuple[Path, Path, dict[str, bytes], dict[str, bytes]]


@pytest.fixture()
def two_builds(tmp_path: Path) -> Builds:
    """Sources of an old and a new build, and what each writes into a folder of its own."""
    old = corpus(tmp_path / "old", {})
    new = corpus(tmp_path / "new", {"more.txt": variant("79-KL/TW")})
    assert build(old, tmp_path / "old-out").exit_code == 0
    assert build(new, tmp_path / "new-out").exit_code == 0
    return old, new, snapshot(tmp_path / "old-out"), snapshot(tmp_path / "new-out")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the folder swap is Linux's renameat2")
def test_a_build_killed_just_before_publishing_leaves_the_old_out(tmp_path: Path, two_builds: Builds) -> None:
    old, new, old_files, _ = two_builds
    out = tmp_path / "out"
    assert build(old, out).exit_code == 0
    assert finish(start_build(new, out, prelude=KILL_BEFORE_SWAP)) == -signal.SIGKILL
    assert snapshot(out) == old_files


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the folder swap is Linux's renameat2")
def test_a_build_killed_just_after_publishing_leaves_the_whole_new_out(
    tmp_path: Path, two_builds: Builds
) -> None:
    old, new, old_files, new_files = two_builds
    out = tmp_path / "out"
    assert build(old, out).exit_code == 0
    assert finish(start_build(new, out, prelude=KILL_AFTER_SWAP)) == -signal.SIGKILL
    now = snapshot(out)
    assert {name: now.get(name) for name in new_files} == new_files
    assert set(now) - set(new_files) <= set(old_files)  # files only the old build wrote are kept
    assert staging_folders(out)  # the old out/, swapped out, not yet removed ...
    assert build(new, out).exit_code == 0
    assert staging_folders(out) == []  # ... is removed by the next build


def test_without_a_swap_a_kill_while_replacing_leaves_every_file_whole(
    tmp_path: Path, two_builds: Builds
) -> None:
    old, new, old_files, new_files = two_builds
    out = tmp_path / "out"
    assert build(old, out).exit_code == 0
    assert finish(start_build(new, out, prelude=KILL_WHILE_REPLACING)) == -signal.SIGKILL
    now = snapshot(out)
    changed = [name for name in now if now[name] != old_files.get(name)]
    assert len(changed) == 2, changed
    for name, data in now.items():
        assert data in (old_files.get(name), new_files.get(name)), name
    assert now["build.json"] == old_files["build.json"]  # the summary moves last


@pytest.mark.timeout(120)
def test_a_killed_parallel_build_leaves_no_worker_behind(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(20):  # 80 texts: the build extracts them in worker processes
        for seed in SEEDS.glob("*.txt"):
            shutil.copy(seed, sources / f"copy{i:02d}_{seed.name}")
    process = start_build(sources, tmp_path / "out", group=True)
    group = process.pid
    try:
        deadline = time.monotonic() + 60
        while len(members(group)) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        assert len(members(group)) >= 2, "the build started no worker"
        time.sleep(0.2)
        os.kill(process.pid, signal.SIGKILL)
        finish(process)
        deadline = time.monotonic() + 5
        while members(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = members(group)
    finally:
        finish(process)
        if members(group):  # what this test's build started, by the id of its process group
            os.killpg(group, signal.SIGKILL)
    assert left == []


def test_a_fresh_worker_inside_a_long_call_goes_with_the_build_that_started_it() -> None:
    """Validation workers are started by the fork server, which outlives the build (its workers keep it
    running). Killing the build must take them down at once, not when their queued parts are done: here
    the worker is inside a call that lasts ten minutes and lets other threads run, as rudof does."""
    script = (
        "import time\n"
        "from graph.workers import worker_pool\n"
        "if __name__ == '__main__':\n"
        "    pool = worker_pool(1, fresh=True)\n"
        "    import os\n"
        "    print(pool.submit(os.getpid).result(), flush=True)\n"
        "    pool.submit(time.sleep, 600)\n"
        "    time.sleep(600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    group = process.pid
    try:
        assert process.stdout is not None
        worker = int(process.stdout.readline())
        time.sleep(1.0)  # the worker is inside time.sleep now
        assert worker in members(group)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while members(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = members(group)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if members(group):
            os.killpg(group, signal.SIGKILL)
    assert left == []


def test_stale_staging_folders_of_dead_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    from graph.outputs import staged_output

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    out = tmp_path / "out"
    gone = tmp_path / f".out.staging-{int(dead.stdout)}-0badf00d"
    alive = tmp_path / ".out.staging-1-0badf00d"  # process 1 always runs
    other = tmp_path / f".other.staging-{int(dead.stdout)}-0badf00d"
    for folder in (gone, alive, other):
        folder.mkdir()
        (folder / "graph.ttl").write_text("half")
    with staged_output(out) as stage:
        (stage / "graph.ttl").write_text("new")
    assert not gone.exists()
    assert alive.exists() and other.exists()
    assert (out / "graph.ttl").read_text() == "new"


def publish(out: Path, text: str) -> None:
    from graph.outputs import MANIFEST, staged_output

    with staged_output(out) as stage:
        (stage / "graph.ttl").write_text(text)
        (stage / MANIFEST).write_text("{}")


def test_publishing_keeps_the_folder_permissions_and_the_files_it_does_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(out, "one")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700
    out.chmod(0o750)
    (out / ".cache" / "ab").mkdir(parents=True)
    (out / ".cache" / "ab" / "entry").write_text("cached")
    (out / ".cache" / "ab").chmod(0o700)
    (out / "chain-extra.html").write_text("rendered later")
    before = out.stat().st_ino
    publish(out, "two")
    if sys.platform.startswith("linux"):
        assert out.stat().st_ino != before  # swapped whole
    assert out.stat().st_mode & 0o777 == 0o750
    assert (out / "graph.ttl").read_text() == "two"
    assert (out / ".cache" / "ab" / "entry").read_text() == "cached"
    assert (out / ".cache" / "ab").stat().st_mode & 0o777 == 0o700
    assert (out / "chain-extra.html").read_text() == "rendered later"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_holding_more_than_outputs_is_updated_file_by_file_never_swapped(tmp_path: Path) -> None:
    out = tmp_path / "project"
    publish(out, "one")
    (out / "notes").mkdir()
    (out / "notes" / "mine.md").write_text("keep me")
    before = out.stat().st_ino
    publish(out, "two")
    assert out.stat().st_ino == before
    assert (out / "graph.ttl").read_text() == "two"
    assert (out / "notes" / "mine.md").read_text() == "keep me"


# --- determinism ------------------------------------------------------------------------------------------


def test_the_turtle_does_not_depend_on_the_order_files_are_listed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "cycle").glob("*.txt"))
    outputs = {}
    for label, order in (("forward", names), ("backward", list(reversed(names)))):
        folder = tmp_path / label
        sources = folder / "sources"
        sources.mkdir(parents=True)
        for path in order:  # files created in this order
            shutil.copy(path, sources / path.name)
            time.sleep(0.01)
        shutil.copy(SEEDS / "curation.yaml", sources / "curation.yaml")
        monkeypatch.chdir(folder)
        if label == "backward":
            monkeypatch.setattr(os, "scandir", lambda p=".", real=os.scandir: ReversedListing(real, p))
        assert build(Path("sources"), Path("out"), "--no-html").exit_code == 0
        outputs[label] = {
            n: (folder / "out" / n).read_bytes() for n in ("graph.ttl", "graph.trig", "build.json")
        }
    assert outputs["forward"] == outputs["backward"]


class ReversedListing:
    """``os.scandir`` with the entries in reverse order of name (what a file system may well do)."""

    def __init__(self, scandir: Callable[[str], Any], path: str) -> None:
        with scandir(path) as entries:
            self.entries: list[os.DirEntry[str]] = sorted(entries, key=lambda e: e.name, reverse=True)

    def __enter__(self) -> ReversedListing:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __iter__(self) -> ReversedListing:
        return self

    def __next__(self) -> os.DirEntry[str]:
        if not self.entries:
            raise StopIteration
        return self.entries.pop(0)

    def close(self) -> None:
        return None
