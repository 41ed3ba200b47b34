"""The ontology, the SKOS schemes and the shapes: they parse, and they agree with the code.

``graph/namespaces.py`` (class DG) and ``ontology/directive-graph.ttl`` must declare the same terms; the
document-type scheme must mirror ``graph/data/document_types.yaml``; every ``dg:`` term any ontology file
uses must exist.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph.model import RELATION_TYPES, LocalityLevel, ModelMention, ModelStatus
from graph.namespaces import DG, DOCTYPE, ELI, LEVEL, MODEL_FAMILY, MODEL_STATUS, OA, SCHEMA, SH
from graph.paths import DATA_DIR, ontology_dir

ONTOLOGY = ontology_dir()
DG_NS = str(DG._NS)
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
#: Classes from other vocabularies that the shapes target: the Web Annotation evidence and reified statements.
EXTERNAL_TARGETS = {OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector, RDF.Statement}
TTL_FILES = sorted(ONTOLOGY.glob("*.ttl")) + sorted((ONTOLOGY / "examples").rglob("*.ttl"))


def parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse("directive-graph.ttl")


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return parse("schemes.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return parse("shapes.ttl")


@pytest.fixture(scope="module")
def doctypes() -> dict[str, typing.Any]:
    with (DATA_DIR / "document_types.yaml").open(encoding="utf-8") as handle:
        data: dict[str, typing.Any] = yaml.safe_load(handle)
    return data


def declared(ontology: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARATION_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(DG_NS)
    }


def lang_values(graph: Graph, node: URIRef, predicate: URIRef) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for value in graph.objects(node, predicate):
        assert isinstance(value, Literal), f"{node} {predicate}: {value!r} is not a literal"
        found.setdefault(value.language, []).append(str(value))
    return found


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.relative_to(ONTOLOGY).as_posix())
def test_every_turtle_file_parses(path: Path):
    assert len(Graph().parse(path, format="turtle")) > 0


@pytest.mark.parametrize(
    "name", ["directive-graph.ttl", "schemes.ttl", "examples/valid.ttl"], ids=lambda n: n
)
def test_no_blank_nodes_outside_the_shapes(name: str):
    """Blank nodes break byte-identical Turtle; only the shapes (never exported) may use them."""
    graph = parse(name)
    blanks = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    assert blanks == []


def test_namespace_module_and_ontology_declare_the_same_terms(ontology: Graph):
    in_code = {DG[name] for name in DG.__annotations__}
    in_ontology = declared(ontology)
    assert in_code - in_ontology == set(), "declared in graph/namespaces.py only"
    assert in_ontology - in_code == set(), "declared in ontology/directive-graph.ttl only"
    assert len(in_code) == len(DG.__annotations__) > 100


def test_each_term_is_declared_as_one_kind(ontology: Graph):
    for term in declared(ontology):
        kinds = set(ontology.objects(term, RDF.type)) & DECLARATION_TYPES
        assert len(kinds) == 1, f"{term}: {kinds}"


@pytest.mark.parametrize("name", sorted(DG.__annotations__))
def test_every_term_has_labels_in_vietnamese_and_english_and_a_comment(ontology: Graph, name: str):
    term = DG[name]
    labels = lang_values(ontology, term, RDFS.label)
    assert len(labels.get("vi", [])) == 1, f"{name}: rdfs:label @vi"
    assert len(labels.get("en", [])) == 1, f"{name}: rdfs:label @en"
    assert set(labels) == {"vi", "en"}, f"{name}: untagged or other-language label"
    assert lang_values(ontology, term, RDFS.comment).get("en"), f"{name}: rdfs:comment @en"


def test_properties_have_ranges(ontology: Graph):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_ontology_header(ontology: Graph):
    header = URIRef("https://w3id.org/directive-graph/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(header, OWL.versionInfo)) == "0.1.0"
    assert set(lang_values(ontology, header, DCTERMS.title)) == {"vi", "en"}
    assert set(lang_values(ontology, header, DCTERMS.description)) == {"vi", "en"}
    assert ontology.value(header, DCTERMS.license) is not None


def test_party_documents_are_not_state_law(ontology: Graph):
    """A Party document is close to, never a kind of, eli:LegalResource / schema:Legislation."""
    subclass_closure = set(ontology.transitive_objects(DG.PartyDocument, RDFS.subClassOf))
    assert ELI.LegalResource not in subclass_closure
    assert SCHEMA.Legislation not in subclass_closure
    assert {ELI.LegalResource, SCHEMA.Legislation} <= set(ontology.objects(DG.PartyDocument, SKOS.closeMatch))
    state = set(ontology.transitive_objects(DG.StateDocument, RDFS.subClassOf))
    assert {DG.Document, ELI.LegalResource, SCHEMA.Legislation} <= state


def test_no_property_is_a_sub_property_of_an_eli_property(ontology: Graph):
    """ELI properties have legal-resource domains: a sub-property would make Party documents State law."""
    eli = str(ELI)
    subs = [(s, o) for s, o in ontology.subject_objects(RDFS.subPropertyOf) if str(o).startswith(eli)]
    assert subs == []
    assert (DG.implements, SKOS.closeMatch, ELI.ensures_implementation_of) in ontology
    assert ELI.implements not in set(ontology.objects()), "eli:implements is deprecated"


def test_relation_hierarchy(ontology: Graph):
    relations = set(ontology.transitive_subjects(RDFS.subPropertyOf, DG.relatedDocument)) - {
        DG.relatedDocument
    }
    assert relations == {
        DG.implements, DG.continues, DG.summarises, DG.basedOn, DG.guides, DG.concretises,
        DG.institutionalises, DG.amends, DG.replaces, DG.repeals, DG.cites,
    }  # fmt: skip
    implementing = set(ontology.transitive_subjects(RDFS.subPropertyOf, DG.implements))
    assert implementing == {DG.implements, DG.continues, DG.concretises}


@pytest.mark.parametrize(
    ("prop", "vi"),
    [
        ("implements", "thực hiện"),
        ("continues", "tiếp tục thực hiện"),
        ("summarises", "sơ kết, tổng kết"),
        ("basedOn", "căn cứ"),
        ("guides", "hướng dẫn thực hiện"),
        ("concretises", "cụ thể hóa"),
        ("institutionalises", "thể chế hóa"),
        ("amends", "sửa đổi, bổ sung"),
        ("replaces", "thay thế"),
        ("repeals", "bãi bỏ"),
        ("cites", "viện dẫn"),
    ],
)
def test_relation_labels_use_the_cue_words(ontology: Graph, prop: str, vi: str):
    assert lang_values(ontology, DG[prop], RDFS.label)["vi"] == [vi]


def test_number_comment_says_a_printed_number_is_not_an_identifier(ontology: Graph):
    comment = lang_values(ontology, DG.number, RDFS.comment)["en"][0]
    for needle in ("NOT an identifier", "committee term", "TW is shared", "TU repeats in every province"):
        assert needle in comment


def test_document_type_scheme_mirrors_the_yaml(schemes: Graph, doctypes: dict[str, typing.Any]):
    expected: dict[URIRef, tuple[str, str, str | None]] = {}
    for row in doctypes["types"]:
        expected[DOCTYPE[row["code"]]] = (row["vi"], row["en"], row["code"])
    for row in doctypes["untyped"]:
        expected[DOCTYPE[row["key"]]] = (row["vi"], row["en"], None)
    in_scheme = set(schemes.subjects(SKOS.inScheme, DG.DocumentTypeScheme))
    assert in_scheme == set(expected)
    for concept, (vi, en, notation) in expected.items():
        labels = lang_values(schemes, concept, SKOS.prefLabel)
        assert labels == {"vi": [vi], "en": [en]}, concept
        notations = [str(n) for n in schemes.objects(concept, SKOS.notation)]
        assert notations == ([notation] if notation else []), concept
        assert (concept, RDF.type, DG.DocumentType) in schemes
        assert (concept, SKOS.topConceptOf, DG.DocumentTypeScheme) in schemes
        assert (DG.DocumentTypeScheme, SKOS.hasTopConcept, concept) in schemes


def test_codes_with_d_stroke_keep_their_letter_in_the_iri(schemes: Graph):
    for code in ("QĐ", "QĐi", "ĐA"):
        assert (
            URIRef(f"https://w3id.org/directive-graph/scheme/document-type/{code}"),
            None,
            None,
        ) in schemes
    again = Graph().parse(data=schemes.serialize(format="turtle"), format="turtle")
    assert isomorphic(again, schemes)


@pytest.mark.parametrize(
    ("scheme", "namespace", "cls", "keys"),
    [
        (DG.ModelStatusScheme, MODEL_STATUS, DG.ModelStatus, set(typing.get_args(ModelStatus))),
        (
            DG.ModelFamilyScheme,
            MODEL_FAMILY,
            DG.ModelFamily,
            set(typing.get_args(typing.get_args(typing.get_type_hints(ModelMention)["family"])[0])),
        ),
        (
            DG.AdministrativeLevelScheme,
            LEVEL,
            DG.AdministrativeLevel,
            {"central", *typing.get_args(LocalityLevel)},
        ),
    ],
    ids=["model-status", "model-family", "level"],
)
def test_concept_schemes_match_the_model(
    schemes: Graph, scheme: URIRef, namespace: object, cls: URIRef, keys: set[str]
):
    assert keys, "the model lost its Literal type"
    concepts = set(schemes.subjects(SKOS.inScheme, scheme))
    assert concepts == {namespace[k] for k in keys}  # type: ignore[index]
    for concept in concepts:
        assert (concept, RDF.type, cls) in schemes
        assert set(lang_values(schemes, concept, SKOS.prefLabel)) == {"vi", "en"}
        assert str(schemes.value(concept, SKOS.notation)) == str(concept).rsplit("/", 1)[1]
        assert (scheme, SKOS.hasTopConcept, concept) in schemes


def test_model_status_labels_in_vietnamese(schemes: Graph):
    vi = {
        k: lang_values(schemes, MODEL_STATUS[k], SKOS.prefLabel)["vi"][0]
        for k in typing.get_args(ModelStatus)
    }
    assert vi == {
        "pilot": "thí điểm",
        "allow": "cho phép (địa phương quyết định)",
        "continue": "tiếp tục",
        "pause": "tạm dừng",
        "do_not_replicate": "không nhân rộng",
        "dismantle": "chia tách, sắp xếp lại theo mô hình chung",
        "expand": "nhân rộng",
    }


def test_every_target_class_exists(ontology: Graph, shapes: Graph):
    targets = set(shapes.objects(None, SH.targetClass))
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert targets - classes - EXTERNAL_TARGETS == set()
    assert DG.DocumentRelation in targets and DG.ModelAdoption in targets


def test_every_ontology_class_that_data_uses_has_a_shape(ontology: Graph, shapes: Graph):
    targets = set(shapes.objects(None, SH.targetClass))
    concept_classes = {DG.DocumentType, DG.ModelStatus, DG.ModelFamily, DG.AdministrativeLevel}
    # Subclasses are reached through rdfs:subClassOf; FactOrigin has two fixed individuals.
    reached = {DG.PartyDocument, DG.StateDocument, DG.PartyBody, DG.StateBody, DG.FactOrigin}
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert classes - targets - reached == set()
    assert concept_classes <= targets


@pytest.mark.parametrize("name", ["schemes.ttl", "shapes.ttl", "examples/valid.ttl"])
def test_every_dg_term_used_is_declared(name: str):
    """A typo in a dg: term in any ontology file fails here, as it would in Python (DG is closed)."""
    graph = parse(name)
    used = {term for t in graph for term in t if isinstance(term, URIRef) and str(term).startswith(DG_NS)}
    assert {str(u)[len(DG_NS) :] for u in used} - set(DG.__annotations__) == set()


def test_relation_types_in_the_shapes_are_the_eleven_relations(ontology: Graph, shapes: Graph):
    lists = [o for s, o in shapes.subject_objects(SH["in"]) if (s, SH.path, DG.relationType) in shapes]
    assert len(lists) == 1
    members = set(Collection(shapes, lists[0]))
    relations = set(ontology.transitive_subjects(RDFS.subPropertyOf, DG.relatedDocument)) - {
        DG.relatedDocument
    }
    assert members == relations
    assert len(members) == len(RELATION_TYPES) == 11


def test_vocabularies_give_rdflibs_terms_and_refuse_unknown_ones_every_time():
    """graph.namespaces makes each term once; the terms and the closed vocabularies' checks are rdflib's."""
    import warnings

    import pytest
    from rdflib import URIRef
    from rdflib import namespace as rdflib_ns

    from graph import namespaces

    for name in ("RDF", "RDFS", "XSD", "SKOS", "OWL", "DCTERMS", "ORG", "PROV"):
        ours, theirs = getattr(namespaces, name), getattr(rdflib_ns, name)
        assert str(ours) == str(theirs)
        for term in theirs.__annotations__:
            if not term.startswith("_"):
                assert getattr(ours, term) == getattr(theirs, term) == getattr(ours, term), (name, term)
        for _ in range(2):  # a name outside a closed vocabulary is refused every time (XSD is open)
            if theirs._fail:
                with pytest.raises(AttributeError):
                    ours.notATermOfThisVocabulary  # noqa: B018
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    assert ours.notATermOfThisVocabulary == theirs.notATermOfThisVocabulary
    for _ in range(2):
        with pytest.raises(AttributeError):
            namespaces.DG.notATerm  # noqa: B018
    assert namespaces.OA.start == namespaces.OA.start == URIRef("http://www.w3.org/ns/oa#start")
