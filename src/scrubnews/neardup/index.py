"""A saved near-duplicate index of a corpus: paragraph signatures and shingles.

File layout (all integers little-endian)::

    b"SCRUBIDX"                 8 bytes, magic
    version                     uint32
    header length               uint64
    header                      UTF-8 JSON, sorted keys: settings, files, arrays
    arrays                      raw bytes, in the order the header lists them
    SHA-256 of all the above    32 bytes

Nothing in it is ever executed or unpickled: the header is JSON and the
arrays are plain numbers whose dtype and shape the header states, so an
index from someone else is safe to load. Files are kept sorted by path and
nothing time-dependent is written, so building twice from the same corpus
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scrubnews.config import DedupConfig
from scrubnews.document import Document
from scrubnews.errors import InputError, OutputError
from scrubnews.io.writers import write_atomic_bytes
from scrubnews.neardup.minhash import Signer, find_matches
from scrubnews.neardup.shingles import ShingleHasher
from scrubnews.text import json_text

MAGIC = b"SCRUBIDX"
VERSION = 1
_SETTINGS = ("num_perm", "seed", "shingle_size", "bands")
_DTYPES = {"signatures": "<u4", "shingles": "<u4", "offsets": "<i8", "spans": "<i8"}


@dataclass(frozen=True, slots=True)
class IndexFile:
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Index:
    """Kept paragraphs of a corpus. ``spans`` rows: file, paragraph, line_start, line_end."""

    settings: dict[str, int]
    files: tuple[IndexFile, ...]
    signatures: npt.NDArray[np.uint32]
    offsets: npt.NDArray[np.int64]  # paragraph k's shingles: shingles[offsets[k]:offsets[k+1]]
    shingles: npt.NDArray[np.uint32]
    spans: npt.NDArray[np.int64]

    def shingle_sets(self) -> list[npt.NDArray[np.uint32]]:
        values = self.shingles
        return [values[self.offsets[k] : self.offsets[k + 1]] for k in range(len(self.spans))]


def settings_of(config: DedupConfig) -> dict[str, int]:
    return {key: int(getattr(config, key)) for key in _SETTINGS}


def build_index(docs: Iterable[Document], config: DedupConfig) -> Index:
    """An index of the kept paragraphs of ``docs`` (sorted by path)."""
    return _pack(settings_of(config), [_entry(d, config) for d in docs if d.is_ok])


def update_index(index: Index, docs: Iterable[Document], config: DedupConfig) -> tuple[Index, int, int]:
    """Add new files and replace changed ones, without re-reading the others.

    Returns the new index and the numbers of files added and replaced. The
    result has the same bytes as a fresh build over the same files.
    """
    _require_settings(index, config)
    entries = {entry.file.path: entry for entry in _unpack(index)}
    added = replaced = 0
    for doc in docs:
        if not doc.is_ok:
            continue
        old = entries.get(doc.path)
        if old is not None and old.file.sha256 == _sha(doc):
            continue
        added += old is None
        replaced += old is not None
        entries[doc.path] = _entry(doc, config)
    return _pack(index.settings, list(entries.values())), added, replaced


@dataclass(frozen=True, slots=True)
class _Entry:
    """One file's part of an index."""

    file: IndexFile
    signatures: npt.NDArray[np.uint32]
    shingles: list[npt.NDArray[np.uint32]]
    spans: npt.NDArray[np.int64]  # paragraph, line_start, line_end


def _entry(doc: Document, config: DedupConfig) -> _Entry:
    sets = ShingleHasher(config.shingle_size).many([p.text for p in doc.kept])
    signatures = Signer(config.num_perm, config.seed).sign(sets) if sets else _empty(config.num_perm)
    spans = np.array([[p.index, p.line_start, p.line_end] for p in doc.kept], dtype=np.int64).reshape(-1, 3)
    return _Entry(IndexFile(doc.path, _sha(doc)), signatures, [s.astype(np.uint32) for s in sets], spans)


def _unpack(index: Index) -> list[_Entry]:
    sets = index.shingle_sets()
    entries = []
    for number, file in enumerate(index.files):
        rows = np.flatnonzero(index.spans[:, 0] == number)
        entries.append(
            _Entry(file, index.signatures[rows], [sets[k].astype(np.uint32) for k in rows], index.spans[rows, 1:])
        )
    return entries


def _pack(settings: dict[str, int], entries: list[_Entry]) -> Index:
    entries = sorted(entries, key=lambda entry: entry.file.path)
    shingles = [s for entry in entries for s in entry.shingles]
    sizes = np.array([len(s) for s in shingles], dtype=np.int64)
    spans = [
        np.hstack((np.full((len(entry.spans), 1), number, dtype=np.int64), entry.spans))
        for number, entry in enumerate(entries)
    ]
    return Index(
        settings=settings,
        files=tuple(entry.file for entry in entries),
        signatures=np.concatenate([e.signatures for e in entries]) if entries else _empty(settings["num_perm"]),
        offsets=np.concatenate(([0], np.cumsum(sizes))).astype(np.int64),
        shingles=np.concatenate(shingles).astype(np.uint32) if shingles else np.zeros(0, np.uint32),
        spans=np.concatenate(spans) if spans else np.zeros((0, 4), np.int64),
    )


def save_index(index: Index, path: Path) -> None:
    arrays: dict[str, npt.NDArray[Any]] = {
        "signatures": index.signatures,
        "offsets": index.offsets,
        "shingles": index.shingles,
        "spans": index.spans,
    }
    layout = []
    payload = bytearray()
    for name, array in arrays.items():
        data = np.ascontiguousarray(array, dtype=_DTYPES[name]).tobytes()
        layout.append({"name": name, "shape": list(array.shape), "dtype": _DTYPES[name], "nbytes": len(data)})
        payload += data
    header = {
        "format": "scrubnews-index",
        "settings": index.settings,
        "files": [{"path": f.path, "sha256": f.sha256} for f in index.files],
        "arrays": layout,
    }
    head = json_text(header, sort_keys=True, separators=(",", ":")).encode()
    body = MAGIC + struct.pack("<IQ", VERSION, len(head)) + head + bytes(payload)
    try:
        write_atomic_bytes(path, body + hashlib.sha256(body).digest())
    except OSError as err:  # a read-only or full folder: the old index, if any, is left as it was
        raise OutputError(f"{path}: cannot write the index: {err.strerror or err}") from err


def load_index(path: Path) -> Index:
    """Read an index; a foreign, truncated or corrupt file is an InputError."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read the index: {err.strerror or err}") from err
    if not data.startswith(MAGIC):
        raise InputError(f"{path}: not a scrubnews index (build one with `scrubnews index build`)")
    if len(data) < len(MAGIC) + 12 + 32 or hashlib.sha256(data[:-32]).digest() != data[-32:]:
        raise InputError(f"{path}: the index is corrupt or truncated; rebuild it with `scrubnews index build`")
    version, head_len = struct.unpack_from("<IQ", data, len(MAGIC))
    if version != VERSION:
        raise InputError(f"{path}: index format version {version}; this scrubnews reads version {VERSION}")
    start = len(MAGIC) + 12
    try:
        header = json.loads(data[start : start + head_len])
        arrays = _read_arrays(header["arrays"], data, start + head_len, len(data) - 32)
        files = tuple(IndexFile(f["path"], f["sha256"]) for f in header["files"])
        settings = {key: int(header["settings"][key]) for key in _SETTINGS}
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: the index header is damaged ({err}); rebuild it") from err
    index = Index(settings, files, arrays["signatures"], arrays["offsets"], arrays["shingles"], arrays["spans"])
    _check_shapes(index, path)
    return index


def match_index(index: Index, docs: Sequence[Document], config: DedupConfig) -> dict[str, dict[str, int]]:
    """For each document, the words of its kept paragraphs copied in each index file."""
    _require_settings(index, config)
    items = [(doc, p) for doc in docs if doc.is_ok for p in doc.kept]
    if not items or not len(index.spans):
        return {}
    sets = ShingleHasher(config.shingle_size).many([p.text for _, p in items])
    signatures = np.concatenate((index.signatures, Signer(config.num_perm, config.seed).sign(sets)))
    split = len(index.spans)
    copied: dict[str, dict[str, int]] = {}
    seen: set[tuple[int, int]] = set()
    real = {doc.path: os.path.realpath(doc.path) for doc in docs}
    for match in find_matches([*index.shingle_sets(), *sets], config, signatures=signatures, split=split):
        doc, p = items[match.second - split]
        other = index.files[int(index.spans[match.first, 0])].path
        key = (match.second, int(index.spans[match.first, 0]))
        # The same file, however its path is spelled ("a.txt", "./a.txt", "/abs/a.txt"), is no copy of itself.
        if os.path.realpath(other) == real[doc.path] or key in seen:
            continue
        seen.add(key)
        per_doc = copied.setdefault(doc.path, {})
        per_doc[other] = per_doc.get(other, 0) + p.words
    return copied


def _empty(num_perm: int) -> npt.NDArray[np.uint32]:
    return np.zeros((0, num_perm), dtype=np.uint32)


def _sha(doc: Document) -> str:
    return doc.digest or hashlib.sha256(doc.raw).hexdigest()  # raw: a document not yet decoded


def _read_arrays(layout: list[dict[str, Any]], data: bytes, start: int, end: int) -> dict[str, Any]:
    arrays = {}
    position = start
    for item in layout:
        name, dtype, shape, nbytes = item["name"], item["dtype"], tuple(item["shape"]), int(item["nbytes"])
        if name not in _DTYPES or dtype != _DTYPES[name] or position + nbytes > end:
            raise ValueError(f"bad array entry {name!r}")
        array = np.frombuffer(data, dtype=dtype, count=nbytes // np.dtype(dtype).itemsize, offset=position)
        arrays[name] = array.reshape(shape)
        position += nbytes
    if position != end or set(arrays) != set(_DTYPES):
        raise ValueError("arrays do not fill the file")
    return arrays


def _check_shapes(index: Index, path: Path) -> None:
    n = len(index.spans)
    ok = (
        index.signatures.shape == (n, index.settings["num_perm"])
        and index.offsets.shape == (n + 1,)
        and int(index.offsets[-1]) == len(index.shingles)
        and (n == 0 or int(index.spans[:, 0].max()) < len(index.files))
    )
    if not ok:
        raise InputError(f"{path}: the index arrays do not agree with each other; rebuild it")


def _require_settings(index: Index, config: DedupConfig) -> None:
    wanted = settings_of(config)
    if index.settings != wanted:
        raise InputError(
            f"the index was built with {index.settings}, but this run uses {wanted}; rebuild it with these settings"
        )
