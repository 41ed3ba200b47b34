"""Measurements for scripts/benchmark.py: the build at a given corpus size, against a bare regex scan and
a naive baseline, with incremental rebuilds, trace and named-query latencies and HTML render time.

Every build runs in its own process so that its peak RSS and CPU time are its own. Nothing here asserts
a target: the numbers are reported, and the README quotes them.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.sparql import NamedQuery
    from graph.store import Store

__all__ = ["SizeResult", "markdown_table", "measure_size", "param_values", "query_calls"]

# A bare scan for printed Party numbers. Example line: "Kết luận số 34-KL/TW ngày 07/8/2018"
BARE_NUMBER = re.compile(r"\d+-[A-ZĐ]+/[A-ZĐ]+")

_CHILD = """
import json, resource, sys, time
from pathlib import Path
args = json.loads(sys.argv[1])
started = time.perf_counter()
if args["naive"]:
    from graph.baseline import naive_build
    done = naive_build(Path(args["sources"]), Path(args["out"]))
else:
    from graph.pipeline import run_build
    report = run_build(Path(args["sources"]), Path(args["out"]), html=args["html"], cache=args["cache"],
                       jobs=args["jobs"])
    done = {"documents": report.documents, "triples": report.triples, "failures": len(report.failures)}
usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": time.perf_counter() - started,
                  "cpu_s": sum(u.ru_utime + u.ru_stime for u in usage),
                  "peak_rss_mb": max(u.ru_maxrss for u in usage) / 1024, **done}))
"""


@dataclass
class SizeResult:
    docs: int
    text_mb: float
    build_s: float | None = None
    cpu_s: float | None = None
    peak_rss_mb: float | None = None  # the larger of the build's ru_maxrss and its process tree's peak PSS
    peak_tree_mb: float | None = None  # the build and its workers together (PSS, sampled every 0.5 s)
    docs_per_s: float | None = None
    extract_mb_per_s: float | None = None
    regex_mb_per_s: float | None = None
    incremental_s: float | None = None
    trace_p50_ms: float | None = None
    trace_p95_ms: float | None = None
    query_p50_ms: float | None = None
    query_p95_ms: float | None = None
    # per named query: its calls, their p50, p95 and slowest time (ms)
    queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    # per named query whose parameters are all optional: the time of the call with none (the listing)
    listings: dict[str, float] = field(default_factory=dict)
    network_load_s: float | None = None
    store_load_s: float | None = None
    render_overview_s: float | None = None
    render_chain_s: float | None = None
    baseline_build_s: float | None = None
    baseline_peak_rss_mb: float | None = None
    speedup: float | None = None  # baseline_build_s / build_s
    triples: int | None = None
    notes: list[str] = field(default_factory=list)


def _build(
    sources: Path,
    out: Path,
    *,
    cache: bool,
    jobs: int | None,
    html: bool,
    timeout: float,
    naive: bool = False,
) -> dict[str, Any]:
    payload = json.dumps(
        {"sources": str(sources), "out": str(out), "cache": cache, "jobs": jobs, "html": html, "naive": naive}
    )
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, payload], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = _TreeMemory(child.pid)
    sampler.start()
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise
    finally:
        sampler.stop()
    if child.returncode != 0:
        raise RuntimeError(stderr.strip().splitlines()[-1] if stderr.strip() else "build failed")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    # The build's own peak RSS, or the peak of its process tree (workers included) when that is larger.
    result["peak_rss_mb"] = max(result["peak_rss_mb"], sampler.peak_mb)
    result["peak_tree_mb"] = sampler.peak_mb
    result["cpu_s"] = max(result["cpu_s"], sampler.cpu_s)
    return result


class _TreeMemory:
    """Samples a process and all its descendants (every 0.5 s, from /proc): the peak of the sum of their
    proportional set sizes (PSS: a page shared by forked workers counts once in all), and the CPU time of
    every process seen (the workers of a fork server are not the build's children, so the build's own
    ``RUSAGE_CHILDREN`` misses them; a process's last 0.5 s can be missed). Where /proc is missing both
    stay 0 and the build's own ``ru_maxrss`` and CPU time are reported alone.

    The sampler takes a core of its own from the build it measures: reading a large process's PSS makes
    the kernel walk its page tables (at 0.2 s, a fifth of a core with a 4 GB build). So it samples every
    0.5 s and looks for new processes every ``rescan`` samples only (workers start once)."""

    def __init__(self, pid: int, every: float = 0.5, rescan: int = 4) -> None:
        import threading

        self.pid, self.every, self.rescan, self.peak_mb = pid, every, rescan, 0.0
        self._cpu: dict[int, float] = {}  # pid -> user + system seconds, last seen
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tree-memory")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu.values())

    def _run(self) -> None:
        pids: list[int] = []
        samples = 0
        while not self._done.wait(self.every):
            if samples % self.rescan == 0:
                pids = _tree(self.pid)
            samples += 1
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in pids) / 1024)
            for pid in pids:
                self._cpu[pid] = max(self._cpu.get(pid, 0.0), _cpu_s(pid))


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (its own, not its children's)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pss_kb(pid: int) -> int:
    """Proportional set size of one process in KiB; 0 once it has exited (or without /proc)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html"))


def _throughput(paths: list[Path]) -> tuple[float, float, float]:
    """(MB of text, regex MB/s, extraction MB/s) over the decoded NFC texts, in this process."""
    from graph.extract import extract_text
    from graph.sources import read_source

    texts = [read_source(p).text for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    started = time.perf_counter()
    for text in texts:
        BARE_NUMBER.findall(text)
    regex_s = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        extract_text(text)
    extract_s = time.perf_counter() - started
    return size, size / max(regex_s, 1e-9), size / max(extract_s, 1e-9)


def _latencies(out: Path, result: SizeResult, rng: random.Random) -> None:
    """trace on the network the build saved; every named query on the graph loaded into Oxigraph (the
    store ``directives query`` uses by default), on the calls of :func:`query_calls`, each timed once
    after one warm-up call; render times of the views."""
    from graph.project import load_network
    from graph.sparql import named_queries
    from graph.store import open_store, run_named
    from graph.trace import trace

    started = time.perf_counter()
    G = load_network(out / "graph.trig")
    result.network_load_s = time.perf_counter() - started
    if G is None:
        result.notes.append("the build saved no network.json; trace not measured")
        return
    documents = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "document" and d.get("number"))
    # the documents with the most dependents first: a researcher traces a central directive
    roots = sorted(documents, key=lambda n: (-G.in_degree(n), n))[:10] + rng.sample(
        documents, min(20, len(documents))
    )
    times = []
    for root in roots:
        started = time.perf_counter()
        trace(G, root)
        times.append((time.perf_counter() - started) * 1000)
    result.trace_p50_ms, result.trace_p95_ms = _p50_p95(times)
    store = open_store("oxigraph")
    started = time.perf_counter()
    store.load(out / "graph.trig")
    result.store_load_s = time.perf_counter() - started
    numbers = [G.nodes[n]["number"] for n in roots]
    for name, query in named_queries().items():
        calls = query_calls(store, query, numbers, rng)
        if not calls:
            result.notes.append(f"named query {name}: no values for its required parameters; not measured")
            continue
        run_named(store, query, calls[0])  # warm the store's caches once per query
        times = []
        by_param: dict[str, list[float]] = {}
        for params in calls:
            started = time.perf_counter()
            run_named(store, query, params)
            times.append((time.perf_counter() - started) * 1000)
            by_param.setdefault("+".join(params) or "(listing)", []).append(times[-1])
            if not params:
                result.listings[name] = times[-1]
        p50, p95 = _p50_p95(times)
        result.queries[name] = {
            "calls": len(times),
            "p50_ms": p50,
            "p95_ms": p95,
            "max_ms": max(times),
            # the same figures for the calls that give each parameter (or none: the listing)
            "by_param": {
                key: dict(zip(("calls", "p50_ms", "p95_ms"), (len(ms), *_p50_p95(ms)), strict=True))
                for key, ms in by_param.items()
            },
        }
    store.close()
    if not result.queries:
        return
    slowest = max(result.queries, key=lambda name: result.queries[name]["p50_ms"] or 0.0)
    result.query_p50_ms = result.queries[slowest]["p50_ms"]
    result.query_p95_ms = max(q["p95_ms"] or 0.0 for q in result.queries.values())
    result.notes.append(f"slowest named query: {slowest} (p50 {result.query_p50_ms:.0f} ms)")
    if result.listings:
        longest = max(result.listings, key=result.listings.__getitem__)
        result.notes.append(
            f"longest listing (a query with none of its optional parameters): {longest} "
            f"({result.listings[longest]:.0f} ms)"
        )
    _render_times(G, out, roots[:1], result)


# The values a researcher passes to a named query's parameters, read from the graph. Each query gives one
# column of distinct values; "number" takes the documents trace is measured on instead.
_PARAM_VALUES = {
    "issuer": """PREFIX dg: <https://w3id.org/directive-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?v WHERE { ?d dg:issuer ?b . ?b skos:prefLabel ?v FILTER(LANG(?v) = "vi") } ORDER BY ?v""",
    "year": """PREFIX dg: <https://w3id.org/directive-graph/ontology#>
SELECT DISTINCT ?v WHERE { ?d dg:dateIssued ?date BIND(STR(YEAR(?date)) AS ?v) } ORDER BY ?v""",
    "locality": """PREFIX dg: <https://w3id.org/directive-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?v WHERE { ?a a dg:ModelAdoption ; dg:locality ?p . ?p skos:prefLabel ?v } ORDER BY ?v""",
    "relation": """PREFIX dg: <https://w3id.org/directive-graph/ontology#>
SELECT DISTINCT ?v WHERE { ?r dg:relationType ?t BIND(STRAFTER(STR(?t), "#") AS ?v) } ORDER BY ?v""",
}
CALLS_PER_PARAM = 10


def param_values(store: Store, name: str) -> list[str]:
    """Every value of the optional parameter ``name`` the graph in ``store`` holds (issuer labels,
    years, localities of adoptions, relation names), sorted; none for a parameter not listed here."""
    if name not in _PARAM_VALUES:
        return []
    return [row[0] for row in store.query(_PARAM_VALUES[name]).rows if row[0]]


def query_calls(
    store: Store, query: NamedQuery, numbers: list[str], rng: random.Random
) -> list[dict[str, str]]:
    """The calls a named query is timed on, as a researcher makes them: with every parameter optional,
    the listing (no parameter) and then each parameter alone with up to 10 values drawn from the graph;
    with a required parameter (``number``, the root of ``chain``), one call per document of ``numbers``.
    A parameter the benchmark has no values for is left out."""
    required = [name for name, doc in query.params.items() if not doc.lower().startswith("optional")]
    if required:
        if required != ["number"]:
            return []
        return [{"number": n} for n in numbers]
    calls: list[dict[str, str]] = [{}]
    for name in query.params:
        if name == "number":
            values = numbers[:CALLS_PER_PARAM]
        elif name in _PARAM_VALUES:
            values = param_values(store, name)
            values = rng.sample(values, min(CALLS_PER_PARAM, len(values)))
        else:
            continue
        calls.extend({name: value} for value in values)
    return calls


def _render_times(G: Any, out: Path, roots: list[str], result: SizeResult) -> None:
    """The views as ``directives render --chain`` writes them for the first of ``roots`` (the document
    the most documents point to): the whole render (overview, timeline, models, the chain pages within
    the budget, data/ and lib/) and, of it, that chain page (its members traced, its layout, its HTML
    written)."""
    from graph import render

    started = time.perf_counter()
    site = render.render_site(G, out / "bench-views", title="benchmark", chain_roots=roots[:1])
    result.render_overview_s = time.perf_counter() - started
    if roots:
        result.render_chain_s = site.seconds[site.chains[roots[0]].name]


def _p50_p95(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _edit_one(sources: Path) -> None:
    path = _texts(sources)[len(_texts(sources)) // 2]
    path.write_bytes(path.read_bytes() + "\nThực hiện Kết luận số 34-KL/TW.\n".encode())


def measure_size(
    docs: int,
    work: Path,
    *,
    seed: int = 7,
    timeout: float = 3600,
    baseline: bool = True,
    build_only: bool = False,
    latencies_only: bool = False,
) -> SizeResult:
    """Generate ``docs`` synthetic texts under ``work`` and measure everything on them (with
    ``build_only``, the build alone: no incremental rebuild, latencies or baseline; with
    ``latencies_only``, trace, the named queries and the views on the corpus and build an earlier run
    left in ``work``)."""
    from graph.synth import generate_corpus

    sources, out = work / f"corpus-{docs}", work / f"out-{docs}"
    if latencies_only:
        if not (out / "graph.trig").is_file() or not sources.is_dir():
            raise FileNotFoundError(
                f"{out / 'graph.trig'}: no earlier build of {docs} documents here; run the benchmark "
                f"with --work {work} first (--build-only is enough)."
            )
        paths = _texts(sources)
        result = SizeResult(docs=docs, text_mb=round(sum(p.stat().st_size for p in paths) / 1e6, 2))
        result.notes.append("latencies only (--latencies-only), on the build an earlier run left")
        _latencies(out, result, random.Random(seed))
        return result
    generate_corpus(sources, docs=docs, seed=seed)
    paths = _texts(sources)
    sample = paths if len(paths) <= 2000 else random.Random(seed).sample(paths, 2000)
    text_mb = sum(p.stat().st_size for p in paths) / 1e6
    result = SizeResult(docs=docs, text_mb=round(text_mb, 2))
    _, result.regex_mb_per_s, result.extract_mb_per_s = _throughput(sample)
    _start_cold(out)
    try:
        built = _build(sources, out, cache=True, jobs=None, html=True, timeout=timeout)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        result.notes.append(f"build did not finish: {exc}")
        return result
    result.build_s, result.cpu_s, result.peak_rss_mb = built["wall_s"], built["cpu_s"], built["peak_rss_mb"]
    result.peak_tree_mb = built["peak_tree_mb"]
    result.triples, result.docs_per_s = built["triples"], docs / built["wall_s"]
    if build_only:
        result.notes.append("the build alone (--build-only): no incremental rebuild, latencies or baseline")
        return result
    _edit_one(sources)
    result.incremental_s = _build(sources, out, cache=True, jobs=None, html=True, timeout=timeout)["wall_s"]
    _latencies(out, result, random.Random(seed))
    if baseline:
        try:
            naive = _build(
                sources,
                work / f"baseline-{docs}",
                cache=False,
                jobs=1,
                html=True,
                timeout=timeout,
                naive=True,
            )
            result.baseline_build_s = naive["wall_s"]
            result.baseline_peak_rss_mb = naive["peak_rss_mb"]
            if result.build_s:
                result.speedup = naive["wall_s"] / result.build_s
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            result.notes.append(f"baseline did not finish: {exc}")
    return result


def _start_cold(out: Path) -> None:
    """Remove what an earlier run left in ``out`` and its cache (extractions, validation results), so
    that the first build extracts and validates everything: a reused ``--work`` folder would otherwise
    time a rebuild as the build."""
    from graph.pipeline import cache_folder

    for folder in (out, cache_folder(out)):
        if folder.is_dir():
            shutil.rmtree(folder)


def markdown_table(results: list[SizeResult]) -> str:
    columns = [
        "docs",
        "text_mb",
        "build_s",
        "cpu_s",
        "peak_rss_mb",
        "docs_per_s",
        "extract_mb_per_s",
        "regex_mb_per_s",
        "incremental_s",
        "trace_p50_ms",
        "query_p50_ms",
        "render_overview_s",
        "render_chain_s",
        "baseline_build_s",
        "speedup",
    ]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in results:
        row = asdict(r)
        lines.append("| " + " | ".join(_cell(row[c]) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}" if value < 100 else f"{value:.0f}"
    return str(value)


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"
