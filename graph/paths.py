"""Where the package's own files live: the ontology, shapes and bundled data."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "QUERIES_DIR", "ontology_dir"]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
QUERIES_DIR = PACKAGE_DIR / "queries"


def ontology_dir() -> Path:
    """The ontology folder: ``graph/ontology`` in an installed wheel, ``ontology/`` in a checkout."""
    for candidate in (PACKAGE_DIR / "ontology", PACKAGE_DIR.parent / "ontology"):
        if (candidate / "directive-graph.ttl").is_file():
            return candidate
    return PACKAGE_DIR.parent / "ontology"
