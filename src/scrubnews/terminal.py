"""What the commands share for talking to the terminal: stderr, a closed stdout."""

from __future__ import annotations

import os
import sys
from typing import Literal, NoReturn, TextIO

import typer
from rich.console import Console

from scrubnews.text import printable

# soft_wrap: a problem line stays one line, however long the path.
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """One red line on stderr, then exit (2: usage, config or internal error)."""
    err.print(f"error: {printable(message)}", style="red", markup=False)  # paths may hold [brackets]
    raise typer.Exit(code)


def problem(path: str, message: str) -> None:
    """The one line that names a file that could not be used; the run goes on."""
    err.print(f"{printable(path)}: error: {printable(message)}", style="red", markup=False)


class StdoutGuard:
    """Exit quietly when the reader of our stdout goes away (``| head``)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> Literal[False]:
        if isinstance(exc, BrokenPipeError):
            _silence_stdout(sys.stdout)
            raise typer.Exit(0)
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
