"""RDF -> NetworkX: documents and pilot-model decisions as nodes, typed relations as edges.

Edge direction follows the relation: ``u -> v`` when u implements (continues, summarises, ...) v, so
the documents that rely on a document are its predecessors. A ``decides`` edge goes from a document to
each model adoption (task) it sets. Node and edge attributes are plain strings, lists and dicts (the
schema in graph/render.py), ready for JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.doctypes import labels
from graph.model import RELATION_TYPES
from graph.namespaces import DG, DOCTYPE, LEVEL, OA, RDF, RDFS, SKOS
from graph.quads import QuadSet

__all__ = ["NETWORK_FILE", "Projector", "graph_digest", "load_network", "project", "save_network"]

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


def project(graph: Graph | QuadSet, *, texts_dir: str = "texts") -> nx.DiGraph:
    """The document graph; ``texts_dir`` is where source texts sit relative to an HTML view."""
    projector = Projector(texts_dir)
    projector.take(graph, graph.triples((None, None, None)))
    return projector.finish(graph)


class Projector:
    """The document graph from named graphs handed over one at a time (a build lets each source's graph go
    once it is projected) or all at once (:func:`project`); both give the same graph.

    ``take(view, triples)`` reads the sources, relations, model adoptions, signatures and "expressed in"
    statements among ``triples`` (one named graph), looking their details up in ``view`` (which holds at
    least that graph and the corpus graph); ``finish(view)`` adds the documents from the corpus graph and
    returns the NetworkX graph.
    """

    def __init__(self, texts_dir: str = "texts") -> None:
        self.texts_dir = texts_dir
        self.sources: dict[Any, str] = {}
        self.expressed: dict[str, set[Any]] = {}
        self.signers: dict[str, list[str]] = {}
        # relation IRI -> (from, to, name, origin, {span IRI: evidence}, curation evidence)
        self.relations: dict[
            str, tuple[str, str, str, str, dict[str, dict[str, Any]], list[dict[str, Any]]]
        ] = {}
        self.adoptions: dict[str, tuple[dict[str, Any], str, str]] = {}
        self._evidence_source: dict[str, Any] = {}

    def take(self, view: Any, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        relations, adoptions, signatures = [], [], []
        for s, p, o in triples:
            if p == RDF.type:
                if o == DG.SourceText:
                    self.sources[s] = _copy_name(view, s)
                elif o == DG.DocumentRelation:
                    relations.append(s)
                elif o == DG.ModelAdoption:
                    adoptions.append(s)
            elif p == DG.expressedIn:
                self.expressed.setdefault(str(s), set()).add(o)
            elif p == DG.signature:
                signatures.append((s, o))
        for doc, sig in signatures:
            self.signers.setdefault(str(doc), []).append(_text(view, sig, DG.signerName, None))
        for rel in relations:
            self._relation(view, rel)
        for node in adoptions:
            self.adoptions[str(node)] = _adoption(view, node)

    def _relation(self, view: Any, rel: Any) -> None:
        u, v = str(view.value(rel, DG.fromDocument)), str(view.value(rel, DG.toDocument))
        name = _RELATION_NAMES[view.value(rel, DG.relationType)]
        origin = "curated" if view.value(rel, DG.origin) == DG.Curated else "extracted"
        known = self.relations.get(str(rel))
        spans = known[4] if known else {}
        for span in view.objects(rel, DG.evidence):
            if str(span) not in spans:
                spans[str(span)] = _evidence(view, span, self.sources, self.texts_dir)
        curated = known[5] if known else []
        record = view.value(rel, DG.curation)
        if record is not None and not curated:
            from rdflib.namespace import DCTERMS

            url = view.value(record, DCTERMS.source)
            curated.append(
                {
                    "citation": _text(view, record, DCTERMS.bibliographicCitation),
                    "url": str(url) if url is not None else "",
                }
            )
        self.relations[str(rel)] = (u, v, name, origin, spans, curated)

    def finish(self, view: Any) -> nx.DiGraph:
        g = nx.DiGraph()
        documents = _iris(view, DG.PartyDocument) + _iris(view, DG.StateDocument)
        for doc in sorted(documents):
            expressed = sorted(self.sources.get(s, "") for s in self.expressed.get(str(doc), ()))
            signers = sorted(self.signers.get(str(doc), []))
            g.add_node(str(doc), **_document(view, doc, expressed, signers, self.texts_dir))
        for rel in sorted(self.relations):
            u, v, name, origin, spans, curated = self.relations[rel]
            evidence = [spans[span] for span in sorted(spans)] + curated
            _add_edge(g, u, v, name, origin, evidence)
        for node in sorted(self.adoptions):
            attrs, decider, place = self.adoptions[node]
            attrs = dict(attrs)
            decider_province = g.nodes[decider].get("province", "") if decider in g else ""
            attrs["province"] = place or decider_province
            g.add_node(node, **attrs)
            if decider and decider in g:
                g.add_edge(decider, node, relation="decides", origin="extracted", evidence=[])
        return g


def _copy_name(graph: Graph, source: Any) -> str:
    """The file name of a source's NFC copy in the texts folder (see graph.pipeline.text_copy_name)."""
    from rdflib.namespace import DCTERMS

    name = _text(graph, source, DG.fileName, None)
    plain = _text(graph, source, DCTERMS.format, None) in ("text/plain", "text/markdown", "")
    return name if plain else f"{name}.txt"


def _iris(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _document(
    graph: Any, doc: URIRef, expressed: list[str], signers: list[str], texts_dir: str
) -> dict[str, Any]:
    number = _text(graph, doc, DG.number, None)
    type_iri = graph.value(doc, DG.documentType)
    code = str(type_iri)[len(str(DOCTYPE)) :] if type_iri is not None else ""
    type_vi = labels(code)[0] if code else ""
    issuer = graph.value(doc, DG.issuer)
    level = graph.value(issuer, DG.level) if issuer is not None else None
    title = _text(graph, doc, DG.title)
    label = number or (title[:60] + ("…" if len(title) > 60 else "")) or _text(graph, doc, RDFS.label)
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


def _add_edge(g: nx.DiGraph, u: str, v: str, name: str, origin: str, evidence: list[dict[str, Any]]) -> None:
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


def _adoption(graph: Any, node: Any) -> tuple[dict[str, Any], str, str]:
    """An adoption's attributes (without "province"), the document that decided it, and the province of
    its locality ("" when it has none: the deciding document's province is used)."""
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
        "province": "",
    }
    # The province the decision applies in: the locality's, else the deciding document's.
    place = locality
    for _ in range(3):  # commune -> district -> province
        if place is not None and graph.value(place, DG.level) != LEVEL.province:
            place = graph.value(place, DG.parentLocality)
    place = place if place is not None and graph.value(place, DG.level) == LEVEL.province else None
    where = f" — {attrs['locality']}" if attrs["locality"] else ""
    attrs["label"] = f"{attrs['status'] or 'model'}{where}"
    decided = graph.value(node, DG.decidedBy)
    return attrs, str(decided or ""), _text(graph, place, SKOS.prefLabel) if place is not None else ""


#: The projected document graph a build writes beside graph.trig, so that trace and render need not
#: read the RDF back (at 10,000 documents that takes a minute).
NETWORK_FILE = "network.json"


def save_network(g: nx.DiGraph, path: Path, *, graph_file: Path) -> str:
    """Write ``g`` as JSON (nodes and edges in their order, keys sorted), with the size and SHA-256 of
    the RDF file it was projected from, so that :func:`load_network` can tell when it is stale; return
    that SHA-256."""
    digest = graph_digest(graph_file)
    head = {"graph_bytes": graph_file.stat().st_size, "graph_file": graph_file.name, "graph_sha256": digest}
    # what json.dumps(..., sort_keys=True) writes, a slice of the lists at a time: the whole document as
    # one string took 700 MB at 100,000 documents
    with path.open("w", encoding="utf-8") as out:
        out.write('{"edges": ')
        _write_list(out, ([u, v, attrs] for u, v, attrs in g.edges(data=True)))
        for key, value in head.items():
            out.write(f", {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        out.write(', "nodes": ')
        _write_list(out, ([node, attrs] for node, attrs in g.nodes(data=True)))
        out.write("}\n")
    return digest


def _write_list(out: TextIO, items: Iterable[object], size: int = 10_000) -> None:
    """``json.dumps(list(items), ensure_ascii=False, sort_keys=True)`` into ``out``, ``size`` items at
    a time."""
    out.write("[")
    first, rest = True, iter(items)
    for chunk in iter(lambda: list(islice(rest, size)), []):
        text = json.dumps(chunk, ensure_ascii=False, sort_keys=True)[1:-1]
        out.write(text if first else ", " + text)
        first = False
    out.write("]")


def load_network(graph_file: Path, *, digest: str | None = None) -> nx.DiGraph | None:
    """The network saved beside ``graph_file`` by the build that wrote it, or None when there is none or
    it was projected from another file or another version of this one (checked by size and SHA-256;
    ``digest``, the file's :func:`graph_digest` when the caller has it)."""
    path = graph_file.with_name(NETWORK_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["graph_file"] != graph_file.name or data["graph_bytes"] != graph_file.stat().st_size:
            return None
        if data["graph_sha256"] != (digest or graph_digest(graph_file)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    g = nx.DiGraph()
    g.add_nodes_from((node, attrs) for node, attrs in data["nodes"])
    g.add_edges_from((u, v, attrs) for u, v, attrs in data["edges"])
    return g


def graph_digest(path: Path) -> str:
    """The SHA-256 of a graph file: what the saved network and the views record of the graph they were
    drawn from."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
