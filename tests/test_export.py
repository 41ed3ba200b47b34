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
