"""The command line: options to Config, library calls, output and exit codes."""

from __future__ import annotations

import copy
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from functools import partial
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from scrubnews.cli.explain import explain_lines
from scrubnews.cli.options import (
    ConfigOpt,
    ContainmentOpt,
    DedupOpt,
    EncodingOpt,
    EngineOpt,
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
    PathsArg,
    SchedulerOpt,
    StdinNameOpt,
    clean_paths,
    find_inputs,
    input_paths,
    prepared,
    resolve_jobs,
)
from scrubnews.cli.settings import settings_text
from scrubnews.cli.summary import Outcome, Output, RunSummary, outcome
from scrubnews.cli.terminal import (
    StdoutGuard,
    colour_on_stdout,
    err,
    fail,
    no_article,
    painted,
    problem,
    require_inputs,
    stoppable,
)
from scrubnews.config import CheckConfig, DedupMode, Engine
from scrubnews.errors import ConfigError, OutputError, ScrubnewsError
from scrubnews.extract.compiled import version_line
from scrubnews.io import text_parts
from scrubnews.io.out_folder import out_folder, out_stream
from scrubnews.pipeline import clean, clean_to
from scrubnews.text import counted, json_text, printable

if TYPE_CHECKING:
    from scrubnews.io.parquet_output import ParquetSink


class _Commands(TyperGroup):
    """Every command runs under ``stoppable``: Ctrl-C and SIGTERM end it cleanly."""

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        # A file name that is not UTF-8 is written as its own bytes, as `ls`
        # does, whatever the locale (JSON output escapes them instead).
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="surrogateescape")
        with stoppable():
            try:
                return super().invoke(ctx)
            except ScrubnewsError as error:  # what a command did not turn into its own message
                if os.environ.get("SCRUBNEWS_DEBUG"):
                    raise
                fail(str(error))


app = typer.Typer(
    cls=_Commands,
    help="Turn noisy scraped news files (text or HTML) into clean article text.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
    # Plain help: "[tool.scrubnews]" is a TOML table, not rich markup.
    rich_markup_mode=None,
)


class Format(StrEnum):
    TEXT = "text"
    JSONL = "jsonl"


class CleanFormat(StrEnum):
    TEXT = "text"
    JSONL = "jsonl"
    PARQUET = "parquet"  # binary, to a redirected stdout


_OUTPUTS = {CleanFormat.TEXT: Output.STDOUT, CleanFormat.JSONL: Output.JSONL, CleanFormat.PARQUET: Output.PARQUET}


@contextmanager
def _stream_faults(out: str | None) -> Iterator[None]:
    """One line and exit 1 when the file ``--out`` names cannot be written or put in place (a full
    disk, a read-only folder): its temporary file is gone and an earlier file there is untouched."""
    try:
        yield
    except OSError as error:
        fail(f"--out {out}: cannot write: {error.strerror or error}", 1)


def _version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Let an internal error on a file stop the run with its traceback.")
    ] = False,
) -> None:
    """Turn noisy scraped news files (text or HTML) into clean article text."""
    if debug:
        os.environ["SCRUBNEWS_DEBUG"] = "1"  # read into Config.debug by cli.settings.config_from


@app.command("clean")
def clean_command(
    paths: PathsArg = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "--output",
            "-o",
            metavar="DIR|FILE",
            help="Write DIR/<input path>.txt per input instead of stdout; with --format jsonl or parquet, the "
            "records to FILE. Either may be a URL.",
        ),
    ] = None,
    output_format: Annotated[
        CleanFormat,
        typer.Option(
            "--format", "--output-format", "-f", help="stdout format: text, jsonl, or parquet (binary: redirect it)."
        ),
    ] = CleanFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="A line on stderr for each file as it is done: its time into the run and verdicts."
        ),
    ] = False,
    show_settings: Annotated[
        bool, typer.Option("--show-settings", help="Print the settings this run would use (flags applied) and exit.")
    ] = False,
    remove_stale: Annotated[
        bool, typer.Option("--remove-stale", help="Delete files in --out that this run did not write.")
    ] = False,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="Exit 0 even when a file yields no article text.")
    ] = False,
    headers: Annotated[
        bool,
        typer.Option(
            "--headers", help="Head each article on stdout with its path even for one input (as `head -v` does)."
        ),
    ] = False,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
    dedup: DedupOpt = None,
    jaccard: JaccardOpt = None,
    containment: ContainmentOpt = None,
    isolated: IsolatedOpt = False,
    config_file: ConfigOpt = None,
    jobs: JobsOpt = None,
    engine: EngineOpt = Engine.LOCAL,
    scheduler: SchedulerOpt = None,
    follow_links: FollowLinksOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    include: IncludeOpt = None,
    extend_include: ExtendIncludeOpt = None,
    respect_gitignore: GitignoreOpt = None,
    stdin_filename: StdinNameOpt = None,
) -> None:
    """Extract the article text of every input.

    Settings come from [tool.scrubnews] (pyproject.toml or scrubnews.toml,
    found by walking up from the first input's folder); flags win. Exit
    status: 0 all good; 1 a file could not be read or yielded no article
    text (each is named on stderr, and the run goes on); 2 usage errors.
    """
    paths = input_paths(paths)
    if output_format is CleanFormat.PARQUET and out is None and sys.stdout.isatty():
        fail("--format parquet writes binary data: redirect stdout to a file (> run.parquet) or use --out FILE")
    if scheduler is not None and engine is not Engine.DASK:
        fail("--scheduler names a dask scheduler: use it with --engine dask")
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
        if show_settings:
            with StdoutGuard():
                sys.stdout.write(settings_text(settings, config, walk))
            raise typer.Exit(0)
        sources = find_inputs(paths, walk, stdin_filename, config.decode.max_bytes)
        # --out is a folder of text files, or (jsonl, parquet) the file the stream goes to.
        folder = out_folder(out) if out is not None and output_format is CleanFormat.TEXT else None
        plan = folder.plan(sources) if folder is not None else {}
    except ScrubnewsError as error:
        fail(str(error))
    except OSError as error:  # finding the inputs or planning the outputs: the path it failed on
        where = os.fsdecode(error.filename) if error.filename is not None else f"--out {out}"
        fail(f"{where}: {error.strerror or error}", 1)
    try:
        if folder is not None:
            folder.prepare()
        outputs = ExitStack()
        stream = outputs.enter_context(out_stream(out, sources)) if out is not None and folder is None else None
    except ScrubnewsError as error:
        fail(str(error))
    except OSError as error:
        what = "the folder" if output_format is CleanFormat.TEXT else "the file"
        fail(f"--out {out}: cannot create {what}: {error.strerror or error}")
    require_inputs(sources, paths)
    started = time.perf_counter()
    summary = RunSummary()
    cross_file = config.cross_file
    with _stream_faults(out), StdoutGuard(), _progress(len(sources), quiet, cross_file) as (advance, wrote), outputs:
        # Each file is written as soon as its verdict is final: at once with
        # --dedup off; with dedup, once every file is in, since a paragraph's
        # links may point at files that come after it. Its output is rendered
        # where it became final (in a worker with --jobs): this loop only
        # writes. One bar follows the files as they are cleaned; with dedup,
        # a second one the cross-file steps and the writing.
        output = Output.FILE if folder is not None else _OUTPUTS[output_format]
        if output is Output.STDOUT and (len(sources) == 1 or text_parts.one_file(sources)) and not headers:
            output = Output.ARTICLE  # one input (or the parts of one): its article alone, as `head` prints one file
        written: set[str] = set()  # --out files this run wrote: any other file there is stale
        try:
            cleaned = clean_to(
                partial(outcome, output), sources, config, resolve_jobs(jobs), advance, engine, scheduler
            )
            sink = _parquet_sink(stream) if output_format is CleanFormat.PARQUET else None
        except ScrubnewsError as error:  # --engine dask on stdin, or without dask or pyarrow installed
            fail(str(error))
        for done in cleaned:
            wrote()
            summary.add(done)
            _problem_line(done, allow_empty)
            if verbose:
                err.print(_verbose_line(done, time.perf_counter() - started), markup=False, highlight=False)
            if done.output is None:
                continue
            if folder is not None:
                try:
                    folder.write(plan[done.path], done.output)
                    written.add(plan[done.path])
                except OutputError as error:
                    problem(done.path, str(error))
                    summary.failed.append((done.path, "cannot write its output"))
                except OSError as error:  # a full disk, a read-only folder: this file fails, the run goes on
                    problem(done.path, f"cannot write {plan[done.path]}: {error.strerror or error}")
                    summary.failed.append((done.path, "cannot write its output"))
            elif sink is not None:
                sink.add(done.output)
            elif stream is not None:
                stream.write(done.output.encode("utf-8"))
            else:
                text = done.output
                if output is Output.STDOUT and sys.stdout.isatty():  # shown, not stored: no escapes may reach it
                    text = "\n".join(printable(line) for line in text.split("\n"))
                sys.stdout.write(text if output in (Output.JSONL, Output.ARTICLE) else text + "\n")
                sys.stdout.flush()  # a reader (`| head -1`, a queue) gets each file as it is done
        if sink is not None:
            sink.close()
    summary.seconds = time.perf_counter() - started
    if folder is not None:
        summary.stale = folder.stale(written, remove_stale, problem)
    if not quiet:
        _print_summary(summary)
        if summary.stale:
            verb = "removed" if remove_stale else "left in place (--remove-stale removes them)"
            err.print(
                f"note: {counted(len(summary.stale), 'file')} in {printable(str(out))} not written by this run "
                "(left from an earlier run, or their input failed this time), "
                f"e.g. {printable(str(summary.stale[0]))}; {verb}",
                style="yellow",
                markup=False,
            )
    if summary.failed or (summary.empty and not allow_empty):
        raise typer.Exit(1)


@app.command("dupes")
def dupes_command(
    paths: PathsArg = None,
    output_format: Annotated[
        Format, typer.Option("--format", "--output-format", "-f", help="text or jsonl (one cluster a line).")
    ] = (Format.TEXT),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
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
    """List near-duplicate paragraph clusters: which passage, which files, which lines.

    Only article text is compared (boilerplate is stripped first). Each
    cluster lists its original (earliest in input order) first. Exit
    status: 0, or 1 when a file could not be read; 2 usage errors.
    """
    paths = input_paths(paths)
    try:
        _settings, config, walk = prepared(
            paths,
            isolated=isolated,
            config_file=config_file,
            encoding=encoding,
            dedup=DedupMode.FLAG,
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
    except ScrubnewsError as error:
        fail(str(error))
    dedup_config = config.dedup
    docs = clean_paths(paths, config, walk, jobs)
    for doc in docs:
        if not doc.is_ok:
            problem(doc.path, doc.problem or "cannot read")
    from scrubnews.neardup.clusters import cluster_jsonl, cluster_text, collect_clusters, copied_files  # `dupes` only

    clusters = collect_clusters(docs, dedup_config)
    with StdoutGuard():
        if output_format is not Format.JSONL:  # the file-level answer first: which files are copies of which
            for line in copied_files(docs, CheckConfig().near_duplicate_share):
                sys.stdout.write(printable(line) + "\n")
        for cluster in clusters:
            sys.stdout.write(cluster_jsonl(cluster) if output_format is Format.JSONL else cluster_text(cluster) + "\n")
    if not quiet:
        across = sum(1 for c in clusters if c.kind != "repeat")
        err.print(
            f"{counted(len(docs), 'file')}, {counted(across, 'cluster')} across files, "
            f"{counted(len(clusters) - across, 'repeat group')} inside files"
        )
    if any(not doc.is_ok for doc in docs):
        raise typer.Exit(1)


@app.command("explain")
def explain_command(
    paths: PathsArg = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also show blank lines.")] = False,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = None,
    dedup: DedupOpt = None,
    jaccard: JaccardOpt = None,
    containment: ContainmentOpt = None,
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
    """Show every line of the inputs with its verdict and the reason.

    The verdicts are exactly clean's: the same settings and flags, and the
    same cross-file steps over all the inputs given (shared template lines,
    near-duplicates). Lines are numbered as in the input for text files,
    and as in the rendered visible text for HTML pages. With several
    inputs each is headed by its path. Exit status: 0, or 1 when an input
    could not be read or none was found.
    """
    paths = input_paths(paths)
    try:
        _settings, config, walk = prepared(
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
        sources = find_inputs(paths, walk, stdin_filename, config.decode.max_bytes)
    except ScrubnewsError as error:
        fail(str(error))
    require_inputs(sources, paths)
    failed = False
    colour = colour_on_stdout()
    with StdoutGuard():
        for k, doc in enumerate(clean(sources, config, resolve_jobs(jobs))):
            if not doc.is_ok:
                problem(doc.path, doc.problem or "cannot read")
                failed = True
                continue
            if len(sources) > 1:
                sys.stdout.write(("\n" if k else "") + f"==> {printable(doc.path)} <==\n")
            for line in explain_lines(doc, show_blank=show_all, paint=painted if colour else None):
                sys.stdout.write(line + "\n")
    if failed:
        raise typer.Exit(1)


class SchemaOf(StrEnum):
    CLEAN = "clean"
    DUPES = "dupes"
    CHECK = "check"


@app.command("schema")
def schema_command(
    command: Annotated[SchemaOf, typer.Argument(help="Whose JSON output: clean, dupes or check.")] = SchemaOf.CLEAN,
) -> None:
    """Print the JSON Schema of a command's JSON output (derived from the records' declarations)."""
    from scrubnews.io.schema import json_schema  # msgspec: only this command needs it at run time

    with StdoutGuard():
        sys.stdout.write(json_text(json_schema(command.value), indent=2) + "\n")


def _parquet_sink(stream: IO[bytes] | None) -> ParquetSink:
    """A Parquet writer on ``stream`` (stdout if None), or a ConfigError when pyarrow is missing."""
    from scrubnews.io.parquet_output import ParquetSink

    try:
        return ParquetSink(stream or sys.stdout.buffer)
    except ImportError as error:
        raise ConfigError("--format parquet needs the parquet extra: pip install 'scrubnews[parquet]'") from error


def _verbose_line(done: Outcome, seconds: float) -> str:
    """``--verbose``: one file as it is done, with the run's time so far.

    >>> line = Outcome("a.txt", None, "text", 3, 5, 240, ("junk", "junk", "position"), True, (), None)
    >>> _verbose_line(line, 0.25)
    '[  0.25 s] a.txt: 3 kept, 5 dropped (junk 2, position 1), 240 words'
    """
    if done.problem is not None:
        verdicts = f"not read ({done.problem})"
    else:
        reasons = ", ".join(f"{reason} {n}" for reason, n in Counter(done.reasons).most_common())
        verdicts = f"{done.kept} kept, {done.removed} dropped" + (f" ({reasons})" if reasons else "")
        verdicts += f", {counted(done.kept_words, 'word')}"
    return f"[{seconds:6.2f} s] {printable(done.path)}: {verdicts}"


def _problem_line(done: Outcome, allow_empty: bool) -> None:
    if done.problem is not None:
        problem(done.path, done.problem)
    elif not done.kept and not allow_empty and not done.is_dropped_copy:
        no_article(done.path, "no article text found" if done.has_text else "empty (no text at all)")


@contextmanager
def _progress(total: int, quiet: bool, cross_file: bool) -> Iterator[tuple[Callable[[], None], Callable[[], None]]]:
    """Bars on a terminal: yields the functions that move them one file on, as it is cleaned and as
    it is written. With dedup (``cross_file``) a file is written only after the cross-file steps,
    which come after the last file is cleaned: the second bar shows that wait, then the writing."""
    if quiet or not err.is_terminal:
        yield _nothing, _nothing
        return
    # Imported here: only a terminal run draws a bar, and rich.progress costs ~20 ms of start-up.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # rich redirects stdout through its console while a bar is drawn; only a
    # terminal should be: `clean ... > out.jsonl` run from a terminal wrote
    # its records to the screen and left the file empty.
    with Progress(*columns, console=err.console, transient=True, redirect_stdout=sys.stdout.isatty()) as progress:
        cleaning = progress.add_task("cleaning", total=total)
        if not cross_file:
            yield (lambda: progress.advance(cleaning)), _nothing
            return
        writing = progress.add_task("cross-file steps, writing", total=total)
        yield (lambda: progress.advance(cleaning)), (lambda: progress.advance(writing))


def _nothing() -> None:
    return None


_CLUSTER_ROWS = 10  # near-duplicate clusters listed on a terminal; the rest are counted


def _print_summary(summary: RunSummary) -> None:
    """The run in one line off a terminal (a CI log, a pipe), as ruff says "Found 5 errors."; on a
    terminal, a table that fits its width and the largest near-duplicate clusters."""
    clusters = summary.multi_file_clusters()
    if not err.is_terminal:
        err.print(summary.line(len(clusters)), markup=False)
        return
    from rich.table import Table  # a terminal's summary only: a pipe's run never loads it
    from rich.text import Text

    table = Table(title="scrubnews clean", show_header=False, title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column(justify="right", overflow="fold")
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.input_kinds.items()))
    table.add_row("files", f"{summary.files}" + (f" ({kinds})" if kinds else ""))
    table.add_row("kept paragraphs", str(summary.kept_paragraphs))
    table.add_row("dropped paragraphs", str(summary.removed_paragraphs))
    table.add_row("kept words", str(summary.kept_words))
    if summary.reasons:
        top = ", ".join(f"{reason} {n}" for reason, n in summary.reasons.most_common(5))
        table.add_row("dropped as", top)
    table.add_row("unreadable", str(len(summary.failed)))
    table.add_row("no article text", str(len(summary.empty)))
    if summary.dropped_copies:
        table.add_row("copies dropped whole", str(len(summary.dropped_copies)))
    if summary.stale:
        table.add_row("stale in --out", str(len(summary.stale)))
    table.add_row("time", f"{summary.seconds:.2f} s")
    err.print(table)
    if clusters:
        dupes = Table(title="near-duplicates across files", title_justify="left")
        dupes.add_column("cluster", justify="right", no_wrap=True, min_width=7)
        dupes.add_column("paragraphs", justify="right", no_wrap=True, min_width=10)
        dupes.add_column("files", justify="right", no_wrap=True, min_width=5)
        dupes.add_column("shortest copy", overflow="ellipsis", no_wrap=True, ratio=1)
        # The clusters spread over most files first: the copies a reader most wants to see.
        largest = sorted(clusters, key=lambda row: (-row[2], -row[1], row[0]))
        for cluster, members, files, text in largest[:_CLUSTER_ROWS]:
            dupes.add_row(str(cluster), str(members), str(files), Text(" ".join(text.split())))
        if len(largest) > _CLUSTER_ROWS:
            dupes.add_row("", "", "", Text(f"… and {len(largest) - _CLUSTER_ROWS} more"))
        err.print(dupes)


# The CI-gate commands and the report live beside these; importing them registers them on ``app``.
from scrubnews.cli import check as check_commands  # noqa: E402
from scrubnews.cli import report as report_commands  # noqa: E402

check_commands.register(app)
report_commands.register(app)


def run() -> None:
    """Run the command line on ``sys.argv``, building only the command it names.

    typer makes every command's click parameters (reading each function's
    type hints) before it runs one: about 12 ms of a one-file run's start
    for nine commands. When the first word that is not an option names a
    command, the app is run with that command alone; help, a mistyped name
    and shell completion get the whole app.
    """
    name = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    one = copy.copy(app)
    one.registered_commands = [info for info in app.registered_commands if info.name == name]
    one.registered_groups = [info for info in app.registered_groups if info.name == name]
    completing = "_SCRUBNEWS_COMPLETE" in os.environ
    (app if completing or not (one.registered_commands or one.registered_groups) else one)()


if __name__ == "__main__":  # pragma: no cover
    app()
