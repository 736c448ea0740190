"""Pages in a WARC file (``*.warc``, ``*.warc.gz``), the format web crawls are archived in.

Each ``response`` record whose Content-Type is HTML or plain text is an
input of its own, named ``FILE#URI`` and cleaned as a file holding its
body would be (the body as sent, after any chunked or gzip transfer
encoding is undone). The other records are not pages (``warcinfo``,
``request``, ``metadata``, images, scripts) and are not inputs. Only each
record's offset in the file is held until it is read. Reading needs the
``warc`` extra (warcio); without it each WARC file is named as unreadable.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

from scrubnews.errors import RecordError
from scrubnews.io.remote import RemotePath
from scrubnews.io.sources import Source

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_MISSING = "a WARC file needs the warc extra (pip install 'scrubnews[warc]'); skipped"


def is_records(path: Path | RemotePath) -> bool:
    return path.name.endswith((".warc", ".warc.gz"))


def expand(source: Source) -> list[Source]:
    """A source for each page record of a WARC source (the source itself, with the problem, if unreadable)."""
    assert source.path is not None
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        return [Source(source.display, source.relative, source.root, source.path, _MISSING)]
    stem = source.relative.name.removesuffix(".gz").removesuffix(".warc")
    pages: list[Source] = []
    try:
        with source.path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if _is_page(record):
                    uri = record.rec_headers.get_header("WARC-Target-URI") or str(len(pages) + 1)
                    relative = source.relative.parent / stem / _as_path(uri)
                    offset = records.get_record_offset()
                    pages.append(Source(f"{source.display}#{uri}", relative, source.root, source.path, offset=offset))
    except Exception as err:  # warcio raises its own errors for a file that is not WARC
        problem = f"not a readable WARC file: {type(err).__name__}: {err}"
        return [*pages, Source(source.display, source.relative, source.root, source.path, problem)]
    if not pages:  # nothing is passed over silently: a WARC file without a page is named
        problem = "no HTML or text response in this WARC file (or not a WARC file)"
        return [Source(source.display, source.relative, source.root, source.path, problem)]
    return pages


def read_bytes(source: Source, limit: int) -> bytes:
    """The body of the record at ``source.offset`` (at most ``limit`` bytes, -1: all); RecordError says why not."""
    assert source.path is not None and source.offset is not None
    try:
        from warcio.archiveiterator import ArchiveIterator

        with source.path.open("rb") as handle:
            handle.seek(source.offset)
            record = next(iter(ArchiveIterator(handle)))
            return bytes(record.content_stream().read(limit))
    except ImportError as err:
        raise RecordError(_MISSING) from err
    except Exception as err:  # a truncated or corrupt record: this input fails, the run goes on
        raise RecordError(f"cannot read the WARC record: {type(err).__name__}: {err}") from err


def _is_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return kind in _PAGE_TYPES


def _as_path(uri: str) -> PurePath:
    """A URI as a relative output path: host, then its path parts (no empty, '.' or '..' parts)."""
    parts = urlsplit(uri)
    names = [parts.netloc, *parts.path.split("/")]
    if parts.query:
        names[-1] += "?" + parts.query
    kept = [name for name in names if name not in ("", ".", "..")]
    return PurePath(*kept) if kept else PurePath("_")
