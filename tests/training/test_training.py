"""The training command's labelling and renderings (the fitting itself needs scikit-learn and the data)."""

from pathlib import Path

from scrubnews.training.pages import full_labels, snippet_labels

GOLD = "The council voted on Tuesday to expand the bus network.\n\nThe first buses run in spring."


def test_lines_that_line_up_with_the_gold_are_article() -> None:
    texts = [
        "Home",
        "Share",
        "The council voted on Tuesday to expand the bus network.",
        "Related",
        "The first buses run",
    ]
    assert full_labels(texts, GOLD).tolist() == [0, 0, 1, 0, 1]


def test_a_chrome_word_that_also_occurs_in_the_gold_is_not_article() -> None:
    texts = ["network", "The council voted on Tuesday to expand the bus network.", "Tuesday"]
    assert full_labels(texts, GOLD).tolist() == [0, 1, 0]


def test_snippet_pages_label_only_the_lines_their_snippets_name() -> None:
    texts = ["Menu", "The council voted on Tuesday.", "Newsletter: sign up now"]
    labels = snippet_labels(texts, {"with": ["council voted"], "without": ["sign up now"]})
    assert labels.tolist() == [-1, 1, 0]


def test_training_scores_the_lines_clean_keeps() -> None:
    # The final pass's figures and its decoder tuning read ``article_places`` (a chrome line of
    # the article that the model scores under even odds dropped); the first pass's read the
    # plain decode, which the story pass's features read.
    import numpy as np

    from scrubnews.extract.features import FEATURES
    from scrubnews.training.evaluate import kept_text
    from scrubnews.training.pages import Page

    texts = [
        "The council voted on Tuesday to expand the bus network.",
        "Advertisement",
        "The first buses run in spring.",
    ]
    rows = np.zeros((3, len(FEATURES)))
    rows[1, FEATURES.index("phrase=junk:ad")] = 1
    page = Page("p", "example.org", "en", "given", texts, [(1, 1), (3, 3), (5, 5)], rows, np.array([1, 0, 1]))
    logits = np.array([3.0, -0.5, 3.0])
    params = {"weight_power": 1.0, "bias": 0.0, "hole_cost": 40.0}
    assert kept_text(page, logits, params, final=False).splitlines() == texts
    assert kept_text(page, logits, params).splitlines() == [texts[0], texts[2]]


def test_the_short_line_rule_is_chosen_by_the_snippets_where_token_f1_cannot_tell() -> None:
    # A snippet page whose short label inside the article must go ("without"), and a full-gold
    # page whose short line is the gold's: the setting that drops the label but not the gold's
    # line (scored higher) is chosen; the rule then holds in the lines ``clean`` keeps.
    import numpy as np

    from scrubnews.extract.features import FEATURES
    from scrubnews.training.evaluate import kept_text, tune_short_lines
    from scrubnews.training.pages import Page

    story = "The council voted on Tuesday to expand the bus network across the city."
    spring = "The first buses run in spring, and the council will review the routes in a year."
    label = ["Photo: Reuters", "In spring"]
    params = {"weight_power": 0.5, "bias": -0.5, "hole_cost": 12.0}
    rows = np.zeros((3, len(FEATURES)))
    spans = [(1, 1), (3, 3), (5, 5)]
    snippets = {"with": ["bus network"], "without": ["Photo: Reuters"]}
    texts = [story, label[0], spring]
    labelled = Page("s", "a.example", "en", "given", texts, spans, rows, np.array([1, 0, 1]), snippets=snippets)
    gold = f"{story}\n\nIn spring\n\n{spring}"
    texts = [story, label[1], spring]
    full = Page("f", "b.example", "en", "given", texts, spans, rows, np.array([1, 1, 1]), gold=gold)
    logits = [np.array([3.0, -0.3, 3.0]), np.array([3.0, 0.2, 3.0])]
    settings = tune_short_lines([labelled, full], logits, params, None)
    assert settings == {"short_words": 2.0, "short_below": 0.0}
    assert kept_text(labelled, logits[0], {**params, **settings}).splitlines() == [story, spring]
    assert kept_text(full, logits[1], {**params, **settings}).splitlines() == [story, label[1], spring]
    # Where every setting costs the full-gold page its line, there is no rule.
    assert tune_short_lines([labelled, full], [logits[0], np.array([3.0, -0.8, 3.0])], params, None) == {}


def test_the_command_writes_the_shipped_weights_and_refuses_a_missing_folder_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    from scrubnews.extract.model import MODEL_FILES, WEIGHTS
    from scrubnews.extract.title import TITLE_FILE
    from scrubnews.training.__main__ import shipped_weights

    # The files `clean` reads (``WEIGHTS``), not a folder beside the training code.
    assert [shipped_weights(kind) for kind in ("text", "html", "title")] == [
        WEIGHTS / MODEL_FILES["text"],
        WEIGHTS / MODEL_FILES["html"],
        WEIGHTS / TITLE_FILE,
    ]
    assert all(shipped_weights(kind).is_file() for kind in ("text", "html", "title"))
    missing = tmp_path / "no-such-folder" / "line-model.json"
    run = [sys.executable, "-m", "scrubnews.training", "--out", str(missing), "--data", str(tmp_path)]
    result = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no such folder" in result.stderr


def test_each_candidate_article_is_scored_against_the_gold() -> None:
    # The bounds step's table: the whole stretch's token F1 and each prefix's and suffix's.
    import numpy as np

    from scrubnews.extract.features import FEATURES, STORY_FEATURES
    from scrubnews.training.bounds import table
    from scrubnews.training.pages import Page

    texts = [
        "The council voted on Tuesday to expand the bus network.",
        "The first buses run in spring.",
        "More stories",
        "A frog species new to science was found in a cloud forest.",
    ]
    rows = np.zeros((4, len(FEATURES) + len(STORY_FEATURES)))
    rows[[0, 1, 3], len(FEATURES) + STORY_FEATURES.index("place=keep")] = 1
    page = Page("p", "example.org", "en", "aggregator", texts, [(1, 1), (3, 3), (5, 5), (7, 7)], rows, np.zeros(4))
    page.gold = "\n".join(texts[:2])
    logits = np.array([3.0, 3.0, -4.0, 2.0])
    params = {"weight_power": 1.0, "bias": 0.0, "hole_cost": 0.0}
    tab = table(page, logits, params)
    assert tab.found is not None
    assert list(zip(tab.found.first.tolist(), tab.found.last.tolist(), strict=True)) == [(0, 0), (0, 1), (1, 1)]
    assert tab.whole < 1.0
    assert tab.f1[0] == 1.0 and tab.f1[1] == tab.whole and tab.f1[2] < tab.whole
