"""graph.outputs: outputs move into place only when the whole build has succeeded."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.outputs import MANIFEST, atomic_write, staged_output


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "graph.ttl"
    atomic_write(target, "old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_staged_output_publishes_every_file(tmp_path: Path):
    out = tmp_path / "out"
    with staged_output(out) as stage:
        (stage / "graph.ttl").write_text("g")
        (stage / "texts").mkdir()
        (stage / "texts" / "a.txt").write_text("a")
        (stage / MANIFEST).write_text("{}")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        MANIFEST,
        "graph.ttl",
        "texts/a.txt",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the staging folder is gone


def test_a_failure_inside_the_stage_leaves_the_previous_output_intact(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous")
    with pytest.raises(RuntimeError), staged_output(out) as stage:
        (stage / "graph.ttl").write_text("half")
        raise RuntimeError("killed halfway")
    assert (out / "graph.ttl").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
