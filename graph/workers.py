"""Worker processes shared by the stages that spread work over the cores (extraction, validation)."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

__all__ = ["jobs_for", "worker_pool"]


def jobs_for(jobs: int | None) -> int:
    """How many workers: ``jobs``, or one per core."""
    return max(1, jobs or os.cpu_count() or 1)


def worker_pool(jobs: int, *, fresh: bool = False, nice: int = 0) -> ProcessPoolExecutor:
    """A pool of ``jobs`` processes that exit on their own when the process that started them is gone
    (killed), instead of waiting forever. Workers are forked, or with ``fresh`` started anew (forkserver):
    a library that keeps threads of its own (pyrudof) deadlocks in a forked copy of a process that used it.
    With ``nice``, the workers yield the processor to the process that started them (which validation
    workers do while the build they check goes on: the build is the longer path).
    """
    context = multiprocessing.get_context("forkserver" if fresh else "fork")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_watch_parent, initargs=(nice,)
    )


def _watch_parent(nice: int = 0) -> None:
    """Exit when the process that asked for this worker is gone (the build, killed), or the parent is.

    A worker started by the fork server has the server as its parent, and the server outlives the build:
    every worker holds the descriptor that would tell the server the build is gone. So the thread watches
    the process that asked for the worker (``multiprocessing.parent_process()``, through the pipe the two
    share), and the parent too; a killed build's validation workers went on with their queued parts for
    minutes before. (rudof lets the thread run while it validates: it releases the interpreter lock.)"""
    import threading

    if nice:
        os.nice(nice)
    parent = os.getppid()
    owner = multiprocessing.parent_process()

    def watch() -> None:
        while os.getppid() == parent:
            if owner is None:
                time.sleep(0.5)
                continue
            owner.join(0.5)  # returns at once when the owner is gone
            if not owner.is_alive():
                break
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()
