"""The shipped model agrees with the feature code, and the tree walk is the trees' own arithmetic."""

import json
from importlib import resources

import numpy as np
import pytest

from scrubnews.errors import ScrubnewsError
from scrubnews.extract.features import FEATURE_VERSION, FEATURES, STORY_FEATURES
from scrubnews.extract.html import HTML_FEATURES
from scrubnews.extract.model import MODEL_FILES, from_dict, line_features, shipped_model


def shipped_data(kind: str = "text") -> dict[str, object]:
    text = resources.files("scrubnews.extract").joinpath("weights", MODEL_FILES[kind]).read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


@pytest.mark.parametrize("kind", sorted(MODEL_FILES))
def test_shipped_models_match_the_feature_code(kind: str) -> None:
    data = shipped_data(kind)
    names = line_features(kind)
    assert data["feature_version"] == FEATURE_VERSION
    assert tuple(data["features"]) == names  # type: ignore[arg-type]
    assert tuple(data["story_features"]) == STORY_FEATURES  # type: ignore[arg-type]
    model = shipped_model(kind)
    assert model.line.feature.max() < len(names)
    assert model.story.feature.max() < len(names) + len(STORY_FEATURES)
    # drop_below and edge_below are tuned by the training when they help (``viterbi.punch_holes``,
    # ``viterbi.trim_edges``), and so are the final decode's short lines, both settings or neither
    # (``article.without_short_lines``); a model they do not help leaves them out.
    required, optional = {"bias", "hole_cost", "weight_power"}, {"drop_below", "edge_below"}
    short = {"short_words", "short_below"}
    assert required <= set(model.decoder) <= required | optional | short
    assert len(short & set(model.decoder)) in (0, 2)
    assert required <= set(model.first_decoder) <= required | optional


def test_the_html_model_reads_the_text_features_first() -> None:
    # the story features index the text columns by position, in both models
    assert line_features("html") == FEATURES + HTML_FEATURES


def test_an_html_model_is_refused_as_a_text_model() -> None:
    with pytest.raises(ScrubnewsError, match="rebuild"):
        from_dict(shipped_data("html"), kind="text")


def test_a_model_for_other_features_is_refused() -> None:
    data = shipped_data()
    data["features"] = [*FEATURES[:-1], "something_else"]
    with pytest.raises(ScrubnewsError, match="rebuild"):
        from_dict(data)
    data = shipped_data()
    data["feature_version"] = FEATURE_VERSION + 1
    with pytest.raises(ScrubnewsError):
        from_dict(data)


def test_tree_walk_on_a_hand_made_ensemble() -> None:
    # Tree 1: x0 <= 0.5 ? -1 : (x1 <= 2 ? 0.5 : 2); tree 2: a single leaf 0.25.
    trees = {
        "feature": [0, 0, 1, 0, 0, 0],
        "threshold": [0.5, None, 2.0, None, None, None],
        "left": [1, 1, 3, 3, 4, 5],
        "right": [2, 1, 4, 3, 4, 5],
        "value": [0, -1.0, 0, 0.5, 2.0, 0.25],
        "roots": [0, 5],
        "depth": 2,
    }
    data = shipped_data()
    data["line"] = {"trees": trees, "baseline": 0.1}
    model = from_dict(data).line
    rows = np.zeros((4, len(FEATURES)))
    rows[:, 0] = [0.0, 1.0, 1.0, 0.5]
    rows[:, 1] = [9.0, 1.0, 3.0, 9.0]
    assert model.logits(rows).tolist() == pytest.approx([-0.65, 0.85, 2.35, -0.65])
    assert len(model.logits(rows[:0])) == 0
