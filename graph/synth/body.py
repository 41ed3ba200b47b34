"""The body of a text: numbered points of assessment and tasks, tasks for named districts or communes, pilot
models, later mentions of what the opening cited, and the links to a committee's own earlier documents
(continues, replaces, amends, repeals) and to State acts that institutionalise a Party document.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from graph.localities import Place
from graph.synth.atlas import COMMUNE_COMMITTEES, DISTRICT_COMMITTEES, Atlas
from graph.synth.calendar import add_days, between, cite_date, iso, month_deadline
from graph.synth.cite import Ctx, cite, cite_list, cue, remention, surface_of
from graph.synth.lexicon import ASSESS, CAUSES, DETAIL, LIMITS, ORGANISE, PURPOSE, TASKS, sentences
from graph.synth.models import model_points
from graph.synth.world import Doc

__all__ = ["Section", "body_sections", "broken", "page_break", "restatements", "subordinates"]

#: A section: its heading (or "") and its points, numbered by the writer.
Section = tuple[str, list[str]]

_UNIT_TASKS = (
    "chủ trì xây dựng kế hoạch cụ thể, báo cáo kết quả thực hiện",
    "rà soát, kiện toàn tổ chức bộ máy các cơ quan tham mưu, giúp việc",
    "tổ chức hội nghị quán triệt đến cán bộ, đảng viên",
    "chỉ đạo rà soát, sắp xếp các chi bộ trực thuộc",
    "khẩn trương hoàn thiện phương án sắp xếp cán bộ, công chức",
)


def page_break(rng: random.Random, paragraph: str, keep: list[str]) -> str:
    """A page break inside a sentence (seed 000): a blank line at a space near the middle, outside the
    strings of ``keep`` (gold evidence and surfaces, which must stay whole)."""
    inside = bytearray(len(paragraph))
    for piece in keep:
        at = paragraph.find(piece)
        while piece and at >= 0:
            inside[at : at + len(piece)] = b"\x01" * len(piece)
            at = paragraph.find(piece, at + 1)
    spaces = [i for i, c in enumerate(paragraph) if c == " " and not inside[i]]
    if len(spaces) < 8:
        return paragraph
    at = spaces[rng.randint(len(spaces) // 3, 2 * len(spaces) // 3)]
    return paragraph[:at] + "\n\n" + paragraph[at + 1 :]


def broken(ctx: Ctx, paragraph: str) -> str:
    """:func:`page_break` on a paragraph of the text being written, noted among the file's hazards."""
    out = page_break(ctx.rng, paragraph, ctx.gold.strings())
    if out != paragraph and "page-break" not in ctx.gold.hazards:
        ctx.gold.hazards.append("page-break")
    return out


def subordinates(atlas: Atlas, doc: Doc) -> tuple[Place, ...]:
    """Units a document may give tasks to: a province's districts (or communes after the reform), a district's
    communes."""
    issuer = doc.issuer
    if issuer.level == "province" and issuer.province is not None:
        return atlas.districts(issuer.province) or atlas.communes(issuer.province)
    if issuer.level == "district" and issuer.unit is not None:
        return atlas.wards(issuer.unit)
    return ()


def _unit_task(ctx: Ctx, unit: Place) -> str:
    """ "Ban Thường vụ Huyện ủy Kỳ Anh rà soát ... (hoàn thành trong tháng 10/2022)." """
    rng = ctx.rng
    if unit.level == "district":
        who = f"Ban Thường vụ {DISTRICT_COMMITTEES[unit.type][0]} {unit.label}"
    else:
        committee = COMMUNE_COMMITTEES.get(unit.type, f"Đảng ủy {unit.type}")
        who = ("Ban Thường vụ " if rng.random() < 0.4 else "") + f"{committee} {unit.name}"
    ctx.gold.place(unit, "assigned a task")
    words, _ = month_deadline(rng, add_days(ctx.day, rng.randint(20, 120)))
    return f"{who} {rng.choice(_UNIT_TASKS)} ({words})."


def _units_listed(ctx: Ctx, units: Sequence[Place]) -> str | None:
    """ "Các huyện Đức Thọ, Kỳ Anh và Can Lộc chủ động ...": units of one type after a plural type word."""
    rng = ctx.rng
    kinds: dict[str, list[Place]] = {}
    for unit in units:
        if unit.name[:1].isalpha():  # "các quận 1, 3" is left out: numbered units are named one by one
            kinds.setdefault(unit.type, []).append(unit)
    fitting = sorted(kind for kind, found in kinds.items() if len(found) >= 2)
    if not fitting:
        return None
    kind = rng.choice(fitting)
    chosen = rng.sample(kinds[kind], min(len(kinds[kind]), rng.randint(2, 4)))
    for unit in chosen:
        ctx.gold.place(unit)
    names = [u.name for u in chosen]
    listed = ", ".join(names[:-1]) + (" và " if rng.random() < 0.6 else ", ") + names[-1]
    colon = ":" if rng.random() < 0.2 else ""
    return f"Các {kind}{colon} {listed} {rng.choice(_LISTED_TASKS)}."


_LISTED_TASKS = (
    "chủ động rà soát, sắp xếp tổ chức bộ máy bảo đảm tinh gọn, hiệu quả",
    "báo cáo kết quả thực hiện về Ban Thường vụ theo định kỳ",
    "tiếp tục kiện toàn đội ngũ cán bộ sau sắp xếp",
)


def _restate(ctx: Ctx, doc: Doc, relation: str | None) -> str | None:
    """A later sentence naming ``doc`` again with the same cue as before (or none, outside own relations)."""
    if relation == "implements":
        again = remention(ctx, doc)
        return f"Các cấp ủy, tổ chức đảng tổ chức quán triệt, triển khai thực hiện nghiêm túc {again}."
    if relation == "continues":
        return f"Các cấp ủy, tổ chức đảng tiếp tục quán triệt, thực hiện nghiêm túc {remention(ctx, doc)}."
    if relation is None and ctx.own is None:
        return f"Hội nghị cũng đã thông tin về {surface_of(ctx, doc)}."
    return None


def restatements(ctx: Ctx) -> list[str]:
    """Later mentions: a miswritten number printed right, and now and then a document cited again."""
    points = []
    relations = {r["target"]: r["relation"] for r in ctx.gold.relations if r["source"] == "THIS"}
    for doc in ctx.miswritten:
        relation = relations.get(doc.number)
        saved = ctx.aliases.pop(doc.idx, None)
        points.append(
            _restate(ctx, doc, relation) or f"Các cấp ủy nghiên cứu, quán triệt {surface_of(ctx, doc)}."
        )
        if saved is not None:
            ctx.aliases[doc.idx] = saved
    ctx.miswritten.clear()
    cited = [
        ctx.world.docs[i] for i in sorted(set(ctx.mentioned.values())) if ctx.own is None or i != ctx.own.idx
    ]
    if cited and ctx.rng.random() < 0.5:
        doc = ctx.rng.choice(cited)
        again = _restate(ctx, doc, relations.get(doc.number)) if ctx.own is not None else None
        points += [again] if again else []
    return points


def _sibling(ctx: Ctx, doc: Doc, relation: str) -> str:
    """A link to the committee's own earlier document, as a point or a closing sentence."""
    own = ctx.own
    assert own is not None
    mention = cite(ctx, doc, dated=ctx.rng.random() < 0.7, issuer=ctx.rng.random() < 0.6)
    if relation == "replaces":
        sentence = f"{own.type_word} này thay thế {mention}"
    elif relation == "repeals":
        sentence = f"{own.type_word} này có hiệu lực kể từ ngày ký và bãi bỏ {mention}"
    elif relation == "amends":
        sentence = f"Sửa đổi, bổ sung một số điều của {mention} cho phù hợp với tình hình thực tế"
    else:
        words = cue(ctx.rng, relation, own, doc)
        sentence = f"{words[:1].upper()}{words[1:]} {mention}; bảo đảm tính liên tục trong lãnh đạo, chỉ đạo"
    ctx.gold.relate("THIS", relation, doc.number, sentence)
    return sentence + "."


def _state_act(ctx: Ctx, parent: Doc) -> str:
    """ "Hội đồng nhân dân tỉnh đã ban hành Nghị quyết số 45/2023/NQ-HĐND, ngày ... thể chế hóa ..."."""
    rng, own = ctx.rng, ctx.own
    assert own is not None and own.issuer.province is not None
    day = between(rng, parent.day, add_days(ctx.day, -1))
    number = f"{rng.randint(5, 120):02d}/{day.year}/NQ-HĐND"
    label = f"Hội đồng nhân dân tỉnh {own.issuer.province.name}"
    surface = f"Nghị quyết số {number}"
    ctx.gold.document(number, "Nghị quyết", surface, label, iso(day))
    clause = f"{surface}, {cite_date(rng, day)} thể chế hóa {remention(ctx, parent)}"
    ctx.gold.relate(number, "institutionalises", ctx.key(parent), clause)
    return (
        "Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo xây dựng cơ chế, chính sách; "
        f"Hội đồng nhân dân tỉnh đã ban hành {clause}."
    )


def link_points(ctx: Ctx, doc: Doc) -> tuple[list[str], list[str]]:
    """Points and closing sentences for a document's links to its own earlier documents and State acts."""
    points: list[str] = []
    closing: list[str] = []
    for link in doc.links:
        target = ctx.world.docs[link.target]
        own_line = link.relation in ("replaces", "repeals", "amends") or (
            link.relation == "continues" and target.issuer.scope == doc.issuer.scope
        )
        if own_line and ctx.free(target) and not ctx.gold.has_relation("THIS", target.number):
            sentence = _sibling(ctx, target, link.relation)
            (closing if link.relation in ("replaces", "repeals") else points).append(sentence)
    parents = [ctx.world.docs[ln.target] for ln in doc.links if ln.relation == "implements"]
    if doc.issuer.level == "province" and parents and ctx.rng.random() < 0.12 and ctx.free(parents[0]):
        points.append(_state_act(ctx, parents[0]))
    return points, closing


def _padded(rng: random.Random, points: list[str], details: list[str], share: float) -> list[str]:
    """Points, some followed by a sentence or two of detail (each detail used once per text)."""
    out = []
    for point in points:
        while details and rng.random() < share:
            point += " " + details.pop()
        out.append(point)
    return out


def _points(ctx: Ctx, doc: Doc, links: list[str], details: list[str]) -> list[str]:
    """The task points: tasks, pilot models, units' tasks, links and later mentions."""
    rng, short = ctx.rng, doc.topic.short
    points = _padded(rng, sentences(rng, TASKS, rng.randint(4, 9), short), details, 0.5)
    units = subordinates(ctx.atlas, doc)
    if doc.topic.family in ("org", "party") and rng.random() < 0.75:
        who = (
            "Ban thường vụ các huyện ủy, thị ủy, thành ủy"
            if doc.issuer.level != "central"
            else ("Ban thường vụ các tỉnh ủy, thành ủy trực thuộc Trung ương")
        )
        districts = tuple(u for u in units if u.level == "district" and u.type in DISTRICT_COMMITTEES)
        points += model_points(rng, ctx.gold, doc.topic.family, ctx.day, districts, who)
    for unit in rng.sample(list(units), min(len(units), rng.choice((0, 0, 1, 2, 3)))):
        points.append(_unit_task(ctx, unit))
    if units and rng.random() < 0.15 and (listed := _units_listed(ctx, units)):
        points.append(listed)
    extra = [
        p
        for p in (_plenum(ctx) if rng.random() < 0.1 else None, _cites(ctx) if rng.random() < 0.15 else None)
        if p
    ]
    return points + links + extra + restatements(ctx)


_PLENUM_FORMS = (
    "Nghị quyết Hội nghị Trung ương {n} (khóa {t})",
    "Nghị quyết Trung ương {n} khóa {t}",
    "Nghị quyết Hội nghị lần thứ {o} Ban Chấp hành Trung ương Đảng khóa {t}",
)


def _plenum(ctx: Ctx) -> str:
    """A resolution named by its plenum, without a number (seed 003), in a sentence about the work done."""
    from graph.synth.calendar import TERMS, plenum_ordinal

    rng = ctx.rng
    terms = [t for start, t in TERMS if start < ctx.day]
    term, plenum = rng.choice(terms[-2:]), rng.randint(2, 12)
    surface = rng.choice(_PLENUM_FORMS).format(n=plenum, t=term, o=plenum_ordinal(plenum))
    refs = ctx.gold.plenum_refs
    refs.append({"surface": surface, "plenum": plenum, "term": term})
    return (
        f"Việc chỉ đạo và tổ chức quán triệt {surface} và các chỉ thị, nghị quyết của Đảng "
        "được thực hiện khá nghiêm túc, kịp thời."
    )


def _cites(ctx: Ctx) -> str | None:
    """A mention with no cue word: the text cites the document (DOMAIN.md §3, "any other mention")."""
    if ctx.own is None:
        return None
    world, rng = ctx.world, ctx.rng
    before = world.before(ctx.day)
    older = world.by_day[max(0, before - 400) : before]
    target = world.docs[rng.choice(older)] if older else None
    if target is None or target.issuer.level != "central" or not ctx.free(target):
        return None
    if target.number in ctx.mentioned:
        return None
    # another document of the same type and issuer, cited in one list with it (DOMAIN.md §3)
    other = next(
        (
            d
            for d in (world.docs[i] for i in older)
            if d.issuer.key == target.issuer.key
            and d.type_code == target.type_code
            and d.serial != target.serial
            and d.number not in ctx.mentioned
            and ctx.free(d)
        ),
        None,
    )
    if other is not None and rng.random() < 0.3:
        listed = sorted((target, other), key=lambda d: d.serial)
        sentence = f"Các nội dung trên bảo đảm thống nhất với {cite_list(ctx, listed)}"
        for d in listed:
            ctx.gold.relate("THIS", "cites", d.number, sentence)
        return sentence + "."
    mention = cite(ctx, target, dated=rng.random() < 0.5, issuer=True)
    sentence = f"Các nội dung trên bảo đảm thống nhất với {mention}"
    ctx.gold.relate("THIS", "cites", target.number, sentence)
    return sentence + "."


def body_sections(ctx: Ctx, doc: Doc) -> tuple[list[Section], list[str]]:
    """Sections of the body after the opening, and closing sentences, by the document's type."""
    rng, short = ctx.rng, doc.topic.short
    details = sentences(rng, DETAIL, len(DETAIL), short)
    links, closing = link_points(ctx, doc)
    tasks = _points(ctx, doc, links, details)
    organise = sentences(rng, ORGANISE, rng.randint(2, 4), short)
    assess = _padded(rng, sentences(rng, ASSESS, rng.randint(3, 7), short), details, 0.5)
    limits = _padded(rng, sentences(rng, LIMITS + CAUSES, rng.randint(2, 5), short), details, 0.3)
    if doc.type_code in ("KH", "CTr", "HD"):
        purpose = _padded(rng, sentences(rng, PURPOSE, rng.randint(2, 5), short), details, 0.3)
        return [
            ("I. MỤC ĐÍCH, YÊU CẦU", purpose),
            ("II. NHIỆM VỤ, GIẢI PHÁP", tasks),
            ("III. TỔ CHỨC THỰC HIỆN", organise),
        ], closing
    if doc.type_code in ("BC", "TTr"):
        return [
            ("I. KẾT QUẢ THỰC HIỆN", assess),
            ("II. HẠN CHẾ, NGUYÊN NHÂN", limits),
            ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ", tasks),
        ], closing
    return [("", [" ".join(assess[:2]), *assess[2:], " ".join(limits), *tasks, *organise])], closing
