"""Evidence nodes: Web Annotation selectors over the NFC source text, and curation records.

Every node has an IRI (no blank nodes), so that the same inputs serialise to byte-identical Turtle.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from graph.curation import Citation
from graph.model import Span
from graph.namespaces import DCTERMS, DG, DGID, OA, RDF, XSD
from graph.quads import TripleSink

__all__ = ["CONTEXT", "add_curation_record", "add_span", "source_iri"]

#: Characters of context kept on each side of a quote (oa:prefix / oa:suffix).
CONTEXT = 40


#: offset -> its xsd:nonNegativeInteger literal: offsets repeat from text to text, and a typed literal costs
#: some microseconds to make (a corpus has millions of spans)
_OFFSETS: dict[int, Literal] = {}


def _offset(value: int) -> Literal:
    found = _OFFSETS.get(value)
    if found is None:
        found = _OFFSETS[value] = Literal(value, datatype=XSD.nonNegativeInteger)
    return found


def source_iri(sha256: str) -> URIRef:
    return DGID[f"source/{sha256[:16]}"]


def add_span(graph: TripleSink, sha256: str, text: str, span: Span) -> URIRef:
    """An oa:SpecificResource with a position and a quote selector over ``text`` (the NFC source)."""
    if text[span.start : span.end] != span.text:  # pragma: no cover - extraction guarantees this
        raise AssertionError(f"span {span.start}-{span.end} does not match its text")
    base = f"span/{sha256[:16]}/{span.start}-{span.end}"
    node, position, quote = DGID[base], DGID[f"{base}/position"], DGID[f"{base}/quote"]
    if (node, RDF.type, OA.SpecificResource) in graph:
        return node
    graph.add((node, RDF.type, OA.SpecificResource))
    graph.add((node, OA.hasSource, source_iri(sha256)))
    graph.add((node, OA.hasSelector, position))
    graph.add((node, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, _offset(span.start)))
    graph.add((position, OA.end, _offset(span.end)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.text)))
    graph.add((quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start])))
    graph.add((quote, OA.suffix, Literal(text[span.end : span.end + CONTEXT])))
    return node


def add_curation_record(graph: TripleSink, fact_id: str, citation: Citation, file: str, line: int) -> URIRef:
    node = DGID[f"curation/{fact_id}"]
    graph.add((node, RDF.type, DG.CurationRecord))
    graph.add((node, DCTERMS.bibliographicCitation, Literal(citation.text, lang="vi")))
    if citation.url:
        graph.add((node, DCTERMS.source, URIRef(citation.url)))
    if citation.quote:
        graph.add((node, DG.quote, Literal(citation.quote)))
    graph.add((node, DG.curationFile, Literal(file)))
    graph.add((node, DG.curationLine, Literal(line, datatype=XSD.integer)))
    return node
