"""The data flow holds: a stage imports only earlier stages and the shared modules (STYLE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GRAPH = Path(__file__).parents[1] / "graph"

SHARED = {
    "graph",
    "graph.errors",
    "graph.model",
    "graph.namespaces",
    "graph.paths",
    "graph.text",
    "graph.workers",
}
#: Stages in data-flow order; a module may import its own stage and earlier ones.
STAGES = [
    {"graph.sources", "graph.legacy", "graph.readers", "graph.doctypes", "graph.terms", "graph.localities"},
    {"graph.parse"},
    {"graph.extract"},
    {"graph.gold", "graph.evaluate"},
    {"graph.curation", "graph.resolve", "graph.places"},
    {"graph.quads", "graph.provenance", "graph.build", "graph.build_details"},
    {"graph.validate", "graph.validate_parts", "graph.validate_cache"},
    {"graph.project", "graph.trace", "graph.chain", "graph.sparql", "graph.store"},
    {"graph.render", "graph.views", "graph.export", "graph.outputs", "graph.jsonld_context", "graph.turtle"},
    {
        "graph.pipeline",
        "graph.uptodate",
        "graph.extract_stage",
        "graph.release",
        "graph.api",
        "graph.serve",
        "graph.synth",
        "graph.bench",
        "graph.baseline",
    },
    {"graph.cli"},
]


def stage_of(module: str) -> int:
    for rank, names in enumerate(STAGES):
        if any(module == n or module.startswith(n + ".") for n in names):
            return rank
    raise AssertionError(f"{module} is in no stage: add it to STAGES")


def module_name(path: Path) -> str:
    parts = path.relative_to(GRAPH.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if node.module == "graph")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("graph"))
    return found


MODULES = sorted(p for p in GRAPH.rglob("*.py") if module_name(p) not in SHARED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_a_later_stage(path: Path):
    me = module_name(path)
    for imported in imports(path):
        if imported in SHARED:
            continue
        assert stage_of(imported) <= stage_of(me), f"{me} imports the later stage {imported}"


def test_render_and_export_are_leaves():
    """Only the jobs that write outputs (and the CLI) import the rendering and export modules."""
    jobs = {
        "graph.pipeline",
        "graph.cli",
        "graph.release",
        "graph.api",
        "graph.serve",
        "graph.bench",
        "graph.baseline",
    }
    for path in GRAPH.rglob("*.py"):
        me = module_name(path)
        if me in jobs or me.startswith(("graph.views", "graph.render")):
            continue
        assert not {"graph.render", "graph.export"} & imports(path), f"{me} imports a leaf"


def test_extraction_never_loads_rdflib():
    code = "import sys, graph.extract, graph.parse; sys.exit('rdflib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
