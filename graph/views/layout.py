"""Positions in canvas pixels, computed here so the browser runs no physics.

Three layouts: :func:`band_layout` (the overview: one band per issuing level, tasks last, rows left to
right by date), :func:`chain_layout` (a chain: bands by level, rows by depth in the chain, each row by
date; a document's tasks in the row below it, or in the band of the locality they are for) and
:func:`timeline_layout` (x by date, one lane per issuing level). Each returns a :class:`Placement`: the
positions, and the lanes and ticks the page draws behind the nodes.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("a", kind="document", label="18-NQ/TW", level="central", date="2017-10-25")
>>> g.add_node("b", kind="document", label="55-KL/TU", level="province", date="")
>>> g.add_edge("b", "a", relation="implements", origin="extracted", evidence=[])
>>> band_layout(g, ["a", "b"]).positions
{'a': (0, 0), 'b': (0, 170)}
>>> chain_layout(g, ["a", "b"]).positions
{'a': (0, 0), 'b': (0, 170)}
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx

from graph.trace import TRACE_RELATIONS
from graph.views.common import (
    LEVELS,
    TASK_BAND,
    band_of,
    edges_within,
    is_task,
    level_of,
    sort_date,
    text,
)

__all__ = ["BAND_NAMES", "Placement", "band_layout", "bands", "chain_layout", "timeline_layout"]

X_GAP, ROW_GAP, BAND_GAP = 210, 110, 170
CHAIN_ROW_MAX = 8
YEAR_WIDTH, LANE_ROW, LANE_GAP, MIN_GAP = 360, 64, 70, 185
BAND_NAMES = [(level.vi, level.en) for level in LEVELS.values()] + [
    ("Nhiệm vụ, mô hình", "tasks, pilot models")
]


class Placement(NamedTuple):
    positions: dict[str, tuple[int, int]]
    lanes: list[tuple[int, int, str, str]]  # y from, y to, Vietnamese and English name
    ticks: list[tuple[int, str]]  # x, label (years on a timeline)


def bands(items: Iterable[tuple[str, float, tuple[Any, ...]]], row_max: int) -> Placement:
    """Items (id, band, order key) in bands top-down, rows of ``row_max`` centred on x = 0.

    A band number may be fractional (a row of tasks under its document's row sorts between rows).
    """
    by_band: dict[float, list[tuple[tuple[Any, ...], str]]] = defaultdict(list)
    for node, band, key in items:
        by_band[band].append((key, node))
    positions: dict[str, tuple[int, int]] = {}
    lanes: list[tuple[int, int, str, str]] = []
    y = 0
    for band in sorted(by_band):
        row_nodes = [node for _, node in sorted(by_band[band])]
        top = y
        for start in range(0, len(row_nodes), row_max):
            row = row_nodes[start : start + row_max]
            offset = (len(row) - 1) * X_GAP // 2
            positions.update({node: (i * X_GAP - offset, y) for i, node in enumerate(row)})
            y += ROW_GAP
        lanes.append((top, y - ROW_GAP, *BAND_NAMES[min(int(band), len(BAND_NAMES) - 1)]))
        y += BAND_GAP - ROW_GAP
    return Placement(positions, _merge_lanes(lanes), [])


def _merge_lanes(lanes: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    merged: list[tuple[int, int, str, str]] = []
    for lane in lanes:
        if merged and merged[-1][2:] == lane[2:]:
            merged[-1] = (merged[-1][0], lane[1], *lane[2:])
        else:
            merged.append(lane)
    return merged


def _order_key(attrs: Mapping[str, Any], node: str) -> tuple[bool, str, str, str]:
    date = sort_date(attrs)
    return (date == "", date, text(attrs.get("label")) or text(attrs.get("model")), node)


def band_layout(graph: nx.DiGraph, nodes: Sequence[str]) -> Placement:
    """Bands top-down by level (tasks last); in a band, rows left to right by date, undated last."""
    row_max = max(12, math.isqrt(len(nodes)) + 1)
    documents = [n for n in nodes if not is_task(graph.nodes[n])]
    rank = {n: i for i, n in enumerate(sorted(documents, key=lambda n: _order_key(graph.nodes[n], n)))}
    items: list[tuple[str, float, tuple[Any, ...]]] = [
        (n, band_of(graph.nodes[n]), _order_key(graph.nodes[n], n)) for n in documents
    ]
    for node in nodes:
        if is_task(graph.nodes[node]):
            parents = [rank[p] for p in graph.predecessors(node) if p in rank]
            key = (min(parents, default=len(rank)), text(graph.nodes[node].get("label")), node)
            items.append((node, TASK_BAND, key))
    return bands(items, row_max)


def chain_layout(graph: nx.DiGraph, nodes: Sequence[str]) -> Placement:
    """Bands by level; inside a band, one row per depth in the chain, each row by date."""
    members = set(nodes)
    documents = [n for n in nodes if not is_task(graph.nodes[n])]
    depth = _depths(graph, documents)
    items: list[tuple[str, float, tuple[Any, ...]]] = []
    for node in documents:
        band = band_of(graph.nodes[node])
        items.append((node, band + depth[node] / 1000, _order_key(graph.nodes[node], node)))
    for node in nodes:
        attrs = graph.nodes[node]
        if not is_task(attrs):
            continue
        deciders = sorted(p for p in graph.predecessors(node) if p in depth and p in members)
        decider = deciders[0] if deciders else ""
        band = band_of(graph.nodes[decider]) if decider else TASK_BAND
        level = text(attrs.get("locality_level"))
        if level in LEVELS:
            band = max(band, list(LEVELS).index(level))
        sub = (depth.get(decider, 0) + 0.5) / 1000
        items.append((node, band + sub, (decider, text(attrs.get("label")), node)))
    return bands(items, CHAIN_ROW_MAX)


def _depths(graph: nx.DiGraph, documents: Sequence[str]) -> dict[str, int]:
    """Longest chain of trace relations from each document up to a top of the chain (cycles merged)."""
    sub = nx.DiGraph()
    sub.add_nodes_from(documents)
    sub.add_edges_from(
        (u, v) for u, v, a in edges_within(graph, documents) if a.get("relation") in TRACE_RELATIONS
    )
    condensed = nx.condensation(sub)
    level: dict[int, int] = {}
    for component in reversed(list(nx.topological_sort(condensed))):
        level[component] = 1 + max((level[c] for c in condensed.successors(component)), default=-1)
    mapping: dict[str, int] = condensed.graph["mapping"]
    return {node: level[mapping[node]] for node in documents}


def _year_fraction(date: str) -> float:
    """ "2022-07-07" -> 2022.51...; "2022-10" -> the first of the month; "2022" -> 2022.0."""
    parts = [int(p) for p in date.split("-")[:3] if p.isdigit()]
    year, month, day = [*parts, 1, 1][:3]
    return year + ((month - 1) * 30.5 + (day - 1)) / 366


def timeline_layout(graph: nx.DiGraph, nodes: Sequence[str]) -> Placement:
    """Documents by date (x), one lane per issuing level (y); undated documents in a last column."""
    documents = sorted(
        (n for n in nodes if not is_task(graph.nodes[n])), key=lambda n: _order_key(graph.nodes[n], n)
    )
    dated = [n for n in documents if sort_date(graph.nodes[n])]
    years = [int(sort_date(graph.nodes[n])[:4]) for n in dated]
    first, last = (min(years), max(years)) if years else (0, -1)
    undated_x = (last - first + 1) * YEAR_WIDTH + X_GAP
    lanes: list[tuple[int, int, str, str]] = []
    positions: dict[str, tuple[int, int]] = {}
    y = 0
    for key in LEVELS:
        lane = [n for n in documents if level_of(graph.nodes[n]) == key]
        if not lane:
            continue
        dated_lane = [n for n in lane if sort_date(graph.nodes[n])]
        rows = _pack([_x(graph.nodes[n], first) for n in dated_lane])
        positions.update(
            {
                n: (_x(graph.nodes[n], first), y + row * LANE_ROW)
                for n, row in zip(dated_lane, rows, strict=True)
            }
        )
        per_column = max(3, max(rows, default=0) + 1)  # undated: a grid beside the last year
        undated = [n for n in lane if n not in set(dated_lane)]
        positions.update(
            {
                n: (undated_x + k // per_column * MIN_GAP, y + k % per_column * LANE_ROW)
                for k, n in enumerate(undated)
            }
        )
        rows += [k % per_column for k in range(len(undated))]
        height = max(rows, default=0) * LANE_ROW
        lanes.append((y, y + height, LEVELS[key].vi, LEVELS[key].en))
        y += height + LANE_ROW + LANE_GAP
    ticks = [((year - first) * YEAR_WIDTH, str(year)) for year in range(first, last + 2)]
    if len(dated) < len(documents):
        ticks.append((undated_x, "chưa rõ ngày (undated)"))
    return Placement(positions, lanes, ticks)


def _x(attrs: Mapping[str, Any], first: int) -> int:
    return round((_year_fraction(sort_date(attrs)) - first) * YEAR_WIDTH)


def _pack(xs: Sequence[int]) -> list[int]:
    """A row for each x (sorted), the first row where it keeps ``MIN_GAP`` from the one before."""
    ends: list[int] = []
    rows = []
    for x in xs:
        row = next((i for i, end in enumerate(ends) if x - end >= MIN_GAP), len(ends))
        if row == len(ends):
            ends.append(x)
        ends[row] = x
        rows.append(row)
    return rows
