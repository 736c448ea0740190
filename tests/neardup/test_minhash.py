import random

import numpy as np
from datasketch import MinHash

from scrubnews.config import DedupConfig
from scrubnews.neardup.minhash import Match, Signer, affine32_permutations, candidate_pairs, clusters, find_matches
from scrubnews.neardup.shingles import ShingleHasher

BASE = (
    "The head of the Russian sovereign wealth fund pitched a partnership for Mars exploration to Elon Musk "
    "on Saturday, saying the two countries should work together for the glory of humanity."
)
OTHER = (
    "Ukrainian forces are facing a critical shortage of drones, the broadcaster reported, citing officers "
    "from several units who said a third of what the army needs is bought with unit funds."
)


def sets(*texts: str) -> list:  # type: ignore[type-arg]
    return ShingleHasher(2).many(list(texts))


def test_signatures_equal_datasketch_minhash() -> None:
    hashes = ShingleHasher(2)(BASE)
    expected = MinHash(num_perm=64, seed=1, hashfunc=int)
    expected.update_batch(hashes.tolist())
    assert np.array_equal(Signer(64, 1).sign([hashes])[0], expected.hashvalues)


def test_permutations_are_datasketchs() -> None:
    for num_perm, seed in [(64, 1), (128, 7), (16, 0), (32, 2**32 - 1)]:
        a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        ours = affine32_permutations(num_perm, seed)
        assert np.array_equal(np.asarray(a, dtype=np.uint32), ours[0])
        assert np.array_equal(np.asarray(b, dtype=np.uint32), ours[1])


def test_copy_partial_and_unrelated() -> None:
    trimmed = " ".join(BASE.split()[:9])  # a lede: Jaccard ~0.25, containment 1
    wire = "MOSCOW (Reuters) - " + BASE.replace("Saturday", "Sunday")
    matches = find_matches(sets(BASE, wire, trimmed, OTHER), DedupConfig())
    by_pair = {(m.first, m.second): m for m in matches}
    assert by_pair[(0, 1)].kind == "copy"
    assert by_pair[(0, 2)].kind == "partial" and by_pair[(0, 2)].containment == 1.0
    assert not any(3 in pair for pair in by_pair)


def test_short_lines_are_never_compared() -> None:
    assert find_matches(sets("Related Articles", "Related Articles"), DedupConfig()) == []


def test_pairs_do_not_depend_on_input_order() -> None:
    texts = [BASE, OTHER, "MOSCOW (Reuters) - " + BASE, BASE.split(" on Saturday")[0] + ".", OTHER + " (AP)"]
    reference = {frozenset((texts[m.first], texts[m.second])) for m in find_matches(sets(*texts), DedupConfig())}
    shuffled = texts[:]
    random.Random(3).shuffle(shuffled)
    again = {frozenset((shuffled[m.first], shuffled[m.second])) for m in find_matches(sets(*shuffled), DedupConfig())}
    assert again == reference and len(reference) == 4


def test_candidate_pairs_are_unique_and_ordered() -> None:
    sig = np.array([[1, 1, 2, 2], [1, 1, 2, 2], [1, 1, 3, 3], [9, 9, 9, 9]], dtype=np.uint32)
    assert candidate_pairs(sig, 2, np.ones(4, dtype=bool)).tolist() == [[0, 1], [0, 2], [1, 2]]
    assert candidate_pairs(sig, 2, np.array([True, False, True, True])).tolist() == [[0, 2]]


def test_clusters_follow_best_match_not_chains() -> None:
    # Two template lines (0, 1) match weakly in one document; their copies
    # (2, 3) in other documents each match their own original strongly.
    matches = [
        Match(0, 1, 0.45, 0.6, "copy"),
        Match(0, 2, 0.95, 1.0, "copy"),
        Match(1, 2, 0.45, 0.6, "copy"),
        Match(1, 3, 0.9, 1.0, "copy"),
    ]
    assert clusters(4, matches, [0, 0, 1, 2]) == [0, 1, 0, 1]


def test_thousands_of_near_copies_cost_linear_pairs_and_still_cluster() -> None:
    text = (
        "The regional council approved the new flood defences after a debate that lasted most of the afternoon, "
        "and engineers said the walls would protect about two thousand homes along the river"
    )
    hasher = ShingleHasher(2)
    sets = [hasher(f"{text} on day {n}.") for n in range(2000)]
    matches = find_matches(sets, DedupConfig())
    assert len(matches) < 20 * len(sets)  # all pairs would be two million
    roots = clusters(len(sets), matches, list(range(len(sets))))
    assert set(roots) == {0}
