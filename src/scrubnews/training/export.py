"""A fitted model as the plain data ``extract/model.py`` reads (``weights/*.json``)."""

from __future__ import annotations

import numpy as np

from scrubnews.extract.features import FEATURE_VERSION, STORY_FEATURES
from scrubnews.extract.model import MODEL_FORMAT, line_features


def trees(model: object) -> dict[str, object]:
    """The fitted trees as plain data: nodes of all trees concatenated, leaves pointing at themselves."""
    feature: list[int] = []
    threshold: list[float | None] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    for predictors in model._predictors:  # type: ignore[attr-defined]
        nodes = predictors[0].nodes
        offset = len(feature)
        roots.append(offset)
        for k, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            feature.append(0 if leaf else int(node["feature_idx"]))
            threshold.append(None if leaf else float(node["num_threshold"]))
            left.append(offset + k if leaf else offset + int(node["left"]))
            right.append(offset + k if leaf else offset + int(node["right"]))
            value.append(float(node["value"]) if leaf else 0.0)
            depth = max(depth, int(node["depth"]))
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])  # type: ignore[attr-defined]
    return {
        "baseline": baseline,
        "trees": {
            "feature": feature,
            "threshold": threshold,
            "left": left,
            "right": right,
            "value": value,
            "roots": roots,
            "depth": depth,
        },
    }


def export(
    line: object,
    first_decoder: dict[str, float],
    story: object,
    decoder: dict[str, float],
    kind: str,
    bounds: dict[str, object] | None = None,
) -> dict[str, object]:
    """The weights file's plain data; ``bounds`` is ``training.bounds.exported``'s (left out: none)."""
    return {
        "format": MODEL_FORMAT,
        "version": 2,
        "input": kind,
        "feature_version": FEATURE_VERSION,
        "features": list(line_features(kind)),
        "story_features": list(STORY_FEATURES),
        "first_decoder": first_decoder,
        "decoder": decoder,
        "line": trees(line),
        "story": trees(story),
        "trained_on": f"extraction-train: every {kind} rendering of every page (python -m scrubnews.training)",
        **({"bounds": bounds} if bounds is not None else {}),
    }
