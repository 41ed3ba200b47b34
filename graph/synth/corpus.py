"""Write a synthetic corpus: the planned world (:mod:`graph.synth.world`), one file per document or news
article, streamed to disk with its gold entry.

Every file is written from its own random stream (seeded by the corpus seed and the file's position), so a
file depends on the plan and on nothing written before it; nothing reads the clock or iterates a set. The
same ``files`` and ``seed`` give byte-identical files and gold.

Folders: ``central/``, ``province-42/`` (pre-reform code), ``province-91-2025/`` (the post-reform list reuses
codes, so its folders carry the year), ``news/``. Gold ``file`` paths are relative to the output folder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from graph.synth.atlas import POST_REFORM, Atlas
from graph.synth.calendar import END, add_days
from graph.synth.cite import Ctx
from graph.synth.goldfile import FileGold, GoldWriter
from graph.synth.hazards import choose_hazards, encode
from graph.synth.official import official_text
from graph.synth.web import news_text, portal_text
from graph.synth.world import Doc, World, plan_world

__all__ = ["CorpusSummary", "generate_corpus"]


@dataclass(slots=True)
class CorpusSummary:
    """What was written: file counts by kind, total bytes, documents planned."""

    out: Path
    files: int = 0
    bytes: int = 0
    documents: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


def _folder(doc: Doc) -> str:
    province = doc.issuer.province
    if province is None:
        return "central"
    suffix = "-2025" if province.edition == POST_REFORM else ""
    return f"province-{province.code}{suffix}"


def _name(position: int, doc: Doc | None) -> str:
    if doc is None:
        return f"news/{position:06d}-news.txt"
    code = doc.type_code.replace("Đ", "D").lower()
    return f"{_folder(doc)}/{position:06d}-{code}-{doc.serial:02d}.txt"


def _news_focus(rng: random.Random, world: World) -> Doc:
    """A document a news article reports on: one with follow-ups, most of the time."""
    if world.followed and rng.random() < 0.8:
        return world.docs[rng.choice(world.followed)]
    return world.docs[rng.randrange(len(world.docs))]


def render_file(world: World, atlas: Atlas, seed: int, position: int) -> tuple[str, bytes, dict[str, object]]:
    """The path, bytes and gold entry of file ``position`` of the corpus."""
    rng = random.Random(seed * 1_000_003 + position)
    doc = world.docs[position] if position < len(world.docs) else None
    if doc is None:
        focus = _news_focus(rng, world)
        day, kind = min(END, add_days(focus.day, rng.randint(2, 90))), "news"
    else:
        focus, day, kind = doc, doc.day, "official_text" if doc.render == "official" else "portal"
    path = _name(position, doc)
    gold = FileGold(path, kind)
    ctx = Ctx(rng, gold, world, doc, day, atlas=atlas, avoid=atlas.province_keys)
    if kind == "news":
        text = news_text(ctx, focus)
    elif kind == "portal":
        assert doc is not None
        text = portal_text(ctx, doc)
    else:
        assert doc is not None
        text = official_text(ctx, doc)
    hazards = choose_hazards(rng, kind)
    text = hazards.apply(text)
    gold.hazards, gold.encoding = gold.hazards + hazards.names, hazards.encoding
    return path, encode(hazards, text), gold.entry(hazards.apply)


def generate_corpus(out: Path, *, docs: int, seed: int) -> CorpusSummary:
    """Write ``docs`` files and ``out/gold.json``; returns what was written."""
    if docs < 1:
        raise ValueError(f"--docs must be at least 1, got {docs}.")
    world = plan_world(docs, seed)
    atlas = Atlas.load()
    summary = CorpusSummary(out, documents=len(world.docs))
    out.mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    with GoldWriter(out / "gold.json") as writer:
        for position in range(len(world.docs) + world.news):
            name, data, entry = render_file(world, atlas, seed, position)
            path = out / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
            writer.add(entry)
            summary.files += 1
            summary.bytes += len(data)
            kind = str(entry["kind"])
            summary.kinds[kind] = summary.kinds.get(kind, 0) + 1
    return summary
