"""The Python API for notebooks: load a build or a release, ask a named question, get the network.

>>> import graph.api as dg                                    # doctest: +SKIP
>>> g = dg.load("out")                                        # doctest: +SKIP
>>> dg.query(g, "models-by-locality", locality="Đức Thọ")     # doctest: +SKIP
>>> G = dg.network(g)                                         # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graph.errors import OutputError
from graph.export import load_graph
from graph.sparql import load_query, named_queries, run_query

__all__ = ["load", "network", "queries", "query"]

#: What `load` looks for in a folder, best first: the dataset keeps the named graphs.
_CANDIDATES = ("graph.trig", "graph.nq", "graph.ttl")


def load(path: str | Path) -> Graph:
    """A built graph: a build's ``out/`` folder, a release folder, or a graph file."""
    path = Path(path)
    if path.is_dir():
        for name in _CANDIDATES:
            if (path / name).is_file():
                return load_graph(path / name)
        raise OutputError(
            "holds no built graph (graph.trig, graph.nq or graph.ttl).",
            path=path,
            hint="Run `directives build` (or `directives release`) first.",
        )
    return load_graph(path)


def queries() -> dict[str, str]:
    """The named queries and what each answers."""
    return {name: q.description for name, q in named_queries().items()}


def query(graph: Graph, name_or_text: str, *, as_frame: bool | None = None, **params: str) -> Any:
    """Run a named query (or a .rq file, or SPARQL text) with ``params`` bound as values.

    Returns a pandas DataFrame when pandas is installed (``as_frame=None``) or asked for
    (``as_frame=True``), else a list of dicts, one per row.
    """
    result = run_query(graph, load_query(name_or_text), {k: str(v) for k, v in params.items()})
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    if as_frame is False:
        return rows
    try:
        import pandas as pd
    except ImportError:
        if as_frame:
            raise OutputError(
                "pandas is not installed.", hint="pip install pandas, or pass as_frame=False."
            ) from None
        return rows
    return pd.DataFrame(rows, columns=result.columns)


def network(graph: Graph) -> nx.DiGraph:
    """The document network (an edge u -> v when u implements, continues ... v), see graph.project."""
    from graph.project import project

    return project(graph)
