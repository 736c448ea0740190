"""Where the story breaks: gaps, their features and the walk that cuts or bridges the article."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from scrubnews.extract.breaks import GAP_FEATURES, PageView, gap_features, next_gap, walk
from scrubnews.extract.features import features, line_tokens
from scrubnews.extract.viterbi import Place
from scrubnews.text import stoplist

K, H, B, A = Place.KEEP, Place.HOLE, Place.BEFORE, Place.AFTER
STOPS = stoplist("English")

YOGA = [
    "If January has been a test of my yoga practice, I would get full marks for patience with the plumber.",
    "The kitchen has gone, the heating upstairs is out and the plumber keeps promising to come on Tuesday.",
    "Related",
    "The best graphic design courses for beginners",
    "Catering tips to make your next event a success",
    "Yoga on a cold floor next to the missing kitchen teaches patience with the plumber and with myself too.",
    "When the heating comes back and the plumber finally leaves, my yoga practice will still be there for me.",
]


def view_of(texts: list[str]) -> PageView:
    tokens = line_tokens(texts)
    rows = features(texts, tokens, [(2 * i + 1, 2 * i + 1) for i in range(len(texts))], STOPS)
    return PageView.of(texts, tokens, rows, STOPS, np.zeros(len(texts)))


def test_a_gap_is_the_non_prose_lines_between_two_runs_of_prose() -> None:
    view = view_of(YOGA)
    gap = next_gap(view, 0)
    assert gap is not None
    assert (gap.start, gap.end, gap.run_end) == (2, 5, 7)
    assert next_gap(view, 5) is None  # the page ends in prose


def test_gap_features_name_every_column_and_see_the_shared_story() -> None:
    view = view_of(YOGA)
    gap = next_gap(view, 0)
    assert gap is not None
    row = gap_features(view, gap, np.array([0, 1]))
    assert row.shape == (len(GAP_FEATURES),)
    assert np.isfinite(row).all()
    assert row[GAP_FEATURES.index("article_similarity")] > 0.2  # plumber, yoga, heating, kitchen
    assert row[GAP_FEATURES.index("gap_lines")] == np.log1p(3)


def test_rare_words_weigh_more_than_words_on_every_line() -> None:
    view = view_of(["menu yoga", "menu plumber", "menu kitchen", "menu heating"])
    assert 0.0 < view.overlap(view.content([0]), view.content([1])) < 0.5  # only "menu" is shared
    assert view.overlap(view.content([0]), view.content([0])) == 1.0
    assert view.overlap(view.content([]), view.content([0])) == 0.0


def test_a_gap_inside_the_article_judged_a_break_ends_it_there() -> None:
    view = view_of(YOGA)
    places = np.array([K, K, K, K, K, K, K], dtype=np.int8)
    cut_places, cut = walk(view, places, lambda row, gap, inside, kept: False)
    assert cut_places.tolist() == [K, K, A, A, A, A, A]
    assert cut.tolist() == [False, False, True, True, True, True, True]


def test_a_gap_after_the_article_judged_a_continuation_is_bridged() -> None:
    view = view_of(YOGA)
    places = np.array([K, K, A, A, A, A, A], dtype=np.int8)
    bridged, cut = walk(view, places, lambda row, gap, inside, kept: True)
    assert bridged.tolist() == [K, K, H, H, H, K, K]
    assert not cut.any()
    kept, _ = walk(view, places, lambda row, gap, inside, kept: False)
    assert kept.tolist() == places.tolist()


@given(st.lists(st.sampled_from([int(B), int(K), int(H), int(A)]), min_size=1, max_size=7), st.booleans())
def test_the_walk_never_keeps_a_line_before_the_article_or_reorders_places(raw: list[int], verdict: bool) -> None:
    texts = YOGA[: len(raw)]
    places = np.sort(np.array(raw, dtype=np.int8))  # BEFORE < KEEP/HOLE < AFTER, as a decoder leaves them
    places = np.where(places == H, K, places).astype(np.int8)
    out, _ = walk(view_of(texts), places, lambda row, gap, inside, kept: verdict)
    assert (out[places == B] == B).all()  # nothing above the article is taken in
    if (places == K).any():
        assert out[np.flatnonzero(places == K)[0]] == K  # the article's first line stays
