"""Projections of any size with the shape of the real one, for scale tests and scripts/bench_views.py.

Documents at every level (central 8 %, province 40 %, district 40 %, commune 12 %) over 2010-2025 in
63 provinces; each local document implements one earlier document a level up (in its province when
there is one) and cites or relies on a few more, about 3.5 relations per document, each with a quote;
one document in ten decides a pilot-model task. The same ``seed`` gives the same graph.

>>> g = synthetic_projection(200)
>>> sum(1 for _, a in g.nodes(data=True) if a["kind"] == "document"), g.number_of_edges() > 500
(200, True)
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from graph.views.common import STATUSES, TYPES

__all__ = ["synthetic_projection"]

_LEVELS = (
    ("central", 0.08, "TW"),
    ("province", 0.40, "TU"),
    ("district", 0.40, "HU"),
    ("commune", 0.12, "ĐU"),
)
_RELATIONS = ("cites", "based_on", "cites", "summarises", "continues", "guides")
_MODELS = (
    "Hợp nhất cơ quan tham mưu của cấp ủy với cơ quan chuyên môn",
    "Trưởng ban dân vận đồng thời là chủ tịch Ủy ban Mặt trận Tổ quốc",
    "Chủ nhiệm ủy ban kiểm tra đồng thời là chánh thanh tra",
    "Trưởng ban tổ chức đồng thời là giám đốc sở nội vụ",
    "Bí thư chi bộ đồng thời là trưởng thôn",
    "Hợp nhất văn phòng cấp ủy và chính quyền",
)
_PREFIX = "https://w3id.org/directive-graph/id/synthetic/"


def synthetic_projection(documents: int, *, seed: int = 18) -> nx.DiGraph:
    """A projection with ``documents`` documents, their relations and tasks."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    by_level: dict[str, list[str]] = {level: [] for level, _, _ in _LEVELS}
    for i in range(documents):  # relations point to earlier documents only: the chains have roots
        node, attrs = _document(rng, i)
        g.add_node(node, **attrs)
        _relate(rng, g, node, attrs, by_level)
        by_level[attrs["level"]].append(node)
    for i, node in enumerate(sorted(g.nodes)):
        if g.nodes[node]["level"] != "central" and rng.random() < 0.1:
            _task(rng, g, node, i)
    return g


def _document(rng: random.Random, i: int) -> tuple[str, dict[str, Any]]:
    pick = rng.random()
    level, code = next(((lv, c) for lv, share, c in _accumulate() if pick < share), ("commune", "ĐU"))
    type_code = rng.choice([c for c in TYPES if c])
    province = "" if level == "central" else f"Tỉnh {rng.randrange(1, 64):02d}"
    year = rng.randrange(2010, 2026)
    date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" if rng.random() < 0.93 else ""
    number = f"{i + 1}-{type_code}/{code}"
    return f"{_PREFIX}doc/{i:06d}", {
        "kind": "document",
        "label": number,
        "number": number,
        "type": TYPES[type_code].vi,
        "type_code": type_code,
        "issuer": f"Ban Thường vụ {code} {province}".strip(),
        "issuer_en": "",
        "level": level,
        "province": province,
        "date": date,
        "date_not_before": "",
        "title": f"về thực hiện nhiệm vụ số {i + 1} năm {year} (kết luận, chỉ đạo, hướng dẫn)",
        "signers": [f"Người ký {i % 97}"],
        "source": "texts/synthetic.txt",
        "citation_only": rng.random() < 0.3,
    }


def _accumulate() -> list[tuple[str, float, str]]:
    total, out = 0.0, []
    for level, share, code in _LEVELS:
        total += share
        out.append((level, total, code))
    return out


def _relate(
    rng: random.Random, g: nx.DiGraph, node: str, attrs: dict[str, Any], by_level: dict[str, list[str]]
) -> None:
    levels = [level for level, _, _ in _LEVELS]
    up = levels[max(0, levels.index(attrs["level"]) - 1)]
    candidates = by_level[up]
    same = [
        n
        for n in rng.sample(candidates, min(12, len(candidates)))
        if g.nodes[n]["province"] == attrs["province"]
    ]
    targets = [(rng.choice(same or candidates), "implements")] if candidates else []
    targets += [
        (rng.choice(by_level[rng.choice(levels)] or [node]), rng.choice(_RELATIONS)) for _ in range(3)
    ]
    for target, relation in targets:
        if target != node and not g.has_edge(node, target) and not g.has_edge(target, node):
            g.add_edge(node, target, relation=relation, origin="extracted", evidence=[_quote(rng, g, target)])


def _quote(rng: random.Random, g: nx.DiGraph, target: str) -> dict[str, Any]:
    start = rng.randrange(0, 5000)
    quote = f"thực hiện {g.nodes[target]['type']} số {g.nodes[target]['number']} của cấp trên"
    return {
        "quote": quote,
        "prefix": "Căn cứ tình hình thực tế, ",
        "suffix": ", Ban Thường vụ kết luận",
        "source": "texts/synthetic.txt",
        "start": start,
        "end": start + len(quote),
    }


def _task(rng: random.Random, g: nx.DiGraph, decider: str, i: int) -> None:
    attrs = g.nodes[decider]
    node = f"{_PREFIX}adoption/{i:06d}"
    place = f"Huyện {rng.randrange(1, 12):02d}" if attrs["level"] != "province" else ""
    g.add_node(
        node,
        kind="adoption",
        model=rng.choice(_MODELS),
        status=rng.choice(list(STATUSES)),
        locality=place,
        locality_level="district" if place else "",
        province=attrs["province"],
        since=attrs["date"],
        deadline="",
        assignee=f"Ban Thường vụ {place}".strip(),
        evidence="thực hiện thí điểm mô hình",
        label=place,
    )
    g.add_edge(decider, node, relation="decides", origin="extracted", evidence=[])
