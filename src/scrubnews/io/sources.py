"""What the inputs are: a ``Source`` (one input, and how to name it) and a ``Walk`` (how folders are
walked). A leaf of the io room: the readers of each input format build Sources, and ``readers``
finds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

from scrubnews.io.remote import RemotePath

STDIN = "-"
# The files a folder walk reads by default: text and HTML pages, and files of records (JSONL, WARC, Parquet).
# The pre-commit hook's `files` pattern lists the same kinds (a test compares them).
PAGE_KINDS = ("*.txt", "*.text", "*.htm", "*.html", "*.xhtml", "*.jsonl", "*.warc", "*.warc.gz", "*.parquet")


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
    path: Path | RemotePath | None = None  # None for stdin; RemotePath for a URL (``remote``)
    problem: str | None = None  # why it cannot be read, found while walking (an unreadable folder)
    offset: int | None = None  # a record's place in a .jsonl, WARC or Parquet file (``jsonl_input`` ...)

    @property
    def is_stdin(self) -> bool:
        return self.path is None and self.root == STDIN


@dataclass(frozen=True, slots=True)
class Walk:
    """How folders are walked: which links to follow, which files to read, which paths to leave out.

    ``include`` names the files read below an input folder (gitignore-style
    patterns, matched without regard to case): by default the kinds of
    files a page comes in, so that a scrape's README, manifest or CSV is not
    taken for a page. ``exclude`` holds gitignore-style patterns, matched
    against each path below an input folder (``drafts/``, ``*.json``,
    ``/tmp-*``); with ``gitignore``, the ``.gitignore`` files of each folder
    walked, and of the folders above it up to the repository's root, apply
    too. A file named as an argument is always read.
    """

    follow_links: bool = False
    exclude: tuple[str, ...] = ()
    gitignore: bool = False
    include: tuple[str, ...] = PAGE_KINDS
