"""Chrome phrases: the page-level junk search agrees with the per-line one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scrubnews.extract.phrases import _ANY_JUNK, junk_lines, phrase_code
from scrubnews.text import normalise_line

# Pieces of chrome and of prose, so that generated lines match the patterns
# at their starts, ends and middles, next to lines that do not.
PIECES = [
    "back to top",
    "© 2025",
    "5 minutes ago",
    "updated",
    "at 12:20 am",
    "sign up",
    "menu",
    "https://example.com/a",
    "click to share",
    "advertisement",
    "the mayor said",
    "on tuesday",
    "12:30",
    "we use cookies",
    "  ",
    "x",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map(" ".join), max_size=12))
def test_one_search_over_the_page_finds_the_lines_each_search_finds(lines: list[str]) -> None:
    norms = [normalise_line(line) for line in lines]
    assert junk_lines(norms) == {k for k, norm in enumerate(norms) if _ANY_JUNK.search(norm)}


def test_a_line_known_clean_skips_the_junk_search_only() -> None:
    assert phrase_code("back to top", 3) == "junk:nav"
    assert phrase_code("back to top", 3, may_be_junk=False) == ""
    assert phrase_code("share tweet email", 3, may_be_junk=False) == "junk:share"  # a word test, not a pattern
    assert phrase_code("related articles", 2, may_be_junk=False) == "marker:end"
