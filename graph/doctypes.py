"""The document-type table (graph/data/document_types.yaml): codes, type words, labels.

>>> concept_code("Quy định", "QĐ")
'QĐi'
>>> concept_code(None, "TB")
'TB'
>>> labels("TB")
('Thông báo', 'Notice')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from graph.paths import DATA_DIR
from graph.text import fold

__all__ = ["DocType", "concept_code", "doc_types", "labels"]


@dataclass(frozen=True, slots=True)
class DocType:
    code: str  # concept code: "TB", "QĐi"
    printed: tuple[str, ...]  # codes a number may print for it
    vi: str
    en: str
    words: tuple[str, ...]


@cache
def doc_types() -> tuple[DocType, ...]:
    with (DATA_DIR / "document_types.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return tuple(
        DocType(
            row["code"], tuple(row.get("printed", [row["code"]])), row["vi"], row["en"], tuple(row["words"])
        )
        for row in data["types"]
    )


def concept_code(type_word: str | None, printed_code: str | None) -> str | None:
    """The type concept for a document: the type word decides, the printed code is the fallback."""
    if type_word:
        wanted = fold(type_word)
        for row in doc_types():
            named = fold(row.vi) == wanted or wanted in (fold(w) for w in row.words)
            if named and (printed_code is None or printed_code in row.printed or row.code == printed_code):
                return row.code
        for row in doc_types():
            if fold(row.vi) == wanted:
                return row.code
    if printed_code:
        for row in doc_types():
            if row.code == printed_code:
                return row.code
    return None


def labels(code: str) -> tuple[str, str]:
    """(Vietnamese, English) names of a type concept."""
    for row in doc_types():
        if row.code == code:
            return row.vi, row.en
    raise KeyError(code)
