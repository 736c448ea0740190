"""The decoder on synthetic score sequences: what a whole-page view buys over line-by-line thresholds."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrubnews.extract.viterbi import Place, best_places

K, H, B, A = Place.KEEP, Place.HOLE, Place.BEFORE, Place.AFTER


def run(logits: list[float], weights: list[float] | None = None, hole_cost: float = 5.0) -> list[int]:
    w = np.ones(len(logits)) if weights is None else np.array(weights, dtype=float)
    return best_places(np.array(logits, dtype=float), w, 0.0, hole_cost).tolist()


def test_one_stray_menu_word_does_not_end_the_article() -> None:
    # Prose, a short line the model dislikes ("Latest"), more prose.
    places = run([-4, 3, 3, -2, 3, 3, -4], weights=[1, 20, 20, 1, 20, 20, 1])
    assert places[1:6] == [K, K, H, K, K] or places[1:6] == [K, K, K, K, K]
    assert places[0] == B and places[-1] == A


def test_a_banner_far_above_the_article_does_not_start_it() -> None:
    # A cookie banner scoring a little above zero, a long menu, then the article.
    logits = [0.5] + [-3.0] * 10 + [3.0] * 5
    weights = [10.0] + [1.0] * 10 + [20.0] * 5
    places = run(logits, weights, hole_cost=10.0)
    assert places[0] == B
    assert places[11:] == [K] * 5


def test_nothing_worth_keeping_keeps_nothing() -> None:
    assert set(run([-1.0, -2.0, -0.5])) <= {B, A}


def test_free_holes_make_it_a_threshold() -> None:
    logits = [-1.0, 2.0, -1.0, 2.0, -1.0]
    assert [p == K for p in run(logits, hole_cost=0.0)] == [x > 0 for x in logits]


def test_empty_page() -> None:
    assert run([]) == []


@given(st.lists(st.floats(-5, 5), min_size=1, max_size=40), st.floats(0, 20))
def test_places_always_run_before_keep_hole_after(logits: list[float], hole_cost: float) -> None:
    """The article is one stretch: before-lines first, after-lines last, no keep after an after."""
    places = run(logits, hole_cost=hole_cost)
    order = {B: 0, K: 1, H: 1, A: 2}
    ranks = [order[Place(p)] for p in places]
    assert ranks == sorted(ranks)
    if H in places:
        first, last = places.index(K), len(places) - 1 - places[::-1].index(K)
        assert all(first < i < last for i, p in enumerate(places) if p == H)


@pytest.mark.parametrize("hole_cost", [0.0, 3.0, 30.0])
def test_every_kept_line_above_bias_inside_a_long_article(hole_cost: float) -> None:
    logits = [2.0] * 10
    assert run(logits, hole_cost=hole_cost) == [K] * 10
