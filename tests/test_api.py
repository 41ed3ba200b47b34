"""graph.api: what a researcher does in a notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph.api as dg
from graph.errors import OutputError


def test_load_a_build_folder_query_and_network(built: Path):
    g = dg.load(built)
    rows = dg.query(g, "models-by-locality", as_frame=False, locality="Đức Thọ")
    assert [(r["status"], r["deadline"]) for r in rows] == [("dismantle", "2022-10")]
    G = dg.network(g)
    assert any(d.get("number") == "55-KL/TU" for _, d in G.nodes(data=True))
    assert "chain" in dg.queries()


def test_dataframe_when_pandas_is_installed(built: Path):
    pd = pytest.importorskip("pandas")
    frame = dg.query(dg.load(built), "citation-only")
    assert isinstance(frame, pd.DataFrame) and "number" in frame.columns


def test_a_folder_without_a_graph(tmp_path: Path):
    with pytest.raises(OutputError, match="holds no built graph"):
        dg.load(tmp_path)
