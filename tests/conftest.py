"""Shared fixtures: the seed corpus built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def corpus():
    """The seed corpus, extracted, resolved and built in memory."""
    from graph.pipeline import build_corpus

    return build_corpus(SOURCES)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An out/ folder written by the main job on sources/."""
    from graph.pipeline import run_build

    out = tmp_path_factory.mktemp("build") / "out"
    report = run_build(SOURCES, out)
    assert not report.failures
    return out


@pytest.fixture(scope="session")
def nx_graph(corpus):
    from graph.project import project

    return project(corpus.graph)
