"""An official text (DOMAIN.md §2): header, number line, place-date line, an incoming stamp now and then,
the type line, the subject (trích yếu), the opening ("Căn cứ ...", "Thực hiện ...", "Xem xét đề nghị ..."),
numbered points, recipients ("Nơi nhận:") and the signature block (T/M, K/T, T/L).

Three layouts, as copies come: stacked lines (seed 000), a two-column table flattened with spaces (header and
date side by side, recipients beside the signature), and Markdown from a converted DOCX (seed 003).
"""

from __future__ import annotations

from graph.synth.atlas import DISTRICT_COMMITTEES, edition_at, in_text, upper
from graph.synth.body import Section, body_sections, broken
from graph.synth.calendar import add_days, iso, numeric_date, place_date_words, plenum_ordinal, term_of
from graph.synth.cite import Ctx, cite, cue, primary_link
from graph.synth.lexicon import person_name
from graph.synth.opening import opening
from graph.synth.world import Doc

__all__ = ["official_text", "own_number", "place_of"]

_VERBS = {
    "KL": "kết luận như sau:",
    "TB": "kết luận như sau:",
    "NQ": "quyết nghị:",
    "CT": "yêu cầu:",
    "KH": "ban hành Kế hoạch thực hiện như sau:",
    "CTr": "ban hành Chương trình hành động như sau:",
    "HD": "hướng dẫn một số nội dung như sau:",
    "BC": "báo cáo kết quả như sau:",
    "TTr": "kính trình:",
    "QĐ": "quy định như sau:",
    "QĐi": "quy định như sau:",
    "CV": "đề nghị:",
}
_RECIPIENTS = {
    "central": (
        "Các tỉnh ủy, thành ủy,",
        "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương,",
        "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng,",
        "Lưu Văn phòng Trung ương Đảng.",
    ),
    "province": (
        "Ban Tổ chức Trung ương (để b/c),",
        "Văn phòng Trung ương Đảng (để b/c),",
        "Các đồng chí Tỉnh ủy viên,",
        "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy,",
        "Lưu Văn phòng Tỉnh ủy.",
    ),
    # {above}: the provincial committee ("Tỉnh ủy", a central city's "Thành ủy"); {own}: the district's
    "district": (
        "Ban Thường vụ {above} (để b/c),",
        "Ban Tổ chức {above},",
        "Các đồng chí {own} viên,",
        "Các chi bộ, đảng bộ trực thuộc,",
        "Lưu Văn phòng {own}.",
    ),
    "commune": (
        "Ban Thường vụ {above} (để b/c),",
        "Các đồng chí Đảng ủy viên,",
        "Các chi bộ trực thuộc,",
        "Lưu Văn phòng Đảng ủy.",
    ),
}


def _recipients(doc: Doc) -> list[str]:
    """The recipients the issuer's level sends to, named after its committees: "Ban Thường vụ Thành ủy (để
    b/c)" and "Lưu Văn phòng Quận ủy." for a district of Hồ Chí Minh City."""
    province, unit = doc.issuer.province, doc.issuer.unit
    above = "Thành ủy" if province is not None and province.type == "thành phố trung ương" else "Tỉnh ủy"
    own = DISTRICT_COMMITTEES[unit.type][0] if unit is not None and unit.level == "district" else "Huyện ủy"
    return [line.format(above=above, own=own) for line in _RECIPIENTS[doc.issuer.level]]


def own_number(ctx: Ctx, doc: Doc) -> str:
    """The number line: "Số 16-TB/TW", sometimes "Số: 16-TB/TW" or "Số 16TB/TW"."""
    rng = ctx.rng
    roll = rng.random()
    sep = "-" if roll < 0.92 else "" if roll < 0.95 else " - " if roll < 0.98 else "–"
    line = (
        "Số: " if rng.random() < 0.12 else "Số "
    ) + f"{doc.serial:02d}{sep}{doc.type_code}/{doc.issuer.code}"
    ctx.mentioned[doc.number] = doc.idx
    ctx.gold.document(doc.number, doc.type_word, line, doc.issuer.label, iso(doc.day))
    return line


def place_of(ctx: Ctx, doc: Doc) -> str:
    """The place of the place-date line, recorded with the places the header names."""
    issuer, gold = doc.issuer, ctx.gold
    if issuer.level == "central":
        gold.place(ctx.atlas.capital(doc.day), "place of issue")
        return "Hà Nội"
    province = issuer.province
    assert province is not None
    gold.place(province, "issuer's province")
    if issuer.unit is None:
        return (
            in_text(province)
            if province.name != "Hồ Chí Minh" or ctx.rng.random() < 0.5
            else "TP. Hồ Chí Minh"
        )
    unit = issuer.unit
    gold.place(unit, "place of issue")
    prefixed = unit.level == "commune" and ctx.rng.random() < 0.5
    return f"{unit.type.capitalize()} {unit.name}" if prefixed else unit.label


def _stamp(ctx: Ctx, doc: Doc) -> list[str]:
    """An incoming stamp of a province (on a central text) or a district (on a provincial one)."""
    rng = ctx.rng
    if doc.issuer.level == "central":
        place = rng.choice(ctx.atlas.provinces(edition_at(doc.day)))
        office = ("THÀNH ỦY " if place.type == "thành phố trung ương" else "TỈNH ỦY ") + upper(place.name)
    elif doc.issuer.level == "province" and doc.issuer.province is not None:
        units = ctx.atlas.districts(doc.issuer.province)
        if not units:
            return []
        place = rng.choice(units)
        office = upper(f"{DISTRICT_COMMITTEES[place.type][0]} {place.label}")
    else:
        return []
    ctx.gold.place(place, "received the copy")
    day = add_days(doc.day, rng.randint(3, 20))
    number = rng.randint(10, 2999)
    assert ctx.gold.this is not None
    ctx.gold.this["received"] = [
        {"by": f"Văn phòng {office.title()}", "number": str(number), "date": iso(day)}
    ]
    return [
        "",
        f"VĂN PHÒNG {office}",
        "ĐẾN",
        f"Số {number}, ngày {numeric_date(rng, day)}",
        "Chuyên:",
        "Lưu hồ sơ",
    ]


def _header(ctx: Ctx, doc: Doc, layout: str) -> list[str]:
    rng = ctx.rng
    head = list(doc.issuer.header)
    number, place = own_number(ctx, doc), place_of(ctx, doc)
    place_date = f"{place}, {place_date_words(rng, doc.day)}"
    stamp = _stamp(ctx, doc) if rng.random() < (0.12 if doc.issuer.level == "central" else 0.04) else []
    if layout == "columns":
        lines = [
            f"{head[0]:<44}ĐẢNG CỘNG SẢN VIỆT NAM",
            *head[1:],
            " " * 10 + "*",
            f"   {number:<38}{place_date}",
        ]
        return [*lines, *stamp]
    if layout == "markdown":
        head = [f"**{line}**" for line in head]
    if rng.random() < 0.5:
        return ["", *head, "*", number, "", "ĐẢNG CỘNG SẢN VIỆT NAM", "", place_date, *stamp]
    return ["", *head, "", "ĐẢNG CỘNG SẢN VIỆT NAM", "", "*", number, "", place_date, *stamp]


def _type_lines(ctx: Ctx, doc: Doc) -> list[str]:
    """ "KẾT LUẬN" / "CỦA BỘ CHÍNH TRỊ"; "THÔNG BÁO" / "KẾT LUẬN CỦA ..."; a plenum's "NGHỊ QUYẾT" lines."""
    issuer, rng = doc.issuer, ctx.rng
    word = upper(doc.type_word)
    if doc.plenum:
        return [
            word,
            f"HỘI NGHỊ LẦN THỨ {upper(plenum_ordinal(doc.plenum))}",
            f"BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA {term_of(doc.day)}",
        ]
    if doc.type_code == "TB":
        return [word, f"KẾT LUẬN CỦA {upper(issuer.self_name)}"]
    if doc.type_code in ("KL", "CT", "NQ") and (issuer.key == "tt" or rng.random() < 0.6):
        return [word, f"CỦA {upper(issuer.self_name)}"]
    return [word]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title(ctx: Ctx, doc: Doc) -> str:
    """The subject line, naming the parent document with its cue when there is one."""
    rng, link = ctx.rng, primary_link(doc)
    parent = ctx.world.docs[link[0]] if link else None
    if (
        link is None
        or parent is None
        or link[1] not in ("implements", "continues", "summarises", "guides")
        or (not ctx.free(parent))
    ):
        phrase = doc.topic.phrase
        return _capital(phrase) if phrase.startswith("một số vấn đề") else f"về {phrase}"
    words = cue(rng, link[1], doc, parent)
    if link[1] == "guides":
        words = words.removeprefix("hướng dẫn ") if doc.type_code == "HD" else words
    mention = cite(ctx, parent, dated=rng.random() < 0.7, issuer=rng.random() < 0.85, tail=rng.random() < 0.4)
    pilot = link[1] == "implements" and doc.topic.family == "org" and rng.random() < 0.3
    if pilot:
        words = "thực hiện một số mô hình thí điểm theo"
    lead = words if doc.type_code in ("KH", "CTr", "HD", "BC", "CV") and not pilot else f"về {words}"
    ctx.gold.relate("THIS", link[1], ctx.key(parent), f"{words} {mention.split(',')[0]}")
    return f"{lead} {mention}"


def _signature(ctx: Ctx, doc: Doc) -> tuple[list[str], str]:
    rng = ctx.rng
    capacity = list(rng.choice(doc.issuer.signature))
    name = person_name(rng, ctx.avoid)
    printed = name
    if rng.random() < 0.02:  # a name that lost a tone mark in copying (seed 000: "Võ Văn Thương")
        printed = name.replace("ư", "u", 1).replace("ở", "o", 1).replace("ả", "a", 1)
    assert ctx.gold.this is not None
    ctx.gold.this["signers"] = [{"name": printed, "capacity": ", ".join(capacity)}]
    sign = [*capacity, "", "(Đã ký)" if rng.random() < 0.3 else "", "", printed]
    return sign, name


def _tail(ctx: Ctx, doc: Doc, layout: str) -> list[str]:
    """Recipients and signature: one after the other, or side by side."""
    rng = ctx.rng
    items = [f"- {r}" for r in _recipients(doc)]
    assert ctx.gold.this is not None
    ctx.gold.this["recipients"] = [r[2:].rstrip(",.") for r in items]
    sign, _ = _signature(ctx, doc)
    heading = "#### Nơi nhận:" if layout == "markdown" else "Nơi nhận:"
    if layout == "columns":
        left = [heading, *items]
        width = max(len(x) for x in left) + 6
        rows = [
            f"{(left[i] if i < len(left) else ''):<{width}}{(sign[i] if i < len(sign) else '')}".rstrip()
            for i in range(max(len(left), len(sign)))
        ]
        return ["", *rows]
    if rng.random() < 0.3:
        return ["", *sign, "", heading, *items]
    return ["", heading, "", *items, "", *sign]


def _sections(ctx: Ctx, sections: list[Section], layout: str, articles: bool) -> list[str]:
    """Numbered points ("1.", or "Điều 1." in a Quy định, Quy chế or Quyết định) under their headings."""
    lines: list[str] = []
    rng = ctx.rng
    for heading, points in sections:
        if heading:
            lines += ["", f"**{heading}**" if layout == "markdown" else heading]
        for k, point in enumerate(points, 1):
            text = broken(ctx, point) if len(point) > 200 and rng.random() < 0.04 else point
            mark = f"Điều {k}." if articles else f"{k}."
            lines += ["", f"{mark} {text}" if heading or len(points) > 1 else text]
    return lines


def _subject(ctx: Ctx, doc: Doc, layout: str) -> list[str]:
    """The type lines and the subject line under them."""
    type_lines = _type_lines(ctx, doc)
    if layout == "markdown":
        type_lines = [f"**{line}**" for line in type_lines]
    title = _title(ctx, doc)
    assert ctx.gold.this is not None
    ctx.gold.this["title"] = f"{doc.type_word} {title}"
    blank = ctx.rng.random() < 0.5  # a blank line between the type line and the subject (seed 000)
    stated = any(r["source"] == "THIS" for r in ctx.gold.relations)  # the subject names a parent
    _note_styles(ctx, doc, layout, blank and stated and not title.startswith("về"))
    return ["", *type_lines, *([""] if blank else []), title]


def _letter_head(ctx: Ctx, doc: Doc) -> list[str]:
    """ "V/v triển khai thực hiện Kết luận số ..." and the addressees (fixture cv_vptw_vv)."""
    title = _title(ctx, doc)
    subject = "V/v " + (title.removeprefix("về ") if title.startswith("về ") else title)
    assert ctx.gold.this is not None
    ctx.gold.this["title"] = f"{doc.type_word} {subject}"
    who = "- Các tỉnh ủy, thành ủy," if doc.issuer.level == "central" else "- Các huyện ủy, thị ủy, thành ủy,"
    return ["", subject, "", f"Kính gửi:   {who}", "            - Các ban đảng, đảng đoàn, ban cán sự đảng."]


def _note_styles(ctx: Ctx, doc: Doc, layout: str, subject_after_blank: bool) -> None:
    """Record the layout choices a scorer may want to break results down by."""
    styles = ctx.gold.styles
    styles.append(f"layout:{layout}")
    if subject_after_blank:
        styles.append("subject-after-blank-line")  # "KẾ HOẠCH" / "" / "thực hiện Kết luận số ..."
    if doc.plenum:
        styles.append("plenum-header")  # "NGHỊ QUYẾT" / "HỘI NGHỊ LẦN THỨ SÁU" / "BAN CHẤP HÀNH ..."
    if doc.issuer.key == "joint":
        styles.append("joint-issuer")  # "BAN TỔ CHỨC - BAN DÂN VẬN", "05-QC/BTCTU-BDVTU"


def official_text(ctx: Ctx, doc: Doc) -> str:
    """The text of ``doc`` as an official document; its gold is filled in on ``ctx.gold``."""
    rng = ctx.rng
    layout = rng.choices(("stacked", "columns", "markdown"), weights=(6, 3, 1))[0]
    ctx.gold.this = {
        "number": doc.number,
        "type": doc.type_word,
        "issuer": doc.issuer.label,
        "date": iso(doc.day),
    }
    lines = _header(ctx, doc, layout)
    if doc.type_code == "CV":  # an official letter: "V/v ..." under the number, "Kính gửi:" (no type line)
        lines += _letter_head(ctx, doc)
        _note_styles(ctx, doc, layout, False)
    else:
        lines += _subject(ctx, doc, layout)
    lines += ["", "-----"] if rng.random() < 0.3 else []
    lines += opening(ctx, doc, _VERBS.get(doc.type_code, "thống nhất như sau:"))
    sections, closing = body_sections(ctx, doc)
    lines += _sections(ctx, sections, layout, doc.type_code in ("QĐ", "QĐi", "QC"))
    lines += [("" if not c else "\n") + c for c in closing]
    lines += _tail(ctx, doc, layout)
    return "\n".join(lines) + "\n"
