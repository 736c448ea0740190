"""Inputs named by URL (``s3://bucket/crawl/``, ``gs://...``, ``https://...``, ``memory://...``).

Any argument that starts with a scheme (``NAME://``) is opened with fsspec,
which knows the protocols and the package each needs (``s3fs`` for S3,
``gcsfs`` for Google Cloud Storage, ``adlfs`` for Azure; HTTP and local
ones built in). A URL naming a folder is listed recursively, in name
order, hidden names left out, as a local folder is walked; each file is
then an input like a local one (``*.jsonl``, WARC and Parquet files hold
records), read when the run reaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from scrubnews.errors import InputError

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(argument: str) -> bool:
    return bool(_SCHEME.match(argument))


@dataclass(frozen=True, slots=True)
class RemotePath:
    """A file behind a URL, with as much of ``pathlib.Path``'s interface as the readers use."""

    url: str

    @property
    def name(self) -> str:
        return PurePosixPath(self.url.split("://", 1)[1]).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def open(self, mode: str = "rb") -> IO[bytes]:
        import fsspec

        return fsspec.open(self.url, mode).open()  # type: ignore[no-any-return]

    def __str__(self) -> str:
        return self.url


def list_files(url: str, hidden: bool = False) -> list[tuple[RemotePath, PurePosixPath]]:
    """The files a URL names (itself, or everything below it) with their paths below it, in name
    order. Raises InputError when the URL cannot be used (no such file, an unknown protocol,
    the package a protocol needs is missing, the store refuses)."""
    try:
        import fsspec
    except ImportError as error:  # pragma: no cover - fsspec comes with the base install
        raise InputError("reading URLs needs fsspec (pip install fsspec)") from error
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if fs.isdir(root):
            base = PurePosixPath(root.rstrip("/"))
            found = []
            for name in fs.find(root):
                relative = PurePosixPath(name).relative_to(base)
                if hidden or not any(part.startswith(".") for part in relative.parts):
                    found.append((RemotePath(_as_url(fs, name)), relative))
            return sorted(found, key=lambda item: item[1].parts)
        if fs.isfile(root):
            return [(RemotePath(url), PurePosixPath(PurePosixPath(root).name))]
    except ImportError as error:  # the protocol's own package (s3fs, gcsfs, ...)
        raise InputError(f"cannot open this URL: {error}") from error
    except Exception as error:  # a store's own errors (credentials, network) are not OSErrors
        raise InputError(f"cannot read: {error}") from error
    raise InputError("no such file or folder")


def _as_url(fs: Any, name: str) -> str:
    return str(fs.unstrip_protocol(name))
