"""The training command's labelling and renderings (the fitting itself needs scikit-learn and the data)."""

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
