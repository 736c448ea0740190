"""The title model agrees with its feature code, and picks the headline over the page's other short lines."""

import json
from importlib import resources

import numpy as np
import pytest
from conftest import make_doc

from scrubnews.config import ExtractConfig, MetaConfig, SegmentConfig
from scrubnews.errors import ScrubnewsError
from scrubnews.extract.article import extract_article
from scrubnews.extract.meta import title_candidates
from scrubnews.extract.segment import segment
from scrubnews.extract.title import TITLE_FEATURES, TITLE_FILE, find_title, title_model_from_dict, title_rows

BODY = [
    "The city council voted on Tuesday to expand the bus network into the northern suburbs, ending a two-year "
    "dispute over how the new routes would be paid for.",
    "Under the plan, six new bus lines will run every ten minutes during the morning and evening rush, and the "
    "fare will stay at its current level until at least the end of next year.",
    "Opponents had argued that the money would be better spent repairing the roads, but the council rejected "
    "their amendment by nine votes to four.",
]


def shipped_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        resources.files("scrubnews.extract").joinpath("weights", TITLE_FILE).read_text(encoding="utf-8")
    )
    return data


def page(lines: list[str]):  # type: ignore[no-untyped-def]
    doc = extract_article(segment(make_doc(lines), SegmentConfig()), ExtractConfig())
    first = doc.kept[0].index
    return doc, first, title_candidates(doc.paragraphs, first, MetaConfig())


def test_the_shipped_title_model_matches_the_feature_code() -> None:
    data = shipped_data()
    assert tuple(data["features"]) == TITLE_FEATURES  # type: ignore[arg-type]
    model = title_model_from_dict(data)
    assert model.trees.feature.max() < len(TITLE_FEATURES)
    assert 0.0 <= model.min_probability < 1.0


def test_a_model_for_other_features_is_refused() -> None:
    data = shipped_data()
    data["features"] = [*TITLE_FEATURES[:-1], "something_else"]
    with pytest.raises(ScrubnewsError, match="rebuild"):
        title_model_from_dict(data)


def test_candidates_leave_out_dates_bylines_and_chrome() -> None:
    doc, _, chosen = page(
        [
            "Home",
            "",
            "Share this article",
            "",
            "March 18, 2025",
            "",
            "By Jane Doe",
            "",
            "Council expands bus network",
            "",
            *BODY,
        ]
    )
    texts = [doc.paragraphs[k].text for k in chosen]
    assert "Council expands bus network" in texts
    assert not {"Home", "Share this article", "March 18, 2025", "By Jane Doe"} & set(texts)


def test_one_row_per_candidate_and_the_article_overlap_is_measured() -> None:
    doc, first, chosen = page(["Storm closes coastal road", "", "Council expands bus network", "", *BODY])
    rows = title_rows(doc.paragraphs, first, chosen, frozenset({"the", "to", "on"}))
    assert rows.shape == (len(chosen), len(TITLE_FEATURES))
    assert np.isfinite(rows).all()
    overlap = {
        doc.paragraphs[k].text: row[TITLE_FEATURES.index("article_overlap")]
        for k, row in zip(chosen, rows, strict=True)
    }
    assert overlap["Council expands bus network"] == 0.75  # "council", "bus", "network"; not "expands"
    assert overlap["Storm closes coastal road"] == 0.0


def test_the_rows_from_the_pages_tokens_are_the_rows_from_its_text() -> None:
    # find_meta hands title_rows the tokens that segment made (Document.tokens).
    doc, first, chosen = page(["Home", "", "Storm closes coastal road", "", "Council expands bus network", "", *BODY])
    assert doc.tokens is not None and len(chosen) >= 2
    stops = frozenset({"the", "to", "on", "of"})
    with_tokens = title_rows(doc.paragraphs, first, chosen, stops, doc.tokens)
    assert np.array_equal(with_tokens, title_rows(doc.paragraphs, first, chosen, stops))


def test_the_headline_wins_over_breadcrumbs_and_other_stories() -> None:
    doc, first, chosen = page(
        [
            "News",
            "",
            "Local politics",
            "",
            "Storm closes coastal road for a week",
            "",
            "Council expands bus network",
            "",
            *BODY,
            "",
            "About us",
        ]
    )
    assert find_title(doc.paragraphs, first, chosen, frozenset()) == "Council expands bus network"


def test_a_breadcrumb_glued_to_the_headline_is_left_out_of_the_title() -> None:
    """Either line may score best; the title is the headline without the breadcrumb."""
    doc, first, chosen = page(
        [
            "Tuesday, March 18, 2025",
            "HomelocalCouncil expands bus network to the suburbs",
            "",
            "Council expands bus network to the suburbs",
            "",
            "Share",
            "",
            *BODY,
        ]
    )
    lines = [doc.paragraphs[k].text for k in chosen]
    assert "HomelocalCouncil expands bus network to the suburbs" in lines
    assert find_title(doc.paragraphs, first, chosen, frozenset()) == "Council expands bus network to the suburbs"
