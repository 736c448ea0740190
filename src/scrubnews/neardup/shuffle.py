"""Near-duplicate matching as a shuffle, for a cluster (``ShuffleComparison``, run by ``run/dask.py``).

The same rule as ``find_matches`` and ``dedup``, cut into steps that each
see only part of the run, so no machine holds every paragraph's shingles:

1. ``shard_rows`` (a task per shard of files, where its shingles were made):
   each compared paragraph's band keys, and a digest of its shingle set,
   as rows partitioned by key.
2. ``later_copies`` (a task per partition of digests): identical sets
   (exact and whitespace-only copies) and the first of each.
3. ``candidates`` (a task per partition of band keys): each (band, key)
   bucket's members paired as ``candidate_pairs`` pairs them, leaving out
   later identical copies; pairs sent on by the group their first member
   lives in.
4. ``with_first`` (a task per group of shards): each pair given its first
   member's shingles; sent on by the group of its second member.
5. ``checked`` (a task per group): the plausibility filter and the exact
   check of ``find_matches`` (``plausible``, ``verified``), or, for the
   links, the exact overlap of each pair.

Paragraphs are numbered in the run's global order (documents in input
order, paragraphs in page order), so "earlier" means the same here as in a
local run; buckets list their members in that order, and the matches come
back sorted as ``find_matches`` sorts them. The cluster then picks each
paragraph's best earlier match, as ``dedup`` does; no connected components
are computed anywhere. Everything a task gets and returns is NumPy arrays.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from scrubnews.config import DedupConfig
from scrubnews.document import Document
from scrubnews.neardup.dedup import is_compared
from scrubnews.neardup.minhash import (
    BLOCK_PAIRS,
    Match,
    Shingles,
    Signer,
    band_key,
    bucket_pairs,
    overlap,
    plausible,
    verified,
)
from scrubnews.neardup.shingles import ShingleHasher

# Shingle sets of many paragraphs in two arrays: set k is values[offsets[k]:offsets[k + 1]].
Packed = tuple[npt.NDArray[np.int64], npt.NDArray[np.uint32]]
# Rows of a band partition (band, key, paragraph) and of a digest partition (two halves, paragraph).
BandRows = tuple[npt.NDArray[np.int16], npt.NDArray[np.uint64], npt.NDArray[np.int64]]
DigestRows = tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.int64]]
# Pairs to check: rows (first, second, request id; -1 when looking for matches).
Pairs = npt.NDArray[np.int64]


def pack(sets: Sequence[Shingles]) -> Packed:
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=offsets[1:])
    values = np.concatenate(sets).astype(np.uint32, copy=False) if len(sets) else np.zeros(0, dtype=np.uint32)
    return offsets, values


def unpack(packed: Packed, k: int) -> Shingles:
    offsets, values = packed
    return values[offsets[k] : offsets[k + 1]]


def select(packed: Packed, rows: npt.NDArray[np.int64]) -> Packed:
    return pack([unpack(packed, int(k)) for k in rows])


def concat(parts: Sequence[Packed]) -> Packed:
    return pack([unpack(part, k) for part in parts for k in range(len(part[0]) - 1)])


def shard_rows(sets: Packed, start: int, config: DedupConfig, parts: int) -> tuple[list[BandRows], list[DigestRows]]:
    """Step 1: rows for the paragraphs ``start``, ``start + 1``, ... whose shingles are ``sets``.

    Sets under ``min_shingles`` take no part (as in ``find_matches``). Each
    row goes to partition ``key % parts`` (band rows) or ``digest % parts``.
    """
    sizes = np.diff(sets[0])
    eligible = np.flatnonzero(sizes >= config.min_shingles)
    gids = start + eligible
    # 128 bits of BLAKE2b stand for the whole set: ``dedup``'s local path compares the bytes.
    digests = np.array(
        [
            np.frombuffer(hashlib.blake2b(unpack(sets, int(k)).tobytes(), digest_size=16).digest(), dtype="<u8")
            for k in eligible
        ],
        dtype=np.uint64,
    ).reshape(-1, 2)
    signatures = Signer(config.num_perm, config.seed).sign([unpack(sets, int(k)) for k in eligible])
    index = np.arange(len(eligible))
    keys = np.stack([band_key(signatures, config.bands, band, index) for band in range(config.bands)], axis=1)
    bands = np.broadcast_to(np.arange(config.bands, dtype=np.int16), keys.shape).ravel()
    flat_keys, flat_gids = keys.ravel(), np.repeat(gids, config.bands)
    band_part = (flat_keys % np.uint64(parts)).astype(np.int64)
    digest_part = (digests[:, 0] % np.uint64(parts)).astype(np.int64)
    return (
        [(bands[band_part == p], flat_keys[band_part == p], flat_gids[band_part == p]) for p in range(parts)],
        [(digests[digest_part == p, 0], digests[digest_part == p, 1], gids[digest_part == p]) for p in range(parts)],
    )


def later_copies(*parts: DigestRows) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Step 2: every paragraph whose shingles equal an earlier one's, and that earlier one (the first)."""
    high = np.concatenate([p[0] for p in parts])
    low = np.concatenate([p[1] for p in parts])
    gids = np.concatenate([p[2] for p in parts])
    order = np.lexsort((gids, low, high))
    high, low, gids = high[order], low[order], gids[order]
    new = np.concatenate((np.ones(min(len(gids), 1), dtype=bool), (high[1:] != high[:-1]) | (low[1:] != low[:-1])))
    first = gids[np.flatnonzero(new)[np.cumsum(new) - 1]]
    later = ~new
    return gids[later], first[later]


def candidates(later: npt.NDArray[np.int64], bounds: npt.NDArray[np.int64], *parts: BandRows) -> list[Pairs]:
    """Step 3: candidate pairs from the buckets of one partition, without later identical copies
    (``later``, sorted), split by the group (``bounds``: each group's first paragraph) of the first member."""
    bands = np.concatenate([p[0] for p in parts])
    keys = np.concatenate([p[1] for p in parts])
    gids = np.concatenate([p[2] for p in parts])
    distinct = ~np.isin(gids, later)
    bands, keys, gids = bands[distinct], keys[distinct], gids[distinct]
    found = [np.zeros((0, 2), dtype=np.int64)]
    for band in np.unique(bands):
        mine = bands == band
        order = np.lexsort((gids[mine], keys[mine]))  # equal keys in paragraph order
        found.append(bucket_pairs(keys[mine][order], gids[mine][order]))
    pairs = np.unique(np.concatenate(found), axis=0)
    group = np.searchsorted(bounds, pairs[:, 0], side="right") - 1
    return [_with_ids(pairs[group == g]) for g in range(len(bounds) - 1)]


def _with_ids(pairs: npt.NDArray[np.int64]) -> Pairs:
    """Candidate pairs as rows to check, their request id -1 (looking for matches)."""
    return np.column_stack([pairs.reshape(-1, 2), np.full(len(pairs), -1)]).astype(np.int64)


def requests(pairs: Sequence[tuple[int, int]], bounds: npt.NDArray[np.int64]) -> list[Pairs]:
    """Pairs whose exact overlap is wanted (``(later, earlier)``, as ``Comparison.overlaps`` takes
    them), as step 3 would send them: ``(earlier, later, id)`` split by the group of the earlier."""
    rows = np.array([(b, a, k) for k, (a, b) in enumerate(pairs)], dtype=np.int64).reshape(-1, 3)
    group = np.searchsorted(bounds, rows[:, 0], side="right") - 1
    return [rows[group == g] for g in range(len(bounds) - 1)]


def with_first(group: Packed, start: int, bounds: npt.NDArray[np.int64], *parts: Pairs) -> list[tuple[Pairs, Packed]]:
    """Step 4: the pairs whose first member is in this group (paragraphs ``start``, ... in
    ``group``), each with that member's shingles, split by the group of the second member.
    A candidate found in several bands (several partitions) is kept once."""
    pairs = np.unique(np.concatenate([np.zeros((0, 3), dtype=np.int64), *parts]), axis=0)
    owner = np.searchsorted(bounds, pairs[:, 1], side="right") - 1
    out = []
    for g in range(len(bounds) - 1):
        mine = pairs[owner == g]
        out.append((mine, select(group, mine[:, 0] - start)))
    return out


def checked(
    group: Packed, start: int, config: DedupConfig, matching: bool, *parts: tuple[Pairs, Packed]
) -> tuple[npt.NDArray[np.generic], ...]:
    """Step 5: the pairs whose second member is in this group (paragraphs ``start``, ... in
    ``group``), checked.

    ``matching``: the plausibility filter and the exact check of
    ``find_matches``; returns (first, second, Jaccard, containment, is a
    copy) of the matches, sorted by second, then first. Otherwise (requested
    overlaps): (ids, Jaccard, containment) of every pair.
    """
    pairs = np.concatenate([np.zeros((0, 3), dtype=np.int64), *(p for p, _ in parts)])
    firsts = concat([sets for _, sets in parts])
    order = np.lexsort((pairs[:, 0], pairs[:, 1]))
    pairs = pairs[order]

    def first_set(row: int) -> Shingles:
        return unpack(firsts, int(order[row]))

    def second_set(gid: int) -> Shingles:
        return unpack(group, gid - start)

    if not matching:
        found = [overlap(second_set(int(b)), first_set(row)) for row, b in enumerate(pairs[:, 1].tolist())]
        return pairs[:, 2], np.array([j for j, _ in found]), np.array([c for _, c in found])
    signer = Signer(config.num_perm, config.seed)
    keep = np.zeros(len(pairs), dtype=bool)
    for block in range(0, len(pairs), BLOCK_PAIRS):
        rows = range(block, min(block + BLOCK_PAIRS, len(pairs)))
        a = [first_set(r) for r in rows]
        b = [second_set(int(pairs[r, 1])) for r in rows]
        sizes_a = np.array([len(s) for s in a], dtype=np.int64)
        sizes_b = np.array([len(s) for s in b], dtype=np.int64)
        keep[rows.start : rows.stop] = plausible(signer.sign(a), signer.sign(b), sizes_a, sizes_b, config)
    candidates = np.column_stack([np.arange(len(pairs)), pairs[:, 1]])[keep]
    matches = verified(candidates, first_set, second_set, config)
    return (
        np.array([pairs[m.first, 0] for m in matches], dtype=np.int64),
        np.array([m.second for m in matches], dtype=np.int64),
        np.array([m.jaccard for m in matches], dtype=np.float64),
        np.array([m.containment for m in matches], dtype=np.float64),
        np.array([m.kind == "copy" for m in matches], dtype=bool),
    )


def compared_indices(docs: Sequence[Document]) -> list[tuple[int, ...]]:
    """For each document, the indices of its paragraphs in ``shard_sets``, in order."""
    return [tuple(p.index for p in doc.paragraphs if is_compared(p)) if doc.is_ok else () for doc in docs]


def shard_sets(docs: Sequence[Document], shingle_size: int) -> Packed:
    """The shingles of every paragraph of ``docs`` that ``dedup`` may compare, in order (made where
    the shard is cleaned; the cross-file stages then pick those still compared)."""
    texts = [p.text for doc in docs if doc.is_ok for p in doc.paragraphs if is_compared(p)]
    return pack(ShingleHasher(shingle_size).many(texts))


class Runner(Protocol):
    """Where the steps run: ``submit`` returns a handle to the result (a dask future, or the value
    itself in ``InProcess``), ``put`` sends values (arrays go this way, not as ``submit``'s
    arguments, which a dask scheduler keeps for the rest of the run), ``gather`` fetches results."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...
    def put(self, values: Sequence[Any]) -> list[Any]: ...
    def gather(self, handles: list[Any]) -> list[Any]: ...


class InProcess:
    """Every step at once, here: the shuffle without a cluster (tests, and a check of the rule)."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args)

    def put(self, values: Sequence[Any]) -> list[Any]:
        return list(values)

    def gather(self, handles: list[Any]) -> list[Any]:
        return handles


def _part(result: Sequence[Any], *index: int) -> Any:
    for k in index:
        result = result[k]
    return result


class ShuffleComparison:
    """``dedup``'s ``Comparison`` with the shingles left where each shard was cleaned.

    ``note_shard`` is told each shard's handle to its ``shard_sets`` and its
    documents' ``compared_indices``, in input order; ``add_indices`` then
    picks the paragraphs still compared after the cross-file stages. Here only their
    places are held (tens of bytes a paragraph); ``compare`` and ``overlaps``
    run the steps above with ``parts`` partitions and groups.
    """

    def __init__(self, runner: Runner, config: DedupConfig, parts: int) -> None:
        self._runner = runner
        self._config = config
        self._parts = max(1, parts)
        self._shards: list[Any] = []  # handles to each shard's shard_sets
        self._docs: list[tuple[int, int, tuple[int, ...]]] = []  # shard, offset in it, compared paragraph indices
        self._chosen: list[list[int]] = []  # per shard: the positions in its sets still compared, in order
        self._groups: list[Any] = []
        self._bounds = np.zeros(1, dtype=np.int64)  # each group's first paragraph, and the count
        self._sent_bounds: Any = None  # the same, sent once to the cluster

    def note_shard(self, sets: Any, compared: Sequence[tuple[int, ...]]) -> None:
        shard, offset = len(self._shards), 0
        for indices in compared:
            self._docs.append((shard, offset, indices))
            offset += len(indices)
        self._shards.append(sets)
        self._chosen.append([])

    def add_indices(self, number: int, chosen: Sequence[int]) -> None:
        """Document ``number``'s paragraphs still compared, by index, in order."""
        shard, offset, indices = self._docs[number]
        self._chosen[shard].extend(offset + bisect_left(indices, index) for index in chosen)

    def compare(self) -> tuple[list[int], list[Match]]:
        run, parts = self._runner, self._parts
        starts = np.concatenate(([0], np.cumsum([len(c) for c in self._chosen]))).astype(np.int64)
        count = int(starts[-1])
        picked = run.put([np.array(rows, dtype=np.int64) for rows in self._chosen])
        chosen = [run.submit(select, sets, rows) for sets, rows in zip(self._shards, picked, strict=True)]
        self._shards, self._chosen = [], []
        # Groups of consecutive shards: the join steps' units.
        cuts = np.linspace(0, len(chosen), min(parts, max(1, len(chosen))) + 1).round().astype(int)
        self._bounds = starts[cuts]
        self._groups = [run.submit(_concat_all, *chosen[a:b]) for a, b in pairwise(cuts)]
        rows = [
            run.submit(shard_rows, sets, int(start), self._config, parts)
            for sets, start in zip(chosen, starts[:-1], strict=True)
        ]
        copies = run.gather(
            [run.submit(later_copies, *(run.submit(_part, r, 1, p) for r in rows)) for p in range(parts)]
        )
        first_of = list(range(count))
        for later, first in copies:
            for k, f in zip(later.tolist(), first.tolist(), strict=True):
                first_of[k] = f
        later, bounds = run.put([np.sort(np.concatenate([c[0] for c in copies])), self._bounds])
        self._sent_bounds = bounds
        found = [
            run.submit(candidates, later, bounds, *(run.submit(_part, r, 0, p) for r in rows)) for p in range(parts)
        ]
        by_group = [[run.submit(_part, f, g) for f in found] for g in range(len(self._groups))]
        results = self._check(by_group, matching=True)
        first, second = (np.concatenate([r[k] for r in results]).astype(np.int64) for k in (0, 1))
        jaccard, containment = (np.concatenate([r[k] for r in results]).astype(np.float64) for k in (2, 3))
        is_copy = np.concatenate([r[4] for r in results]).astype(bool)
        order = np.lexsort((first, second))
        matches = [
            Match(
                int(first[k]),
                int(second[k]),
                float(jaccard[k]),
                float(containment[k]),
                "copy" if is_copy[k] else "partial",
            )
            for k in order.tolist()
        ]
        return first_of, matches

    def overlaps(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
        if not pairs:
            return []
        wanted = requests(pairs, self._bounds)
        results = self._check([[handle] for handle in self._runner.put(wanted)], matching=False)
        out: list[tuple[float, float]] = [(0.0, 0.0)] * len(pairs)
        for ids, jaccard, containment in results:
            for k, j, c in zip(ids.tolist(), jaccard.tolist(), containment.tolist(), strict=True):
                out[k] = (j, c)
        return out

    def _check(self, by_group: list[list[Any]], matching: bool) -> list[Any]:
        run, groups = self._runner, self._groups
        firsts = [
            run.submit(with_first, groups[g], int(self._bounds[g]), self._sent_bounds, *by_group[g])
            for g in range(len(groups))
        ]
        return run.gather(
            [
                run.submit(
                    checked,
                    groups[h],
                    int(self._bounds[h]),
                    self._config,
                    matching,
                    *(run.submit(_part, f, h) for f in firsts),
                )
                for h in range(len(groups))
            ]
        )


def _concat_all(*parts: Packed) -> Packed:
    return concat(parts)
