"""The story-breaks model (``extract/breaks.py``): fitted on the gaps the decoded articles of the
training renderings reach, with the decoder's places from out-of-fold scores, so that the
articles it judges are as rough as on new pages.

Each gap is labelled from the gold: after the article (``inside`` 0), "bridge it" when most of
the prose after it is article text; inside the article, "cut here" only when the text before it
is mostly article and the text after mostly not (a wrong first stretch is never cut down to).
The walk follows the labels, so every later gap sees the article a right judge would have left.
Trees are fitted with 5 folds by site; the two log-odds thresholds are chosen on the folds'
out-of-fold judgements by token F1 over the full-gold renderings.
"""

from __future__ import annotations

import numpy as np

from scrubnews.extract.breaks import BREAKS_FORMAT, GAP_FEATURES, Gap, Judge, PageView, walk
from scrubnews.extract.features import FEATURES, line_tokens
from scrubnews.extract.model import Trees, trees_from_dict
from scrubnews.extract.viterbi import Place
from scrubnews.training.evaluate import token_f1
from scrubnews.training.export import trees
from scrubnews.training.fit import folds
from scrubnews.training.pages import SEED, Page

_THRESHOLDS = (-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0)


def view_of(page: Page, first_logits: np.ndarray) -> PageView:
    return PageView.of(page.texts, line_tokens(page.texts), page.rows[:, : len(FEATURES)], page.stops, first_logits)


def _gold_share(page: Page, view: PageView, lines: np.ndarray | range) -> float:
    lines = np.asarray(list(lines), dtype=np.int64)
    words = view.words[lines]
    return float((words * (page.labels[lines] == 1)).sum() / max(words.sum(), 1.0))


def gold_places(page: Page) -> np.ndarray:
    """The gold article as places: its lines kept, the lines between them holes."""
    gold = np.flatnonzero(page.labels == 1)
    places = np.full(len(page.labels), int(Place.BEFORE), dtype=np.int8)
    if len(gold):
        places[gold[0] : gold[-1] + 1] = Place.HOLE
        places[gold] = Place.KEEP
        places[gold[-1] + 1 :] = Place.AFTER
    return places


def gap_examples(page: Page, first_logits: np.ndarray) -> tuple[list[np.ndarray], list[int]]:
    """Every gap that the gold article of ``page`` reaches, walked from its first prose line,
    labelled "continues" when most of the prose after it is article text."""
    view = view_of(page, first_logits)
    rows: list[np.ndarray] = []
    labels: list[int] = []

    def oracle(row: np.ndarray, gap: Gap, inside: bool, kept: np.ndarray) -> bool:
        label = _gold_share(page, view, range(gap.end, gap.after_end)) >= 0.5
        rows.append(row)
        labels.append(int(label))
        return inside or label

    walk(view, gold_places(page), oracle)
    return rows, labels


def fit_trees(rows: np.ndarray, labels: np.ndarray) -> object:
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=150, learning_rate=0.1, max_depth=4, min_samples_leaf=40, l2_regularization=1.0, random_state=SEED
    )
    model.fit(rows, labels)
    return model


def _judge(model: Trees, cut_below: float, bridge_above: float, memo: dict[bytes, float]) -> Judge:
    def judge(row: np.ndarray, gap: Gap, inside: bool, kept: np.ndarray) -> bool:
        key = row.tobytes()
        if key not in memo:
            memo[key] = float(model.logits(row[None, :])[0])
        logit = memo[key]
        return bool(logit >= cut_below if inside else logit >= bridge_above)

    return judge


def kept_text(page: Page, places: np.ndarray) -> str:
    return "\n".join(t for t, place in zip(page.texts, places, strict=True) if place == Place.KEEP)


def train_breaks(pages: list[Page], first_logits: list[np.ndarray], places: list[np.ndarray]) -> dict[str, object]:
    """Fit, cross-validate and tune the breaks model on ``pages`` (full-gold renderings), with the
    line pass's out-of-fold logits and the places decoded from the story pass's; print train-CV
    figures per rendering; return its plain data."""
    chosen = [i for i, p in enumerate(pages) if p.gold is not None]
    examples = [gap_examples(pages[i], first_logits[i]) for i in chosen]
    owner = np.concatenate([[k] * len(rows) for k, (rows, _) in enumerate(examples)]).astype(np.int64)
    x = np.vstack([r for rows, _ in examples for r in rows])
    y = np.array([label for _, labels in examples for label in labels])
    print(f"breaks: {len(y)} gaps on {len(chosen)} renderings, {int((y == 0).sum())} judged breaks")
    sub = [pages[i] for i in chosen]
    fold_model: dict[int, Trees] = {}
    for train_idx, test_idx in folds(sub):
        mask = np.isin(owner, train_idx)
        fold_trees = trees_from_dict(trees(fit_trees(x[mask], y[mask])))
        for k in test_idx:
            fold_model[k] = fold_trees
    views = [view_of(pages[i], first_logits[i]) for i in chosen]
    memos: list[dict[bytes, float]] = [{} for _ in sub]
    rows_memo: list[dict[tuple[int, int, int], np.ndarray]] = [{} for _ in sub]

    def score(cut_below: float, bridge_above: float) -> list[float]:
        return [
            token_f1(
                kept_text(
                    p,
                    walk(views[k], places[i], _judge(fold_model[k], cut_below, bridge_above, memos[k]), rows_memo[k])[
                        0
                    ],
                ),
                p.gold or "",
            )
            for k, (i, p) in enumerate(zip(chosen, sub, strict=True))
        ]

    base = [token_f1(kept_text(p, places[i]), p.gold or "") for i, p in zip(chosen, sub, strict=True)]
    best, best_pair = float(np.mean(base)), (-np.inf, np.inf)
    # One threshold, then the other, then the first again on the second's choice.
    cut, bridge = -np.inf, np.inf
    for name in ("cut", "bridge", "cut"):
        for value in _THRESHOLDS:
            pair = (value, bridge) if name == "cut" else (cut, value)
            mean = float(np.mean(score(*pair)))
            if mean > best:
                best, best_pair = mean, pair
        cut, bridge = best_pair
    f1s = score(cut, bridge)
    for variant in dict.fromkeys(p.variant for p in sub):
        ks = [k for k, p in enumerate(sub) if p.variant == variant]
        print(
            f"breaks train CV, {variant:12s} token F1 {np.mean([base[k] for k in ks]):.3f} -> "
            f"{np.mean([f1s[k] for k in ks]):.3f} ({sum(f1s[k] < 0.5 for k in ks)} of {len(ks)} under 0.5)"
        )
    print(
        f"breaks: cut_below {cut}, bridge_above {bridge} (train out-of-fold token F1 {np.mean(base):.3f} -> {best:.3f})"
    )
    model = fit_trees(x, y)
    return export_breaks(model, cut, bridge)


def export_breaks(model: object, cut_below: float, bridge_above: float) -> dict[str, object]:
    return {
        "format": BREAKS_FORMAT,
        "version": 1,
        "features": list(GAP_FEATURES),
        "cut_below": cut_below if np.isfinite(cut_below) else -1e9,
        "bridge_above": bridge_above if np.isfinite(bridge_above) else 1e9,
        **trees(model),
        "trained_on": (
            "extraction-train: the gaps the gold articles reach, every full-gold text rendering; thresholds on "
            "articles decoded from out-of-fold scores (python -m scrubnews.training)"
        ),
    }
