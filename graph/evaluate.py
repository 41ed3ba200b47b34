"""Score extraction against hand annotations: a gold file in the format of ``seeds/gold.json``.

For every ``files[]`` entry the text ``TEXTS/file`` is read (:func:`graph.sources.read_source`) and extracted
(:func:`graph.extract.extract_text`), and the extraction is compared with the annotation. Counts are summed
over all files (micro-average) and kept per file. The rules:

- **documents**: precision / recall / F1 over document numbers, normalised on both sides by
  :func:`graph.extract.numbers.normalise_number`; only documents with a number count (a gold entry with
  ``"number": null`` and a predicted plenum reference are left out). On matched documents:

  - *type*: the type concept (:func:`graph.doctypes.concept_code` of the type word and the number's type
    code) on both sides; when either side has none, the folded type words are compared;
  - *issuer*: scored only where the gold issuer is not null. Both labels are resolved to a body
    (:func:`graph.extract.bodies.resolve_body`) and the body keys compared ("Ban Chấp hành Trung ương Đảng
    khoá XII" and "Ban Chấp hành Trung ương Đảng" are the same body), and so are the province and the
    district or commune where the gold names them ("Ban Thường vụ Tỉnh ủy" is not "Ban Thường vụ Tỉnh ủy
    Quảng Ninh"); when either does not resolve, the folded labels must be equal. A predicted null is wrong;
  - *date*: the ISO strings must be equal; a gold null is matched only by a predicted null.

- **relations**: precision / recall / F1 over (source, target) pairs. A gold ``THIS`` stands for the gold
  file's ``this.number`` (``THIS`` when that is null), a predicted ``THIS`` for the predicted own document's
  number; numbers are normalised as above. On matched pairs, *type accuracy* compares the relation type (the
  first one given for a pair, on either side).
- **localities**: precision / recall / F1 over (folded name without its type word, level) pairs: "Quận 1"
  and "1" are one name.
- **models**: *recall*. Gold models are taken in order; each is found by a predicted model not yet taken,
  first one whose evidence span, in the text, lies within or overlaps the first piece of the gold evidence
  (split at ``...``; compared on :func:`graph.text.match_view`), else one whose name's folded words cover at
  least 60% of the gold name's folded words. On found models, *status accuracy* compares the statuses,
  *locality accuracy* the units they are tied to (names compared as for localities; a gold model without
  one is matched only by a predicted model without one), *deadline accuracy* the deadlines likewise.

A ratio with nothing to count (no predictions for a precision) is ``None``, never 0 or 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from graph.doctypes import concept_code
from graph.errors import SourceError
from graph.extract import extract_text
from graph.extract.bodies import resolve_body
from graph.extract.numbers import find_numbers, normalise_number
from graph.gold import GoldDocument, GoldError, GoldFile, GoldModel, load_gold
from graph.localities import split_prefix
from graph.model import THIS, CitedDocument, Extraction, ModelMention, contract_relations
from graph.sources import read_source
from graph.text import fold, match_view, nfc

__all__ = [
    "Accuracy",
    "Counts",
    "FileScores",
    "GoldError",
    "Metric",
    "Scores",
    "evaluate",
    "format_table",
    "score_extraction",
]

#: Share of the gold model name's folded words a predicted name must carry to find it.
NAME_OVERLAP = 0.6


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives (spurious) and false negatives (missed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall; None when nothing counts."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Metric:
    name: str  # "documents.f1"
    value: float | None
    support: int  # how many items the value is over: predictions for a precision, gold items otherwise


@dataclass(frozen=True, slots=True)
class FileScores:
    """The counts for one file, or (``file == "(all)"``) summed over all files."""

    file: str
    documents: Counts = Counts()
    types: Accuracy = Accuracy()
    issuers: Accuracy = Accuracy()
    dates: Accuracy = Accuracy()
    relations: Counts = Counts()
    relation_types: Accuracy = Accuracy()
    localities: Counts = Counts()
    models: Accuracy = Accuracy()  # found / gold models
    model_statuses: Accuracy = Accuracy()
    model_localities: Accuracy = Accuracy()
    model_deadlines: Accuracy = Accuracy()
    notes: tuple[str, ...] = ()  # what differed: "missed document 21-NQ/TW", ...

    def __add__(self, other: FileScores) -> FileScores:
        summed = {f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)[1:-1]}
        return FileScores("(all)", **summed)

    def metrics(self) -> tuple[Metric, ...]:
        """One row per metric, in a fixed order."""
        return (
            *_prf("documents", self.documents),
            _acc("documents.type_accuracy", self.types),
            _acc("documents.issuer_accuracy", self.issuers),
            _acc("documents.date_accuracy", self.dates),
            *_prf("relations", self.relations),
            _acc("relations.type_accuracy", self.relation_types),
            *_prf("localities", self.localities),
            _acc("models.recall", self.models),
            _acc("models.status_accuracy", self.model_statuses),
            _acc("models.locality_accuracy", self.model_localities),
            _acc("models.deadline_accuracy", self.model_deadlines),
        )

    def to_json(self) -> dict[str, Any]:
        counts = {f.name: asdict(getattr(self, f.name)) for f in fields(self)[1:-1]}
        metrics = {m.name: {"value": m.value, "support": m.support} for m in self.metrics()}
        return {"file": self.file, "metrics": metrics, "counts": counts, "notes": list(self.notes)}


def _prf(prefix: str, counts: Counts) -> tuple[Metric, Metric, Metric]:
    gold = counts.tp + counts.fn
    return (
        Metric(f"{prefix}.precision", counts.precision, counts.tp + counts.fp),
        Metric(f"{prefix}.recall", counts.recall, gold),
        Metric(f"{prefix}.f1", counts.f1, gold),
    )


def _acc(name: str, accuracy: Accuracy) -> Metric:
    return Metric(name, accuracy.value, accuracy.total)


@dataclass(frozen=True, slots=True)
class Scores:
    gold: Path
    texts: Path
    total: FileScores  # micro-averaged: counts summed over all files
    files: tuple[FileScores, ...]

    def metrics(self) -> tuple[Metric, ...]:
        return self.total.metrics()

    def metric(self, name: str) -> Metric:
        """One metric of the total by name: ``scores.metric("documents.f1").value``."""
        for found in self.metrics():
            if found.name == name:
                return found
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": str(self.gold),
            "texts": str(self.texts),
            "total": self.total.to_json(),
            "files": [row.to_json() for row in self.files],
        }


def evaluate(gold_path: Path, texts_dir: Path) -> Scores:
    """Extract every text the gold file annotates (from ``texts_dir``) and score it against the annotation."""
    rows = []
    for index, entry in enumerate(load_gold(gold_path)):
        path = texts_dir / entry.file
        if not path.is_file():
            raise SourceError(
                f"no such text for gold entry files[{index}] ({entry.file!r} in {gold_path}).",
                path=path,
                hint="Pass --texts DIR with the folder that holds the annotated texts.",
            )
        src = read_source(path, texts_dir)
        rows.append(score_extraction(entry, extract_text(src.text, source=src.name, sha256=src.sha256)))
    total = sum(rows, FileScores("(all)"))
    return Scores(gold_path, texts_dir, total, tuple(rows))


def score_extraction(gold: GoldFile, ext: Extraction) -> FileScores:
    """Compare one extraction with its annotation."""
    notes: list[str] = []
    documents, types, issuers, dates = _documents(gold.documents, ext.documents, notes)
    relations, relation_types = _relations(gold, ext, notes)
    gold_places = {(_place_key(name), level) for name, level in gold.localities}
    found = {(_place_key(p.name), p.level) for p in ext.localities}
    localities = _compare(gold_places, found, "locality", notes)
    models = _models(gold.models, ext, notes)
    return FileScores(
        gold.file,
        documents,
        types,
        issuers,
        dates,
        relations,
        relation_types,
        localities,
        *models,
        tuple(notes),
    )


def _compare(gold: Iterable[object], predicted: Iterable[object], what: str, notes: list[str]) -> Counts:
    """Set comparison, noting what was missed and what was spurious."""
    want, got = set(gold), set(predicted)
    notes.extend(f"missed {what} {item}" for item in sorted(want - got, key=str))
    notes.extend(f"spurious {what} {item}" for item in sorted(got - want, key=str))
    return Counts(len(want & got), len(got - want), len(want - got))


def _place_key(name: str) -> str:
    """A locality's name for comparison: folded, without its type word ("Quận 1" and "1" are one name; the
    level is compared beside it)."""
    return fold(split_prefix(name)[1])


# --- documents --------------------------------------------------------------------------------------------


def _number_key(raw: str) -> str:
    """The normalised number in ``raw``, or ``raw`` itself (NFC, trimmed) when it holds none."""
    return normalise_number(raw) or nfc(raw).strip()


def _documents(
    gold: tuple[GoldDocument, ...], predicted: tuple[CitedDocument, ...], notes: list[str]
) -> tuple[Counts, Accuracy, Accuracy, Accuracy]:
    want = {_number_key(d.number): d for d in gold}
    got: dict[str, CitedDocument] = {}
    for doc in predicted:
        if doc.number:
            got.setdefault(_number_key(doc.number), doc)
    counts = _compare(want, got, "document", notes)
    types, issuers, dates = Accuracy(), Accuracy(), Accuracy()
    for key in sorted(want.keys() & got.keys()):
        g, p = want[key], got[key]
        types += _judge(_same_type(g, p), f"type of {key}: gold {g.type!r}, got {p.type!r}", notes)
        if g.issuer is not None:
            issuers += _judge(
                _same_issuer(g.issuer, p.issuer),
                f"issuer of {key}: gold {g.issuer!r}, got {p.issuer!r}",
                notes,
            )
        dates += _judge(g.date == p.date, f"date of {key}: gold {g.date}, got {p.date}", notes)
    return counts, types, issuers, dates


def _judge(correct: bool, note: str, notes: list[str]) -> Accuracy:
    if not correct:
        notes.append(note)
    return Accuracy(int(correct), 1)


def _type_code(number: str) -> str | None:
    found = find_numbers(match_view(nfc(number)))
    return found[0].type_code if found else None


def _same_type(gold: GoldDocument, predicted: CitedDocument) -> bool:
    want = concept_code(gold.type, _type_code(gold.number))
    got = concept_code(predicted.type, predicted.type_code)
    if want is not None and got is not None:
        return want == got
    return fold(gold.type or "") == fold(predicted.type or "")


def _same_issuer(gold: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    want, got = resolve_body(gold), resolve_body(predicted)
    if want is not None and got is not None:
        return want.key == got.key and all(
            _place_key(w) == _place_key(g or "")
            for w, g in ((want.province, got.province), (want.district, got.district))
            if w is not None
        )
    return fold(gold) == fold(predicted)


# --- relations --------------------------------------------------------------------------------------------


def _relations(gold: GoldFile, ext: Extraction, notes: list[str]) -> tuple[Counts, Accuracy]:
    own = ext.document.number if ext.document is not None else None
    want = _pairs(((r.source, r.target, r.relation) for r in gold.relations), gold.this_number)
    got = _pairs(((r.source, r.target, r.relation) for r in contract_relations(ext)), own)
    counts = _compare(want, got, "relation", notes)
    kinds = Accuracy()
    for pair in sorted(want.keys() & got.keys()):
        kinds += _judge(
            want[pair] == got[pair], f"relation {pair}: gold {want[pair]}, got {got[pair]}", notes
        )
    return counts, kinds


def _pairs(relations: Iterable[tuple[str, str, str]], own: str | None) -> dict[tuple[str, str], str]:
    """(source, target) -> the first relation type given for it; THIS stands for ``own`` when it is known."""
    pairs: dict[tuple[str, str], str] = {}
    for source, target, kind in relations:
        pair = (_endpoint(source, own), _endpoint(target, own))
        pairs.setdefault(pair, kind)
    return pairs


def _endpoint(key: str, own: str | None) -> str:
    if key == THIS:
        return _number_key(own) if own else THIS
    return _number_key(key)


# --- models -----------------------------------------------------------------------------------------------


def _models(
    gold: tuple[GoldModel, ...], ext: Extraction, notes: list[str]
) -> tuple[Accuracy, Accuracy, Accuracy, Accuracy]:
    """Gold models in order, each taking a free predicted model: by evidence first, else by name; (found,
    statuses, localities, deadlines)."""
    view = match_view(ext.text)
    free = list(ext.models)
    found, statuses, places, deadlines = Accuracy(), Accuracy(), Accuracy(), Accuracy()
    for model in gold:
        match = next((p for p in free if _evidence_overlaps(model, p, view)), None)
        match = match or next((p for p in free if _names_share(model, p)), None)
        found += _judge(match is not None, f"missed model {model.name!r}", notes)
        if match is None:
            continue
        free.remove(match)
        note = f"status of model {model.name!r}: gold {model.status}, got {match.status}"
        statuses += _judge(match.status == model.status, note, notes)
        want, got = (_place_key(x) if x else None for x in (model.locality, match.locality))
        note = f"locality of model {model.name!r}: gold {model.locality}, got {match.locality}"
        places += _judge(want == got, note, notes)
        note = f"deadline of model {model.name!r}: gold {model.deadline}, got {match.deadline}"
        deadlines += _judge(model.deadline == match.deadline, note, notes)
    return found, statuses, places, deadlines


def _evidence_overlaps(gold: GoldModel, predicted: ModelMention, view: str) -> bool:
    """The first piece of the gold evidence (split at "...") overlaps the predicted evidence in the text."""
    piece = match_view(nfc(gold.evidence.split("...")[0].strip()))
    if not piece:
        return False
    span = predicted.evidence
    if piece in match_view(span.text):
        return True
    return any(start < span.end and span.start < end for start, end in _occurrences(view, piece))


def _names_share(gold: GoldModel, predicted: ModelMention) -> bool:
    """The predicted name's folded words cover at least :data:`NAME_OVERLAP` of the gold name's."""
    want, got = set(fold(gold.name).split()), set(fold(predicted.name).split())
    return bool(want) and len(want & got) >= NAME_OVERLAP * len(want)


def _occurrences(text: str, piece: str) -> Iterator[tuple[int, int]]:
    at = text.find(piece)
    while at >= 0:
        yield at, at + len(piece)
        at = text.find(piece, at + 1)


# --- output -----------------------------------------------------------------------------------------------


def format_table(scores: Scores, *, per_file: bool = False) -> str:
    """The metrics as a text table (metric, value, support); with ``per_file``, a table per file follows."""
    lines = _table(scores.metrics())
    if per_file:
        for row in scores.files:
            lines += ["", f"file: {row.file}", *_table(row.metrics())]
            lines += [f"  note: {note}" for note in row.notes]
    return "\n".join(lines) + "\n"


def _table(metrics: Iterable[Metric]) -> list[str]:
    rows = [(m.name, "-" if m.value is None else f"{m.value:.3f}", str(m.support)) for m in metrics]
    width = max(len("metric"), *(len(name) for name, _, _ in rows))
    lines = [f"{'metric':<{width}}  {'value':>5}  {'support':>7}"]
    lines += [f"{name:<{width}}  {value:>5}  {support:>7}" for name, value, support in rows]
    return lines
