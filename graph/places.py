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
    last_listed: str | None = None  # a unit of an earlier list only (graph.localities.Place.last_listed)

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
        # (name, level, parent, edition wanted, edition given) -> the answer of _one (the gazetteer does not
        # change during a build; a corpus names the same places thousands of times)
        self._known: dict[tuple[str, str, str | None, str | None, str | None], PlaceRef | None] = {}

    def province_code(self, name: str) -> str | None:
        ref = self.province(name, None)
        return ref.code if ref is not None else None

    def province(self, name: str | None, date: str | None) -> PlaceRef | None:
        if not name:
            return None
        return self._one(name, "province", None, date)

    def district(self, name: str, province: str | None, date: str | None) -> PlaceRef | None:
        return self._one(name, "district", province, date)

    def commune(self, name: str, province: str | None, date: str | None) -> PlaceRef | None:
        """The one commune, ward or special zone of that name in the province ("Bảo Lâm 4", "12")."""
        return self._one(name, "commune", province, date)

    def from_mention(self, loc: LocalityMention) -> PlaceRef | None:
        if loc.code is None or loc.edition is None:
            return None
        place = self._gaz.get(loc.code, level=loc.level, edition=loc.edition)
        if place is not None:
            return self._one(
                place.full_name, place.level, place.province_code or None, None, edition=loc.edition
            )
        return PlaceRef(loc.name, loc.level, loc.code, loc.edition)

    def _one(
        self, name: str | None, level: str, parent: str | None, date: str | None, edition: str | None = None
    ) -> PlaceRef | None:
        """The one place of that name in the edition valid at ``date`` (the first edition that has it
        when the date is unknown, pre-reform first); None when absent or ambiguous."""
        if not name:
            return None
        wanted = edition or self._edition_for(date)
        key = (name, level, parent, wanted, edition)
        if key not in self._known:
            self._known[key] = self._lookup(name, level, parent, wanted, edition)
        return self._known[key]

    def _lookup(
        self, name: str, level: str, parent: str | None, wanted: str | None, edition: str | None
    ) -> PlaceRef | None:
        found = self._gaz.lookup(name, level=level, parent=parent, edition=wanted)
        if not found and edition is None and wanted is not None:
            found = self._gaz.lookup(name, level=level, parent=parent)
        if wanted is None or edition is None:  # several editions: the first that has it
            found = [p for p in found if p.edition == found[0].edition] if found else []
        if len(found) != 1:
            return None
        place = found[0]
        up = None
        if place.level != "province" and place.province_code:
            province = self._gaz.get(place.province_code, level="province", edition=place.edition)
            if province is not None:
                up = PlaceRef(province.label, "province", province.code, province.edition)
        return PlaceRef(place.label, place.level, place.code, place.edition, up, place.last_listed)

    def edition(self, edition_id: str) -> Edition:
        return _edition(edition_id)


@cache
def _edition(edition_id: str) -> Edition:
    from graph import localities

    info = next(e for e in localities.gazetteer().editions if e.id == edition_id)
    if info.valid_until:
        vi = f"Danh mục đơn vị hành chính (trước 1/7/2025, hiệu lực đến {info.valid_until})"
        en = f"Administrative unit code list (before the 1 July 2025 reform, valid until {info.valid_until})"
    else:
        vi = f"Danh mục đơn vị hành chính (từ {info.valid_from})"
        en = f"Administrative unit code list (from {info.valid_from})"
    return Edition(edition_id, vi, en, info.valid_from, info.valid_until, f"GSO codes via PyPI {info.source}")
