"""A plain-text file too large to be one page, read in parts: ``dump.txt#1``, ``dump.txt#2`` ...

A news page's text is tens of kilobytes; a text file of many megabytes is a
dump of many pages, and cleaned as one page it would cost a row of features
per line at once (gigabytes for a few hundred thousand lines). So a text
file over ``PART_BYTES`` is read as parts of at most that size, each ending
at a blank line (else a line end, else a space) in its second half, and
each part is cleaned as a page of its own, as a record of a ``.jsonl`` file
is: named ``FILE#N``, line numbers counted from the part's first line,
written to ``--out`` as ``FILE/N.txt``. Memory is then one part's, whatever
the file's size. Only each part's place in the file is kept until it is
read. The size cap (``--max-bytes``) applies to the whole file: a file over
it is skipped, as any other.

HTML, and text that is not ASCII-compatible (UTF-16/32: NUL bytes), is
read whole: a blank line cannot be found in its bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from scrubnews.io.charset import is_html
from scrubnews.io.sources import Source

PART_BYTES = 1 << 20
_SNIFF = 8192


def is_records(path: object, max_bytes: int | None = None) -> bool:
    """Whether ``path`` is a local text file read in parts: over ``PART_BYTES`` (and not over
    ``max_bytes``: such a file is skipped whole), not HTML, no NUL bytes."""
    if not isinstance(path, Path):
        return False
    try:
        size = path.stat().st_size
        if size <= PART_BYTES or (max_bytes is not None and size > max_bytes):
            return False
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError:
        return False  # read whole: the reader names the fault
    if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return not is_html(head[:4096], head.decode("utf-8", errors="replace"))


def expand(source: Source) -> list[Source]:
    """A source for each part of the file (the source itself, with the problem, if unreadable)."""
    assert isinstance(source.path, Path)
    parts: list[Source] = []
    try:
        with source.path.open("rb") as handle:
            offset = 0
            while part := _part(handle, offset):
                number = len(parts) + 1
                relative = source.relative.with_suffix("") / str(number)
                parts.append(Source(f"{source.display}#{number}", relative, source.root, source.path, offset=offset))
                offset += len(part)
    except OSError as err:
        return [
            Source(source.display, source.relative, source.root, source.path, f"cannot read: {err.strerror or err}")
        ]
    return parts


def read_bytes(source: Source) -> bytes:
    """The bytes of the part at ``source.offset``."""
    assert isinstance(source.path, Path) and source.offset is not None
    with source.path.open("rb") as handle:
        return _part(handle, source.offset)


def one_file(sources: list[Source]) -> bool:
    """Whether ``sources`` are the parts of one file (they print as one input would: no headers)."""
    first = sources[0].path if sources else None
    return all(source.offset is not None and source.path == first for source in sources) and is_records(first)


def _part(handle: BinaryIO, offset: int) -> bytes:
    """The part that starts at ``offset``: the rest of the file when it fits in ``PART_BYTES``,
    else ``PART_BYTES`` cut back to the last blank line, line end or space in their second half
    (a character's start at worst)."""
    handle.seek(offset)
    window = handle.read(PART_BYTES + 1)
    if len(window) <= PART_BYTES:
        return window
    half = PART_BYTES // 2
    for mark in (b"\n\n", b"\n\r\n", b"\n", b" "):
        at = window.rfind(mark, half, PART_BYTES)
        if at >= 0:
            return window[: at + len(mark)]
    end = PART_BYTES
    while end > half and window[end] & 0xC0 == 0x80:  # window[end] starts the next part: not mid-character
        end -= 1
    return window[:end]
