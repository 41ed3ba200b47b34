"""Citations: how a text names another document, with the cue words of DOMAIN.md §3 and the number hazards
of §8, recording in the gold what each mention states.

A mention is "Type số N" with what may follow it: the date (", ngày 25-10-2017"), the issuer ("của Bộ Chính
trị", "của Ban Chấp hành Trung ương Đảng (khóa XII)") and the cited document's own subject, which may name
*its* parent ("Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18-NQ/TW"): that states a relation
between two other documents, and the gold records it. Numbers are printed ``16-TB/TW`` mostly, and also
``16TB/TW``, ``16 - TB/TW``, ``16–TB/TW``, after "Số:", and once in a while with the type code miswritten
("Thông báo Kết luận số 16-KL/TW") in a text that later prints it right.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from graph.synth.atlas import Atlas
from graph.synth.calendar import cite_date, iso, plenum_ordinal, term_of
from graph.synth.goldfile import THIS, FileGold
from graph.synth.world import Doc, World

__all__ = [
    "CUES",
    "Ctx",
    "alias_clause",
    "cite",
    "cite_list",
    "cue",
    "issuer_label",
    "primary_link",
    "remention",
    "surface_of",
]

CUES: dict[str, tuple[str, ...]] = {
    "implements": ("thực hiện", "triển khai thực hiện", "quán triệt, triển khai thực hiện"),
    "continues": ("tiếp tục thực hiện", "tiếp tục triển khai thực hiện", "tiếp tục quán triệt, thực hiện"),
    "summarises": (
        "sơ kết {n} năm thực hiện",
        "tổng kết {n} năm thực hiện",
        "sơ kết thực hiện",
        "tổng kết việc thực hiện",
    ),
    "guides": ("hướng dẫn thực hiện", "hướng dẫn triển khai thực hiện"),
    "concretises": ("cụ thể hóa",),
    "institutionalises": ("thể chế hóa",),
    "amends": ("sửa đổi, bổ sung một số điều của", "sửa đổi, bổ sung"),
    "replaces": ("thay thế",),
    "repeals": ("bãi bỏ",),
    "based_on": ("căn cứ",),
    "cites": ("",),
}


@dataclass(slots=True)
class Ctx:
    """Everything the writing of one file needs to know and to record."""

    rng: random.Random
    gold: FileGold
    world: World
    own: Doc | None  # the text's own document (None for a news article)
    day: date  # the text's date: what it may cite is older
    mentioned: dict[str, int] = field(default_factory=dict)  # number -> document index
    aliases: dict[int, str] = field(default_factory=dict)  # document index -> short name ("Kết luận 34")
    miswritten: list[Doc] = field(default_factory=list)  # printed with a wrong type code: print right later
    atlas: Atlas = field(default_factory=Atlas.load)
    avoid: frozenset[str] = frozenset()  # folded province names no person's name may contain

    def free(self, doc: Doc) -> bool:
        """``doc`` can be named without being confused with another document of the same number."""
        if self.own is not None and doc.idx != self.own.idx and doc.number == self.own.number:
            return False
        return self.mentioned.get(doc.number, doc.idx) == doc.idx and doc.day <= self.day

    def key(self, doc: Doc) -> str:
        return THIS if self.own is not None and doc.idx == self.own.idx else doc.number


def primary_link(doc: Doc) -> tuple[int, str] | None:
    """The link a document's own subject states: its first one that is not a submission it is based on."""
    return next(((ln.target, ln.relation) for ln in doc.links if ln.relation != "based_on"), None)


def cue(rng: random.Random, relation: str, source: Doc | date, target: Doc) -> str:
    """Cue words for ``relation`` ("tiếp tục thực hiện", "sơ kết 5 năm thực hiện")."""
    day = source.day if isinstance(source, Doc) else source
    years = round((day - target.day).days / 365)
    options = [c for c in CUES[relation] if "{n}" not in c or years >= 1]
    return rng.choice(options).replace("{n}", f"{years:02d}" if rng.random() < 0.2 else str(years))


def _type_word(rng: random.Random, doc: Doc) -> str:
    if doc.type_code == "TB":
        return rng.choice(("Thông báo kết luận", "Thông báo Kết luận", "Thông báo"))
    if doc.type_code == "CTr" and rng.random() < 0.3:
        return "Chương trình"
    return doc.type_word


def _printed(rng: random.Random, doc: Doc, type_code: str) -> str:
    """The number as printed: "16-TB/TW", "16TB/TW", "16 - TB/TW", "16–TB/TW"."""
    roll, serial = rng.random(), f"{doc.serial:02d}"
    sep = "-" if roll < 0.9 else "" if roll < 0.94 else " - " if roll < 0.97 else "–"
    return f"{serial}{sep}{type_code}/{doc.issuer.code}"


#: Types whose numbers print one code, so that a number cited without its codes can be read from its
#: issuer (not a Quy định: QĐi or QĐ; not a notice: "Thông báo Kết luận" names two types).
_SHORT_CODES = frozenset({"NQ", "KL", "CT", "KH"})


def surface_of(ctx: Ctx, doc: Doc) -> str:
    """ "Kết luận số 34-KL/TW" (or a variant) for ``doc``; registers it in the gold."""
    rng = ctx.rng
    word, code = _type_word(rng, doc), doc.type_code
    if word == "Thông báo Kết luận" and not ctx.miswritten and rng.random() < 0.4:
        code = "KL"
        ctx.miswritten.append(doc)
    roll = rng.random()
    so = (" Số: " if rng.random() < 0.3 else " số: ") if roll < 0.1 else " " if roll < 0.16 else " số "
    surface = word + so + _printed(rng, doc, code)
    ctx.mentioned[doc.number] = doc.idx
    ctx.gold.document(doc.number, doc.type_word, surface)
    return surface


def _issuer(ctx: Ctx, doc: Doc) -> str:
    """ "của Bộ Chính trị", "của Ban Thường vụ Tỉnh ủy" (of the text's own province) or with the place."""
    issuer, rng = doc.issuer, ctx.rng
    if issuer.key == "bch":
        term = term_of(doc.day)
        if doc.plenum and rng.random() < 0.35:
            return f"Hội nghị lần thứ {plenum_ordinal(doc.plenum)}, Ban Chấp hành Trung ương Đảng khóa {term}"
        return rng.choice(
            (
                "của Ban Chấp hành Trung ương Đảng khóa {t}",
                "của Ban Chấp hành Trung ương Đảng (khóa {t})",
                "của BCH Trung ương Đảng (khóa {t})",
                "của Ban Chấp hành Trung ương Đảng",
            )
        ).format(t=term)
    if issuer.level == "central":
        return f"của {issuer.label}"
    home = ctx.own.issuer if ctx.own is not None else None
    if (
        home is not None
        and home.province == issuer.province
        and (issuer.unit is None or home.unit == issuer.unit)
    ):
        return f"của {issuer.self_name}"
    _place_of(ctx, doc)
    return f"của {issuer.label}"


def issuer_label(ctx: Ctx, doc: Doc) -> str:
    """The issuer's full name ("Ban Thường vụ Tỉnh ủy Hà Tĩnh"), its place recorded."""
    _place_of(ctx, doc)
    return doc.issuer.label


def _place_of(ctx: Ctx, doc: Doc) -> None:
    """Records the place a body's full name carries ("Ban Thường vụ Huyện ủy Đức Thọ")."""
    issuer = doc.issuer
    if issuer.unit is not None:
        ctx.gold.place(issuer.unit)
    elif issuer.province is not None:
        ctx.gold.place(issuer.province)


def cite(
    ctx: Ctx, doc: Doc, *, dated: bool | None = None, issuer: bool | None = None, tail: bool = False
) -> str:
    """A mention of ``doc``: "Kết luận số 50-KL/TW, ngày 28/02/2023 của Bộ Chính trị về tiếp tục ..."."""
    rng = ctx.rng
    dated = rng.random() < 0.6 if dated is None else dated
    issuer = rng.random() < 0.7 if issuer is None else issuer
    if issuer and doc.type_code in _SHORT_CODES and rng.random() < 0.06:
        # the number without its codes, which the issuer stated after it gives ("Nghị quyết số 18 ngày
        # 25-10-2017 của Ban Chấp hành Trung ương Đảng khóa XII")
        text = surface = f"{doc.type_word} số {doc.serial:02d}"
        ctx.mentioned[doc.number] = doc.idx
        ctx.gold.document(doc.number, doc.type_word, surface)
    else:
        text = surface = surface_of(ctx, doc)
    stated_day = stated_by = None
    if dated:
        text += ("," if rng.random() < 0.6 else "") + " " + cite_date(rng, doc.day)
        stated_day = iso(doc.day)
    if issuer:
        text += " " + _issuer(ctx, doc)
        stated_by = doc.issuer.label
    ctx.gold.document(doc.number, doc.type_word, surface, stated_by, stated_day)
    if tail:
        text += subject_of(ctx, doc)
    return text


def cite_list(ctx: Ctx, docs: list[Doc]) -> str:
    """Documents of one type and issuer under one type word, what follows stated once for all: "các Kết luận
    số 34-KL/TW, 35-KL/TW ngày 07/8/2018 của Bộ Chính trị", or with the codes printed once ("Nghị quyết số
    18, 19-NQ/TW"). The date is stated only when the documents share it."""
    rng, first = ctx.rng, docs[0]
    word = first.type_word
    bare = rng.random() < 0.5  # the codes printed once, after the last serial
    printed = [
        f"{d.serial:02d}" if bare and d is not docs[-1] else _printed(rng, d, d.type_code) for d in docs
    ]
    listed = ", ".join(printed[:-1]) + (" và " if rng.random() < 0.4 else ", ") + printed[-1]
    text = f"các {word} số {listed}"
    same_day = all(d.day == first.day for d in docs)
    if same_day:
        text += " " + cite_date(rng, first.day)
    text += " " + _issuer(ctx, first)
    for d, surface in zip(docs, printed, strict=True):
        ctx.mentioned[d.number] = d.idx
        shown = f"{word} số {surface}" if d is first else surface
        ctx.gold.document(d.number, d.type_word, shown, d.issuer.label, iso(d.day) if same_day else None)
    return text


def subject_of(ctx: Ctx, doc: Doc) -> str:
    """What follows a mention: the cited document's subject, naming its own parent when it has one."""
    rng, link = ctx.rng, primary_link(doc)
    parent = ctx.world.docs[link[0]] if link else None
    if parent is not None and link is not None and ctx.free(parent) and rng.random() < 0.75:
        words = cue(rng, link[1], doc, parent)
        mention = cite(ctx, parent, dated=rng.random() < 0.5, issuer=rng.random() < 0.6)
        ctx.gold.relate(ctx.key(doc), link[1], ctx.key(parent), f"{words} {mention.split(',')[0]}".strip())
        if link[1] == "guides":  # "Hướng dẫn số 45-HD/BTGTU hướng dẫn thực hiện ..."
            return f" {words} {mention}"
        return f" về {words} {mention}" if rng.random() < 0.85 else f" “về {words} {mention}”"
    if rng.random() < 0.4:
        return (
            f" về {doc.topic.phrase}"
            if rng.random() < 0.5
            else f" “{doc.topic.phrase[:1].upper()}{doc.topic.phrase[1:]}”"
        )
    return ""


def remention(ctx: Ctx, doc: Doc) -> str:
    """A later mention: the short name defined earlier, or the type word and number again."""
    alias = ctx.aliases.get(doc.idx)
    if alias is not None and ctx.rng.random() < 0.7:
        ctx.gold.document(doc.number, doc.type_word, alias)
        return alias
    return surface_of(ctx, doc)


def alias_clause(ctx: Ctx, doc: Doc) -> str:
    """ " (sau đây gọi tắt là Kết luận 34)", defining a short name for later mentions of a resolution,
    conclusion or directive ("" for other types)."""
    if doc.type_code not in ("NQ", "KL", "CT"):
        return ""
    alias = f"{doc.type_word} {doc.serial:02d}"
    ctx.aliases[doc.idx] = alias
    ctx.gold.document(doc.number, doc.type_word, alias)
    return f" (sau đây gọi tắt là {alias})"
