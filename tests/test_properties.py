"""Rules that must hold for any input, checked on generated inputs (hypothesis)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode
from scrubnews.text import words

CONFIG = Config(dedup=DedupConfig(mode=DedupMode.OFF))
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# The seeds' gold articles: real articles of the shapes scrubnews is for.
SEED_ARTICLES = [
    [" ".join(p.split()) for p in (FIXTURES / f"seed-00{k}" / "gold.txt").read_text().split("\n\n") if p.strip()]
    for k in range(5)
]
# Each seed article's headline, as its page prints it above the article.
SEED_HEADLINES = [
    "Kremlin wishes to deal with Elon Musk to go to Mars",
    "Russia Eyes Collaboration with Elon Musk for Mars Mission",
    "Moscow invites Musk to collaborate on Mars exploration",
    "Putin aide reveals proposal for Musk's planned Mars mission",
    "Moscow Invites Musk for Mars Collaboration",
]
# Blocks that sit inside articles on real pages. A share bar or a related
# list is different: it usually ends the article, and the cases where it
# does not are strict expected failures in tests/extract/test_hard_cases.py.
INSIDE_BLOCKS = [
    ["Advertisement"],
    ["We use cookies to improve your experience.", "Accept all", "Manage preferences"],
    ["Sign up for our newsletter", "Subscribe"],
    ["Read more:", "Mayor unveils budget plan"],
]
# The property budget: raise SCRUBNEWS_FUZZ_EXAMPLES for a longer hunt.
EXAMPLES = int(os.environ.get("SCRUBNEWS_FUZZ_EXAMPLES", "40"))
# derandomize: the same examples on every run, so CI never flakes on a new draw.
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def clean_article(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A seed's headline and three or more consecutive paragraphs of its gold article, starting on
    a whole sentence."""
    k = draw(st.integers(0, len(SEED_ARTICLES) - 1))
    paragraphs = SEED_ARTICLES[k]
    starts = [k for k in range(len(paragraphs) - 2) if re.match(r"^['\"‘“]?[A-Z]", paragraphs[k])]
    start = draw(st.sampled_from(starts))
    stop = draw(st.integers(start + 3, len(paragraphs)))
    return SEED_HEADLINES[k], paragraphs[start:stop]


@PROPERTY
@given(st.binary(max_size=4000))
def test_clean_never_raises_on_any_bytes(data: bytes) -> None:
    doc = clean_bytes(data, CONFIG)
    assert doc.problem is not None or all(p.reason or p.is_kept for p in doc.paragraphs)


@PROPERTY
@given(st.text(max_size=3000))
def test_clean_never_raises_on_any_text_and_keeps_only_input_words(text: str) -> None:
    doc = clean_bytes(text.encode("utf-8", "surrogatepass"), CONFIG)
    if doc.problem is None and doc.input_kind is not None and doc.input_kind.value == "text":
        assert set(words(doc.clean_text)) <= set(words(doc.text))


@PROPERTY
@given(clean_article())
def test_a_clean_article_comes_out_unchanged(article: tuple[str, list[str]]) -> None:
    headline, paragraphs = article
    text = "\n\n".join([headline, *paragraphs]) + "\n"
    assert clean_bytes(text.encode(), CONFIG).clean_text.split("\n\n") == paragraphs


def test_a_short_article_without_its_headline_comes_out_unchanged() -> None:
    # Three paragraphs of seed 004 with nothing above them: the first is a sentence that shares two
    # words with the rest (it scored 0.35 and was left out before the feature-version-6 rebuild).
    paragraphs = SEED_ARTICLES[4][3:6]
    assert clean_bytes(("\n\n".join(paragraphs) + "\n").encode(), CONFIG).clean_text.split("\n\n") == paragraphs


# A block right after the first paragraph or two of a seed article can take the lede with it: a lede
# of 0.40-0.51 before the block is read as the page's top. Without blank lines every block does so
# somewhere (1-2 of 34 placements each); with them, a cookie notice and a sign-up box (1 each). Since
# the feature-version-6 rebuild: 10 of the 272 placements, against 3 before (benchmarks/README.md).
_LEDE_LOST = pytest.mark.xfail(strict=True, reason="known failure: the lede before the block is dropped")
_SHAPES = [
    pytest.param(block, separator, id=f"{block[0]}-{name}", marks=_LEDE_LOST if lost else ())
    for block in INSIDE_BLOCKS
    for separator, name in (("\n", "lines"), ("\n\n", "blank-separated"))
    for lost in [
        separator == "\n" or block[0] in ("We use cookies to improve your experience.", "Sign up for our newsletter")
    ]
]


@pytest.mark.parametrize(("block", "separator"), _SHAPES)
def test_a_boilerplate_block_never_takes_an_article_paragraph_with_it(block: list[str], separator: str) -> None:
    """Every seed article under its headline, the block before each paragraph that has another
    after it: all of them, not a sample (a few hundred pages, a second or two)."""
    for headline, paragraphs in zip(SEED_HEADLINES, SEED_ARTICLES, strict=True):
        for at in range(1, len(paragraphs) - 1):
            page = [
                "Home",
                "News",
                "World",
                "",
                headline,
                "",
                *paragraphs[:at],
                "",
                *block,
                "",
                *paragraphs[at:],
                "",
                "© 2026",
            ]
            result = clean_bytes(separator.join(page).encode(), CONFIG)
            kept = [" ".join(p.text.split()) for p in result.kept]
            lost = [k for k, p in enumerate(paragraphs) if p not in kept]
            assert not lost, f"{block[0]!r} before paragraph {at} of {len(paragraphs)}: lost {lost}"


@pytest.mark.xfail(strict=True, reason="known failure: a lede between the menu and a block reads as page top")
def test_without_a_headline_an_ad_after_the_lede_does_not_take_it() -> None:
    # The menu, the lede, "Advertisement", the rest of seed 000's article: the lede (0.51) is left
    # out, as it is for 12 of the 272 block placements above once the headline is taken away.
    paragraphs = SEED_ARTICLES[0]
    page = ["Home", "News", "World", "", paragraphs[0], "", "Advertisement", "", *paragraphs[1:], "", "© 2026"]
    kept = [" ".join(p.text.split()) for p in clean_bytes("\n".join(page).encode(), CONFIG).kept]
    assert paragraphs[0] in kept
