"""``clean --format parquet``: one row a document, its paragraphs with their verdicts, written as it goes.

The columns are the fields of the JSONL record (``io/schema.py``'s
``DocumentRecord``), in their declared order, with the types derived from
that declaration: one schema, declared once, for both formats. Rows are
written a row group of ``ROW_GROUP`` documents at a time, so memory holds
one group. Needs the ``parquet`` extra (pyarrow).
"""

from __future__ import annotations

from typing import IO, Any

import msgspec.inspect

from scrubnews.io.schema import DocumentRecord
from scrubnews.text import escape_lone_surrogates

ROW_GROUP = 1_000


def arrow_schema() -> Any:
    """The pyarrow schema of ``DocumentRecord``."""
    import pyarrow as pa

    return pa.schema(_fields(msgspec.inspect.type_info(DocumentRecord)))


def _fields(record: Any) -> list[Any]:
    import pyarrow as pa

    order = list(record.cls.__annotations__)  # the declared order, not msgspec's sorted one
    fields = sorted(record.fields, key=lambda f: order.index(f.name))
    return [pa.field(f.encode_name, _arrow(f.type)) for f in fields]


def _arrow(kind: Any) -> Any:
    import pyarrow as pa

    mi = msgspec.inspect
    if isinstance(kind, mi.Metadata):
        return _arrow(kind.type)
    if isinstance(kind, mi.UnionType):
        [inner] = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        return _arrow(inner)
    if isinstance(kind, mi.LiteralType):
        return pa.string() if isinstance(kind.values[0], str) else pa.int64()
    if isinstance(kind, mi.ListType):
        return pa.list_(_arrow(kind.item_type))
    if isinstance(kind, mi.TypedDictType):
        return pa.struct(_fields(kind))
    if isinstance(kind, mi.StrType):
        return pa.string()
    if isinstance(kind, mi.IntType):
        return pa.int64()
    if isinstance(kind, mi.FloatType):
        return pa.float64()
    if isinstance(kind, mi.BoolType):
        return pa.bool_()
    raise TypeError(f"no Parquet type for {kind!r}")


class ParquetSink:
    """Parquet rows written to ``stream`` a row group at a time; ``close`` writes the footer."""

    def __init__(self, stream: IO[bytes]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = arrow_schema()
        self._writer = pq.ParquetWriter(pa.output_stream(stream), self._schema)
        self._rows: list[dict[str, Any]] = []

    def add(self, record: DocumentRecord) -> None:
        self._rows.append(_valid(record))
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []


def _valid(value: Any) -> Any:
    """``value`` with every string valid UTF-8: a file name that is not UTF-8 as JSONL writes it."""
    if isinstance(value, str):
        return escape_lone_surrogates(value)
    if isinstance(value, dict):
        return {key: _valid(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_valid(item) for item in value]
    return value
