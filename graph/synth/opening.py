"""The opening of an official text, between its subject and its points: "Căn cứ ..." lines, then one sentence
that carries out, continues or concretises what the subject did not name, on a submission it was proposed in
("Xem xét đề nghị của Ban Tổ chức Trung ương (Tờ trình số 175-TTr/BTCTW, ngày 23/5/2022) về sơ kết thực hiện
Kết luận số 34-KL/TW ..."), and ends with the issuer and its verb ("..., Bộ Chính trị kết luận như sau:").
"""

from __future__ import annotations

from graph.synth.calendar import REFORM, cite_date, local_term_of
from graph.synth.cite import Ctx, alias_clause, cite, cue, primary_link, subject_of, surface_of
from graph.synth.world import Doc

__all__ = ["opening"]

_LEADS = {
    "implements": "Thực hiện",
    "continues": "Để tiếp tục thực hiện có hiệu quả",
    "summarises": "Qua sơ kết thực hiện",
    "guides": "Để hướng dẫn thực hiện",
    "concretises": "Để cụ thể hóa",
}
_LOCAL_TERMS = ("2005 - 2010", "2010 - 2015", "2015 - 2020", "2020 - 2025", "2025 - 2030")
_ROMAN = ("XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI")


def _grounds(ctx: Ctx, doc: Doc, primary: tuple[int, str] | None) -> list[str]:
    """ "Căn cứ Điều lệ Đảng;" lines of a Quy định, a Quyết định and some resolutions."""
    rng, issuer = ctx.rng, doc.issuer
    if doc.type_code not in ("QĐ", "QĐi") and not (doc.type_code == "NQ" and rng.random() < 0.3):
        return []
    bullet = "- " if rng.random() < 0.4 else ""
    lines = ["", f"{bullet}Căn cứ Điều lệ Đảng{' Cộng sản Việt Nam' if rng.random() < 0.5 else ''};"]
    if issuer.level != "central":
        term = local_term_of(doc.day)
        levels = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
        committee = f"Ban Chấp hành Đảng bộ {levels.get(issuer.level, 'xã')}"
        roman = _ROMAN[min(term + 1, len(_ROMAN) - 1)]
        lines.append(
            f"{bullet}Căn cứ Quy chế làm việc của {committee} khóa {roman}, nhiệm kỳ {_LOCAL_TERMS[term]};"
        )
    if primary is not None and primary[1] == "based_on":
        parent = ctx.world.docs[primary[0]]
        if ctx.free(parent):
            mention = cite(ctx, parent, dated=rng.random() < 0.8, issuer=True)
            ctx.gold.relate("THIS", "based_on", ctx.key(parent), f"Căn cứ {mention.split(',')[0]}")
            lines.append(f"{bullet}Căn cứ {mention};")
    return lines


def _submission(ctx: Ctx, sub: Doc) -> str | None:
    """ "xem xét đề nghị của Ban Tổ chức Tỉnh ủy tại Tờ trình số ..., ngày ..." or the seed-000 form."""
    rng = ctx.rng
    if not ctx.free(sub):
        return None
    by = sub.issuer.self_name
    link = primary_link(sub)
    target = ctx.world.docs[link[0]] if link else None
    fresh = target is not None and not ctx.gold.has_relation("THIS", target.number)
    if link is not None and target is not None and fresh and ctx.free(target) and rng.random() < 0.5:
        surface = surface_of(ctx, sub)
        ctx.gold.document(sub.number, sub.type_word, surface, sub.issuer.label, sub.day.isoformat())
        words = cue(rng, link[1], sub, target)
        mention = cite(ctx, target, dated=rng.random() < 0.8, issuer=True)
        alias = alias_clause(ctx, target) if target.issuer.level == "central" and rng.random() < 0.4 else ""
        clause = (
            f"xem xét đề nghị của {by} ({surface}, {cite_date(rng, sub.day)}) về {words} {mention}{alias}"
        )
        ctx.gold.relate("THIS", "based_on", sub.number, clause.removeprefix("xem xét "))
        ctx.gold.relate(sub.number, link[1], ctx.key(target), f"{words} {mention.split(',')[0]}")
        ctx.gold.relate("THIS", link[1], ctx.key(target), f"{words} {mention.split(',')[0]}")
        return clause + ", ý kiến của các cơ quan liên quan"
    mention = cite(ctx, sub, dated=rng.random() < 0.8, issuer=False)
    clause = f"xem xét đề nghị của {by} tại {mention}"
    ctx.gold.relate("THIS", "based_on", sub.number, clause.removeprefix("xem xét "))
    return clause


def _doing(ctx: Ctx, doc: Doc, primary: tuple[int, str] | None) -> list[tuple[Doc, str]]:
    """What the opening sentence carries out: the primary parent when the subject did not name it, then the
    other central documents implemented alongside."""
    stated = primary is not None and ctx.gold.has_relation("THIS", ctx.world.docs[primary[0]].number)
    doing: list[tuple[Doc, str]] = []
    if primary is not None and not stated and primary[1] in _LEADS:
        doing.append((ctx.world.docs[primary[0]], primary[1]))
    doing += [
        (ctx.world.docs[ln.target], "implements") for ln in doc.links[1:] if ln.relation == "implements"
    ]
    return [(t, r) for t, r in doing if ctx.free(t) and not ctx.gold.has_relation("THIS", t.number)]


def _carried_out(ctx: Ctx, doc: Doc, primary: tuple[int, str] | None) -> list[str]:
    """Clauses "Thực hiện A và B; Để tiếp tục thực hiện C". A mention followed by its own subject ends a
    chain ("Kết luận số 25 về thực hiện Kết luận số 06 và Nghị quyết số 202" would be ambiguous)."""
    rng, clauses, chain = ctx.rng, list[str](), False
    items: list[tuple[Doc | None, str]] = list(_doing(ctx, doc, primary))
    if doc.issuer.level == "province" and doc.day >= REFORM and rng.random() < 0.3:
        items.append((None, "implements"))  # Nghị quyết 202/2025/QH15
    for target, relation in items:
        mention, tail, alias = _mention(ctx, target)
        if chain and relation == "implements":
            clauses[-1] += f" và {mention}"
        else:
            clauses.append(f"{_LEADS[relation]} {mention}")
        key = ctx.key(target) if target is not None else "202/2025/QH15"
        if chain and relation == "implements" and clauses[-1].count("(sau đây gọi tắt là") == 1:
            ctx.gold.styles.append(f"coordinated-after-alias:{key}")
        ctx.gold.relate("THIS", relation, key, mention.split(",")[0])
        clauses[-1] += tail + alias
        chain = relation == "implements" and not tail
    return clauses


def _mention(ctx: Ctx, target: Doc | None) -> tuple[str, str, str]:
    """A mention for the opening, the subject that may follow it, and a short-name clause."""
    rng = ctx.rng
    if target is None:
        return _quoc_hoi(ctx), "", ""
    mention = cite(ctx, target)
    tail = subject_of(ctx, target) if rng.random() < 0.3 else ""
    central = target.issuer.level == "central" and target.idx not in ctx.aliases
    alias = alias_clause(ctx, target) if central and not tail and rng.random() < 0.4 else ""
    return mention, tail, alias


def _quoc_hoi(ctx: Ctx) -> str:
    """Nghị quyết 202/2025/QH15 of the National Assembly on merging provinces (DOMAIN.md §5)."""
    surface = "Nghị quyết số 202/2025/QH15"
    ctx.gold.document("202/2025/QH15", "Nghị quyết", surface, "Quốc hội", "2025-06-12")
    return f"{surface}, ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"


def opening(ctx: Ctx, doc: Doc, verb: str) -> list[str]:
    """The lines between the subject and the first point."""
    primary = primary_link(doc) or next(((ln.target, ln.relation) for ln in doc.links), None)
    lines = _grounds(ctx, doc, primary)
    clauses = _carried_out(ctx, doc, primary)
    for link in doc.links:
        if link.relation == "based_on" and (sub := ctx.world.docs[link.target]).type_code in ("TTr", "BC"):
            clause = _submission(ctx, sub)
            clauses += [clause] if clause else []
    who = doc.issuer.self_name
    if lines:
        bullet = "- " if lines[1].startswith("- ") else ""
        lines += [f"{bullet}{c[:1].upper()}{c[1:]};" for c in clauses]
        return [*lines, "", f"{who.upper()} {verb.removesuffix(' như sau:').removesuffix(':').upper()}"]
    if not clauses:
        return ["", f"{who} {verb}"]
    sentence = "; ".join(clauses)
    return ["", f"{sentence[:1].upper()}{sentence[1:]}, {who} {verb}"]
