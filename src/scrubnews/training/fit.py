"""The gradient-boosted trees: fitted on rendered pages, cross-validated by site (5 folds), the
second pass's rows made from the first pass's out-of-fold scores."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from scrubnews.extract.article import decode_with, line_words
from scrubnews.extract.features import content_entries, line_tokens, story_features
from scrubnews.text import word_count
from scrubnews.training.evaluate import report, tune_decoder
from scrubnews.training.pages import SEED, Page

TREES = 300  # boosting rounds per pass (``--trees``)


def fit(pages: list[Page], trees: int = TREES) -> object:
    rows = np.vstack([p.rows for p in pages])
    labels = np.concatenate([p.labels for p in pages])
    known = labels >= 0
    weights = np.concatenate([_sample_weights(p) for p in pages])
    model = classifier(trees)
    model.fit(rows[known], labels[known], sample_weight=weights[known])  # type: ignore[attr-defined]
    return model


def classifier(trees: int, learning_rate: float = 0.1, max_depth: int = 6, max_leaf_nodes: int = 31) -> object:
    """The gradient-boosted trees every learned step fits (seeded; scikit-learn)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=trees,
        learning_rate=learning_rate,
        max_depth=max_depth,
        max_leaf_nodes=max_leaf_nodes,
        l2_regularization=1.0,
        min_samples_leaf=40,
        random_state=SEED,
    )


def _sample_weights(page: Page) -> np.ndarray:
    """Token-weighted (the score counts words), softened, and snippet lines count for more."""
    words = np.array([max(word_count(t), 1) for t in page.texts], dtype=np.float64)
    weight = np.sqrt(words)
    return weight * (3.0 if page.gold is None else 1.0)


def logits_of(model: object, rows: np.ndarray) -> np.ndarray:
    return np.asarray(model.decision_function(rows), dtype=np.float64)  # type: ignore[attr-defined]


def with_story(page: Page, logits: np.ndarray, first_decoder: dict[str, float]) -> Page:
    """The page with its rows extended by the second pass's features, given first-pass logits."""
    places = decode_with(line_words(page.texts), logits, first_decoder)
    entries = content_entries(line_tokens(page.texts), page.stops)
    rows = np.hstack([page.rows, story_features(entries, page.rows, logits, places)])
    return replace(page, rows=rows)


def cross_validate(
    pages: list[Page], name: str, final: bool, trees: int = TREES
) -> tuple[list[np.ndarray], dict[str, float]]:
    """Out-of-fold logits (5 folds by site) and the decoder tuned on them; prints the train-CV
    figures (``final``: the story pass's, on the lines ``clean`` keeps; see ``kept_text``)."""
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for train_idx, test_idx in folds(pages):
        model = fit([pages[i] for i in train_idx], trees)
        for i in test_idx:
            oof[i] = logits_of(model, pages[i].rows)
    decoder = tune_decoder(pages, oof)
    for variant in dict.fromkeys(p.variant for p in pages):
        chosen = [i for i, p in enumerate(pages) if p.variant == variant]
        report(f"{name} train CV, {variant}", [pages[i] for i in chosen], [oof[i] for i in chosen], decoder, final)
    return oof, decoder


def folds(pages: list[Page], k: int = 5) -> Iterator[tuple[list[int], list[int]]]:
    return site_folds([p.domain for p in pages], k)


def site_folds(domains: list[str], k: int = 5) -> Iterator[tuple[list[int], list[int]]]:
    """The indices of ``domains`` (one per item) in and out of each of ``k`` folds by site."""
    sites = sorted(set(domains))
    random.Random(SEED).shuffle(sites)
    fold_of = {d: i % k for i, d in enumerate(sites)}
    for fold in range(k):
        train = [i for i, d in enumerate(domains) if fold_of[d] != fold]
        test = [i for i, d in enumerate(domains) if fold_of[d] == fold]
        yield train, test
