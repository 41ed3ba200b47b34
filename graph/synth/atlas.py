"""Places for the synthetic corpus, drawn from the official code lists (:mod:`graph.localities`).

Before 1 July 2025 a document names one of the 63 provinces of the ``gso-pre-2025-07-01`` list and its
districts (huyện, quận, thị xã, thành phố); from that day one of the 34 provinces of ``gso-2025-07-01``
and its communes (xã, phường, đặc khu). Names are written with the new tone placement ("Hòa Bình"); the
hazards may put the old one back.

>>> atlas = Atlas.load()
>>> len(atlas.provinces(PRE_REFORM)), len(atlas.provinces(POST_REFORM))
(63, 34)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date

from graph.localities import POST_REFORM, PRE_REFORM, Place, gazetteer
from graph.synth.calendar import REFORM
from graph.text import fold, fold_tones

__all__ = ["POST_REFORM", "PRE_REFORM", "Atlas", "edition_at", "in_text", "upper"]

#: District unit type -> (committee word, issuer code): "Huyện ủy Đức Thọ" prints "12-KH/HU".
DISTRICT_COMMITTEES = {
    "huyện": ("Huyện ủy", "HU"),
    "quận": ("Quận ủy", "QU"),
    "thị xã": ("Thị ủy", "TU"),
    "thành phố": ("Thành ủy", "TU"),
}
#: Commune unit type -> committee words: "Đảng ủy xã Tân Thạnh" prints "05-KH/ĐU".
COMMUNE_COMMITTEES = {"xã": "Đảng ủy xã", "phường": "Đảng ủy phường", "đặc khu": "Đảng ủy đặc khu"}
#: Names that only appear with their prefix in running text (graph/data/localities/aliases.yaml not_bare).
_PREFIX_ONLY = {"Hồ Chí Minh"}


def edition_at(day: date) -> str:
    """The code list in force on ``day``."""
    return PRE_REFORM if day < REFORM else POST_REFORM


def upper(text: str) -> str:
    return text.upper()


def in_text(place: Place) -> str:
    """How running text names a province: "Hà Tĩnh", but "Thành phố Hồ Chí Minh"."""
    return f"Thành phố {place.name}" if place.name in _PREFIX_ONLY else place.name


@dataclass(frozen=True, slots=True)
class Atlas:
    """Provinces by edition; districts (pre-reform) and communes (post-reform) by province code."""

    _provinces: dict[str, tuple[Place, ...]]
    _districts: dict[str, tuple[Place, ...]]
    _communes: dict[str, tuple[Place, ...]]
    _wards: dict[str, tuple[Place, ...]]  # pre-reform communes by district code
    #: Folded province names of both editions, to keep people's names clear of them.
    province_keys: frozenset[str]

    @staticmethod
    @functools.cache
    def load() -> Atlas:
        gaz = gazetteer()
        provinces = {ed: _usable(gaz.places(ed, "province")) for ed in (PRE_REFORM, POST_REFORM)}
        districts = _by_province(_usable(gaz.places(PRE_REFORM, "district", former=False)))
        communes = _by_province(_usable(gaz.places(POST_REFORM, "commune")))
        wards = _by_parent(_usable(gaz.places(PRE_REFORM, "commune", former=False)))
        keys = frozenset(fold(p.name) for places in provinces.values() for p in places)
        return Atlas(provinces, districts, communes, wards, keys)

    def provinces(self, edition: str) -> tuple[Place, ...]:
        return self._provinces[edition]

    def districts(self, province: Place) -> tuple[Place, ...]:
        return self._districts.get(province.code, ()) if province.edition == PRE_REFORM else ()

    def communes(self, province: Place) -> tuple[Place, ...]:
        return self._communes.get(province.code, ()) if province.edition == POST_REFORM else ()

    def capital(self, day: date) -> Place:
        """Hà Nội, in the code list in force on ``day`` (the place of issue of central documents)."""
        return next(p for p in self.provinces(edition_at(day)) if p.code == "01")

    def wards(self, district: Place) -> tuple[Place, ...]:
        """The communes of a pre-reform district."""
        return self._wards.get(district.code, ())


def _usable(places: tuple[Place, ...]) -> tuple[Place, ...]:
    """Places sorted by code, names in the new tone placement."""
    kept = [replace(p, name=fold_tones(p.name), province_name=fold_tones(p.province_name)) for p in places]
    return tuple(sorted(kept, key=lambda p: p.code))


def _by_province(places: tuple[Place, ...]) -> dict[str, tuple[Place, ...]]:
    grouped: dict[str, list[Place]] = {}
    for place in places:
        grouped.setdefault(place.province_code, []).append(place)
    return {code: tuple(group) for code, group in sorted(grouped.items())}


def _by_parent(places: tuple[Place, ...]) -> dict[str, tuple[Place, ...]]:
    grouped: dict[str, list[Place]] = {}
    for place in places:
        grouped.setdefault(place.parent_code or "", []).append(place)
    return {code: tuple(group) for code, group in sorted(grouped.items())}
