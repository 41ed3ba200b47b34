"""The gold format: hand annotations of texts, as in ``seeds/gold.json``, read for :mod:`graph.evaluate`.

A gold file is a JSON object ``{"about": ..., "files": [...]}``; each entry names a text (``file``) and
states what it holds: its own document (``this``, null for a news article), the ``documents`` it mentions,
the ``relations`` between them (``THIS`` = the text's own document), ``localities`` and pilot ``models``.
Keys the evaluation does not score (``surface``, relation ``evidence``, ``figures``, notes) are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import GoldError

__all__ = ["GoldDocument", "GoldError", "GoldFile", "GoldModel", "GoldRelation", "load_gold"]


_FORMAT = (
    'A gold file is a JSON object {"files": [{"file", "this", "documents", "relations", '
    '"localities", "models"}, ...]} as in seeds/gold.json.'
)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    number: str
    type: str | None
    issuer: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class GoldRelation:
    source: str
    relation: str
    target: str


@dataclass(frozen=True, slots=True)
class GoldModel:
    name: str
    status: str | None
    evidence: str
    locality: str | None = None  # the unit the text ties the model to; None when it names none
    deadline: str | None = None  # "2022-10"


@dataclass(frozen=True, slots=True)
class GoldFile:
    file: str
    this_number: str | None
    documents: tuple[GoldDocument, ...]  # those with a number
    relations: tuple[GoldRelation, ...]
    localities: tuple[tuple[str, str], ...]  # (name, level)
    models: tuple[GoldModel, ...]


def load_gold(path: Path) -> tuple[GoldFile, ...]:
    """The annotated files of a gold file; :class:`GoldError` says where it departs from the format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot be read: {exc.strerror}.", path=path, hint="Pass a gold JSON file.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(
            f"is not JSON ({exc}).", path=path, line=getattr(exc, "lineno", None), hint=_FORMAT
        ) from exc
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not files:
        raise GoldError(
            'is not a gold file: it has no "files" list, or an empty one.', path=path, hint=_FORMAT
        )
    return tuple(_gold_file(entry, f"files[{i}]", path) for i, entry in enumerate(files))


def _gold_file(entry: Any, where: str, path: Path) -> GoldFile:
    _need(entry, where, path, file=str)
    this = entry.get("this") or {}
    if not isinstance(this, dict):
        raise GoldError(f"{where}.this is not an object or null.", path=path, hint=_FORMAT)
    docs = _items(entry, "documents", path, where, number=(str, type(None)))
    rels = _items(entry, "relations", path, where, source=str, relation=str, target=str)
    places = _items(entry, "localities", path, where, name=str, level=str)
    models = _items(entry, "models", path, where, name=str)
    return GoldFile(
        entry["file"],
        this.get("number"),
        tuple(
            GoldDocument(d["number"], d.get("type"), d.get("issuer"), d.get("date"))
            for d in docs
            if d["number"]
        ),
        tuple(GoldRelation(r["source"], r["relation"], r["target"]) for r in rels),
        tuple((p["name"], p["level"]) for p in places),
        tuple(
            GoldModel(
                m["name"], m.get("status"), m.get("evidence") or "", m.get("locality"), m.get("deadline")
            )
            for m in models
        ),
    )


def _items(entry: dict[str, Any], key: str, path: Path, where: str, **kinds: Any) -> list[dict[str, Any]]:
    """The list ``entry[key]`` (empty when absent), each item checked by :func:`_need`."""
    items = entry.get(key, [])
    if not isinstance(items, list):
        raise GoldError(f"{where}.{key} is not a list.", path=path, hint=_FORMAT)
    return [_need(item, f"{where}.{key}[{i}]", path, **kinds) for i, item in enumerate(items)]


def _need(obj: Any, where: str, path: Path, **kinds: Any) -> dict[str, Any]:
    """``obj``, checked to be an object holding every key of ``kinds`` with a value of that type."""
    if not isinstance(obj, dict):
        raise GoldError(f"{where} is not a JSON object.", path=path, hint=_FORMAT)
    for key, kind in kinds.items():
        if key not in obj or not isinstance(obj[key], kind):
            raise GoldError(f"{where}.{key} is missing or not {_kind_name(kind)}.", path=path, hint=_FORMAT)
    return obj


def _kind_name(kind: Any) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", dict: "an object", list: "a list", type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)
