"""The gold of the synthetic corpus, in the format of ``../shared/seeds/gold.json`` (read by
:mod:`graph.gold`).

Each file's annotation is gathered while its text is written (:class:`FileGold`): the documents it mentions
with what the text states about them (a date or an issuer it does not state stays null), the relations it
states (``THIS`` = the text's own document), the places it names and the pilot models. Evidence and surface
strings are exact substrings of the text as it is read back (NFC): the per-file text hazards are applied to
them as to the text. :class:`GoldWriter` streams the entries to ``gold.json`` so that no more than one file's
annotation is ever held.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from graph.localities import Place

__all__ = ["ABOUT", "THIS", "FileGold", "GoldWriter"]

THIS = "THIS"
ABOUT = (
    "Synthetic corpus written by graph.synth (scripts/synth_corpus.py): what each text states, recorded as "
    "the text was written. Format of seeds/gold.json: documents normalised NUMBER-TYPE/ISSUER, NFC; 'THIS' "
    "is the text's own document; dates and issuers a text does not state are null. Relations: implements, "
    "continues, summarises, guides, concretises, institutionalises, amends, replaces, repeals, based_on, "
    "cites. Localities are (name, level) of every place the main text names, with the code and the edition "
    "of the code list in force when the place acted (the text's date; for a place named as the issuer of an "
    "older document, that document's date). 'hazards' lists the text hazards (DOMAIN.md §8) of the file, "
    "'styles' the layout choices made (layout:columns, subject-after-blank-line, plenum-header ...)."
)


class FileGold:
    """The annotation of one file, filled in while its text is written."""

    def __init__(self, file: str, kind: str) -> None:
        self.file, self.kind = file, kind
        self.this: dict[str, Any] | None = None
        self.published: str | None = None
        self.docs: dict[str, dict[str, Any]] = {}
        self.relations: list[dict[str, str]] = []
        self._pairs: set[tuple[str, str]] = set()
        self.places: dict[tuple[str, str], dict[str, str]] = {}
        self.models: list[dict[str, Any]] = []
        self.plenum_refs: list[dict[str, Any]] = []
        self.hazards: list[str] = []
        self.styles: list[str] = []  # layout choices: "layout:columns", "subject-after-blank-line" ...
        self.encoding = "utf-8"

    def document(
        self, number: str, type_word: str, surface: str, issuer: str | None = None, day: str | None = None
    ) -> None:
        """A document the text mentions; what a later mention states fills what an earlier one left out."""
        entry = self.docs.setdefault(
            number, {"number": number, "surface": [], "type": type_word, "issuer": None, "date": None}
        )
        if surface not in entry["surface"]:
            entry["surface"].append(surface)
        entry["issuer"] = entry["issuer"] or issuer
        entry["date"] = entry["date"] or day

    def relate(self, source: str, relation: str, target: str, evidence: str) -> None:
        """A relation the text states; the first one stated for a (source, target) pair counts."""
        if source == target or (source, target) in self._pairs:
            return
        self._pairs.add((source, target))
        self.relations.append(
            {"source": source, "relation": relation, "target": target, "evidence": evidence}
        )

    def has_relation(self, source: str, target: str) -> bool:
        return (source, target) in self._pairs

    def place(self, place: Place, role: str = "mentioned") -> None:
        """A place the main text names, with its code in the edition of the code list it was taken from."""
        self.places.setdefault(
            (place.name, place.level),
            {
                "name": place.name,
                "level": place.level,
                "role": role,
                "code": place.code,
                "edition": place.edition,
            },
        )

    def strings(self) -> list[str]:
        """Every evidence and surface string recorded so far (they must stay whole in the text)."""
        found = [r["evidence"] for r in self.relations] + [m["evidence"] for m in self.models]
        return found + [s for d in self.docs.values() for s in d["surface"]]

    def model(self, **fields: Any) -> None:
        self.models.append(fields)

    def _with_submissions(self) -> list[dict[str, str]]:
        """The relations, and what a document based on a submission (Tờ trình) does through it: "(Tờ trình
        số 175-TTr/BTCTW ...) về sơ kết thực hiện Kết luận số 34-KL/TW" makes the notice summarise 34-KL/TW
        too (seed 000)."""
        added = []
        for based in self.relations:
            if based["relation"] != "based_on" or "-TTr/" not in based["target"]:
                continue
            for done in self.relations:
                pair = (based["source"], done["target"])
                if done["source"] == based["target"] and pair not in self._pairs and pair[0] != pair[1]:
                    self._pairs.add(pair)
                    added.append({**done, "source": based["source"]})
        return self.relations + added

    def entry(self, transform: Callable[[str], str]) -> dict[str, Any]:
        """The JSON entry; ``transform`` (the file's text hazards) is applied to evidence and surfaces."""
        docs = [{**d, "surface": [transform(s) for s in d["surface"]]} for d in self.docs.values()]
        relations = [{**r, "evidence": transform(r["evidence"])} for r in self._with_submissions()]
        models = [{**m, "evidence": transform(m["evidence"])} for m in self.models]
        entry: dict[str, Any] = {"file": self.file, "kind": self.kind, "this": self.this}
        if self.published:
            entry["published"] = self.published
        entry.update(
            documents=docs,
            plenum_refs=[{**p, "surface": transform(p["surface"])} for p in self.plenum_refs],
            relations=relations,
            localities=list(self.places.values()),
            models=models,
            hazards=self.hazards,
            styles=self.styles,
            encoding=self.encoding,
        )
        return entry


class GoldWriter:
    """Writes ``{"about": ..., "files": [...]}`` one entry at a time."""

    def __init__(self, path: Path, about: str = ABOUT) -> None:
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        self._handle.write('{\n"about": ' + json.dumps(about, ensure_ascii=False) + ',\n"files": [\n')
        self._first = True

    def add(self, entry: dict[str, Any]) -> None:
        self._handle.write(("" if self._first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self._first = False

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.write("\n]\n}\n")
            self._handle.close()

    def __enter__(self) -> GoldWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
