from pathlib import Path

import lxml.html
import numpy as np
import pytest
from lxml import etree

from scrubnews.extract.html import HTML_FEATURES, Rendered, mark_extraction, mark_title, parse_html, render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def column(page: Rendered, name: str) -> list[float]:
    return page.rows[:, HTML_FEATURES.index(name)].tolist()


def rendered(html: str) -> Rendered:
    return render(lxml.html.fromstring(html))


def test_blocks_breaks_and_inline_elements() -> None:
    page = rendered("<div><p>One <b>two</b>\n three<br>four</p><ul><li>a</li><li>b <i>c</i></li></ul></div>")
    assert page.lines == ["One two three", "four", "a", "b c"]
    assert page.spans == [(1, 1), (2, 2), (4, 4), (6, 6)]
    assert page.text == "One two three\nfour\n\na\n\nb c"
    assert column(page, "html:block=li") == [0, 0, 1, 1]
    assert column(page, "html:first_block_line") == [1, 0, 1, 1]


def test_hidden_elements_and_scripts_are_skipped_but_their_tails_kept() -> None:
    page = rendered(
        '<div><p>Seen<script>var x;</script> after</p><p hidden>no</p><p style="display: none">no</p>'
        '<p aria-hidden="true">no</p><p>last</p></div>'
    )
    assert page.lines == ["Seen after", "last"]


def test_each_line_knows_the_source_line_its_text_starts_on() -> None:
    """Leading whitespace and a leading <br> show as nothing: the line's source is where its words are."""
    page = render(
        parse_html("<html><body>\n<div>\n  <p>\n   <a href=/>Home</a>\n</p>\n<p><br>\nNews</p>\n</div></body></html>")
    )
    assert page.lines == ["Home", "News"]
    assert page.source_lines == [4, 6]
    pre = render(parse_html("<html><body>\n<pre>\n  <b>x</b></pre></body></html>"))
    assert pre.lines == ["  x"]  # inside <pre> the whitespace is shown


def test_pre_is_one_paragraph_that_keeps_its_lines() -> None:
    page = rendered("<div><p>Code:</p><pre>def f():\n    return 1</pre><p>Done.</p></div>")
    assert page.lines == ["Code:", "def f():\n    return 1", "Done."]
    assert page.spans == [(1, 1), (3, 4), (6, 6)]
    assert page.text == "Code:\n\ndef f():\n    return 1\n\nDone."


def test_landmarks_and_class_words_of_ancestors() -> None:
    page = rendered(
        '<div><div class="related-links"><p>Other story</p></div>'
        '<section id="comments"><p>Nice post</p></section>'
        '<div class="entry-content"><p>Body text</p></div><aside><p>Side</p></aside></div>'
    )
    assert column(page, "html:class=related") == [1, 0, 0, 0]
    assert column(page, "html:class=comment") == [0, 1, 0, 0]
    assert column(page, "html:class=content") == [0, 0, 1, 0]
    assert column(page, "html:in-aside") == [0, 0, 0, 1]
    # a class word of an ancestor, not of the line's own block
    assert column(page, "html:own-class=related") == [0, 0, 0, 0]


def test_advert_tokens_match_whole_words_only() -> None:
    page = rendered('<div><div class="ad-slot"><p>Buy</p></div><div class="header-shadow"><p>Hi</p></div></div>')
    assert column(page, "html:class=ad") == [1, 0]


def test_link_density_counts_visible_link_characters() -> None:
    page = rendered(
        '<div><p><a href="/">Home</a> | <a href="/n">News</a></p><p>Read <a href="/x">this</a> now</p></div>'
    )
    assert column(page, "html:link_density")[0] == 8 / 9
    assert column(page, "html:link_density")[1] == 4 / 11


def test_deep_nesting_is_no_limit_for_the_walk() -> None:
    root = element = lxml.html.Element("div")
    for _ in range(5000):  # far deeper than Python's recursion limit
        element = lxml.html.etree.SubElement(element, "div")
    lxml.html.etree.SubElement(element, "p").text = "Deep text"
    assert render(root).lines == ["Deep text"]


def test_extraction_columns() -> None:
    page = rendered("<div><p>Menu</p><p>The article  line.</p><p>Footer</p></div>")
    page = mark_extraction(page, "The article line.\nSomething else")
    assert column(page, "html:in_extraction") == [0, 1, 0]
    assert np.allclose(column(page, "html:in_extraction_mean3"), [0.5, 1 / 3, 0.5])


def test_a_short_line_is_held_only_as_a_whole_line_of_the_extraction() -> None:
    page = rendered("<div><p>News</p><p>Sport</p></div>")
    page = mark_extraction(page, "The news of the day is long enough to be an article line.\nSport")
    assert column(page, "html:in_extraction") == [0, 1]


def test_lines_around_the_extractions_main_stretch() -> None:
    article = "A long line of the article that trafilatura keeps, long enough to count."
    quote = "A quoted sentence that a comment repeats from the article text itself."
    page = rendered(
        f"<div><p>Menu</p><p>{article}</p><p>{quote}</p><p>{article} Two.</p>"
        "<p>Comments</p><p>Reader one wrote a long comment that trafilatura leaves out of the article.</p>"
        "<p>Reader two wrote another long comment, also left out, and longer than the quote.</p>"
        "<p>" + quote + "</p></div>"
    )
    page = mark_extraction(page, f"{article}\n{quote}\n{article} Two.")
    assert column(page, "html:before_extraction") == [1, 0, 0, 0, 0, 0, 0, 0]
    # the quote held again in a comment does not stretch the extraction over the thread
    assert column(page, "html:after_extraction") == [0, 0, 0, 0, 1, 1, 1, 1]
    assert np.allclose(column(page, "html:extraction_distance"), np.log1p([1, 0, 0, 0, 1, 2, 1, 0]))


def test_title_overlap_finds_the_headline() -> None:
    page = rendered("<div><p>Home</p><h1>Russia wants Musk for Mars</h1><p>Russia said on Tuesday.</p></div>")
    page = mark_title(page, ["Russia wants Musk for Mars | Example News"])
    overlap = column(page, "html:title_overlap")
    assert overlap[0] == 0 and overlap[1] > 0.6 and overlap[2] < overlap[1]


def test_lines_of_one_container_share_its_extraction_share() -> None:
    long = "A paragraph of the article body that is long enough to be held on its own merit, {}."
    page = rendered(
        '<div><ul class="menu"><li>Home</li><li>News</li></ul><div class="body">'
        f"<p>{long.format(1)}</p><p>{long.format(2)}</p><p>Short one.</p></div></div>"
    )
    page = mark_extraction(page, f"{long.format(1)}\n{long.format(2)}")
    assert column(page, "html:path_lines")[:2] == [np.log1p(2)] * 2
    shares = column(page, "html:path_in_extraction")
    # the body's short paragraph sits in a container trafilatura mostly holds; the menu in one it does not
    assert shares[0] == 0 and shares[4] > 0.9 and column(page, "html:in_extraction")[4] == 0


@pytest.mark.parametrize(
    "html",
    [
        "",
        "plain text, no markup",
        "<p>a fragment</p>",
        "<div>one</div><div>two</div>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
        "<!DOCTYPE html>\n<html/>\n<body><p>self-closed html</p></body>",
        "<html><body><p>control \x00\x01 characters</p></body></html>",
        "<html><body><form><input value=x><select><option>o</option></select><label>l</label></form></body></html>",
        *(path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*/input.html"))),
    ],
)
def test_parse_html_builds_the_tree_trafilatura_builds(html: str) -> None:
    from trafilatura.utils import load_html

    mine, theirs = parse_html(html), load_html(html)
    assert (mine is None) == (theirs is None)
    if mine is not None:
        assert etree.tostring(mine) == etree.tostring(theirs)
        assert all(isinstance(element, lxml.html.HtmlElement) for element in mine.iter(etree.Element))


_PROSE = (
    "The council voted on Tuesday to rebuild the old harbour wall, which storms breached twice last winter, "
    "and asked the engineers to report on the cost before the summer recess."
)


@pytest.mark.parametrize(
    ("html", "reruns"),
    [
        # An article: trafilatura's text is most of what the page shows, its fallbacks are not run.
        ("<html><body><article>" + "".join(f"<p>{k}. {_PROSE}</p>" for k in range(8)) + "</article></body></html>", []),
        # One paragraph above a long footer: its text is a small share of the page, they are.
        (
            f"<html><body><main><p>{_PROSE}</p></main><footer>"
            + "".join(f"<div>Footer line {k} with some words about the site and its offices</div>" for k in range(60))
            + "</footer></body></html>",
            [True],
        ),
    ],
)
def test_trafilatura_runs_its_fallbacks_only_where_its_text_is_a_small_share_of_the_page(
    html: str, reruns: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    import scrubnews.extract.html as module

    trees: list[etree._Element] = []
    calls: list[bool] = []
    extracted_text = module.extracted_text

    def spy(tree: etree._Element, fallbacks: bool = False) -> str:
        trees.append(tree)
        calls.append(fallbacks)
        return extracted_text(tree, fallbacks)

    monkeypatch.setattr(module, "extracted_text", spy)
    module.read_html(html, with_metadata=False)
    assert calls == [False, *reruns]
    assert len({id(tree) for tree in trees}) == len(trees)  # the fallbacks read a fresh tree, not the pruned one


@pytest.mark.parametrize("levels", [10, 300, 2100])  # the parser's default limit is 256, its lifted one 2,048
def test_the_page_is_parsed_again_as_it_was_parsed_first(levels: int) -> None:
    from scrubnews.extract.html import _parsed

    html = "<html><body>" + "<div>" * levels + "<p>Deep text</p>" + "</div>" * levels + "</body></html>"
    parsed = _parsed(html)
    assert parsed is not None
    tree, page, parse_again = parsed
    again = parse_again()
    assert again is not None
    assert etree.tostring(again) == etree.tostring(tree)
    assert page.lines == ["Deep text"]
