"""The near-duplicate search as a shuffle gives exactly the local answers, for any partitioning."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrubnews.config import DedupConfig
from scrubnews.document import Document, Paragraph, Verdict
from scrubnews.neardup.dedup import LocalComparison, is_compared
from scrubnews.neardup.shuffle import (
    InProcess,
    ShuffleComparison,
    bucket_pairs,
    compared_indices,
    later_copies,
    pack,
    shard_sets,
)

CONFIG = DedupConfig()
WORDS = [
    "the",
    "mayor",
    "said",
    "council",
    "budget",
    "road",
    "storm",
    "school",
    "river",
    "court",
    "police",
    "market",
    "water",
    "city",
    "plan",
    "vote",
]


def corpus(seed: int, files: int, copies_of_one: int) -> list[Document]:
    """Files of paragraphs drawn from a small pool, copied exactly, reworded a little, or new;
    one paragraph in ``copies_of_one`` files (a bucket too large to pair every member); some
    paragraphs dropped by the model, some as chrome (never compared)."""
    rng = random.Random(seed)
    pool = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))) + "." for _ in range(12)]
    docs = []
    for f in range(files):
        texts = [rng.choice(pool) for _ in range(rng.randint(0, 6))]
        texts = [" ".join(w if rng.random() > 0.1 else rng.choice(WORDS) for w in t.split()) for t in texts]
        if f < copies_of_one:  # each copy distinct: one word of its own
            texts.append(" ".join(WORDS * 2) + f" copy{f}.")
        paragraphs = []
        for k, text in enumerate(texts):
            verdict, reason = rng.choice(
                [(Verdict.KEEP, ""), (Verdict.KEEP, ""), (Verdict.BOILERPLATE, "model:low-score"),
                 (Verdict.BOILERPLATE, "junk:share")]
            )  # fmt: skip
            paragraphs.append(Paragraph(text, k, 2 * k + 1, 2 * k + 1, verdict, reason))
        problem = "cannot read" if rng.random() < 0.05 else None
        docs.append(Document(path=f"f{f:03d}.txt", paragraphs=tuple(paragraphs), problem=problem))
    return docs


def compare_both(docs: list[Document], parts: int, shard: int) -> None:
    local = LocalComparison(CONFIG)
    shuffled = ShuffleComparison(InProcess(), CONFIG, parts)
    for start in range(0, len(docs), shard):
        part = docs[start : start + shard]
        shuffled.note_shard(shard_sets(part, CONFIG.shingle_size), compared_indices(part))
    for number, doc in enumerate(docs):
        if doc.is_ok:
            # The cross-file stages may drop a compared paragraph (a template line): pick a subset.
            chosen = [p for p in doc.paragraphs if is_compared(p) and (p.index + number) % 5 != 4]
            local.add(chosen)
            shuffled.add_indices(number, [p.index for p in chosen])
    first_of, matches = local.compare()
    assert shuffled.compare() == (first_of, matches)
    pairs = [(m.second, m.first) for m in matches] + [(k, f) for k, f in enumerate(first_of) if f != k]
    assert shuffled.overlaps(pairs) == local.overlaps(pairs)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(1, 60), st.integers(1, 6), st.integers(1, 9))
def test_the_shuffle_finds_exactly_the_local_matches(seed: int, files: int, parts: int, shard: int) -> None:
    compare_both(corpus(seed, files, copies_of_one=0), parts, shard)


def test_a_bucket_of_hundreds_of_copies_pairs_as_locally() -> None:
    """Buckets of over ``_BUCKET_ALL_PAIRS`` members pair each with the first few only: the same ones."""
    docs = corpus(7, 300, copies_of_one=200)
    compare_both(docs, parts=4, shard=32)
    local = LocalComparison(CONFIG)
    for doc in docs:
        if doc.is_ok:
            local.add([p for p in doc.paragraphs if is_compared(p)])
    matches = local.compare()[1]
    assert len(matches) > 1_000


def test_later_copies_name_the_first_of_each_identical_set() -> None:
    rows = (np.array([5, 1, 5, 5], dtype=np.uint64), np.array([2, 1, 2, 3], dtype=np.uint64), np.array([9, 4, 3, 6]))
    later, first = later_copies(rows)
    assert later.tolist() == [9] and first.tolist() == [3]


def test_bucket_pairs_pair_runs_of_equal_keys_in_order() -> None:
    keys = np.array([1, 1, 2, 3, 3, 3], dtype=np.uint64)
    assert bucket_pairs(keys, np.array([4, 7, 1, 0, 2, 5])).tolist() == [[4, 7], [0, 2], [0, 5], [2, 5]]


def test_pack_keeps_empty_sets() -> None:
    offsets, values = pack([np.array([3, 4], dtype=np.uint32), np.zeros(0, dtype=np.uint32)])
    assert offsets.tolist() == [0, 2, 2] and values.tolist() == [3, 4]
