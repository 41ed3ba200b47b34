"""The ``directives`` command: one thin command per verb over the library.

Exit codes: 0 ok; 1 the data does not conform (validate) or some sources failed (build without --strict);
2 usage or fatal error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graph.errors import DirectiveGraphError

if TYPE_CHECKING:
    import networkx as nx

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_GRAPH = Path("out/graph.trig")
#: A graph file larger than this, loaded into memory for a single query, gets a note on standard error:
#: 10,000 documents (115 MB of TriG) load in about 13 s, 100,000 (1.2 GB) in about 5 minutes, where a
#: persistent store filled once by `directives load` answers at once.
LARGE_GRAPH_BYTES = 100 * 10**6


class Fatal(click.ClickException):
    exit_code = 2


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors become one clear message and exit code 2, never a traceback."""
    try:
        yield
    except DirectiveGraphError as exc:
        raise Fatal(str(exc)) from exc
    except OSError as exc:
        raise Fatal(f"{exc.filename or ''}: {exc.strerror}".lstrip(": ")) from exc


@contextmanager
def _progress(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error when it is a terminal and the work lasts over two seconds."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=what, unit="text", delay=2, file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        bar.close()


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_spec",
        metavar="SPEC",
        envvar="DIRECTIVES_STORE",
        default="oxigraph",
        show_default=True,
        help="Where the query runs: oxigraph (in memory, loaded from --graph), memory (rdflib), "
        "oxigraph:PATH (persistent, filled by `directives load`) or "
        "sparql:URL[#server=virtuoso|fuseki|graphdb|qlever]. "
        "Credentials come from DIRECTIVES_STORE_USER / _PASSWORD / _TOKEN, never the command line.",
    )(func)


def graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph_path",
        type=click.Path(path_type=Path),
        default=DEFAULT_GRAPH,
        show_default=True,
        help="A built graph (Turtle) to read.",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="directive-graph")
def cli() -> None:
    """directive-graph: a knowledge graph of Communist Party of Vietnam directives.

    Reads raw texts, extracts documents, bodies, localities, pilot models and the relations between
    them, and builds an RDF graph with the sentence behind every fact.
    """


@cli.command()
@click.option(
    "--sources",
    type=click.Path(path_type=Path),
    default=Path("sources"),
    show_default=True,
    help="Folder of texts (and curation YAML files) to build from.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder: graph.trig, graph.ttl, network.json, index.html, texts/, build.json.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 2) before writing anything if any source fails.")
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for extraction and validation (default: one per core).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build even if nothing changed; extract and validate everything (cache: .OUT.cache beside OUT).",
)
def build(sources: Path, out: Path, strict: bool, no_html: bool, jobs: int | None, no_cache: bool) -> None:
    """Build the graph from SOURCES: extract, resolve, validate, write Turtle and HTML under OUT.

    When the sources (their files' sizes and times), the code and the options are those of the build
    that wrote OUT, and OUT is as it left it, nothing is built again: its report is printed."""
    from graph.pipeline import run_build

    with _errors():
        stamp, report = None, None
        if not no_cache:
            from graph.uptodate import build_stamp, unchanged

            stamp = build_stamp(sources, html=not no_html, strict=strict)
            report = unchanged(sources, out, stamp) if stamp is not None else None
        if report is not None:
            click.echo(f"{out} is up to date: nothing changed since its build (--no-cache builds again).")
        else:
            with _progress("extracting") as progress:
                report = run_build(
                    sources,
                    out,
                    strict=strict,
                    html=not no_html,
                    cache=not no_cache,
                    jobs=jobs,
                    progress=progress,
                )
            if stamp is not None:
                from graph.uptodate import record

                record(out, stamp, report.outputs)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in report.failures:
        click.echo(f"error: {failure.message}", err=True)
    for violation in report.violations:
        click.echo(f"does not conform: {violation}", err=True)
    problems = len(report.failures)
    tail = "no problems" if not problems else f"{_count(problems, 'problem')} (see the errors above)"
    click.echo(f"Read {_count(len(report.sources), 'source')}; {tail}.")
    click.echo(
        f"Found {_count(report.documents, 'document')} and {_count(report.relations, 'relation')}; "
        f"{_count(report.triples, 'triple')}."
    )
    click.echo(
        "The graph conforms to the shapes."
        if report.conforms
        else "The graph does NOT conform to the shapes."
    )
    click.echo(_written(out, report.outputs))
    if report.failures or not report.conforms:
        sys.exit(1)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _written(out: Path, outputs: list[str]) -> str:
    """The build's summary line: the graphs, the overview (and how many other views), texts/, build.json."""
    top = [p for p in outputs if "/" not in p]
    pages = [p for p in top if p.endswith(".html")]
    named = [str(out / p) for p in top if p.endswith((".ttl", ".trig"))]
    if "index.html" in pages:
        others = len(pages) - 1
        named.append(f"{out / 'index.html'}" + (f" (+ {others} other views)" if others else ""))
    named.append(f"{out}/texts/")
    return f"Wrote {', '.join(named)} and {out / 'build.json'}."


@cli.command()
@click.argument("graph_file", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, required=False)
def validate(graph_file: Path) -> None:
    """Check a built graph against the SHACL shapes (exit 0 conforms, 1 does not)."""
    from graph.export import load_graph
    from graph.validate import validate as check

    with _errors():
        report = check(load_graph(graph_file))
    if report.conforms:
        click.echo(f"{graph_file}: conforms to the shapes.")
        return
    for violation in report.results:
        click.echo(f"{violation.severity}: {violation.focus} {violation.path or ''}: {violation.message}")
    click.echo(f"{graph_file}: {len(report.results)} violation(s).")
    sys.exit(1)


def _network(graph_path: Path, digest: str | None = None) -> nx.DiGraph:
    """The document graph of a built graph: the build's saved projection when it matches the file (see
    graph.project.load_network; ``digest``: the file's graph_digest when the caller has it), else
    projected from the RDF."""
    from graph.export import load_graph
    from graph.project import load_network, project

    saved = load_network(graph_path, digest=digest)
    return saved if saved is not None else project(load_graph(graph_path), texts_dir="texts")


@cli.command()
@click.argument("document")
@click.option("--up", is_flag=True, help="Trace what DOCUMENT relies on, instead of what relies on it.")
@click.option("--date", help="Pick one of several documents with this number (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True)
@graph_option
def trace(document: str, up: bool, date: str | None, fmt: str, graph_path: Path) -> None:
    """Trace the chain below DOCUMENT (a number such as 18-NQ/TW): what implements, continues,
    summarises or is based on it, transitively, down to local orders and the tasks they set."""
    from graph.chain import chain_json, chain_tree, resolve_document

    with _errors():
        g = _network(graph_path)
        node = resolve_document(g, document, date=date)
    if fmt == "json":
        click.echo(json.dumps(chain_json(g, node, up=up), ensure_ascii=False, indent=2))
    else:
        click.echo(chain_tree(g, node, up=up))


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a query parameter (repeatable).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@store_option
@graph_option
def query(
    query: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_queries: bool,
    store_spec: str,
    graph_path: Path,
) -> None:
    """Run SPARQL: a named QUERY (see --list), a .rq file, or inline text, on a store (read only)."""
    from graph.sparql import format_result, load_query, named_queries
    from graph.store import open_store, run_named

    if list_queries or query is None:
        for named in named_queries().values():
            click.echo(f"{named.name}: {named.description}")
            for name, doc in named.params.items():
                click.echo(f"    --param {name}=...  {doc}")
        return
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE.", param_hint="--param")
        bindings[name.strip()] = value
    with _errors(), open_store(store_spec) as store:
        named = load_query(query)
        if not store.persistent:
            _note_large_load(graph_path)
            store.load(graph_path)
        result = run_named(store, named, bindings)
    click.echo(format_result(result, fmt), nl=False)


def _note_large_load(graph_path: Path) -> None:
    """Say on standard error that a large graph is loaded into memory for this one command, and how to
    load it once instead."""
    try:
        size = graph_path.stat().st_size
    except OSError:
        return  # the load itself says what is wrong with the path
    if size > LARGE_GRAPH_BYTES:
        click.echo(
            f"note: {graph_path}: loading {size / 1e6:,.0f} MB into memory for this command (minutes for a "
            f"national corpus). To load it once for every later command: `directives load --store "
            f"oxigraph:DIR {graph_path}`, then pass `--store oxigraph:DIR`.",
            err=True,
        )


@cli.command()
@click.argument("file", required=False, type=click.Path(path_type=Path), default=DEFAULT_GRAPH)
@click.option(
    "--store",
    "store_spec",
    metavar="SPEC",
    envvar="DIRECTIVES_STORE",
    required=True,
    help="oxigraph:PATH or sparql:URL[#server=...] (see `directives query --help`).",
)
@click.option("--append", is_flag=True, help="Replace only the graphs FILE holds; keep the others.")
def load(file: Path, store_spec: str, append: bool) -> None:
    """Load a built graph (N-Quads, TriG, Turtle, N-Triples, JSON-LD) into a store, atomically: a load
    that fails or is killed leaves the previous graphs answering as before."""
    from graph.store import describe, open_store

    with _errors(), open_store(store_spec) as store:
        count = store.load(file, replace=not append)
        graphs = len(store.graphs())
    click.echo(f"Loaded {_count(count, 'quad')} in {_count(graphs, 'graph')} into {describe(store_spec)}.")


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the pages, lib/ and data/ (source texts are linked from OUT/texts/).",
)
@click.option("--chain", metavar="DOCUMENT", help="Also write the chain view of DOCUMENT (e.g. 18-NQ/TW).")
@click.option("--date", help="Pick one of several documents with the --chain number (YYYY-MM-DD).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in a web browser.")
@graph_option
def render(out: Path, chain: str | None, date: str | None, open_page: bool, graph_path: Path) -> None:
    """Write the HTML views of a built graph: overview, timeline, localities x models and chains. They
    work offline, from file://."""
    from graph.chain import resolve_document
    from graph.render import render_site

    with _errors():
        digest = _digest(graph_path)
        g = _network(graph_path, digest)
        roots = [resolve_document(g, chain, date=date)] if chain else []
        site = render_site(g, out, title="directive-graph", chain_roots=roots, source=digest)
    page = site.chains[roots[0]] if roots else site.overview
    click.echo(f"Wrote {site.overview}, {site.timeline}, {site.models} and {len(site.chains)} chain view(s).")
    if roots:
        click.echo(f"Chain of {chain}: {page}")
    if open_page:
        click.launch(str(page))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=int, default=8000, show_default=True, help="Port to listen on (0: any free port)."
)
@store_option
@graph_option
def serve(host: str, port: int, store_spec: str, graph_path: Path) -> None:
    """Serve the HTML views and a read-only SPARQL endpoint (/sparql answers JSON; /sparql.html is a
    query box) of a built graph on a local web server. Ctrl+C stops it.

    The views are the pages the build wrote beside the graph when they were drawn from it; else they are
    drawn again from the saved network."""
    import shutil
    import tempfile

    from graph.render import link_site, render_site
    from graph.serve import make_server
    from graph.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="directives-serve-"))
    try:
        with _errors(), open_store(store_spec) as store:
            digest = _digest(graph_path)
            if digest is None or not link_site(graph_path.parent, folder, digest=digest):
                render_site(_network(graph_path, digest), folder, title="directive-graph", source=digest)
            if not store.persistent:
                _note_large_load(graph_path)
                store.load(graph_path)
            server = make_server(folder, store, host=host, port=port, texts=graph_path.parent / "texts")
            click.echo(
                f"Serving {graph_path} at {server.url} (SPARQL: {server.url}sparql.html). Ctrl+C stops."
            )
            with server:
                try:
                    server.serve_forever()
                except KeyboardInterrupt:
                    click.echo("Stopped.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _digest(graph_path: Path) -> str | None:
    """The graph file's graph_digest (the views and the saved network record it); None when it cannot be
    read (reading the graph then says what is wrong)."""
    from graph.project import graph_digest

    try:
        return graph_digest(graph_path)
    except OSError:
        return None


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "json-ld", "nt", "trig", "nquads"]),
    default="turtle",
    show_default=True,
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="File to write (default: standard output)."
)
@graph_option
def export(fmt: str, output: Path | None, graph_path: Path) -> None:
    """Export a built graph: Turtle, JSON-LD, N-Triples (the union of the named graphs) or TriG, N-Quads
    (one graph per source text, curation, corpus). Sorted and reproducible."""
    from graph.export import load_graph, serialize
    from graph.outputs import atomic_write

    with _errors():
        data = serialize(load_graph(graph_path), fmt)
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            atomic_write(output, data)
            click.echo(f"Wrote {output}.", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def extract(files: tuple[Path, ...], fmt: str) -> None:
    """Extract documents, relations, localities and models from FILES (a JSON array, in input order).

    FILES may be text (.txt, .md), web pages (.html, .htm: the main text, page residue dropped),
    Word documents (.docx) or PDFs with a text layer (.pdf). Text in UTF-8, UTF-16, Windows-1258 or the
    legacy font encodings TCVN3 (ABC) and VNI is read as Unicode, and so are the letters of those fonts
    kept in a Unicode file."""
    from graph.extract import extract_text
    from graph.model import to_json
    from graph.sources import read_source

    out = []
    with _errors():
        for path in files:
            src = read_source(path)
            item = to_json(extract_text(src.text, source=str(path), sha256=src.sha256))
            item["source"] = str(path)
            out.append(item)
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--texts",
    type=click.Path(path_type=Path),
    default=Path("sources"),
    show_default=True,
    help="Folder holding the texts GOLD annotates.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--per-file", is_flag=True, help="Also print each file's metrics and what differed.")
def evaluate(gold: Path, texts: Path, fmt: str, per_file: bool) -> None:
    """Score extraction against GOLD, hand annotations in the format of seeds/gold.json: precision, recall
    and F1 of documents, relations and localities, accuracy of types, issuers, dates, and of the statuses,
    localities and deadlines of the pilot models."""
    from graph.evaluate import evaluate as score
    from graph.evaluate import format_table

    with _errors():
        scores = score(gold, texts)
    if fmt == "json":
        click.echo(json.dumps(scores.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(scores, per_file=per_file), nl=False)


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("release"),
    show_default=True,
    help="Folder for the dataset.",
)
@click.option("--version", "version", default="0.1.0", show_default=True, help="Dataset version.")
@click.option(
    "--licence",
    default="https://creativecommons.org/licenses/by/4.0/",
    show_default=True,
    help="Licence IRI of the dataset.",
)
@click.option("--issued", help="Issue date (YYYY-MM-DD) to record; by default the data holds no date.")
@graph_option
def release(out: Path, version: str, licence: str, issued: str | None, graph_path: Path) -> None:
    """Write a versioned dataset folder: every export, CSV tables, GraphML/GEXF, a schema.org view,
    a VoID/DCAT description and SHA-256 checksums (identical when built twice from the same graph)."""
    from graph.export import load_graph
    from graph.release import make_release

    with _errors():
        result = make_release(load_graph(graph_path), out, version=version, licence=licence, issued=issued)
    click.echo(f"Wrote {len(result.files)} files to {out}/ (checksums in {out}/SHA256SUMS).")
