"""graph.render: the offline HTML views, checked as files (tests/test_render_browser.py: in chromium).

The fixture graph is the chain of DOMAIN.md §7 with quotes taken from sources/; xss_graph() adds a
document whose every field carries markup.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import render
from graph.errors import OutputError
from graph.render import render_chain, render_html, render_site, safe_href, script_json
from graph.text import nfc
from graph.views.catalog import catalog_data, facts_shards, node_order
from graph.views.layout import band_layout, chain_layout, timeline_layout
from graph.views.models import matrix
from graph.views.scenes import LIMIT, build_scenes
from graph.views.synthetic import synthetic_projection

SOURCES = Path(__file__).resolve().parents[1] / "sources"
TB16, KL55, NEWS = "000_14f6e30f14f393dd.txt", "001_ea8b90e8c70a61da.txt", "002_536fb758ed16856e.txt"
QUOTE_16_18 = "về thực hiện một số mô hình thí điểm theo Nghị quyết số 18-NQ/TW"
ID = "https://w3id.org/directive-graph/id/"
NQ18, KL34, TB16_ID, TTR175 = (
    ID + "doc/18-NQ-TW",
    ID + "doc/34-KL-TW/2018",
    ID + "doc/16-TB-TW",
    ID + "doc/175-TTr",
)
KL55_ID, KL50 = ID + "doc/ha-tinh/55-KL-TU", ID + "doc/50-KL-TW"
DUC_THO, KY_ANH = ID + "adoption/55-KL-TU/duc-tho", ID + "adoption/55-KL-TU/ky-anh"
XSS = ID + "doc/xss"
XSS_TITLE, XSS_LABEL = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
XSS_TASK, XSS_MODEL = ID + "adoption/xss", "<script>alert(9)</script> model"
RAW_MARKUP = (
    XSS_TITLE,
    XSS_LABEL,
    "alert(2)</script>",
    "<b onmouseover",
    "<svg onload",
    "<i>x</i>",
    XSS_MODEL,
)


# ---- fixture: the chain of DOMAIN.md §7, with quotes from sources/ ----


def quote(name: str, text: str, *, until: str = "", width: int = 70) -> dict[str, Any]:
    """Evidence for ``text`` in sources/<name>, with its context, as the projection gives it."""
    body = nfc((SOURCES / name).read_text(encoding="utf-8"))
    start = body.index(text)
    end = body.index(until, start) + len(until) if until else start + len(text)
    return {
        "quote": body[start:end],
        "prefix": body[max(0, start - width) : start],
        "suffix": body[end : end + width],
        "source": f"texts/{name}",
        "start": start,
        "end": end,
    }


def document(graph: nx.DiGraph, iri: str, label: str, code: str, kind: str, **attrs: Any) -> None:
    defaults = {
        "number": label,
        "issuer": "",
        "level": "central",
        "date": "",
        "title": "",
        "signers": [],
        "source": "",
        "citation_only": False,
    }
    graph.add_node(iri, kind="document", label=label, type=kind, type_code=code, **{**defaults, **attrs})


def relation(
    graph: nx.DiGraph, u: str, v: str, name: str, *evidence: dict[str, Any], curated: bool = False
) -> None:
    graph.add_edge(u, v, relation=name, origin="curated" if curated else "extracted", evidence=list(evidence))


def chain_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    document(
        g,
        NQ18,
        "18-NQ/TW",
        "NQ",
        "Nghị quyết",
        issuer="Ban Chấp hành Trung ương",
        date="2017-10-25",
        citation_only=True,
        title="Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống "
        "chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    )
    document(
        g,
        KL34,
        "34-KL/TW",
        "KL",
        "Kết luận",
        issuer="Bộ Chính trị",
        date="2018-08-07",
        citation_only=True,
        title="về thực hiện một số mô hình thí điểm theo Nghị quyết số 18-NQ/TW",
    )
    document(
        g,
        TTR175,
        "175-TTr/BTCTW",
        "TTr",
        "Tờ trình",
        issuer="Ban Tổ chức Trung ương",
        date="2022-05-23",
        citation_only=True,
    )
    document(
        g,
        TB16_ID,
        "16-TB/TW",
        "TB",
        "Thông báo",
        issuer="Bộ Chính trị",
        date="2022-07-07",
        title="Kết luận của Bộ Chính trị " + QUOTE_16_18 + " của Ban Chấp hành Trung ương Đảng khoá XII",
        signers=["Võ Văn Thương"],
        source=f"texts/{TB16}",
    )
    document(
        g,
        KL55_ID,
        "55-KL/TU",
        "KL",
        "Kết luận",
        issuer="Ban Thường vụ Tỉnh ủy Hà Tĩnh",
        level="province",
        title="về thực hiện Thông báo Kết luận số 16-TB/TW",
        signers=["Trần Thế Dũng"],
        source=f"texts/{KL55}",
    )
    document(
        g,
        KL50,
        "50-KL/TW",
        "KL",
        "Kết luận",
        issuer="Bộ Chính trị",
        date="2023-02-28",
        citation_only=True,
        title="về tiếp tục thực hiện Nghị quyết số 18-NQ/TW",
    )
    relation(
        g,
        KL34,
        NQ18,
        "implements",
        {
            "citation": "Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị về "
            "thực hiện một số mô hình thí điểm theo Nghị quyết số 18-NQ/TW",
            "url": "https://tulieuvankien.dangcongsan.vn/",
        },
        curated=True,
    )
    relation(g, TB16_ID, NQ18, "implements", quote(TB16, QUOTE_16_18))
    relation(
        g,
        TB16_ID,
        KL34,
        "summarises",
        quote(TB16, "về sơ kết thực hiện Kết luận số 34-KL/TW, ngày 07/8/2018"),
    )
    relation(
        g,
        TB16_ID,
        TTR175,
        "based_on",
        quote(TB16, "Xem xét đề nghị của Ban Tổ chức Trung ương (Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022)"),
    )
    relation(
        g,
        KL55_ID,
        TB16_ID,
        "implements",
        quote(
            KL55, "để thực hiện nghiêm túc, có hiệu quả nội dung Thông báo Kết luận số 16TB/TW ngày 7/7/2022"
        ),
    )
    relation(
        g, KL50, NQ18, "continues", quote(NEWS, "Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18")
    )
    for iri, place in ((DUC_THO, "Đức Thọ"), (KY_ANH, "Kỳ Anh")):
        fact = quote(KL55, f"Ban Thường vụ Huyện ủy {place} xây dựng đề án chia tách", until="tháng 10/2022)")
        g.add_node(
            iri,
            kind="adoption",
            label=f"{place}: chia tách",
            model="Hợp nhất cơ quan tham mưu của cấp ủy với cơ quan chuyên môn",
            status="dismantle",
            locality=place,
            locality_level="district",
            deadline="2022-10",
            assignee=f"Ban Thường vụ Huyện ủy {place}",
            evidence=fact["quote"],
        )
        relation(g, KL55_ID, iri, "decides", fact)
    return g


def xss_graph() -> nx.DiGraph:
    g = chain_graph()
    document(
        g,
        XSS,
        XSS_LABEL,
        "CT",
        "Chỉ thị",
        title=XSS_TITLE,
        issuer="</script><script>alert(2)</script>",
        date="2024-01-01",
        source="javascript:alert(3)",
        signers=["<b onmouseover=alert(6)>x</b>"],
    )
    relation(
        g,
        XSS,
        NQ18,
        "cites",
        {
            "quote": "<img src=x onerror=alert(4)>",
            "prefix": "</p>",
            "suffix": "&amp;",
            "source": "javascript:alert(5)",
        },
        {"citation": "<script>alert(7)</script>", "url": "javascript:alert(8)"},
    )
    g.add_node(
        XSS_TASK,
        kind="adoption",
        label="x",
        model=XSS_MODEL,
        status="pause",
        locality="<svg onload=alert(10)>",
        province="</td><script>alert(11)</script>",
        deadline="",
        assignee="<i>x</i>",
        evidence="<img src=x onerror=alert(12)>",
    )
    relation(g, XSS, XSS_TASK, "decides")
    return g


def site(out: Path, graph: nx.DiGraph, **kwargs: Any) -> Path:
    """The views of ``graph`` in ``out``, with the source texts the fixture quotes in out/texts/."""
    (out / "texts").mkdir(parents=True, exist_ok=True)
    for name in (TB16, KL55, NEWS):
        shutil.copyfile(SOURCES / name, out / "texts" / name)
    return render_html(graph, out, **kwargs)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- files: offline, deterministic, safe ----

_LINK = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)([^"'\s)>]+)""", re.IGNORECASE)


def test_every_view_is_written_and_links_nothing_outside_the_folder(tmp_path: Path) -> None:
    page = site(tmp_path, chain_graph())
    assert page == tmp_path / "index.html"
    written = files(tmp_path)
    assert {"index.html", "timeline.html", "models.html", "chain-18-NQ-TW.html", "data/catalog.js"} <= set(
        written
    )
    assert {f"lib/{asset}" for asset in render.ASSETS} <= set(written)
    links = {
        m.group(1)
        for name, payload in written.items()
        if name.endswith((".html", ".css", ".js")) and not name.endswith(".min.js")
        for m in _LINK.finditer(payload.decode("utf-8"))
    }
    assert {"lib/vis-network.min.js", "data/catalog.js", "timeline.html", "models.html"} <= links
    assert [link for link in links if re.match(r"(?i)(https?:)?//", link)] == []
    assert all((tmp_path / link).is_file() for link in links if link.endswith((".html", ".js", ".css")))


def test_every_page_links_to_every_other_view(tmp_path: Path) -> None:
    site(tmp_path, chain_graph())
    pages = sorted(p.name for p in tmp_path.glob("*.html"))
    for name in pages:
        text = (tmp_path / name).read_text(encoding="utf-8")
        nav = text[text.index('<nav id="dg-nav"') : text.index("</nav>")]
        assert {f'href="{other}"' for other in pages} <= set(re.findall(r'href="[^"]+"', nav)), name


def test_rendering_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    site(tmp_path / "a", chain_graph())
    site(tmp_path / "b", chain_graph())
    reordered = nx.DiGraph()
    source = chain_graph()
    reordered.add_nodes_from(reversed(list(source.nodes(data=True))))
    reordered.add_edges_from(reversed(list(source.edges(data=True))))
    site(tmp_path / "c", reordered)
    first = files(tmp_path / "a")
    assert first == files(tmp_path / "b") == files(tmp_path / "c")
    site(tmp_path / "a", chain_graph())
    assert files(tmp_path / "a") == first  # rewriting in place leaves no temporary files behind


def test_text_from_sources_cannot_leave_its_data(tmp_path: Path) -> None:
    site(tmp_path, xss_graph())
    for name, payload in files(tmp_path).items():
        if name.startswith("texts/") or name.startswith("lib/"):
            continue
        text = payload.decode("utf-8")
        for raw in RAW_MARKUP:
            assert raw not in text, (name, raw)
        assert "javascript:" not in text, name
        if name.endswith(".html"):
            assert text.count("</script>") == text.count("<script"), name
    assert script_json("a</script>b") == '"a\\u003c/script\\u003eb"'


def test_only_relative_and_http_links_survive() -> None:
    graph = xss_graph()
    facts = {k: v for shard in facts_shards(graph, node_order(graph)) for k, v in shard.items()}
    assert facts[XSS]["info"]["source"] == ""
    assert facts[TB16_ID]["info"]["source"] == f"texts/{TB16}"
    cites = next(r for r in facts[XSS]["out"] if r["other"] == NQ18)
    assert [(e.get("source"), e.get("url")) for e in cites["evidence"]] == [("", ""), ("", "")]
    assert safe_href("https://tulieuvankien.dangcongsan.vn/") == "https://tulieuvankien.dangcongsan.vn/"


def test_panel_facts_hold_both_ends_of_each_relation() -> None:
    graph = chain_graph()
    facts = {k: v for shard in facts_shards(graph, node_order(graph)) for k, v in shard.items()}
    assert {(r["other"], r["relation"]) for r in facts[TB16_ID]["out"]} == {
        (NQ18, "implements"),
        (KL34, "summarises"),
        (TTR175, "based_on"),
    }
    assert [(r["other"], r["relation"]) for r in facts[TB16_ID]["in"]] == [(KL55_ID, "implements")]
    into_18 = {r["other"]: r for r in facts[NQ18]["in"]}
    assert QUOTE_16_18 in into_18[TB16_ID]["evidence"][0]["quote"]


def test_catalog_rows_follow_the_node_order() -> None:
    graph = chain_graph()
    data = catalog_data(graph, node_order(graph))
    columns = data["columns"]
    row = columns["id"].index(KL55_ID)
    assert (columns["label"][row], columns["code"][row], columns["level"][row]) == (
        "55-KL/TU",
        "KL",
        "province",
    )
    assert columns["rels"][row] == "decides implements"
    assert columns["label"][columns["id"].index(DUC_THO)] == "chia tách — Đức Thọ"
    assert data["legend"]["statuses"] == ["dismantle"]


# ---- layouts ----


def test_overview_bands_by_level_and_rows_by_date() -> None:
    pos = band_layout(chain_graph(), sorted(chain_graph())).positions
    assert pos[NQ18][1] == pos[KL34][1] == pos[TB16_ID][1] == pos[KL50][1] < pos[KL55_ID][1] < pos[DUC_THO][1]
    assert pos[NQ18][0] < pos[KL34][0] < pos[TTR175][0] < pos[TB16_ID][0] < pos[KL50][0]
    assert pos[DUC_THO][1] == pos[KY_ANH][1]


def test_undated_documents_come_last_in_their_band() -> None:
    g = chain_graph()
    nx.set_node_attributes(g, {KL50: ""}, "date")
    pos = band_layout(g, sorted(g)).positions
    assert max(pos[n][0] for n in (NQ18, KL34, TTR175, TB16_ID)) < pos[KL50][0]


def test_chain_runs_top_down_by_level_then_depth() -> None:
    g = chain_graph()
    placement = chain_layout(g, sorted(g))
    y = {node: xy[1] for node, xy in placement.positions.items()}
    assert y[NQ18] == y[TTR175] < y[KL34] == y[KL50] < y[TB16_ID] < y[KL55_ID] < y[DUC_THO] == y[KY_ANH]
    assert placement.positions[KL34][0] < placement.positions[KL50][0]  # same row: by date
    assert [lane[3] for lane in placement.lanes] == ["central", "province", "district"]


def test_timeline_places_documents_by_date_in_lanes_by_level() -> None:
    g = chain_graph()
    placement = timeline_layout(g, sorted(g))
    x = {node: xy[0] for node, xy in placement.positions.items()}
    assert x[NQ18] < x[KL34] < x[TTR175] < x[TB16_ID] < x[KL50]
    assert DUC_THO not in placement.positions  # tasks are not on the timeline
    assert placement.positions[KL55_ID][1] > placement.positions[NQ18][1]  # its own lane
    assert [t[1] for t in placement.ticks][:2] == ["2017", "2018"]


def test_models_matrix_puts_each_decision_under_its_place() -> None:
    g = chain_graph()
    index = {node: i for i, node in enumerate(node_order(g))}
    result = matrix(g, index)
    assert [c[0] for c in result["columns"]] == ["?"]  # the fixture's tasks name a district, no province
    g.nodes[DUC_THO]["province"] = g.nodes[KY_ANH]["province"] = "Hà Tĩnh"
    result = matrix(g, index)
    assert result["columns"] == [["Hà Tĩnh", "Hà Tĩnh", "Hà Tĩnh"]]
    ((model, cells),) = result["rows"]
    assert model == "Hợp nhất cơ quan tham mưu của cấp ủy với cơ quan chuyên môn"
    assert [(e[1], e[3], e[4], e[6]) for e in cells[0][1]] == [
        ("dismantle", index[KL55_ID], "Đức Thọ", "2022-10"),
        ("dismantle", index[KL55_ID], "Kỳ Anh", "2022-10"),
    ]


# ---- scale: aggregation and drill-down ----


@pytest.fixture(scope="module")
def large() -> nx.DiGraph:
    return synthetic_projection(2500)


def test_a_large_view_opens_on_groups_and_every_node_has_one_leaf(large: nx.DiGraph) -> None:
    order = node_order(large)
    index = {node: i for i, node in enumerate(order)}
    out = build_scenes(large, order, index=index, leaf=band_layout, limit=LIMIT)
    scenes = out["scenes"]
    home = scenes[out["home"]]
    assert home["nodes"] == [] and 1 < len(home["groups"]) < LIMIT
    assert sum(group[5] for group in home["groups"]) == large.number_of_nodes()
    leaves = [row for scene in scenes.values() for row, _, _ in scene["nodes"]]
    assert sorted(leaves) == list(range(large.number_of_nodes()))
    assert max(len(scene["nodes"]) + len(scene["groups"]) for scene in scenes.values()) <= LIMIT
    for sid, scene in scenes.items():
        for group in scene["groups"]:
            assert scenes[group[6]]["parent"] == sid


def test_a_small_limit_splits_by_province_then_month_then_parts() -> None:
    g = nx.DiGraph()
    for i in range(12):  # one level, one year, one province, one month: only parts are left
        document(
            g,
            f"d{i:02d}",
            f"{i}-KL/TU",
            "KL",
            "Kết luận",
            level="province",
            province="Hà Tĩnh",
            date=f"2022-07-{i + 1:02d}",
        )
    order = node_order(g)
    out = build_scenes(g, order, index={n: i for i, n in enumerate(order)}, leaf=band_layout, limit=5)
    home = out["scenes"][out["home"]]
    assert [group[3] for group in home["groups"]] == ["phần 1/3", "phần 2/3", "phần 3/3"]
    first = out["scenes"][home["groups"][0][6]]
    assert sorted(order[row] for row, _, _ in first["nodes"]) == ["d00", "d01", "d02", "d03", "d04"]


# ---- the API and the folder ----


def test_render_chain_writes_the_chain_of_any_document(tmp_path: Path) -> None:
    page = render_chain(chain_graph(), TB16_ID, tmp_path)
    assert page == tmp_path / "chain-16-TB-TW.html"
    text = page.read_text(encoding="utf-8")
    assert '"view":"chain"' in text and "16-TB/TW" in text
    assert (tmp_path / "chain-18-NQ-TW.html").is_file()  # the roots' chains come with it


def test_documents_sharing_a_number_get_distinct_chain_pages(tmp_path: Path) -> None:
    g = chain_graph()
    document(g, ID + "doc/tw/xiii/kl-34", "34-KL/TW", "KL", "Kết luận", date="2022-01-01")
    relation(g, TB16_ID, ID + "doc/tw/xiii/kl-34", "cites")
    site = render_site(g, tmp_path, chain_roots=[KL34, ID + "doc/tw/xiii/kl-34"])
    assert {p.name for p in site.chains.values()} >= {
        "chain-34-KL-TW-34-KL-TW-2018.html",
        "chain-34-KL-TW-tw-xiii-kl-34.html",
    }


def test_the_site_says_how_long_each_page_took(tmp_path: Path) -> None:
    """Per page, so that the benchmark can time a chain view apart from the rest of the site."""
    started = time.perf_counter()
    site = render_site(chain_graph(), tmp_path, chain_roots=[TB16_ID])
    total = time.perf_counter() - started
    views = [site.overview, site.timeline, site.models, *site.chains.values()]
    assert set(site.seconds) == {"shared", *(p.name for p in views)}
    assert all(seconds > 0 for seconds in site.seconds.values())
    assert sum(site.seconds.values()) <= total


def test_a_bad_file_name_or_node_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r'"../x.html"'):
        render_html(chain_graph(), tmp_path, filename="../x.html")
    with pytest.raises(OutputError, match=r'"timeline.html"'):
        render_html(chain_graph(), tmp_path, filename="timeline.html")
    with pytest.raises(OutputError, match="not a document"):
        render_chain(chain_graph(), DUC_THO, tmp_path)


def test_render_is_a_leaf() -> None:
    modules = [Path(render.__file__), *sorted((Path(render.__file__).parent / "views").glob("*.py"))]
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        outside = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
        allowed = {"networkx", "pyvis", "graph.text", "graph.errors", "graph.trace", "graph.views"}
        assert {m for m in outside if not m.startswith("graph.views.")} <= allowed, path.name


def test_build_writes_the_views(built: Path) -> None:
    for name in ("index.html", "timeline.html", "models.html", "chain-18-NQ-TW.html", "data/catalog.js"):
        assert (built / name).is_file(), name


@pytest.mark.parametrize(
    "name",
    [
        "graph.views.common",
        "graph.views.catalog",
        "graph.views.layout",
        "graph.views.scenes",
        "graph.views.chains",
        "graph.views.models",
        "graph.views.pages",
        "graph.views.synthetic",
    ],
)
def test_the_examples_in_the_view_modules_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_edges_within_is_the_subgraphs_edges():
    """edges_within (the scenes' and the chain layout's edges) gives what networkx's subgraph view gives,
    nodes absent from the graph included."""
    import random

    from graph.views.common import edges_within

    rng = random.Random(7)
    for _ in range(50):
        g = nx.gnp_random_graph(30, 0.15, seed=rng.randrange(10**6), directed=True)
        g = nx.relabel_nodes(g, {n: f"n{n}" for n in g})
        for u, v in g.edges:
            g.edges[u, v]["relation"] = rng.choice(["implements", "cites", "decides"])
        nodes = [*rng.sample(sorted(g), rng.randrange(1, 30)), "absent"]
        expected = sorted((u, v, a["relation"]) for u, v, a in g.subgraph(nodes).edges(data=True))
        assert sorted((u, v, a["relation"]) for u, v, a in edges_within(g, nodes)) == expected
