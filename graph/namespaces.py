"""Every vocabulary term the package writes, declared once.

``DG`` is closed (``_fail = True``): a typo in a term fails where it is made. ``tests/test_ontology.py``
checks that this module and ``ontology/directive-graph.ttl`` declare the same terms.

The namespaces here look each term up once: rdflib checks the name and makes a new ``URIRef`` on every
attribute access (0.5-1 µs), and a build reads terms hundreds of times a document. ``RDF``, ``XSD`` and
the other rdflib vocabularies are subclasses of rdflib's, with the same terms and the same checks.
"""

from __future__ import annotations

from typing import TypeVar, cast

from rdflib import Namespace, URIRef
from rdflib import namespace as _rdflib
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

__all__ = [
    "BASE",
    "DCTERMS",
    "DG",
    "DGID",
    "DOCTYPE",
    "ELI",
    "LEVEL",
    "MODEL_FAMILY",
    "MODEL_STATUS",
    "OA",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "XSD",
    "bind_prefixes",
]

BASE = "https://w3id.org/directive-graph/"
_V = TypeVar("_V", bound=DefinedNamespace)


class _TermsOnce(DefinedNamespaceMeta):
    """A closed vocabulary whose terms are checked and made on first use, then read as class attributes."""

    def __getattr__(cls, name: str) -> URIRef:
        if name.startswith("_"):
            # no term: what tools probe for ("_mock_name", "__wrapped__": pytest's collection) is missing,
            # without rdflib's warning that a vocabulary lacks it
            raise AttributeError(name)
        term: URIRef = super().__getattr__(name)
        if name in cls:  # a name outside an open vocabulary (XSD) is not kept
            type.__setattr__(cls, name, term)
        return term


class _OpenTermsOnce(Namespace):
    """An open namespace (any local name) whose terms are made once, on first use."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        if not name.startswith("_"):
            self.__dict__[name] = term
        return term


def _terms_once(vocabulary: type[_V]) -> type[_V]:
    """rdflib's ``vocabulary`` with the same terms and checks, each term made once."""
    return cast("type[_V]", _TermsOnce(vocabulary.__name__, (vocabulary,), {"__module__": __name__}))


RDF = _terms_once(_rdflib.RDF)
RDFS = _terms_once(_rdflib.RDFS)
XSD = _terms_once(_rdflib.XSD)
SKOS = _terms_once(_rdflib.SKOS)
OWL = _terms_once(_rdflib.OWL)
DCTERMS = _terms_once(_rdflib.DCTERMS)
ORG = _terms_once(_rdflib.ORG)
PROV = _terms_once(_rdflib.PROV)


ELI = _OpenTermsOnce("http://data.europa.eu/eli/ontology#")
OA = _OpenTermsOnce("http://www.w3.org/ns/oa#")
SCHEMA = _OpenTermsOnce("https://schema.org/")
SH = _OpenTermsOnce("http://www.w3.org/ns/shacl#")

#: Data: documents, bodies, localities, models, adoptions, evidence (IRI patterns in ontology/README.md).
DGID = Namespace(BASE + "id/")
#: SKOS concept schemes.
DOCTYPE = Namespace(BASE + "scheme/document-type/")
MODEL_STATUS = Namespace(BASE + "scheme/model-status/")
MODEL_FAMILY = Namespace(BASE + "scheme/model-family/")
LEVEL = Namespace(BASE + "scheme/level/")


class DG(DefinedNamespace, metaclass=_TermsOnce):
    """The directive-graph ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # --- classes -----------------------------------------------------------------------------------
    Document: URIRef  # any document, party or state
    PartyDocument: URIRef
    StateDocument: URIRef
    DocumentType: URIRef  # a skos:Concept of the document-type scheme
    Body: URIRef  # an issuing or receiving body
    PartyBody: URIRef
    StateBody: URIRef
    CommitteeTerm: URIRef  # khóa: numbering restarts with each term
    Plenum: URIRef  # Hội nghị Trung ương n, within a term
    Locality: URIRef
    CodeListEdition: URIRef  # an edition of the official administrative code list
    AdministrativeLevel: URIRef  # skos:Concept: central, province, district, commune
    PilotModel: URIRef
    ModelFamily: URIRef  # skos:Concept: merger, concurrent post
    ModelStatus: URIRef  # skos:Concept: pilot, allow, continue, pause, ...
    ModelAdoption: URIRef  # n-ary: model x locality x status x since x deciding document
    DocumentRelation: URIRef  # a qualified relation between two documents, with its evidence
    Signature: URIRef
    Recipient: URIRef
    Receipt: URIRef  # an incoming stamp on a received copy
    SourceText: URIRef  # a text as received
    CurationRecord: URIRef  # a curated statement with its own citation
    FactOrigin: URIRef  # how a fact entered the graph

    # --- individuals -------------------------------------------------------------------------------
    Extracted: URIRef
    Curated: URIRef
    DocumentTypeScheme: URIRef
    ModelStatusScheme: URIRef
    ModelFamilyScheme: URIRef
    AdministrativeLevelScheme: URIRef

    # --- document to document ----------------------------------------------------------------------
    relatedDocument: URIRef  # super-property of every typed relation
    implements: URIRef
    continues: URIRef
    summarises: URIRef
    basedOn: URIRef
    guides: URIRef
    concretises: URIRef
    institutionalises: URIRef
    amends: URIRef
    replaces: URIRef
    repeals: URIRef
    cites: URIRef

    # --- qualified relations -----------------------------------------------------------------------
    qualifiedRelation: URIRef  # Document -> DocumentRelation
    fromDocument: URIRef
    toDocument: URIRef
    relationType: URIRef  # -> one of the relation properties above

    # --- documents ---------------------------------------------------------------------------------
    number: URIRef  # the printed number, normalised: "16-TB/TW" (not an identifier)
    serial: URIRef  # "16"
    typeCode: URIRef  # "TB"
    issuerCode: URIRef  # "TW"
    documentType: URIRef
    issuer: URIRef
    term: URIRef
    plenum: URIRef
    dateIssued: URIRef
    dateNotBefore: URIRef
    dateNotAfter: URIRef
    title: URIRef
    placeOfIssue: URIRef
    signature: URIRef
    recipient: URIRef
    receipt: URIRef
    expressedIn: URIRef  # the source text that is this document
    mentionedIn: URIRef  # a source text that cites this document
    mention: URIRef  # -> oa:SpecificResource: where a text names this document
    note: URIRef  # a conflict or caveat noticed while reading

    # --- bodies, terms, plenums --------------------------------------------------------------------
    level: URIRef  # -> AdministrativeLevel
    locality: URIRef
    bodyCode: URIRef  # "TW", "TU", "BTCTW"
    localityUnknown: URIRef  # true where the text does not say which province
    termNumber: URIRef  # "XII"
    plenumNumber: URIRef
    ofTerm: URIRef
    ofBody: URIRef
    startDate: URIRef
    endDate: URIRef

    # --- localities --------------------------------------------------------------------------------
    officialCode: URIRef
    codeListEdition: URIRef
    parentLocality: URIRef
    lastListed: URIRef
    validFrom: URIRef
    validUntil: URIRef

    # --- pilot models and adoptions ----------------------------------------------------------------
    modelFamily: URIRef
    model: URIRef
    status: URIRef
    since: URIRef
    deadline: URIRef  # xsd:gYearMonth or xsd:date
    decidedBy: URIRef
    assignedTo: URIRef

    # --- signatures, recipients, receipts ----------------------------------------------------------
    signerName: URIRef
    capacity: URIRef
    onBehalfOf: URIRef
    position: URIRef
    receivedBy: URIRef
    receiptNumber: URIRef
    receiptDate: URIRef

    # --- provenance ----------------------------------------------------------------------------------
    evidence: URIRef  # fact -> oa:SpecificResource over the NFC text
    origin: URIRef  # fact -> Extracted | Curated
    curation: URIRef  # fact -> CurationRecord
    sha256: URIRef
    fileName: URIRef
    textKind: URIRef  # official_text | portal | news
    characterCount: URIRef
    quote: URIRef
    curationFile: URIRef
    curationLine: URIRef
    publishedOn: URIRef  # a news article's publication date


def bind_prefixes(graph: object) -> None:
    """Bind the prefixes used in every serialisation (``graph`` is an rdflib Graph or Dataset)."""
    bind = graph.bind  # type: ignore[attr-defined]
    for prefix, ns in (
        ("dg", DG._NS),
        ("dgid", DGID),
        ("doctype", DOCTYPE),
        ("status", MODEL_STATUS),
        ("family", MODEL_FAMILY),
        ("level", LEVEL),
        ("eli", ELI),
        ("oa", OA),
        ("schema", SCHEMA),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("owl", OWL),
        ("rdfs", RDFS),
        ("xsd", XSD),
        ("sh", SH),
    ):
        bind(prefix, ns, override=True)
