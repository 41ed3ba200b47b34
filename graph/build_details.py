"""The parts of the build that describe one text's own document and its pilot-model decisions:
signatures, recipients, incoming stamps, place of issue, model adoptions and tasks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from graph.extract.bodies import resolve_body
from graph.model import THIS, Extraction, ModelMention, OwnDocument
from graph.namespaces import DG, DGID, MODEL_FAMILY, MODEL_STATUS, RDF, RDFS, SKOS, XSD
from graph.provenance import add_span
from graph.sources import SourceText
from graph.text import fold, slug

if TYPE_CHECKING:
    from graph.build import _Builder

__all__ = ["add_model", "add_own_details"]


def add_own_details(b: _Builder, node: URIRef, src: SourceText, ext: Extraction, own: OwnDocument) -> None:
    g, sha = b.g, src.sha256[:16]
    for i, signer in enumerate(own.signers, start=1):
        sig = URIRef(f"{node}/signature/{sha}-{i}")
        g.add((node, DG.signature, sig))
        g.add((sig, RDF.type, DG.Signature))
        g.add((sig, DG.signerName, Literal(signer.name)))
        if signer.capacity:
            g.add((sig, DG.capacity, Literal(signer.capacity, lang="vi")))
        if signer.span is not None:
            g.add((sig, DG.evidence, add_span(g, src.sha256, src.text, signer.span)))
        issuer = b.ds.value(node, DG.issuer)
        if issuer is not None and signer.capacity and signer.capacity.upper().startswith("T/M"):
            g.add((sig, DG.onBehalfOf, issuer))
    for i, label in enumerate(own.recipients, start=1):
        rec = URIRef(f"{node}/recipient/{sha}-{i}")
        g.add((node, DG.recipient, rec))
        g.add((rec, RDF.type, DG.Recipient))
        g.add((rec, RDFS.label, Literal(label, lang="vi")))
        g.add((rec, DG.position, Literal(i, datatype=XSD.integer)))
    for i, receipt in enumerate(own.received, start=1):
        _receipt(b, URIRef(f"{node}/receipt/{sha}-{i}"), node, src, receipt)
    place = _place_of_issue(b, ext, own)
    if place is not None:
        g.add((node, DG.placeOfIssue, place))


def _receipt(b: _Builder, rec: URIRef, node: URIRef, src: SourceText, receipt: object) -> None:
    from graph.model import Receipt

    assert isinstance(receipt, Receipt)
    g = b.g
    g.add((node, DG.receipt, rec))
    g.add((rec, RDF.type, DG.Receipt))
    body = resolve_body(receipt.by)
    if body is not None:
        g.add(
            (rec, DG.receivedBy, b.body(body, body.province, date=receipt.date, unknown_key=src.sha256[:16]))
        )
    else:
        g.add((rec, RDFS.label, Literal(receipt.by, lang="vi")))
    if receipt.number:
        g.add((rec, DG.receiptNumber, Literal(receipt.number)))
    if receipt.date:
        g.add((rec, DG.receiptDate, Literal(receipt.date, datatype=XSD.date)))
    if receipt.span is not None:
        g.add((rec, DG.evidence, add_span(g, src.sha256, src.text, receipt.span)))


def _place_of_issue(b: _Builder, ext: Extraction, own: OwnDocument) -> URIRef | None:
    for loc in ext.localities:
        if loc.role == "place of issue":
            ref = b.data.places.from_mention(loc)
            return b.place(ref) if ref is not None else None
    if own.place:
        ref = b.data.places.province(own.place, own.date)
        return b.place(ref) if ref is not None else None
    return None


def add_model(b: _Builder, src: SourceText, ext: Extraction, model: ModelMention) -> None:
    """A pilot model and one decision about it (an n-ary adoption node). A model named without any
    decision on it (no status) is not an adoption: it is left out."""
    if model.status is None:
        return
    g = b.g
    key = slug(model.name)
    mnode = DGID[f"model/{key[:80]}" if len(key) <= 80 else f"model/{key[:64]}-{_short(key)}"]
    if (mnode, RDF.type, DG.PilotModel) not in b.corpus:
        b.corpus.add((mnode, RDF.type, DG.PilotModel))
        b.corpus.add((mnode, SKOS.prefLabel, Literal(model.name, lang="vi")))
        if model.family:
            b.corpus.add((mnode, DG.modelFamily, MODEL_FAMILY[model.family]))
    decided = b.doc_iri(src.name, model.decided_by or THIS)
    parts = (
        str(mnode),
        str(decided),
        model.status or "",
        model.locality or "",
        src.sha256,
        str(model.evidence.start),
    )
    node = DGID[f"adoption/{_short(chr(31).join(parts))}"]
    g.add((node, RDF.type, DG.ModelAdoption))
    g.add((node, DG.model, mnode))
    g.add((node, DG.status, MODEL_STATUS[model.status]))
    if decided is not None:
        g.add((node, DG.decidedBy, decided))
        since = b.ds.value(decided, DG.dateIssued)
        if since is not None:
            g.add((node, DG.since, since))
    if model.deadline:
        datatype = XSD.date if len(model.deadline) == 10 else XSD.gYearMonth
        g.add((node, DG.deadline, Literal(model.deadline, datatype=datatype)))
    _adoption_place(b, node, ext, model, src)
    g.add((node, DG.origin, DG.Extracted))
    g.add((node, DG.evidence, add_span(g, src.sha256, src.text, model.evidence)))


def _adoption_place(b: _Builder, node: URIRef, ext: Extraction, model: ModelMention, src: SourceText) -> None:
    ref = None
    if model.locality:
        wanted = fold(model.locality)
        mention = next((loc for loc in ext.localities if fold(loc.name) == wanted), None)
        ref = b.data.places.from_mention(mention) if mention is not None else None
        if ref is not None:
            b.g.add((node, DG.locality, b.place(ref)))
    if model.assignee:
        body = resolve_body(model.assignee)
        if body is not None:
            province = body.province or (ext.document.province if ext.document else None)
            date = ext.document.date if ext.document else None
            place = ref if ref is not None and ref.level == body.level else None
            b.g.add(
                (
                    node,
                    DG.assignedTo,
                    b.body(
                        body,
                        province,
                        date=date,
                        unknown_key=src.sha256[:16],
                        district=body.district or model.locality,
                        place=place,
                    ),
                )
            )


def _short(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
