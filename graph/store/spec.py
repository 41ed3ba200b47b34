"""Store specs, as given to ``--store``: ``memory``, ``oxigraph[:PATH]``, ``sparql:URL[#OPTIONS]``.

The options of a SPARQL server ride in the URL's fragment, which is never sent to the server:
``server=virtuoso|fuseki|graphdb|qlever`` fills in the usual endpoints from the URL; ``update=``,
``gsp=`` (relative to the URL or absolute) and ``graph-param=`` set them one by one.

>>> parse_endpoints("http://127.0.0.1:8890/sparql#server=virtuoso")
Endpoints(query='http://127.0.0.1:8890/sparql', update='http://127.0.0.1:8890/sparql-auth', \
gsp='http://127.0.0.1:8890/sparql-graph-crud-auth', graph_param='graph')
>>> parse_endpoints("http://localhost:3030/ds#server=fuseki").update
'http://localhost:3030/ds/update'
>>> parse_endpoints("http://h/q#update=/u&gsp=/g&graph-param=graph-uri")
Endpoints(query='http://h/q', update='http://h/u', gsp='http://h/g', graph_param='graph-uri')
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from graph.errors import StoreError
from graph.store.remote import Endpoints

__all__ = ["SERVERS", "describe", "parse_endpoints", "split_spec"]

SPEC_HELP = "Use memory, oxigraph (in memory), oxigraph:PATH or sparql:URL."
OPTIONS = {"server", "update", "gsp", "graph-param"}


def _virtuoso(url: str) -> Endpoints:
    return Endpoints(url, urljoin(url, "/sparql-auth"), urljoin(url, "/sparql-graph-crud-auth"))


def _fuseki(url: str) -> Endpoints:
    base = url.rstrip("/")
    for suffix in ("/sparql", "/query"):
        base = base.removesuffix(suffix)
    return Endpoints(f"{base}/query", f"{base}/update", f"{base}/data")


def _graphdb(url: str) -> Endpoints:
    base = url.rstrip("/")
    return Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service")


def _qlever(url: str) -> Endpoints:
    return Endpoints(url)  # query only: QLever builds its index offline (no MOVE for an atomic swap)


#: ``server=`` presets: the query URL -> every endpoint.
SERVERS = {"virtuoso": _virtuoso, "fuseki": _fuseki, "graphdb": _graphdb, "qlever": _qlever}


def split_spec(spec: str) -> tuple[str, str]:
    """("memory", ""), ("oxigraph", PATH or ""), ("sparql", URL)."""
    kind, sep, rest = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "memory" and not rest:
        return "memory", ""
    if kind == "oxigraph":
        return "oxigraph", rest
    if kind == "sparql" and sep and urlsplit(rest).scheme in ("http", "https"):
        return "sparql", rest
    shown = spec if "@" not in spec else f"{kind}:..."  # never echo credentials
    raise StoreError(f"unknown store {shown!r}.", hint=SPEC_HELP)


def describe(spec: str) -> str:
    """``spec`` fit to print: a URL's userinfo is dropped.

    >>> describe("sparql:http://dba:secret@127.0.0.1:8890/sparql#server=virtuoso")
    'sparql:http://127.0.0.1:8890/sparql#server=virtuoso'
    """
    kind, sep, rest = spec.partition(":")
    if kind.lower() != "sparql" or "@" not in rest:
        return spec
    parts = urlsplit(rest)
    return f"{kind}{sep}" + urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def oxigraph_path(rest: str) -> Path | None:
    return Path(rest).expanduser() if rest else None


def parse_endpoints(url: str) -> Endpoints:
    """The endpoints named by a ``sparql:`` URL and its fragment options."""
    base, _, fragment = url.partition("#")
    options = dict(parse_qsl(fragment, keep_blank_values=True))
    unknown = sorted(set(options) - OPTIONS)
    if unknown:
        raise StoreError(
            f"unknown store option {unknown[0]!r}.", hint=f"Options: {', '.join(sorted(OPTIONS))}."
        )
    server = options.get("server", "").lower()
    if server and server not in SERVERS:
        raise StoreError(f"unknown server {server!r}.", hint=f"Presets: {', '.join(SERVERS)}.")
    found = SERVERS[server](base) if server else Endpoints(base)
    return Endpoints(
        found.query,
        urljoin(base, options["update"]) if "update" in options else found.update,
        urljoin(base, options["gsp"]) if "gsp" in options else found.gsp,
        options.get("graph-param", found.graph_param),
    )
