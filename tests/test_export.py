"""graph.export: reproducible serialisations, named graphs kept where the format can."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.export import FORMATS, load_graph, serialize

ROOT = Path(__file__).parents[1]


def build_in_a_new_process(out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    code = "from graph.cli import cli; cli()"
    subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "build",
            "--sources",
            str(ROOT / "sources"),
            "--out",
            str(out),
            "--no-html",
        ],
        check=True,
        env=env,
        capture_output=True,
    )


def test_two_builds_give_byte_identical_turtle_and_trig(tmp_path: Path):
    build_in_a_new_process(tmp_path / "a", "1")
    build_in_a_new_process(tmp_path / "b", "2")
    for name in ("graph.ttl", "graph.trig", "build.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_trig_keeps_one_graph_per_source_plus_curation_and_corpus(built: Path):
    dataset = load_graph(built / "graph.trig")
    assert isinstance(dataset, Dataset)
    names = sorted(str(g.identifier).rsplit("/id/", 1)[1] for g in dataset.graphs() if len(g))
    assert names[:2] == ["graph/corpus", "graph/curation"]
    assert len([n for n in names if n.startswith("graph/source/")]) == 4


def test_union_of_the_trig_is_the_turtle(built: Path):
    dataset = load_graph(built / "graph.trig")
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    assert isomorphic(union, load_graph(built / "graph.ttl"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_stable_and_parses_back(built: Path, fmt: str):
    dataset = load_graph(built / "graph.trig")
    once, twice = serialize(dataset, fmt), serialize(dataset, fmt)
    assert once == twice
    back = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    back.parse(data=once, format=FORMATS[fmt][0])
    assert len(set(back.triples((None, None, None)))) == len(set(dataset.triples((None, None, None))))


def test_a_large_graph_written_in_slices_gives_the_same_bytes(corpus, monkeypatch: pytest.MonkeyPatch):
    """The corpus graph (millions of statements at 100,000 documents) is formatted a slice of subjects
    at a time; slices of any size give the bytes the whole graph formatted at once gives."""
    import io

    from graph.turtle import DatasetWriter, _Writer, dataset_order, local_key

    def written(size: int) -> tuple[bytes, bytes]:
        whole = _Writer.chunked_blocks

        def sliced(self: _Writer, triples, indent: str = "", size_: int = size):  # type: ignore[no-untyped-def]
            return whole(self, triples, indent, size_)

        monkeypatch.setattr(_Writer, "chunked_blocks", sliced)
        trig, ttl = io.BytesIO(), io.BytesIO()
        writer = DatasetWriter(trig, ttl)
        for name in dataset_order(corpus.quads.graph_names()):
            writer.add(name, corpus.quads.graph(name), local=local_key(name))
        return trig.getvalue(), ttl.getvalue()

    at_once = written(10**9)
    assert len(at_once[0]) > 100_000
    for size in (1, 7, 500):
        assert written(size) == at_once, size
