"""The article as a whole among the decoded stretch's runs (``extract/bounds.py``)."""

import numpy as np
import pytest

from scrubnews.extract.bounds import BOUNDS_FEATURES, bounded, candidates, choose_article, chosen, runs_of
from scrubnews.extract.features import FEATURES, content_entries, line_tokens
from scrubnews.extract.model import Bounds, Trees, shipped_model
from scrubnews.extract.viterbi import Place

# A page: the article (two runs split by an ad label), feed chrome, another story.
TEXTS = [
    "Mars rocket launch delayed after engine fault",
    "The Mars rocket launch was delayed on Tuesday after engineers found an engine fault.",
    "Advertisement",
    "Engineers said the Mars rocket engine fault would take weeks to repair before launch.",
    "More from the site",
    "Cats now outnumber dogs in city flats, a pet survey says.",
    "The pet survey of city flats counted cats and dogs in every district this spring.",
]
STOPS = frozenset({"the", "and", "after", "from", "was", "on", "an", "in", "a", "of", "this", "would", "before"})
PLACES = np.array([0, 1, 2, 1, 2, 1, 1], dtype=np.int8)
LOGITS = np.array([-1.0, 3.0, -2.0, 2.5, -3.0, 0.5, 0.4])


def _candidates() -> object:
    rows = np.zeros((len(TEXTS), len(FEATURES)))
    rows[4, FEATURES.index("phrase=marker:end")] = 1
    rows[[1, 3, 5, 6], FEATURES.index("is_prose")] = 1
    words = np.array([len(t.split()) for t in TEXTS], dtype=np.float64)
    entries = content_entries(line_tokens(TEXTS), STOPS)
    return candidates(rows, words, LOGITS, PLACES, PLACES == Place.KEEP, entries)


def _one_split(feature: str, threshold: float, low: float, high: float) -> Trees:
    """A one-tree ensemble: ``high`` where ``feature`` > ``threshold``, else ``low``."""
    return Trees(
        feature=np.array([BOUNDS_FEATURES.index(feature), 0, 0], dtype=np.int32),
        threshold=np.array([threshold, np.inf, np.inf]),
        children=np.array([2, 1, 1, 1, 2, 2], dtype=np.int32),  # [2k] right, [2k + 1] left
        value=np.array([0.0, low, high]),
        roots=np.array([0], dtype=np.int32),
        depth=1,
        baseline=0.0,
    )


def test_runs_are_the_kept_lines_between_dropped_ones() -> None:
    assert runs_of(PLACES).tolist() == [[1, 1], [3, 3], [5, 6]]
    assert runs_of(np.array([0, 0, 3])).tolist() == []


def test_the_candidates_are_every_prefix_and_suffix_of_the_runs() -> None:
    found = _candidates()
    assert list(zip(found.first.tolist(), found.last.tolist(), strict=True)) == [(0, 0), (0, 1), (0, 2), (1, 2), (2, 2)]
    assert found.rows.shape == (5, len(BOUNDS_FEATURES))
    row = dict(zip(BOUNDS_FEATURES, found.rows[1], strict=True))  # the article's two runs, the story cut
    assert row["share_kept"] == pytest.approx(28 / 54)
    assert row["gap_after_markers"] == 1
    assert row["gap_after_min_logit"] == -3.0
    assert row["runs_cut_after"] == pytest.approx(np.log1p(1))
    # The story after the chrome shares no content word with the article; its two runs share many.
    assert row["similarity_cut_after"] == 0.0
    first_run = dict(zip(BOUNDS_FEATURES, found.rows[0], strict=True))
    assert first_run["similarity_cut_after"] > 0.3


def test_a_single_run_has_nothing_to_choose() -> None:
    rows = np.zeros((3, len(FEATURES)))
    places = np.array([0, 1, 3])
    assert candidates(rows, np.ones(3), np.zeros(3), places, places == 1, np.zeros((0, 3))) is None


def test_the_best_candidate_is_kept_only_when_it_clears_the_margin() -> None:
    found = _candidates()
    whole = len(found.first) // 2
    odds = np.array([-1.0, 0.9, -1.0, -1.0, -1.0])
    assert chosen(found, odds, 0.5) == 1
    assert chosen(found, odds, 0.9) is None
    odds[whole] = 1.5  # the whole stretch the likeliest: nothing changes
    assert chosen(found, odds, 0.0) is None
    # The stretch's lines left out are cut (their own places, 4 and 5); those outside it stay.
    assert bounded(PLACES, found, 1).tolist() == [0, 1, 2, 1, 5, 5, 5]
    assert bounded(PLACES, found, 4).tolist() == [0, 4, 4, 4, 4, 1, 1]
    assert bounded(PLACES, found, None) is PLACES


def test_choose_article_cuts_where_the_model_says_the_story_changes() -> None:
    rows = np.zeros((len(TEXTS), len(FEATURES)))
    words = np.array([len(t.split()) for t in TEXTS], dtype=np.float64)
    entries = content_entries(line_tokens(TEXTS), STOPS)
    # Log-odds 0.2 for a candidate that shares nothing with what it leaves out after it.
    cut_unrelated = Bounds(trees=_one_split("similarity_cut_after", 0.05, 0.2, -0.1), margin=0.05)
    # (the two-run prefix: the last run shares nothing with it; the one-run prefix shares with run 2)
    first, second = (cut_unrelated.trees.logits(_candidates().rows) > 0).tolist()[:2]
    assert (first, second) == (False, True)
    chosen_places = choose_article(cut_unrelated, rows, words, LOGITS, PLACES, PLACES == 1, entries)
    assert chosen_places.tolist() == [0, 1, 2, 1, 5, 5, 5]
    assert choose_article(None, rows, words, LOGITS, PLACES, PLACES == 1, entries) is PLACES


def test_past_the_cap_the_narrowest_gaps_join_runs() -> None:
    places = np.array([1, 2] * 70 + [1], dtype=np.int8)
    runs = runs_of(places, max_runs=64)
    assert len(runs) == 64
    assert runs[0, 0] == 0 and runs[-1, 1] == len(places) - 1


def test_the_shipped_text_model_reads_these_features() -> None:
    model = shipped_model("text")
    if model.bounds is None:
        pytest.skip("weights without an article model")
    assert model.bounds.trees.feature.max() < len(BOUNDS_FEATURES)
