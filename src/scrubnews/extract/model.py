"""Load the shipped line model and score a page's feature rows.

The model is a gradient-boosted tree ensemble stored as plain data
(``weights/line-model.json``): for every tree node its feature, threshold,
children and leaf value, all trees concatenated. Scoring walks every tree
for every line at once, one tree level per numpy step, so a page costs
``max_depth`` vectorised steps whatever its length. No pickle and no
training library at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from scrubnews.errors import ScrubnewsError
from scrubnews.extract.features import FEATURE_VERSION, FEATURES

MODEL_FORMAT = "scrubnews-line-model"
MODEL_FILE = "line-model.json"


@dataclass(frozen=True)
class LineModel:
    """A tree ensemble: leaves point at themselves, so every walk lasts ``depth`` steps."""

    features: tuple[str, ...]
    feature: np.ndarray  # int32, per node (0 for leaves)
    threshold: np.ndarray  # float64, per node (+inf for leaves: always "left")
    left: np.ndarray  # int32, per node
    right: np.ndarray  # int32, per node
    value: np.ndarray  # float64, per node (leaf values; 0 elsewhere)
    roots: np.ndarray  # int32, per tree
    depth: int
    baseline: float
    decoder: dict[str, float]

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds that a line belongs to the article), one per row."""
        if len(rows) == 0:
            return np.zeros(0)
        nodes = np.broadcast_to(self.roots, (len(rows), len(self.roots))).copy()
        line = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            goes_left = rows[line, self.feature[nodes]] <= self.threshold[nodes]
            nodes = np.where(goes_left, self.left[nodes], self.right[nodes])
        return np.asarray(self.value[nodes].sum(axis=1) + self.baseline, dtype=np.float64)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(rows))), dtype=np.float64)


def from_dict(data: dict[str, object], source: str = MODEL_FILE) -> LineModel:
    """Build a model from its plain-data form, checking it matches the feature code."""
    if data.get("format") != MODEL_FORMAT:
        raise ScrubnewsError(f"{source}: not a {MODEL_FORMAT} file")
    if data.get("feature_version") != FEATURE_VERSION or tuple(data.get("features", ())) != FEATURES:  # type: ignore[arg-type]
        raise ScrubnewsError(
            f"{source}: trained for other features (version {data.get('feature_version')}, "
            f"code has {FEATURE_VERSION}); rebuild it with `python -m scrubnews.extract.train`"
        )
    trees = data["trees"]
    assert isinstance(trees, dict)
    threshold = np.array([np.inf if t is None else t for t in trees["threshold"]], dtype=np.float64)
    return LineModel(
        features=FEATURES,
        feature=np.array(trees["feature"], dtype=np.int32),
        threshold=threshold,
        left=np.array(trees["left"], dtype=np.int32),
        right=np.array(trees["right"], dtype=np.int32),
        value=np.array(trees["value"], dtype=np.float64),
        roots=np.array(trees["roots"], dtype=np.int32),
        depth=int(trees["depth"]),
        baseline=float(data["baseline"]),  # type: ignore[arg-type]
        decoder={str(k): float(v) for k, v in data["decoder"].items()},  # type: ignore[union-attr]
    )


@cache
def shipped_model() -> LineModel:
    """The model that ships inside the package."""
    text = resources.files("scrubnews.extract").joinpath("weights", MODEL_FILE).read_text(encoding="utf-8")
    return from_dict(json.loads(text))
