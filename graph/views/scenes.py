"""What one canvas shows at a time, and aggregation with drill-down beyond a size limit.

vis-network with positions computed here and physics off redraws 1,000 nodes in well under 100 ms in
headless chromium, 5,000 in 300-500 ms and 20,000 in 1-1.5 s (scripts/bench_views.py). So a view shows at
most :data:`LIMIT` nodes at once. A larger set becomes a *group scene*: one node per group (issuing level
and year, then province, then month, then parts in date order), each opening its own scene (drill-down),
with the relations between groups counted on the edges. A set within the limit is a *leaf scene*: the
documents and tasks themselves, laid out by the view's layout.

A scene is JSON: ``nodes`` ([catalog row, x, y]), ``groups`` ([id, x, y, vi, en, count, scene, band,
[catalog rows], label]), ``edges`` ([from, to, relation, origin] between rows, or [group, group,
relation, "agg", count]: the :data:`EDGES_PER_GROUP` strongest per group), ``lanes``, ``ticks``,
``title`` ([vi, en]) and ``parent``.

>>> import networkx as nx
>>> from graph.views.layout import band_layout
>>> g = nx.DiGraph()
>>> for i in range(5):
...     g.add_node(f"d{i}", kind="document", label=f"{i}-KL/TU", level="province", date=f"201{i}-01-01")
>>> g.add_edge("d1", "d0", relation="implements")
>>> out = build_scenes(g, list(g), index={f"d{i}": i for i in range(5)}, leaf=band_layout, limit=2)
>>> home = out["scenes"][out["home"]]
>>> [(group[3], group[5]) for group in home["groups"]][:2], home["edges"]
([('Tỉnh, thành phố · 2010', 1), ('Tỉnh, thành phố · 2011', 1)], [['s0/1', 's0/0', 'implements', 'agg', 1]])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import networkx as nx

from graph.views.common import TASK_BAND, band_of, edges_within, level_of, sort_date, text, year_of
from graph.views.layout import BAND_NAMES, YEAR_WIDTH, Placement, bands

__all__ = ["LIMIT", "Group", "build_scenes", "timeline_groups"]

#: The most nodes one canvas draws (measured: scripts/bench_views.py).
LIMIT = 1000
#: A group scene draws the strongest links between groups, at most this many per group.
EDGES_PER_GROUP = 3


class Group(NamedTuple):
    key: str
    band: int
    order: tuple[Any, ...]
    vi: str  # the group's full name (breadcrumbs, tooltips)
    en: str
    year: str
    short: str  # its label on the canvas, where the lane already names the level


KeyFn = Callable[[Mapping[str, Any], str], Group]
Layout = Callable[[nx.DiGraph, list[str]], Placement]
GroupLayout = Callable[[list[tuple[str, Group]]], Placement]


def by_level_year(attrs: Mapping[str, Any], node: str) -> Group:
    band = band_of(attrs)
    year = year_of(sort_date(attrs))
    vi, en = BAND_NAMES[band]
    short = year or "chưa rõ năm"
    return Group(
        f"{band}:{year}",
        band,
        (year or "9999",),
        f"{vi} · {short}",
        f"{en} · {year or 'year unknown'}",
        year,
        short,
    )


def by_province(attrs: Mapping[str, Any], node: str) -> Group:
    band = band_of(attrs)
    province = text(attrs.get("province"))
    central = band != TASK_BAND and level_of(attrs) == "central"
    vi = province or ("Trung ương" if central else "chưa rõ tỉnh")
    en = province or ("central" if central else "province unknown")
    return Group(province, band, (province == "", province), vi, en, year_of(sort_date(attrs)), vi)


def by_month(attrs: Mapping[str, Any], node: str) -> Group:
    month = sort_date(attrs)[:7]
    label = "/".join(reversed(month.split("-"))) if len(month) == 7 else "chưa rõ tháng"
    return Group(
        month,
        band_of(attrs),
        (month == "", month),
        label,
        label if month else "month unknown",
        year_of(month),
        label,
    )


KEYS: tuple[KeyFn, ...] = (by_level_year, by_province, by_month)


def build_scenes(
    graph: nx.DiGraph,
    members: Sequence[str],
    *,
    index: Mapping[str, int],
    leaf: Layout,
    groups: GroupLayout | None = None,
    limit: int = LIMIT,
    edges: bool = True,
    title: tuple[str, str] = ("", ""),
) -> dict[str, Any]:
    """The scenes of one view: ``home`` (the first shown) and every scene by id."""
    builder = _Builder(graph, index, leaf, groups or _band_groups, limit, edges)
    home = builder.scene(list(members), 0, None, title)
    return {"home": home, "scenes": builder.scenes}


class _Builder:
    def __init__(
        self,
        graph: nx.DiGraph,
        index: Mapping[str, int],
        leaf: Layout,
        groups: GroupLayout,
        limit: int,
        edges: bool,
    ) -> None:
        self.graph, self.index, self.leaf, self.groups = graph, index, leaf, groups
        self.limit, self.edges = limit, edges
        self.scenes: dict[str, dict[str, Any]] = {}

    def scene(self, members: list[str], depth: int, parent: str | None, title: tuple[str, str]) -> str:
        if len(members) <= self.limit:
            return self._leaf(members, parent, title)
        split = self._split(members, depth)
        while len(split) == 1 and depth < len(KEYS):  # one group says nothing: go one key deeper
            depth += 1
            split = self._split(members, depth)
        sid = f"s{len(self.scenes)}"
        self.scenes[sid] = {}  # reserve the id before the children take theirs
        nodes = []
        for i, (group, part) in enumerate(split):
            child = self.scene(part, depth + 1, sid, (group.vi, group.en))
            nodes.append((f"{sid}/{i}", group, part, child))
        self.scenes[sid] = self._group_scene(nodes, parent, title)
        return sid

    def _split(self, members: list[str], depth: int) -> list[tuple[Group, list[str]]]:
        if depth >= len(KEYS):  # no key left: parts of at most `limit`, in date order
            ordered = sorted(members, key=lambda n: (sort_date(self.graph.nodes[n]) or "9999", n))
            count = -(-len(ordered) // self.limit)
            return [
                (
                    Group(
                        str(i), 0, (i,), f"phần {i + 1}/{count}", f"part {i + 1}/{count}", "", f"phần {i + 1}"
                    ),
                    part,
                )
                for i, part in enumerate(ordered[i * self.limit : (i + 1) * self.limit] for i in range(count))
            ]
        found: dict[str, tuple[Group, list[str]]] = {}
        for node in members:
            group = KEYS[depth](self.graph.nodes[node], node)
            found.setdefault(f"{group.band}|{group.key}", (group, []))[1].append(node)
        return sorted(found.values(), key=lambda item: (item[0].band, item[0].order, item[0].key))

    def _leaf(self, members: list[str], parent: str | None, title: tuple[str, str]) -> str:
        sid = f"s{len(self.scenes)}"
        placement = self.leaf(self.graph, members)
        where = set(placement.positions)
        nodes = [[self.index[n], x, y] for n, (x, y) in sorted(placement.positions.items())]
        edges = []
        if self.edges:
            for u, v, attrs in sorted(edges_within(self.graph, where), key=lambda e: e[:2]):
                edges.append(
                    [self.index[u], self.index[v], text(attrs.get("relation")), text(attrs.get("origin"))]
                )
        self.scenes[sid] = _scene_json(title, parent, nodes, [], edges, placement)
        return sid

    def _group_scene(
        self, nodes: list[tuple[str, Group, list[str], str]], parent: str | None, title: tuple[str, str]
    ) -> dict[str, Any]:
        placement = self.groups([(gid, group) for gid, group, _, _ in nodes])
        owner = {node: gid for gid, _, part, _ in nodes for node in part}
        groups = [
            [
                gid,
                *placement.positions[gid],
                g.vi,
                g.en,
                len(part),
                child,
                g.band,
                sorted(self.index[n] for n in part),
                g.short,
            ]
            for gid, g, part, child in nodes
        ]
        return _scene_json(title, parent, [], groups, self._group_edges(owner), placement)

    def _group_edges(self, owner: Mapping[str, str]) -> list[list[Any]]:
        if not self.edges:
            return []
        counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        # the edges out of this scene's members only: a scene of a chain holds few of the graph's nodes
        for u, v, attrs in self.graph.out_edges(owner, data=True):
            gu, gv = owner.get(u), owner.get(v)
            if gu is not None and gv is not None and gu != gv:
                counts[(gu, gv)][text(attrs.get("relation"))] += 1
        strongest = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        return [
            [gu, gv, max(sorted(c), key=lambda r: c[r]), "agg", sum(c.values())]
            for (gu, gv), c in sorted(strongest[: EDGES_PER_GROUP * len(set(owner.values()))])
        ]


def _scene_json(
    title: tuple[str, str],
    parent: str | None,
    nodes: list[list[Any]],
    groups: list[list[Any]],
    edges: list[list[Any]],
    placement: Placement,
) -> dict[str, Any]:
    return {
        "title": list(title),
        "parent": parent,
        "nodes": nodes,
        "groups": groups,
        "edges": edges,
        "lanes": [list(lane) for lane in placement.lanes],
        "ticks": [list(tick) for tick in placement.ticks],
    }


def _band_groups(items: list[tuple[str, Group]]) -> Placement:
    return bands(((gid, g.band, (g.order, g.key)) for gid, g in items), 20)


def timeline_groups(items: list[tuple[str, Group]]) -> Placement:
    """Groups of a timeline: by year (x) and lane (y) when they differ in year, else in bands."""
    years = sorted({int(g.year) for _, g in items if g.year})
    if len(years) < 2:
        return _band_groups(items)
    step = YEAR_WIDTH // 2
    column = {year: i * step for i, year in enumerate(range(years[0], years[-1] + 1))}
    unknown = len(column) * step
    positions: dict[str, tuple[int, int]] = {}
    lanes = []
    for lane, band in enumerate(sorted({g.band for _, g in items})):
        y = lane * step
        positions.update(
            {gid: (column[int(g.year)] if g.year else unknown, y) for gid, g in items if g.band == band}
        )
        lanes.append((y, y, *BAND_NAMES[band]))
    ticks = [(x, str(year)) for year, x in column.items()] + [(unknown, "chưa rõ năm (year unknown)")]
    return Placement(positions, lanes, ticks)
