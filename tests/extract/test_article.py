"""The article's final places (``extract/article.py``): the rules after the decoder."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scrubnews.extract.article import without_short_lines
from scrubnews.extract.viterbi import Place, best_places

K = Place.KEEP


@given(
    st.lists(st.tuples(st.integers(0, 8), st.floats(-4, 4)), min_size=1, max_size=40),
    st.sampled_from([1.0, 2.0, 4.0]),
    st.floats(-1, 1),
)
def test_the_short_line_rule_only_drops_short_low_lines(
    lines: list[tuple[int, float]], short_words: float, short_below: float
) -> None:
    """``article.without_short_lines`` on a decoded page: it never keeps a line the decoder
    dropped, drops only lines of at most ``short_words`` words scored under ``short_below``, and
    leaves an article with at least one line."""
    words = np.array([w for w, _ in lines], dtype=float)
    logits = np.array([z for _, z in lines])
    places = best_places(logits, np.maximum(words, 1.0), 0.0, 5.0)
    out = without_short_lines(words, logits, places, {"short_words": short_words, "short_below": short_below})
    kept, now = places == K, out == K
    assert not (now & ~kept).any()
    dropped = kept & ~now
    assert (words[dropped] <= short_words).all() and (logits[dropped] < short_below).all()
    assert now.any() == kept.any()
