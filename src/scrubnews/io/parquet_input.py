"""Pages in a Parquet file (``*.parquet``): one page a row, in an ``html`` or ``text`` column.

Datasets of crawled pages are often shared as Parquet. Each row is an input
of its own, named ``FILE#ID`` (the ``id`` column, else the row number) and
cleaned as a file holding that row's ``html`` (or, when it is empty,
``text``) would be, as a JSONL record is. Discovery reads only the ``id``
column; rows are read a row group at a time as the run reaches them, so
memory holds one row group, not the file. Needs the ``parquet`` extra
(pyarrow); without it each Parquet file is named as unreadable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scrubnews.errors import RecordError
from scrubnews.io.jsonl_input import FIELDS, content_of, safe_path
from scrubnews.io.remote import RemotePath
from scrubnews.io.sources import Source

_MISSING = "a Parquet file needs the parquet extra (pip install 'scrubnews[parquet]'); skipped"


def is_records(path: Path | RemotePath) -> bool:
    return path.suffix == ".parquet"


def expand(source: Source) -> list[Source]:
    """A source for each row of a Parquet source (the source itself, with the problem, if unusable)."""
    assert source.path is not None
    try:
        import pyarrow.parquet  # noqa: F401 - only to say at once that the extra is missing
    except ImportError:
        return [Source(source.display, source.relative, source.root, source.path, _MISSING)]
    try:
        with _parquet_file(source.path) as table:
            names = set(table.schema_arrow.names)
            if not names & set(FIELDS):
                problem = 'no "html" or "text" column in this Parquet file; skipped'
                return [Source(source.display, source.relative, source.root, source.path, problem)]
            ids = table.read(columns=["id"]).column("id").to_pylist() if "id" in names else None
            rows = table.metadata.num_rows
    except Exception as err:  # pyarrow's own errors for a file that is not Parquet
        problem = f"not a readable Parquet file: {type(err).__name__}: {err}"
        return [Source(source.display, source.relative, source.root, source.path, problem)]
    stem = source.relative.with_suffix("")
    pages = []
    for row in range(rows):
        name = str(ids[row]) if ids is not None and ids[row] not in (None, "") else str(row + 1)
        pages.append(Source(f"{source.display}#{name}", stem / safe_path(name), source.root, source.path, offset=row))
    return pages


def read_bytes(source: Source) -> bytes:
    """The content of row ``source.offset`` (UTF-8); RecordError says why there is none."""
    assert source.path is not None and source.offset is not None
    try:
        row = _row(source.path, source.offset)
    except ImportError as err:
        raise RecordError(_MISSING) from err
    except Exception as err:  # a corrupt row group: this input fails, the run goes on
        raise RecordError(f"cannot read the Parquet row: {type(err).__name__}: {err}") from err
    content = content_of(row)
    if content is None:
        raise RecordError('a row without "html" or "text"; skipped')
    return content.encode("utf-8", "surrogatepass")


@contextmanager
def _parquet_file(path: Path | RemotePath) -> Iterator[Any]:
    """pyarrow's reader of a local file, or of a URL's file object (read in ranges as needed),
    closed with its file when the block ends."""
    import pyarrow.parquet as pq

    with path.open("rb") as handle:
        yield pq.ParquetFile(handle)


class _Group:
    """The row group read last: rows are read in order, so one is enough."""

    path: Path | RemotePath | None = None
    first = 0
    size = 0
    columns: dict[str, list[Any]] = {}  # noqa: RUF012 - replaced whole, never mutated


def _row(path: Path | RemotePath, row: int) -> dict[str, Any]:
    """The content columns of row ``row``, reading its row group unless it is the one read last."""
    if _Group.path != path or not _Group.first <= row < _Group.first + _Group.size:
        with _parquet_file(path) as handle:
            names = [name for name in FIELDS if name in handle.schema_arrow.names]
            first = 0
            for group in range(handle.metadata.num_row_groups):
                size = handle.metadata.row_group(group).num_rows
                if row < first + size:
                    table = handle.read_row_group(group, columns=names)
                    _Group.path, _Group.first, _Group.size = path, first, size
                    _Group.columns = {name: table.column(name).to_pylist() for name in names}
                    break
                first += size
            else:
                raise IndexError(f"row {row} is past the end of the file")
    return {name: values[row - _Group.first] for name, values in _Group.columns.items()}
