"""graph.render: the offline HTML view of the document graph, checked as files and in a real browser."""

from __future__ import annotations

import ast
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import render
from graph.errors import OutputError
from graph.render import layout, page_data, render_html, safe_href, script_json
from graph.text import nfc

try:  # tests/ on sys.path (pytest's default rootdir-less import) or the repo root (python -m pytest)
    from tests import browser
except ImportError:  # pragma: no cover - depends on how pytest was started
    import browser  # type: ignore[no-redef]

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
    return g


def site(out: Path, graph: nx.DiGraph, **kwargs: Any) -> Path:
    (out / "texts").mkdir(parents=True, exist_ok=True)
    for name in (TB16, KL55, NEWS):
        shutil.copyfile(SOURCES / name, out / "texts" / name)
    return render_html(graph, out, **kwargs)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- files: offline, deterministic, safe ----

_LINK = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)([^"'\s)>]+)""", re.IGNORECASE)


def test_page_and_assets_link_nothing_outside_the_folder(tmp_path: Path) -> None:
    page = site(tmp_path, chain_graph())
    assert page == tmp_path / "index.html"
    assert {p.name for p in (tmp_path / "lib").iterdir()} == set(render.ASSETS)
    links = {
        m.group(1)
        for name, payload in files(tmp_path).items()
        if name.endswith((".html", ".css", ".js"))
        for m in _LINK.finditer(payload.decode("utf-8"))
    }
    assert "lib/vis-network.min.js" in links
    assert [link for link in links if re.match(r"(?i)(https?:)?//", link)] == []


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


def test_text_from_sources_cannot_leave_the_data_script(tmp_path: Path) -> None:
    text = site(tmp_path, xss_graph()).read_text(encoding="utf-8")
    assert text.count("</script>") == 3  # the data block and the two script elements
    for raw in (XSS_TITLE, XSS_LABEL, "alert(2)</script>", "<b onmouseover"):
        assert raw not in text
    assert "javascript:" not in text
    assert script_json("a</script>b") == '"a\\u003c/script\\u003eb"'


def test_only_relative_and_http_links_survive() -> None:
    data = page_data(xss_graph())
    assert data["info"][XSS]["source"] == ""
    assert data["info"][TB16_ID]["source"] == f"texts/{TB16}"
    cites = next(r for r in data["relations"] if r["from"] == XSS)
    assert [(e.get("source"), e.get("url")) for e in cites["evidence"]] == [("", ""), ("", "")]
    assert safe_href("https://tulieuvankien.dangcongsan.vn/") == "https://tulieuvankien.dangcongsan.vn/"


def test_layout_bands_by_level_and_rows_by_date() -> None:
    pos = layout(chain_graph())
    assert pos[NQ18][1] == pos[KL34][1] == pos[TB16_ID][1] == pos[KL50][1] < pos[KL55_ID][1] < pos[DUC_THO][1]
    assert pos[NQ18][0] < pos[KL34][0] < pos[TTR175][0] < pos[TB16_ID][0] < pos[KL50][0]
    assert pos[DUC_THO][1] == pos[KY_ANH][1]


def test_undated_documents_come_last_in_their_band() -> None:
    g = chain_graph()
    nx.set_node_attributes(g, {KL50: ""}, "date")
    pos = layout(g)
    assert max(pos[n][0] for n in (NQ18, KL34, TTR175, TB16_ID)) < pos[KL50][0]


def test_a_bad_file_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r'"../x.html"'):
        render_html(chain_graph(), tmp_path, filename="../x.html")


def test_render_is_a_leaf() -> None:
    tree = ast.parse(Path(render.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    outside_stdlib = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
    assert outside_stdlib <= {"networkx", "pyvis.network", "graph.text", "graph.errors"}


# ---- in chromium ----

VIEW = {"width": 1500, "height": 900}


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    with browser.chromium() as instance:
        yield instance


def open_page(chrome: Any, path: Path) -> tuple[Any, browser.PageLog]:
    page = chrome.new_page(viewport=VIEW)
    log = browser.watch(page)
    page.goto(path.as_uri())
    page.wait_for_function("window.dgReady === true", timeout=20_000)
    return page, log


def click_node(page: Any, node: str) -> None:
    """A real mouse click at the node's place on screen."""
    point = page.evaluate(
        """id => { const d = network.canvasToDOM(network.getPositions([id])[id]);
                   const r = document.querySelector('#dg-network canvas').getBoundingClientRect();
                   return {x: r.left + d.x, y: r.top + d.y}; }""",
        node,
    )
    page.mouse.click(point["x"], point["y"])


@pytest.mark.browser
def test_page_draws_offline_without_errors(chrome: Any, tmp_path: Path) -> None:
    graph = chain_graph()
    page, log = open_page(chrome, site(tmp_path, graph))
    assert page.evaluate("network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("network.body.data.edges.length") == graph.number_of_edges()
    assert page.evaluate("network.physics.options.enabled") is False
    browser.screenshot(page, "render-overview")
    assert (log.outside_requests, log.console_errors, log.page_errors) == ([], [], [])
    page.close()


@pytest.mark.browser
def test_clicking_16_tb_shows_its_evidence(chrome: Any, tmp_path: Path) -> None:
    page, log = open_page(chrome, site(tmp_path, chain_graph()))
    click_node(page, TB16_ID)
    panel = page.locator("#dg-details")
    panel.get_by_role("heading", name="16-TB/TW").wait_for()
    assert QUOTE_16_18 in panel.locator("mark").all_text_contents()
    assert panel.locator(f'a[href="texts/{TB16}"]').count() == 4  # its own text and its three quotes
    text = panel.inner_text()
    assert "Võ Văn Thương" in text and "07/07/2022" in text and "55-KL/TU" in text
    browser.screenshot(page, "render-16-TB")
    click_node(page, KL55_ID)
    panel.get_by_role("heading", name="55-KL/TU").wait_for()
    assert "date unknown" in panel.inner_text()
    click_node(page, KL34)
    panel.get_by_role("heading", name="34-KL/TW").wait_for()
    assert "đối chiếu thủ công" in panel.inner_text()
    assert panel.locator('a[href="https://tulieuvankien.dangcongsan.vn/"]').count() == 1
    page.fill("#dg-search-input", "kỳ anh")
    page.press("#dg-search-input", "Enter")
    panel.get_by_role("heading", name="Kỳ Anh: chia tách").wait_for()
    assert "tháng 10/2022" in panel.inner_text()
    assert (log.outside_requests, log.console_errors, log.page_errors) == ([], [], [])
    page.close()


@pytest.mark.browser
def test_markup_in_a_text_stays_text(chrome: Any, tmp_path: Path) -> None:
    graph = xss_graph()
    page, log = open_page(chrome, site(tmp_path, graph))
    assert page.evaluate("network.body.data.nodes.length") == graph.number_of_nodes()
    click_node(page, XSS)
    panel = page.locator("#dg-details")
    panel.get_by_role("heading", name=XSS_LABEL).wait_for()
    text = panel.inner_text()
    for raw in (
        XSS_TITLE,
        XSS_LABEL,
        "</script><script>alert(2)</script>",
        "<img src=x onerror=alert(4)>",
        "<script>alert(7)</script>",
    ):
        assert raw in text
    assert page.locator("#dg-panel img, #dg-panel script, #dg-panel b").count() == 0
    assert page.locator('#dg-panel a[href^="javascript"]').count() == 0
    page.mouse.move(10, 10)
    page.hover("#dg-network canvas", position=_node_point(page, XSS))
    page.locator("div.vis-tooltip").filter(has_text=XSS_LABEL).wait_for(state="visible")
    assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
    browser.screenshot(page, "render-xss")
    assert (log.dialogs, log.page_errors, log.outside_requests, log.console_errors) == ([], [], [], [])
    page.close()


def _node_point(page: Any, node: str) -> dict[str, float]:
    point: dict[str, float] = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", node)
    return point


@pytest.mark.browser
def test_clicking_a_relation_shows_its_evidence(chrome: Any, tmp_path: Path) -> None:
    page, log = open_page(chrome, site(tmp_path, chain_graph()))
    ends = [_node_point(page, node) for node in (KL55_ID, TB16_ID)]  # a vertical bezier: its middle is theirs
    box = page.locator("#dg-network canvas").bounding_box()
    page.mouse.click(
        box["x"] + (ends[0]["x"] + ends[1]["x"]) / 2, box["y"] + (ends[0]["y"] + ends[1]["y"]) / 2
    )
    panel = page.locator("#dg-details")
    panel.get_by_role("heading", name="55-KL/TU → 16-TB/TW").wait_for()
    assert "16TB/TW ngày 7/7/2022" in " ".join(panel.locator("mark").all_text_contents())
    assert panel.locator(f'a[href="texts/{KL55}"]').count() == 1
    assert (log.outside_requests, log.console_errors, log.page_errors) == ([], [], [])
    page.close()
