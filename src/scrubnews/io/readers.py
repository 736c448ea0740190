"""Find input files and read their bytes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from scrubnews.document import Document

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input: where to read it and how to name it.

    ``display`` is the path as discovered (argument joined with the path
    below it); ``relative`` is the path below the argument, which ``--out``
    mirrors; ``root`` is the argument itself (a folder, a file or ``-``).
    """

    display: str
    relative: PurePath
    root: str
    path: Path | None = None  # None for stdin

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def discover(arguments: Sequence[str]) -> list[Source]:
    """Every input file named by the arguments, folders walked in sorted order.

    Hidden files and folders (names starting with ".") are skipped inside a
    folder, as version-control and editor files are never scraped pages. A
    missing argument still yields a Source, so that reading it reports the
    problem by name and the run goes on.
    """
    sources: list[Source] = []
    for argument in arguments:
        if argument == STDIN:
            sources.append(Source(display="-", relative=PurePath("stdin"), root=STDIN))
            continue
        root = Path(argument)
        if root.is_dir():
            for path in sorted(_walk(root), key=lambda p: p.relative_to(root).parts):
                relative = path.relative_to(root)
                sources.append(Source(str(root / relative), relative, argument, path))
        else:
            sources.append(Source(argument, PurePath(root.name), argument, root))
    return sources


def _walk(root: Path) -> list[Path]:
    found = []
    for path in root.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
    return found


def read(source: Source) -> Document:
    """The source's bytes in a Document; a read failure is recorded, not raised."""
    if source.path is None:
        if sys.stdin is None or sys.stdin.closed:
            return Document(path=source.display, problem="standard input is closed")
        try:
            return Document(path=source.display, raw=sys.stdin.buffer.read())
        except OSError as err:
            return Document(path=source.display, problem=f"cannot read standard input: {err.strerror or err}")
    try:
        return Document(path=source.display, raw=source.path.read_bytes())
    except FileNotFoundError:
        return Document(path=source.display, problem="no such file")
    except IsADirectoryError:
        return Document(path=source.display, problem="is a directory")
    except OSError as err:
        return Document(path=source.display, problem=f"cannot read: {err.strerror or err}")
