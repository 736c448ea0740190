"""Hold a run's documents on disk while a cross-file stage looks at all of them."""

from __future__ import annotations

import errno
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from scrubnews.document import Document, pickled_by_fields
from scrubnews.errors import SpoolError


class Spool:
    """Documents written to an unnamed temporary file, read back in order.

    The cross-file stages (shared template lines, near-duplicates) must see
    every document before the first is final. They keep in memory only
    what they compare (a few keys or shingles per paragraph) and spool the
    documents themselves, so memory does not grow with the size of the
    pages. The file has no name and is gone when closed, also on Ctrl-C.
    """

    def __init__(self) -> None:
        with spooling():
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(), or when collected
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, doc: Document) -> None:
        _dump(doc, self._file)
        self._count += 1

    def __iter__(self) -> Iterator[Document]:
        """Every document, in the order appended (one at a time in memory)."""
        self._file.seek(0)
        for _ in range(self._count):
            # One pickle per document, each with its own memo: a shared one
            # would keep every document alive.
            yield pickle.load(self._file)
        self._file.seek(0, 2)

    def close(self) -> None:
        self._file.close()


@contextmanager
def spooling() -> Iterator[None]:
    """A full or unwritable temporary folder as one ``SpoolError`` that says what to do."""
    try:
        yield
    except OSError as error:
        what = "it is full" if error.errno in (errno.ENOSPC, errno.EDQUOT) else (error.strerror or str(error))
        raise SpoolError(
            f"cannot keep the run's documents in the temporary folder {tempfile.gettempdir()} ({what}): the "
            "cross-file steps need them on disk; set TMPDIR to a folder with room, or use --dedup off"
        ) from error


def _dump(doc: Document, handle: BinaryIO) -> None:
    with spooling():
        pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Slot:
    """Where a document lies in a ``SharedSpool``: its writer's file and the offset in it."""

    file: str
    offset: int


class SharedSpool:
    """Documents on disk that every process of a run can write, and read back by ``Slot``.

    The workers of a ``--jobs`` run with dedup on keep their documents here
    instead of sending them to the parent, which sees only what the
    cross-file decisions need. Each process appends to a file of its own
    in ``folder`` (named by its process id); any process reads any slot.
    The folder is the caller's (a temporary one, removed after the run).
    """

    @staticmethod
    @contextmanager
    def temporary() -> Iterator[SharedSpool]:
        """A spool in a new temporary folder, removed with everything in it when the block ends."""
        with spooling():
            holder = tempfile.TemporaryDirectory(prefix="scrubnews-")
        with holder as folder:
            yield SharedSpool(Path(folder))

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writer: tuple[int, str, BinaryIO] | None = None  # (process id, file name, file)
        self._readers: dict[str, BinaryIO] = {}

    def __getstate__(self) -> Path:
        return self.folder  # a process that receives the spool opens its own files

    def __setstate__(self, folder: Path) -> None:
        self.__init__(folder)  # type: ignore[misc]

    def put(self, doc: Document) -> Slot:
        if self._writer is None or self._writer[0] != os.getpid():  # a forked worker writes its own file
            name = f"{os.getpid()}.spool"
            with spooling():
                self._writer = (os.getpid(), name, open(self.folder / name, "ab"))  # noqa: SIM115 - kept open
        _, name, handle = self._writer
        handle.seek(0, os.SEEK_END)
        offset = handle.tell()
        _dump(doc, handle)  # flushed: another process may read it next
        return Slot(name, offset)

    def get(self, slot: Slot) -> Document:
        handle = self._readers.get(slot.file)
        if handle is None:
            handle = self._readers[slot.file] = open(self.folder / slot.file, "rb")  # noqa: SIM115
        handle.seek(slot.offset)
        doc: Document = pickle.load(handle)
        return doc
