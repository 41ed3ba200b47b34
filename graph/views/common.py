"""What every view shares: styles, text helpers, safe links, JSON for pages, atomic writes.

Palette, shapes and vi/en labels live in templates/styles.json (data, read once; its "about" says what).

>>> date_vi("2022-07-07"), date_vi("2022-10"), year_of("2017-10-25"), year_of("")
('07/07/2022', '10/2022', '2017', '')
>>> file_slug("34-KL/TW"), file_slug("05-QC/BTCTU-BDVTU"), file_slug("164-QĐ/TW")
('34-KL-TW', '05-QC-BTCTU-BDVTU', '164-QD-TW')
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LEVELS",
    "RELATIONS",
    "STATUSES",
    "STYLES",
    "TASK_BAND",
    "TEMPLATES",
    "TYPES",
    "band_of",
    "clip",
    "date_vi",
    "file_slug",
    "is_task",
    "join",
    "level_of",
    "safe_href",
    "script_json",
    "sort_date",
    "text",
    "write_atomic",
    "year_of",
]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class Style(NamedTuple):
    vi: str
    en: str
    colour: str


class Level(NamedTuple):
    vi: str
    en: str
    border: str
    shape: str
    radius: int
    width: int


STYLES: dict[str, Any] = json.loads((TEMPLATES / "styles.json").read_text(encoding="utf-8"))
TYPES = {code: Style(*row) for code, row in STYLES["types"].items()}  # fill by type code; "" = untyped
LEVELS = {key: Level(*row) for key, row in STYLES["levels"].items()}  # in the top-down order of the bands
STATUSES = {key: Style(*row) for key, row in STYLES["statuses"].items()}
RELATIONS = {key: Style(*row) for key, row in STYLES["relations"].items()}
TASK_BAND = len(LEVELS)  # tasks (model adoptions) come below every level


def text(value: Any) -> str:
    return "" if value is None else str(value)


def clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def join(parts: Iterable[str], sep: str = "\n") -> str:
    return sep.join(part for part in parts if part)


def date_vi(iso: str) -> str:
    """ "2022-07-07" -> "07/07/2022", "2022-10" -> "10/2022"; anything else unchanged."""
    return "/".join(reversed(iso.split("-"))) if iso[:4].isdigit() else iso


def year_of(iso: str) -> str:
    return iso[:4] if iso[:4].isdigit() else ""


def edges_within(graph: nx.DiGraph, nodes: Collection[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The edges with both ends among ``nodes``, with their attributes, in no set order: what
    ``graph.subgraph(nodes).edges(data=True)`` gives, without networkx's filtered views (a scene of a
    few hundred nodes of a graph of 100,000 spent most of its time in them). Nodes not in ``graph`` are
    left out, as ``subgraph`` does."""
    inside = nodes if isinstance(nodes, (set, frozenset)) else set(nodes)
    for u in inside:
        if u in graph:
            for v, attrs in graph.succ[u].items():
                if v in inside:
                    yield u, v, attrs


def is_task(attrs: Mapping[str, Any]) -> bool:
    return attrs.get("kind") == "adoption"


def level_of(attrs: Mapping[str, Any]) -> str:
    level = text(attrs.get("level"))
    return level if level in LEVELS else "unknown"


def band_of(attrs: Mapping[str, Any]) -> int:
    """The band a node sits in, top-down: the levels in order, then tasks."""
    return TASK_BAND if is_task(attrs) else list(LEVELS).index(level_of(attrs))


def sort_date(attrs: Mapping[str, Any]) -> str:
    """The date a node is ordered by: its own, else the earliest it can have, else "" (unknown)."""
    for key in ("date", "since", "date_not_before"):
        value = text(attrs.get(key))
        if value[:4].isdigit():
            return value
    return ""


def file_slug(value: str) -> str:
    """A file-name-safe ASCII form of a printed number or a name (case kept)."""
    plain = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-") or "x"


def script_json(value: Any) -> str:
    """JSON safe inside an HTML ``<script>`` element or a .js file: no ``<``, ``>``, ``&`` survive.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(raw, escaped)
    return encoded


def safe_href(value: str) -> str:
    """``value`` if it is a relative path or an http(s) URL, else "" (no ``javascript:`` links).

    >>> safe_href("texts/000.txt"), safe_href("javascript:alert(1)"), safe_href("//evil.example/x")
    ('texts/000.txt', '', '')
    """
    value = value.strip()
    if not value or any(ord(c) < 32 for c in value):
        return ""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    return value if not parts.scheme and not parts.netloc and not value.startswith(("/", "\\")) else ""


def write_atomic(path: Path, payload: bytes) -> None:
    """Write to a temporary file in the same folder, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
