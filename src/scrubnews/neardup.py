"""Near-duplicate paragraphs: MinHash signatures, LSH candidates, exact checks.

The recipe, measured on ``../shared/data/near-dup-dev`` (see DedupConfig):
word 2-gram shingles of normalised text; MinHash signatures computed for a
whole batch at once with NumPy; datasketch's ``MinHashLSH`` at a loose
threshold for candidates; every candidate verified on the exact shingle
sets, accepted on Jaccard *or* containment; clusters are the connected
components of the accepted pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from scrubnews.config import DedupConfig

Shingles = npt.NDArray[np.uint64]
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
# Shingles per block when signatures are computed: bounds the temporary
# (shingles x num_perm) matrix to a few tens of megabytes.
_BLOCK_SHINGLES = 50_000


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

    The permutations are datasketch's own (``scheme="legacy"``: ``(a*h + b)
    mod (2^61 - 1)``, kept to 32 bits), so a signature here equals
    ``MinHash(num_perm, seed, scheme="legacy", hashfunc=int)`` fed the same
    hashes one by one; it is just computed for a block of paragraphs in one
    NumPy expression instead of one call per paragraph.
    """

    def __init__(self, num_perm: int, seed: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._template = MinHash(num_perm=num_perm, seed=seed, scheme="legacy")
        self.permutations = self._template.permutations

    def sign(self, sets: Sequence[Shingles]) -> npt.NDArray[np.uint64]:
        """One row of ``num_perm`` minima per set; an empty set gets all-max."""
        out = np.full((len(sets), self.num_perm), _MAX_HASH, dtype=np.uint64)
        a, b = (np.asarray(p, dtype=np.uint64) for p in self.permutations)
        start = 0
        while start < len(sets):
            stop, total = start, 0
            while stop < len(sets) and (total == 0 or total + len(sets[stop]) <= _BLOCK_SHINGLES):
                total += len(sets[stop])
                stop += 1
            rows = [i for i in range(start, stop) if len(sets[i])]
            if rows:
                hashes = np.concatenate([sets[i] for i in rows])
                permuted = ((hashes[:, None] * a + b) % _MERSENNE) & _MAX_HASH
                offsets = np.cumsum([0] + [len(sets[i]) for i in rows[:-1]])
                out[rows] = np.minimum.reduceat(permuted, offsets, axis=0)
            start = stop
        return out

    def minhash(self, signature: npt.NDArray[np.uint64]) -> MinHash:
        return MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            hashvalues=signature,
            permutations=self.permutations,
            scheme="legacy",
        )


def overlap(a: Shingles, b: Shingles) -> tuple[float, float]:
    """Exact (Jaccard, containment) of two sorted unique shingle arrays.

    Containment is the share of the smaller set found in the larger one.

    >>> overlap(np.array([1, 2, 3], dtype=np.uint64), np.array([2, 3, 4, 5], dtype=np.uint64))
    (0.4, 0.6666666666666666)
    """
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def find_matches(sets: Sequence[Shingles], config: DedupConfig) -> list[Match]:
    """Every verified near-duplicate pair among ``sets``, in input order.

    Each set is queried against those before it, then inserted, so pairs
    come out ordered by their second member and the first member is always
    the earlier one. Sets with fewer than ``min_shingles`` shingles are left
    out: a three-word line matches too much to mean anything.
    """
    signer = Signer(config.num_perm, config.seed)
    signatures = signer.sign(sets)
    lsh = MinHashLSH(num_perm=config.num_perm, params=(config.bands, config.num_perm // config.bands))
    matches: list[Match] = []
    for i, shingles in enumerate(sets):
        if len(shingles) < config.min_shingles:
            continue
        minhash = signer.minhash(signatures[i])
        for j in sorted(lsh.query(minhash)):
            jaccard, containment = overlap(sets[j], shingles)
            if jaccard >= config.jaccard:
                matches.append(Match(j, i, jaccard, containment, "copy"))
            elif containment >= config.containment and min(len(sets[j]), len(shingles)) >= config.min_shingles:
                matches.append(Match(j, i, jaccard, containment, "partial"))
        lsh.insert(i, minhash, check_duplication=False)
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
