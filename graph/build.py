"""Extractions + resolution + curation -> an RDF graph with provenance. No regexes here.

Every fact read from a text points to its span (:mod:`graph.provenance`); every curated fact points to
its curation record. IRI patterns are documented in ontology/README.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rdflib import Dataset, Graph, Literal, URIRef

from graph.curation import CuratedAttribute, CuratedRelation, Curation, DocRef
from graph.doctypes import concept_code, labels
from graph.extract.bodies import BodyInfo, provincial_committee, resolve_body, unit_name
from graph.model import THIS, Extraction
from graph.namespaces import DCTERMS, DG, DGID, DOCTYPE, LEVEL, ORG, RDF, RDFS, SKOS, XSD, bind_prefixes
from graph.places import PlaceRef, Places
from graph.provenance import add_curation_record, add_span, source_iri
from graph.quads import GraphSink, QuadSet
from graph.resolve import Entry, Resolution, ResolvedDocument
from graph.sources import SourceText
from graph.text import slug

__all__ = [
    "CORPUS_GRAPH",
    "CURATION_GRAPH",
    "PREDICATES",
    "BuildInput",
    "build_graph",
    "build_quads",
    "source_graph",
    "union",
]

#: relation name (extraction contract) -> ontology property
PREDICATES = {
    "implements": DG.implements,
    "continues": DG.continues,
    "summarises": DG.summarises,
    "based_on": DG.basedOn,
    "guides": DG.guides,
    "concretises": DG.concretises,
    "institutionalises": DG.institutionalises,
    "amends": DG.amends,
    "replaces": DG.replaces,
    "repeals": DG.repeals,
    "cites": DG.cites,
}
_CURATED_ATTRIBUTE = {
    "date": DG.dateIssued,
    "date_not_before": DG.dateNotBefore,
    "date_not_after": DG.dateNotAfter,
    "title": DG.title,
}


@dataclass(slots=True)
class BuildInput:
    texts: Sequence[tuple[SourceText, Extraction]]
    resolution: Resolution
    curation: Curation
    places: Places
    warnings: list[str] = field(default_factory=list)


#: on_source(source, graph): a source's named graph is complete.
SourceDone = Callable[[SourceText, GraphSink], None]

#: Named graphs: what was read from one source; the curated facts; the resolved corpus entities.
CORPUS_GRAPH = DGID["graph/corpus"]
CURATION_GRAPH = DGID["graph/curation"]


def source_graph(sha256: str) -> URIRef:
    return DGID[f"graph/source/{sha256[:16]}"]


def build_graph(data: BuildInput) -> Dataset:
    """The whole corpus as an rdflib dataset (queried as the union of its named graphs): one graph per
    source text holds what was extracted from it, one the curated facts, one the resolved documents,
    bodies, terms and localities. The build itself uses :func:`build_quads`."""
    return build_quads(data).to_dataset()


def build_quads(data: BuildInput, on_source: SourceDone | None = None) -> QuadSet:
    """The same named graphs as :func:`build_graph`, in a :class:`~graph.quads.QuadSet` (fast to fill, to
    write and to project; no rdflib store). With ``on_source``, each source's graph is handed over as soon
    as it is complete (in graph IRI order); the callback may drop it from the set to save memory."""
    dataset = QuadSet()
    _Builder(dataset, data, on_source).run()
    return dataset


def union(dataset: Graph) -> Graph:
    """A plain graph of every triple of a dataset (a plain graph is returned as it is)."""
    if not isinstance(dataset, Dataset):
        return dataset
    graph = Graph()
    bind_prefixes(graph)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYearMonth)


def _unit_name(committee: str, name: str) -> str:
    """A place's name after a committee that already ends with its type word: "Đảng ủy phường" and
    "Phường 12" make "Đảng ủy phường 12"; "Quận ủy" and "Quận 1" stay "Quận ủy Quận 1"."""
    word = committee.rpartition(" ")[2]
    if name[: len(word) + 1].lower() == f"{word.lower()} ":
        return name[len(word) + 1 :]
    return name


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class _Builder:
    """Writes to ``self.corpus`` (resolved entities) and ``self.g`` (the graph of the source or curation
    file at hand); looks up in ``self.ds``, the union."""

    def __init__(self, dataset: QuadSet, data: BuildInput, on_source: SourceDone | None = None) -> None:
        self.ds = dataset
        self.corpus = dataset.graph(CORPUS_GRAPH)
        self.g = self.corpus
        self.data = data
        self.texts = {src.name: (src, ext) for src, ext in data.texts}
        self.on_source = on_source
        # source name -> the documents it expresses or mentions, written with that source's graph
        self.pending: dict[str, list[tuple[URIRef, Entry]]] = {}

    def run(self) -> None:
        # One source's graph at a time, in graph IRI order (byte-identical texts share one graph): when
        # ``on_source`` is given it receives each finished graph, which may then be let go, and so may
        # the source's text (read back here: SourceText.reload).
        ordered = sorted(self.data.texts, key=lambda t: (t[0].sha256, t[0].name))
        for doc in self.data.resolution.documents.values():
            self._document(doc)
        for i, (src, ext) in enumerate(ordered):
            src.reload()
            self.g = self.ds.graph(source_graph(src.sha256))
            self._source(src, ext)
            self._mentions(src)
            self._relations(src, ext)
            self._own_details(src, ext)
            self._models(src, ext)
            last = i + 1 == len(ordered) or ordered[i + 1][0].sha256 != src.sha256
            if last and self.on_source is not None:
                self.on_source(src, self.g)
        self.g = self.ds.graph(CURATION_GRAPH)
        for rel in self.data.curation.relations:
            self._curated_relation(rel)
        for attr in self.data.curation.attributes:
            self._curated_attribute(attr)

    # --- sources and documents ------------------------------------------------------------------------
    def _source(self, src: SourceText, ext: Extraction) -> None:
        node = source_iri(src.sha256)
        g = self.g
        g.add((node, RDF.type, DG.SourceText))
        g.add((node, DG.fileName, Literal(src.name)))
        g.add((node, DG.sha256, Literal(src.sha256)))
        g.add((node, DG.characterCount, Literal(len(src.text), datatype=XSD.integer)))
        g.add((node, DG.textKind, Literal(ext.kind)))
        g.add((node, DCTERMS.format, Literal(src.media_type)))
        if ext.published:
            g.add((node, DG.publishedOn, _date(ext.published)))

    def _document(self, doc: ResolvedDocument) -> None:
        g, node = self.corpus, DGID[doc.path]
        g.add((node, RDF.type, DG.StateDocument if doc.kind == "state" else DG.PartyDocument))
        if doc.number:
            serial, _, rest = doc.number.partition("-") if doc.kind == "party" else (doc.number, "", "")
            g.add((node, DG.number, Literal(doc.number)))
            if doc.kind == "party":
                g.add((node, DG.serial, Literal(serial)))
                g.add((node, DG.typeCode, Literal(rest.partition("/")[0])))
                g.add((node, DG.issuerCode, Literal(rest.partition("/")[2])))
        code = concept_code(doc.type, doc.type_code)
        if code is not None:
            g.add((node, DG.documentType, DOCTYPE[code]))
        self._labels(node, doc, code)
        if doc.date and len(doc.date) == 10:
            g.add((node, DG.dateIssued, _date(doc.date)))
        if doc.title:
            g.add((node, DG.title, Literal(doc.title, lang="vi")))
        issuer = self._issuer(doc)
        if issuer is not None:
            g.add((node, DG.issuer, issuer))
        self._term_and_plenum(node, doc)
        for note in doc.notes:
            g.add((node, DG.note, Literal(note, lang="en")))
        for entry in doc.entries:
            self.pending.setdefault(entry.source, []).append((node, entry))

    def _mentions(self, src: SourceText) -> None:
        """Where the documents are expressed or mentioned in ``src``, with the span of each mention."""
        where = self.g
        for node, entry in self.pending.pop(src.name, ()):
            where.add((node, DG.expressedIn if entry.own else DG.mentionedIn, source_iri(src.sha256)))
            for span in entry.doc.mentions:
                where.add((node, DG.mention, add_span(where, src.sha256, src.text, span)))

    def _labels(self, node: URIRef, doc: ResolvedDocument, code: str | None) -> None:
        vi, en = labels(code) if code else (doc.type or "Văn bản", "Document")
        if doc.number:
            self.corpus.add((node, RDFS.label, Literal(f"{vi} {doc.number}", lang="vi")))
            self.corpus.add((node, RDFS.label, Literal(f"{en} {doc.number}", lang="en")))
            return
        what = doc.title or (f"{vi} Hội nghị Trung ương {doc.plenum}" if doc.plenum else vi)
        term = f" khóa {doc.term}" if doc.term and doc.plenum else ""
        self.corpus.add(
            (node, RDFS.label, Literal(f"{what}{term}" if doc.plenum else f"{vi}: {what}", lang="vi"))
        )
        english = (
            f"{en} of plenum {doc.plenum}, term {doc.term or '?'}" if doc.plenum else f"{en} (unnumbered)"
        )
        self.corpus.add((node, RDFS.label, Literal(english, lang="en")))

    def _issuer(self, doc: ResolvedDocument) -> URIRef | None:
        if not doc.issuer:
            return None
        body = resolve_body(doc.issuer)
        if body is None:
            return None
        sha = doc.entries[0].sha16 if doc.entries else "0" * 16
        return self.body(body, doc.province or body.province, date=doc.date, unknown_key=sha)

    def body(
        self,
        body: BodyInfo,
        province: str | None,
        *,
        date: str | None,
        unknown_key: str,
        district: str | None = None,
        place: PlaceRef | None = None,
    ) -> URIRef:
        """Mint (once) the IRI of a body; provincial bodies of an unnamed province stay apart per text."""
        g = self.corpus
        parent_key = body.parent
        if body.level == "central":
            node = DGID[f"body/tw/{body.key}"]
            place = None
        else:
            place = place or self._body_place(body, province, district or body.district, date)
            if province is None and place is not None and place.parent is not None:
                province = place.parent.name  # "Văn phòng Huyện ủy Củ Chi": the district says its province
            where = f"{place.level}/{place.code}" if place else f"{body.level}/unknown-{unknown_key}"
            node = DGID[f"body/{where}/{body.key}"]
            if parent_key == "tinh-uy":  # a district's committee: under a Thành ủy in a central city
                parent_key = provincial_committee(province)
        if (node, RDF.type, DG.PartyBody) in g:
            return node
        g.add((node, RDF.type, DG.PartyBody))
        suffix_vi = f" {_unit_name(body.vi, place.name)}" if place else ""
        g.add((node, SKOS.prefLabel, Literal(f"{body.vi}{suffix_vi}", lang="vi")))
        g.add((node, SKOS.prefLabel, Literal(f"{body.en}{f' ({place.name})' if place else ''}", lang="en")))
        g.add(
            (
                node,
                DG.level,
                LEVEL[body.level if body.level in ("central", "province", "district") else "commune"],
            )
        )
        if body.code:
            g.add((node, DG.bodyCode, Literal(body.code)))
        if place is not None:
            g.add((node, DG.locality, self.place(place)))
        elif body.level != "central":
            g.add((node, DG.localityUnknown, Literal(True)))
        if parent_key:
            parent_info = resolve_body_key(parent_key)
            if parent_info is not None:
                # an organ of its own unit's committee (the standing board of Huyện ủy Kỳ Anh, of Thành ủy
                # Thủ Đức) shares its place and level; a committee above it finds its own
                same = body.key.endswith(f"-{parent_key}")
                if same and parent_info.level != body.level:  # "thanh-uy": a province's, or a city's
                    above = parent_info.parent or "tinh-uy"
                    parent_info = replace(parent_info, level=body.level, parent=above)
                up = self.body(
                    parent_info,
                    province,
                    date=date,
                    unknown_key=unknown_key,
                    district=district or body.district,
                    place=place if same else None,
                )
                if up != node:  # a district's Thành ủy (Thủ Đức) under the province's: not under itself
                    g.add((node, ORG.subOrganizationOf, up))
        return node

    def _body_place(
        self, body: BodyInfo, province: str | None, district: str | None, date: str | None
    ) -> PlaceRef | None:
        if body.level == "district" and district:
            # the committee says the unit's type: "Huyện ủy Kỳ Anh" is the huyện, not the thị xã Kỳ Anh
            return self.data.places.district(unit_name(body, district), province, date)
        if body.level == "commune":  # its own commune, or none: never the province all its communes share
            return self.data.places.commune(district, province, date) if district else None
        return self.data.places.province(province, date) if province else None

    def place(self, ref: PlaceRef) -> URIRef:
        node = DGID[ref.path]
        g = self.corpus
        if (node, RDF.type, DG.Locality) in g:
            return node
        g.add((node, RDF.type, DG.Locality))
        g.add((node, SKOS.prefLabel, Literal(ref.name, lang="vi")))
        g.add((node, DG.level, LEVEL[ref.level]))
        g.add((node, DG.officialCode, Literal(ref.code)))
        edition = DGID[f"code-list/{ref.edition}"]
        g.add((node, DG.codeListEdition, edition))
        if (edition, RDF.type, DG.CodeListEdition) not in g:
            self._edition(edition, ref.edition)
        if ref.parent is not None:
            g.add((node, DG.parentLocality, self.place(ref.parent)))
        if ref.last_listed is not None:
            g.add((node, DG.lastListed, _date(ref.last_listed)))
        return node

    def _edition(self, node: URIRef, edition_id: str) -> None:
        info = self.data.places.edition(edition_id)
        g = self.corpus
        g.add((node, RDF.type, DG.CodeListEdition))
        g.add((node, RDFS.label, Literal(info.vi, lang="vi")))
        g.add((node, RDFS.label, Literal(info.en, lang="en")))
        if info.valid_from:
            g.add((node, DG.validFrom, _date(info.valid_from)))
        if info.valid_until:
            g.add((node, DG.validUntil, _date(info.valid_until)))
        g.add((node, DCTERMS.source, Literal(info.source)))

    def _term_and_plenum(self, node: URIRef, doc: ResolvedDocument) -> None:
        if not doc.term or doc.scope[0] != "tw":
            return
        g = self.corpus
        term = DGID[f"term/tw/{slug(doc.term)}"]
        g.add((node, DG.term, term))
        if (term, RDF.type, DG.CommitteeTerm) not in g:
            g.add((term, RDF.type, DG.CommitteeTerm))
            g.add((term, DG.termNumber, Literal(doc.term)))
            g.add((term, RDFS.label, Literal(f"khóa {doc.term}", lang="vi")))
            g.add((term, RDFS.label, Literal(f"term {doc.term}", lang="en")))
            central = resolve_body_key("ban-chap-hanh-trung-uong")
            if central is not None:
                g.add((term, DG.ofBody, self.body(central, None, date=None, unknown_key="")))
        if doc.plenum:
            plenum = DGID[f"plenum/tw/{slug(doc.term)}/{doc.plenum}"]
            g.add((node, DG.plenum, plenum))
            g.add((plenum, RDF.type, DG.Plenum))
            g.add((plenum, DG.plenumNumber, Literal(doc.plenum, datatype=XSD.integer)))
            g.add((plenum, DG.ofTerm, term))
            g.add(
                (plenum, RDFS.label, Literal(f"Hội nghị Trung ương {doc.plenum} khóa {doc.term}", lang="vi"))
            )
            g.add((plenum, RDFS.label, Literal(f"Plenum {doc.plenum} of term {doc.term}", lang="en")))

    # --- relations --------------------------------------------------------------------------------------
    def doc_iri(self, source: str, key: str) -> URIRef | None:
        path = self.data.resolution.keys.get((source, key))
        return DGID[path] if path else None

    def _relations(self, src: SourceText, ext: Extraction) -> None:
        for rel in ext.relations:
            subject, obj = self.doc_iri(src.name, rel.source), self.doc_iri(src.name, rel.target)
            if subject is None or obj is None or subject == obj:
                self.data.warnings.append(
                    f"{src.name}: relation {rel.source} {rel.relation} {rel.target} names a document "
                    "that was not resolved; left out."
                )
                continue
            node = self._relation_node(subject, rel.relation, obj, "extracted")
            self.g.add((node, DG.origin, DG.Extracted))
            self.g.add((node, DG.evidence, add_span(self.g, src.sha256, src.text, rel.evidence)))

    def _relation_node(self, subject: URIRef, relation: str, obj: URIRef, origin: str) -> URIRef:
        g, predicate = self.g, PREDICATES[relation]
        node = DGID[f"rel/{_hash(str(subject), relation, str(obj), origin)}"]
        g.add((subject, predicate, obj))
        g.add((subject, DG.qualifiedRelation, node))
        g.add((node, RDF.type, DG.DocumentRelation))
        g.add((node, DG.fromDocument, subject))
        g.add((node, DG.toDocument, obj))
        g.add((node, DG.relationType, predicate))
        return node

    def _curated_relation(self, rel: CuratedRelation) -> None:
        subject, obj = self.find(rel.source, rel), self.find(rel.target, rel)
        node = self._relation_node(subject, rel.relation, obj, "curated")
        self.g.add((node, DG.origin, DG.Curated))
        record = add_curation_record(self.g, rel.id, rel.citation, rel.file, rel.line)
        self.g.add((node, DG.curation, record))

    def _curated_attribute(self, attr: CuratedAttribute) -> None:
        node = self.find(attr.document, attr)
        record = add_curation_record(self.g, attr.id, attr.citation, attr.file, attr.line)
        if attr.attribute == "province":
            self._curate_province(node, attr, record)
            return
        predicate = _CURATED_ATTRIBUTE[attr.attribute]
        value = Literal(attr.value, lang="vi") if attr.attribute == "title" else _date(attr.value)
        self.g.add((node, predicate, value))
        self.g.add((record, RDF.type, RDF.Statement))
        self.g.add((record, RDF.subject, node))
        self.g.add((record, RDF.predicate, predicate))
        self.g.add((record, RDF.object, value))

    def _curate_province(self, node: URIRef, attr: CuratedAttribute, record: URIRef) -> None:
        """A curated province for a document whose text does not name it: its issuer gets the locality."""
        from graph.errors import CurationError

        issuer = self.ds.value(node, DG.issuer)
        date = self.ds.value(node, DG.dateIssued)
        place = self.data.places.province(attr.value, str(date) if date is not None else None)
        if place is None or not isinstance(issuer, URIRef):
            raise CurationError(
                f"fact {attr.id!r}: {attr.value!r} is not a province, or the document has "
                "no issuer to place.",
                path=attr.file,
                line=attr.line,
            )
        locality = self.place(place)
        self.corpus.remove((issuer, DG.localityUnknown, None))
        self.g.add((issuer, DG.locality, locality))
        self.g.add((record, RDF.type, RDF.Statement))
        self.g.add((record, RDF.subject, issuer))
        self.g.add((record, RDF.predicate, DG.locality))
        self.g.add((record, RDF.object, locality))

    def find(self, ref: DocRef, fact: CuratedRelation | CuratedAttribute) -> URIRef:
        from graph.errors import CurationError

        if ref.source is not None:
            node = self.doc_iri(ref.source, THIS)
            if node is None:
                raise CurationError(
                    f"fact {fact.id!r}: {ref.source} is not a source of this build, or it is not a document.",
                    path=fact.file,
                    line=fact.line,
                )
            return node
        found = self.data.resolution.find(ref.number or "", date=ref.date, province=ref.province)
        if len(found) == 1:
            return DGID[found[0].path]
        what = "no document" if not found else f"{len(found)} documents"
        raise CurationError(
            f"fact {fact.id!r} is about {ref.describe()}, but the corpus has {what} of that number.",
            path=fact.file,
            line=fact.line,
            hint="Check the number, or add `date:` / `province:` to pick one."
            if found
            else "Check the number; a curated fact can only be about a document some source names.",
        )

    # --- own-document details and models -------------------------------------------------------------------
    def _own_details(self, src: SourceText, ext: Extraction) -> None:
        own = ext.document
        node = self.doc_iri(src.name, THIS)
        if own is None or node is None:
            return
        from graph.build_details import add_own_details

        add_own_details(self, node, src, ext, own)

    def _models(self, src: SourceText, ext: Extraction) -> None:
        from graph.build_details import add_model

        for model in ext.models:
            add_model(self, src, ext, model)


def resolve_body_key(key: str | None) -> BodyInfo | None:
    """A body from its key (the keys of graph/data/bodies.yaml)."""
    if not key:
        return None
    from graph.extract.bodies import body_by_key

    return body_by_key(key)
