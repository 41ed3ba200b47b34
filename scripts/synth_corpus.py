"""Write a synthetic corpus of N texts and its gold (graph.synth), for benchmarking extraction at scale.

    python scripts/synth_corpus.py --docs 1000 --seed 7 --out /tmp/corpus
    directives evaluate /tmp/corpus/gold.json --texts /tmp/corpus

The same --docs and --seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from graph.synth import generate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="how many texts to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (texts and gold.json)")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    started = time.perf_counter()
    summary = generate_corpus(args.out, docs=args.docs, seed=args.seed)
    seconds = time.perf_counter() - started
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.kinds.items()))
    print(f"{summary.files} files ({kinds}), {summary.bytes / 1e6:.1f} MB in {args.out} in {seconds:.1f} s")
    print(f"gold: {args.out / 'gold.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
