"""The published JSON-LD context (ontology/context.jsonld), derived from the ontology.

Every ontology term becomes a short name ("number", "implements", "dateIssued"); object properties are
coerced to IRIs, typed datatype properties to their datatype, and the prefixes of the project are kept,
so that JSON-LD exports read as plain JSON.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from graph.namespaces import DG, bind_prefixes
from graph.paths import ontology_dir

__all__ = ["CONTEXT_FILE", "build_context", "context_json"]

CONTEXT_FILE = "context.jsonld"


def build_context() -> dict[str, Any]:
    """The context as a dict: prefixes, then one term per ontology property and class."""
    ontology = Graph().parse(ontology_dir() / "directive-graph.ttl")
    probe = Graph(bind_namespaces="none")
    bind_prefixes(probe)
    terms: dict[str, Any] = {prefix: str(ns) for prefix, ns in sorted(probe.namespaces()) if prefix}
    base = str(DG._NS)
    for subject in sorted(s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)):
        if not str(subject).startswith(base):
            continue
        name = str(subject)[len(base) :]
        terms[name] = _definition(ontology, subject, name)
    return {"@context": terms}


def _definition(ontology: Graph, term: URIRef, name: str) -> Any:
    short = f"dg:{name}"
    if (term, RDF.type, OWL.ObjectProperty) in ontology:
        return {"@id": short, "@type": "@id"}
    if (term, RDF.type, OWL.DatatypeProperty) in ontology:
        ranges = [r for r in ontology.objects(term, RDFS.range) if str(r).startswith(str(XSD))]
        if len(ranges) == 1 and ranges[0] not in (XSD.string, RDF.langString):
            return {"@id": short, "@type": f"xsd:{str(ranges[0])[len(str(XSD)) :]}"}
    return short


def context_json() -> str:
    """The context file's exact text (sorted keys, two-space indent, final newline)."""
    return json.dumps(build_context(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
