"""Pages packed one per line in a ``.jsonl`` file: ``{"id": ..., "text": ...}`` or ``{"id": ..., "html": ...}``.

A crawl at scale is often stored as records rather than as a folder of
files. Any input named ``*.jsonl`` (an argument, or a file found in a
folder) is read as such records: each line is one input, named
``FILE#ID`` (``FILE#LINE`` when it has no ``id``), cleaned as a file with
that content would be. Only each record's place in the file is kept until
it is read, so a large file costs no more memory than its number of lines.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePath

from scrubnews.errors import RecordError
from scrubnews.io.remote import RemotePath
from scrubnews.io.sources import Source

SUFFIX = ".jsonl"
FIELDS = ("html", "text")  # the page's content, HTML first when a record carries both
# The problem of a .jsonl file that holds scrubnews' own records (`clean --format jsonl > DIR/run.jsonl`):
# read back, it would be every page again. Commands name it in a note and leave it out.
OWN_OUTPUT = "scrubnews' own output (records with a schema_version), not pages; skipped"


def is_records(path: Path | RemotePath) -> bool:
    return path.suffix == SUFFIX


def expand(source: Source) -> list[Source]:
    """A source for each record of a ``.jsonl`` source (the source itself, with the problem, if unreadable)."""
    assert source.path is not None
    records: list[Source] = []
    try:
        with source.path.open("rb") as handle:
            offset = 0
            for number, line in enumerate(handle, start=1):
                start, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                if not records and _is_own_record(line):
                    return [Source(source.display, source.relative, source.root, source.path, OWN_OUTPUT)]
                name, problem = _name(line, number)
                relative = source.relative.with_suffix("") / safe_path(name)
                records.append(
                    Source(f"{source.display}#{name}", relative, source.root, source.path, problem, offset=start)
                )
    except OSError as err:
        return [
            Source(source.display, source.relative, source.root, source.path, f"cannot read: {err.strerror or err}")
        ]
    return records


def read_bytes(source: Source) -> bytes:
    """The content of the record at ``source.offset`` (UTF-8); RecordError says why there is none."""
    assert source.path is not None and source.offset is not None
    try:
        with source.path.open("rb") as handle:
            handle.seek(source.offset)
            line = handle.readline()
    except OSError as err:
        raise RecordError(f"cannot read: {err.strerror or err}") from err
    record = _record(line)
    if record is None:
        raise RecordError("not a JSON object")
    content = content_of(record)
    if content is None:
        raise RecordError('a record without a "text" or "html" string; skipped')
    return content.encode("utf-8", "surrogatepass")


def content_of(record: Mapping[str, object]) -> str | None:
    """A record's page: its first non-empty content field (``html`` before ``text``), else an empty
    one (an empty page, named as one), else None. An empty ``html`` beside a ``text`` is no HTML."""
    strings = [value for field in FIELDS if isinstance(value := record.get(field), str)]
    return next((value for value in strings if value), strings[0] if strings else None)


def _is_own_record(line: bytes) -> bool:
    """A record ``clean --format jsonl`` wrote: it carries a ``schema_version`` and the article's paragraphs.

    >>> _is_own_record(b'{"schema_version": 2, "path": "a.txt", "paragraphs": []}'), _is_own_record(b'{"text": "x"}')
    (True, False)
    """
    record = _record(line)
    return record is not None and "schema_version" in record and "paragraphs" in record


def _record(line: bytes) -> dict[str, object] | None:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def _name(line: bytes, number: int) -> tuple[str, str | None]:
    """The record's name (its ``id``, else its line number) and, for a line that is no record, why."""
    record = _record(line)
    if record is None:
        return str(number), f"line {number} is not a JSON object"
    identifier = record.get("id")
    return (str(identifier) if identifier not in (None, "") else str(number)), None


def safe_path(name: str) -> PurePath:
    """An id as a relative output path: no empty, '.' or '..' parts, no leading '/'."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return PurePath(*parts) if parts else PurePath("_")
