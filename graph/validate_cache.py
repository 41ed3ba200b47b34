"""Validation results kept between builds: the violations of each part, under a digest of the part's text.

A part (:mod:`graph.validate_parts`) is validated as a function of its text alone: its statements, the
types copied in for the IRIs they point to, and what every part shares (the shapes, the ontology, the
engine and the code that reads its report). A rebuild after one source was edited makes the same parts
for everything the edit does not touch (parts end where their content says: see
:func:`graph.validate_parts.ends_part`), so their results are read from here instead of validated again.

The entries are small JSON files (a list of violations, mostly empty), one per part, in a folder named by a
fingerprint of what every part shares; a build keeps the folder's entries it used and deletes the others
(and the folders of other fingerprints) once it has validated everything (:meth:`PartResults.prune`). An
entry that cannot be read or does not hold a list of violations is validated again; one that cannot be
written is no entry: the cache never fails a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

from graph.paths import ontology_dir
from graph.validate import Engine, Violation

__all__ = ["PartResults", "validation_fingerprint"]

#: The code whose output a part's results are: how a part is validated and its report read.
VALIDATION_CODE = ("validate.py", "validate_parts.py", "validate_cache.py")
#: The engines' libraries.
VALIDATION_LIBRARIES = {"rudof": "pyrudof", "pyshacl": "pyshacl"}
# An entry's name: the part's digest. Example: "0c4f...e1.json" (40 hex digits)
_ENTRY = re.compile(r"[0-9a-f]{40}\.json")
# A fingerprint folder's name (16 hex digits)
_FOLDER = re.compile(r"[0-9a-f]{16}")


@cache
def validation_fingerprint(engine: Engine) -> str:
    """A hash of what every part's results depend on besides the part: the engine and its version, the
    ontology's files (shapes, classes, schemes) and the validation code."""
    from graph.paths import PACKAGE_DIR

    digest = hashlib.sha256(f"{engine}\n".encode())
    library = VALIDATION_LIBRARIES[engine]
    try:
        digest.update(f"{library}=={metadata.version(library)}\n".encode())
    except metadata.PackageNotFoundError:
        digest.update(f"{library} missing\n".encode())
    folder = ontology_dir()
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".ttl"):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    for name in VALIDATION_CODE:
        digest.update(name.encode() + b"\n" + (PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


class PartResults:
    """The results of parts validated before, in ``folder`` (created when missing). ``key(lines, types)``
    names a part; ``get(key)`` gives its results or None; ``put(key, results)`` keeps them."""

    def __init__(self, folder: Path, engine: Engine = "rudof") -> None:
        self.root = folder
        self.folder = folder / validation_fingerprint(engine)
        self._salt = self.folder.name.encode()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, lines: str, types: str) -> str:
        digest = hashlib.blake2b(self._salt, digest_size=20)
        digest.update(lines.encode("utf-8"))
        digest.update(b"\x00")
        digest.update(types.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> list[Violation] | None:
        """The results kept for the part ``key``; None when there are none (or they cannot be read)."""
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            results = [Violation(focus=f, path=p, message=m, severity=s) for f, p, m, s in data]
        except (OSError, ValueError, TypeError):
            return None
        if not all(_well_formed(v) for v in results):
            return None
        self.used.add(key)
        self.hits += 1
        return results

    def put(self, key: str, results: list[Violation]) -> None:
        """Keep the results of the part ``key`` (written to a temporary name first, then renamed)."""
        self.used.add(key)
        rows = [[v.focus, v.path, v.message, v.severity] for v in results]
        entry = self.folder / f"{key}.json"
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
            temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, entry)

    def prune(self) -> int:
        """Delete the entries no part of this validator used, and the folders of other fingerprints (call
        it once every part is validated). How many entries were deleted."""
        deleted = 0
        with contextlib.suppress(OSError):
            for folder in self.root.iterdir():
                if folder.is_dir() and _FOLDER.fullmatch(folder.name) and folder != self.folder:
                    shutil.rmtree(folder, ignore_errors=True)
            for entry in self.folder.iterdir():
                stale = _ENTRY.fullmatch(entry.name) and entry.name[:-5] not in self.used
                if stale or entry.name.startswith("."):
                    entry.unlink(missing_ok=True)
                    deleted += 1
        return deleted


def _well_formed(result: Violation) -> bool:
    return (
        isinstance(result.focus, str)
        and isinstance(result.path, str | None)
        and isinstance(result.message, str)
        and isinstance(result.severity, str)
    )
