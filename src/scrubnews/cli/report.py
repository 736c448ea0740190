"""``scrubnews report``: the run as one self-contained HTML page."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from scrubnews.check.run import check_document
from scrubnews.cli.options import (
    ConfigOpt,
    ContainmentOpt,
    DedupOpt,
    EncodingOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ExtendIncludeOpt,
    FollowLinksOpt,
    GitignoreOpt,
    IncludeOpt,
    IsolatedOpt,
    JaccardOpt,
    JobsOpt,
    MaxBytesOpt,
    clean_paths,
    prepared,
)
from scrubnews.cli.terminal import err, fail, problem
from scrubnews.config import DEFAULT_MIN_WORDS, CheckConfig
from scrubnews.errors import ScrubnewsError
from scrubnews.io.writers import write_atomic
from scrubnews.neardup.clusters import collect_clusters
from scrubnews.report.page import render
from scrubnews.report.views import from_documents, from_records
from scrubnews.text import counted, printable


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)


def report_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Files or folders to clean and show (as for clean); none with --jsonl."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--out", "--output", "-o", metavar="FILE", help="Where to write the page.")
    ] = Path("report.html"),
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl", metavar="FILE", help="Show a `clean --format jsonl` file's verdicts instead ('-': stdin)."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    dedup: DedupOpt = None,
    jaccard: JaccardOpt = None,
    containment: ContainmentOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
    isolated: IsolatedOpt = False,
    config_file: ConfigOpt = None,
    jobs: JobsOpt = None,
    follow_links: FollowLinksOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    include: IncludeOpt = None,
    extend_include: ExtendIncludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
) -> None:
    """Write one self-contained HTML page: every file with its dropped lines struck through and their
    reasons, an overview table, near-duplicate passages side by side, and charts.

    It cleans PATHs with clean's settings and options (so it shows exactly
    clean's verdicts), or reads a `clean --format jsonl` file with --jsonl.
    The page needs no network and works without JavaScript (only sorting the
    table uses it). Exit status: 0; 1 when a file could not be read (it is
    in the report) or no input was found; 2 usage errors.
    """
    if jsonl is not None and paths:
        fail("give PATHs to clean, or --jsonl with a clean --format jsonl file, not both")
    if jsonl is not None:
        views, clusters = from_records(_read_records(jsonl))
        source = f"clean --format jsonl output {jsonl}"
    else:
        if not paths:
            fail("give PATHs to clean, or --jsonl FILE")
        try:
            settings, config, walk = prepared(
                paths,
                isolated=isolated,
                config_file=config_file,
                encoding=encoding,
                dedup=dedup,
                jaccard=jaccard,
                containment=containment,
                max_bytes=max_bytes,
                follow_links=follow_links,
                exclude=exclude,
                extend_exclude=extend_exclude,
                include=include,
                extend_include=extend_include,
                respect_gitignore=respect_gitignore,
            )
            check = CheckConfig(min_words=settings.get_check("min_words", None, DEFAULT_MIN_WORDS))
        except ScrubnewsError as error:
            fail(str(error))
        docs = clean_paths(paths, config, walk, jobs)
        findings = {doc.path: check_document(doc, check) for doc in docs}
        clusters = collect_clusters(docs, config.dedup) if config.cross_file else []
        clusters = [c for c in clusters if c.kind != "repeat"]
        views = from_documents(docs, findings)
        source = "scrubnews report " + " ".join(shlex.quote(printable(p)) for p in paths)
    for view in views:
        if view.problem is not None:
            problem(view.path, view.problem)
    try:
        write_atomic(output, render(views, clusters, source))
    except OSError as error:
        fail(f"--out {output}: cannot write the report: {error.strerror or error}")
    if not quiet:
        err.print(
            f"wrote {printable(str(output))}: {counted(len(views), 'file')}, "
            f"{counted(len(clusters), 'near-duplicate cluster')}",
            markup=False,
        )
    if any(view.problem is not None for view in views):
        raise typer.Exit(1)


def _read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a ``clean --format jsonl`` file; a usage error naming the line that is not one."""
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"--jsonl {path}: cannot read: {error}")
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            fail(f"--jsonl {path}:{number}: not JSON: {error}")
        if not isinstance(record, dict) or "path" not in record or "paragraphs" not in record:
            fail(f"--jsonl {path}:{number}: not a `clean --format jsonl` record")
        records.append(record)
    if not records:
        fail(f"--jsonl {path}: no records")
    return records
