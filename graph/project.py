"""RDF -> NetworkX: documents and pilot-model decisions as nodes, typed relations as edges.

Edge direction follows the relation: ``u -> v`` when u implements (continues, summarises, ...) v, so
the documents that rely on a document are its predecessors. A ``decides`` edge goes from a document to
each model adoption (task) it sets. Node and edge attributes are plain strings, lists and dicts (the
schema in graph/render.py), ready for JSON.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.doctypes import labels
from graph.model import RELATION_TYPES
from graph.namespaces import DG, DOCTYPE, LEVEL, OA

__all__ = ["project"]

_RELATION_NAMES = {
    DG.implements: "implements",
    DG.continues: "continues",
    DG.summarises: "summarises",
    DG.basedOn: "based_on",
    DG.guides: "guides",
    DG.concretises: "concretises",
    DG.institutionalises: "institutionalises",
    DG.amends: "amends",
    DG.replaces: "replaces",
    DG.repeals: "repeals",
    DG.cites: "cites",
}


def _text(graph: Graph, node: object, predicate: URIRef, lang: str | None = "vi") -> str:
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]  # type: ignore[arg-type]
    if lang is not None:
        preferred = [v for v in values if v.language == lang]
        values = preferred or values
    return str(sorted(values)[0]) if values else ""


def project(graph: Graph, *, texts_dir: str = "texts") -> nx.DiGraph:
    """The document graph; ``texts_dir`` is where source texts sit relative to an HTML view."""
    g = nx.DiGraph()
    sources = {s: _copy_name(graph, s) for s in graph.subjects(RDF.type, DG.SourceText)}
    documents = _iris(graph, DG.PartyDocument) + _iris(graph, DG.StateDocument)
    for doc in sorted(documents):
        g.add_node(str(doc), **_document(graph, doc, sources, texts_dir))
    for rel in _iris(graph, DG.DocumentRelation):
        _add_relation(g, graph, rel, sources, texts_dir)
    for adoption in _iris(graph, DG.ModelAdoption):
        _add_adoption(g, graph, adoption)
    return g


def _copy_name(graph: Graph, source: Any) -> str:
    """The file name of a source's NFC copy in the texts folder (see graph.pipeline.text_copy_name)."""
    from rdflib.namespace import DCTERMS

    name = _text(graph, source, DG.fileName, None)
    plain = _text(graph, source, DCTERMS.format, None) in ("text/plain", "text/markdown", "")
    return name if plain else f"{name}.txt"


def _iris(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _document(graph: Graph, doc: URIRef, sources: dict[Any, str], texts_dir: str) -> dict[str, Any]:
    number = _text(graph, doc, DG.number, None)
    type_iri = graph.value(doc, DG.documentType)
    code = str(type_iri)[len(str(DOCTYPE)) :] if type_iri is not None else ""
    type_vi = labels(code)[0] if code else ""
    issuer = graph.value(doc, DG.issuer)
    level = graph.value(issuer, DG.level) if issuer is not None else None
    expressed = sorted(sources.get(s, "") for s in graph.objects(doc, DG.expressedIn))
    title = _text(graph, doc, DG.title)
    label = number or (title[:60] + ("…" if len(title) > 60 else "")) or _text(graph, doc, RDFS.label)
    signers = sorted(_text(graph, s, DG.signerName, None) for s in graph.objects(doc, DG.signature))
    # The province of the issuing body (walking up from a district), for views that group by province.
    place = graph.value(issuer, DG.locality) if issuer is not None else None
    for _ in range(3):  # commune -> district -> province, never round a loop of bad data
        if place is not None and graph.value(place, DG.level) != LEVEL.province:
            place = graph.value(place, DG.parentLocality)
    place = place if place is not None and graph.value(place, DG.level) == LEVEL.province else None
    return {
        "kind": "document",
        "label": label,
        "number": number,
        "type": type_vi,
        "type_code": code,
        "issuer": _text(graph, issuer, SKOS.prefLabel) if issuer is not None else "",
        "level": str(level).rsplit("/", 1)[-1] if level is not None else "unknown",
        "date": _text(graph, doc, DG.dateIssued, None),
        "date_not_before": _text(graph, doc, DG.dateNotBefore, None),
        "title": title,
        "signers": signers,
        "source": f"{texts_dir}/{expressed[0]}" if expressed else "",
        "citation_only": not expressed,
        "province": _text(graph, place, SKOS.prefLabel) if place is not None else "",
        "issuer_en": _text(graph, issuer, SKOS.prefLabel, "en") if issuer is not None else "",
    }


def _add_relation(g: nx.DiGraph, graph: Graph, rel: URIRef, sources: dict[Any, str], texts_dir: str) -> None:
    u, v = str(graph.value(rel, DG.fromDocument)), str(graph.value(rel, DG.toDocument))
    name = _RELATION_NAMES[graph.value(rel, DG.relationType)]  # type: ignore[index]
    origin = "curated" if graph.value(rel, DG.origin) == DG.Curated else "extracted"
    spans = sorted(str(s) for s in graph.objects(rel, DG.evidence))
    evidence = [_evidence(graph, URIRef(span), sources, texts_dir) for span in spans]
    record = graph.value(rel, DG.curation)
    if record is not None:
        from rdflib.namespace import DCTERMS

        url = graph.value(record, DCTERMS.source)
        evidence.append(
            {
                "citation": _text(graph, record, DCTERMS.bibliographicCitation),
                "url": str(url) if url is not None else "",
            }
        )
    if g.has_edge(u, v):  # two statements about one pair: keep the most specific, pool the evidence
        data = g.edges[u, v]
        if RELATION_TYPES.index(name) < RELATION_TYPES.index(data["relation"]):
            data["relation"] = name
        data["evidence"].extend(evidence)
        data["origin"] = "extracted" if "extracted" in (origin, data["origin"]) else "curated"
        return
    g.add_edge(u, v, relation=name, origin=origin, evidence=evidence)


def _evidence(graph: Graph, span: Any, sources: dict[Any, str], texts_dir: str) -> dict[str, Any]:
    out: dict[str, Any] = {"source": f"{texts_dir}/{sources.get(graph.value(span, OA.hasSource), '')}"}
    for selector in graph.objects(span, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            out["quote"] = _text(graph, selector, OA.exact, None)
            out["prefix"] = _text(graph, selector, OA.prefix, None)
            out["suffix"] = _text(graph, selector, OA.suffix, None)
        else:
            out["start"] = int(str(graph.value(selector, OA.start)))
            out["end"] = int(str(graph.value(selector, OA.end)))
    return out


def _add_adoption(g: nx.DiGraph, graph: Graph, node: URIRef) -> None:
    model = graph.value(node, DG.model)
    status = graph.value(node, DG.status)
    locality = graph.value(node, DG.locality)
    assignee = graph.value(node, DG.assignedTo)
    evidence = [
        str(graph.value(sel, OA.exact))
        for span in graph.objects(node, DG.evidence)
        for sel in graph.objects(span, OA.hasSelector)
        if graph.value(sel, OA.exact) is not None
    ]
    attrs = {
        "kind": "adoption",
        "model": _text(graph, model, SKOS.prefLabel),
        "status": str(status).rsplit("/", 1)[-1] if status is not None else "",
        "locality": _text(graph, locality, SKOS.prefLabel) if locality is not None else "",
        "deadline": _text(graph, node, DG.deadline, None),
        "assignee": _text(graph, assignee, SKOS.prefLabel) if assignee is not None else "",
        "evidence": sorted(evidence)[0] if evidence else "",
        "since": _text(graph, node, DG.since, None),
        "locality_level": str(graph.value(locality, DG.level) or "").rsplit("/", 1)[-1] if locality else "",
    }
    # The province the decision applies in: the locality's, else the deciding document's.
    place = locality
    for _ in range(3):  # commune -> district -> province
        if place is not None and graph.value(place, DG.level) != LEVEL.province:
            place = graph.value(place, DG.parentLocality)
    place = place if place is not None and graph.value(place, DG.level) == LEVEL.province else None
    decider = str(graph.value(node, DG.decidedBy) or "")
    decider_province = g.nodes[decider].get("province", "") if decider in g else ""
    attrs["province"] = _text(graph, place, SKOS.prefLabel) if place is not None else decider_province
    where = f" — {attrs['locality']}" if attrs["locality"] else ""
    attrs["label"] = f"{attrs['status'] or 'model'}{where}"
    g.add_node(str(node), **attrs)
    decided = graph.value(node, DG.decidedBy)
    if decided is not None and str(decided) in g:
        g.add_edge(str(decided), str(node), relation="decides", origin="extracted", evidence=[])
