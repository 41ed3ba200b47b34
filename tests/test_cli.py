"""The ``directives`` command: exit codes and exact messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

SOURCES = Path(__file__).parents[1] / "sources"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_build_on_the_seeds_writes_turtle_html_and_texts(runner: CliRunner, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "--sources", str(SOURCES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Read 4 sources; no problems." in result.output
    assert "The graph conforms to the shapes." in result.output
    for name in ("graph.ttl", "index.html", "build.json", "texts/000_14f6e30f14f393dd.txt"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert summary["conforms"] is True and summary["failures"] == []


def test_trace_json_from_a_built_graph(runner: CliRunner, built: Path):
    result = runner.invoke(
        cli, ["trace", "18-NQ/TW", "--format", "json", "--graph", str(built / "graph.ttl")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    numbers = {d["number"] for d in data["documents"]}
    assert {"34-KL/TW", "16-TB/TW", "50-KL/TW", "55-KL/TU"} <= numbers
    (kl55,) = [d for d in data["documents"] if d["number"] == "55-KL/TU"]
    assert kl55["path"] == ["55-KL/TU", "16-TB/TW", "18-NQ/TW"]


def test_trace_unknown_document_exits_2_with_the_message(runner: CliRunner, built: Path):
    result = runner.invoke(cli, ["trace", "99-NQ/TW", "--graph", str(built / "graph.ttl")])
    assert result.exit_code == 2
    assert (
        result.output
        == "Error: Unknown document '99-NQ/TW': no document in the graph carries it. Check the number.\n"
    )


def test_trace_without_a_build_says_what_to_do(runner: CliRunner, tmp_path: Path):
    missing = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["trace", "18-NQ/TW", "--graph", str(missing)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {missing}: no built graph here. Run `directives build` first, or pass --graph FILE.\n"
    )


def test_validate_exit_codes(runner: CliRunner, built: Path, tmp_path: Path):
    ok = runner.invoke(cli, ["validate", str(built / "graph.ttl")])
    assert ok.exit_code == 0, ok.output
    assert ok.output == f"{built / 'graph.ttl'}: conforms to the shapes.\n"
    broken = tmp_path / "broken.ttl"
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("dg:origin dg:Extracted", "dg:origin dg:Nowhere"), encoding="utf-8")
    bad = runner.invoke(cli, ["validate", str(broken)])
    assert bad.exit_code == 1
    assert "violation(s)." in bad.output


def test_query_named_with_param_as_csv(runner: CliRunner, built: Path):
    result = runner.invoke(
        cli,
        [
            "query",
            "models-by-locality",
            "--param",
            "locality=Kỳ Anh",
            "--format",
            "csv",
            "--graph",
            str(built / "graph.ttl"),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "localityName,model,status,decidedBy,since,deadline"
    assert lines[1].startswith("Kỳ Anh,Ban Tuyên giáo - Dân vận Huyện ủy,dismantle,55-KL/TU")


def test_query_bad_param_syntax(runner: CliRunner, built: Path):
    result = runner.invoke(cli, ["query", "chain", "--param", "number", "--graph", str(built / "graph.ttl")])
    assert result.exit_code == 2
    assert "Invalid value for --param: 'number' is not NAME=VALUE." in result.output


def test_query_list(runner: CliRunner):
    result = runner.invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    assert "chain: " in result.output and "--param number=..." in result.output


@pytest.mark.parametrize("fmt, written", [("turtle", "graph.ttl"), ("trig", "graph.trig")])
def test_export_of_the_dataset_is_byte_identical_to_the_build(
    runner: CliRunner, built: Path, tmp_path: Path, fmt: str, written: str
):
    """The build streams its named graphs; exporting the dataset lays them out the same way."""
    target = tmp_path / "again"
    result = runner.invoke(
        cli, ["export", "--format", fmt, "--graph", str(built / "graph.trig"), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (built / written).read_bytes()


def test_export_of_the_turtle_union_is_reproducible(runner: CliRunner, built: Path, tmp_path: Path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    for target in (first, second):
        result = runner.invoke(
            cli, ["export", "--format", "turtle", "--graph", str(built / "graph.ttl"), "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", ["json-ld", "nt"])
def test_export_formats_parse_back_to_the_same_graph(runner: CliRunner, built: Path, fmt: str):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    result = runner.invoke(cli, ["export", "--format", fmt, "--graph", str(built / "graph.ttl")])
    assert result.exit_code == 0
    again = Graph().parse(data=result.stdout_bytes, format=fmt)
    original = Graph().parse(built / "graph.ttl", format="turtle")
    assert isomorphic(again, original)


def test_extract_json_contract(runner: CliRunner):
    path = SOURCES / "001_ea8b90e8c70a61da.txt"
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert item["source"] == str(path)
    assert item["document"]["number"] == "55-KL/TU"
    assert {"source": "55-KL/TU", "relation": "implements", "target": "16-TB/TW"} in [
        {k: r[k] for k in ("source", "relation", "target")} for r in item["relations"]
    ]


def test_extract_missing_file(runner: CliRunner, tmp_path: Path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "Traceback" not in result.output


def test_html_view_references_nothing_remote(built: Path):
    import re

    for page in [built / "index.html", *built.glob("lib/*")]:
        text = page.read_text(encoding="utf-8", errors="replace")
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", text)
        refs += re.findall(r"""url\(\s*["']?([^"')]+)""", text)
        assert not [r for r in refs if re.match(r"(?i)(https?:)?//", r)], page


def test_release_twice_identical(runner: CliRunner, built: Path, tmp_path: Path):
    for name in ("a", "b"):
        result = runner.invoke(
            cli, ["release", "--graph", str(built / "graph.trig"), "--out", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        assert (
            result.output
            == f"Wrote 15 files to {tmp_path / name}/ (checksums in {tmp_path / name}/SHA256SUMS).\n"
        )
    assert (tmp_path / "a" / "SHA256SUMS").read_bytes() == (tmp_path / "b" / "SHA256SUMS").read_bytes()


def test_published_jsonld_context_is_current():
    from graph.jsonld_context import context_json

    published = Path(__file__).parents[1] / "ontology" / "context.jsonld"
    assert published.read_text(encoding="utf-8") == context_json(), "regenerate ontology/context.jsonld"


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_query_gives_the_same_rows_on_every_embedded_store(runner: CliRunner, built: Path, store: str):
    args = [
        "query",
        "chain",
        "--param",
        "number=18-NQ/TW",
        "--format",
        "csv",
        "--graph",
        str(built / "graph.trig"),
    ]
    default = runner.invoke(cli, args)
    chosen = runner.invoke(cli, [*args, "--store", store])
    assert default.exit_code == chosen.exit_code == 0, chosen.output
    assert chosen.output == default.output and "16-TB/TW" in chosen.output


def test_load_into_a_persistent_store_and_query_it(runner: CliRunner, built: Path, tmp_path: Path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    loaded = runner.invoke(cli, ["load", str(built / "graph.trig"), "--store", spec])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.startswith("Loaded ") and "in 6 graphs into oxigraph:" in loaded.output
    result = runner.invoke(cli, ["query", "citation-only", "--store", spec, "--format", "csv"])
    assert result.exit_code == 0 and "18-NQ/TW" in result.output


def test_a_large_graph_loaded_for_one_query_gets_a_note_on_how_to_load_it_once(
    runner: CliRunner, built: Path, monkeypatch: pytest.MonkeyPatch
):
    args = ["query", "citation-only", "--format", "csv", "--graph", str(built / "graph.trig")]
    small = runner.invoke(cli, args)
    assert small.exit_code == 0 and small.stderr == ""
    monkeypatch.setattr("graph.cli.LARGE_GRAPH_BYTES", 1000)
    large = runner.invoke(cli, args)
    assert large.exit_code == 0 and large.stdout == small.stdout  # the rows are the same
    assert large.stderr.startswith(f"note: {built / 'graph.trig'}: loading ")
    assert "`directives load --store oxigraph:DIR" in large.stderr and "--store oxigraph:DIR`" in large.stderr
    missing = runner.invoke(cli, ["query", "citation-only", "--graph", str(built / "missing.trig")])
    assert missing.exit_code == 2 and "note:" not in missing.output  # the load says what is wrong
