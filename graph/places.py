"""Localities for the build: names and extracted mentions -> places in a dated code-list edition.

A locality is identified by its official code *and* the edition of the code list (codes were reused after
1/7/2025), so its IRI is ``locality/{edition}/{code}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.model import LocalityMention

__all__ = ["Edition", "PlaceRef", "Places"]


@dataclass(frozen=True, slots=True)
class PlaceRef:
    name: str
    level: str  # province | district | commune
    code: str
    edition: str
    parent: PlaceRef | None = None

    @property
    def path(self) -> str:
        return f"locality/{self.edition}/{self.code}"


@dataclass(frozen=True, slots=True)
class Edition:
    id: str
    vi: str
    en: str
    valid_from: str | None
    valid_until: str | None
    source: str


class Places:
    """Looks places up in the gazetteer of :mod:`graph.localities`."""

    def __init__(self) -> None:
        from graph import localities

        self._gaz = localities.gazetteer()
        self._edition_for = localities.edition_for

    def province_code(self, name: str) -> str | None:
        ref = self.province(name, None)
        return ref.code if ref is not None else None

    def province(self, name: str | None, date: str | None) -> PlaceRef | None:
        if not name:
            return None
        return self._one(name, "province", None, date)

    def district(self, name: str, province: str | None, date: str | None) -> PlaceRef | None:
        return self._one(name, "district", province, date)

    def from_mention(self, loc: LocalityMention) -> PlaceRef | None:
        if loc.code is None or loc.edition is None:
            return None
        parent = self._one(loc.parent, "province", None, None, edition=loc.edition) if loc.parent else None
        return PlaceRef(loc.name, loc.level, loc.code, loc.edition, parent)

    def _one(self, name: str | None, level: str, parent: str | None, date: str | None,
             edition: str | None = None) -> PlaceRef | None:
        if not name:
            return None
        wanted = edition or self._edition_for(date)
        found = self._gaz.lookup(name, level=level, parent=parent, edition=wanted)
        if not found and edition is None and level != "province":
            found = self._gaz.lookup(name, level=level, parent=parent)
        if len(found) != 1:
            return None
        place = found[0]
        up = None
        if place.parent_name and place.level != "province":
            up = self._one(place.parent_name, "province", None, None, edition=place.edition)
        return PlaceRef(place.name, place.level, place.code, place.edition, up)

    def edition(self, edition_id: str) -> Edition:
        return _edition(edition_id)


@cache
def _edition(edition_id: str) -> Edition:
    from graph import localities

    info = localities.edition_info(edition_id)
    return Edition(edition_id, info.vi, info.en, info.valid_from, info.valid_until, info.source)
