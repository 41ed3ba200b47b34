"""Web pages: a portal page presenting a local document (seed 001) and a news article reporting on documents
(seed 002), both with page chrome before the text and page residue after it (ratings, counters, captchas,
map links, tags) that is no part of any document.
"""

from __future__ import annotations

import random
from datetime import date

from graph.synth.atlas import edition_at, in_text
from graph.synth.body import body_sections, broken, restatements
from graph.synth.calendar import add_days, between, cite_date, iso
from graph.synth.cite import Ctx, alias_clause, cite, cue, issuer_label, primary_link, remention, surface_of
from graph.synth.lexicon import ASSESS, DETAIL, TASKS, person_name, sentences
from graph.synth.world import Doc

__all__ = ["news_text", "portal_text"]

_LEADS = {"implements": "thực hiện", "continues": "tiếp tục thực hiện", "summarises": "sơ kết thực hiện"}
_OUTLETS = (
    ("Báo điện tử Đảng Cộng sản Việt Nam", "(ĐCSVN) –"),
    ("Tạp chí Xây dựng Đảng", "(XDĐ) -"),
    ("Báo Nhân Dân điện tử", "(NDĐT) -"),
    ("Cổng thông tin điện tử", "(TTĐT) -"),
)


def _dateline(rng: random.Random, day: date) -> str:
    clock = f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}"
    stamp = f"{day.day:02d}/{day.month:02d}/{day.year}"
    return rng.choice((f"{clock} {stamp}", f"Cập nhật: {clock} | {stamp}", f"Ngày đăng: {stamp}"))


def _residue(ctx: Ctx, doc: Doc | None) -> list[str]:
    """Rating widget, captcha, a map link (naming a place that is not part of the text), counters."""
    rng = ctx.rng
    lines = [
        "",
        "  •  ",
        "",
        "Tệp đính kèm",
        "",
        "",
        "Đánh giá:",
        "",
        "lượt đánh giá: , trung bình: Bình luận",
        "",
    ]
    lines.append("Mã xác thực không đúng.")
    province = doc.issuer.province if doc is not None else None
    units = ctx.atlas.districts(province) if province is not None else ()
    if units:
        unit = rng.choice(units)
        lines.append(f"    Bản đồ {unit.type} {unit.name}")
    visits = f"{rng.randint(100_000, 9_999_999):,}".replace(",", ".")
    return [*lines, "     Liên kết website", f"    Thống kê: {visits}", f"    Online: {rng.randint(3, 400)}"]


def _lead(ctx: Ctx, doc: Doc, own: str) -> str:
    """The portal's first sentence: who signed the document and what it carries out."""
    rng, link = ctx.rng, primary_link(doc)
    parent = ctx.world.docs[link[0]] if link else None
    about = f"về {doc.topic.phrase}"
    if link is not None and parent is not None and link[1] in _LEADS and ctx.free(parent):
        words = cue(rng, link[1], doc, parent)
        mention = cite(ctx, parent, dated=rng.random() < 0.8, issuer=True, tail=rng.random() < 0.6)
        ctx.gold.relate("THIS", link[1], ctx.key(parent), f"{words} {mention.split(',')[0]}")
        about = f"về {words} {mention}"
    label = issuer_label(ctx, doc)
    if ctx.gold.this is not None:
        ctx.gold.this["title"] = f"{doc.type_word} {about}"
    if rng.random() < 0.5:
        committee = doc.issuer.key in ("cap", "btv", "tt")
        capacity = rng.choice(
            ("Phó Bí thư Thường trực", "Bí thư") if committee else ("Trưởng ban", "Phó Trưởng ban")
        )
        signer = person_name(rng, ctx.avoid)
        return f"Thay mặt {label}, đồng chí {signer}, {capacity} đã ký ban hành {own} {about}."
    return f"{label} vừa ban hành {own} {about}."


def portal_text(ctx: Ctx, doc: Doc) -> str:
    """A provincial or district portal page presenting ``doc`` (seed 001)."""
    rng = ctx.rng
    stated = rng.random() < 0.4
    own = surface_of(ctx, doc)
    if stated:
        own += f", {cite_date(rng, doc.day)}"
    ctx.gold.document(
        doc.number, doc.type_word, own.split(",")[0], doc.issuer.label, iso(doc.day) if stated else None
    )
    ctx.gold.this = {
        "number": doc.number,
        "type": doc.type_word,
        "issuer": doc.issuer.label,
        "date": iso(doc.day) if stated else None,
    }
    lines = ["Trang chủ", "Tin tức - Sự kiện", ""] if rng.random() < 0.5 else []
    lines += [f"{doc.issuer.self_name} ban hành {doc.type_word.lower()} về {doc.topic.short}", ""]
    lines += [_dateline(rng, add_days(doc.day, rng.randint(1, 12))), "", _lead(ctx, doc, own), ""]
    sections, closing = body_sections(ctx, doc)
    lines.append(
        f"{doc.type_word} {doc.serial:02d}-{doc.type_code}/{doc.issuer.code} nêu rõ, {doc.issuer.self_name} "
        "thống nhất một số nội dung như sau:"
    )
    ctx.gold.document(
        doc.number, doc.type_word, f"{doc.type_word} {doc.serial:02d}-{doc.type_code}/{doc.issuer.code}"
    )
    points = [p for _, section in sections for p in section] + closing
    for k, point in enumerate(points, 1):
        lines += ["", f"{k}. {broken(ctx, point) if rng.random() < 0.03 else point}"]
    lines += ["", f"Toàn văn {doc.type_word.lower()} mời xem tại đây."]
    return "\n".join(lines + _residue(ctx, doc)) + "\n"


def _issued(ctx: Ctx, focus: Doc, child: Doc) -> str:
    """A sentence reporting that ``child`` was issued to carry out ``focus``."""
    rng = ctx.rng
    relation = next((ln.relation for ln in child.links if ln.target == focus.idx), "implements")
    label = issuer_label(ctx, child)
    mention = cite(ctx, child, dated=rng.random() < 0.7, issuer=False)
    ctx.gold.document(child.number, child.type_word, mention.split(",")[0].split(" ngày")[0], label)
    if relation == "implements" and rng.random() < 0.5:
        again = remention(ctx, focus)
        ctx.gold.relate(child.number, relation, focus.number, f"Thực hiện {again}")
        if child.issuer.key in ("bct", "bbt", "bch"):  # seed 002: "... đã tham mưu Bộ Chính trị ban hành ..."
            return f"Thực hiện {again}, Ban Tổ chức Trung ương đã tham mưu {label} ban hành {mention}."
        return f"Thực hiện {again}, {label} đã ban hành {mention}."
    words = cue(rng, relation, child, focus)
    again = remention(ctx, focus)
    ctx.gold.relate(child.number, relation, focus.number, f"{words} {again}")
    return f"{label} đã ban hành {mention} {words} {again}."


def _conference(ctx: Ctx, focus: Doc) -> str:
    """The lead: a conference to disseminate ``focus`` (no document is its subject, so no relation)."""
    rng = ctx.rng
    if focus.issuer.level != "central":
        who = issuer_label(ctx, focus)
    elif rng.random() < 0.5:
        province = rng.choice(ctx.atlas.provinces(edition_at(ctx.day)))
        ctx.gold.place(province)
        committee = "Thành ủy" if province.type == "thành phố trung ương" else "Tỉnh ủy"
        who = f"Ban Thường vụ {committee} {in_text(province)}"
    else:
        who = "Ban Tổ chức Trung ương"
    first = cite(ctx, focus, dated=True, issuer=True, tail=True)
    alias = alias_clause(ctx, focus) if focus.issuer.level == "central" and rng.random() < 0.3 else ""
    day = between(rng, focus.day, ctx.day)
    return f"Ngày {day.day}/{day.month}, {who} tổ chức hội nghị quán triệt, triển khai {first}{alias}."


def _reported(ctx: Ctx, focus: Doc) -> list[str]:
    """Paragraphs: what was done, documents issued to carry out ``focus``, others studied there."""
    rng, world, short = ctx.rng, ctx.world, focus.topic.short
    filler = sentences(rng, ASSESS, rng.randint(3, 6), short) + sentences(
        rng, DETAIL, rng.randint(6, 14), short
    )
    rng.shuffle(filler)
    body = [" ".join(filler[i : i + 3]) for i in range(0, len(filler), 3)]
    children = [world.docs[i] for i in world.children.get(focus.idx, []) if world.docs[i].day <= ctx.day]
    for child in rng.sample(children, min(3, len(children))):
        if ctx.free(child):
            body.append(_issued(ctx, focus, child))
    before = world.before(ctx.day)
    for i in rng.sample(world.by_day[max(0, before - 300) : before], min(2, before)):
        other = world.docs[i]
        if other.issuer.level == "central" and ctx.free(other) and rng.random() < 0.6:
            body.append(f"Hội nghị cũng đã quán triệt {cite(ctx, other, tail=True)}.")
    tasks = "; ".join(t[:1].lower() + t[1:-1] for t in sentences(rng, TASKS, rng.randint(3, 7), short))
    speaker = person_name(rng, ctx.avoid)
    body.append(
        f"Phát biểu chỉ đạo, đồng chí {speaker} đề nghị các cấp ủy, tổ chức đảng tập trung một số nhiệm "
        f"vụ trọng tâm: {tasks}."
    )
    return body + restatements(ctx)


def news_text(ctx: Ctx, focus: Doc) -> str:
    """A news article on a conference about ``focus`` and the documents issued to carry it out (seed 002)."""
    rng = ctx.rng
    outlet, tag = rng.choice(_OUTLETS)
    ctx.gold.published = iso(ctx.day)
    headline = f"Quán triệt, triển khai {focus.type_word.lower()} về {focus.topic.short}"
    lines = [outlet, "Trang chủ", "Thời sự", "", headline, "", _dateline(rng, ctx.day), ""]
    lines.append(f"{tag} {_conference(ctx, focus)}")
    for paragraph in _reported(ctx, focus):
        lines += ["", broken(ctx, paragraph) if len(paragraph) > 200 and rng.random() < 0.02 else paragraph]
    lines += ["", person_name(rng, ctx.avoid), "", "Tags: " + focus.topic.short, "", "Tin liên quan"]
    return "\n".join(lines) + "\n"
