#!/usr/bin/env python3
"""Benchmark the stores: rdflib (``memory``) against pyoxigraph (``oxigraph``, in memory and on disk).

For each size, the seed corpus is scaled to that many quads (graph.store.synthetic: copies of the local
documents under the same central directives) and written as N-Quads. Each store then runs in a fresh
process, three times: load the file, run every named query (graph/queries/*.rq) and two property-path
queries, export N-Quads. The table gives the median of the three runs (wall time) and the median peak
RSS of the process.

    scripts/bench_stores.py [--sizes 10000,100000,1000000] [--stores memory,oxigraph,oxigraph-disk]
                            [--runs 3] [--timeout 1800] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORES = {"memory": "memory", "oxigraph": "oxigraph", "oxigraph-disk": "oxigraph:{dir}/store"}
PARAMS = {"chain": {"number": "18-NQ/TW"}}
PREFIX = "PREFIX dg: <https://w3id.org/directive-graph/ontology#>\n"
PATHS = {
    "implements+ to 18-NQ/TW": PREFIX
    + "SELECT ?d WHERE { ?d dg:implements+ ?root . ?root dg:number '18-NQ/TW' }",
    "implements+ all pairs": PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a dg:implements+ ?b }",
}


def worker(spec: str, data: Path) -> dict[str, float]:
    """One run in this process: load, queries, export; seconds, and peak RSS in MiB."""
    from graph.sparql import named_queries
    from graph.store import open_store, run_named

    times: dict[str, float] = {}
    store = open_store(spec)
    start = time.perf_counter()
    quads = store.load(data)
    times["load"] = time.perf_counter() - start
    for name, query in named_queries().items():
        start = time.perf_counter()
        run_named(store, query, PARAMS.get(name, {}))
        times[name] = time.perf_counter() - start
    for name, text in PATHS.items():
        start = time.perf_counter()
        store.query(text)
        times[name] = time.perf_counter() - start
    start = time.perf_counter()
    store.export("nquads")
    times["export N-Quads"] = time.perf_counter() - start
    store.close()
    times["quads"] = quads
    times["peak RSS MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def write_data(size: int, folder: Path) -> Path:
    from graph.pipeline import build_corpus
    from graph.store import serialize_quads
    from graph.store.synthetic import scaled_quads

    path = folder / f"corpus-{size}.nq"
    if not path.exists():
        seed = build_corpus(ROOT / "sources").graph
        path.write_bytes(serialize_quads(scaled_quads(seed, size), "nquads"))
    return path


def run_once(store: str, data: Path, folder: Path, timeout: float) -> dict[str, float] | None:
    spec = STORES[store].format(dir=tempfile.mkdtemp(dir=folder))
    command = [sys.executable, __file__, "--worker", spec, str(data)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{store} on {data.name} failed:\n{exc.stderr}") from exc
    result: dict[str, float] = json.loads(done.stdout)
    return result


def bench(sizes: list[int], stores: list[str], runs: int, timeout: float) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-stores-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            data = write_data(size, folder)
            for store in stores:
                results = [run_once(store, data, folder, timeout) for _ in range(runs)]
                done = [r for r in results if r is not None]
                row: dict[str, object] = {"size": size, "store": store, "runs": len(done)}
                if done:
                    row.update({k: statistics.median(r[k] for r in done) for k in done[0]})
                rows.append(row)
                print(f"{size:>9} {store:<14} {json.dumps(row)}", file=sys.stderr)
    return rows


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {pages:.0f} GiB RAM; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, rdflib {version('rdflib')}, pyoxigraph {version('pyoxigraph')}"
    )


def table(rows: list[dict[str, object]], runs: int) -> str:
    metrics = [k for k in (rows[0] if rows else {}) if k not in ("size", "store", "runs", "quads")]
    for row in rows:
        metrics += [k for k in row if k not in metrics and k not in ("size", "store", "runs", "quads")]
    lines = [
        f"Median of {runs} runs, each in a fresh process; times in seconds. Machine: {machine()}.",
        "",
        "| quads | store | " + " | ".join(metrics) + " |",
        "|---:|---|" + "---:|" * len(metrics),
    ]
    for row in rows:
        cells = [_cell(row.get(m), m) if row["runs"] else "timeout" for m in metrics]
        lines.append(f"| {row['size']:,} | {row['store']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: object, metric: str) -> str:
    if not isinstance(value, int | float):
        return "-"
    if metric == "peak RSS MiB":
        return f"{value:,.0f}"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--stores", default="memory,oxigraph,oxigraph-disk")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds for one run of one store.")
    parser.add_argument("--json", type=Path, help="Also write the medians as JSON.")
    parser.add_argument("--worker", nargs=2, metavar=("SPEC", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    stores = [s for s in args.stores.split(",") if s]
    unknown = [s for s in stores if s not in STORES]
    if unknown:
        parser.error(f"unknown store {unknown[0]!r}; use {', '.join(STORES)}")
    rows = bench(sizes, stores, args.runs, args.timeout)
    if args.json:
        args.json.write_text(
            json.dumps({"machine": machine(), "runs": args.runs, "rows": rows}, indent=2) + "\n"
        )
    print(table(rows, args.runs), end="")


if __name__ == "__main__":
    main()
