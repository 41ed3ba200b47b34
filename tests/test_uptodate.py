"""graph.uptodate: `directives build` on what its last build was made from builds nothing again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph import uptodate
from graph.cli import cli

SOURCES = Path(__file__).parents[1] / "sources"
UP_TO_DATE = "is up to date"


def build(src: Path, out: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["build", "--sources", str(src), "--out", str(out), *options])


def files(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Result]:
    src, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(SOURCES, src)
    first = build(src, out)
    assert first.exit_code == 0, first.output
    assert UP_TO_DATE not in first.output
    return src, out, first


def test_a_build_of_what_nothing_changed_in_builds_nothing_and_says_the_same(
    built: tuple[Path, Path, Result],
):
    src, out, first = built
    before = files(out)
    again = build(src, out)
    assert again.exit_code == 0, again.output
    assert UP_TO_DATE in again.output
    assert again.output.replace(again.output.splitlines()[0] + "\n", "", 1) == first.output  # the same report
    assert files(out) == before  # not a byte rewritten


@pytest.mark.parametrize(
    "change",
    [
        "edit a source",
        "touch a source",
        "add a source",
        "remove a source",
        "add a curation file",
        "other options",
    ],
)
def test_a_change_to_the_sources_or_the_options_builds_again(built: tuple[Path, Path, Result], change: str):
    src, out, _ = built
    text = sorted(src.glob("*.txt"))[0]
    options: tuple[str, ...] = ()
    if change == "edit a source":
        text.write_text(text.read_text(encoding="utf-8") + "\nNghị quyết số 99-NQ/TW.\n", encoding="utf-8")
    elif change == "touch a source":  # content not read: a newer time builds again (never a stale output)
        info = text.stat()
        os.utime(text, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    elif change == "add a source":
        (src / "new.txt").write_text(
            "Kết luận số 50-KL/TW về thực hiện Nghị quyết số 18-NQ/TW.\n", encoding="utf-8"
        )
    elif change == "remove a source":
        text.unlink()
    elif change == "add a curation file":
        (src / "facts.yaml").write_text("facts: []\n", encoding="utf-8")
    else:
        options = ("--no-html",)
    again = build(src, out, *options)
    assert again.exit_code == 0, again.output
    assert UP_TO_DATE not in again.output
    assert UP_TO_DATE in build(src, out, *options).output  # and then it is


@pytest.mark.parametrize("change", ["remove an output", "edit an output", "no cache", "other code"])
def test_a_changed_output_no_cache_or_other_code_builds_again(
    built: tuple[Path, Path, Result], change: str, monkeypatch: pytest.MonkeyPatch
):
    src, out, first = built
    options: tuple[str, ...] = ()
    if change == "remove an output":
        (out / "timeline.html").unlink()
    elif change == "edit an output":
        with (out / "graph.ttl").open("a", encoding="utf-8") as graph:
            graph.write("# edited\n")
    elif change == "no cache":
        options = ("--no-cache",)
    else:
        monkeypatch.setattr(uptodate, "code_fingerprint", lambda: "another version of the code")
    again = build(src, out, *options)
    assert again.exit_code == 0 and UP_TO_DATE not in again.output, again.output
    assert again.output == first.output
    assert (out / "timeline.html").is_file() and b"# edited" not in (out / "graph.ttl").read_bytes()


def test_a_build_with_failures_says_them_again_and_fails_again(built: tuple[Path, Path, Result]):
    src, out, _ = built
    (src / "empty.txt").write_bytes(b"\xef\xbb\xbf\n")
    failed = build(src, out)
    assert failed.exit_code == 1 and "empty.txt" in failed.output
    again = build(src, out)
    assert again.exit_code == 1 and UP_TO_DATE in again.output
    assert "empty.txt" in again.output


def test_a_state_that_cannot_be_read_builds_again(built: tuple[Path, Path, Result]):
    src, out, _ = built
    (out.parent / f".{out.name}.cache" / uptodate.STATE_FILE).write_text("{torn", encoding="utf-8")
    again = build(src, out)
    assert again.exit_code == 0 and UP_TO_DATE not in again.output
