from pathlib import Path

import pytest
from lxml import etree
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from scrubnews.extract.html_meta import _bylines, find_author, page_metadata

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Every name trafilatura's byline and discard expressions look for, in the
# spellings they accept and some they do not (case, a prefix before "^"
# anchored names, a missing hyphen), on the tags they name and on others.
_VALUES = """author Author authorName AuthorName author-name authorname post-author x-Author author_box
byline Byline byl BBL bbl username zuozhe bianji xiaobian channel-name submitted-by posted-by journalist-name
screenname writer Writer comments Comments xcomments comments-list commentlist comment-list ProductReviews
sidebar is-hidden quote embedly-instagram article-share article-support article-other print category meta-date
meta-reviewer title date Figure figure me nothing""".split()  # noqa: SIM905
_NAMES = ("class", "id", "itemprop", "rel", "data-testid", "data-component")
_TAGS = ("a", "address", "div", "link", "p", "span", "strong", "h2", "h3", "h4", "section", "li")


def _every_variant() -> etree._Element:
    elements = [f'<{tag} {name}="{value}">x</{tag}>' for tag in _TAGS for name in _NAMES for value in _VALUES]
    elements += ['<p itemprop="author name">x</p>', "<author>x</author>", "<time>x</time>", "<figure>x</figure>"]
    return load_html(f"<html><body><div>{''.join(elements)}</div></body></html>")


def test_each_rule_picks_the_elements_trafilaturas_expression_picks() -> None:
    tree = _every_variant()
    found = _bylines(tree)
    assert found is not None
    matches, discarded = found
    for expression, mine in zip(AUTHOR_XPATHS, matches, strict=True):
        assert mine == expression(tree)
        assert mine  # the page holds matches for every rule
    assert discarded == {element for expression in AUTHOR_DISCARD_XPATHS for element in expression(tree)}


@pytest.mark.parametrize(
    "body",
    [
        '<div class="byline">By Anna Berg</div>',
        # pruned: a byline inside the comments, so the article's own one wins
        '<div id="comments"><span class="author">Troll Person</span></div><p class="byline">Anna Berg</p>',
        # a byline holding a date: the date is pruned from its text
        '<div class="byline">Anna Berg <time>5 March 2024</time> and Tom Lee</div>',
        '<div class="author-box">Anna Berg <span class="sidebar">More</span>, Tom Lee</div>',
        # too short, then one that fits
        '<span class="author">AB</span><span class="post-author">Anna Berg</span>',
        "<author>Anna Berg</author>",
        '<div class="byline"><rel>me</rel>Anna Berg</div>',  # the <rel> case, left to trafilatura
        '<p class="author">' + "very long " * 20 + "</p>",
        "<p>No byline here.</p>",
    ],
)
def test_find_author_agrees_with_trafilatura(body: str) -> None:
    tree = load_html(f"<html><body>{body}<p>Text of the story.</p></body></html>")
    assert find_author(tree) == extract_author(tree)


def test_find_author_agrees_with_trafilatura_on_the_html_fixtures() -> None:
    pages = sorted(FIXTURES.glob("*/input.html"))
    assert pages
    for page in pages:
        tree = load_html(page.read_bytes())
        assert find_author(tree) == extract_author(tree), page


def test_page_metadata_reads_meta_tags_json_ld_and_the_markup() -> None:
    tree = load_html(
        "<html><head><title>Site | Ignored</title>"
        '<meta property="og:title" content="Storm &amp; floods hit the coast">'
        '<meta name="author" content="Anna  Berg">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        "</head><body><article><p>Text.</p></article></body></html>"
    )
    assert page_metadata(tree) == ("Storm & floods hit the coast", "2024-03-05", "Anna Berg")


def test_page_metadata_drops_a_one_word_author_and_finds_nothing_on_a_bare_page() -> None:
    tree = load_html(
        '<html><head><meta name="author" content="newsdesk"></head><body><p>Just text here.</p></body></html>'
    )
    assert page_metadata(tree) == (None, None, None)
