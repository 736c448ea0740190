"""The article as the best keep/drop sequence over the whole page.

A line model scores lines one at a time; the decoder looks at the page at
once. It chooses, by dynamic programming (Viterbi over four states), where
the article starts and ends and which lines inside it are holes (an ad, a
caption credit, a share bar between two paragraphs):

    before ──> keep <──> hole ──> after
                 └───────────────────┘

Each kept line earns its weight (its word count, since the article is judged
by its words) times its log-odds above ``bias``; dropped lines earn nothing;
opening a hole costs ``hole_cost`` and re-entering the article after the
start costs nothing. So one stray menu word with a low score cannot end the
article (a one-line hole is cheap next to the prose on both sides), a banner
of moderate score far above the article cannot start it (the hole to bridge
costs more than the banner earns), and the whole page is never dropped when
some line is likelier in than out.

A hole is priced for the stretch, not for one line: a one-word marker
inside the article ("READ MORE:", "Advertisement") earns so little that
bridging it is cheaper than opening a hole, so the decoder keeps it.
``punch_holes`` then drops every kept line whose own log-odds are below a
learned ``drop_below``: each line inside the article on its own evidence.
And ``trim_edges`` lets the article neither start nor end on a line scored
below a learned ``edge_below``: a weak line is kept for the prose around it,
and at an edge there is prose on one side only (a copyright line after the
last paragraph).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from scrubnews.extract.hot import kernels


class Place(IntEnum):
    """Where a line ended up. The decoder gives the first four; the article step
    (``bounds.py``) moves the decoded stretch's lines it leaves out to the last two."""

    BEFORE = 0
    KEEP = 1
    HOLE = 2
    AFTER = 3
    CUT_BEFORE = 4
    CUT_AFTER = 5


def best_places(logits: np.ndarray, weights: np.ndarray, bias: float, hole_cost: float) -> np.ndarray:
    """Each line's ``Place`` in the best sequence; all BEFORE when nothing is worth keeping.

    >>> best_places(np.array([-3.0, 2.0, -1.0, 2.0, -3.0]), np.ones(5), 0.0, 0.5).tolist()
    [0, 1, 2, 1, 3]
    >>> best_places(np.array([-3.0, 2.0, -1.0, 2.0, -3.0]), np.ones(5), 0.0, 5.0).tolist()
    [0, 1, 1, 1, 3]
    """
    gain = weights * (np.asarray(logits, dtype=np.float64) - bias)
    return np.asarray(kernels.viterbi(gain, float(hole_cost)), dtype=np.int8)


def punch_holes(places: np.ndarray, logits: np.ndarray, drop_below: float) -> np.ndarray:
    """``places`` with every KEEP line whose logit is under ``drop_below`` made a hole (or BEFORE
    / AFTER when no kept line is left on that side of it).

    >>> punch_holes(np.array([0, 1, 1, 1, 3]), np.array([-3.0, -2.0, 2.0, -2.0, -3.0]), -1.0).tolist()
    [0, 0, 1, 3, 3]
    >>> punch_holes(np.array([1, 1, 1]), np.array([2.0, -2.0, 2.0]), -1.0).tolist()
    [1, 2, 1]
    """
    punched = np.where((places == Place.KEEP) & (logits < drop_below), int(Place.HOLE), places).astype(np.int8)
    kept = np.flatnonzero(punched == Place.KEEP)
    if len(kept) == 0:
        return np.where(punched == Place.HOLE, int(Place.BEFORE), punched).astype(np.int8)
    index = np.arange(len(punched))
    punched[(punched == Place.HOLE) & (index < kept[0])] = Place.BEFORE
    punched[(punched == Place.HOLE) & (index > kept[-1])] = Place.AFTER
    return punched


def trim_edges(places: np.ndarray, logits: np.ndarray, edge_below: float) -> np.ndarray:
    """``places`` with the kept lines before the first and after the last kept line scored at
    least ``edge_below`` moved out of the article; unchanged when no kept line scores that much.

    >>> trim_edges(np.array([0, 1, 1, 2, 1, 1, 3]), np.array([-3.0, -0.2, 2.0, -2.0, 2.0, -0.3, -3.0]), 0.0).tolist()
    [0, 0, 1, 2, 1, 3, 3]
    >>> trim_edges(np.array([1, 1]), np.array([-0.2, -0.3]), 0.0).tolist()
    [1, 1]
    """
    strong = np.flatnonzero((places == Place.KEEP) & (logits >= edge_below))
    if len(strong) == 0:
        return places
    index = np.arange(len(places))
    trimmed = places.copy()
    trimmed[index < strong[0]] = Place.BEFORE
    trimmed[index > strong[-1]] = Place.AFTER
    return trimmed
