"""Atomic outputs: everything is written to a staging folder beside ``out/`` and then put in place at once.

Publishing is one atomic step wherever it safely can be, so that a build killed at any moment (SIGKILL
included) leaves either the previous ``out/`` or the new one, never a mixture:

- no ``out/`` yet: the staging folder is renamed to ``out``;
- an ``out/`` that an earlier build wrote and that holds nothing else, on Linux: files of the old folder
  that this build does not write (the extraction cache, chain pages rendered later) are hard-linked into
  the staging folder, and the two folders are swapped with ``renameat2(RENAME_EXCHANGE)``;
- anything else (another system, a file system that cannot swap, ``out`` a symlink, a mount point, the
  current folder or a folder holding the user's own files): each file is moved into place with
  ``os.replace``, the build summary last, so every file is whole, old or new, ``build.json`` changes
  only when every other file has, and nothing the build does not write is touched.

The staging folder is named ``.<out>.staging-<pid>-<random>``. A build that was killed leaves its
staging folder behind; the next build removes those whose process is gone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import OutputError

__all__ = ["MANIFEST", "atomic_write", "remove_stale_staging", "staged_output", "staging_prefix"]

#: Written last: its presence says the folder holds one complete build.
MANIFEST = "build.json"
#: What a build writes at the top of ``out`` (besides HTML pages): a folder holding only these is swapped.
BUILD_NAMES = frozenset({MANIFEST, "graph.ttl", "graph.trig", "texts", "data", "lib", ".cache"})
#: A staging folder without a process id (written by an older version) is stale after this many seconds.
STALE_AFTER = 3600.0
# A staging folder's name after the prefix: "<pid>-<random>". Example: ".out.staging-4242-9f3a1c2e".
_OWNER = re.compile(r"(?P<pid>\d+)-[0-9a-f]+$")
# A temporary file atomic_write leaves when killed. Example: ".graph.ttl.k3j2h1.tmp".
_TEMPORARY = re.compile(r"^\..+\.tmp$")


def atomic_write(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write one file atomically: a temporary file in the same folder, then ``os.replace``. With
    ``durable=False`` the data is not flushed to the disk first (``fsync``): for files that a reader
    checks and may rebuild, such as cache entries, where a power cut may leave an empty or torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staging_prefix(out: Path) -> str:
    """The name every staging folder of ``out`` starts with: ``.out.staging-``."""
    return f".{out.name}.staging-"


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield a staging folder; on success put its files in place in ``out`` (see the module)."""
    if out.exists() and not out.is_dir():
        raise OutputError(
            "is a file, not a folder; nothing was written.",
            path=out,
            hint="Pass --out with a folder (it is created when missing).",
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out)
        staging = _make_staging(out)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror}.", path=out) from exc
    try:
        yield staging
        _publish(staging, out)
    except OSError as exc:
        raise OutputError(
            f"cannot write the outputs: {exc.strerror}.",
            path=exc.filename or out,
            hint="Check that the folder is writable and the disk has room; the previous outputs are kept.",
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove the staging folders of ``out`` that killed builds left behind; return them.

    A folder belongs to a build that is gone when the process its name records no longer runs (a folder
    without a process id: when it is older than :data:`STALE_AFTER`). Folders of running builds stay.
    """
    prefix = staging_prefix(out)
    removed = []
    for folder in sorted(out.parent.glob(f"{_glob_escape(prefix)}*")):
        if folder.is_dir() and not folder.is_symlink() and _stale(folder, folder.name[len(prefix) :]):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _glob_escape(text: str) -> str:
    """``text`` with the glob metacharacters ``*?[`` taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _stale(folder: Path, suffix: str) -> bool:
    owner = _OWNER.match(suffix)
    if owner is None:
        try:
            return time.time() - folder.stat().st_mtime > STALE_AFTER
        except OSError:
            return False
    pid = int(owner.group("pid"))
    if pid == os.getpid():
        return False  # another build of this process, still running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def _make_staging(out: Path) -> Path:
    """A new staging folder beside ``out``, with the permissions a new folder gets (umask), not 0700."""
    parent = out.parent
    for _ in range(100):
        folder = parent / f"{staging_prefix(out)}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(errno.EEXIST, "cannot find a free name for a staging folder", str(parent))


def _publish(staging: Path, out: Path) -> None:
    if not out.exists() and not out.is_symlink():
        try:
            os.rename(staging, out)  # out appears whole, at once
            return
        except OSError:
            pass  # created meanwhile (another build): swap or replace file by file below
    written = _files(staging)
    if _can_swap(staging, out):
        os.chmod(staging, stat.S_IMODE(out.stat().st_mode))
        if _carry_over(out, staging) and _exchange(staging, out):
            return  # staging now holds the previous out/, which the caller removes
    _replace_files(staging, out, written)


def _can_swap(staging: Path, out: Path) -> bool:
    """Whether ``out`` may be swapped whole: a real folder (not a symlink, not a mount point) beside the
    staging folder, written by an earlier build (it has the manifest), holding nothing but what builds
    write, and neither the current folder nor above it."""
    try:
        if out.is_symlink() or not out.is_dir() or os.path.ismount(out) or not (out / MANIFEST).is_file():
            return False
        real, here = out.resolve(), Path.cwd().resolve()
        if real == here or real in here.parents or staging.resolve().parent != real.parent:
            return False
        ours = {p.name for p in staging.iterdir()} | BUILD_NAMES
        return all(p.name in ours or p.name.endswith(".html") for p in out.iterdir())
    except OSError:
        return False


def _carry_over(out: Path, staging: Path) -> bool:
    """Hard-link into the staging folder every file of ``out`` the build did not write (the cache, chain
    pages rendered later); False, and nothing to swap, if ``out`` holds a mount point or a special file."""
    device = out.stat().st_dev
    for folder, dirs, files in os.walk(out):
        here = Path(folder)
        target_dir = staging / here.relative_to(out)
        if target_dir.exists() and not target_dir.is_dir():
            dirs.clear()  # the new build wrote a file where a folder was: the new build wins
            continue
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            source, target = here / name, target_dir / name
            info = source.lstat()
            if info.st_dev != device or not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
                return False
            if _TEMPORARY.match(name) or target.exists() or target.is_symlink():
                continue
            if not target_dir.is_dir():
                target_dir.mkdir(parents=True)
                shutil.copymode(here, target_dir)
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:
                return False
    return True


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False if it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0)


def _replace_files(staging: Path, out: Path, files: list[Path]) -> None:
    """Move each of ``files`` (in the staging folder) into place with ``os.replace``, the manifest last."""
    for path in sorted(files, key=lambda p: p.name == MANIFEST):  # the manifest last
        target = out / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
