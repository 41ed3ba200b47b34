"""The HTML views in Debian's chromium: the real seed graph, markup in every field, and a large graph.

Each view must draw from file:// with no console error and no request outside its folder; a screenshot
of each goes to test-artifacts/ (git-ignored). The seed site is built from sources/ exactly as
``directives build`` builds it (graph.pipeline.build_corpus + graph.project.project).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.pipeline import build_corpus, text_copy_name
from graph.project import project
from graph.render import Site, render_site
from graph.views.scenes import LIMIT
from graph.views.synthetic import synthetic_projection

try:  # tests/ on sys.path (pytest's default rootdir-less import) or the repo root (python -m pytest)
    from tests import browser
    from tests.test_render import RAW_MARKUP, XSS, XSS_LABEL, XSS_TASK, site, xss_graph
except ImportError:  # pragma: no cover - depends on how pytest was started
    import browser  # type: ignore[no-redef]
    from test_render import RAW_MARKUP, XSS, XSS_LABEL, XSS_TASK, site, xss_graph  # type: ignore[no-redef]

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
QUOTE_16_18 = "về thực hiện một số mô hình thí điểm theo Nghị quyết số 18-NQ/TW"
TB16_TEXT = "texts/000_14f6e30f14f393dd.txt"


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    with browser.chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.DiGraph, Site]:
    corpus = build_corpus(ROOT / "sources")
    graph = project(corpus.graph, texts_dir="texts")
    out = tmp_path_factory.mktemp("seed-views")
    for src, _ in corpus.texts:
        target = out / text_copy_name(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(src.text, encoding="utf-8")
    return graph, render_site(graph, out)


def node_of(graph: nx.DiGraph, number: str) -> str:
    (node,) = [n for n, a in graph.nodes(data=True) if a.get("number") == number]
    return node


def clean(log: browser.PageLog) -> None:
    """No error, no dialog, no request outside the folder of the first page."""
    assert (log.outside_requests, log.console_errors, log.page_errors, log.dialogs) == ([], [], [], [])
    folder = log.requests[0].rsplit("/", 1)[0] + "/"
    assert [url for url in log.requests if url.startswith("file:") and not url.startswith(folder)] == []


def click_node(page: Any, node: str) -> None:
    """A real mouse click at the node's place on screen."""
    point = page.evaluate(
        """id => { const d = network.canvasToDOM(network.getPositions([id])[id]);
                   const r = document.querySelector('#dg-network canvas').getBoundingClientRect();
                   return {x: r.left + d.x, y: r.top + d.y}; }""",
        node,
    )
    page.mouse.click(point["x"], point["y"])


def panel_shows(page: Any, node: str) -> str:
    browser.wait_until(page, f"document.getElementById('dg-details').getAttribute('data-node') === {node!r}")
    text: str = page.inner_text("#dg-details")
    return text


# ---- the seed graph ----


def test_each_view_draws_the_whole_graph_offline(chrome: Any, seed: tuple[nx.DiGraph, Site]) -> None:
    graph, views = seed
    documents = [n for n, a in graph.nodes(data=True) if a["kind"] == "document"]
    tasks = graph.number_of_nodes() - len(documents)
    chain = graph.nodes[node_of(graph, "18-NQ/TW")]
    for path, name, nodes in (
        (views.overview, "overview", graph.number_of_nodes()),
        (views.timeline, "timeline", len(documents)),
    ):
        page, log = browser.open_view(chrome, path)
        assert page.evaluate("network.body.data.nodes.length") == nodes, name
        assert page.evaluate("network.physics.options.enabled") is False
        browser.screenshot(page, f"view-{name}")
        clean(log)
        page.close()
    page, log = browser.open_view(chrome, views.models)
    assert page.locator(".dg-chip").count() == tasks
    browser.screenshot(page, "view-models")
    clean(log)
    page.close()
    assert chain["label"] == "18-NQ/TW"


def test_the_chain_of_18_nq_runs_top_down_with_labelled_edges(
    chrome: Any, seed: tuple[nx.DiGraph, Site]
) -> None:
    graph, views = seed
    nq18, tb16, kl55 = (node_of(graph, n) for n in ("18-NQ/TW", "16-TB/TW", "55-KL/TU"))
    page, log = browser.open_view(chrome, views.chains[nq18], {"width": 1500, "height": 1000})
    ids = set(page.evaluate("network.body.data.nodes.getIds()"))
    assert {nq18, tb16, kl55, node_of(graph, "34-KL/TW"), node_of(graph, "50-KL/TW")} <= ids
    y = page.evaluate("ids => ids.map(id => network.getPositions([id])[id].y)", [nq18, tb16, kl55])
    assert y[0] < y[1] < y[2]
    labels = page.evaluate("network.body.data.edges.get().map(e => [e.from, e.to, e.label])")
    assert [tb16, nq18, "thực hiện"] in labels and [kl55, tb16, "thực hiện"] in labels
    click_node(page, tb16)
    text = panel_shows(page, tb16)
    assert QUOTE_16_18 in " ".join(page.locator("#dg-details mark").all_text_contents())
    assert page.locator(f'#dg-details a[href="{TB16_TEXT}"]').count() >= 2  # its text, and its quotes
    assert "Võ Văn Thương" in text and "07/07/2022" in text and "55-KL/TU" in text and "Bộ Chính trị" in text
    browser.screenshot(page, "chain-18-NQ-TW")
    clean(log)
    page.close()


def test_clicking_16_tb_in_the_overview_shows_its_evidence(
    chrome: Any, seed: tuple[nx.DiGraph, Site]
) -> None:
    graph, views = seed
    tb16 = node_of(graph, "16-TB/TW")
    page, log = browser.open_view(chrome, views.overview)
    click_node(page, tb16)
    text = panel_shows(page, tb16)
    marks = page.locator("#dg-details mark").all_text_contents()
    assert any(QUOTE_16_18 in mark for mark in marks)
    context = page.locator("#dg-details blockquote").filter(has_text=QUOTE_16_18).first.inner_text()
    assert len(context) > len(QUOTE_16_18) + 20  # the quote with the text around it
    for heading in ("Thực hiện, dựa trên", "Được thực hiện bởi", "Người ký", "Trích yếu"):
        assert heading.lower() in text.lower()
    page.locator("#dg-details .dg-node-link", has_text="55-KL/TU").first.click()
    assert "Ban Thường vụ Tỉnh ủy Hà Tĩnh" in panel_shows(page, node_of(graph, "55-KL/TU"))
    browser.screenshot(page, "view-overview-16-TB")
    clean(log)
    page.close()


@pytest.mark.parametrize("query", ["ket luan 55", "KET LUAN 55-KL/TU", "55-kl/tu", "55KLTU"])
def test_a_search_without_diacritics_finds_55_kl_tu(
    chrome: Any, seed: tuple[nx.DiGraph, Site], query: str
) -> None:
    graph, views = seed
    kl55 = node_of(graph, "55-KL/TU")
    page, log = browser.open_view(chrome, views.timeline)
    page.fill("#dg-search-input", query)
    first = page.locator("#dg-results li").first
    assert first.get_attribute("data-node") == kl55
    page.press("#dg-search-input", "Enter")
    assert "55-KL/TU" in panel_shows(page, kl55)
    assert page.evaluate("network.getSelectedNodes()") == [kl55]
    clean(log)
    page.close()


def test_with_and_without_diacritics_the_search_agrees(chrome: Any, seed: tuple[nx.DiGraph, Site]) -> None:
    graph, views = seed
    page, log = browser.open_view(chrome, views.models)
    found = [
        page.evaluate("q => dg.search(q, 5).map(i => dg.cat.id(i))", q)
        for q in ("Kết luận 34", "ket luan 34")
    ]
    assert found[0] == found[1] and found[0][0] == node_of(graph, "34-KL/TW")
    assert page.evaluate("dg.search('duc tho', 3).map(i => dg.cat.label(i))")[0] == "chia tách — Đức Thọ"
    clean(log)
    page.close()


def test_filters_hide_what_does_not_match(chrome: Any, seed: tuple[nx.DiGraph, Site]) -> None:
    graph, views = seed
    page, log = browser.open_view(chrome, views.overview)
    visible = "network.body.data.nodes.get().filter(n => !n.hidden).map(n => n.id)"
    page.select_option("#dg-f-type", "d:KL")
    kl = {n for n, a in graph.nodes(data=True) if a.get("type_code") == "KL"}
    assert set(page.evaluate(visible)) == kl
    page.select_option("#dg-f-type", "")
    page.select_option("#dg-f-year", "2022")
    assert {graph.nodes[n]["label"] for n in page.evaluate(visible)} >= {"16-TB/TW", "175-TTr/BTCTW"}
    page.select_option("#dg-f-year", "")
    page.select_option("#dg-f-relation", "continues")
    assert {graph.nodes[n]["label"] for n in page.evaluate(visible)} == {"18-NQ/TW", "50-KL/TW"}
    page.select_option("#dg-f-issuer", "Ban Thường vụ Tỉnh ủy Hà Tĩnh")
    assert page.evaluate(visible) == []
    page.click("#dg-f-clear")
    assert len(page.evaluate(visible)) == graph.number_of_nodes()
    clean(log)
    page.close()


def test_a_models_cell_links_to_the_deciding_document(chrome: Any, seed: tuple[nx.DiGraph, Site]) -> None:
    graph, views = seed
    page, log = browser.open_view(chrome, views.models)
    duc_tho = next(n for n, a in graph.nodes(data=True) if a.get("locality") == "Đức Thọ")
    chip = page.locator(f'.dg-chip[data-node="{duc_tho}"]')
    assert chip.inner_text() == "chia tách"
    column = page.evaluate("el => el.closest('td').cellIndex", chip.element_handle())
    assert page.locator("thead th").nth(column).inner_text() == "Hà Tĩnh"
    chip.click()
    assert "hoàn thành trong tháng 10/2022" in panel_shows(page, duc_tho)
    decider = chip.locator("xpath=..").locator(".dg-decider")
    assert decider.inner_text() == "55-KL/TU"
    decider.click()
    panel_shows(page, node_of(graph, "55-KL/TU"))
    clean(log)
    page.close()


def test_a_link_from_another_view_opens_on_its_node(chrome: Any, seed: tuple[nx.DiGraph, Site]) -> None:
    graph, views = seed
    tb16 = node_of(graph, "16-TB/TW")
    page, log = browser.open_view(chrome, views.models)
    page.locator(".dg-decider", has_text="16-TB/TW").first.click()
    panel_shows(page, tb16)
    page.locator("#dg-details a", has_text="Tổng quan").click()
    browser.wait_until(page, "window.dgReady === true && network.getSelectedNodes().length === 1")
    assert page.evaluate("network.getSelectedNodes()") == [tb16]
    panel_shows(page, tb16)
    clean(log)
    page.close()


# ---- markup in every field ----


def test_markup_in_a_text_stays_text(chrome: Any, tmp_path: Path) -> None:
    graph = xss_graph()
    site(tmp_path, graph)
    for name in ("index.html", "timeline.html", "models.html", "chain-18-NQ-TW.html"):
        page, log = browser.open_view(chrome, tmp_path / name)
        page.fill("#dg-search-input", "img src")
        page.locator("#dg-results li").first.wait_for()
        page.evaluate("id => dg.focus(id)", XSS if name != "models.html" else XSS_TASK)
        text = panel_shows(page, XSS if name != "models.html" else XSS_TASK)
        assert any(raw in text for raw in RAW_MARKUP), name
        assert page.locator("#dg-app img, #dg-app script, #dg-app svg, #dg-app b, #dg-app i").count() == 0, (
            name
        )
        assert page.locator('a[href^="javascript"]').count() == 0, name
        clean(log)
        page.close()
    page, log = browser.open_view(chrome, tmp_path / "index.html")
    page.evaluate("id => dg.focus(id)", XSS)
    for raw in (
        XSS_LABEL,
        "</script><script>alert(2)</script>",
        "<img src=x onerror=alert(4)>",
        "<b onmouseover",
    ):
        assert raw in panel_shows(page, XSS)
    page.evaluate("network.fit({animation: false})")
    page.mouse.move(5, 5)
    point = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", XSS)
    page.hover("#dg-network canvas", position=point)
    page.locator("div.vis-tooltip").filter(has_text=XSS_LABEL).wait_for(state="visible")
    assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
    browser.screenshot(page, "view-xss")
    clean(log)
    page.close()


# ---- a graph beyond what one canvas draws ----


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.DiGraph, Site]:
    graph = synthetic_projection(3000)
    return graph, render_site(graph, tmp_path_factory.mktemp("large-views"))


def test_a_large_graph_opens_on_groups_and_drills_down(chrome: Any, large: tuple[nx.DiGraph, Site]) -> None:
    graph, views = large
    page, log = browser.open_view(chrome, views.overview)
    shown = page.evaluate("network.body.data.nodes.length")
    assert 1 < shown < LIMIT < graph.number_of_nodes()
    group = page.evaluate(
        "directiveGraph.scenes[directiveGraph.scenes[window.dgScene] ? window.dgScene : 's0'].groups[0]"
    )
    click_node(page, group[0])
    browser.wait_until(page, f"window.dgScene === {group[6]!r}")
    assert page.locator("#dg-crumbs button").count() >= 2
    deep = sorted(graph)[-1]
    page.evaluate("id => dg.focus(id)", deep)
    browser.wait_until(page, f"network.getSelectedNodes()[0] === {deep!r}")
    panel_shows(page, deep)
    page.locator("#dg-crumbs button").first.click()
    browser.wait_until(page, f"network.body.data.nodes.length === {shown}")
    browser.screenshot(page, "view-large-overview")
    clean(log)
    page.close()
    for path in (views.timeline, views.models):
        page, log = browser.open_view(chrome, path)
        assert page.evaluate("dg.search('ket luan 2999', 1).length") == 1
        clean(log)
        page.close()
