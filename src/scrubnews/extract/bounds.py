"""The article as a whole: which of the decoded article's runs of kept lines belong to it.

The decoder (``viterbi.py``) keeps one stretch of the page and drops lines
inside it on their own evidence, so the kept lines fall into runs with
dropped lines between them: a share bar, an "Advertisement", a "Related"
box, the feed chrome between the page's own story and a longer one that an
aggregator appends, the heading over a comment thread or a review's product
list. Whether the runs on either side of such a gap are one article is a
question about the whole, not about any one line: how many words lie past
the gap, whether they share the article's vocabulary, what the gap holds,
how sure the line model is on either side, what the first pass made of them.

Each candidate article is a prefix or a suffix of the runs (the whole stretch
is one of them). A learned model, gradient-boosted trees shipped as plain
data inside the line model's weights (fitted by ``python -m
scrubnews.training`` on the training pages' out-of-fold scores:
``training/bounds.py``), gives each candidate the log-odds that it beats the
whole stretch by more than 0.05 token F1; the likeliest candidate is the
article when its log-odds clear the model's ``margin``, learned on the same
pages. The lines it leaves out are cut before or after the article, each
with a reason that says so (``position:cut-before-article``,
``position:cut-after-article``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from scrubnews.extract.features import FEATURES
from scrubnews.extract.phrases import CODES
from scrubnews.extract.viterbi import Place

if TYPE_CHECKING:
    from scrubnews.extract.model import Bounds

# At most this many runs are told apart: on a page with more, the runs across the narrowest gaps
# count as one (a candidate never ends inside such a group).
MAX_RUNS = 64

BOUNDS_FEATURES: tuple[str, ...] = (
    "log_runs",
    "log_kept_words",
    "page_log_lines",
    "share_kept",
    "share_cut_before",
    "share_cut_after",
    "runs_cut_before",
    "runs_cut_after",
    "logit_in",
    "logit_cut_before",
    "logit_cut_after",
    "gap_before_lines",
    "gap_before_words",
    "gap_before_min_logit",
    "gap_before_markers",
    "gap_before_chrome",
    "gap_after_lines",
    "gap_after_words",
    "gap_after_min_logit",
    "gap_after_markers",
    "gap_after_chrome",
    "similarity_cut_before",
    "similarity_cut_after",
    "lede_similarity_cut_after",
    "first_pass_cut_before",
    "first_pass_cut_after",
    "prose_cut_after",
    "start_position",
    "end_position",
)

_MARKERS = [FEATURES.index("phrase=" + code) for code in ("marker:end", "teaser:marker")]
_CHROME = [FEATURES.index("phrase=" + code) for code in CODES] + [FEATURES.index("is_linklike")]
_PROSE = FEATURES.index("is_prose")


@dataclass(frozen=True)
class Candidates:
    """A page's candidate articles: ``first`` and ``last`` run of each (``runs`` runs in all, as
    ``starts``/``ends``: each run's first and last line), and their ``rows`` of ``BOUNDS_FEATURES``."""

    first: np.ndarray
    last: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    rows: np.ndarray


def runs_of(places: np.ndarray, gaps: np.ndarray | None = None, max_runs: int = MAX_RUNS) -> np.ndarray:
    """The first and last line of each run of kept lines in ``places`` (shape ``(runs, 2)``); past
    ``max_runs`` runs, those across the gaps with the fewest dropped lines are joined (the earlier
    gap first among equal ones).

    >>> runs_of(np.array([0, 1, 1, 2, 1, 2, 2, 1, 3])).tolist()
    [[1, 2], [4, 4], [7, 7]]
    >>> runs_of(np.array([0, 1, 1, 2, 1, 2, 2, 1, 3]), max_runs=2).tolist()
    [[1, 4], [7, 7]]
    """
    kept = np.flatnonzero(places == Place.KEEP)
    if len(kept) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    breaks = np.flatnonzero(np.diff(kept) > 1)
    if len(breaks) >= max_runs:
        widths = kept[breaks + 1] - kept[breaks]
        breaks = np.sort(breaks[np.argsort(-widths, kind="stable")[: max_runs - 1]])
    starts = np.concatenate([kept[:1], kept[breaks + 1]])
    ends = np.concatenate([kept[breaks], kept[-1:]])
    return np.column_stack([starts, ends]).astype(np.int64)


def candidates(
    rows: np.ndarray,
    words: np.ndarray,
    logits: np.ndarray,
    places: np.ndarray,
    first_kept: np.ndarray,
    entries: np.ndarray,
) -> Candidates | None:
    """The candidate articles of a page whose lines have ``rows`` (``FEATURES`` first), word
    counts ``words``, final ``logits`` and ``places``; ``first_kept`` marks the lines the first
    pass kept, ``entries`` are the lines' ``features.content_entries``. None when the article is
    one run (nothing to choose)."""
    runs = runs_of(places)
    count = len(runs)
    if count < 2:
        return None
    n = len(places)
    starts, ends = runs[:, 0], runs[:, 1]
    kept = places == Place.KEEP
    index = np.arange(n)
    run_of = np.searchsorted(starts, index, side="right") - 1  # the run a line is in or after
    inside = (run_of >= 0) & (index <= ends[np.maximum(run_of, 0)])
    in_run = kept & inside
    # Per run: kept words, their logit-weighted sum, first-pass words, prose words.
    weights = np.where(in_run, np.maximum(words, 1.0), 0.0)
    owner = np.where(in_run, run_of, count)
    run_words = np.bincount(owner, weights, minlength=count + 1)[:count]
    run_logit = np.bincount(owner, weights * logits, minlength=count + 1)[:count]
    run_first = np.bincount(owner, weights * first_kept, minlength=count + 1)[:count]
    run_prose = np.bincount(owner, weights * (rows[:, _PROSE] > 0), minlength=count + 1)[:count]
    # Per gap (between run k and k + 1): dropped lines and words, lowest logit, markers, chrome.
    gap_owner = np.where(~inside & (run_of >= 0) & (run_of < count - 1), run_of, count)
    gap_lines = np.bincount(gap_owner, minlength=count + 1)[: count - 1].astype(np.float64)
    gap_words = np.bincount(gap_owner, words, minlength=count + 1)[: count - 1]
    gap_markers = np.bincount(gap_owner, rows[:, _MARKERS].any(axis=1), minlength=count + 1)[: count - 1]
    gap_chrome = np.bincount(gap_owner, rows[:, _CHROME].any(axis=1), minlength=count + 1)[: count - 1]
    gap_min = np.full(count, np.inf)
    np.minimum.at(gap_min, gap_owner[gap_owner < count], logits[gap_owner < count])
    gap_min = np.where(np.isfinite(gap_min), gap_min, 0.0)[: count - 1]
    similarity, lede_similarity = _similarities(entries, owner, count)

    total = run_words.sum()
    cum_words = np.concatenate([[0.0], np.cumsum(run_words)])
    cum_logit = np.concatenate([[0.0], np.cumsum(run_logit)])
    cum_first = np.concatenate([[0.0], np.cumsum(run_first)])
    cum_prose = np.concatenate([[0.0], np.cumsum(run_prose)])
    # Prefixes (0, b) for every b, then suffixes (a, last) for every a > 0.
    first = np.concatenate([np.zeros(count, dtype=np.int64), np.arange(1, count)])
    last = np.concatenate([np.arange(count), np.full(count - 1, count - 1)])

    def mean(cum: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Word-weighted mean over runs lo..hi-1 (0 where empty)."""
        mass = cum_words[hi] - cum_words[lo]
        return np.asarray(np.divide(cum[hi] - cum[lo], mass, out=np.zeros(len(lo)), where=mass > 0))

    # The gap on each side of a candidate (gap k lies between runs k and k + 1).
    has_before, has_after = first > 0, last < count - 1
    bg, ag = np.clip(first - 1, 0, count - 2), np.clip(last, 0, count - 2)
    zero = np.zeros(len(first))
    table = {
        "log_runs": np.full(len(first), math.log1p(count)),
        "log_kept_words": np.full(len(first), math.log1p(total)),
        "page_log_lines": np.full(len(first), math.log1p(n)),
        "share_kept": (cum_words[last + 1] - cum_words[first]) / total,
        "share_cut_before": cum_words[first] / total,
        "share_cut_after": (total - cum_words[last + 1]) / total,
        "runs_cut_before": np.log1p(first),
        "runs_cut_after": np.log1p(count - 1 - last),
        "logit_in": mean(cum_logit, first, last + 1),
        "logit_cut_before": mean(cum_logit, zero.astype(np.int64), first),
        "logit_cut_after": mean(cum_logit, last + 1, np.full(len(first), count)),
        "gap_before_lines": np.where(has_before, np.log1p(gap_lines[bg]), 0.0),
        "gap_before_words": np.where(has_before, np.log1p(gap_words[bg]), 0.0),
        "gap_before_min_logit": np.where(has_before, gap_min[bg], 0.0),
        "gap_before_markers": np.where(has_before, gap_markers[bg], 0.0),
        "gap_before_chrome": np.where(has_before, gap_chrome[bg], 0.0),
        "gap_after_lines": np.where(has_after, np.log1p(gap_lines[ag]), 0.0),
        "gap_after_words": np.where(has_after, np.log1p(gap_words[ag]), 0.0),
        "gap_after_min_logit": np.where(has_after, gap_min[ag], 0.0),
        "gap_after_markers": np.where(has_after, gap_markers[ag], 0.0),
        "gap_after_chrome": np.where(has_after, gap_chrome[ag], 0.0),
        "similarity_cut_before": np.concatenate([zero[:count], similarity[1:, 1]]),
        "similarity_cut_after": np.concatenate([similarity[:, 0], zero[: count - 1]]),
        "lede_similarity_cut_after": np.concatenate([lede_similarity, zero[: count - 1]]),
        "first_pass_cut_before": mean(cum_first, zero.astype(np.int64), first),
        "first_pass_cut_after": mean(cum_first, last + 1, np.full(len(first), count)),
        "prose_cut_after": mean(cum_prose, last + 1, np.full(len(first), count)),
        "start_position": starts[first] / max(n - 1, 1),
        "end_position": ends[last] / max(n - 1, 1),
    }
    table_rows = np.column_stack([table[name] for name in BOUNDS_FEATURES]).astype(np.float64)
    return Candidates(first=first, last=last, starts=starts, ends=ends, rows=table_rows)


def _similarities(entries: np.ndarray, owner: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarities of content words, per split point k: ``[k, 0]`` between runs 0..k and
    the runs after k, ``[k, 1]`` between the runs before k and runs k..last; and between run 0
    (the lede) and the runs after k. ``owner`` is each line's run (``count`` when in none)."""
    if len(entries) == 0:
        return np.zeros((count, 2)), np.zeros(count)
    line, word, number = entries[:, 0].astype(np.int64), entries[:, 1].astype(np.int64), entries[:, 2]
    run = owner[line]
    use = run < count
    vocabulary = int(word.max()) + 1
    matrix = np.zeros((count, vocabulary))
    np.add.at(matrix, (run[use], word[use]), number[use])
    prefix = np.cumsum(matrix, axis=0)
    whole = prefix[-1]
    rest = whole - prefix  # runs after k
    similarity = np.zeros((count, 2))
    similarity[:, 0] = _cosine(prefix, rest)
    # Runs before k against runs k..last: prefix[k - 1] against whole - prefix[k - 1].
    before = np.vstack([np.zeros((1, vocabulary)), prefix[:-1]])
    similarity[:, 1] = _cosine(before, whole - before)
    lede = _cosine(np.broadcast_to(matrix[0], rest.shape), rest)
    return similarity, lede


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.asarray(np.divide((a * b).sum(axis=1), norms, out=np.zeros(len(a)), where=norms > 0))


def odds(bounds: Bounds, found: Candidates) -> np.ndarray:
    """Each candidate's log-odds of beating the whole stretch."""
    return bounds.trees.logits(found.rows)


def chosen(found: Candidates, predicted: np.ndarray, margin: float) -> int | None:
    """The candidate to keep: the likeliest (``predicted`` log-odds), when they clear ``margin``
    and it is not the whole stretch; else None."""
    whole = len(found.first) // 2  # the prefix that ends on the last run
    best = int(np.argmax(predicted))
    if best == whole or predicted[best] <= margin:
        return None
    return best


def bounded(places: np.ndarray, found: Candidates, pick: int | None) -> np.ndarray:
    """``places`` with the decoded stretch's lines outside candidate ``pick`` cut before or after
    the article (``Place.CUT_BEFORE``, ``Place.CUT_AFTER``: their reason says the article step
    left them out)."""
    if pick is None:
        return places
    start, end = int(found.starts[found.first[pick]]), int(found.ends[found.last[pick]])
    out = places.copy()
    out[int(found.starts[0]) : start] = Place.CUT_BEFORE
    out[end + 1 : int(found.ends[-1]) + 1] = Place.CUT_AFTER
    return out


def choose_article(
    bounds: Bounds | None,
    rows: np.ndarray,
    words: np.ndarray,
    logits: np.ndarray,
    places: np.ndarray,
    first_kept: np.ndarray,
    entries: np.ndarray,
) -> np.ndarray:
    """``places`` bounded to the candidate article the model picks (``chosen``), or unchanged
    (no model, one run, or no candidate clears the margin)."""
    if bounds is None:
        return places
    found = candidates(rows, words, logits, places, first_kept, entries)
    if found is None:
        return places
    return bounded(places, found, chosen(found, odds(bounds, found), bounds.margin))
