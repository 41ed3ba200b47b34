"""Whether ``directives build`` would write what ``out/`` already holds, so that it need not run again.

A national corpus takes minutes to build even when nothing changed (the caches spare the extraction and the
validation, not the rest: a rebuild after editing one file took 369 s at 100,000 documents). The build
records beside ``out/`` (in its cache folder, ``.out.cache/build-state.json``) a *stamp* of what it was
built from and the size and time of every file it wrote. The next build with the same stamp, finding every
one of those files as it left them, says so and reprints the report of ``out/build.json`` instead of
building again.

The stamp is conservative, as ``make`` is: a source file (any visible file below the sources folder,
curation files included) whose size or modification time differs, a file added or removed, any change to
the package's code, data, ontology or shapes, any installed distribution added, removed or of another
version, another Python, or other build options: the build runs. A file merely touched builds again too
(its content is not read), which costs time and never a stale output. ``--no-cache`` always builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from graph.outputs import MANIFEST, atomic_write, remove_stale_staging
from graph.paths import PACKAGE_DIR, ontology_dir
from graph.pipeline import BuildReport, Failure, cache_folder
from graph.sources import SourceText

__all__ = ["STATE_FILE", "build_stamp", "record", "unchanged"]

#: In the build's cache folder (beside ``out``: a failed build never touches it, nor ``out``).
STATE_FILE = "build-state.json"
_VERSION = 1  # of the state file's layout


def build_stamp(sources: Path, *, html: bool, strict: bool) -> dict[str, Any] | None:
    """What a build of ``sources`` with these options is made from: its inputs (each visible file's path,
    size and modification time), the code and the environment, the options. None when ``sources`` cannot
    be listed (the build says why)."""
    try:
        inputs = _inputs_digest(sources)
    except OSError:
        return None
    return {
        "code": code_fingerprint(),
        "inputs": inputs,
        "options": {"html": html, "strict": strict},
        "sources": str(sources.resolve()),
        "version": _VERSION,
    }


def record(out: Path, stamp: dict[str, Any], written: list[str]) -> None:
    """After a build published ``out``: keep its stamp, what it wrote (its report's ``outputs``) and the
    size and time of every file in ``out``."""
    state = {"files": _outputs(out), "stamp": stamp, "written": written}
    atomic_write(cache_folder(out) / STATE_FILE, json.dumps(state, sort_keys=True) + "\n", durable=False)


def unchanged(sources: Path, out: Path, stamp: dict[str, Any]) -> BuildReport | None:
    """The report of the build that wrote ``out`` when a build with ``stamp`` would write the same and
    ``out`` holds every file that build wrote, as it wrote it (and nothing else); else None. Either way
    the staging folders of killed builds are removed, as a build removes them."""
    remove_stale_staging(out)
    try:
        state = json.loads((cache_folder(out) / STATE_FILE).read_text(encoding="utf-8"))
        if not isinstance(state, dict) or state.get("stamp") != stamp:
            return None
        files, written = state.get("files"), state.get("written")
        if not isinstance(files, dict) or not isinstance(written, list) or _outputs(out) != files:
            return None
        summary = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return _report(summary, sources, [str(name) for name in written])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _report(summary: dict[str, Any], sources: Path, written: list[str]) -> BuildReport:
    """The BuildReport that ``out/build.json`` summarises (the sources' texts are not read: released)."""
    root = sources if sources.is_dir() else sources.parent
    report = BuildReport(
        sources=[
            SourceText(root / s["name"], s["name"], "", s["sha256"], s["encoding"])
            for s in summary["sources"]
        ],
        failures=[Failure(f["path"], f["message"]) for f in summary["failures"]],
        warnings=list(summary["warnings"]),
        documents=int(summary["documents"]),
        relations=int(summary["relations"]),
        triples=int(summary["triples"]),
        conforms=bool(summary["conforms"]),
        violations=list(summary["violations"]),
    )
    report.outputs = written
    return report


def _inputs_digest(sources: Path) -> str:
    """A hash of every visible file below ``sources`` (or the one file): relative path, size, time."""
    digest = hashlib.sha256()
    if sources.is_file():
        info = sources.stat()
        entries = {sources.name: [info.st_size, info.st_mtime_ns]}
    else:
        entries = _files(sources, visible_only=True)
    for name, (size, mtime) in entries.items():
        digest.update(f"{name}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def _outputs(out: Path) -> dict[str, list[int]]:
    """Every file below ``out``: its path relative to ``out`` -> [size, modification time in ns]."""
    return _files(out, visible_only=False)


def _files(root: Path, *, visible_only: bool) -> dict[str, list[int]]:
    """Every file below ``root`` (not in hidden folders, not hidden, with ``visible_only``), by relative
    path, sorted: [size, modification time in ns] (a link's target's; a broken link: [-1, -1])."""
    found: dict[str, list[int]] = {}
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if visible_only and entry.name.startswith("."):
                    continue
                name = prefix + entry.name
                if entry.is_dir():
                    pending.append((name + "/", entry.path))
                    continue
                try:
                    info = entry.stat()
                except OSError:  # a broken link: the build reports it; mended, it changes
                    found[name] = [-1, -1]
                    continue
                found[name] = [info.st_size, info.st_mtime_ns]
    return dict(sorted(found.items()))


@cache
def code_fingerprint() -> str:
    """A hash of the package's files (code, data, queries, templates), the ontology and shapes, every
    installed distribution's name and version, and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for folder in (PACKAGE_DIR, ontology_dir()):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    versions = sorted({(d.metadata["Name"] or "", d.version) for d in metadata.distributions()})
    digest.update(json.dumps(versions).encode())
    return digest.hexdigest()
