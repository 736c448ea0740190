"""The candidate model of ``extract/bounds.py``: fitted on the story pass's out-of-fold scores.

For every full-gold training rendering whose decoded article is two runs or
more, each candidate article (a prefix or a suffix of the runs) gets its
``BOUNDS_FEATURES`` and its token F1 against the gold. Gradient-boosted
trees learn the odds that a candidate beats the whole stretch by more than
``GAIN`` (each page weighs the same, however many candidates it has), 5-fold
cross-validated by site; the odds the best candidate must clear (the
margin) are those that give the best mean token F1 on the out-of-fold
predictions, over every full-gold rendering (the one-run ones included);
then the trees are fitted on all of them. (Regression on the gain itself
was tried first: it did not beat the whole stretch on train,
``benchmarks/README.md``.)
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from scrubnews.extract.article import article_places, line_words
from scrubnews.extract.bounds import BOUNDS_FEATURES, Candidates, candidates, chosen
from scrubnews.extract.features import content_entries, line_tokens
from scrubnews.extract.viterbi import Place
from scrubnews.text import words
from scrubnews.training.evaluate import counts_f1, first_kept
from scrubnews.training.fit import classifier, site_folds
from scrubnews.training.pages import Page

GAIN = 0.05  # in token F1: what a candidate must beat the whole stretch by to count as better
MARGINS = tuple(math.log(p / (1 - p)) for p in (0.5, 0.6, 0.7, 0.8, 0.9))  # the odds, as log-odds


@dataclass
class Table:
    """One rendering's candidates, the F1 of each and of the whole stretch."""

    found: Candidates | None
    f1: np.ndarray  # per candidate
    whole: float  # the whole stretch's token F1 (the pages with one run: their only F1)
    variant: str
    domain: str


def table(page: Page, logits: np.ndarray, decoder: dict[str, float]) -> Table:
    """The candidates of a full-gold ``page`` under its final ``logits``, each with its token F1."""
    words_ = line_words(page.texts)
    places = article_places(page.texts, page.rows, words_, logits, decoder)
    gold = Counter(words(page.gold or ""))
    kept_counts = [Counter(words(t)) if p == Place.KEEP else Counter() for t, p in zip(page.texts, places, strict=True)]
    whole = counts_f1(sum(kept_counts, Counter()), gold)
    entries = content_entries(line_tokens(page.texts), page.stops)
    found = candidates(page.rows, words_, logits, places, first_kept(page), entries)
    if found is None:
        return Table(None, np.zeros(0), whole, page.variant, page.domain)
    runs = [sum(kept_counts[s : e + 1], Counter()) for s, e in zip(found.starts, found.ends, strict=True)]
    f1 = np.array(
        [counts_f1(sum(runs[a : b + 1], Counter()), gold) for a, b in zip(found.first, found.last, strict=True)]
    )
    return Table(found, f1, whole, page.variant, page.domain)


def fit_trees(tables: list[Table], trees: int = 200) -> object:
    use = [t for t in tables if t.found is not None]
    rows = np.vstack([t.found.rows for t in use])  # type: ignore[union-attr]
    better = np.concatenate([t.f1 - t.whole > GAIN for t in use])
    weights = np.concatenate([np.full(len(t.f1), 1.0 / len(t.f1)) for t in use])
    model = classifier(trees, learning_rate=0.05, max_depth=4, max_leaf_nodes=15)
    model.fit(rows, better.astype(np.int8), sample_weight=weights)  # type: ignore[attr-defined]
    return model


def outcome(tab: Table, predicted: np.ndarray | None, margin: float) -> float:
    """The token F1 a rendering gets when the candidate ``chosen`` under ``margin`` is kept."""
    if tab.found is None or predicted is None:
        return tab.whole
    pick = chosen(tab.found, predicted, margin)
    return tab.whole if pick is None else float(tab.f1[pick])


def cross_validate(tables: list[Table], k: int = 5, trees: int = 200) -> tuple[list[np.ndarray | None], float | None]:
    """Out-of-fold log-odds (5 folds by site) and the margin that does best on them (None when
    none beats the whole stretch: the weights then have no article model); prints the train-CV
    figures per rendering."""
    predicted: list[np.ndarray | None] = [None] * len(tables)
    for train, test in site_folds([t.domain for t in tables], k):
        model = fit_trees([tables[i] for i in train], trees)
        for i in test:
            found = tables[i].found
            if found is not None:
                predicted[i] = np.asarray(model.decision_function(found.rows), dtype=np.float64)  # type: ignore[attr-defined]
    scores = {m: float(np.mean([outcome(t, p, m) for t, p in zip(tables, predicted, strict=True)])) for m in MARGINS}
    margin = max(MARGINS, key=lambda m: scores[m])
    base = float(np.mean([t.whole for t in tables]))
    print(
        f"bounds train CV: whole stretch {base:.4f}; by margin (log-odds) "
        + ", ".join(f"{m:.2f}: {s:.4f}" for m, s in scores.items())
        + (f"; margin {margin:.2f}" if scores[margin] > base else "; none beats the whole stretch: no article model")
    )
    if scores[margin] <= base:
        return predicted, None
    for variant in dict.fromkeys(t.variant for t in tables):
        items = [(t, p) for t, p in zip(tables, predicted, strict=True) if t.variant == variant]
        before, after = [t.whole for t, _ in items], [outcome(t, p, margin) for t, p in items]
        print(
            f"  {variant:14s} {np.mean(before):.4f} -> {np.mean(after):.4f}  pages better "
            f"{sum(a > b for a, b in zip(after, before, strict=True))}, worse "
            f"{sum(a < b for a, b in zip(after, before, strict=True))}, under 0.5 "
            f"{sum(b < 0.5 for b in before)} -> {sum(a < 0.5 for a in after)}"
        )
    return predicted, margin


def exported(model: object, margin: float) -> dict[str, object]:
    """The fitted trees and their margin as the weights file's ``bounds`` part."""
    from scrubnews.training.export import trees

    return {**trees(model), "margin": margin, "features": list(BOUNDS_FEATURES)}
