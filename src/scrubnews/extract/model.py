"""Load the shipped line model and score a page's feature rows.

The model is two gradient-boosted tree ensembles stored as plain data
(``weights/line-model.json``): for every tree node its feature, threshold,
children and leaf value, all trees of an ensemble concatenated. Scoring
walks every tree for every line at once, one tree level per numpy step, so
a page costs ``max_depth`` vectorised steps whatever its length. No pickle
and no training library at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from scrubnews.errors import ScrubnewsError
from scrubnews.extract.bounds import BOUNDS_FEATURES
from scrubnews.extract.features import FEATURE_VERSION, FEATURES, STORY_FEATURES
from scrubnews.extract.hot import kernels

MODEL_FORMAT = "scrubnews-line-model"
# One model per input kind: flat text reads ``FEATURES``; HTML reads
# ``FEATURES`` + ``HTML_FEATURES`` (the DOM's view of the same lines).
MODEL_FILES = {"text": "line-model.json", "html": "html-model.json"}
MODEL_FILE = MODEL_FILES["text"]
_BLOCK_ROWS = 2048  # rows walked at once: (rows x trees) index arrays of ~5 MB

# The shipped weights, beside this module (read as a path: importlib.resources costs a one-file run
# 20 ms of imports, and a package with a compiled extension is never run from a zip).
WEIGHTS = Path(__file__).parent / "weights"


@dataclass(frozen=True)
class Trees:
    """A tree ensemble: leaves point at themselves, so every walk lasts ``depth`` steps."""

    feature: np.ndarray  # int32, per node (0 for leaves)
    threshold: np.ndarray  # float64, per node (+inf for leaves: always "left")
    children: np.ndarray  # int32, two per node: [2k] the right child of node k, [2k + 1] the left
    value: np.ndarray  # float64, per node (leaf values; 0 elsewhere)
    roots: np.ndarray  # int32, per tree
    depth: int
    baseline: float

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds that a line belongs to the article), one per row
        (``kernels.tree_sums`` walks the trees)."""
        if len(rows) == 0:
            return np.zeros(0)
        # In blocks of rows, so that a page of a million lines needs no more
        # memory for the walk than a page of a few thousand.
        return np.concatenate(
            [self._logits(rows[start : start + _BLOCK_ROWS]) for start in range(0, len(rows), _BLOCK_ROWS)]
        )

    def _logits(self, rows: np.ndarray) -> np.ndarray:
        sums = kernels.tree_sums(rows, self.feature, self.threshold, self.children, self.value, self.roots, self.depth)
        return np.asarray(sums + self.baseline, dtype=np.float64)


@dataclass(frozen=True)
class Bounds:
    """The article-as-a-whole model (``bounds.py``): ``trees`` give a candidate article's log-odds
    of beating the decoded stretch, from its ``BOUNDS_FEATURES``; the likeliest candidate is kept
    when they clear ``margin``."""

    trees: Trees
    margin: float


@dataclass(frozen=True)
class LineModel:
    """Two passes: ``line`` scores each line from ``FEATURES``; ``story`` rescores it from
    ``FEATURES`` + ``STORY_FEATURES`` once a first article is decoded. Each pass
    has its decoder settings (``first_decoder``, ``decoder``). ``bounds``, where the weights
    have one, chooses the article among the decoded stretch's runs (``bounds.py``)."""

    line: Trees
    story: Trees
    first_decoder: dict[str, float]
    decoder: dict[str, float]
    bounds: Bounds | None = None


def trees_from_dict(data: dict[str, object]) -> Trees:
    """An ensemble from its plain-data form (``trees`` and ``baseline``, as ``train.trees`` writes them)."""
    trees = data["trees"]
    assert isinstance(trees, dict)
    return Trees(
        feature=np.array(trees["feature"], dtype=np.int32),
        threshold=np.array([np.inf if t is None else t for t in trees["threshold"]], dtype=np.float64),
        children=np.stack(
            [np.array(trees["right"], dtype=np.int32), np.array(trees["left"], dtype=np.int32)], axis=1
        ).ravel(),
        value=np.array(trees["value"], dtype=np.float64),
        roots=np.array(trees["roots"], dtype=np.int32),
        depth=int(trees["depth"]),
        baseline=float(data["baseline"]),  # type: ignore[arg-type]
    )


def line_features(kind: str) -> tuple[str, ...]:
    """The first-pass feature names of the model for ``kind`` ("text" or "html")."""
    if kind != "html":
        return FEATURES
    from scrubnews.extract.html import HTML_FEATURES  # lxml: a run of text files never loads it

    return FEATURES + HTML_FEATURES


def from_dict(data: dict[str, object], source: str = MODEL_FILE, kind: str = "text") -> LineModel:
    """Build a model from its plain-data form, checking it matches the feature code."""
    if data.get("format") != MODEL_FORMAT:
        raise ScrubnewsError(f"{source}: not a {MODEL_FORMAT} file")
    if (
        data.get("feature_version") != FEATURE_VERSION
        or tuple(data.get("features", ())) != line_features(kind)  # type: ignore[arg-type]
        or tuple(data.get("story_features", ())) != STORY_FEATURES  # type: ignore[arg-type]
    ):
        raise ScrubnewsError(
            f"{source}: trained for other features (version {data.get('feature_version')}, "
            f"code has {FEATURE_VERSION}); rebuild it with `python -m scrubnews.training`"
        )

    def settings(key: str) -> dict[str, float]:
        return {str(k): float(v) for k, v in data[key].items()}  # type: ignore[attr-defined]

    return LineModel(
        line=trees_from_dict(data["line"]),  # type: ignore[arg-type]
        story=trees_from_dict(data["story"]),  # type: ignore[arg-type]
        first_decoder=settings("first_decoder"),
        decoder=settings("decoder"),
        bounds=bounds_from_dict(data["bounds"], source) if "bounds" in data else None,  # type: ignore[arg-type]
    )


def bounds_from_dict(data: dict[str, object], source: str) -> Bounds:
    """The ``bounds`` part of a weights file (``training/bounds.py`` writes it)."""
    if tuple(data.get("features", ())) != BOUNDS_FEATURES:  # type: ignore[arg-type]
        raise ScrubnewsError(
            f"{source}: its article model reads other features; rebuild it with `python -m scrubnews.training`"
        )
    return Bounds(trees=trees_from_dict(data), margin=float(data["margin"]))  # type: ignore[arg-type]


@cache
def shipped_model(kind: str = "text") -> LineModel:
    """The model for ``kind`` ("text" or "html") that ships inside the package."""
    name = MODEL_FILES[kind]
    return from_dict(read_weights(name), name, kind)


def read_weights(name: str) -> dict[str, object]:
    """The plain data of the shipped weights file ``name`` (JSON)."""
    import msgspec  # reads the weights' 1.3 MB of numbers in a third of json's time: start-up

    data: dict[str, object] = msgspec.json.decode((WEIGHTS / name).read_bytes(), type=dict[str, object])
    return data
