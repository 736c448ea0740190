"""The stoplist index behind language detection answers as jusText's own lists do."""

from __future__ import annotations

import random

from scrubnews.text import STOPLIST_INDEX, detect_language, lists_holding, stoplist, stoplist_files, words
from scrubnews.training.stoplist_index import index_text


def test_the_shipped_index_is_the_installed_lists() -> None:
    """Made from jusText's lists as installed; if they change, rerun `python -m scrubnews.training.stoplist_index`."""
    same = STOPLIST_INDEX.read_text(encoding="utf-8") == index_text()
    assert same, "jusText's stoplists changed: rerun python -m scrubnews.training.stoplist_index"


def test_a_word_is_in_the_lists_that_hold_it_and_no_others() -> None:
    names = stoplist_files()
    lists = [stoplist(name) for name in names]
    vocabulary = sorted(set().union(*lists))
    for word in [*random.Random(7).sample(vocabulary, 3000), "the", "und", "s", "a"]:
        assert lists_holding.__wrapped__(word) == tuple(k for k, stops in enumerate(lists) if word in stops), word
    # Not a word of any list, a piece of one, a longer word ending in one, or a string no line can hold.
    for word in ["zzqxv", "", "th", "bathe", "xund", "a\tb", "the\n", "\ud800"]:
        assert lists_holding.__wrapped__(word) == ()


def test_detected_languages() -> None:
    assert (
        detect_language(words("The minister said on Tuesday that the plan would be ready by the end of the year. " * 3))
        == "English"
    )
    assert (
        detect_language(words("Der Minister sagte am Dienstag, dass der Plan bis zum Ende des Jahres fertig sei. " * 3))
        == "German"
    )
    assert detect_language(words("東京都は月曜日に新しい計画を発表した。" * 10)) is None
    assert detect_language(words("too few words here")) is None
