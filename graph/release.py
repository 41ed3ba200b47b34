"""A versioned dataset folder researchers can reuse: every export, CSV tables, a network for Gephi, a
schema.org view, a VoID/DCAT description, and SHA-256 checksums. Byte-identical when built twice from the
same graph: there is no clock in the data unless a date is passed.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, VOID, XSD

from graph.export import FORMATS, serialize, stable_jsonld
from graph.namespaces import BASE, DG, bind_prefixes
from graph.outputs import staged_output
from graph.paths import QUERIES_DIR, ontology_dir
from graph.sparql import NamedQuery, format_result, run_query

__all__ = ["DEFAULT_LICENCE", "Release", "make_release", "network_files", "schema_org_view", "tables"]

DEFAULT_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
CHECKSUMS = "SHA256SUMS"
_MEDIA = {
    ".ttl": "text/turtle",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
}


@dataclass(frozen=True, slots=True)
class Release:
    folder: Path
    files: tuple[str, ...]
    checksums: dict[str, str]


def tables(graph: Graph) -> dict[str, str]:
    """CSV tables (documents, relations with evidence, model adoptions, localities), by file name."""
    out = {}
    for path in sorted((QUERIES_DIR / "tables").glob("*.rq")):
        query = NamedQuery(path.stem, "", {}, path.read_text(encoding="utf-8"))
        out[f"tables/{path.stem}.csv"] = format_result(run_query(graph, query), "csv")
    return out


def schema_org_view(graph: Graph) -> bytes:
    """The schema.org CONSTRUCT view as JSON-LD."""
    text = (QUERIES_DIR / "views" / "schema-org.rq").read_text(encoding="utf-8")
    view = Graph()
    for triple in graph.query(text):
        view.add(triple)  # type: ignore[arg-type]
    context = {"schema": "https://schema.org/", "@vocab": "https://schema.org/"}
    data: bytes = _sorted(view).serialize(format="json-ld", context=context, encoding="utf-8")
    return stable_jsonld(data)


def _sorted(graph: Graph) -> Graph:
    copy = Graph()
    bind_prefixes(copy)
    for triple in sorted(graph, key=lambda t: tuple(x.n3() for x in t)):
        copy.add(triple)
    return copy


def network_files(graph: Graph) -> dict[str, bytes]:
    """The document network as GraphML and GEXF (Gephi); list and dict attributes as JSON text."""
    from graph.project import project

    G = project(graph, texts_dir="texts")
    flat = nx.DiGraph()
    for node, data in G.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, data in G.edges(data=True):
        flat.add_edge(u, v, **{k: _scalar(val) for k, val in data.items()})
    graphml = "\n".join(nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)) + "\n"
    gexf = "\n".join(nx.generate_gexf(flat, encoding="utf-8", prettyprint=True)) + "\n"
    gexf = re.sub(r' lastmodifieddate="[^"]*"', "", gexf)  # no clock in the data
    return {"graph.graphml": graphml.encode("utf-8"), "graph.gexf": gexf.encode("utf-8")}


def _scalar(value: object) -> object:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def make_release(
    graph: Graph, out: Path, *, version: str, licence: str = DEFAULT_LICENCE, issued: str | None = None
) -> Release:
    """Write the dataset folder ``out`` (atomically: a failure leaves an earlier release as it was)."""
    files: dict[str, bytes] = {
        f"graph{suffix}": serialize(graph, fmt) for fmt, (_, suffix) in FORMATS.items()
    }
    files["schema-org.jsonld"] = schema_org_view(graph)
    files.update(network_files(graph))
    files.update({name: text.encode("utf-8") for name, text in tables(graph).items()})
    files["context.jsonld"] = (ontology_dir() / "context.jsonld").read_bytes()
    sums = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    files["void.ttl"] = _description(graph, sums, version=version, licence=licence, issued=issued)
    sums["void.ttl"] = hashlib.sha256(files["void.ttl"]).hexdigest()
    listing = "".join(f"{sums[name]}  {name}\n" for name in sorted(sums))
    with staged_output(out) as stage:
        for name, data in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_bytes(data)
        (stage / CHECKSUMS).write_text(listing, encoding="utf-8")
    return Release(out, tuple(sorted([*files, CHECKSUMS])), sums)


def _description(
    graph: Graph, sums: dict[str, str], *, version: str, licence: str, issued: str | None
) -> bytes:
    """VoID + DCAT: counts, version, licence, the sources it was built from, the ontology version."""
    g = Graph()
    bind_prefixes(g)
    for prefix, ns in (("void", VOID), ("dcat", DCAT)):
        g.bind(prefix, ns)
    dataset = URIRef(f"{BASE}dataset/{version}")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("directive-graph: văn bản của Đảng Cộng sản Việt Nam", lang="vi")))
    g.add(
        (dataset, DCTERMS.title, Literal("directive-graph: Communist Party of Vietnam directives", lang="en"))
    )
    g.add((dataset, OWL.versionInfo, Literal(version)))
    g.add((dataset, DCTERMS.license, URIRef(licence)))
    if issued:
        g.add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    _counts(g, dataset, graph)
    _sources(g, dataset, graph)
    ontology = Graph().parse(ontology_dir() / "directive-graph.ttl")
    onto = URIRef(f"{BASE}ontology")
    g.add((dataset, VOID.vocabulary, onto))
    for info in ontology.objects(onto, OWL.versionInfo):
        g.add((onto, OWL.versionInfo, info))
    for name, digest in sorted(sums.items()):
        dist = URIRef(f"{BASE}dataset/{version}/{name}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, Literal(name)))
        g.add((dist, DCAT.mediaType, Literal(_MEDIA.get(Path(name).suffix, "application/octet-stream"))))
        g.add((dist, URIRef("http://spdx.org/rdf/terms#checksumValue"), Literal(digest)))
    return serialize(g, "turtle")


def _counts(g: Graph, dataset: URIRef, graph: Graph) -> None:
    triples = set(graph.triples((None, None, None)))
    g.add((dataset, VOID.triples, Literal(len(triples), datatype=XSD.integer)))
    g.add((dataset, VOID.entities, Literal(len({s for s, _, _ in triples}), datatype=XSD.integer)))
    for cls in (
        DG.PartyDocument,
        DG.StateDocument,
        DG.DocumentRelation,
        DG.ModelAdoption,
        DG.Locality,
        DG.Body,
        DG.PartyBody,
        DG.SourceText,
    ):
        count = len(set(graph.subjects(RDF.type, cls)))
        if count:
            part = URIRef(f"{dataset}/class/{str(cls).rsplit('#', 1)[1]}")
            g.add((dataset, VOID.classPartition, part))
            g.add((part, VOID["class"], cls))
            g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))


def _sources(g: Graph, dataset: URIRef, graph: Graph) -> None:
    for source in sorted(s for s in set(graph.subjects(RDF.type, DG.SourceText)) if isinstance(s, URIRef)):
        g.add((dataset, DCTERMS.source, source))
        for prop in (DG.fileName, DG.sha256):
            for value in graph.objects(source, prop):
                g.add((source, prop, value))
        g.add((source, RDFS.label, Literal(str(graph.value(source, DG.fileName)))))
