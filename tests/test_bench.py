"""The benchmark's memory sampler (graph.bench) counts a build's worker processes too."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.bench import _tree, _TreeMemory

pytestmark = pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")

# A parent that starts a child holding ~150 MB and busy for a CPU second: the tree's peak is the child's
# memory, and its CPU time counts.
GRANDCHILD = (
    "import time; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); "
    "end = time.process_time() + 1\nwhile time.process_time() < end: pass\ntime.sleep(2)"
)
PARENT = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}])"


def test_the_sampler_sees_memory_held_by_a_worker_process():
    started = subprocess.Popen([sys.executable, "-c", PARENT])
    sampler = _TreeMemory(started.pid, every=0.1)
    sampler.start()
    try:
        deadline = time.monotonic() + 10
        while len(_tree(started.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_tree(started.pid)) == 2  # the parent and the worker it started
        started.wait(timeout=20)
    finally:
        sampler.stop()
    assert 140 < sampler.peak_mb < 400
    assert sampler.cpu_s >= 0.9  # the worker's busy second, which the parent's rusage would not show


def test_named_queries_are_timed_on_values_from_the_graph(built):
    """Each query is timed as a researcher calls it: the listing, then each optional parameter alone
    with values the graph holds; chain on the documents trace is measured on."""
    import random

    from graph.bench import query_calls
    from graph.sparql import named_queries
    from graph.store import open_store, run_named

    queries = named_queries()
    with open_store("oxigraph") as store:
        store.load(built / "graph.trig")
        calls = {
            name: query_calls(store, q, ["18-NQ/TW", "34-KL/TW"], random.Random(1))
            for name, q in queries.items()
        }
        assert calls["chain"] == [{"number": "18-NQ/TW"}, {"number": "34-KL/TW"}]
        assert calls["citation-only"] == [{}]
        by_issuer = calls["documents-by-issuer-year"]
        assert (
            by_issuer[0] == {} and {"year": "2022"} in by_issuer and {"issuer": "Bộ Chính trị"} in by_issuer
        )
        assert {"locality": "Đức Thọ"} in calls["models-by-locality"]
        assert {"relation": "implements"} in calls["relations-evidence"]
        for name, query in queries.items():
            for params in calls[name][1:]:
                assert run_named(store, query, params).rows, (name, params)  # real values: each finds rows


def test_a_reused_work_folder_is_built_cold(tmp_path):
    """The first build of a size extracts and validates everything even when an earlier run left its
    output and caches in the work folder: otherwise the benchmark would time a rebuild as the build."""
    from graph.bench import measure_size
    from graph.pipeline import cache_folder

    out = tmp_path / "out-12"
    stale = [out / "graph.trig", cache_folder(out) / "validation" / "stale-result"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by an earlier run\n", encoding="utf-8")
    result = measure_size(12, tmp_path, build_only=True, baseline=False)
    assert result.build_s is not None and result.triples
    assert not stale[1].exists()  # the cache was removed before the build
    assert stale[0].read_text(encoding="utf-8").startswith("@prefix")  # and the build wrote its own
