"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The shapes need the ontology beside the data: ``sh:targetClass dg:Document`` reaches a ``dg:PartyDocument``
only through its ``rdfs:subClassOf``, and ``sh:class dg:ModelStatus`` holds for ``status:pause`` only through
the concept's type in ``schemes.ttl``. :func:`validate` therefore validates a union of the data, the ontology
and the schemes, with pySHACL, inference ``"none"`` and SHACL Core only (no SPARQL constraints).

The union is made here rather than through pySHACL's ``ont_graph``: pySHACL copies only RDFS/OWL axioms from
an ``ont_graph`` (not the ``rdf:type`` of a SKOS concept), and it deep-copies every ``owl:NamedIndividual``
by following its objects recursively, which never finishes on the schemes (a scheme's
``skos:hasTopConcept`` and each concept's ``skos:inScheme`` point back at each other).

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import OutputError
from graph.namespaces import RDF, SH, bind_prefixes
from graph.paths import ontology_dir

__all__ = [
    "ONTOLOGY_FILES",
    "SHAPES_FILE",
    "ValidationReport",
    "Violation",
    "load_ontology",
    "load_shapes",
    "validate",
]

#: The shapes, in :func:`graph.paths.ontology_dir`.
SHAPES_FILE = "shapes.ttl"
#: The ontology and its concept schemes, mixed into the data before validation.
ONTOLOGY_FILES = ("directive-graph.ttl", "schemes.ttl")


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node at fault, the property (prefixed, when there is one), what is wrong."""

    focus: str  # the focus node: an IRI, or a literal in N3 form
    path: str | None  # "dg:status"; None for a rule about the whole node (an sh:or, sh:not ...)
    message: str
    severity: str  # "Violation", "Warning" or "Info"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``results`` sorted by focus, path and message."""

    conforms: bool
    results: tuple[Violation, ...]
    text: str  # pySHACL's own report, for a full listing


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OutputError(
            "the file is missing.", path=path, hint="Reinstall the package or restore ontology/."
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"cannot read the file: {exc}", path=path) from exc
    except (SyntaxError, ValueError) as exc:  # rdflib's Turtle parser raises BadSyntax, a SyntaxError
        raise OutputError(f"not valid Turtle: {exc}", path=path, hint="Fix the syntax error shown.") from exc
    return graph


def load_shapes() -> Graph:
    """The SHACL shapes graph, read afresh from ``shapes.ttl``.

    Raises :class:`~graph.errors.OutputError` when the file is missing or is not valid Turtle.
    """
    return _parse(ontology_dir() / SHAPES_FILE)


def load_ontology() -> Graph:
    """The ontology and the SKOS schemes in one graph, read afresh."""
    graph = Graph()
    bind_prefixes(graph)
    for name in ONTOLOGY_FILES:
        graph += _parse(ontology_dir() / name)
    return graph


#: Prefixes for the paths in a :class:`Violation` ("dg:status").
_PREFIXES = Graph()
bind_prefixes(_PREFIXES)


@cache
def _cached_shapes() -> Graph:
    return load_shapes()


@cache
def _cached_ontology() -> Graph:
    return load_ontology()


def validate(data: Graph) -> ValidationReport:
    """Check ``data`` (a graph, or a dataset: the union of its named graphs) against the shapes. ``data``
    itself is not modified.

    Raises :class:`~graph.errors.OutputError` when the shapes or the ontology cannot be read or loaded.
    """
    union = Graph()
    bind_prefixes(union)
    for triple in data.triples((None, None, None)):
        union.add(triple)
    union += _cached_ontology()
    shapes_path = ontology_dir() / SHAPES_FILE
    try:
        conforms, report, text = shacl_validate(
            union,
            shacl_graph=_cached_shapes(),
            inference="none",
            inplace=True,  # the union is ours to use
            advanced=False,
            allow_warnings=False,
        )
    except (ShapeLoadError, ConstraintLoadError) as exc:
        raise OutputError(f"the shapes cannot be loaded: {exc}", path=shapes_path) from exc
    except ReportableRuntimeError as exc:
        raise OutputError(f"validation failed to run: {exc}", path=shapes_path) from exc
    assert isinstance(report, Graph)
    results = tuple(sorted(_violations(report), key=lambda v: (v.focus, v.path or "", v.message)))
    return ValidationReport(conforms=bool(conforms), results=results, text=str(text))


def _violations(report: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in report:  # a nested result: its parent is reported
            continue
        found.append(
            Violation(
                focus=_node_text(report.value(result, SH.focusNode)),
                path=_path_text(report.value(result, SH.resultPath)),
                message=_message(report, result),
                severity=_local_name(report.value(result, SH.resultSeverity)) or "Violation",
            )
        )
    return found


def _message(report: Graph, result: Node) -> str:
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    if messages:
        return messages[0]
    component = _local_name(report.value(result, SH.sourceConstraintComponent)) or "a constraint"
    return f"fails {component}."


def _node_text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return node.n3(_PREFIXES.namespace_manager)
    return f"_:{node}"


def _path_text(path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        try:
            prefix, _namespace, name = _PREFIXES.namespace_manager.compute_qname(path, generate=False)
        except (KeyError, ValueError):
            return str(path)
        return f"{prefix}:{name}"
    return "(a property path)"


def _local_name(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
