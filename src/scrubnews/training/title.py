"""Rebuild the title model from the training pages' headlines and print how it does.

    python -m scrubnews.training --input title [--data ../shared/data] [--out PATH]

Steps, all with fixed seeds:

1. Every full-gold training page with a title (WCXB's), as given and with
   every blank line removed, goes through ``clean``'s per-file stages up to
   the article (the shipped line model decides where it starts).
2. Its candidate lines (``meta.title_candidates``) get ``TITLE_FEATURES``;
   a candidate is the headline when it is the title, holds it (a site name
   added), or is most of it.
3. Gradient-boosted trees, 5-fold cross-validated by site; the least
   probability a chosen line needs is picked on the out-of-fold scores to
   maximise agreement minus half the wrong titles (no title is better than a
   wrong one).
4. Fit on all of train, write the weights, print train-CV and validation
   agreement (the rule of ``benchmarks/validation.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scrubnews.config import Config, DedupConfig, DedupMode
from scrubnews.document import Document
from scrubnews.extract.meta import title_candidates
from scrubnews.extract.title import TITLE_FEATURES, TITLE_FORMAT, title_rows
from scrubnews.run.stages import default_stages, run
from scrubnews.text import stoplist
from scrubnews.training.augment import without_blank_lines
from scrubnews.training.export import trees
from scrubnews.training.fit import folds, logits_of
from scrubnews.training.pages import load

TREES = 150
SEED = 20261206
# Weight of a wrong title against a right one when the threshold is chosen.
WRONG_COST = 0.5


@dataclass
class TitlePage:
    id: str
    domain: str
    lines: list[str]  # the candidates' texts
    rows: np.ndarray
    labels: np.ndarray
    gold: str


def norm(value: str | None) -> str:
    return " ".join(re.findall(r"\w+", (value or "").lower()))


def agrees(found: str, gold: str) -> bool:
    """The rule ``benchmarks/validation.py`` scores with: the same, or one holds the other."""
    a, b = norm(found), norm(gold)
    return bool(a and b) and (a == b or a in b or b in a)


def is_headline(line: str, gold: str) -> bool:
    """A training label: the title, the title with more around it, or most of the title."""
    a, b = norm(line), norm(gold)
    return bool(a and b) and (a == b or b in a or (a in b and len(a) >= 0.6 * len(b)))


def title_page(args: tuple[dict[str, object], str]) -> TitlePage | None:

    row, text = args
    config = Config(dedup=DedupConfig(mode=DedupMode.OFF))
    doc = next(run([Document(path=str(row["id"]), raw=text.encode("utf-8"))], default_stages(config)[:4]))
    if not doc.is_ok or not doc.kept:
        return None
    first = doc.kept[0].index
    chosen = title_candidates(doc.paragraphs, first, config.meta)
    stops = stoplist(doc.language) if doc.language else frozenset()
    rows = title_rows(doc.paragraphs, first, chosen, stops)
    lines = [doc.paragraphs[k].text.strip() for k in chosen]
    gold = str(row["title"])
    labels = np.array([is_headline(line, gold) for line in lines], dtype=np.int8)
    return TitlePage(str(row["id"]), str(row["domain"]), lines, rows, labels, gold)


def build(rows: list[dict[str, object]], jobs: int, variants: bool) -> list[TitlePage]:
    from concurrent.futures import ProcessPoolExecutor

    tasks = []
    for row in rows:
        if not row.get("gold") or not row.get("title"):
            continue
        tasks.append((row, str(row["text"])))
        if variants:
            tasks.append((row, without_blank_lines(str(row["text"]))))
    with ProcessPoolExecutor(jobs) as pool:
        return [page for page in pool.map(title_page, tasks, chunksize=8) if page is not None]


def fit(pages: list[TitlePage]) -> object:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = np.vstack([p.rows for p in pages if len(p.rows)])
    labels = np.concatenate([p.labels for p in pages])
    model = HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=0.1, max_depth=4, min_samples_leaf=20, l2_regularization=1.0, random_state=SEED
    )
    model.fit(rows, labels)
    return model


def chosen_titles(pages: list[TitlePage], logits: list[np.ndarray], min_probability: float) -> list[str]:
    out = []
    for page, page_logits in zip(pages, logits, strict=True):
        if not len(page_logits):
            out.append("")
            continue
        best = int(np.argmax(page_logits))
        probability = 1.0 / (1.0 + np.exp(-page_logits[best]))
        out.append(page.lines[best] if probability >= min_probability else "")
    return out


def figures(pages: list[TitlePage], logits: list[np.ndarray], min_probability: float) -> tuple[float, float]:
    """Agreement and wrong-title share at ``min_probability``."""
    titles = chosen_titles(pages, logits, min_probability)
    right = sum(agrees(t, p.gold) for t, p in zip(titles, pages, strict=True))
    wrong = sum(bool(t) and not agrees(t, p.gold) for t, p in zip(titles, pages, strict=True))
    return right / len(pages), wrong / len(pages)


def main(data: Path, out: Path, jobs: int) -> None:

    train = build(load(data / "extraction-train"), jobs, variants=True)
    validation = build(load(data / "extraction-validation"), jobs, variants=False)
    print(f"title: {len(train)} training renderings, {sum(len(p.lines) for p in train)} candidates")
    oof: list[np.ndarray] = [np.zeros(0)] * len(train)
    for train_idx, test_idx in folds(train):  # type: ignore[arg-type]
        model = fit([train[i] for i in train_idx])
        for i in test_idx:
            oof[i] = logits_of(model, train[i].rows) if len(train[i].rows) else np.zeros(0)
    best, min_probability = -1.0, 0.0
    for threshold in (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5):
        right, wrong = figures(train, oof, threshold)
        if right - WRONG_COST * wrong > best:
            best, min_probability = right - WRONG_COST * wrong, threshold
    right, wrong = figures(train, oof, min_probability)
    print(f"title train CV: agreement {right:.3f}, wrong {wrong:.3f} (min probability {min_probability})")
    model = fit(train)
    val_logits = [logits_of(model, p.rows) if len(p.rows) else np.zeros(0) for p in validation]
    right, wrong = figures(validation, val_logits, min_probability)
    print(f"title validation (text as given): agreement {right:.3f}, wrong {wrong:.3f}")
    exported = {
        "format": TITLE_FORMAT,
        "version": 1,
        "features": list(TITLE_FEATURES),
        "min_probability": min_probability,
        **trees(model),
        "trained_on": "extraction-train's WCXB titles, text as given and without blank lines "
        "(python -m scrubnews.training --input title)",
    }
    out.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
    print(f"wrote {out}")
