"""Regenerate graph/data/localities/gso-pre-2025-07-01.json from PyPI vietnam-provinces 0.6.0.

    python scripts/make_locality_editions.py            # writes the file
    python scripts/make_locality_editions.py --check    # exit 1 when the committed file differs

Fetches the wheel with pip (no other network access), checks its sha256, reads the bundled
``vietnam_provinces/data/nested-divisions.json`` from the zip and reshapes it with
:func:`graph.localities.reshape_pre_reform`. The output carries no date, so the same wheel gives the same
bytes. The post-reform edition needs no file: it is read from the installed package at run time.
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

from graph.localities import LOCALITIES_DIR, PRE_REFORM, dump_edition, reshape_pre_reform

PACKAGE = "vietnam-provinces"
VERSION = "0.6.0"
WHEEL = "vietnam_provinces-0.6.0-py3-none-any.whl"
SHA256 = "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815"
MEMBER = "vietnam_provinces/data/nested-divisions.json"
INIT = "vietnam_provinces/__init__.py"
# The package's own record of when it exported the GSO list. Example line: "__data_version__ = '2025-01-04'"
DATA_VERSION = re.compile(r"^__data_version__ = ['\"](?P<date>[\d-]+)['\"]", re.M)


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            f"{PACKAGE}=={VERSION}",
            "-d",
            str(folder),
        ],
        check=True,
    )
    return folder / WHEEL


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args()
    target = LOCALITIES_DIR / f"{PRE_REFORM}.json"
    with tempfile.TemporaryDirectory() as tmp:
        wheel = fetch_wheel(Path(tmp))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != SHA256:
            print(
                f"{wheel.name}: sha256 {digest}, expected {SHA256}; the release changed on PyPI.",
                file=sys.stderr,
            )
            return 2
        with zipfile.ZipFile(wheel) as archive:
            nested = json.loads(archive.read(MEMBER).decode("utf-8"))
            found = DATA_VERSION.search(archive.read(INIT).decode("utf-8"))
    source = {
        "package": PACKAGE,
        "version": VERSION,
        "wheel": WHEEL,
        "sha256": digest,
        "member": MEMBER,
        "data_version": found.group("date") if found else None,
    }
    text = dump_edition(reshape_pre_reform(nested, source=source))
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'differs from the regenerated edition'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
