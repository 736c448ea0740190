"""The synthetic failure shapes: each writes its block where it says and never touches the article's words."""

from __future__ import annotations

import random

import pytest
from conftest import STORY

from scrubnews.training.augment import (
    SHAPES,
    Article,
    Story,
    article_of,
    consent,
    hard_wrapped,
    markers,
    short_first,
    widget,
    without_blank_lines,
)

PARAGRAPHS = [f"{sentence} (part {k})" for k in range(3) for sentence in STORY]  # twelve paragraphs
LINES = ["Home", "", "News", "", *(line for p in PARAGRAPHS for line in (p, "")), "About us", "", "Contact"]
TEXT = "\n".join(LINES)
GOLD = "\n".join(PARAGRAPHS)
ARTICLE = Article(spans=tuple((LINES.index(p) + 1, LINES.index(p) + 1) for p in PARAGRAPHS), texts=tuple(PARAGRAPHS))
OTHERS = [
    Story(
        f"Other headline {k}", tuple(f"Other story {k}, paragraph {j}, with enough words to read." for j in range(20))
    )
    for k in range(4)
]


def article_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line in PARAGRAPHS]


def test_article_of_takes_the_labelled_paragraphs() -> None:
    article = article_of(["Home", "Body one.", "Body two."], [(1, 1), (3, 3), (5, 6)], [0, 1, 1])
    assert article == Article(spans=((3, 3), (5, 6)), texts=("Body one.", "Body two."))


@pytest.mark.parametrize("name", ["markers", "consent", "widget", "teaser_grid"])
def test_shapes_that_keep_the_article_keep_every_paragraph_in_order(name: str) -> None:
    for seed in range(20):
        shaped = SHAPES[name](TEXT, ARTICLE, OTHERS, GOLD, random.Random(seed))
        assert shaped is not None
        text, gold = shaped
        assert gold == GOLD
        assert article_lines(text) == PARAGRAPHS
        assert len(text.split("\n")) > len(LINES)


def test_markers_sit_between_article_paragraphs() -> None:
    text, _ = markers(TEXT, ARTICLE, OTHERS, GOLD, random.Random(3))
    lines = [line for line in text.split("\n") if line.strip()]
    first, last = lines.index(PARAGRAPHS[0]), lines.index(PARAGRAPHS[-1])
    added = [line for line in lines if line not in LINES]
    assert added
    assert all(first < lines.index(line) < last for line in added)


def test_the_consent_banner_opens_the_page() -> None:
    text, _ = consent(TEXT, ARTICLE, OTHERS, GOLD, random.Random(0))
    assert text.lstrip().split("\n")[0] not in LINES
    assert text.endswith(TEXT.split("\n", 4)[-1])


def test_the_widget_leaves_a_third_of_the_article_on_each_side() -> None:
    for seed in range(20):
        shaped = widget(TEXT, ARTICLE, OTHERS, GOLD, random.Random(seed))
        assert shaped is not None
        lines = [line for line in shaped[0].split("\n") if line.strip()]
        heading = next(k for k, line in enumerate(lines) if line not in LINES)
        before = sum(lines.index(p) < heading for p in PARAGRAPHS)
        assert before >= 4
        assert len(PARAGRAPHS) - before >= 4


def test_short_first_cuts_the_article_and_appends_longer_stories() -> None:
    text, gold = short_first(TEXT, ARTICLE, OTHERS, GOLD, random.Random(1)) or ("", "")
    kept = article_lines(text)
    assert kept == PARAGRAPHS[: len(kept)]
    assert 1 <= len(kept) < len(PARAGRAPHS)
    assert gold == "\n\n".join(kept)
    assert "Other story" in text
    assert text.index("Other story") > text.index(kept[-1])
    assert text.rstrip().endswith("Contact")


def test_shapes_that_need_room_decline_a_one_paragraph_article() -> None:
    one = Article(spans=(ARTICLE.spans[0],), texts=(PARAGRAPHS[0],))
    assert widget(TEXT, one, OTHERS, GOLD, random.Random(0)) is None
    assert short_first(TEXT, one, OTHERS, GOLD, random.Random(0)) is None


def test_renderings_keep_every_word() -> None:
    text = "Home\n\n" + "word " * 60 + "\n\nFooter"
    for rendering in (without_blank_lines(text), hard_wrapped(text, random.Random(1))):
        assert rendering.split() == text.split()
    assert "\n\n" not in without_blank_lines(text)
    assert max(len(line) for line in hard_wrapped(text, random.Random(1)).split("\n")) <= 100
