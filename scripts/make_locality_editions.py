"""Regenerate graph/data/localities/gso-pre-2025-07-01.json from PyPI vietnam-provinces 0.6.0 and earlier.

    python scripts/make_locality_editions.py            # writes the file
    python scripts/make_locality_editions.py --check    # exit 1 when the committed file differs

Fetches the wheels with pip (no other network access), checks their sha256, reads the bundled
``vietnam_provinces/data/nested-divisions.json`` from each zip and reshapes them with
:func:`graph.localities.reshape_pre_reform`: 0.6.0's list (GSO, 2025-01-04) is the edition; the earlier
releases' lists (0.5.0, 0.3.0, 0.2) add the units merged or dissolved before it and the communes that
changed district. The output carries no date, so the same wheels give the same bytes. The post-reform
edition needs no file: it is read from the installed package at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from graph.localities import LOCALITIES_DIR, PRE_REFORM, dump_edition, reshape_pre_reform

PACKAGE = "vietnam-provinces"
VERSION = "0.6.0"
SHA256 = "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815"
MEMBER = "vietnam_provinces/data/nested-divisions.json"
#: Earlier releases, oldest first: (version, sha256, the day PyPI published it). 0.5.0 records its data
#: date (2023-05-07); 0.2 and 0.3.0 record none, so a unit last seen in them is dated by the release.
HISTORY = (
    ("0.2", "c0e9d318c14f7e5f3d531ede9a0ae67c80d46faab12b69d203481917e90d85c5", "2020-03-01"),
    ("0.3.0", "ed8d7e9f7d661669a568809443226e3d232b030a758d9174385cbaa556dd6f31", "2021-02-03"),
    ("0.5.0", "c56acf6c4ad3b4275b77ebf00903d862f04a389e385813c7df9a89b6490dbdfc", "2023-05-07"),
)
INIT = "vietnam_provinces/__init__.py"
# The package's own record of when it exported the GSO list. Example line: "__data_version__ = '2025-01-04'"
DATA_VERSION = re.compile(r"^__data_version__ = ['\"](?P<date>[\d-]+)['\"]", re.M)


def fetch_wheel(folder: Path, version: str) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            f"{PACKAGE}=={version}",
            "-d",
            str(folder),
        ],
        check=True,
    )
    return folder / f"vietnam_provinces-{version}-py3-none-any.whl"


class ReleaseChanged(Exception):
    """A wheel's sha256 is not the pinned one."""


def read_release(folder: Path, version: str, sha256: str) -> tuple[list[Any], dict[str, Any]]:
    """The release's nested list and its source record, once its wheel's sha256 is checked."""
    wheel = fetch_wheel(folder / version, version)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha256:
        raise ReleaseChanged(
            f"{wheel.name}: sha256 {digest}, expected {sha256}; the release changed on PyPI."
        )
    with zipfile.ZipFile(wheel) as archive:
        nested = json.loads(archive.read(MEMBER).decode("utf-8"))
        found = DATA_VERSION.search(archive.read(INIT).decode("utf-8"))
    source = {
        "package": PACKAGE,
        "version": version,
        "wheel": wheel.name,
        "sha256": digest,
        "member": MEMBER,
        "data_version": found.group("date") if found else None,
    }
    return nested, source


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args()
    target = LOCALITIES_DIR / f"{PRE_REFORM}.json"
    with tempfile.TemporaryDirectory() as tmp:
        try:
            nested, source = read_release(Path(tmp), VERSION, SHA256)
            history = []
            for version, sha256, released in HISTORY:
                old, old_source = read_release(Path(tmp), version, sha256)
                history.append((old, {**old_source, "released": released}))
        except ReleaseChanged as exc:
            print(exc, file=sys.stderr)
            return 2
    text = dump_edition(reshape_pre_reform(nested, source=source, history=history))
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'differs from the regenerated edition'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
