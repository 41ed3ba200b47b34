"""Relations between documents, read from cue words (DOMAIN.md §3) and from who the subject is.

For each mention B, the first rule that applies gives its source:

1. **coordination**: B follows a mention A, or A's title, with only "và", ",", ";" or "gắn với" between them;
   B shares A's source and relation ("Thực hiện Nghị quyết số 21-NQ/TW ... và Kế hoạch số 07-KH/TW ...";
   "Thực hiện Kết luận số 127-KL/TW ... về ...; Nghị quyết số 60-NQ/TW ..."). A full citation after a
   document cited in another's title joins the outer one ("tiếp tục thực hiện Kết luận số 121-KL/TW ... về
   tổng kết Nghị quyết số 18-NQ/TW ... khóa XII và Kết luận số 126-KL/TW, ngày 14/02/2025 ..."); where the
   outer document is the one issued, B is in its title beside A ("ban hành Kế hoạch số 120-KH/HU triển
   khai thực hiện Kết luận số 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị và Kế hoạch số 115-KH/TU ...").
2. **a document's title**: B sits in the title right after a mention A ("Kết luận số 50-KL/TW về tiếp tục
   thực hiện Nghị quyết số 18-NQ/TW"; "Thông báo ... 16TB/TW ... “về thực hiện ... theo Nghị quyết số
   18-NQ/TW”"): A is the source; no cue word means A cites B. A cue in the passive turns it round: "Quy định
   số 86-QĐ/TW ... được thay thế bằng Quy định số 22-QĐ/TW". A document issued in a clause of its own ("...,
   Ban Thường vụ Tỉnh ủy đã ban hành B") is in no title.
3. **the own title** (trích yếu, or the "V/v" subject of a letter) of an official text: the own document.
4. **a clause that opens with the cue** ("Thực hiện ..., Ban Tổ chức Trung ương đã tham mưu Bộ Chính trị ban
   hành Quy định số 97-QĐ/TW"; "Xem xét đề nghị ... (Tờ trình số ...)"; "Trên cơ sở xem xét Báo cáo số ...";
   "3. Triển khai thực hiện ..."; "Điều 3. Bãi bỏ ..."; a directive to addressees, "Yêu cầu các chi bộ ...
   tiếp tục thực hiện ..."; a clause coordinated with one that does, "Trên cơ sở xem xét Báo cáo ... và đề
   nghị của ... (Tờ trình số ...)"): the document the sentence issues, else the document the clause reports
   ("Kết luận 55-KL/TU nêu rõ, ...", "Chương trình đề ra ...; đồng thời yêu cầu ..." after the one programme
   the text names), else the own document of an official text or portal page. A news report on a
   conference that "quán triệt" a conclusion has no document subject, so no relation; nor does a generic
   mention ("các nghị quyết của Đảng"), which names no document.
5. **any other mention**: a numbered document the body of an official text (or of a portal page presenting
   one) names in a clause without a cue word, when no relation of the text covers it: the own document cites
   it (:func:`_cited`).

An alias being defined ("(sau đây gọi tắt là Nghị quyết 02)") is no mention of its own: a mention coordinated
after it shares the named document's link ("Thực hiện Nghị quyết số 02-NQ/TW ... (sau đây gọi tắt là Nghị
quyết 02) và Nghị quyết số 202/2025/QH15 ...").

A document based on a submission (Tờ trình) does what the submission proposes: "(Tờ trình số 175-TTr/BTCTW
...) về sơ kết thực hiện Kết luận số 34-KL/TW" makes the notice summarise 34-KL/TW too. One relation per
(source, target): one stated in the source's title wins, then one stated over one inferred through a
submission, then the most specific (model.RELATION_TYPES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from graph.extract.citations import Mention
from graph.extract.model_finders import ASSIGN
from graph.extract.typewords import party_type, type_word_pattern
from graph.model import RELATION_TYPES, Relation, RelationType, Span
from graph.parse import Block, Layout

__all__ = ["find_relations"]

# Cue words, longest first within each relation. Example lines: "về sơ kết thực hiện", "tổng kết 10 năm việc
# thực hiện", "về tiếp tục thực hiện", "hướng dẫn thực hiện", "hướng dẫn triển khai thực hiện" (one cue, not
# "triển khai thực hiện" after "hướng dẫn"), "HƯỚNG DẪN" / "" / "triển khai thực hiện" (a guidance's type line
# and subject), "cụ thể hóa", "thể chế hóa", "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "Căn cứ", "Xem xét đề
# nghị", "trên cơ sở xem xét Báo cáo số 15-BC/BTCTU", "đề nghị của Ban Tuyên giáo Trung ương (Tờ trình số
# ...)", "triển khai thực hiện", "quán triệt", "theo".
CUE = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<summarises>(?:so ket|tong ket)(?:\s+\d+\s+nam)?(?:\s+(?:viec|tinh hinh|ket qua))?"
    r"(?:\s+(?:trien khai\s+)?thuc hien)?)"
    r"|(?P<continues>tiep tuc\s+"
    r"(?:(?:quan triet|trien khai|lanh dao|chi dao|to chuc|day manh)(?:\s*,\s*|\s+va\s+|\s+))*"
    r"(?:thuc hien|trien khai|quan triet))"
    r"|(?P<guides>huong dan\s+(?:ve\s+)?(?:viec\s+)?"
    r"(?:(?:quan triet|trien khai|to chuc)(?:\s*,\s*|\s+va\s+|\s+))*(?:thuc hien|trien khai|quan triet))"
    r"|(?P<concretises>cu the hoa)"
    r"|(?P<institutionalises>the che hoa)"
    r"|(?P<amends>sua doi(?:\s*,\s*|\s+va\s+|\s+)bo sung|bo sung(?:\s*,\s*|\s+va\s+|\s+)sua doi|sua doi)"
    r"|(?P<replaces>thay the)"
    r"|(?P<repeals>bai bo)"
    r"|(?P<based_on>can cu(?:\s+vao)?|tren co so\s+(?:xem xet|xet)|(?:xem xet|xet|theo)\s+de nghi"
    r"|xem xet(?=\s+(?:bao cao|to trinh|de an)|\s*$)|de nghi(?=\s+cua\s))"
    r"|(?P<implements>(?:(?:to chuc\s+)?(?:quan triet|trien khai|hoc tap)(?:\s*,\s*|\s+va\s+|\s+))*"
    r"(?:thuc hien|trien khai|quan triet)|theo)"
    r")(?![a-z])"
)
# Between two coordinated mentions, or after the first one's title. Example lines: " và ", ", ", " gắn với ",
# " cùng với ", "; " ("Thực hiện Kết luận số 127-KL/TW ... về ...; Nghị quyết số 60-NQ/TW ...").
_COORDINATED = re.compile(r"[\s”\")]*[,;]?\s*(?:va|gan voi|cung voi|cung|hoac)?(?:\s+cac)?\s*")
# A coordinator right before a mention. Example line: "về xây dựng Đảng và Chỉ thị số 05-CT/TW".
_AND_BEFORE = re.compile(r"(?:,|\s(?:va|gan voi|cung voi|cung|hoac))\s*$")
# A cue in the passive: the document after it acts on the one before. Example line: "Quy định số 86-QĐ/TW
# ... được thay thế bằng Quy định số 22-QĐ/TW", "được sửa đổi, bổ sung tại", "bị bãi bỏ bởi".
_PASSIVE = re.compile(r"(?<![a-z])(?:duoc|bi|da duoc|da bi)\s+$")
# An alias being defined. Example line: "(sau đây gọi tắt là Kết luận 34)".
_ALIAS = re.compile(r"[^;.]*(?:goi tat la|viet tat la)\s*$")
# How a title opens right after a mention. Example lines: " về tiếp tục thực hiện", " “về thực hiện",
# ") về sơ kết thực hiện", ", để triển khai thực hiện", " sửa đổi, bổ sung".
_TITLE_GAP = re.compile(r"[\s)*]*,?[\s*]*(?:[“\"][\s*]*)?(?P<open>ve viec|ve|v/v|de|nham)?(?![a-z])")
# The subject line of a title. Example line: "về thực hiện một số mô hình thí điểm theo Nghị quyết số
# 18-NQ/TW".
_ABOUT = re.compile(r"(?<![a-z])(?:ve viec|ve|v/v)\s")
# What ends a title or a clause. Example lines: "; ", ". ", "”, ", "\n\n", ": ".
_BOUNDARY = re.compile(r";|[.!?](?=\s)|\n[ \t]*\n|[”\"]\s*[,.;:]|:\s")
# What may open a clause before its cue: list markers, "Điều 3.", "Để", "Tiếp tục", "Tập trung", "gắn với",
# and a directive to its addressees. Example lines: "2.", "**3.**", "a)", "Điều 3. Bãi bỏ", "Để thực hiện",
# "Tập trung quán triệt", "; gắn với tiếp tục thực hiện", "1. Yêu cầu các chi bộ, đảng bộ trực thuộc tiếp tục
# quán triệt", "Theo Kế hoạch, Ban Thường vụ Tỉnh ủy Quảng Ngãi yêu cầu các cấp ủy, tổ chức đảng quán triệt".
# What an addressee is asked to do that is not carrying a document out. Example line: "đề nghị các cấp ủy
# báo cáo kết quả thực hiện Chỉ thị số 35-CT/TW" (a report on it, not its implementation).
_WATCHING = r"bao cao|theo doi|don doc|kiem tra|giam sat|tong hop|danh gia|ket qua|so ket|tong ket"
_ADVERBS = r"(?:(?:tiep tuc|tap trung|chi dao|lanh dao|to chuc|day manh|kien quyet|nghiem tuc)[\s,]+)*"
_CLAUSE_LEAD = re.compile(
    r"[\W\d_]*(?:(?:[ivxl]+|[a-z]|\d+(?:\.\d+)*)\s*[.)/-]\s*)*(?:dieu\s+\d+\s*[.:-]\s*)?"
    r"(?:tai (?:phien hop|hoi nghi|ky hop)[^,;.]{0,40},\s*)?"
    r"(?:(?:de|nham|tiep tuc|tap trung|chi dao|lanh dao|to chuc|day manh|kien quyet|nghiem tuc|can|phai"
    r"|sau khi|tren co so|gan voi|dong thoi)[\s,]+)*"
    rf"(?:(?:theo [^,.;:()]{{1,30}},\s*)?(?:[^.;:()]{{0,80}}?\s)?(?:yeu cau|de nghi|{ASSIGN})\s+"
    rf"(?:(?!{_WATCHING})[^.;:()]){{3,80}}?\s{_ADVERBS})?"
)
# A clause whose verb governs a "theo" cue. Example line: "3. Thực hiện công tác cán bộ theo Quy định số
# 105-QĐ/TW" (not "Tiếp tục tổ chức đảng bộ khối ... theo Kết luận 34": organising is not carrying out).
_THEO_LEAD = re.compile(_CLAUSE_LEAD.pattern + r"(?:thuc hien|trien khai)\s+[^.;:()]{1,50}?\s")
# A clause coordinated with an earlier one of the same sentence, right before its cue. Example line:
# "Trên cơ sở xem xét Báo cáo ... và đề nghị của Ban Tuyên giáo Trung ương (Tờ trình số 32-TTr/BTGTW ...)".
_AND_CLAUSE = re.compile(r"(?:,|\s(?:va|dong thoi))\s*$")
# A sentence whose subject is the text itself. Example lines: "Quyết định này có hiệu lực ... và thay thế",
# "Điều 2. Kết luận này thay thế".
_ITSELF = re.compile(rf"[\W\d_]*(?:dieu\s+\d+\s*[.:-]\s*)?(?:{type_word_pattern()})\s+nay(?![a-z])")
# A sentence opening with a bare type word, naming a document named before. Example lines: "Chương trình đồng
# thời yêu cầu ...", "Kết luận nêu rõ, ...", "Theo Kế hoạch, ...".
_BARE_TYPE = re.compile(
    rf"[\W\d_]*(?:theo\s+)?(?P<word>{type_word_pattern()})(?:\s+(?:nay|tren))?(?![a-z])\s*,?\s*"
)
_REPORT_VERB = re.compile(r"(?<![a-z])(?:neu ro|yeu cau|chi ro|xac dinh|de ra|nhan manh|chi dao)\s*[,:]?\s*")
# A sentence that reports what a document says. Example line: "Kết luận 55-KL/TU nêu rõ, để thực hiện ...".
_REPORTS = re.compile(r"\s*(?:neu ro|yeu cau|chi ro|xac dinh|khang dinh|de ra|nhan manh|chi dao)\s*[,:]?\s*")
_THEO_WORDS = 4  # "theo" counts only this close to the mention: "theo tinh thần Nghị quyết"
_CUE_WORDS = 15
_TITLE_GAP_MAX = 400
_CITE_REACH = 200  # the evidence of a bare mention starts at its sentence, at most this far before it
_PRIORITY = {name: i for i, name in enumerate(RELATION_TYPES)}


@dataclass(frozen=True, slots=True)
class _Link:
    source: str
    relation: RelationType
    start: int  # evidence start
    from_title: bool
    inferred: bool = False  # through a submission, not stated
    passive: bool = False  # "A được thay thế bằng B": B is the source, A the target


@dataclass(frozen=True, slots=True)
class _Candidate:
    link: _Link
    target: str
    end: int  # evidence end


def find_relations(
    layout: Layout, mentions: list[Mention], own_key: str | None, kind: str
) -> tuple[Relation, ...]:
    """Relations between the documents a text mentions (``own_key``: the own document's key, or None)."""
    ms = [m for m in mentions if m.key and not m.own_line]
    title = layout.block("title") if kind == "official_text" else None
    subject = own_key if kind in ("official_text", "portal") else None
    links: dict[int, _Link] = {}
    found: list[_Candidate] = []
    for i, b in enumerate(ms):
        prev = ms[i - 1] if i else None
        if prev is not None and _ALIAS.fullmatch(layout.low, prev.tail_end, b.start):
            if i - 1 in links:  # a mention coordinated after the alias shares the named one's link
                links[i] = links[i - 1]
            continue
        link = (
            _coordinated(layout, ms, i, links)
            or _in_title_of(layout, prev, b)
            or _in_own_title(layout, title, b, own_key)
            or _clause(layout, ms, i, subject)
        )
        if link is not None and link.source != b.key:
            links[i] = link
            end = _evidence_end(layout, ms, i, link)
            if link.passive:  # "Quy định số 86-QĐ/TW ... được thay thế bằng Quy định số 22-QĐ/TW"
                found.append(_Candidate(replace(link, source=b.key, passive=False), link.source, end))  # type: ignore[arg-type]
            else:
                found.append(_Candidate(link, b.key, end))  # type: ignore[arg-type]
    found += _through_submissions(found, ms)
    chosen = _choose(layout, found)
    return chosen + _cited(layout, ms, subject, chosen)


def _cited(
    layout: Layout, ms: list[Mention], own_key: str | None, relations: tuple[Relation, ...]
) -> tuple[Relation, ...]:
    """ "Any other mention" cites (DOMAIN.md §3): a numbered document that the body of an official text (or
    of a portal page presenting one) names with no cue word in its clause, and that no relation of the text
    covers, is cited by the own document: "Các nội dung trên bảo đảm thống nhất với Kết luận số 34-KL/TW của
    Bộ Chính trị". A clause with a cue states a relation the text did not tie to a subject ("Đánh giá cao sự
    chủ động ... trong triển khai thực hiện thí điểm mô hình tổ chức mới theo Kết luận số 34-KL/TW", seed 001:
    the localities carried it out), so it is not the text's citing. A news article cites nothing; a document
    named without a number is out of the contract."""
    body = layout.block("body")
    if own_key is None or body is None:
        return ()
    covered = {own_key} | {r.source for r in relations} | {r.target for r in relations}
    out: list[Relation] = []
    for m in ms:
        if m.key in covered or m.key is None or m.form not in ("number", "short"):
            continue
        sent_start = layout.sentence(m.start)[0]
        clause_start = max(sent_start, layout.low.rfind(";", sent_start, m.start) + 1)
        if not body.start <= m.start < body.end or _last_cue(layout, clause_start, m.start, None):
            continue
        covered.add(m.key)
        start = _skip_spaces(layout.low, max(layout.sentence(m.start)[0], m.start - _CITE_REACH))
        evidence = Span(start, m.tail_end, layout.text[start : m.tail_end])
        out.append(Relation(own_key, "cites", m.key, evidence))
    return tuple(out)


def _coordinated(layout: Layout, ms: list[Mention], i: int, links: dict[int, _Link]) -> _Link | None:
    """B right after a mention A, or after A's title, with only "và", ",", ";" or "gắn với" between: B shares
    A's link. After a document cited in another's title, a full citation joins the outer one: "Tiếp tục thực
    hiện Kết luận số 121-KL/TW ... về tổng kết Nghị quyết số 18-NQ/TW ... khóa XII và Kết luận số 126-KL/TW,
    ngày 14/02/2025 của Bộ Chính trị" continues 126-KL/TW; it is not 121-KL/TW that reviews it."""
    prev, b = (ms[i - 1] if i else None), ms[i]
    link = links.get(i - 1)
    if prev is None or link is None:
        return None
    after = prev.title[1] if prev.title is not None and prev.title[1] <= b.start else prev.tail_end
    if b.start - after > 24 or not _COORDINATED.fullmatch(layout.low, after, b.start):
        return None
    closed = prev.tail is not None and prev.tail.issuer is not None
    full = b.tail is not None and (b.tail.date is not None or b.tail.issuer is not None)
    if link.from_title and not link.inferred and closed and full:
        # the outer document's own link, when it is cited itself; a document the text issues or is has
        # none: B is then in its title beside A ("Kế hoạch số 120-KH/HU triển khai thực hiện Kết luận số
        # 34-KL/TW, ngày 07/8/2018 của Bộ Chính trị và Kế hoạch số 115-KH/TU ...")
        outer = [j for j in range(i - 1) if ms[j].key == link.source and ms[j].start < prev.start]
        return links.get(outer[-1], link) if outer else link
    return link


def _in_title_of(layout: Layout, prev: Mention | None, b: Mention) -> _Link | None:
    """B in the title right after a mention A ("A về tiếp tục thực hiện B"): A is the source."""
    if prev is None or prev.key is None or b.start - prev.tail_end > _TITLE_GAP_MAX or b.verb is not None:
        return None  # a document issued in its own clause is in no title: "..., Tỉnh ủy đã ban hành B"
    low = layout.low
    gap = _TITLE_GAP.match(low, prev.tail_end, b.start)
    if gap is None or _BOUNDARY.search(low, prev.tail_end, b.start):
        return None
    if gap.group("open") == "de" and layout.view[gap.start("open") : gap.end("open")].lower() == "đề":
        return None  # "đề ra", not "để"
    cue = _last_cue(layout, gap.end(), b.start)
    if gap.group("open") is None and (cue is None or cue.start() != _skip_spaces(low, gap.end())):
        return None
    if cue is None and _AND_BEFORE.search(low, gap.end(), b.start):
        return None  # "A về X và B": B is cited beside A, not in A's title
    start = gap.start("open") if gap.group("open") else (cue.start() if cue else gap.end())
    relation: RelationType = _relation(cue) if cue else "cites"
    passive = cue is not None and _PASSIVE.search(low, gap.end(), cue.start()) is not None
    return _Link(prev.key, relation, start, True, passive=passive)


def _in_own_title(layout: Layout, block: Block | None, b: Mention, own_key: str | None) -> _Link | None:
    if block is None or own_key is None or not block.start <= b.start < block.end:
        return None
    cue = _last_cue(layout, block.start, b.start)
    subject = _ABOUT.search(layout.low, block.start, cue.start() if cue else b.start)
    start = subject.start() if subject else (cue.start() if cue else b.start)
    return _Link(own_key, _relation(cue) if cue else "cites", start, True)


def _clause(layout: Layout, ms: list[Mention], i: int, subject: str | None) -> _Link | None:
    """A clause that opens with the cue: the document the sentence issues is the source, else the subject."""
    b, low = ms[i], layout.low
    sent_start, sent_end = layout.sentence(b.start)
    prev = ms[i - 1] if i and ms[i - 1].start >= sent_start else None
    cue = _last_cue(layout, prev.tail_end if prev else sent_start, b.start)
    if cue is None or _BOUNDARY.search(low, cue.end(), b.start):
        return None
    semicolon = low.rfind(";", sent_start, cue.start())
    clause_start = semicolon + 1 if semicolon >= 0 else sent_start
    reporter = _reporting_mention(layout, ms, clause_start, cue.start())
    lead_from = reporter[1] if reporter else clause_start
    itself = _ITSELF.match(low, sent_start, cue.start()) is not None
    theo = cue.group() == "theo" and _THEO_LEAD.fullmatch(low, lead_from, cue.start()) is not None
    opens = _opens(low, lead_from, cue.start()) or (
        reporter is not None and _opens(low, clause_start, cue.start())
    )
    if not itself and not theo and not opens:
        return None
    issued = next(
        (m for m in ms[i + 1 :] if m.start < sent_end and m.verb is not None and m.key != b.key), None
    )
    source = issued.key if issued else (reporter[0] if reporter else subject)
    return _Link(source, _relation(cue), cue.start(), False) if source else None


def _opens(low: str, start: int, cue_start: int) -> bool:
    """Whether a clause from ``start`` opens with the cue at ``cue_start``, or with an earlier cue that this
    one is coordinated with ("Trên cơ sở xem xét Báo cáo ... và đề nghị của ...")."""
    if _CLAUSE_LEAD.fullmatch(low, start, cue_start):
        return True
    first = CUE.search(low, start, cue_start)
    return (
        first is not None
        and _AND_CLAUSE.search(low, first.end(), cue_start) is not None
        and _CLAUSE_LEAD.fullmatch(low, start, first.start()) is not None
    )


def _reporting_mention(
    layout: Layout, ms: list[Mention], clause_start: int, before: int
) -> tuple[str, int] | None:
    """ "Kết luận 55-KL/TU nêu rõ, ...": the document a clause opens with, and where its report starts; or
    "Chương trình đề ra ...; đồng thời yêu cầu ...": the one document of the type a sentence opens with that
    the text has named before."""
    low = layout.low
    for m in ms:
        if clause_start <= m.start < before and not low[clause_start : m.start].strip(" *-•\t\n"):
            said = _REPORTS.match(low, m.tail_end, before)
            return (m.key, said.end()) if said and m.key else None
    sent_start = layout.sentence(clause_start)[0]
    bare = _BARE_TYPE.match(low, sent_start, before)
    verbs = list(_REPORT_VERB.finditer(low, bare.end(), before)) if bare else []
    said = verbs[-1] if verbs else None
    if bare is None or said is None:
        return None
    info = party_type(bare.group("word"))
    named = {m.key for m in ms if m.start < sent_start and m.key and info and m.concept == info.code}
    return (named.pop(), said.end()) if len(named) == 1 else None


def _last_cue(layout: Layout, start: int, end: int, reach: int | None = _CUE_WORDS) -> re.Match[str] | None:
    """The cue nearest ``end`` in ``low[start:end]``, at most ``reach`` words before it (None: anywhere);
    "theo" only right before the mention."""
    low = layout.low
    last = None
    for cue in CUE.finditer(low, start, end):
        if cue.group("summarises") and layout.view[cue.start() : cue.start() + 2].lower() == "số":
            continue  # "một số kết quả" is not "sơ kết"
        words = len(low[cue.end() : end].split())
        limit = _THEO_WORDS if cue.group() == "theo" else reach
        if limit is None or words <= limit:
            last = cue
    return last


def _relation(cue: re.Match[str]) -> RelationType:
    return cast(RelationType, cue.lastgroup)


def _skip_spaces(low: str, pos: int) -> int:
    while pos < len(low) and low[pos] in " \t\n*":
        pos += 1
    return pos


def _evidence_end(layout: Layout, ms: list[Mention], i: int, link: _Link) -> int:
    """The clause ends at the target (its date and issuer included), or at the source it issues after it."""
    b = ms[i]
    later = [m for m in ms[i + 1 :] if m.key == link.source and m.start < layout.sentence(b.start)[1]]
    return later[0].end if later and not link.from_title else b.tail_end


def _through_submissions(found: list[_Candidate], ms: list[Mention]) -> list[_Candidate]:
    """A document based on a submission (Tờ trình) relates to what the submission proposes."""
    submissions = {m.key for m in ms if m.type_code == "TTr"}
    out = []
    for c in found:
        if c.link.relation == "based_on" and c.target in submissions:
            for d in found:
                if d.link.source == c.target and d.link.relation not in ("based_on", "cites"):
                    link = _Link(c.link.source, d.link.relation, d.link.start, False, inferred=True)
                    out.append(_Candidate(link, d.target, d.end))
    return out


def _rank(link: _Link) -> tuple[bool, bool, int]:
    """Stated in the source's title first, then stated rather than inferred, then the most specific."""
    return (not link.from_title, link.inferred, _PRIORITY[link.relation])


def _choose(layout: Layout, found: list[_Candidate]) -> tuple[Relation, ...]:
    best: dict[tuple[str, str], _Candidate] = {}
    for c in found:
        pair = (c.link.source, c.target)
        old = best.get(pair)
        if old is None or _rank(c.link) < _rank(old.link):
            best[pair] = c
    text = layout.text
    return tuple(
        Relation(
            c.link.source, c.link.relation, c.target, Span(c.link.start, c.end, text[c.link.start : c.end])
        )
        for c in best.values()
        if c.link.source != c.target
    )
