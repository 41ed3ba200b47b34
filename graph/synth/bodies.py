"""Issuing bodies of the synthetic corpus: who signs, what they print, how texts name them.

Central bodies after DOMAIN.md §1 and §4 and graph/data/bodies.yaml: the Central Committee, the Politburo and
the Secretariat share the issuer code TW (and so one numbering per type and term); the central commissions
print their own codes (BTCTW, BTGTW ...). Local committees print TU (a province, a provincial city, a town, a
provincial-level city), HU (a district), QU (an urban district), ĐU (a commune, from 1 July 2025); their
commissions print the organ's prefix and the committee's code (BTCTU).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from graph.localities import Place
from graph.synth.atlas import COMMUNE_COMMITTEES, DISTRICT_COMMITTEES, in_text, upper

__all__ = ["CENTRAL", "Issuer", "central", "commune_issuers", "district_issuers", "province_issuers"]

#: A type code with its weight among an issuer's documents.
Weights = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Issuer:
    key: str  # "bct", "btv", "btc" ...
    label: str  # the gold label: "Bộ Chính trị", "Ban Thường vụ Tỉnh ủy Hà Tĩnh"
    self_name: str  # how its own text names it: "Ban Thường vụ Tỉnh ủy"
    code: str  # the issuer code it prints: "TW", "BTCTU", "HU"
    header: tuple[str, ...]  # the header lines above the "*"
    signature: tuple[tuple[str, ...], ...]  # capacity lines a signature may carry, one option per tuple
    level: str  # "central", "province", "district", "commune"
    scope: str  # the numbering scope: "TW", "pre:42:TU", "pre:42:440:HU"
    types: Weights
    province: Place | None = None
    unit: Place | None = None  # the district or commune of a district or commune committee


_CENTRAL_HEAD = ("BAN CHẤP HÀNH TRUNG ƯƠNG",)
_DEPUTY = (("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), ("TRƯỞNG BAN",), ("Q. TRƯỞNG BAN",))


def _c(
    key: str, label: str, code: str, head: tuple[str, ...], sign: tuple[tuple[str, ...], ...], types: Weights
) -> Issuer:
    return Issuer(key, label, label, code, head, sign, "central", code, types)


#: Central bodies, each valid from/until a date (None: always).
CENTRAL: tuple[tuple[Issuer, date | None, date | None], ...] = (
    (
        _c(
            "bch",
            "Ban Chấp hành Trung ương Đảng",
            "TW",
            _CENTRAL_HEAD,
            (("T/M BAN CHẤP HÀNH TRUNG ƯƠNG", "TỔNG BÍ THƯ"),),
            (("NQ", 6), ("KL", 1)),
        ),
        None,
        None,
    ),
    (
        _c(
            "bct",
            "Bộ Chính trị",
            "TW",
            _CENTRAL_HEAD,
            (("T/M BỘ CHÍNH TRỊ",), ("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ")),
            (("KL", 5), ("NQ", 2), ("TB", 3), ("CT", 2), ("QĐ", 2)),
        ),
        None,
        None,
    ),
    (
        _c(
            "bbt",
            "Ban Bí thư",
            "TW",
            _CENTRAL_HEAD,
            (("T/M BAN BÍ THƯ",),),
            (("CT", 3), ("KL", 2), ("TB", 2), ("QĐ", 2), ("HD", 1)),
        ),
        None,
        None,
    ),
    (
        _c(
            "btctw",
            "Ban Tổ chức Trung ương",
            "BTCTW",
            (*_CENTRAL_HEAD, "BAN TỔ CHỨC"),
            _DEPUTY,
            (("HD", 4), ("TTr", 3), ("BC", 1), ("CV", 1)),
        ),
        None,
        None,
    ),
    (
        _c(
            "btgtw",
            "Ban Tuyên giáo Trung ương",
            "BTGTW",
            (*_CENTRAL_HEAD, "BAN TUYÊN GIÁO"),
            _DEPUTY,
            (("HD", 3), ("KH", 1), ("TTr", 1)),
        ),
        None,
        date(2025, 2, 28),
    ),
    (
        _c(
            "bdvtw",
            "Ban Dân vận Trung ương",
            "BDVTW",
            (*_CENTRAL_HEAD, "BAN DÂN VẬN"),
            _DEPUTY,
            (("HD", 2), ("TTr", 1)),
        ),
        None,
        date(2025, 2, 28),
    ),
    (
        _c(
            "btgdvtw",
            "Ban Tuyên giáo và Dân vận Trung ương",
            "BTGDVTW",
            (*_CENTRAL_HEAD, "BAN TUYÊN GIÁO VÀ DÂN VẬN"),
            _DEPUTY,
            (("HD", 3), ("KH", 1), ("TTr", 1)),
        ),
        date(2025, 3, 1),
        None,
    ),
    (
        _c(
            "ubkttw",
            "Ủy ban Kiểm tra Trung ương",
            "UBKTTW",
            (*_CENTRAL_HEAD, "ỦY BAN KIỂM TRA"),
            (("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"),),
            (("HD", 2), ("TB", 1)),
        ),
        None,
        None,
    ),
    (
        _c(
            "vptw",
            "Văn phòng Trung ương Đảng",
            "VPTW",
            (*_CENTRAL_HEAD, "VĂN PHÒNG"),
            (("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),),
            (("CV", 2), ("TB", 1)),
        ),
        None,
        None,
    ),
)


def central(key: str) -> Issuer:
    return next(issuer for issuer, _, _ in CENTRAL if issuer.key == key)


def _province_words(province: Place) -> tuple[str, str, str]:
    """("Tỉnh ủy", "Tỉnh ủy Hà Tĩnh", "TỈNH ỦY HÀ TĨNH") or the Thành ủy of a centrally-run city."""
    word = "Thành ủy" if province.type == "thành phố trung ương" else "Tỉnh ủy"
    full = f"{word} {in_text(province)}"
    return word, full, upper(full)


def _unit_words(province: Place) -> str:
    """The Party organisation a district or commune belongs to: "ĐẢNG BỘ TỈNH HÀ TĨNH"."""
    kind = "THÀNH PHỐ" if province.type == "thành phố trung ương" else "TỈNH"
    return f"ĐẢNG BỘ {kind} {upper(province.name)}"


_BOARD_SIGN = (("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC"))


def province_issuers(province: Place, day: date) -> tuple[Issuer, ...]:
    """The provincial committee's bodies on ``day``: the committee, its standing board, its standing members,
    its organisation, propaganda and inspection commissions."""
    return _province_issuers(province, day >= date(2025, 3, 1))


#: Organs of a provincial committee: (key, name before the committee's, code prefix, signatures, types).
#: The committee itself, its standing board and its standing members print TU; a commission its prefix + TU.
_PROVINCE_ORGANS: tuple[tuple[str, str, str, tuple[tuple[str, ...], ...], Weights], ...] = (
    ("cap", "", "", (), (("NQ", 3), ("CTr", 3), ("KL", 1))),
    (
        "btv",
        "Ban Thường vụ",
        "",
        _BOARD_SIGN,
        (("KH", 6), ("KL", 3), ("CT", 2), ("NQ", 1), ("QĐ", 2), ("HD", 1), ("BC", 1)),
    ),
    ("tt", "Thường trực", "", (("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"),), (("TB", 4), ("KL", 1))),
    ("btc", "Ban Tổ chức", "BTC", _DEPUTY, (("HD", 3), ("TTr", 3), ("BC", 2))),
    ("btg", "Ban Tuyên giáo", "BTG", _DEPUTY, (("HD", 2), ("KH", 1), ("BC", 1), ("TTr", 1))),
    (
        "ubkt",
        "Ủy ban Kiểm tra",
        "UBKT",
        (("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"),),
        (("HD", 1), ("BC", 1), ("TTr", 1)),
    ),
    ("joint", "Ban Tổ chức", "BTC", (("K/T TRƯỞNG BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN"),), (("QC", 1),)),
)


def _joint(word: str, full: str, head: str, merged: bool) -> tuple[str, str, str, tuple[str, ...]]:
    """Label, own name, code and header of joint documents of the organisation and mobilisation boards."""
    partner, prefix = ("Ban Tuyên giáo và Dân vận", "BTGDV") if merged else ("Ban Dân vận", "BDV")
    label, own = f"Ban Tổ chức {full}, {partner} {full}", f"Ban Tổ chức {word} và {partner} {word}"
    return label, own, f"BTCTU-{prefix}TU", (head, f"BAN TỔ CHỨC - {upper(partner)}")


@functools.cache
def _province_issuers(province: Place, merged: bool) -> tuple[Issuer, ...]:
    """The organs of :data:`_PROVINCE_ORGANS`; ``merged``: propaganda and mass mobilisation are one board."""
    word, full, head = _province_words(province)
    scope = f"{province.edition}:{province.code}"
    issuers = []
    for key, organ, prefix, sign, types in _PROVINCE_ORGANS:
        if key == "btg" and merged:
            key, organ, prefix = "btgdv", "Ban Tuyên giáo và Dân vận", "BTGDV"
        label, own = (f"{organ} {full}", f"{organ} {word}") if organ else (full, word)
        header: tuple[str, ...] = (head, upper(organ)) if prefix else (head,)
        signature = sign or ((f"T/M {upper(word)}", "BÍ THƯ"),)
        code = f"{prefix}TU"
        if key == "joint":  # a joint document prints both codes: "05-QC/BTCTU-BDVTU" (DOMAIN.md §1)
            label, own, code, header = _joint(word, full, head, merged)
        issuers.append(
            Issuer(key, label, own, code, header, signature, "province", f"{scope}:{code}", types, province)
        )
    return tuple(issuers)


@functools.cache
def district_issuers(province: Place, district: Place) -> tuple[Issuer, ...]:
    """A district committee (Huyện ủy, Quận ủy, Thị ủy, Thành ủy) and its standing board."""
    word, code = DISTRICT_COMMITTEES[district.type]
    full = f"{word} {district.label}"  # "Huyện ủy Đức Thọ", "Quận ủy Quận 1"
    head = (_unit_words(province), upper(full))
    scope = f"{district.edition}:{province.code}:{district.code}:{code}"
    return (
        Issuer(
            "cap",
            full,
            word,
            code,
            head,
            ((f"T/M {upper(word)}", "BÍ THƯ"),),
            "district",
            scope,
            (("NQ", 2), ("CTr", 3)),
            province,
            district,
        ),
        Issuer(
            "btv",
            f"Ban Thường vụ {full}",
            f"Ban Thường vụ {word}",
            code,
            head,
            _BOARD_SIGN,
            "district",
            scope,
            (("KH", 6), ("KL", 2), ("BC", 2), ("CT", 1), ("TB", 1)),
            province,
            district,
        ),
    )


@functools.cache
def commune_issuers(province: Place, commune: Place) -> tuple[Issuer, ...]:
    """A commune Party committee (from 1 July 2025) and its standing board."""
    word = COMMUNE_COMMITTEES[commune.type]
    full = f"{word} {commune.name}"
    head = (_unit_words(province), upper(full))
    scope = f"{commune.edition}:{province.code}:{commune.code}:ĐU"
    return (
        Issuer(
            "cap",
            full,
            "Đảng ủy",
            "ĐU",
            head,
            (("T/M ĐẢNG ỦY", "BÍ THƯ"),),
            "commune",
            scope,
            (("NQ", 2), ("KH", 4), ("CTr", 2), ("BC", 1)),
            province,
            commune,
        ),
        Issuer(
            "btv",
            f"Ban Thường vụ {full}",
            "Ban Thường vụ Đảng ủy",
            "ĐU",
            head,
            _BOARD_SIGN,
            "commune",
            scope,
            (("KH", 4), ("KL", 2), ("TB", 1)),
            province,
            commune,
        ),
    )
