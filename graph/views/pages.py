"""Pages: templates/page.html filled in for one view, with the links between the views.

Every page is a file in one folder: its own data in ``<script type="application/json">`` (strings from
texts reach it only through :func:`~graph.views.common.script_json`, and the page script inserts them
with ``textContent``), the shared scripts in ``lib/``, the shared data in ``data/``. The only HTML built
here from data is the navigation, escaped with :func:`html.escape`.

>>> links = Links("index.html", [("chain-18-NQ-TW.html", "18-NQ/TW")])
>>> "aria-current" in nav_html(links, "timeline.html").split("timeline.html")[1][:20]
True
"""

from __future__ import annotations

import html
from string import Template
from typing import Any, NamedTuple

from graph.views.common import TEMPLATES, script_json

__all__ = ["DATA_SCRIPTS", "GRAPH_SCRIPTS", "MODEL_SCRIPTS", "Links", "View", "nav_html", "page_html"]

TIMELINE, MODELS = "timeline.html", "models.html"
DATA_SCRIPTS = ("lib/dg-load.js", "data/catalog.js", "lib/dg-core.js", "lib/dg-panel.js", "lib/dg-search.js")
GRAPH_SCRIPTS = ("lib/vis-network.min.js", *DATA_SCRIPTS, "lib/dg-graph.js")
MODEL_SCRIPTS = (*DATA_SCRIPTS, "lib/dg-models.js")


class View(NamedTuple):
    kind: str  # overview, timeline, models, chain
    vi: str
    en: str
    hint: str


OVERVIEW = View(
    "overview",
    "Tổng quan",
    "overview",
    "Chọn một văn bản, một nhiệm vụ hoặc một quan hệ để xem chi tiết và trích dẫn; chọn một nhóm để mở nó. "
    "(Click a document, a task or a relation for its details and evidence; click a group to open it.)",
)
TIMELINE_VIEW = View(
    "timeline",
    "Dòng thời gian",
    "timeline",
    "Văn bản theo ngày ban hành, mỗi làn một cấp ban hành. (Documents by date, one lane per issuing level.)",
)
MODELS_VIEW = View(
    "models",
    "Địa phương × mô hình",
    "localities × models",
    "Mỗi ô: trạng thái của mô hình ở địa phương theo thời gian; chọn để xem văn bản quyết định. "
    "(Each cell: a model's status in a place over time; click for the deciding document.)",
)
CHAIN_VIEW = View(
    "chain",
    "Chuỗi văn bản",
    "chain",
    "Chuỗi thực hiện: từ trên xuống theo cấp và thứ tự, mỗi quan hệ ghi trên cạnh. "
    "(The chain, top-down by level and order; each edge is labelled by its relation.)",
)


class Links(NamedTuple):
    overview: str
    chains: list[tuple[str, str]]  # file, label


def nav_html(links: Links, current: str) -> str:
    """The links to every view, the current one marked."""

    def link(href: str, label: str) -> str:
        mark = ' aria-current="page"' if href == current else ""
        return f'<a href="{html.escape(href)}"{mark}>{label}</a>'

    def view(href: str, vi: str, en: str) -> str:
        return link(href, f'{vi} <span class="dg-en">{en}</span>')

    parts = [
        view(links.overview, OVERVIEW.vi, OVERVIEW.en),
        view(TIMELINE, TIMELINE_VIEW.vi, TIMELINE_VIEW.en),
        view(MODELS, MODELS_VIEW.vi, MODELS_VIEW.en),
    ]
    if links.chains:
        rows = "".join(f"<li>{link(href, html.escape(label))}</li>" for href, label in links.chains)
        parts.append(
            f'<details class="dg-chains"><summary>{CHAIN_VIEW.vi} <span class="dg-en">chains</span>'
            f"</summary><ul>{rows}</ul></details>"
        )
    return "\n".join("      " + part for part in parts)


def page_html(view: View, *, title: str, subject: str, links: Links, current: str, data: Any) -> str:
    """One page: ``title`` is the site's, ``subject`` what this page shows (both plain text)."""
    graph_view = view.kind != "models"
    main = (
        '    <div id="dg-network" aria-label="Đồ thị văn bản (document graph)"></div>'
        if graph_view
        else '    <div id="dg-matrix" aria-label="Địa phương × mô hình (localities × models)"></div>'
    )
    scripts = GRAPH_SCRIPTS if graph_view else MODEL_SCRIPTS
    heading = f"{view.vi}: {subject}" if subject else f"{view.vi} ({view.en})"
    template = Template((TEMPLATES / "page.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=html.escape(f"{heading} · {title}"),
        heading=f'{html.escape(title)} <span class="dg-muted">· {html.escape(heading)}</span>',
        view=view.kind,
        nav=nav_html(links, current),
        main=main,
        hint=html.escape(view.hint),
        data=script_json({"view": view.kind, "overview": links.overview, **data}),
        scripts="\n".join(f'<script src="{src}"></script>' for src in scripts),
    )
