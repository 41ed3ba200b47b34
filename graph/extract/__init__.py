"""Extraction: one NFC text -> the dataclasses of :mod:`graph.model`, every fact with its span.

The stages follow the data: :mod:`graph.parse` finds the blocks and the main region; ``citations`` the
document mentions with what is stated next to them; ``documents`` the own document and the kind of text;
``relations`` the relations between documents; ``models`` the pilot models; ``localities`` the places.

>>> ext = extract_text("Kết luận số 50-KL/TW về tiếp tục thực hiện Nghị quyết số 18-NQ/TW.")
>>> [(r.source, r.relation, r.target) for r in ext.relations]
[('50-KL/TW', 'continues', '18-NQ/TW')]
"""

from __future__ import annotations

from graph.extract.citations import find_mentions
from graph.extract.cited import cited_documents
from graph.extract.documents import read_own
from graph.extract.home import home_of
from graph.extract.localities import find_localities
from graph.extract.models import find_models
from graph.extract.relations import find_relations
from graph.model import THIS, Extraction
from graph.parse import parse
from graph.text import match_view

__all__ = ["extract_text"]


def extract_text(text: str, *, source: str = "<text>", sha256: str = "") -> Extraction:
    """Everything one text states: its own document, the documents it cites, relations, models, places.

    ``text`` must already be NFC; every span satisfies ``text[span.start:span.end] == span.text``.
    """
    view = match_view(text)
    layout = parse(text, view)
    mentions, warnings = find_mentions(layout)
    home = home_of(layout, [m.issuer for m in mentions if m.issuer is not None])
    own = read_own(layout, mentions, home)
    document = own.document
    own_key = (document.number or THIS) if document is not None else None
    documents, doc_warnings = cited_documents(layout, mentions, document, home)
    date = (document.date if document else None) or own.published
    return Extraction(
        source=source,
        text=text,
        sha256=sha256,
        document=document,
        documents=documents,
        relations=find_relations(layout, mentions, own_key, own.kind),
        localities=find_localities(text, view, date=date, region=layout.main),
        models=find_models(layout, mentions, own_key),
        warnings=tuple(dict.fromkeys([*warnings, *own.warnings, *doc_warnings])),
        published=own.published,
        kind=own.kind,
    )
