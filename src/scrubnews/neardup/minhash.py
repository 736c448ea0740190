"""Near-duplicate paragraphs: MinHash signatures, LSH candidates, exact checks.

The recipe, measured on ``../shared/data/near-dup-dev`` (see DedupConfig):
word 2-gram shingles of normalised text; MinHash signatures with
datasketch's permutations, computed for a whole batch at once with NumPy;
LSH banding at a loose threshold for candidates; every candidate verified
on the exact shingle sets, accepted on Jaccard *or* containment; each
paragraph joins the cluster of its best earlier match.

Why the banding is done here rather than with datasketch's ``MinHashLSH``:
profiling showed ``MinHashLSH.insert``/``query`` at ~3 µs per band per
paragraph, ~100 µs a paragraph at the 32 bands a loose threshold needs,
more than everything else together (benchmarks/neardup_throughput.py).
``candidate_pairs`` computes the same bands (a candidate is a pair equal
on every row of at least one band) for all paragraphs with one sort per
band. The signatures stay datasketch-compatible (``Signer``), so they can
still be loaded into ``MinHashLSH`` by anyone who wants one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scrubnews.config import DedupConfig
from scrubnews.document import filled_through_slots

Shingles = npt.NDArray[np.uint32]  # sorted unique 32-bit shingle hashes
_MIX = np.uint64(0x9E3779B97F4A7C15)
# Shingles per block when signatures are computed, and candidate pairs per
# block when their signatures are compared: each bounds a temporary
# (block x num_perm) matrix to about 2 MB, so a run's peak is the index it
# holds (~730 bytes a paragraph), not its transients.
_BLOCK_SHINGLES = 8_192
BLOCK_PAIRS = 8_192
# LSH buckets up to this size give every pair; larger ones pair each member
# with the bucket's first _BUCKET_ANCHORS members only (see _bucket_pairs).
_BUCKET_ALL_PAIRS = 64
_BUCKET_ANCHORS = 8


def affine32_permutations(num_perm: int, seed: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """datasketch's "affine32" permutations ``h -> a * h + b mod 2**32``, drawn as it draws them.

    Computed here rather than read from ``MinHash(...).permutations``:
    importing datasketch pulls in scipy, half a second at the start of every
    run. datasketch draws them with ``numpy.random.RandomState(seed).randint``
    (``a`` odd below 2**32, then ``b``); numpy.random takes about 13 ms to
    import, so the same Mersenne Twister is seeded here as numpy seeds it
    from an integer and read 32 bits at a time through Python's ``random``,
    which runs that generator too. A test checks both give the same numbers.
    """
    if not 0 <= seed < 1 << 32:
        raise ValueError(f"seed must lie in [0, 2**32), got {seed}")
    state = [seed]
    for i in range(1, 624):  # MT19937's init_genrand, numpy's seeding of an integer
        prev = state[-1]
        state.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
    gen = random.Random()
    gen.setstate((3, (*state, 624), None))
    # randint(0, 2**31) keeps the low 31 bits of a draw; randint(0, 2**32) the whole draw.
    a = [(gen.getrandbits(32) & 0x7FFFFFFF) * 2 + 1 for _ in range(num_perm)]
    b = [gen.getrandbits(32) for _ in range(num_perm)]
    return np.array(a, dtype=np.uint32), np.array(b, dtype=np.uint32)


@filled_through_slots
@dataclass(frozen=True, slots=True)
class Match:
    """A verified pair: ``first`` comes before ``second`` in input order."""

    first: int
    second: int
    jaccard: float
    containment: float
    kind: str  # "copy" (Jaccard over the bar) or "partial" (containment only)


class Signer:
    """MinHash signatures for many shingle sets at once.

    Uses datasketch's default "affine32" scheme and its permutations: each
    32-bit shingle hash goes through the MurmurHash3 finaliser, then
    ``a*h + b mod 2^32`` per permutation, and the signature keeps the
    minimum. A signature here therefore equals ``MinHash(num_perm, seed,
    hashfunc=int)`` fed the same hashes (tests check it); it is just
    computed for a block of paragraphs in one NumPy expression instead of
    one call per paragraph.
    """

    def __init__(self, num_perm: int, seed: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._a, self._b = affine32_permutations(num_perm, seed)

    def sign(self, sets: Sequence[Shingles]) -> npt.NDArray[np.uint32]:
        """One row of ``num_perm`` minima per set; an empty set gets all-max."""
        out = np.full((len(sets), self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        sizes = np.array([len(s) for s in sets], dtype=np.int64)
        start = 0
        while start < len(sets):
            # Blocks of about _BLOCK_SHINGLES shingles bound the temporary matrix.
            stop = max(start + 1, int(np.searchsorted(np.cumsum(sizes[start:]), _BLOCK_SHINGLES)) + start)
            rows = [i for i in range(start, min(stop, len(sets))) if sizes[i]]
            if rows:
                hashes = fmix32(np.concatenate([sets[i] for i in rows]).astype(np.uint32, copy=False))
                permuted = hashes[:, None] * self._a + self._b  # wraps modulo 2**32, as intended
                offsets = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
                out[rows] = np.minimum.reduceat(permuted, offsets, axis=0)
            start = stop
        return out


def fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before permuting."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def overlap(a: Shingles, b: Shingles) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two sorted unique shingle arrays.

    Containment is the share of the smaller set found in the larger one.

    >>> overlap(np.array([1, 2, 3], dtype=np.uint32), np.array([2, 3, 4, 5], dtype=np.uint32))
    (0.4, 0.6666666666666666)
    """
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def candidate_pairs(
    signatures: npt.NDArray[np.uint32], bands: int, eligible: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """Pairs ``(i, j)``, ``i < j``, whose signatures agree on a whole band.

    Only rows where ``eligible`` is true take part. Pairs come out unique and
    sorted by ``j``, then ``i``.

    >>> sig = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [5, 5, 3, 4], [7, 7, 7, 7]], dtype=np.uint32)
    >>> candidate_pairs(sig, 2, np.ones(4, dtype=bool)).tolist()
    [[0, 1], [0, 2]]
    """
    index = np.flatnonzero(eligible)
    count = len(signatures)
    # Pairs as codes j * count + i, kept unique band by band: the same pair
    # found in many bands (copies agree on most of them) is held once, so
    # memory follows the distinct pairs, not bands x pairs.
    codes = np.zeros(0, dtype=np.int64)
    for band in range(bands):
        key = band_key(signatures, bands, band, index)
        order = np.argsort(key, kind="stable")
        pairs = bucket_pairs(key[order], index[order])
        if len(pairs):
            codes = _merge_unique(codes, np.unique(pairs[:, 1] * count + pairs[:, 0]))
    return np.stack((codes % count, codes // count), axis=1)


def band_key(
    signatures: npt.NDArray[np.uint32], bands: int, band: int, index: npt.NDArray[np.int64]
) -> npt.NDArray[np.uint64]:
    """One 64-bit key for ``band`` per row of ``signatures`` that ``index`` names: the band's
    minima mixed together. Two signatures agree on a whole band exactly when their keys for it
    are equal (save a 2**-64 collision)."""
    rows = signatures.shape[1] // bands
    block = signatures[index, band * rows : (band + 1) * rows].astype(np.uint64)
    key = block[:, 0].copy()
    for r in range(1, rows):
        key = key * _MIX + block[:, r]  # wraps modulo 2**64, as intended
    return key


def bucket_pairs(keys: npt.NDArray[np.uint64], members: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Candidate pairs ``(earlier, later)`` among ``members`` sorted by ``keys`` (equal keys in
    input order): every run of equal keys is a bucket, paired by ``_bucket_pairs``.

    >>> bucket_pairs(np.array([1, 1, 2, 3, 3, 3], dtype=np.uint64), np.array([4, 7, 1, 0, 2, 5])).tolist()
    [[4, 7], [0, 2], [0, 5], [2, 5]]
    """
    same = np.flatnonzero(keys[1:] == keys[:-1])
    if len(same) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    # Runs of equal keys: runs of two (nearly all of them) are paired in one step.
    run_start = np.flatnonzero(np.diff(np.concatenate(([-2], same))) != 1)
    starts = same[run_start]
    ends = np.concatenate((same[run_start[1:] - 1], same[-1:])) + 2
    is_pair = ends - starts == 2
    found = [np.stack((members[starts[is_pair]], members[starts[is_pair] + 1]), axis=1).astype(np.int64)]
    for start, end in zip(starts[~is_pair], ends[~is_pair], strict=True):
        found.append(_bucket_pairs(members[start:end]))
    return np.sort(np.concatenate(found), axis=1)


def _merge_unique(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The sorted union of two sorted unique arrays: a stable sort merges the two runs in linear time.

    >>> _merge_unique(np.array([1, 4, 9]), np.array([2, 4, 10])).tolist()
    [1, 2, 4, 9, 10]
    """
    merged = np.concatenate((a, b))
    merged.sort(kind="stable")
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))] if len(merged) else merged


def _bucket_pairs(members: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Candidate pairs among the members of one LSH bucket, in input order.

    Every pair while the bucket is small. A large bucket (the same passage
    in thousands of files, each copy a little different) pairs each member
    only with the bucket's first ``_BUCKET_ANCHORS`` members: a paragraph
    joins the cluster of its best *earlier* match, and the earliest copies
    are where that cluster is, so the candidates stay linear in the copies
    instead of quadratic (10,000 copies: 80,000 pairs, not 50 million).

    >>> _bucket_pairs(np.array([2, 5, 9])).tolist()
    [[2, 5], [2, 9], [5, 9]]
    """
    size = len(members)
    if size <= _BUCKET_ALL_PAIRS:
        a, b = np.triu_indices(size, k=1)
    else:
        later = [np.arange(i + 1, size) for i in range(_BUCKET_ANCHORS)]
        a = np.concatenate([np.full(len(js), i) for i, js in enumerate(later)])
        b = np.concatenate(later)
    return np.stack((members[a], members[b]), axis=1)


def find_matches(
    sets: Sequence[Shingles],
    config: DedupConfig,
    signatures: npt.NDArray[np.uint32] | None = None,
    split: int | None = None,
) -> list[Match]:
    """Every verified near-duplicate pair among ``sets``, in input order.

    Pairs are ordered by their second member, and the first member is always
    the earlier one. Sets with fewer than ``min_shingles`` shingles are left
    out: a three-word line matches too much to mean anything. Candidates
    whose signatures make both Jaccard and containment implausible (the
    estimates are ``estimate_margin`` under the bars) are not verified:
    common word pairs ("of the") make many such collisions in a large run.

    ``signatures`` may be given when some are known already (a saved
    index); with ``split``, only pairs with ``first < split <= second`` are
    looked at (new paragraphs against an index, not the index against
    itself).
    """
    if not sets:
        return []
    if signatures is None:
        signatures = Signer(config.num_perm, config.seed).sign(sets)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    pairs = candidate_pairs(signatures, config.bands, sizes >= config.min_shingles)
    if split is not None:
        pairs = pairs[(pairs[:, 0] < split) & (pairs[:, 1] >= split)]
    keep = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), BLOCK_PAIRS):
        first, second = pairs[start : start + BLOCK_PAIRS].T
        keep[start : start + len(first)] = plausible(
            signatures[first], signatures[second], sizes[first], sizes[second], config
        )
    return verified(pairs[keep], sets.__getitem__, sets.__getitem__, config)


def plausible(
    signatures_a: npt.NDArray[np.uint32],
    signatures_b: npt.NDArray[np.uint32],
    sizes_a: npt.NDArray[np.int64],
    sizes_b: npt.NDArray[np.int64],
    config: DedupConfig,
) -> npt.NDArray[np.bool_]:
    """For pairs given as aligned rows: whether the estimated Jaccard or containment is near its bar."""
    jaccard = (signatures_a == signatures_b).mean(axis=1)
    shared = jaccard / (1 + jaccard) * (sizes_a + sizes_b)
    containment = shared / np.minimum(sizes_a, sizes_b)
    margin = config.estimate_margin
    return (jaccard >= config.jaccard - margin) | (containment >= config.containment - margin)  # type: ignore[no-any-return]


def verified(
    pairs: npt.NDArray[np.int64],
    first_set: Callable[[int], Shingles],
    second_set: Callable[[int], Shingles],
    config: DedupConfig,
) -> list[Match]:
    """The exact check of candidate ``pairs`` (sorted by their second member): the matches.

    The second member's set is built once and dropped when the next one
    comes; the first member's hashes are only looked up in it, so nothing
    else is held.
    """
    matches: list[Match] = []
    current, b = -1, set()
    for start in range(0, len(pairs), BLOCK_PAIRS):
        block = pairs[start : start + BLOCK_PAIRS]
        for first, second in zip(block[:, 0].tolist(), block[:, 1].tolist(), strict=True):
            if second != current:
                current, b = second, set(second_set(second).tolist())
            a = first_set(first)
            shared = len(b.intersection(a.tolist()))
            jaccard, containment = shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))
            if jaccard >= config.jaccard:
                matches.append(Match(first, second, jaccard, containment, "copy"))
            elif containment >= config.containment:
                matches.append(Match(first, second, jaccard, containment, "partial"))
    return matches


def clusters(count: int, matches: Sequence[Match], groups: Sequence[int]) -> list[int]:
    """Cluster of every item, named by its earliest member's index.

    Each item joins the cluster of its single best earlier match in another
    group (document): highest Jaccard, then containment, then the earliest.
    Linking every accepted pair instead (connected components) lets one
    weak link chain unrelated clusters: on near-dup-dev, template lines
    such as "<film> is currently streaming on ..." glued seven films and
    all their copies into one cluster. Matches inside one document are
    repeats, reported but never used to cluster.

    >>> pairs = [Match(0, 2, 0.9, 1.0, "copy"), Match(1, 3, 0.6, 0.8, "copy"), Match(2, 3, 0.8, 0.9, "copy")]
    >>> clusters(4, pairs, [0, 0, 1, 2])
    [0, 1, 0, 0]
    """
    best: dict[int, Match] = {}
    for match in matches:
        if groups[match.first] == groups[match.second]:
            continue
        current = best.get(match.second)
        if current is None or (match.jaccard, match.containment, -match.first) > (
            current.jaccard,
            current.containment,
            -current.first,
        ):
            best[match.second] = match
    root = list(range(count))
    for i in range(count):  # parents come before children, so one pass settles it
        if i in best:
            root[i] = root[best[i].first]
    return root
