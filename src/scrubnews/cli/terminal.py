"""What the commands share for talking to the terminal: stderr, a closed stdout."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TextIO

import typer

from scrubnews.text import printable

if TYPE_CHECKING:
    from rich.console import Console


class _Stderr:
    """``sys.stderr`` (looked up at each call: a test or a redirection may swap it; a progress bar's
    proxy of it unwrapped, as rich does, or each write would come back here) whose write failures
    are swallowed. With stderr on a full disk or closed (``2>/dev/full``), messages are lost, but
    not the run's outputs or its exit status, and no traceback follows."""

    @staticmethod
    def _stream() -> TextIO:
        stream = sys.stderr
        return getattr(stream, "rich_proxied_file", stream)

    def write(self, text: str) -> int:
        try:
            return self._stream().write(text)
        except (OSError, ValueError, AttributeError):  # a failing, closed or missing stream
            return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self._stream().flush()

    def isatty(self) -> bool:
        try:
            return self._stream().isatty()
        except (OSError, ValueError, AttributeError):
            return False

    def fileno(self) -> int:
        return self._stream().fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream(), "encoding", None) or "utf-8"


# What makes rich write escape codes, or take a pipe for a terminal (rich's ``Console.is_terminal``).
_TERMINAL_VARIABLES = ("FORCE_COLOR", "FORCE_TERMINAL", "TTY_COMPATIBLE")


class _Err:
    """Messages on stderr: a rich console, made at the first message that needs one.

    Off a terminal (a pipe, a CI log, a file) a line of plain text is written as
    it is, as rich would write it there; rich (about 30 ms of imports) loads
    only for a terminal, for a table or for text it would change (tabs,
    control characters). A one-file run in a script never imports it.
    """

    def __init__(self) -> None:
        self._stderr = _Stderr()
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # soft_wrap: a problem line stays one line, however long the path; no emoji codes
            # (":cat:") turned into pictures in a file's name.
            self._console = Console(file=self._stderr, highlight=False, soft_wrap=True, emoji=False)  # type: ignore[arg-type]
        return self._console

    @property
    def is_terminal(self) -> bool:
        if self._console is None and not any(name in os.environ for name in _TERMINAL_VARIABLES):
            return self._stderr.isatty()
        return self.console.is_terminal

    def print(self, message: Any = "", *, style: str | None = None, markup: bool = True, **options: Any) -> None:
        """``Console.print``; a plain line without rich where rich would write nothing else."""
        plain = not markup and not options.get("highlight") and set(options) <= {"highlight"}
        if plain and isinstance(message, str) and message.isprintable() and not self.is_terminal:
            self._stderr.write(message + "\n")
            self._stderr.flush()
            return
        self.console.print(message, style=style, markup=markup, **options)


err = _Err()


def fail(message: str, code: int = 2) -> NoReturn:
    """One red line on stderr, then exit (2: usage, config or internal error)."""
    err.print(f"error: {printable(message)}", style="red", markup=False)  # paths may hold [brackets]
    raise typer.Exit(code)


def colour_on_stdout() -> bool:
    """Whether stdout gets colour: a terminal, and no ``NO_COLOR`` in the environment (no-color.org);
    a pipe or a file gets plain text."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def painted(text: str, style: str) -> str:
    """``text`` in a rich style ("green", "dim", "bold red") as the escape codes a terminal's stdout reads."""
    from rich.style import Style  # a terminal's stdout only

    return Style.parse(style).render(text)


def problem(path: str, message: str) -> None:
    """The one line that names a file that could not be used; the run goes on."""
    err.print(f"{printable(path)}: error: {printable(message)}", style="red", markup=False)


def no_article(path: str, message: str) -> None:
    """The one line that names a file read without trouble that holds no article: a warning, as its
    record says (``"error": null``, nothing kept); the run goes on, and exits 1 unless --allow-empty."""
    err.print(f"{printable(path)}: warning: {printable(message)}", style="yellow", markup=False)


class StdoutGuard:
    """Exit quietly when the reader of our stdout goes away (``| head``), and with one line (exit 1)
    when stdout itself fails (``> /dev/full``: a full disk, an I/O error).

    An error writing stdout carries no file name, where every error on a
    file the command opens names that file: that is how the two are told apart.
    """

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> Literal[False]:
        if isinstance(exc, BrokenPipeError):
            _silence_stdout(sys.stdout)
            raise typer.Exit(0)
        if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
            _silence_stdout(sys.stdout)
            err.print(f"error: cannot write standard output: {exc.strerror}", style="red", markup=False)
            raise typer.Exit(1)
        return False


def _silence_stdout(stream: TextIO) -> None:
    # Python flushes stdout at exit; point it at devnull so that flush
    # cannot raise a second BrokenPipeError with a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanup runs as for Ctrl-C."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def stoppable() -> Iterator[None]:
    """Ctrl-C exits 130 and SIGTERM 143, with one line and no traceback.

    Whatever was finished stays: outputs are renamed into place only when
    complete, and a write cut short removes its temporary file on the way
    out (``write_atomic_bytes``).
    """
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        yield
    except KeyboardInterrupt:
        err.print("\ninterrupted: finished outputs are kept", style="yellow", markup=False)
        raise typer.Exit(130) from None
    except Terminated:
        err.print("terminated: finished outputs are kept", style="yellow", markup=False)
        raise typer.Exit(143) from None
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def require_inputs(found: object, paths: list[str]) -> None:
    """The one rule for every command: no input file at all is an error (exit 1), not an empty success.

    An empty folder where scraped pages should be usually means the scrape
    failed; a gate that checked nothing has not passed.
    """
    if not found:
        err.print("error: no input files found in " + ", ".join(printable(p) for p in paths), style="red", markup=False)
        raise typer.Exit(1)
