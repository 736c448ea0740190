import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scrubnews.extract.phrases import (
    _JUNK_PATTERNS,
    _SHARE_WIDGET,
    _rules_out,
    by_first_character,
    junk_reason,
    stands_alone,
)

_FRAGMENTS = [
    *["click to share", "xclick to share", "copyright", "mycopyright", "subscribe", "unsubscribe", "subscribers"],
    *["login", "log in", "sign up", "newsletter", "my account", "available on the app store", "download it on"],
    *["google play", "enable javascript", "requires javascript", "(c) 2024", "©", "(opens in a new window)"],
    *["the caption.", "photo: getty images", "(foto: dpa)", "| image credit: afp", "credit:", "this site uses akismet"],
    *["we use cookies", "all rights reserved", "the minister said", "x"],
]


@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4))
@settings(max_examples=400)
@example(["the caption.", "photo: getty images"])
@example(["the minister said", "(foto: dpa)"])
@example(["xclick to share"])
@example(["mycopyright"])
def test_the_prefilter_rules_out_exactly_the_lines_no_pattern_matches(parts: list[str]) -> None:
    # ``_rules_out`` is the two combined searches (and the caption credits behind a colon test);
    # the reason is found by the per-reason patterns: the two must never disagree.
    norm = " ".join(parts)
    matched = bool(_SHARE_WIDGET.search(norm)) or any(pattern.search(norm) for _, pattern in _JUNK_PATTERNS)
    assert _rules_out(norm) is not matched


def test_a_phrase_starts_a_word() -> None:
    assert junk_reason("click to share") == "junk:share"
    assert junk_reason("doubleclick to share") == ""
    assert junk_reason("copyright 2024 the times") == "junk:copyright"
    assert junk_reason("mycopyright notes") == ""
    assert junk_reason("subscribe now") == "junk:subscribe"
    assert junk_reason("unsubscribe") == "junk:subscribe"
    assert junk_reason("the subscribers met") == ""
    assert re.fullmatch(r"junk:\w+", junk_reason("requires javascript") or "") is not None


def test_a_marker_alone_announces_the_headline_under_it() -> None:
    assert stands_alone("read more:") and stands_alone("lesen sie auch") and stands_alone("zobacz także")
    assert not stands_alone("related: three tips for maintenance")
    assert not stands_alone("more") and not stands_alone("further reading")


_ALTERNATIVES = [
    "click to share",
    "copyright\\b",
    "(opens in)",
    "a?b",
    r"\(c\) ?\d{4}",
    r"\d+ ago",
    "©",
    "cookie (policy|settings)",
]


@given(
    st.lists(
        st.sampled_from(
            [
                "click",
                " to share",
                "copyright",
                "s",
                "(opens in)",
                "b",
                "a",
                "(c) 2024",
                "3 ago",
                "©",
                "cookie policy",
                " ",
                "x",
            ]
        ),
        max_size=5,
    )
)
def test_alternatives_grouped_by_their_first_character_match_where_they_did(parts: list[str]) -> None:
    # The phrase search's two patterns are built this way (half the time for the floating one).
    grouped, plain = re.compile(by_first_character(_ALTERNATIVES)), re.compile("|".join(_ALTERNATIVES))
    text = "".join(parts)
    assert (grouped.search(text) is None) == (plain.search(text) is None)
    assert (grouped.match(text) is None) == (plain.match(text) is None)
    found = grouped.search(text)
    assert found is None or found.start() == plain.search(text).start()  # type: ignore[union-attr]
