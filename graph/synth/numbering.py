"""Serial numbers: one sequence per issuing scope, printed type code and term (DOMAIN.md §1).

The Central Committee, the Politburo and the Secretariat share the code TW and so one sequence per type and
Congress term; a local committee numbers within its own term. So the same printed number recurs across terms
("34-KL/TW" of 2018 and of 2022) and across provinces ("12-KH/TU" of every province): that is what resolution
must keep apart. Within a sequence serials grow with the date. A corpus holds only a sample of the documents,
so serials advance by random gaps. Real documents keep their serials, and synthetic ones of the same sequence
fill the gaps between them in date order (beyond the last one when a gap is too narrow).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from graph.synth.calendar import local_term_of, term_of

if TYPE_CHECKING:
    from graph.synth.world import Doc

__all__ = ["assign_numbers", "sequence_key"]

_GAP = {"central": 3, "province": 7, "district": 5, "commune": 3}


def sequence_key(doc: Doc) -> tuple[str, str, str]:
    """(scope, printed type code, term) of the sequence a document is numbered in."""
    central = doc.issuer.level == "central"
    term = term_of(doc.day) if central else str(local_term_of(doc.day))
    return doc.issuer.scope, doc.type_code, term


def assign_numbers(rng: random.Random, docs: Sequence[Doc]) -> None:
    """Give every document without a fixed serial one, sequence by sequence in date order."""
    groups: dict[tuple[str, str, str], list[Doc]] = {}
    for doc in docs:
        groups.setdefault(sequence_key(doc), []).append(doc)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda d: (d.day, d.idx))
        gap = _GAP[group[0].issuer.level]
        used = {d.serial for d in group if d.fixed}
        pending: list[Doc] = []
        low = 0
        for doc in group:
            if doc.fixed:
                _fill(rng, pending, low, doc.serial, used, gap)
                pending, low = [], max(low, doc.serial)
            else:
                pending.append(doc)
        _fill(rng, pending, low, None, used, gap)


def _fill(rng: random.Random, docs: list[Doc], low: int, high: int | None, used: set[int], gap: int) -> None:
    """Serials above ``low`` (and below ``high``, when there is room) for ``docs``, in order."""
    if not docs:
        return
    if high is not None:
        free = [s for s in range(low + 1, high) if s not in used]
        if len(free) >= len(docs):
            for doc, serial in zip(docs, sorted(rng.sample(free, len(docs))), strict=True):
                doc.serial = serial
                used.add(serial)
            return
        low = max(used)
    serial = low
    for doc in docs:
        serial += rng.randint(1, gap)
        while serial in used:
            serial += 1
        doc.serial = serial
        used.add(serial)
