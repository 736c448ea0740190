"""Options that several commands share: one name, one help text, one meaning."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from scrubnews.config import DEFAULT_CONTAINMENT, DEFAULT_JACCARD, DedupMode, Engine

if TYPE_CHECKING:
    from scrubnews.cli.settings import Settings
    from scrubnews.config import Config
    from scrubnews.document import Document
    from scrubnews.io.sources import Source, Walk

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        show_default=False,
        help="Files or folders (walked recursively, sorted); '-' reads stdin, as does no PATH when stdin is a pipe.",
    ),
]


def input_paths(paths: list[str] | None) -> list[str]:
    """The PATH arguments; none means stdin when it is a pipe or a file (``cat page | scrubnews clean``),
    and a usage error at a terminal, where nobody is typing a page."""
    if paths:
        return paths
    if not sys.stdin.isatty():
        return ["-"]
    from scrubnews.cli.terminal import fail

    fail("no PATH given: name files or folders, or pipe a page in (cat page.html | scrubnews clean)")


IsolatedOpt = Annotated[
    bool, typer.Option("--isolated", help="Ignore [tool.scrubnews] settings in pyproject.toml / scrubnews.toml.")
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", metavar="NAME", help="Decode every input with this codec instead of detecting it."),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        metavar="N",
        min=1,
        help="Skip (and name) inputs larger than N bytes (default 16 MiB, or max-bytes in the settings).",
    ),
]
FollowLinksOpt = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links that lead out of an input folder (links inside it are always followed).",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERN",
        help="Leave out paths below an input folder that match (gitignore patterns); replaces the settings'.",
    ),
]
ExtendExcludeOpt = Annotated[
    list[str] | None,
    typer.Option("--extend-exclude", metavar="PATTERN", help="More patterns to leave out, on top of the settings'."),
]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        metavar="PATTERN",
        help="Read only files below an input folder that match (gitignore patterns); replaces the settings' and "
        "the default: the page kinds (.txt .text .htm .html .xhtml .jsonl .warc .warc.gz .parquet).",
    ),
]
ExtendIncludeOpt = Annotated[
    list[str] | None,
    typer.Option("--extend-include", metavar="PATTERN", help="More files to read, on top of the settings' or default."),
]
GitignoreOpt = Annotated[
    bool | None,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Leave out what .gitignore files leave out (off unless the settings say so).",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Read settings from this file instead of the nearest pyproject.toml / scrubnews.toml.",
    ),
]
StdinNameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename", metavar="NAME", help="The name standard input ('-') goes by in messages and outputs."
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for the per-file work [all cores]; output is the same.",
    ),
]


DedupOpt = Annotated[
    DedupMode | None,
    typer.Option(
        "--dedup",
        help="Near-duplicate paragraphs: flag (link them; default), drop (keep the first), "
        "off (no cross-file step; results stream).",
    ),
]
JaccardOpt = Annotated[
    float | None,
    typer.Option(
        "--jaccard",
        metavar="SHARE",
        min=0.0,
        max=1.0,
        help=f"Exact Jaccard of word 2-grams for a 'copy' [{DEFAULT_JACCARD}].",
    ),
]
ContainmentOpt = Annotated[
    float | None,
    typer.Option(
        "--containment",
        metavar="SHARE",
        min=0.0,
        max=1.0,
        help=f"Share of the shorter paragraph inside the longer for a 'partial' [{DEFAULT_CONTAINMENT}].",
    ),
]


EngineOpt = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where the per-file work runs: local (--jobs processes) or dask (a cluster: --scheduler, "
        "or a local one of --jobs workers; pip install 'scrubnews[dask]'). Output is the same.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", metavar="ADDRESS", help="The dask scheduler to use with --engine dask (tcp://host:8786)."
    ),
]


def resolve_jobs(jobs: int | None) -> int:
    """``--jobs``, or every core this process may use."""
    if jobs is not None:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def find_inputs(
    paths: list[str], walk: Walk, stdin_name: str | None = None, max_bytes: int | None = None
) -> list[Source]:
    """The inputs the PATHs name (``discover``; a text file under ``max_bytes`` too large to be one
    page in parts), less the files of scrubnews' own records, each named in a note: read back,
    they would be every page a second time."""
    from scrubnews.cli.terminal import err
    from scrubnews.io.jsonl_input import OWN_OUTPUT
    from scrubnews.io.readers import discover
    from scrubnews.text import printable

    sources = []
    for source in discover(paths, walk=walk, stdin_name=stdin_name, max_bytes=max_bytes):
        if source.problem == OWN_OUTPUT:
            err.print(f"note: {printable(source.display)}: {OWN_OUTPUT}", style="yellow", markup=False)
        else:
            sources.append(source)
    return sources


def clean_paths(paths: list[str], config: Config, walk: Walk, jobs: int | None) -> list[Document]:
    """Every input the PATHs name, cleaned with ``--jobs`` workers, in input order: what the commands
    that need the whole run at once (dupes, report, index) start from. No input at all exits 1."""
    from scrubnews.cli.terminal import require_inputs
    from scrubnews.pipeline import clean

    sources = find_inputs(paths, walk, max_bytes=config.decode.max_bytes)
    require_inputs(sources, paths)
    return list(clean(sources, config, resolve_jobs(jobs)))


class Prepared(NamedTuple):
    """What a command that reads inputs runs with: the settings found, and the flags laid over them."""

    settings: Settings
    config: Config
    walk: Walk


def prepared(
    paths: list[str],
    *,
    isolated: bool = False,
    config_file: Path | None = None,
    encoding: str | None = None,
    dedup: DedupMode | None = None,
    jaccard: float | None = None,
    containment: float | None = None,
    max_bytes: int | None = None,
    follow_links: bool = False,
    exclude: list[str] | None = None,
    extend_exclude: list[str] | None = None,
    include: list[str] | None = None,
    extend_include: list[str] | None = None,
    respect_gitignore: bool | None = None,
) -> Prepared:
    """The settings that govern ``paths`` (the settings file found from the first input, or
    ``--config``, or none with ``--isolated``) with the command's flags laid over them: each flag
    given (not None) wins over the file, the file over the defaults. A command that fixes a
    setting (``check`` flags near-duplicates) passes it as a flag. Raises ConfigError, naming the
    file and the key, for a setting it cannot use."""
    from scrubnews.cli.settings import config_from, input_start, load_settings, walk_from

    settings = load_settings(input_start(paths), isolated=isolated, config=config_file)
    config = config_from(settings, encoding, dedup, jaccard, containment, max_bytes)
    walk = walk_from(settings, follow_links, exclude, extend_exclude, respect_gitignore, include, extend_include)
    return Prepared(settings, config, walk)
