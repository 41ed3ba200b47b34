"""graph.pipeline and graph.extract_stage: the main job, its cache and its workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import OutputError
from graph.extract_stage import Extracted, extract_sources, fingerprint
from graph.pipeline import build_corpus, run_build
from graph.sources import find_sources

SOURCES = Path(__file__).parents[1] / "sources"


def test_a_second_build_reads_every_extraction_from_the_cache(tmp_path: Path):
    cache = tmp_path / "cache"
    paths = find_sources(SOURCES)
    first = list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    second = list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    assert all(isinstance(x, Extracted) and not x.cached for x in first)
    assert all(isinstance(x, Extracted) and x.cached for x in second)
    assert [x.extraction for x in first] == [x.extraction for x in second]  # type: ignore[union-attr]


def test_an_edited_source_is_extracted_again(tmp_path: Path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    cache = tmp_path / "cache"
    list(extract_sources(find_sources(sources), sources, cache_dir=cache, jobs=1))
    edited = sources / "002_536fb758ed16856e.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nThực hiện Kết luận số 50-KL/TW.\n", encoding="utf-8"
    )
    again = {
        x.source.name: x.cached
        for x in extract_sources(find_sources(sources), sources, cache_dir=cache, jobs=1)
        if isinstance(x, Extracted)
    }
    assert again == {
        "000_14f6e30f14f393dd.txt": True,
        "001_ea8b90e8c70a61da.txt": True,
        "002_536fb758ed16856e.txt": False,
        "003_ebb99f231a8fd273.txt": True,
    }


def test_entries_of_another_extractor_version_are_deleted_once_every_source_is_done(tmp_path: Path):
    cache = tmp_path / "cache"
    old = cache / "0123456789abcdef" / "ab" / "entry.pickle"  # written by another version of the code
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    (cache / "notes.txt").write_text("the user's", encoding="utf-8")
    (cache / "kept-folder").mkdir()
    results = extract_sources(find_sources(SOURCES)[:2], SOURCES, cache_dir=cache, jobs=1)
    next(results)
    assert old.exists()  # not while the build still reads the cache
    list(results)
    assert sorted(p.name for p in cache.iterdir()) == sorted([fingerprint(), "kept-folder", "notes.txt"])
    assert len(list((cache / fingerprint()).rglob("*.pickle"))) == 2


def test_a_corrupt_cache_entry_is_rebuilt(tmp_path: Path):
    cache = tmp_path / "cache"
    paths = find_sources(SOURCES)[:1]
    list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    (entry,) = list(cache.rglob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    (again,) = list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    assert isinstance(again, Extracted) and not again.cached


def test_a_torn_cache_entry_is_rebuilt(tmp_path: Path):
    """Entries are not fsynced: a power cut may leave one cut short or with a wrong byte; its checksum
    fails, and the source is extracted again."""
    cache = tmp_path / "cache"
    paths = find_sources(SOURCES)[:1]
    list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    (entry,) = list(cache.rglob("*.pickle"))
    whole = entry.read_bytes()
    for torn in (whole[: len(whole) // 2], whole[:-1] + bytes([whole[-1] ^ 1]), b""):
        entry.write_bytes(torn)
        (again,) = list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
        assert isinstance(again, Extracted) and not again.cached
        assert entry.read_bytes() == whole  # written again, whole
    (cached,) = list(extract_sources(paths, SOURCES, cache_dir=cache, jobs=1))
    assert isinstance(cached, Extracted) and cached.cached


def test_workers_give_the_same_graph_as_one_process(tmp_path: Path, monkeypatch):
    from rdflib.compare import isomorphic

    import graph.extract_stage as stage
    from graph.build import union

    monkeypatch.setattr(stage, "PARALLEL_FROM", 1)
    parallel = build_corpus(SOURCES, jobs=2)
    serial = build_corpus(SOURCES, jobs=1)
    assert isomorphic(union(parallel.graph), union(serial.graph))


def test_build_reports_progress_and_fills_the_cache(tmp_path: Path):
    seen: list[tuple[int, int]] = []
    report = run_build(SOURCES, tmp_path / "out", html=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4) and not report.failures
    assert len(list((tmp_path / ".out.cache").rglob("*.pickle"))) == 4
    assert not (tmp_path / "out" / ".cache").exists()


def test_byte_identical_files_are_one_source_and_the_graph_conforms(tmp_path: Path):
    """Regression: two copies of one text made the source node carry two file names against the shapes."""
    from graph.validate import validate

    for name in ("a.txt", "b.txt"):
        shutil.copy(SOURCES / "000_14f6e30f14f393dd.txt", tmp_path / name)
    corpus = build_corpus(tmp_path, jobs=1)
    assert validate(corpus.graph).conforms
    assert "a.txt, b.txt: byte-identical texts; one source text in the graph." in corpus.report.warnings


def test_the_naive_baseline_builds_the_same_graph(tmp_path: Path):
    """scripts/benchmark.py compares the build with graph.baseline: both must give the same graph."""
    from rdflib import Dataset

    from graph.baseline import naive_build

    naive = naive_build(SOURCES, tmp_path / "naive")
    report = run_build(SOURCES, tmp_path / "real", cache=False)
    assert naive["triples"] == report.triples and naive["conforms"] == report.conforms
    a, b = Dataset(), Dataset()
    a.parse(tmp_path / "naive" / "graph.trig", format="trig")
    b.parse(tmp_path / "real" / "graph.trig", format="trig")
    assert {(s, p, o, str(g)) for s, p, o, g in a.quads()} == {(s, p, o, str(g)) for s, p, o, g in b.quads()}


def test_a_script_without_the_main_guard_is_told_what_to_do(tmp_path: Path):
    """Validation workers start afresh and import the calling script: read from standard input (or run
    without ``if __name__ == "__main__":``), that fails; the build says why instead of hanging or dumping
    a pool error."""
    import subprocess
    import sys

    from graph.synth import generate_corpus

    generate_corpus(tmp_path / "texts", docs=300, seed=3)
    script = (
        "from pathlib import Path\n"
        "from graph.errors import OutputError\n"
        "from graph.pipeline import run_build\n"
        "try:\n"
        f"    run_build(Path({str(tmp_path / 'texts')!r}), Path({str(tmp_path / 'out')!r}),\n"
        "              html=False, jobs=2)\n"
        "except OutputError as exc:\n"
        "    print('OutputError:', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, cwd=tmp_path, timeout=600
    )
    assert "OutputError: a validation worker process stopped" in done.stdout, done.stderr[-2000:]
    assert '__name__ == "__main__"' in done.stdout
    assert not (tmp_path / "out").exists()  # nothing was written


def test_a_build_failing_while_the_last_parts_are_validated_keeps_the_previous_outputs(
    tmp_path: Path, monkeypatch
):
    """The views are rendered while the workers validate the last parts: a failure there cancels the
    validation, and the previous out/ stays as it was."""
    import threading

    import graph.render

    out = tmp_path / "out"
    run_build(SOURCES, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(out / "index.html"))

    monkeypatch.setattr(graph.render, "render_html", broken)
    with pytest.raises(OutputError, match="No space left"):
        run_build(SOURCES, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.cache", "out"]  # no staging folder left
    assert not [t for t in threading.enumerate() if t.name.startswith("validate")]


def test_the_last_parts_are_handed_to_the_workers_before_the_corpus_graph_is_written(
    tmp_path: Path, monkeypatch
):
    """The workers validate the corpus graph's parts while the build writes it, projects and renders
    (a speed matter, measured by scripts/benchmark.py: here, only the order)."""
    from graph.build import CORPUS_GRAPH
    from graph.turtle import DatasetWriter
    from graph.validate_parts import PartValidator

    events: list[str] = []
    submit_rest, add = PartValidator.submit_rest, DatasetWriter.add

    def submitted(self: PartValidator) -> None:
        events.append("submit_rest")
        submit_rest(self)

    def written(self: DatasetWriter, name: object, *args: object, **kwargs: object) -> None:
        events.append(str(name))
        add(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PartValidator, "submit_rest", submitted)
    monkeypatch.setattr(DatasetWriter, "add", written)
    report = run_build(SOURCES, tmp_path / "out", html=False, jobs=2)
    assert report.conforms
    assert events.count("submit_rest") == 1
    assert events.index("submit_rest") < events.index(str(CORPUS_GRAPH))


@pytest.mark.parametrize("jobs", [1, 2])
def test_with_a_texts_folder_the_workers_write_the_copies_and_send_no_text(tmp_path: Path, monkeypatch, jobs):
    """A build's workers copy each NFC text into the output (byte for byte what the build would write)
    and send neither the text nor the extraction's copy of it back; ``reload`` reads it back exactly,
    carriage returns and all."""
    from dataclasses import replace

    import graph.extract_stage as stage
    from graph.sources import read_source, text_copy_name

    monkeypatch.setattr(stage, "PARALLEL_FROM", 1)
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    seed = (SOURCES / "002_536fb758ed16856e.txt").read_text(encoding="utf-8")
    (sources / "crlf.txt").write_bytes(seed.replace("\n", "\r\n").encode("utf-8"))
    paths = find_sources(sources)
    texts = tmp_path / "stage"
    plain = {x.source.name: x for x in extract_sources(paths, sources, jobs=1) if isinstance(x, Extracted)}
    copied = list(extract_sources(paths, sources, jobs=jobs, texts_dir=texts))
    assert len(copied) == len(paths) == len(plain) and all(isinstance(x, Extracted) for x in copied)
    for item in copied:
        assert isinstance(item, Extracted)
        src, whole = item.source, read_source(item.source.path, sources)
        assert src.text == "" and item.extraction.text == ""
        assert item.extraction == replace(plain[src.name].extraction, text="")
        assert src.copy == texts / text_copy_name(src)
        assert src.copy.read_bytes() == whole.text.encode("utf-8")
        src.reload()
        assert src.text == whole.text
    assert "\r\n" in next(x.source.text for x in copied if x.source.name == "crlf.txt")  # type: ignore[union-attr]


def test_a_text_copy_that_cannot_be_written_or_read_back_is_named(tmp_path: Path):
    from graph.errors import SourceError
    from graph.sources import read_source

    src = read_source(SOURCES / "000_14f6e30f14f393dd.txt", SOURCES)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match=r"cannot write the copy of 000_14f6e30f14f393dd\.txt") as caught:
        src.copied_to(tmp_path / "file")
    assert str(tmp_path / "file" / "texts") in str(caught.value)
    released = src.copied_to(tmp_path / "stage")
    assert src.text and not released.text  # the source read is left as it was
    assert released.copy is not None
    released.copy.unlink()
    with pytest.raises(SourceError, match="cannot be read back") as caught:
        released.reload()
    assert str(released.copy) in str(caught.value) and "000_14f6e30f14f393dd.txt" in str(caught.value)


def test_a_rebuild_takes_the_validation_results_kept_beside_the_output(tmp_path: Path, monkeypatch):
    """The parts' results are kept in .out.cache/validation (graph.validate_cache): a rebuild of the same
    sources validates nothing again and reports the same; without the cache nothing is kept."""
    from graph import validate_parts

    src, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(SOURCES, src)
    first = run_build(src, out, html=False)
    kept = sorted((tmp_path / ".out.cache" / "validation").glob("*/*.json"))
    assert first.conforms and kept
    trig = (out / "graph.trig").read_bytes()

    def refused(*_args: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(validate_parts, "_check_part", refused)
    again = run_build(src, out, html=False)
    assert again.summary() == first.summary() and (out / "graph.trig").read_bytes() == trig
    with pytest.raises(AssertionError, match="validated again"):
        run_build(src, tmp_path / "fresh", html=False, cache=False)
    assert not (tmp_path / ".fresh.cache").exists()
