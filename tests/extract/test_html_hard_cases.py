"""The layouts HTML extraction must survive, one small page each.

Each case is a hand-made page and what must (``present``) and must not
(``absent``) be in the article, through the whole pipeline (``clean_bytes``).
The headline is the page's title (metadata), not article text, as in the
training gold.
Cases the model still gets wrong stay as strict expected failures, so that
a fix is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import STORY

from scrubnews import clean_bytes

HEAD = "<html><head><title>Council expands bus network | Example News</title></head><body>"
NAV = (
    '<header><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/latest">Latest</a></li></ul></nav></header>'
)
FOOTER = (
    '<footer class="site-footer"><p>© 2025 Example Media. All rights reserved.</p>'
    '<a href="/privacy">Privacy</a></footer>'
)
TAIL = "</body></html>"
COMMENTS = (
    '<section id="comments" class="comments-area"><h3>3 comments</h3><ol class="comment-list">'
    '<li class="comment"><div class="comment-author">Pat</div><div class="comment-content"><p>This is the '
    "best news I have heard all year, the buses on my street are always full by seven in the morning.</p>"
    '</div><div class="reply"><a href="#">Reply</a></div></li>'
    '<li class="comment"><div class="comment-author">Sam</div><div class="comment-content"><p>I still think '
    "the roads should have come first, the potholes on the high street have been there for three winters.</p>"
    "</div></li></ol></section>"
)
RELATED = (
    '<aside class="related-stories"><h2>More stories</h2><div class="grid">'
    + "".join(
        f'<div class="card"><a href="/s{i}"><h3>{title}</h3><p>{teaser}</p></a></div>'
        for i, (title, teaser) in enumerate(
            [
                ("Frog species found in highlands", "Scientists have found a tiny new frog in the rainforest."),
                ("Harbour to reopen in May", "The harbour will reopen after two years of repairs, the port said."),
                ("Library wins design award", "The new library was praised for its use of light and timber."),
            ]
        )
    )
    + "</div></aside>"
)


def paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


@dataclass(frozen=True)
class Case:
    name: str
    html: str
    present: list[str]
    absent: list[str]
    is_known_failure: bool = False


CASES = [
    Case(
        "plain article between menu and footer",
        HEAD
        + NAV
        + "<main><article><h1>Council expands bus network</h1>"
        + paragraphs(STORY)
        + "</article></main>"
        + FOOTER
        + TAIL,
        ["six new lines", "first of the new buses"],
        ["Home", "All rights reserved"],
    ),
    Case(
        "article split across sibling divs with an ad between",
        HEAD
        + NAV
        + '<div class="story-body"><div class="para-block">'
        + paragraphs(STORY[:2])
        + '</div><div class="ad-slot"><p>Advertisement</p></div><div class="para-block">'
        + paragraphs(STORY[2:])
        + "</div></div>"
        + FOOTER
        + TAIL,
        ["six new lines", "Opponents had argued", "first of the new buses"],
        ["Advertisement", "All rights reserved"],
    ),
    Case(
        "deeply nested layout",
        HEAD
        + NAV
        + "<div>" * 40
        + '<div class="entry-content">'
        + paragraphs(STORY)
        + "</div>"
        + "</div>" * 40
        + FOOTER
        + TAIL,
        ["ending a two-year dispute", "first of the new buses"],
        ["Home", "All rights reserved"],
    ),
    Case(
        "nested deeper than the parser's default limit (256 levels)",
        HEAD + NAV + "<div>" * 600 + paragraphs(STORY) + "</div>" * 600 + FOOTER + TAIL,
        ["ending a two-year dispute", "first of the new buses"],
        ["Home"],
    ),
    Case(
        "nested deeper than the parser's lifted limit (2,048 levels): wrappers dropped",
        HEAD + NAV + "<div>" * 2100 + paragraphs(STORY) + "</div>" * 2100 + FOOTER + TAIL,
        ["ending a two-year dispute", "first of the new buses"],
        ["Home"],
    ),
    Case(
        "3,000 unclosed <font> tags before the article",
        HEAD + NAV + '<font size="2">' * 3000 + paragraphs(STORY) + FOOTER + TAIL,
        ["ending a two-year dispute", "first of the new buses"],
        [],
    ),
    Case(
        "comment section after the article",
        HEAD + NAV + "<article>" + paragraphs(STORY) + "</article>" + COMMENTS + FOOTER + TAIL,
        ["first of the new buses"],
        ["best news I have heard", "potholes on the high street", "3 comments"],
    ),
    Case(
        "related-story grid after the article",
        HEAD + NAV + "<article>" + paragraphs(STORY) + "</article>" + RELATED + FOOTER + TAIL,
        ["first of the new buses"],
        ["Frog species", "harbour will reopen", "More stories"],
    ),
    Case(
        "no semantic markup at all (trafilatura finds little)",
        "<html><body><div><div>Home | News | Sport</div></div><div><div>"
        + "<br><br>".join(STORY)
        + "</div></div><div>© 2025 Example Media</div></body></html>",
        ["six new lines", "first of the new buses"],
        ["Home | News", "© 2025"],
    ),
]


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=pytest.mark.xfail(strict=True) if c.is_known_failure else ()) for c in CASES],
)
def test_html_hard_case(case: Case) -> None:
    doc = clean_bytes(case.html.encode("utf-8"))
    text = doc.clean_text
    for phrase in case.present:
        assert phrase in text, f"lost {phrase!r}"
    for phrase in case.absent:
        assert phrase not in text, f"kept {phrase!r}"
    if "<title>" in case.html:
        assert doc.meta.title and doc.meta.title.startswith("Council expands bus network")
