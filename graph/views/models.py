"""The locality x pilot-model view: each model's status in each place over time, and who decided it.

One row per model, one column per province (a decision of a central body that names no place applies
to every locality: the first column; a local decision with no province known: the last). A cell lists
the decisions about that model there, oldest first: status, date, place (a district shows its name)
and the deciding document.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("tb16", kind="document", label="16-TB/TW", level="central", date="2022-07-07")
>>> g.add_node("t1", kind="adoption", model="Mô hình A", status="pause", province="", locality="")
>>> g.add_edge("tb16", "t1", relation="decides")
>>> m = matrix(g, {"tb16": 0, "t1": 1})
>>> m["columns"][0], m["rows"]
(['*', 'Toàn quốc', 'all localities'], [['Mô hình A', [[0, [[1, 'pause', '2022-07-07', 0, '', False, '']]]]]])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.text import fold
from graph.views.common import STATUSES, is_task, level_of, sort_date, text

__all__ = ["matrix"]

_ALL = ["*", "Toàn quốc", "all localities"]
_UNKNOWN = ["?", "chưa rõ tỉnh", "province unknown"]


def matrix(graph: nx.DiGraph, index: Mapping[str, int]) -> dict[str, Any]:
    """Columns ([key, vi, en]) and rows ([model, [[column, [entry]]]]); an entry is [task, status, date,
    decider, place (when not the column's), date is only a lower bound, deadline]."""
    cells: dict[str, dict[str, list[list[Any]]]] = defaultdict(lambda: defaultdict(list))
    for node, attrs in graph.nodes(data=True):
        if not is_task(attrs):
            continue
        decider = _decider(graph, node)
        column = _column(graph, attrs, decider)
        date, approximate = _when(graph, attrs, decider)
        place = text(attrs.get("locality"))
        entry = [
            index[node],
            text(attrs.get("status")),
            date,
            index[decider] if decider else -1,
            place if place != column else "",
            approximate,
            text(attrs.get("deadline")),
        ]
        cells[text(attrs.get("model")) or "(chưa rõ mô hình)"][column].append(entry)
    provinces = sorted({c for row in cells.values() for c in row} - {"*", "?"}, key=lambda p: (fold(p), p))
    used = _used(cells)
    columns = (
        ([_ALL] if "*" in used else []) + [[p, p, p] for p in provinces] + ([_UNKNOWN] if "?" in used else [])
    )
    position = {column[0]: i for i, column in enumerate(columns)}
    rows = []
    for model in sorted(cells, key=lambda m: (fold(m), m)):
        row = [
            [position[column], sorted(entries, key=lambda e: (e[2] == "", e[2], _rank(e[1]), e[0]))]
            for column, entries in cells[model].items()
        ]
        rows.append([model, sorted(row)])
    return {"columns": columns, "rows": rows}


def _rank(status: str) -> int:
    """Statuses of one date in the order of a model's life: pilot, allow, continue, pause ..."""
    return list(STATUSES).index(status) if status in STATUSES else len(STATUSES)


def _when(graph: nx.DiGraph, attrs: Mapping[str, Any], decider: str) -> tuple[str, bool]:
    """The decision's date, and whether it is only the earliest it can be (the decider's "not before")."""
    since = text(attrs.get("since"))
    if since or not decider:
        return since, False
    own = text(graph.nodes[decider].get("date"))
    return (own, False) if own else (sort_date(graph.nodes[decider]), True)


def _used(cells: Mapping[str, Mapping[str, Any]]) -> set[str]:
    return {column for row in cells.values() for column in row}


def _decider(graph: nx.DiGraph, node: str) -> str:
    deciders = sorted(
        u for u, _, attrs in graph.in_edges(node, data=True) if attrs.get("relation") == "decides"
    )
    return deciders[0] if deciders else ""


def _column(graph: nx.DiGraph, attrs: Mapping[str, Any], decider: str) -> str:
    province = text(attrs.get("province"))
    if province:
        return province
    if decider and level_of(graph.nodes[decider]) == "central":
        return "*"
    return "?"
