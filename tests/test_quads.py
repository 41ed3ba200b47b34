"""The builder's dataset (graph.quads.QuadSet) answers every lookup as a plain model of its named graphs
does, whatever the sequence of adds, removes and dropped graphs: its index keeps a lone object apart from
a dict of several, and moves between the two as statements come and go."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.namespaces import RDF, XSD
from graph.quads import QuadSet

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

EX = "https://example.org/"
SUBJECTS = [URIRef(f"{EX}s{i}") for i in range(3)]
PREDICATES = [RDF.type, URIRef(f"{EX}p"), URIRef(f"{EX}q")]
# equal-looking literals that are different terms (language, datatype), and IRIs that are also subjects
OBJECTS: list[Node] = [
    SUBJECTS[0],
    URIRef(f"{EX}C"),
    Literal("1"),
    Literal("1", datatype=XSD.integer),
    Literal("một", lang="vi"),
    Literal("một", lang="en"),
]
GRAPHS = [URIRef(f"{EX}g{i}") for i in range(3)]

triples = st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES), st.sampled_from(OBJECTS))
patterns = st.tuples(
    st.none() | st.sampled_from(SUBJECTS),
    st.none() | st.sampled_from(PREDICATES),
    st.none() | st.sampled_from(OBJECTS),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(GRAPHS), triples),
        st.tuples(st.just("remove"), st.sampled_from(GRAPHS), patterns),
        st.tuples(st.just("drop"), st.sampled_from(GRAPHS), st.none()),
        st.tuples(st.just("subjects"), st.none(), st.none()),  # builds the predicate-object index early
    ),
    max_size=60,
)


def _matches(triple: tuple[Node, Node, Node], pattern: tuple[Node | None, ...]) -> bool:
    return all(want is None or want == have for want, have in zip(pattern, triple, strict=True))


@settings(max_examples=300, deadline=None)
@given(operations)
def test_quadset_answers_as_its_graphs_do(ops: list[tuple[str, URIRef | None, object]]) -> None:
    ds = QuadSet()
    model: dict[URIRef, dict[tuple[Node, Node, Node], None]] = {}
    for op, name, arg in ops:
        if op == "add":
            assert name is not None
            ds.graph(name).add(arg)  # type: ignore[arg-type]
            model.setdefault(name, {})[arg] = None  # type: ignore[index]
        elif op == "remove":
            assert name is not None
            ds.graph(name).remove(arg)  # type: ignore[arg-type]
            held = model.setdefault(name, {})
            for triple in [t for t in held if _matches(t, arg)]:  # type: ignore[arg-type]
                del held[triple]
        elif op == "drop":
            assert name is not None
            ds.drop(name)
            model.pop(name, None)
        else:
            next(ds.subjects(RDF.type, OBJECTS[1]), None)
    union = {t for held in model.values() for t in held}
    assert len(ds) == len(union)
    assert set(ds.triples()) == union
    for s in SUBJECTS:
        for p in PREDICATES:
            objects = {o for (ts, tp, o) in union if (ts, tp) == (s, p)}
            assert set(ds.objects(s, p)) == objects
            assert len(list(ds.objects(s, p))) == len(objects)
            value = ds.value(s, p)
            assert (value is None) == (not objects) and (value is None or value in objects)
            assert set(ds.triples((s, p, None))) == {(s, p, o) for o in objects}
            for o in OBJECTS:
                assert ((s, p, o) in ds) == ((s, p, o) in union)
                assert (s in set(ds.subjects(p, o))) == ((s, p, o) in union)
    for name, held in model.items():
        if name in ds.graph_names():
            assert list(ds.graph(name)) == list(held)
        for s in SUBJECTS:
            mine = [t for t in held if t[0] == s]
            if not mine:
                continue
            others = {t for other, theirs in model.items() if other != name for t in theirs if t[0] == s}
            # others_state sees what another graph states with one of these predicates or rdf:type
            predicates = {p for _, p, _ in mine} | {RDF.type}
            expected = any(t[1] in predicates for t in others)
            assert ds.others_state(s, mine) == expected
