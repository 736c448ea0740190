import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import STORY, hard_wrapped, make_doc
from hypothesis import example, given
from hypothesis import strategies as st

from scrubnews import clean_bytes
from scrubnews.config import SegmentConfig
from scrubnews.extract.features import line_tokens
from scrubnews.extract.segment import LONG_LINE, SENTENCES_UP_TO, broken_at, continues, pieces, segment, wrap_width
from scrubnews.text import stoplist


def test_lines_become_paragraphs_with_spans() -> None:
    doc = segment(make_doc(["Title", "", "First line.", "Second line.", "", "", "Last."]), SegmentConfig())
    assert [(p.text, p.line_start, p.line_end) for p in doc.paragraphs] == [
        ("Title", 1, 1),
        ("First line.", 3, 3),
        ("Second line.", 4, 4),
        ("Last.", 7, 7),
    ]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2, 3]


def test_inline_link_fragments_are_rejoined() -> None:
    # Seed 003: a link rendered on its own line splits the sentence.
    lines = ["Earlier this month, Musk", "reaffirmed", "his goal to launch the first uncrewed Mars mission."]
    doc = segment(make_doc(lines), SegmentConfig())
    assert len(doc.paragraphs) == 1
    assert (
        doc.paragraphs[0].text
        == "Earlier this month, Musk reaffirmed his goal to launch the first uncrewed Mars mission."
    )
    assert (doc.paragraphs[0].line_start, doc.paragraphs[0].line_end) == (1, 3)


def test_headline_is_not_glued_to_a_quote() -> None:
    assert not continues("Putin aide reveals proposal for Musk's planned Mars mission", "'other technologies'", set())


def test_blank_line_always_separates() -> None:
    doc = segment(make_doc(["The two sides had", "", "agreed to work together."]), SegmentConfig())
    assert len(doc.paragraphs) == 2


def test_language_is_detected() -> None:
    text = (
        "Der Präsident hat am Montag gesagt, dass die Regierung und die Bürger mit dem Plan nicht zufrieden sind. " * 3
    )
    assert segment(make_doc(text, language=None), SegmentConfig()).language == "German"


def test_segmenting_never_invents_text() -> None:
    lines = ["a b", "c", "", "D e.", "f"]
    doc = segment(make_doc(lines), SegmentConfig())
    assert " ".join(p.text for p in doc.paragraphs).split() == " ".join(lines).split()


def test_a_line_too_long_for_one_block_is_judged_in_pieces() -> None:
    # A page saved without its line breaks (a scraper's get_text() of minified HTML).
    page = "Home     News     Sport " + " ".join(STORY * 12)
    assert len(page) > LONG_LINE
    doc = segment(make_doc(["Menu", "", page, "", "Footer"]), SegmentConfig())
    pieces_of_line = [p for p in doc.paragraphs if p.line_start == 3]
    assert [p.text for p in pieces_of_line[:2]] == ["Home", "News"]
    assert pieces_of_line[2].text.startswith("Sport " + STORY[0])
    assert all(p.line_end == 3 for p in pieces_of_line)
    assert [p.column for p in pieces_of_line[:3]] == [0, 9, 18]
    # The story's sentences come back in pieces of about a paragraph each, none past the bar.
    assert len(page) / SENTENCES_UP_TO < len(pieces_of_line) < 3 * len(page) / SENTENCES_UP_TO
    assert all(len(p.text) <= SENTENCES_UP_TO for p in pieces_of_line)
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    assert doc.paragraphs[-1].text == "Footer"


def test_a_long_line_of_one_paragraph_is_not_cut_below_the_bar() -> None:
    line = " ".join(STORY)
    assert len(line) < LONG_LINE
    assert [p.text for p in segment(make_doc([line]), SegmentConfig()).paragraphs] == [line]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("One.  Two", ["One.", "Two"]),  # a run of spaces: two blocks
        ("the end.Next one", ["the end.", "Next one"]),  # two blocks glued
        ("It rose. 3 more fell.", ["It rose.", "3 more fell."]),
        ('He said "no." Then left.', ['He said "no."', "Then left."]),
        (
            "e.g. the plan, 3.5 per cent, ASP.NET and U.S. policy",
            ["e.g. the plan, 3.5 per cent, ASP.NET and U.S. policy"],
        ),
        ("the end.the start", ["the end.the start"]),
        ("今天很好。明天也好！是吗？", ["今天很好。", "明天也好！", "是吗？"]),
    ],
)
def test_pieces_cut_where_a_block_or_a_sentence_ends(line: str, expected: list[str]) -> None:
    assert [text for _, text in pieces(line, sentences_up_to=0)] == expected


@pytest.mark.parametrize(
    ("up_to", "expected"),
    [
        (0, ["Menu", "One.", "Two.", "Three.", "Four.", "Five."]),
        (9, ["Menu", "One. Two.", "Three.", "Four.", "Five."]),
        (11, ["Menu", "One. Two.", "Three.", "Four. Five."]),
        (99, ["Menu", "One. Two.", "Three. Four. Five."]),
    ],
)
def test_sentences_after_a_space_stay_together_up_to_the_bar(up_to: int, expected: list[str]) -> None:
    # A run of spaces and two sentences glued ("Two.Three") end a block; a space after a sentence
    # does not: those sentences join while the piece stays within ``up_to`` characters.
    assert [text for _, text in pieces("Menu   One. Two.Three. Four. Five.", sentences_up_to=up_to)] == expected


def test_a_heading_glued_to_its_paragraph_comes_apart_where_a_stopword_starts_it() -> None:
    stops = stoplist("English")
    line = "Waterfall ModelThe model is old. Watch it on YouTube and LinkedIn. See McDonald and iPhone."
    assert [text for _, text in pieces(line, stops, sentences_up_to=0)] == [
        "Waterfall Model",
        "The model is old.",
        "Watch it on YouTube and LinkedIn.",
        "See McDonald and iPhone.",
    ]


@given(st.text(alphabet=st.sampled_from("ab A.!?。 \t\u00a0\"'”“(3"), max_size=80), st.integers(0, 90))
def test_pieces_keep_every_character_but_the_spaces_between_them(line: str, up_to: int) -> None:
    cut = pieces(line, sentences_up_to=up_to)
    assert all(text and text == text.strip() and line[column : column + len(text)] == text for column, text in cut)
    assert [column for column, _ in cut] == sorted(column for column, _ in cut)
    assert "".join("".join(text for _, text in cut).split()) == "".join(line.split())


def test_a_long_line_of_spaces_is_a_blank_line() -> None:
    doc = segment(make_doc(["The two sides had", " " * (LONG_LINE + 1), "agreed to work together."]), SegmentConfig())
    assert [p.text for p in doc.paragraphs] == ["The two sides had", "agreed to work together."]


@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab A.,!?ΣΟς the of 3\t\u00a0\"'"), max_size=60)
        | st.sampled_from(["Earlier this month, Musk", "reaffirmed", "", "ΟΔΟΣ", "Model.The plan"]),
        max_size=12,
    ),
    st.booleans(),
)
def test_the_paragraphs_tokens_are_their_texts_tokens(lines: list[str], long: bool) -> None:
    # Made once from the lines (joined fragments, a long line's pieces), read by the stages after.
    if long and lines:
        lines[0] = (lines[0] + " Model.The plan  ") * (LONG_LINE // max(len(lines[0]) + 16, 1) + 2)
    doc = segment(make_doc(lines), SegmentConfig())
    assert doc.tokens == tuple(line_tokens([p.text for p in doc.paragraphs]))


def test_an_html_pages_tokens_give_its_language() -> None:
    text = "Das ist der Artikel und er ist auf Deutsch geschrieben, mit allen den Wörtern, die es dafür braucht."
    doc = make_doc([text, "", text], language=None)
    as_text = segment(doc, SegmentConfig())
    html = segment(
        replace(as_text, html_rows=np.zeros((2, 1)), tokens=None, language=None, body=f"{text}\n\n{text}"),
        SegmentConfig(),
    )
    assert as_text.language == html.language == "German"
    assert html.tokens == as_text.tokens


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("fixture", ["dev-heise-text", "dev-wordpress-text"])
@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_hard_wrapped_page_gives_the_article_its_flat_text_gives(fixture: str, width: int) -> None:
    flat = (ROOT / "fixtures" / fixture / "input.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(hard_wrapped(flat.split("\n"), width))
    assert wrap_width(wrapped.split("\n")) == width
    kept = [p.text for p in clean_bytes(wrapped.encode()).kept]
    assert kept == [p.text for p in clean_bytes(flat.encode()).kept]
    # Each paragraph spans the lines it was wrapped over.
    assert any(p.line_end > p.line_start for p in clean_bytes(wrapped.encode()).kept)


@pytest.mark.parametrize("fixture", ["dev-bbc-1-text", "dev-heise-text", "dev-wordpress-text", "seed-001", "seed-003"])
def test_flat_text_is_no_wrapped_text(fixture: str) -> None:
    # A block a line: most lines are longer than any width, or few end where a wrapper breaks.
    assert wrap_width((ROOT / "fixtures" / fixture / "input.txt").read_text(encoding="utf-8").split("\n")) is None


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=12)


@given(st.lists(st.lists(_WORD, min_size=20, max_size=80), min_size=3, max_size=6), st.integers(40, 120))
# A last word that reads as a marker ("comment") alone on the paragraph's last line is its paragraph's.
@example([["AAAAAAAAAAAA"] * 36 + ["commEnt"]] + [["bbbbbbbbbbbb"] * 80] * 2, 51)
def test_every_wrapped_paragraph_comes_back_whole(paragraphs: list[list[str]], width: int) -> None:
    # A greedy wrapper ends a line only where the next word would not fit: each paragraph's lines
    # join again, whatever the width, and none joins the next paragraph.
    texts = [" ".join(words) for words in paragraphs]
    wrapped = "\n\n".join(textwrap.fill(text, width, break_on_hyphens=False) for text in texts)
    lines = wrapped.split("\n")
    if wrap_width(lines) is None:  # too few lines to tell (short paragraphs at a wide width)
        assert len(lines) - lines.count("") < 40
        return
    assert [p.text for p in segment(make_doc(wrapped), SegmentConfig()).paragraphs] == texts


def test_a_marker_line_starts_its_own_paragraph_in_a_wrapped_text() -> None:
    # "READ MORE: ..." after a line that fills the width is the page's chrome, not the sentence
    # going on: joined, it would be kept inside the paragraph whatever the model made of it.
    story = textwrap.fill(" ".join(STORY * 3), 72, break_on_hyphens=False).split("\n")
    # After a line that fills the width, where a sentence starts on the next line.
    full = next(k for k, line in enumerate(story) if len(line) + len("READ") >= 72 and story[k + 1][0].isupper())
    lines = [*story[: full + 1], "READ MORE: Musk eyes Mars", *story[full + 1 :]]
    paragraphs = [p.text for p in segment(make_doc(lines), SegmentConfig()).paragraphs]
    assert wrap_width(lines) == 72
    assert "READ MORE: Musk eyes Mars" in paragraphs


def test_a_list_item_starts_its_own_paragraph_in_a_wrapped_text() -> None:
    assert broken_at("The plan is", "new and bold.", 14)
    assert not broken_at("The plan is", "new.", 16)  # the word would have fitted: the line ended there
    assert not broken_at("The plan is", "- new and bold.", 14)
    assert not broken_at("The plan is", "2. new and bold.", 14)
    assert not broken_at("The plan is long", "new", 14)  # longer than the width: no wrapped line
