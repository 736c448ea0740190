"""Fault injection: every OS call a command makes on a file can fail, and none ends in a traceback.

Each case runs one command in this process (typer's CliRunner) while one
kind of OS call on one path fails with one errno. The calls are caught where
Python makes them (``io.open`` for ``open`` and ``Path.read_bytes``,
``os.open``, ``os.replace``, ``os.stat``, ``os.scandir``, ``os.mkdir``,
``os.unlink``), so every call site of the code under test is
reached without a seam of its own. A run must end with exit status 1 or 2,
no traceback, a line on stderr (``check``: its findings) that names the file
and the fault in words, no temporary file left
in the output folder, the inputs untouched, and (when the failing path is
one of several inputs) the other inputs still cleaned.

``SITES`` is the table of what is covered: a command, the OS call, the path
it fails on. Every site runs with every errno in ``ERRNOS``. ``STREAM_COMMANDS``
adds the writes to standard output and standard error, for every command that
makes them, with the same errnos and EPIPE.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scrubnews.cli import app

ERRNOS = (
    errno.ENOENT,
    errno.EACCES,
    errno.EPERM,
    errno.ELOOP,
    errno.ENAMETOOLONG,
    errno.ENOSPC,
    errno.EIO,
    errno.EISDIR,
    errno.ENOTDIR,
    errno.EROFS,
    errno.EMFILE,
)
ARTICLE = (
    "Ministers agreed on Tuesday to fund a new rail line between the two northern cities, "
    "ending a decade of arguments over the route and its cost.\n\n"
    "The line will open in 2031, the transport minister said, and will carry forty thousand "
    "passengers a day once the second stage is finished.\n\n"
    "Local councils welcomed the decision but warned that the stations still lacked funding.\n"
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@dataclass(frozen=True)
class Site:
    """One OS call that fails: ``command`` (its arguments, with {in}, {out}, {index}, {baseline} filled in),
    the call (``op``) and the name of the path it fails on (``victim``, a file or folder name)."""

    name: str
    command: tuple[str, ...]
    op: str
    victim: str
    # Inputs other than the victim that must still be cleaned (their names in the output folder).
    survivors: tuple[str, ...] = ()


SITES = (
    Site("clean --out: read an input", ("clean", "{in}", "--out", "{out}"), "open-read", "b.txt", ("a.txt", "c.txt")),
    Site("clean --out: stat an input", ("clean", "{in}", "--out", "{out}"), "stat", "b.txt", ("a.txt", "c.txt")),
    Site("clean --out: list the input folder", ("clean", "{in}", "--out", "{out}"), "list", "in"),
    Site("clean --out: create an output", ("clean", "{in}", "--out", "{out}"), "open-write", "out"),
    Site("clean --out: rename an output", ("clean", "{in}", "--out", "{out}"), "replace", "b.txt", ("a.txt", "c.txt")),
    Site("clean --out: make the folder", ("clean", "{in}", "--out", "{out}"), "mkdir", "out"),
    Site("clean --format jsonl: read an input", ("clean", "{in}", "--format", "jsonl"), "open-read", "b.txt"),
    Site("clean --dedup flag: read an input", ("clean", "{in}", "--dedup", "flag", "-q"), "open-read", "b.txt"),
    Site(
        "clean -o FILE: create it",
        ("clean", "{in}", "--format", "jsonl", "-o", "{dest}/run.jsonl"),
        "open-write",
        "dest",
    ),
    Site(
        "clean -o FILE: rename it",
        ("clean", "{in}", "--format", "jsonl", "-o", "{dest}/run.jsonl"),
        "replace",
        "run.jsonl",
    ),
    Site(
        "clean --dedup flag: the spool",
        ("clean", "{in}", "--dedup", "flag", "--format", "jsonl"),
        "open-write",
        "spool",
    ),
    Site(
        "clean parquet -o FILE: create it",
        ("clean", "{in}", "--format", "parquet", "-o", "{dest}/r.parquet"),
        "open-write",
        "dest",
    ),
    Site(
        "clean parquet -o FILE: rename it",
        ("clean", "{in}", "--format", "parquet", "-o", "{dest}/r.parquet"),
        "replace",
        "r.parquet",
    ),
    Site("dupes: read an input", ("dupes", "{in}"), "open-read", "b.txt"),
    Site("explain: read an input", ("explain", "{in}"), "open-read", "b.txt"),
    Site("check: read an input", ("check", "{in}"), "open-read", "b.txt"),
    Site("check --baseline: read it", ("check", "{in}", "--baseline", "{baseline}"), "open-read", "baseline.json"),
    Site(
        "check --write-baseline: create it",
        ("check", "{in}", "--write-baseline", "{dest}/b.json"),
        "open-write",
        "dest",
    ),
    Site(
        "check --write-baseline: rename it", ("check", "{in}", "--write-baseline", "{dest}/b.json"), "replace", "b.json"
    ),
    Site("check --against: read the index", ("check", "{in}", "--against", "{index}"), "open-read", "index.json"),
    Site("index build: create it", ("index", "build", "{in}", "-o", "{dest}/index.json"), "open-write", "dest"),
    Site("index build: rename it", ("index", "build", "{in}", "-o", "{dest}/index.json"), "replace", "index.json"),
    Site("index update: read it", ("index", "update", "{index}", "{in}"), "open-read", "index.json"),
    Site("index update: create it", ("index", "update", "{index}", "{in}"), "open-write", "work"),
    Site("index update: rename it", ("index", "update", "{index}", "{in}"), "replace", "index.json"),
    Site("report: read an input", ("report", "{in}", "-o", "{dest}/report.html"), "open-read", "b.txt"),
    Site("report: create the page", ("report", "{in}", "-o", "{dest}/report.html"), "open-write", "dest"),
    Site("report: rename the page", ("report", "{in}", "-o", "{dest}/report.html"), "replace", "report.html"),
)
# The fault in scrubnews' own words, where it says more than the system's message.
_OWN_WORDS = {
    errno.ENOENT: ("no such file", "does not exist"),
    errno.EISDIR: ("is a directory",),
    errno.ENOSPC: ("is full",),
}
# Where a command reports a file it cannot read as a finding (check's SN009), on stdout.
_FINDINGS_ON_STDOUT = frozenset({"check"})


class Injector:
    """Makes one kind of OS call fail with ``code`` on paths whose name is ``victim`` (for a file
    created, also any file in a folder of that name), while a run is under way."""

    def __init__(self, op: str, victim: str, code: int) -> None:
        self.op, self.victim, self.code = op, victim, code
        self.fired = 0

    def hits(self, path: object) -> bool:
        if isinstance(path, int) or path is None:
            return False
        name = os.fsdecode(path) if isinstance(path, bytes | os.PathLike | str) else str(path)
        parts = Path(name).parts
        return bool(parts) and (parts[-1] == self.victim or (self.op == "open-write" and self.victim in parts[:-1]))

    def fail(self, path: object) -> None:
        self.fired += 1
        raise OSError(self.code, os.strerror(self.code), os.fsdecode(path) if isinstance(path, str | bytes) else path)

    @contextmanager
    def installed(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        real_open, real_os_open = io.open, os.open

        def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            writing = any(c in mode for c in "wax+")
            if self.op == ("open-write" if writing else "open-read") and self.hits(file):
                self.fail(file)
            return real_open(file, mode, *args, **kwargs)

        def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            writing = bool(flags & _WRITE_FLAGS)
            if self.op == ("open-write" if writing else "open-read") and self.hits(path):
                self.fail(path)
            return real_os_open(path, flags, *args, **kwargs)

        def wrap(op: str, real: Callable[..., Any], arg: int = 0) -> Callable[..., Any]:
            def fake(*args: Any, **kwargs: Any) -> Any:
                if self.op == op and len(args) > arg and self.hits(args[arg]):
                    self.fail(args[arg])
                return real(*args, **kwargs)

            return fake

        with monkeypatch.context() as patch:
            patch.setattr(io, "open", fake_open)
            patch.setattr(builtins, "open", fake_open)
            patch.setattr(os, "open", fake_os_open)
            patch.setattr(os, "replace", wrap("replace", os.replace, 1))
            patch.setattr(os, "rename", wrap("replace", os.rename, 1))
            patch.setattr(os, "stat", wrap("stat", os.stat))
            patch.setattr(os, "scandir", wrap("list", os.scandir))
            patch.setattr(os, "listdir", wrap("list", os.listdir))
            patch.setattr(os, "mkdir", wrap("mkdir", os.mkdir))
            patch.setattr(os, "unlink", wrap("unlink", os.unlink))
            yield


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of three pages, and beside it (in work/) an index and a baseline made from them."""
    root = tmp_path_factory.mktemp("faults")
    pages, work = root / "in", root / "work"
    pages.mkdir()
    work.mkdir()
    for name, twist in (("a.txt", "first"), ("b.txt", "second"), ("c.txt", "third")):
        (pages / name).write_text(f"Home\nNews\n\nThe {twist} report.\n\n" + ARTICLE + "\nPrivacy Policy\n")
    runner = CliRunner()
    assert runner.invoke(app, ["index", "build", str(pages), "-o", str(work / "index.json"), "-q"]).exit_code == 0
    result = runner.invoke(app, ["check", str(pages), "--write-baseline", str(work / "baseline.json")])
    assert result.exit_code in (0, 1), result.output
    return root


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("site", SITES, ids=lambda site: site.name)
def test_fault(site: Site, code: int, prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("in", "work"):
        (tmp_path / name).mkdir()
        for page in (prepared / name).iterdir():
            (tmp_path / name / page.name).write_bytes(page.read_bytes())
    inputs = tmp_path / "in"
    before = _digest(inputs)
    values = {"in": str(inputs), "out": str(tmp_path / "out"), "dest": str(tmp_path / "dest")}
    values.update(index=str(tmp_path / "work" / "index.json"), baseline=str(tmp_path / "work" / "baseline.json"))
    argv = [part.format(**values) for part in site.command]
    injector = Injector(site.op, site.victim, code)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spool").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "spool"))  # where dedup spools the documents
    with injector.installed(monkeypatch):
        result = CliRunner().invoke(app, argv)
    assert injector.fired, f"{site.name}: the command never made that call"
    # No traceback: the run ended through its own exit.
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (1, 2), (result.exit_code, result.output)
    said = result.output if site.command[0] in _FINDINGS_ON_STDOUT else result.stderr
    words = (os.strerror(code), *_OWN_WORDS.get(code, ()))
    assert any(site.victim in line and any(w in line for w in words) for line in said.splitlines()), said
    assert _digest(inputs) == before
    left = [p.name for p in tmp_path.rglob(".scrubnews-*")]
    assert not left, f"temporary files left: {left}"
    for name in site.survivors:
        assert (tmp_path / "out" / name).is_file(), f"{name} was not cleaned"


# Standard output and standard error fail too (a full disk behind `> file`, a closed terminal): each
# command that writes them, with every errno. Standard output failing is one line on stderr and exit 1
# (a reader gone away, EPIPE, is a quiet exit 0, as for `| head`); standard error failing loses the
# messages but not the exit status (here 1: a missing input), and never ends in a traceback.
STREAM_COMMANDS = (
    ("clean", "{in}"),
    ("clean", "{in}", "--format", "jsonl"),
    ("clean", "{in}/a.txt"),
    ("explain", "{in}"),
    ("dupes", "{in}"),
    ("check", "{in}", "--format", "json"),
)


class FailingStream(io.TextIOBase):
    """A text stream whose every write fails with ``code``."""

    def __init__(self, code: int) -> None:
        self.code, self.fired = code, 0

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        self.fired += 1
        raise OSError(self.code, os.strerror(self.code))


def run_with_stream(argv: list[str], stream: str, code: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run ``argv`` in this process with ``stream`` ("stdout" or "stderr") failing; the exit
    status and what reached the other stream."""
    import sys

    import typer

    failing, other = FailingStream(code), io.StringIO()
    monkeypatch.setattr(sys, stream, failing)
    monkeypatch.setattr(sys, "stderr" if stream == "stdout" else "stdout", other)
    try:
        typer.main.get_command(app).main(args=argv, prog_name="scrubnews", standalone_mode=True)
        status = 0
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        monkeypatch.undo()
    assert failing.fired, f"{argv}: nothing was written to {stream}"
    return status, other.getvalue()


@pytest.mark.parametrize("code", (*ERRNOS, errno.EPIPE), ids=errno.errorcode.get)
@pytest.mark.parametrize(
    ("stream", "command"),
    [
        (stream, command)
        for stream in ("stdout", "stderr")
        for command in STREAM_COMMANDS
        if not (stream == "stderr" and command[0] == "check")  # check reports files on stdout (SN009)
    ],
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_standard_stream_fault(
    stream: str, command: tuple[str, ...], code: int, prepared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [part.format(**{"in": str(prepared / "in")}) for part in command]
    if stream == "stderr":
        argv.append(str(prepared / "missing.txt"))  # a line for stderr, and exit 1 to keep
    status, said = run_with_stream(argv, stream, code, monkeypatch)
    if stream == "stdout" and code == errno.EPIPE:
        assert status == 0
    elif stream == "stdout":
        assert status == 1, said
        lines = [line for line in said.splitlines() if "standard output" in line]
        assert lines == [f"error: cannot write standard output: {os.strerror(code)}"], said
    else:
        assert status == 1, said
