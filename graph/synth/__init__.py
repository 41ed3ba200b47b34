"""A synthetic corpus of Party directives at national scale, with its gold, for benchmarking extraction.

``generate_corpus(out, docs=N, seed=S)`` writes N texts under ``out`` (central documents, provincial and
district or commune follow-ups, portal pages, news articles) in the formats of ../shared/DOMAIN.md, with
the text hazards of its §8, and ``out/gold.json`` in the format of ../shared/seeds/gold.json, so that
``directives evaluate out/gold.json --texts out`` scores extraction at scale. The same N and S give
byte-identical output.

The modules follow the writing: :mod:`~graph.synth.world` plans the documents and their links,
:mod:`~graph.synth.numbering` numbers them, :mod:`~graph.synth.official`, :mod:`~graph.synth.opening`,
:mod:`~graph.synth.body` and :mod:`~graph.synth.web` write texts, :mod:`~graph.synth.cite` and
:mod:`~graph.synth.models` write citations and pilot models, :mod:`~graph.synth.hazards` spoils them as real
copies are spoilt, and :mod:`~graph.synth.corpus` streams files and gold to disk.
"""

from __future__ import annotations

from graph.synth.corpus import CorpusSummary, generate_corpus

__all__ = ["CorpusSummary", "generate_corpus"]
