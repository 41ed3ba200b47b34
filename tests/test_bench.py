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
