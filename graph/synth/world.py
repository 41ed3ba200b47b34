"""The planned world: every document of the corpus, who issued it when, and what it carries out.

Planning comes before any text is written and holds no text: a :class:`Doc` is a few fields. The real chain
of DOMAIN.md §7 is always there (Nghị quyết 18-NQ/TW, Kết luận 34-KL/TW of 2018 and the other 34-KL/TW of
2022, Tờ trình 175-TTr/BTCTW, Thông báo 16-TB/TW, Kết luận 50, 121, 126, 127, 210-KL/TW, Nghị quyết 60-NQ/TW);
synthetic central documents join it, provincial follow-ups implement, continue and summarise central ones,
and district (before 1 July 2025) or commune (after) follow-ups implement the provincial ones. A document only
links to earlier documents. Numbers are given last (:mod:`graph.synth.numbering`).
"""

from __future__ import annotations

import bisect
import functools
import random
from dataclasses import dataclass, field
from datetime import date

from graph.synth.atlas import POST_REFORM, Atlas, edition_at
from graph.synth.bodies import CENTRAL, Issuer, central, commune_issuers, district_issuers, province_issuers
from graph.synth.calendar import END, REFORM, START, add_days, between, term_of, term_start
from graph.synth.lexicon import TOPICS, Topic
from graph.synth.numbering import assign_numbers

__all__ = ["Doc", "Link", "World", "plan_world"]

#: Relations a follow-up of each type states most often towards its parent, with weights.
RELATIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "KH": (("implements", 1),),
    "CTr": (("implements", 1),),
    "KL": (("implements", 4), ("continues", 4), ("summarises", 3)),
    "TB": (("implements", 3), ("continues", 1), ("summarises", 1)),
    "NQ": (("implements", 1), ("continues", 1)),
    "CT": (("implements", 3), ("continues", 1)),
    "HD": (("guides", 1),),
    "BC": (("summarises", 1),),
    "TTr": (("summarises", 2), ("implements", 1)),
    "QĐ": (("concretises", 2), ("based_on", 2), ("implements", 1)),
    "CV": (("implements", 1),),
    "QC": (("concretises", 1), ("implements", 1)),
}
#: Types that other documents follow up (not submissions, reports or letters).
_FOLLOWED = frozenset({"NQ", "KL", "TB", "CT", "QĐ", "HD", "KH", "CTr"})
_WORDS = {
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình hành động",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "QC": "Quy chế",
}


@dataclass(slots=True)
class Link:
    target: int  # index of the linked document in World.docs
    relation: str


@dataclass(slots=True)
class Doc:
    idx: int
    issuer: Issuer
    type_code: str  # the code its number prints: "KL", "QĐ", "QĐi"
    type_word: str  # "Kết luận", "Quy định"
    day: date
    topic: Topic
    links: list[Link] = field(default_factory=list)
    plenum: int | None = None
    serial: int = 0
    fixed: bool = False  # a real document: its serial is given
    render: str = "official"  # or "portal": the file is a web page presenting it

    @property
    def number(self) -> str:
        return f"{self.serial:02d}-{self.type_code}/{self.issuer.code}"


@dataclass(slots=True)
class World:
    docs: list[Doc]
    news: int  # how many news articles follow the documents
    by_day: list[int] = field(default_factory=list)  # document indexes sorted by day
    days: list[int] = field(default_factory=list)  # their ordinals, for bisect
    children: dict[int, list[int]] = field(default_factory=dict)
    followed: list[int] = field(default_factory=list)  # documents with follow-ups, in index order

    def index(self) -> None:
        self.by_day = sorted(range(len(self.docs)), key=lambda i: (self.docs[i].day, i))
        self.days = [self.docs[i].day.toordinal() for i in self.by_day]
        for doc in self.docs:
            for link in doc.links:
                self.children.setdefault(link.target, []).append(doc.idx)
        self.followed = sorted(i for i in self.children if self.docs[i].type_code in _FOLLOWED)

    def before(self, day: date) -> int:
        """How many documents (in :attr:`by_day`) are dated strictly before ``day``."""
        return bisect.bisect_left(self.days, day.toordinal())


def plan_world(files: int, seed: int) -> World:
    """Plan ``files`` files: documents (official texts or portal pages) and news articles."""
    rng = random.Random(seed)
    atlas = Atlas.load()
    news = round(files * 0.08) if files >= 30 else 0
    n_central = min(files - news, max(len(ANCHORS) + 6, min(1500, round(files * 0.07))))
    docs = _anchors(n_central)
    _central_docs(rng, docs, n_central)
    local = files - news - len(docs)
    _provincial(rng, atlas, docs, round(local * 0.45))
    _subordinate(rng, atlas, docs, files - news - len(docs))
    _siblings(rng, docs)
    assign_numbers(rng, docs)
    for doc in docs:
        if doc.issuer.level != "central" and doc.type_code in _FOLLOWED and rng.random() < 0.14:
            doc.render = "portal"
    world = World(docs, news)
    world.index()
    return world


# --- the real chain ----------------------------------------------------------------------------------------

_ORG, _PILOT, _REGIONS = TOPICS[0], TOPICS[2], TOPICS[5]
#: (serial, type, issuer, day, topic, plenum, links as (anchor position, relation)). DOMAIN.md §6-7.
ANCHORS: tuple[tuple[int, str, str, date, Topic, int | None, tuple[tuple[int, str], ...]], ...] = (
    (18, "NQ", "bch", date(2017, 10, 25), _ORG, 6, ()),
    (34, "KL", "bct", date(2018, 8, 7), _PILOT, None, ((0, "implements"),)),
    (34, "KL", "bct", date(2022, 4, 18), TOPICS[9], None, ()),
    (175, "TTr", "btctw", date(2022, 5, 23), _PILOT, None, ((1, "summarises"),)),
    (
        16,
        "TB",
        "bct",
        date(2022, 7, 7),
        _PILOT,
        None,
        ((0, "implements"), (3, "based_on"), (1, "summarises")),
    ),
    (50, "KL", "bct", date(2023, 2, 28), _ORG, None, ((0, "continues"),)),
    (121, "KL", "bch", date(2025, 1, 24), _ORG, None, ((0, "summarises"),)),
    (126, "KL", "bct", date(2025, 2, 14), _ORG, None, ((6, "implements"),)),
    (127, "KL", "bct", date(2025, 2, 28), _REGIONS, None, ((6, "implements"),)),
    (60, "NQ", "bch", date(2025, 4, 12), _REGIONS, 11, ()),
    (210, "KL", "bct", date(2025, 11, 12), _ORG, None, ((0, "continues"),)),
)


def _anchors(limit: int) -> list[Doc]:
    """The real chain, oldest first, cut to ``limit`` documents (links only point backwards)."""
    ordered = sorted(range(len(ANCHORS)), key=lambda i: ANCHORS[i][3])[:limit]
    position = {old: new for new, old in enumerate(ordered)}
    docs = []
    for new, old in enumerate(ordered):
        serial, code, key, day, topic, plenum, links = ANCHORS[old]
        doc = Doc(new, central(key), code, _WORDS[code], day, topic, plenum=plenum, serial=serial, fixed=True)
        doc.links = [Link(position[t], rel) for t, rel in links if t in position]
        docs.append(doc)
    return docs


# --- helpers -----------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    names, cum = _cumulative_weights(options)
    return names[bisect.bisect_right(cum, rng.random() * cum[-1])]


@functools.cache
def _cumulative_weights(options: tuple[tuple[str, int], ...]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    total, cum = 0.0, []
    for _, weight in options:
        total += weight
        cum.append(total)
    return tuple(o for o, _ in options), tuple(cum)


def _word(rng: random.Random, code: str, day: date) -> tuple[str, str]:
    """(printed code, type word); QĐ is a Quy định or a Quyết định, and a Quy định printed QĐi some years."""
    if code != "QĐ":
        return code, _WORDS[code]
    if rng.random() < 0.3:
        return "QĐ", "Quyết định"
    return ("QĐi" if 2018 <= day.year <= 2020 and rng.random() < 0.3 else "QĐ"), "Quy định"


def _new(rng: random.Random, docs: list[Doc], issuer: Issuer, day: date, topic: Topic) -> Doc:
    code, word = _word(rng, _weighted(rng, issuer.types), day)
    doc = Doc(len(docs), issuer, code, word, day, topic)
    docs.append(doc)
    return doc


def _relation(rng: random.Random, doc: Doc) -> str:
    return _weighted(rng, RELATIONS["QĐ" if doc.type_code == "QĐi" else doc.type_code])


# --- central -----------------------------------------------------------------------------------------------


def _central_issuer(rng: random.Random, day: date) -> Issuer:
    weights = {"bch": 2, "bct": 6, "bbt": 4, "btctw": 3, "btgtw": 1, "bdvtw": 1, "btgdvtw": 1, "ubkttw": 1}
    live = [
        (i, weights.get(i.key, 1))
        for i, lo, hi in CENTRAL
        if (lo is None or lo <= day) and (hi is None or day <= hi)
    ]
    return rng.choices([i for i, _ in live], weights=[w for _, w in live])[0]


def _central_docs(rng: random.Random, docs: list[Doc], total: int) -> None:
    """Synthetic central documents, oldest first; about half follow up an earlier central document."""
    days = sorted(between(rng, START, add_days(END, -30)) for _ in range(max(0, total - len(docs))))
    followed = [d.idx for d in docs if d.type_code in _FOLLOWED]
    for day in days:
        if len(docs) >= total:
            break
        doc = _new(rng, docs, _central_issuer(rng, day), day, rng.choice(TOPICS))
        if doc.issuer.key == "bch" and doc.type_code == "NQ":
            doc.plenum = 1 + min(14, (day - term_start(term_of(day))).days // 110)
        earlier = [i for i in followed if docs[i].day < day]
        if earlier and rng.random() < 0.55:
            parent = docs[rng.choice(earlier[-40:])]
            doc.topic = parent.topic
            doc.links.append(Link(parent.idx, _relation(rng, doc)))
            if doc.issuer.key in ("bct", "bbt") and len(docs) < total and rng.random() < 0.35:
                _submission(rng, docs, doc, central("btctw"), parent)
        if doc.type_code in _FOLLOWED:
            followed.append(doc.idx)


def _submission(rng: random.Random, docs: list[Doc], doc: Doc, by: Issuer, parent: Doc) -> None:
    """A Tờ trình (or a Báo cáo) ``doc`` is based on, between ``parent`` and ``doc``; a body of a merged
    province of 1 July 2025 submits nothing before that day."""
    first = add_days(parent.day, 3)
    if by.province is not None and by.province.edition == POST_REFORM:
        first = max(first, REFORM)
    if (doc.day - first).days < 9:
        return
    day = between(rng, first, add_days(doc.day, -7))
    code = "TTr" if "TTr" in dict(by.types) or rng.random() < 0.7 else "BC"
    sub = Doc(len(docs), by, code, _WORDS[code], day, doc.topic)
    sub.links.append(Link(parent.idx, "summarises" if rng.random() < 0.6 else "implements"))
    docs.append(sub)
    doc.links.append(Link(sub.idx, "based_on"))


# --- local -------------------------------------------------------------------------------------------------


def _cumulative(keep: list[int], weight: dict[int, float]) -> list[float]:
    cum, total = [], 0.0
    for i in keep:
        total += weight.get(i, 1.0)
        cum.append(total)
    return cum


def _follow_day(rng: random.Random, parent: Doc, last: date) -> date | None:
    day = add_days(parent.day, 5 + int(rng.expovariate(1 / 110)))
    if day <= last:
        return day
    return between(rng, add_days(parent.day, 3), last) if add_days(parent.day, 3) <= last else None


def _provincial(rng: random.Random, atlas: Atlas, docs: list[Doc], total: int) -> None:
    keep = [d.idx for d in docs if d.type_code in _FOLLOWED and d.day <= add_days(END, -10)]
    weight = {d.idx: 8.0 if d.fixed else 2.0 if d.issuer.key in ("bch", "bct", "bbt") else 1.0 for d in docs}
    pool, cum = keep, _cumulative(keep, weight)
    target, tries = len(docs) + total, 0
    while pool and len(docs) < target and tries < 50 * total:
        tries += 1
        parent = docs[rng.choices(pool, cum_weights=cum)[0]]
        day = _follow_day(rng, parent, END)
        if day is None:
            continue
        province = rng.choice(atlas.provinces(edition_at(day)))
        organs = province_issuers(province, day)
        issuer = rng.choices(organs, weights=(2, 6, 1, 1, 1, 0.5, 0.3))[0]
        doc = _new(rng, docs, issuer, day, parent.topic if rng.random() < 0.8 else rng.choice(TOPICS))
        doc.links.append(Link(parent.idx, _relation(rng, doc)))
        _second_parent(rng, docs, doc, pool, parent)
        if issuer.key in ("cap", "btv") and len(docs) < target and rng.random() < 0.25:
            _submission(rng, docs, doc, organs[3 + rng.randrange(2)], parent)


def _second_parent(rng: random.Random, docs: list[Doc], doc: Doc, pool: list[int], parent: Doc) -> None:
    """Now and then a second central document, carried out alongside the first ("... và ...")."""
    if rng.random() >= 0.25:
        return
    other = docs[pool[rng.randrange(len(pool))]]
    if other.idx != parent.idx and other.day < doc.day and other.issuer.level == "central":
        doc.links.append(Link(other.idx, "implements"))


def _subordinate(rng: random.Random, atlas: Atlas, docs: list[Doc], total: int) -> None:
    """District follow-ups before the reform, commune follow-ups after it."""
    pool = [d.idx for d in docs if d.issuer.level == "province" and d.type_code in _FOLLOWED]
    target, tries = len(docs) + total, 0
    while pool and len(docs) < target and tries < 50 * total:
        tries += 1
        parent = docs[rng.choice(pool)]
        province = parent.issuer.province
        assert province is not None
        pre = parent.day < REFORM
        day = _follow_day(rng, parent, add_days(REFORM, -1) if pre else END)
        units = atlas.districts(province) if pre else atlas.communes(province)
        if day is None or not units:
            continue
        unit = rng.choice(units)
        organs = district_issuers(province, unit) if pre else commune_issuers(province, unit)
        doc = _new(rng, docs, rng.choices(organs, weights=(1, 3))[0], day, parent.topic)
        doc.links.append(Link(parent.idx, _relation(rng, doc)))
        grand = [link for link in parent.links if docs[link.target].issuer.level == "central"]
        if grand and rng.random() < 0.5:
            doc.links.append(Link(grand[0].target, "implements"))


#: Earlier documents of the same committee a document may continue, replace or amend, by its type.
_RULES = ("QĐ", "QĐi", "QC")
_SIBLING_TYPES: dict[str, tuple[str, ...]] = {
    "KH": ("KH",),
    **dict.fromkeys(_RULES, _RULES),
    **dict.fromkeys(("NQ", "KL", "CT"), ("NQ", "KL", "CT", "KH", "CTr")),
}


def _siblings(rng: random.Random, docs: list[Doc]) -> None:
    """Some documents continue, replace, amend or repeal an earlier one of the same committee."""
    by_scope: dict[str, list[Doc]] = {}
    for doc in sorted(docs, key=lambda d: (d.day, d.idx)):
        scope = "TW" if doc.issuer.code == "TW" else doc.issuer.scope.rsplit(":", 1)[0]
        earlier = by_scope.setdefault(scope, [])
        kinds = _SIBLING_TYPES.get(doc.type_code, ())
        if kinds and rng.random() < (0.5 if doc.type_code in _RULES else 0.1):
            fitting = [d for d in earlier[-40:] if d.type_code in kinds and d.day < doc.day]
            if fitting and not doc.fixed:
                doc.links.append(Link(rng.choice(fitting).idx, _sibling_relation(rng, doc)))
        earlier.append(doc)


def _sibling_relation(rng: random.Random, doc: Doc) -> str:
    if doc.type_code == "KH":
        return "replaces"
    if doc.type_code in _RULES:
        return _weighted(rng, (("amends", 6), ("replaces", 3), ("repeals", 1)))
    return "continues"
