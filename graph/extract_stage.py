"""The extraction stage of a build: every source read and extracted, in parallel over the cores, with a
content-hash cache so that an unchanged source is not extracted again.

The cache lives in a folder (``.out.cache`` beside ``out/``), one pickle per source, keyed by the SHA-256 of
the source's bytes and a fingerprint of the code, data and libraries an extraction depends on
(:data:`EXTRACTION_CODE`): changing either the text or the extractor invalidates the entry. Entries are
written atomically and carry a checksum; a torn, corrupt or unreadable entry is ignored and rebuilt.
Entries sit under a folder named by the fingerprint; once every source has been through the cache, the
folders of other fingerprints are deleted (no other version of the code reads them: at 100,000 sources
each held 1.1 GB).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import shutil
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path

from graph.errors import DirectiveGraphError
from graph.model import Extraction
from graph.outputs import atomic_write
from graph.paths import PACKAGE_DIR
from graph.sources import SourceText, read_source
from graph.workers import jobs_for, worker_pool

__all__ = ["Extracted", "Failed", "Progress", "extract_sources", "fingerprint", "prune_cache"]

#: progress(done, total) is called as sources finish.
Progress = Callable[[int, int], None]
#: Below this many sources a build extracts in its own process (starting workers costs more).
PARALLEL_FROM = 64
# The name of a cache folder: a fingerprint. Example: "3f2a9c0d11b4e7a8"
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class Extracted:
    source: SourceText
    extraction: Extraction
    cached: bool


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    message: str


#: What an extraction depends on, below the package folder: the code that reads and extracts a text
#: (every module an extraction loads) and the data it reads. A change anywhere else (the RDF, the views,
#: the queries, the command line) keeps the cache: at 100,000 sources it holds minutes of extraction.
#: ``tests/test_sources_formats.py`` checks that every module an extraction loads is listed.
EXTRACTION_CODE = (
    "__init__.py",
    "data",
    "doctypes.py",
    "errors.py",
    "extract",
    "extract_stage.py",
    "legacy.py",
    "localities.py",
    "model.py",
    "outputs.py",
    "parse",
    "paths.py",
    "readers.py",
    "sources.py",
    "terms.py",
    "text.py",
    "workers.py",
)

#: The installed libraries whose versions an extraction depends on (readers of HTML, DOCX and PDF; the
#: post-reform code list of localities), hashed with the code.
EXTRACTION_LIBRARIES = ("lxml", "pypdf", "python-docx", "trafilatura", "vietnam-provinces")


def fingerprint_files() -> list[Path]:
    """The files :func:`fingerprint` hashes: :data:`EXTRACTION_CODE`, the folders' code and data."""
    found: set[Path] = set()
    for name in EXTRACTION_CODE:
        path = PACKAGE_DIR / name
        candidates = path.rglob("*") if path.is_dir() else [path]
        found.update(
            p
            for p in candidates
            if p.is_file() and p.suffix in (".py", ".yaml", ".json", ".csv") and "__pycache__" not in p.parts
        )
    return sorted(found)


@cache
def fingerprint() -> str:
    """A hash of the code and data an extraction depends on: the extractor's version for the cache."""
    digest = hashlib.sha256()
    for library in EXTRACTION_LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} missing\n".encode())
    for path in fingerprint_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prune_cache(cache_dir: Path) -> list[Path]:
    """Delete the entries another version of the extractor wrote (the folders of other fingerprints);
    anything else in ``cache_dir`` is left alone. The folders deleted."""
    current = fingerprint()
    try:
        stale = [
            p
            for p in cache_dir.iterdir()
            if p.is_dir() and _FINGERPRINT.fullmatch(p.name) and p.name != current
        ]
    except OSError:
        return []
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


def _cache_file(cache_dir: Path, raw_sha: str, name: str) -> Path:
    key = hashlib.sha256(f"{raw_sha}\x1f{name}".encode()).hexdigest()
    return cache_dir / fingerprint() / key[:2] / f"{key}.pickle"


def _extract_one(
    path: Path, root: Path, cache_dir: Path | None, texts_dir: Path | None = None
) -> Extracted | Failed:
    """One source read and extracted (or taken from the cache); with ``texts_dir``, its NFC text is
    written there and neither the source nor the extraction carries it back (see :func:`extract_sources`)."""
    found = _read_and_extract(path, root, cache_dir)
    if texts_dir is None or isinstance(found, Failed):
        return found
    return Extracted(found.source.copied_to(texts_dir), replace(found.extraction, text=""), found.cached)


def _read_and_extract(path: Path, root: Path, cache_dir: Path | None) -> Extracted | Failed:
    from graph.extract import extract_text

    try:
        raw_sha = hashlib.sha256(path.read_bytes()).hexdigest() if cache_dir is not None else ""
        name = path.relative_to(root).as_posix() if root.is_dir() else path.name
        entry = _cache_file(cache_dir, raw_sha, name) if cache_dir is not None else None
        if entry is not None and entry.is_file():
            try:
                src, extraction = _load_entry(entry.read_bytes())
                return Extracted(replace(src, path=path), extraction, cached=True)
            except Exception:  # a stale or corrupt entry is rebuilt, never trusted
                entry.unlink(missing_ok=True)
        src = read_source(path, root)
        extraction = extract_text(src.text, source=src.name, sha256=src.sha256)
        if entry is not None:
            _store(entry, src, extraction)
        return Extracted(src, extraction, cached=False)
    except DirectiveGraphError as exc:
        return Failed(path.as_posix(), str(exc))
    except OSError as exc:
        return Failed(path.as_posix(), f"{path}: cannot be read: {exc.strerror}.")


def _store(entry: Path, src: SourceText, extraction: Extraction) -> None:
    """Write a cache entry; a cache that cannot be written is no cache, never the source's fault. Not
    flushed to the disk one by one (100,000 ``fsync`` calls took a third of the extraction workers'
    time): an entry a power cut tore fails to load and is extracted again."""
    with contextlib.suppress(OSError):
        data = pickle.dumps((src, extraction), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(entry, zlib.crc32(data).to_bytes(4, "big") + data, durable=False)


def _load_entry(payload: bytes) -> tuple[SourceText, Extraction]:
    """A cache entry's (source, extraction); ValueError when its checksum fails (a torn write)."""
    data = payload[4:]
    if len(payload) < 4 or zlib.crc32(data) != int.from_bytes(payload[:4], "big"):
        raise ValueError("a torn cache entry")
    src, extraction = pickle.loads(data)
    return src, extraction


def _batch(
    paths: Sequence[Path], root: Path, cache_dir: Path | None, texts_dir: Path | None
) -> list[Extracted | Failed]:
    return [_extract_one(p, root, cache_dir, texts_dir) for p in paths]


def extract_sources(
    paths: Sequence[Path],
    root: Path,
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    texts_dir: Path | None = None,
) -> Iterator[Extracted | Failed]:
    """Extract every path, in input order; ``jobs`` workers (default: one per core). With a cache, the
    entries of other extractor versions are deleted once every path is done (:func:`prune_cache`).

    With ``texts_dir``, each source's NFC text is written there (:meth:`SourceText.copied_to`, the
    ``texts/`` copies of a build's output) by the worker that read it, and the sources and extractions
    come back without their texts: a build then reads one text back at a time, never holding the
    corpus's texts (a gigabyte at 100,000) or sending them between processes."""
    yield from _extract(paths, root, cache_dir, jobs_for(jobs), progress, texts_dir)
    if cache_dir is not None:
        prune_cache(cache_dir)


def _extract(
    paths: Sequence[Path],
    root: Path,
    cache_dir: Path | None,
    jobs: int,
    progress: Progress | None,
    texts_dir: Path | None,
) -> Iterator[Extracted | Failed]:
    if jobs == 1 or len(paths) < PARALLEL_FROM:
        for i, path in enumerate(paths, start=1):
            yield _extract_one(path, root, cache_dir, texts_dir)
            if progress is not None:
                progress(i, len(paths))
        return
    size = max(8, min(256, len(paths) // (jobs * 8)))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    done = 0
    with worker_pool(jobs) as pool:
        repeat = len(batches)
        for results in pool.map(_batch, batches, [root] * repeat, [cache_dir] * repeat, [texts_dir] * repeat):
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, len(paths))
