"""graph.trace and graph.chain on the seed corpus."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.chain import chain_json, chain_tree, resolve_document
from graph.errors import UnknownDocumentError
from graph.trace import dependents, trace


def numbers(G: nx.DiGraph, nodes) -> set[str]:
    return {G.nodes[n]["number"] for n in nodes}


def test_everything_below_resolution_18(nx_graph):
    root = resolve_document(nx_graph, "18-NQ/TW")
    assert numbers(nx_graph, dependents(nx_graph, root)) == {
        "34-KL/TW",
        "175-TTr/BTCTW",
        "16-TB/TW",
        "55-KL/TU",
        "50-KL/TW",
    }


def test_json_has_the_chain_the_issue_names(nx_graph):
    data = chain_json(nx_graph, resolve_document(nx_graph, "18-NQ/TW"))
    by_number = {d["number"]: d for d in data["documents"]}
    assert {"34-KL/TW", "16-TB/TW", "50-KL/TW", "55-KL/TU"} <= by_number.keys()
    assert by_number["55-KL/TU"]["path"] == ["55-KL/TU", "16-TB/TW", "18-NQ/TW"]
    assert by_number["16-TB/TW"]["date"] == "2022-07-07"
    relations = {(r["source"], r["relation"], r["target"]) for r in data["relations"]}
    assert ("50-KL/TW", "continues", "18-NQ/TW") in relations
    assert ("55-KL/TU", "implements", "16-TB/TW") in relations
    assert ("16-TB/TW", "summarises", "34-KL/TW") in relations
    assert ("16-TB/TW", "based_on", "175-TTr/BTCTW") in relations
    tasks = {(t["locality"], t["status"], t["deadline"]) for t in data["tasks"]}
    assert ("Đức Thọ", "dismantle", "2022-10") in tasks
    assert ("Kỳ Anh", "dismantle", "2022-10") in tasks


def test_tree_lists_each_document_with_relation_and_date(nx_graph):
    text = chain_tree(nx_graph, resolve_document(nx_graph, "18-NQ/TW"))
    lines = text.splitlines()
    assert lines[0].startswith("Nghị quyết 18-NQ/TW (2017-10-25")
    assert any("← continues: Kết luận 50-KL/TW (2023-02-28" in line for line in lines)
    assert any("← implements: Kết luận 55-KL/TU (after 2022-07-07" in line for line in lines)
    assert any("Đức Thọ" in line and "due 2022-10" in line for line in lines)


def test_up_from_the_district_tasks_document(nx_graph):
    tree = trace(nx_graph, resolve_document(nx_graph, "55-KL/TU"), up=True)
    (child,) = tree.children
    assert (nx_graph.nodes[child.id]["number"], child.relation) == ("16-TB/TW", "implements")


def test_a_cycle_is_shown_not_followed():
    G = nx.DiGraph()
    G.add_node("a", number="A", label="A", kind="document")
    G.add_node("b", number="B", label="B", kind="document")
    G.add_edge("a", "b", relation="implements")
    G.add_edge("b", "a", relation="implements")
    tree = trace(G, "a")
    assert [c.id for c in tree.children] == ["b"]
    (back,) = tree.children[0].children  # b implements a: shown, marked repeated, not followed again
    assert (back.id, back.repeated, back.children) == ("a", True, [])


def test_unknown_document_error_is_exact(nx_graph):
    with pytest.raises(UnknownDocumentError) as info:
        resolve_document(nx_graph, "99-NQ/TW")
    assert (
        str(info.value)
        == "Unknown document '99-NQ/TW': no document in the graph carries it. Check the number."
    )


def test_variant_spellings_of_a_number_are_accepted(nx_graph):
    assert resolve_document(nx_graph, "16TB/TW") == resolve_document(nx_graph, "16 - TB/TW")


def test_the_saved_network_is_the_projection_of_the_built_graph(tmp_path: Path):
    """trace and render read network.json instead of the RDF; it must be exactly the projection."""
    from graph.export import load_graph
    from graph.pipeline import run_build
    from graph.project import NETWORK_FILE, load_network, project

    out = tmp_path / "out"
    run_build(Path(__file__).parents[1] / "sources", out, html=False, cache=False)
    saved = load_network(out / "graph.trig")
    assert saved is not None and (out / NETWORK_FILE).is_file()
    fresh = project(load_graph(out / "graph.trig"), texts_dir="texts")
    assert list(saved.nodes(data=True)) == list(fresh.nodes(data=True))
    assert list(saved.edges(data=True)) == list(fresh.edges(data=True))


def test_a_saved_network_of_another_graph_is_not_used(tmp_path: Path):
    from graph.pipeline import run_build
    from graph.project import load_network

    out = tmp_path / "out"
    run_build(Path(__file__).parents[1] / "sources", out, html=False, cache=False)
    trig = out / "graph.trig"
    text = trig.read_bytes()
    assert b"Kh" in text
    trig.write_bytes(text.replace(b"Kh", b"kH", 1))  # same size, other bytes
    assert load_network(trig) is None
    trig.write_bytes(trig.read_bytes() + b"\n")
    assert load_network(trig) is None
