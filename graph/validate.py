"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The shapes need the ontology beside the data: ``sh:targetClass dg:Document`` reaches a ``dg:PartyDocument``
only through its ``rdfs:subClassOf``, and ``sh:class dg:ModelStatus`` holds for ``status:pause`` only through
the concept's type in ``schemes.ttl``. Validation therefore runs over a union of the data, the ontology and
the schemes, inference ``"none"``, SHACL Core only (no SPARQL constraints), with one of two engines:

``"rudof"`` (the default)
    pyrudof, a SHACL engine in Rust: about ten times faster than pySHACL on a 1,000-document build, and it
    reads N-Triples, N-Quads, Turtle or TriG itself (:func:`validate_serialized`), so the build needs no
    rdflib graph to validate. It releases the GIL while it parses and validates, and spreads a validation
    over the machine's cores on its own. Measured with 0.3.35: about 1.5 GB of peak memory per 156k
    triples, and time grows faster than the data (4 s, 17 s, 49 s for one, two and four copies of a
    1,000-document build), so a very large build is best validated in parts.
``"pyshacl"``
    pySHACL, the reference: slower, and the engine the tests compare the other with.

The union is made here rather than through pySHACL's ``ont_graph``: pySHACL copies only RDFS/OWL axioms from
an ``ont_graph`` (not the ``rdf:type`` of a SKOS concept), and it deep-copies every ``owl:NamedIndividual``
by following its objects recursively, which never finishes on the schemes (a scheme's
``skos:hasTopConcept`` and each concept's ``skos:inScheme`` point back at each other).

Both engines report the same :class:`Violation`\\ s: rudof names the shape that failed but not always its
``sh:message`` (an ``sh:or`` reports "OR not satisfied"), so the message is looked up in the shapes graph,
as pySHACL does. To make that lookup possible the shapes reach rudof skolemized: their blank nodes become
IRIs under ``dgsh:genid/``, which rudof reports back as the source shape.

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
>>> validate_serialized("<https://example.org/a> <https://example.org/b> 1 .\\n", "turtle").conforms
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal as Choice
from typing import Protocol

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.term import Node

from graph.errors import OutputError
from graph.namespaces import RDF, RDFS, SH, bind_prefixes
from graph.paths import ontology_dir

__all__ = [
    "ENGINES",
    "ONTOLOGY_FILES",
    "SERIALIZED_FORMATS",
    "SHAPES_FILE",
    "ValidationReport",
    "Violation",
    "load_ontology",
    "load_shapes",
    "ntriples_term",
    "validate",
    "validate_serialized",
]

#: The shapes, in :func:`graph.paths.ontology_dir`.
SHAPES_FILE = "shapes.ttl"
#: The ontology and its concept schemes, mixed into the data before validation.
ONTOLOGY_FILES = ("directive-graph.ttl", "schemes.ttl")
#: ``engine=`` of :func:`validate`: the fast default first, then the reference.
ENGINES = ("rudof", "pyshacl")
#: ``format=`` of :func:`validate_serialized`; named graphs (N-Quads, TriG) are validated as their union.
SERIALIZED_FORMATS = ("ntriples", "nquads", "turtle", "trig")

Engine = Choice["rudof", "pyshacl"]
SerializedFormat = Choice["ntriples", "nquads", "turtle", "trig"]

Triple = tuple[Node, Node, Node]


class TripleSource(Protocol):
    """What :func:`validate` reads: an rdflib Graph or Dataset, or anything else with ``triples``."""

    def triples(self, pattern: tuple[None, None, None], /) -> Iterable[Triple]: ...


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
    text: str  # the engine's own report (pySHACL), or one line per result (rudof), for a full listing


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


#: Where :func:`shadow_class` puts the copy of a class.
SHADOW = "https://w3id.org/directive-graph/shadow/"


def shadow_class(iri: str) -> str:
    """The shadow of a class, for validation with ``shadow=True`` (see :func:`validate_serialized`)."""
    return SHADOW + iri


@cache
def _cached_shapes(shadow: bool = False) -> Graph:
    shapes = load_shapes()
    if shadow:
        for shape, cls in list(shapes.subject_objects(SH["class"])):
            shapes.remove((shape, SH["class"], cls))
            shapes.add((shape, SH["class"], URIRef(shadow_class(str(cls)))))
    return shapes


@cache
def _cached_ontology(shadow: bool = False) -> Graph:
    """The ontology and the schemes; with ``shadow``, only what a part needs of them: the subclass axioms
    (whose instances the shapes target), their shadows, and the shadow types of the ontology's nodes.
    The ontology's own descriptions are left out, so that no part validates them again (their results
    are computed once, on the ontology alone; a part that states something about an ontology node gets
    that node's description with its data: :func:`ontology_statements`)."""
    ontology = load_ontology()
    if not shadow:
        return ontology
    part = Graph()
    bind_prefixes(part)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            part.add((sub, RDFS.subClassOf, sup))
            part.add((URIRef(shadow_class(str(sub))), RDFS.subClassOf, URIRef(shadow_class(str(sup)))))
    for node, cls in ontology.subject_objects(RDF.type):
        if isinstance(cls, URIRef):
            part.add((node, RDF.type, URIRef(shadow_class(str(cls)))))
    return part


@cache
def _ontology_by_subject() -> dict[str, str]:
    """The ontology's statements as N-Triples lines, by subject ("<iri>")."""
    found: dict[str, list[str]] = {}
    for s, p, o in _cached_ontology():
        if isinstance(s, URIRef):
            found.setdefault(s.n3(), []).append(f"{s.n3()} {ntriples_term(p)} {ntriples_term(o)} .\n")
    return {subject: "".join(sorted(lines)) for subject, lines in found.items()}


def ontology_statements(subjects: Iterable[str]) -> str:
    """What the ontology states about ``subjects`` ("<iri>" each), as N-Triples: the description a part
    needs of an ontology node it says something about (see :func:`validate_serialized` with ``shadow``)."""
    about = _ontology_by_subject()
    return "".join(about.get(subject, "") for subject in sorted(set(subjects)))


def validate(data: Graph | TripleSource, engine: Engine = "rudof") -> ValidationReport:
    """Check ``data`` (a graph, or a dataset: the triples its ``triples`` method yields) against the shapes,
    with ``engine`` ("rudof" or "pyshacl"). ``data`` itself is not modified.

    Raises :class:`~graph.errors.OutputError` when the shapes or the ontology cannot be read or loaded.
    """
    if engine == "pyshacl":
        return _validate_pyshacl(data.triples((None, None, None)))
    _check_engine(engine)
    return _validate_rudof(_ntriples_text(data.triples((None, None, None))), "ntriples")


def validate_serialized(
    data: bytes | str | os.PathLike[str],
    format: SerializedFormat = "ntriples",  # the name rdflib gives it
    *,
    engine: Engine = "rudof",
    shadow: bool = False,
) -> ValidationReport:
    """Check serialized RDF against the shapes without building an rdflib graph: ``data`` is the text
    (``bytes`` in UTF-8, or ``str``; a ``str`` is always data, never a file name) or the path of a file
    (a :class:`~pathlib.Path`). N-Quads and TriG are validated as the union of their graphs.

    With ``engine="pyshacl"`` the data is parsed with rdflib first (slow; for comparisons).

    ``shadow=True`` is for a part of a graph (:mod:`graph.validate_parts`): ``sh:class C`` is checked
    against ``rdf:type`` statements of ``shadow_class(C)`` (the ontology's classes, subclass axioms and
    typed individuals are mirrored), so that the types of outside nodes can be copied in under their
    shadow without making those nodes targets of the shapes. Of the ontology itself only the subclass
    axioms come along: the part adds what it needs of the rest (:func:`ontology_statements`).

    Raises :class:`~graph.errors.OutputError` when the data cannot be read or parsed, or when the shapes
    or the ontology cannot be read or loaded.
    """
    if format not in SERIALIZED_FORMATS:
        raise ValueError(f"format must be one of {', '.join(SERIALIZED_FORMATS)}, not {format!r}")
    _check_engine(engine)
    source: str | Path
    if isinstance(data, os.PathLike):
        source = Path(data)
        if not source.is_file():
            raise OutputError("the graph file is missing.", path=source, hint="Build the graph first.")
    elif isinstance(data, bytes):
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise OutputError(f"the {format} data is not UTF-8: {exc}") from exc
    else:
        source = data
    if engine == "pyshacl":
        return _validate_pyshacl(_rdflib_triples(source, format), shadow=shadow)
    return _validate_rudof(source, format, shadow=shadow)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")


# --- pySHACL, the reference --------------------------------------------------------------------------------


def _validate_pyshacl(triples: Iterable[Triple], *, shadow: bool = False) -> ValidationReport:
    from pyshacl import validate as shacl_validate
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    union = Graph()
    bind_prefixes(union)
    for triple in triples:
        union.add(triple)
    union += _cached_ontology(shadow)
    shapes_path = ontology_dir() / SHAPES_FILE
    try:
        conforms, report, text = shacl_validate(
            union,
            shacl_graph=_cached_shapes(shadow),
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
    return ValidationReport(conforms=bool(conforms), results=_sorted(_violations(report)), text=str(text))


def _rdflib_triples(data: str | Path, fmt: SerializedFormat) -> Iterator[Triple]:
    rdflib_format = {"ntriples": "nt", "nquads": "nquads", "turtle": "turtle", "trig": "trig"}[fmt]
    graph: Graph = Dataset(default_union=True) if fmt in ("nquads", "trig") else Graph()
    try:
        if isinstance(data, Path):
            graph.parse(data, format=rdflib_format)
        else:
            graph.parse(data=data, format=rdflib_format)
    except (SyntaxError, ValueError, ParserError) as exc:  # N-Triples and N-Quads raise ParserError
        where = data if isinstance(data, Path) else None
        raise OutputError(f"not valid {fmt}: {exc}", path=where) from exc
    return graph.triples((None, None, None))


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


# --- rudof, the default ------------------------------------------------------------------------------------

#: The shapes' blank nodes, skolemized, become IRIs here, so that rudof can name the shape that failed.
_GENID_AUTHORITY, _GENID_PATH = "https://w3id.org/directive-graph/shapes/", "genid/"


@dataclass(frozen=True, slots=True)
class _RudofShapes:
    ntriples: str  # the shapes, skolemized
    messages: dict[str, str]  # shape IRI -> its sh:message (the first, sorted, as pySHACL's listing)


@cache
def _rudof_shapes(shadow: bool = False) -> _RudofShapes:
    skolem = _cached_shapes(shadow).skolemize(authority=_GENID_AUTHORITY, basepath=_GENID_PATH)
    messages: dict[str, list[str]] = {}
    for shape, message in skolem.subject_objects(SH.message):
        messages.setdefault(str(shape), []).append(str(message))
    return _RudofShapes(
        ntriples=skolem.serialize(format="nt"),
        messages={shape: sorted(texts)[0] for shape, texts in messages.items()},
    )


@cache
def _rudof_ontology(shadow: bool = False) -> str:
    return _cached_ontology(shadow).serialize(format="nt")


def _ntriples_text(triples: Iterable[Triple]) -> str:
    return "".join(f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} .\n" for s, p, o in triples)


def ntriples_term(node: Node) -> str:
    """One IRI or literal as N-Triples writes it (``n3()`` writes long strings as Turtle's triple-quoted
    strings, which N-Triples does not have).

    >>> ntriples_term(Literal("hai\\ndòng", lang="vi"))
    '"hai\\\\ndòng"@vi'
    >>> ntriples_term(URIRef("https://example.org/a"))
    '<https://example.org/a>'
    """
    if not isinstance(node, Literal):
        return node.n3()
    text = str(node).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if node.language:
        return f'"{text}"@{node.language}'
    if node.datatype:
        return f'"{text}"^^<{node.datatype}>'
    return f'"{text}"'


def _inline(text: str) -> str:
    """``text`` as rudof reads it: a one-word string is taken for a file name, one starting with http(s)://
    for a URL to fetch; a comment line first keeps it data."""
    head = text.lstrip()[:200]
    if head.startswith(("http://", "https://")) or not any(c.isspace() for c in head.strip()):
        return "# data\n" + text
    return text


def _validate_rudof(data: str | Path, fmt: SerializedFormat, *, shadow: bool = False) -> ValidationReport:
    import pyrudof

    shapes, ontology = _rudof_shapes(shadow), _rudof_ontology(shadow)
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    strict = pyrudof.ReaderMode.Strict
    try:
        session.read_data(ontology, format=pyrudof.RDFFormat.NTriples, reader_mode=strict, merge=False)
    except pyrudof.RudofError as exc:
        raise OutputError(
            f"the ontology cannot be loaded: {exc}", path=ontology_dir() / ONTOLOGY_FILES[0]
        ) from exc
    if isinstance(data, Path) or data.strip():
        rdf_format = {"ntriples": "NTriples", "nquads": "NQuads", "turtle": "Turtle", "trig": "TriG"}[fmt]
        try:
            session.read_data(
                data if isinstance(data, Path) else _inline(data),
                format=getattr(pyrudof.RDFFormat, rdf_format),
                reader_mode=strict,
                merge=True,
            )
        except pyrudof.RudofError as exc:
            where = data if isinstance(data, Path) else None
            raise OutputError(f"cannot read the {fmt} data: {exc}", path=where) from exc
    shapes_path = ontology_dir() / SHAPES_FILE
    try:
        session.read_shacl(shapes.ntriples, format=pyrudof.ShaclFormat.NTriples, reader_mode=strict)
    except pyrudof.RudofError as exc:
        raise OutputError(f"the shapes cannot be loaded: {exc}", path=shapes_path) from exc
    try:
        report = session.validate_shacl()
    except pyrudof.RudofError as exc:
        raise OutputError(f"validation failed to run: {exc}", path=shapes_path) from exc
    results = _sorted(_rudof_violation(entry, shapes.messages) for entry in report)
    lines = [f"Validation Report (rudof)\nConforms: {bool(report.conforms)}", *(str(v) for v in results)]
    return ValidationReport(conforms=bool(report.conforms), results=results, text="\n".join(lines))


def _rudof_violation(entry: object, messages: dict[str, str]) -> Violation:
    focus, path = str(entry.focus_node), entry.path  # type: ignore[attr-defined]
    message = messages.get(str(entry.source_shape)) or _unquote(entry.message)  # type: ignore[attr-defined]
    if not message:
        message = f"fails {_local_name(URIRef(entry.constraint_component)) or 'a constraint'}."  # type: ignore[attr-defined]
    severity = _local_name(URIRef(entry.severity)) or "Violation"  # type: ignore[attr-defined]
    return Violation(focus=focus, path=_rudof_path(path), message=message, severity=severity)


def _rudof_path(path: str | None) -> str | None:
    if not path:
        return None
    if path.startswith("<") and path.endswith(">"):
        path = path[1:-1]
    if path.startswith(("^", "(", "[")) or any(c.isspace() for c in path):
        return "(a property path)"
    return _path_text(URIRef(path))


def _unquote(message: str | None) -> str:
    """rudof's own message, an N3 literal (``"OR not satisfied"``), as plain text."""
    text = (message or "").strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


# --- shared -------------------------------------------------------------------------------------------------


def _sorted(violations: Iterable[Violation]) -> tuple[Violation, ...]:
    return tuple(sorted(violations, key=lambda v: (v.focus, v.path or "", v.message)))


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
