"""The CI-gate commands: ``check``, ``rule`` and ``index build|update``."""

from __future__ import annotations

import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from scrubnews.check.baseline import load_baseline, without_baseline, write_baseline
from scrubnews.check.formats import OutputFormat, render, render_statistics
from scrubnews.check.rules import RULES
from scrubnews.check.run import parse_selectors, run_checks, select
from scrubnews.cli.options import (
    ConfigOpt,
    EncodingOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ExtendIncludeOpt,
    FollowLinksOpt,
    GitignoreOpt,
    IncludeOpt,
    IsolatedOpt,
    JobsOpt,
    MaxBytesOpt,
    PathsArg,
    StdinNameOpt,
    clean_paths,
    find_inputs,
    input_paths,
    prepared,
    resolve_jobs,
)
from scrubnews.cli.settings import project_root, settings_text
from scrubnews.cli.terminal import StdoutGuard, colour_on_stdout, err, fail, painted, problem, require_inputs
from scrubnews.config import DEFAULT_MIN_WORDS, CheckConfig, DedupMode
from scrubnews.document import Document
from scrubnews.errors import OutputError, ScrubnewsError
from scrubnews.io.writers import write_atomic
from scrubnews.neardup.index import build_index, load_index, save_index, update_index
from scrubnews.text import counted

index_app = typer.Typer(
    help="Build or update the near-duplicate index that `check --against` reads.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
    app.command("rule")(rule_command)
    app.add_typer(index_app, name="index")


def check_command(
    paths: PathsArg = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output-format",
            "--format",
            "-f",
            help="concise (default), full, json, json-lines (or jsonl), github or sarif.",
        ),
    ] = None,
    select_codes: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rules (codes or prefixes, comma-separated); replaces the settings'.",
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(
            "--extend-select", metavar="CODES", help="These rules too, on top of the selection (settings' or --select)."
        ),
    ] = None,
    ignore_codes: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these rules (codes or prefixes, comma-separated); adds to the settings'.",
        ),
    ] = None,
    against: Annotated[
        Path | None, typer.Option("--against", metavar="INDEX", help="Also flag near-copies of files in this index.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", metavar="FILE", help="A file of accepted findings to leave out.")
    ] = None,
    write_baseline_to: Annotated[
        Path | None,
        typer.Option("--write-baseline", metavar="FILE", help="Accept every current finding: write them to this file."),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    min_words: Annotated[
        int | None, typer.Option("--min-words", metavar="N", min=1, help="Shorter articles are findings (SN002) [80].")
    ] = None,
    show_settings: Annotated[
        bool, typer.Option("--show-settings", help="Print the settings this run would use (flags applied) and exit.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line on stderr.")] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count the findings of each rule instead of listing them.")
    ] = False,
    output_file: Annotated[
        Path | None,
        typer.Option("--output-file", "-o", metavar="FILE", help="Write the findings to this file, not stdout."),
    ] = None,
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
    stdin_filename: StdinNameOpt = None,
) -> None:
    """Check scraped files for problems, like a linter: one finding per line.

    Every finding has path:line:col, a rule code, a message and a hint
    (`scrubnews rule CODE` explains a rule). Settings come from
    [tool.scrubnews.check]; flags win. Exit status: 0 no findings, 1
    findings, 2 usage, config or internal error, whatever the format.
    """
    paths = input_paths(paths)
    try:
        settings, config, walk = prepared(
            paths,
            isolated=isolated,
            config_file=config_file,
            encoding=encoding,
            dedup=DedupMode.FLAG,
            max_bytes=max_bytes,
            follow_links=follow_links,
            exclude=exclude,
            extend_exclude=extend_exclude,
            include=include,
            extend_include=extend_include,
            respect_gitignore=respect_gitignore,
        )
        fmt = OutputFormat(settings.get_check("output_format", output_format, OutputFormat.CONCISE))
        # As in ruff: --select replaces the settings' selection, --extend-select
        # and --ignore add to it, and a rule the command line selects is not
        # dropped by an ignore from the settings file.
        chosen = parse_selectors(settings.get_check("select", select_codes, []), "--select")
        extra = parse_selectors(extend_select or [], "--extend-select")
        chosen = (*chosen, *extra) if chosen else ()
        cli_ignored = parse_selectors(ignore_codes or [], "--ignore")
        file_ignored = parse_selectors(settings.get_check("ignore", None, []), "ignore")
        named = (*parse_selectors(select_codes or [], "--select"), *extra)
        ignored = (*file_ignored, *cli_ignored)
        check_config = CheckConfig(min_words=settings.get_check("min_words", min_words, DEFAULT_MIN_WORDS))
        against_path = against or settings.resolve_path(settings.get_check("against", None, None))
        baseline_path = baseline or settings.resolve_path(settings.get_check("baseline", None, None))
        if show_settings:
            shown = {
                "output-format": fmt.value,
                "select": list(chosen) or ["ALL"],
                "ignore": list(ignored),
                "min-words": check_config.min_words,
                "against": str(against_path) if against_path else None,
                "baseline": str(baseline_path) if baseline_path else None,
            }
            with StdoutGuard():
                sys.stdout.write(settings_text(settings, config, walk, shown))
            raise typer.Exit(0)
        index = load_index(against_path) if against_path else None
        accepted = load_baseline(baseline_path) if baseline_path and not write_baseline_to else Counter()
        sources = find_inputs(paths, walk, stdin_filename, config.decode.max_bytes)
        require_inputs(sources, paths)
        findings = run_checks(sources, config, check_config, index, str(against_path or ""), resolve_jobs(jobs))
    except ScrubnewsError as error:
        fail(str(error))
    except ValueError as error:  # a bad output-format value in the settings file
        fail(str(error))
    except typer.Exit:
        raise
    except Exception as error:  # a CI gate must exit 2, not 1, when it breaks
        traceback.print_exc(file=sys.stderr)
        fail(f"internal error: {error}")
    findings = select(findings, chosen, ignored, unless=tuple(c for c in named if c not in cli_ignored))
    if write_baseline_to is not None:
        try:
            count = write_baseline(write_baseline_to, findings, project_root(settings.start))
        except OSError as error:  # a full disk, a read-only folder: a fault, exit 1
            fail(f"--write-baseline {write_baseline_to}: cannot write: {error.strerror or error}", 1)
        err.print(f"wrote {count} accepted findings to {write_baseline_to}", markup=False)
        raise typer.Exit(0)
    findings = without_baseline(findings, accepted, project_root(settings.start))
    paint = painted if output_file is None and colour_on_stdout() else None
    text = render_statistics(findings) if statistics else render(findings, fmt, paint)
    if output_file is not None:
        try:
            write_atomic(output_file, text)
        except OSError as error:
            fail(f"--output-file {output_file}: cannot write: {error.strerror or error}", 1)
    else:
        with StdoutGuard():
            sys.stdout.write(text)
    if (fmt in (OutputFormat.CONCISE, OutputFormat.FULL) or statistics) and not quiet:
        files = len({f.path for f in findings})
        err.print(
            f"Found {counted(len(findings), 'finding')} in {counted(files, 'file')}."
            if findings
            else "All checks passed."
        )
    if findings and not exit_zero:
        raise typer.Exit(1)


def rule_command(
    code: Annotated[str | None, typer.Argument(help="A rule code such as SN003; none lists every rule.")] = None,
) -> None:
    """Explain one rule: what it looks for, an example, and what to do."""
    with StdoutGuard():
        if code is None:
            for rule in RULES.values():
                sys.stdout.write(f"{rule.code}  {rule.name:22s} {rule.summary}\n")
            return
        if code.upper() not in RULES:
            fail(f"no rule {code!r}; `scrubnews rule` lists them")
        rule = RULES[code.upper()]
        sys.stdout.write(f"{rule.code} ({rule.name}): {rule.summary}\n\n{rule.why}\n\n")
        sys.stdout.write(f"Example: {rule.example}\n\nWhat to do: {rule.hint}\n")


@index_app.command("build")
def index_build(
    output: Annotated[
        Path, typer.Option("--output", "--out", "-o", metavar="FILE", help="Where to write the index file.")
    ],
    paths: PathsArg = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line on stderr.")] = False,
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
    """Index the article paragraphs of a corpus for `check --against`.

    Building twice from the same files gives the same bytes. With no
    readable input the index is not written (exit 1).
    """
    paths = input_paths(paths)
    try:
        _settings, config, walk = prepared(
            paths,
            isolated=isolated,
            config_file=config_file,
            dedup=DedupMode.OFF,
            follow_links=follow_links,
            exclude=exclude,
            extend_exclude=extend_exclude,
            include=include,
            extend_include=extend_include,
            respect_gitignore=respect_gitignore,
        )
        docs = clean_paths(paths, config, walk, jobs)
        _report_unreadable(docs)
        if not any(doc.is_ok for doc in docs):
            fail("nothing to index: no readable input files in " + ", ".join(paths), code=1)
        index = build_index(docs, config.dedup)
        save_index(index, output)
    except OutputError as error:  # the index could not be written: a fault, not a usage error
        fail(str(error), code=1)
    except ScrubnewsError as error:
        fail(str(error))
    if not quiet:
        err.print(f"indexed {len(index.spans)} paragraphs of {len(index.files)} files into {output}", markup=False)
    if any(not doc.is_ok for doc in docs):
        raise typer.Exit(1)  # the index holds the rest; each file left out is named above


@index_app.command("update")
def index_update(
    index_path: Annotated[Path, typer.Argument(help="The index to update in place.")],
    paths: PathsArg = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line on stderr.")] = False,
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
    """Add new files to an index (and replace changed ones) without rebuilding it."""
    paths = input_paths(paths)
    try:
        _settings, config, walk = prepared(
            paths,
            isolated=isolated,
            config_file=config_file,
            dedup=DedupMode.OFF,
            follow_links=follow_links,
            exclude=exclude,
            extend_exclude=extend_exclude,
            include=include,
            extend_include=extend_include,
            respect_gitignore=respect_gitignore,
        )
        index = load_index(index_path)
        docs = clean_paths(paths, config, walk, jobs)
        updated, added, replaced = update_index(index, docs, config.dedup)
        save_index(updated, index_path)
    except OutputError as error:  # the index could not be written: a fault, not a usage error
        fail(str(error), code=1)
    except ScrubnewsError as error:
        fail(str(error))
    _report_unreadable(docs)
    if not quiet:
        err.print(f"{index_path}: {added} files added, {replaced} replaced, {len(updated.files)} in all", markup=False)
    if any(not doc.is_ok for doc in docs):
        raise typer.Exit(1)


def _report_unreadable(docs: list[Document]) -> None:
    for doc in docs:
        if not doc.is_ok:
            problem(doc.path, f"{doc.problem} (not indexed)")
