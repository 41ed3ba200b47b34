"""The examples in module docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["graph.text", "graph.terms", "graph.doctypes", "graph.trace", "graph.turtle"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
