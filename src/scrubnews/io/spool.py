"""Hold a run's documents on disk while a cross-file stage looks at all of them."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator

from scrubnews.document import Document


class Spool:
    """Documents written to an unnamed temporary file, read back in order.

    The cross-file stages (shared template lines, near-duplicates) must see
    every document before the first is final. They keep in memory only
    what they compare (a few keys or shingles per paragraph) and spool the
    documents themselves, so memory does not grow with the size of the
    pages. The file has no name and is gone when closed, also on Ctrl-C.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(), or when collected
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, doc: Document) -> None:
        pickle.dump(doc, self._file, protocol=pickle.HIGHEST_PROTOCOL)
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
