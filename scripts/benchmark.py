"""Benchmark the build at several corpus sizes (synthetic corpora from graph.synth).

    python scripts/benchmark.py --docs 1000,10000 --json bench.json

Prints a Markdown table and writes JSON: one object per size with docs, text_mb, build_s, peak_rss_mb,
docs_per_s, extract_mb_per_s, regex_mb_per_s, incremental_s, trace_p50_ms, query_p50_ms (the slowest named
query) and baseline_build_s (single process, rdflib in memory, no cache), among others.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from graph.bench import machine, markdown_table, measure_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed for one build")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline build")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=10_000,
        help="run the naive baseline only up to this many documents (it is slow by design)",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="measure the build alone: no incremental rebuild, latencies or baseline (for the largest sizes)",
    )
    parser.add_argument(
        "--latencies-only",
        action="store_true",
        help="measure trace, the named queries and the views on the corpora and builds already in --work",
    )
    parser.add_argument(
        "--work", type=Path, help="keep corpora and outputs here (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.latencies_only and args.work is None:
        parser.error("--latencies-only needs --work, the folder an earlier run kept")
    work = args.work or Path(tempfile.mkdtemp(prefix="dg-bench-"))
    results = []
    try:
        for size in (int(x) for x in args.docs.split(",")):
            results.append(
                measure_size(
                    size,
                    work,
                    seed=args.seed,
                    timeout=args.timeout,
                    baseline=not args.no_baseline and size <= args.baseline_max,
                    build_only=args.build_only,
                    latencies_only=args.latencies_only,
                )
            )
            print(markdown_table(results[-1:]), file=sys.stderr)
    except FileNotFoundError as exc:
        parser.exit(2, f"benchmark: {exc}\n")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Machine: {machine()}\n")
    print(markdown_table(results))
    for r in results:
        for note in r.notes:
            print(f"- {r.docs} docs: {note}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
