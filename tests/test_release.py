"""graph.release: a reusable, reproducible dataset folder."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, VOID

from graph.export import load_graph
from graph.namespaces import XSD
from graph.release import make_release

RELEASE_CODE = (
    "import sys; from pathlib import Path; from graph.export import load_graph; from graph.release import "
    "make_release; make_release(load_graph(Path(sys.argv[1])), Path(sys.argv[2]), version='1.0.0')"
)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def release_in_a_new_process(graph: Path, out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", RELEASE_CODE, str(graph), str(out)], check=True, env=env)


def test_released_twice_gives_identical_checksums(built: Path, tmp_path: Path):
    release_in_a_new_process(built / "graph.trig", tmp_path / "a", "1")
    release_in_a_new_process(built / "graph.trig", tmp_path / "b", "2")
    sums = (tmp_path / "a" / "SHA256SUMS").read_bytes()
    assert sums == (tmp_path / "b" / "SHA256SUMS").read_bytes()
    for line in sums.decode().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / "a" / name).read_bytes()).hexdigest() == digest


def test_release_holds_every_export_and_they_agree(built: Path, tmp_path: Path):
    graph = load_graph(built / "graph.trig")
    release = make_release(graph, tmp_path / "r", version="1.0.0")
    folder = release.folder
    for name in (
        "graph.ttl",
        "graph.trig",
        "graph.nq",
        "graph.nt",
        "graph.jsonld",
        "schema-org.jsonld",
        "graph.graphml",
        "graph.gexf",
        "void.ttl",
        "context.jsonld",
        "tables/documents.csv",
        "tables/relations.csv",
        "tables/adoptions.csv",
        "tables/localities.csv",
    ):
        assert (folder / name).is_file(), name
    union = Graph().parse(folder / "graph.ttl")
    assert isomorphic(union, Graph().parse(folder / "graph.jsonld", format="json-ld"))
    quads = Dataset(default_union=True).parse(folder / "graph.nq", format="nquads")
    assert len(set(quads.triples((None, None, None)))) == len(union)
    assert "lastmodifieddate" not in (folder / "graph.gexf").read_text(encoding="utf-8")


def test_csv_tables_carry_the_evidence(built: Path, tmp_path: Path):
    make_release(load_graph(built / "graph.trig"), tmp_path / "r", version="1.0.0")
    rows = read_csv(tmp_path / "r/tables/relations.csv")
    row = next(r for r in rows if r["fromNumber"] == "55-KL/TU" and r["toNumber"] == "16-TB/TW")
    assert row["relation"] == "implements" and row["origin"] == "extracted"
    text = (Path(__file__).parents[1] / "sources" / row["file"]).read_text(encoding="utf-8")
    assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    curated = next(r for r in rows if r["origin"] == "curated")
    assert curated["curationFile"].endswith("curation.yaml") and curated["citation"]
    adoptions = read_csv(tmp_path / "r/tables/adoptions.csv")
    assert {(a["locality"], a["localityCode"], a["deadline"]) for a in adoptions if a["locality"]} >= {
        ("Đức Thọ", "440", "2022-10"),
        ("Kỳ Anh", "447", "2022-10"),
    }


def test_void_describes_counts_sources_and_version(built: Path, tmp_path: Path):
    make_release(load_graph(built / "graph.trig"), tmp_path / "r", version="2.3.4", issued="2026-11-21")
    void = Graph().parse(tmp_path / "r" / "void.ttl")
    (dataset,) = list(void.subjects(VOID.triples, None))
    assert int(void.value(dataset, VOID.triples)) == len(Graph().parse(tmp_path / "r" / "graph.ttl"))
    assert str(dataset).endswith("/dataset/2.3.4")
    assert len(list(void.objects(dataset, DCTERMS.source))) == 4
    assert (dataset, DCTERMS.issued, Literal("2026-11-21", datatype=XSD.date)) in void


def test_schema_org_view_names_legislation(built: Path, tmp_path: Path):
    make_release(load_graph(built / "graph.trig"), tmp_path / "r", version="1.0.0")
    data = json.loads((tmp_path / "r" / "schema-org.jsonld").read_text(encoding="utf-8"))
    items = data["@graph"]
    tb16 = next(i for i in items if i.get("legislationIdentifier") == "16-TB/TW")
    assert tb16["@type"] == "Legislation"
    assert (
        tb16["legislationDate"]["@value"] == "2022-07-07"
        if isinstance(tb16["legislationDate"], dict)
        else tb16["legislationDate"] == "2022-07-07"
    )
