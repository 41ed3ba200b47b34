"""directive-graph: a knowledge graph of Communist Party of Vietnam directives.

The package's modules follow the data flow: sources -> parse -> extract -> resolve -> build -> validate
-> project/trace -> sparql -> render/export. ``graph.extract`` reads one text into dataclasses.
"""

from __future__ import annotations

__version__ = "0.1.0"
