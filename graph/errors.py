"""One hierarchy of errors for the whole package.

Library code raises these; only :mod:`graph.cli` turns them into exit codes and messages.
Every message says what went wrong, where (file and line when there is one), and what to do next.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CurationError",
    "DirectiveGraphError",
    "ExtractionError",
    "GoldError",
    "OutputError",
    "QueryError",
    "SourceError",
    "StoreError",
    "UnknownDocumentError",
    "ValidationFailed",
]


class DirectiveGraphError(Exception):
    """Base class: a user-level problem with a message fit to print as it is."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class SourceError(DirectiveGraphError):
    """A source file cannot be found, read or decoded."""


class ExtractionError(DirectiveGraphError):
    """A text was read but could not be turned into facts."""


class CurationError(DirectiveGraphError):
    """A curation file is malformed or states something the corpus cannot hold."""


class UnknownDocumentError(DirectiveGraphError):
    """A document named by the user is not in the graph, or is ambiguous."""


class GoldError(DirectiveGraphError):
    """A gold file cannot be read, or is not in the gold format."""


class QueryError(DirectiveGraphError):
    """A SPARQL query is missing, malformed or fails."""


class StoreError(DirectiveGraphError):
    """An RDF store cannot be opened, loaded, reached or read: a bad --store spec, a server that is down
    or refuses the credentials, a load that failed (the previous graphs stay as they were)."""


class ValidationFailed(DirectiveGraphError):
    """The built graph does not conform to the shapes."""


class OutputError(DirectiveGraphError):
    """An output cannot be written, or a built graph cannot be read back."""
