"""graph.build (with resolution and curation) on the seed texts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.namespaces import DG, DGID, OA, ORG, XSD

SOURCES = Path(__file__).parents[1] / "sources"


def doc(graph, number: str) -> URIRef:
    (node,) = list(graph.subjects(DG.number, Literal(number)))
    return node


def test_every_relation_has_exact_evidence_or_a_curation_citation(corpus):
    g = corpus.graph
    texts = {
        str(g.value(s, DG.fileName)): unicodedata.normalize(
            "NFC", (SOURCES / str(g.value(s, DG.fileName))).read_text(encoding="utf-8")
        )
        for s in g.subjects(RDF.type, DG.SourceText)
    }
    relations = list(g.subjects(RDF.type, DG.DocumentRelation))
    assert len(relations) >= 12
    for rel in relations:
        origin = g.value(rel, DG.origin)
        if origin == DG.Curated:
            record = g.value(rel, DG.curation)
            assert record is not None and (record, RDF.type, DG.CurationRecord) in g
            continue
        assert origin == DG.Extracted
        spans = list(g.objects(rel, DG.evidence))
        assert spans, rel
        for span in spans:
            text = texts[str(g.value(g.value(span, OA.hasSource), DG.fileName))]
            selectors = list(g.objects(span, OA.hasSelector))
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
            start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
            assert text[start:end] == str(g.value(quote, OA.exact))


def test_the_seed_chain_is_in_the_graph(corpus):
    g = corpus.graph
    assert (doc(g, "16-TB/TW"), DG.implements, doc(g, "18-NQ/TW")) in g
    assert (doc(g, "16-TB/TW"), DG.summarises, doc(g, "34-KL/TW")) in g
    assert (doc(g, "16-TB/TW"), DG.basedOn, doc(g, "175-TTr/BTCTW")) in g
    assert (doc(g, "175-TTr/BTCTW"), DG.summarises, doc(g, "34-KL/TW")) in g
    assert (doc(g, "55-KL/TU"), DG.implements, doc(g, "16-TB/TW")) in g
    assert (doc(g, "50-KL/TW"), DG.continues, doc(g, "18-NQ/TW")) in g
    assert (doc(g, "34-KL/TW"), DG.implements, doc(g, "18-NQ/TW")) in g


def test_curated_and_extracted_facts_stay_distinguishable(corpus):
    g = corpus.graph
    kl34, nq18 = doc(g, "34-KL/TW"), doc(g, "18-NQ/TW")
    (rel,) = [r for r in g.objects(kl34, DG.qualifiedRelation) if g.value(r, DG.toDocument) == nq18]
    assert g.value(rel, DG.origin) == DG.Curated
    record = g.value(rel, DG.curation)
    assert str(g.value(record, DG.curationFile)).endswith("curation.yaml")
    assert int(g.value(record, DG.curationLine)) > 0
    assert not list(g.objects(rel, DG.evidence))


def test_variants_of_one_notice_are_one_document(corpus):
    g = corpus.graph
    assert not list(g.subjects(DG.number, Literal("16-KL/TW")))
    tb16 = doc(g, "16-TB/TW")
    assert tb16 == DGID["doc/tw/xiii/tb-16"]
    sources = {str(g.value(s, DG.fileName)) for s in g.objects(tb16, DG.mentionedIn)}
    assert "001_ea8b90e8c70a61da.txt" in sources
    assert len(list(g.objects(tb16, DG.mention))) >= 4  # Số 16-TB/TW, 16-KL/TW, 16TB/TW, 16-TB/TW


def test_numbers_are_resolved_through_terms(corpus):
    g = corpus.graph
    assert doc(g, "18-NQ/TW") == DGID["doc/tw/xii/nq-18"]
    assert doc(g, "34-KL/TW") == DGID["doc/tw/xii/kl-34"]
    assert doc(g, "50-KL/TW") == DGID["doc/tw/xiii/kl-50"]
    assert (doc(g, "18-NQ/TW"), DG.dateIssued, Literal("2017-10-25", datatype=XSD.date)) in g


def test_undated_local_conclusion_stays_undated_with_a_curated_bound(corpus):
    g = corpus.graph
    kl55 = doc(g, "55-KL/TU")
    assert str(kl55).startswith(str(DGID["doc/province/42/"]))
    assert g.value(kl55, DG.dateIssued) is None
    assert g.value(kl55, DG.dateNotBefore) == Literal("2022-07-07", datatype=XSD.date)
    records = list(g.subjects(RDF.subject, kl55))
    assert records and all((r, RDF.type, DG.CurationRecord) in g for r in records)


def test_text_without_number_is_a_document_of_an_unknown_province(corpus):
    g = corpus.graph
    src = next(
        s for s in g.subjects(RDF.type, DG.SourceText) if str(g.value(s, DG.fileName)).startswith("003")
    )
    (node,) = list(g.subjects(DG.expressedIn, src))
    assert g.value(node, DG.number) is None
    issuer = g.value(node, DG.issuer)
    assert issuer is not None
    assert g.value(issuer, DG.localityUnknown) == Literal(True)
    assert g.value(issuer, DG.locality) is None


def test_every_label_has_a_language(corpus):
    g = corpus.graph
    for _, _, label in g.triples((None, RDFS.label, None)):
        assert label.language in ("vi", "en")


def test_no_blank_nodes(corpus):
    from rdflib import BNode

    assert not any(isinstance(term, BNode) for triple in corpus.graph for term in triple)


def test_a_numbered_district_is_labelled_so_and_its_committee_is_under_the_thanh_uy(tmp_path: Path):
    from rdflib.namespace import SKOS

    from graph.pipeline import build_corpus

    (tmp_path / "q1.txt").write_text(
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH\nQUẬN ỦY QUẬN 1\n*\nSố 12-KH/QU\n\n"
        "Quận 1, ngày 5 tháng 4 năm 2020\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW\n",
        encoding="utf-8",
    )
    graph = build_corpus(tmp_path, jobs=1).graph
    district = DGID["locality/gso-pre-2025-07-01/760"]
    labels = set(graph.objects(district, SKOS.prefLabel))
    assert labels == {Literal("Quận 1", lang="vi")}, labels
    # the issuer is that district's committee, under the Thành ủy (a city under central authority)
    committee = DGID["body/district/760/quan-uy"]
    assert Literal("Quận ủy Quận 1", lang="vi") in set(graph.objects(committee, SKOS.prefLabel))
    (parent,) = graph.objects(committee, ORG.subOrganizationOf)
    assert parent == DGID["body/province/79/thanh-uy"]
    assert Literal("Thành ủy Hồ Chí Minh", lang="vi") in set(graph.objects(parent, SKOS.prefLabel))


def test_a_district_merged_before_2025_is_the_issuers_place_and_says_when_it_was_last_listed(tmp_path: Path):
    from graph.pipeline import build_corpus
    from graph.validate import validate

    (tmp_path / "loc-ha.txt").write_text(
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY LỘC HÀ\n*\nSố 45-KH/HU\n\n"
        "Lộc Hà, ngày 12 tháng 3 năm 2019\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW\n",
        encoding="utf-8",
    )
    corpus = build_corpus(tmp_path, jobs=1)
    graph = corpus.graph
    district = DGID["locality/gso-pre-2025-07-01/448"]
    assert set(graph.objects(district, DG.lastListed)) == {Literal("2023-05-07", datatype=XSD.date)}
    assert set(graph.objects(district, DG.parentLocality)) == {DGID["locality/gso-pre-2025-07-01/42"]}
    assert _labelled_parents(graph, _issuer_of(graph, "45-KH/HU"))[0] == "Huyện ủy Lộc Hà"
    assert not set(graph.objects(DGID["locality/gso-pre-2025-07-01/42"], DG.lastListed))  # listed in 2025
    assert validate(graph).conforms


def _labelled_parents(graph, node: URIRef) -> list[str]:
    """The Vietnamese labels of ``node`` and of every body above it, nearest first."""
    from rdflib.namespace import SKOS

    chain = []
    while node is not None:
        chain.append(next(str(o) for o in graph.objects(node, SKOS.prefLabel) if o.language == "vi"))
        node = next(iter(graph.objects(node, ORG.subOrganizationOf)), None)
    return chain


def _issuer_of(graph, number: str) -> URIRef:
    (doc,) = graph.subjects(DG.number, Literal(number))
    (issuer,) = graph.objects(doc, DG.issuer)
    return issuer


def test_a_standing_board_sits_under_its_own_units_committee(tmp_path: Path):
    """Each district's and commune's standing board under that unit's committee, never a committee of the
    province that all its districts or communes would share."""
    from graph.pipeline import build_corpus

    head = "ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY {unit}\n*\nSố {number}\n\n{place}, ngày 5 tháng 4 năm 2020\n\n"
    body = (
        "KẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW\n\nBan Thường vụ xây dựng kế hoạch như sau.\n\n"
        "Nơi nhận:\n- Các chi bộ trực thuộc,\n- Lưu.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
    )
    for unit, number, place in (("KỲ ANH", "12-KH/HU", "Kỳ Anh"), ("ĐỨC THỌ", "13-KH/HU", "Đức Thọ")):
        (tmp_path / f"{number[:2]}.txt").write_text(head.format(unit=unit, number=number, place=place) + body)
    commune = (
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY XÃ {unit}\n*\nSố {number}\n\n{place}, ngày 5 tháng 9 năm 2025\n\n"
    )
    for unit, number, place in (
        ("BẢO LÂM 4", "03-KH/ĐU", "Bảo Lâm 4"),
        ("ĐAM RÔNG 3", "04-KH/ĐU", "Đam Rông 3"),
    ):
        (tmp_path / f"{number[:2]}.txt").write_text(
            commune.format(unit=unit, number=number, place=place) + body
        )
    graph = build_corpus(tmp_path, jobs=1).graph
    assert _labelled_parents(graph, _issuer_of(graph, "12-KH/HU")) == [
        "Ban Thường vụ Huyện ủy Kỳ Anh",
        "Huyện ủy Kỳ Anh",
        "Tỉnh ủy Hà Tĩnh",
    ]
    assert _labelled_parents(graph, _issuer_of(graph, "13-KH/HU"))[1] == "Huyện ủy Đức Thọ"
    assert _labelled_parents(graph, _issuer_of(graph, "03-KH/ĐU")) == [
        "Ban Thường vụ Đảng ủy xã Bảo Lâm 4",
        "Đảng ủy xã Bảo Lâm 4",
        "Tỉnh ủy Lâm Đồng",
    ]
    assert _labelled_parents(graph, _issuer_of(graph, "04-KH/ĐU"))[1] == "Đảng ủy xã Đam Rông 3"


def test_a_numbered_ward_committee_is_named_once(tmp_path: Path):
    from rdflib.namespace import SKOS

    from graph.pipeline import build_corpus

    (tmp_path / "w.txt").write_text(
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY PHƯỜNG 1 BẢO LỘC\n*\nSố 02-NQ/ĐU\n\nPhường 1 Bảo Lộc, ngày 2 tháng 9"
        " năm 2025\n\nNGHỊ QUYẾT\nvề thực hiện Nghị quyết số 18-NQ/TW\n\nT/M ĐẢNG ỦY\nBÍ THƯ\n\n"
        "Nguyễn Văn An\n",
        encoding="utf-8",
    )
    graph = build_corpus(tmp_path, jobs=1).graph
    issuer = _issuer_of(graph, "02-NQ/ĐU")
    labels = {str(o) for o in graph.objects(issuer, SKOS.prefLabel) if o.language == "vi"}
    assert labels == {"Đảng ủy phường 1 Bảo Lộc"}  # not "Đảng ủy phường Phường 1 Bảo Lộc"
    (where,) = graph.objects(issuer, DG.locality)
    assert set(graph.objects(where, SKOS.prefLabel)) == {Literal("Phường 1 Bảo Lộc", lang="vi")}
