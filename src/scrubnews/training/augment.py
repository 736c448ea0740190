"""Synthetic page shapes: a real page with one known failure shape written into it.

Training (``training/``) renders every training page in these shapes
so that the models see each failure often; ``benchmarks/perturb.py`` applies
the same shapes to validation pages and prints what each one costs. Every
shape is a pure function of the page's text, where its article sits
(``Article``: the gold paragraphs' line spans) and a seeded ``random.Random``,
and returns the new text with the gold it should be scored against.

The shapes, each seen on pages this project has never scored:

- ``markers``: standalone marker lines inside the article ("READ MORE:"
  with the teaser headline under it, "Advertisement", "Anzeige", a
  copyright line, a bare URL, a photo credit). None is article text.
- ``consent``: a cookie-consent banner, two sentences of prose, at the top
  of the page. The first pass likes it; the article further down must win.
- ``widget``: a "Related" heading with two teaser headlines in the middle
  of the article; the story goes on after it and must be kept.
- ``short_first``: the page's own story cut to its first ~100 words, with
  two or three longer stories appended under feed chrome (an aggregator).
  Only the short first story is the article.
- ``teaser_grid``: a sponsored-links grid after the article (short
  headlines, their sources, "Undo"): the shape the ``widget`` shape must not
  teach the model to keep.

Also here, the plainer renderings every page gets: without blank lines,
hard-wrapped, with a comment thread or another story after the article.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Made-up words only: these lines must never be article text anywhere.
_OUTLETS = ("Daily Ledger", "Northern Star Media", "Rundschau Verlag GmbH", "The Courier Group", "Noticias Hoy")
_TEASER_MARKERS = ("READ MORE:", "Read more:", "READ ALSO:", "Also read:", "Lesen Sie auch:", "À lire aussi :")
_AD_LABELS = ("Advertisement", "ADVERTISEMENT", "Anzeige", "Werbung", "Publicité", "Sponsored", "Story continues below")
_CREDITS = (
    "Photo: Reuters/Alex Brandt",
    "(Getty Images)",
    "Image credit: AFP",
    "Foto: dpa",
    "Photograph: Sam Ortiz/AP",
    "Credit: Shutterstock",
)
_CONSENT = (
    (
        "We use cookies and other tracking technologies to improve your browsing experience on our website, "
        "to show you personalised content and targeted ads, and to analyse our website traffic.",
        "By choosing I Accept, you consent to our use of cookies and other tracking technologies.",
        ["I Accept", "Manage preferences"],
    ),
    (
        "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren, Werbung anzupassen "
        "und die Zugriffe auf unsere Website zu analysieren.",
        "Wenn Sie auf Akzeptieren klicken, stimmen Sie der Verwendung dieser Technologien zu.",
        ["Akzeptieren", "Einstellungen"],
    ),
    (
        "This site uses cookies to provide you with a great user experience and to help us understand how "
        "our content is used, so that we can keep improving it for all of our readers.",
        "By continuing to browse the site you are agreeing to our use of cookies as described in our policy.",
        ["OK", "Learn more"],
    ),
    (
        "Nous utilisons des cookies pour vous offrir la meilleure expérience possible sur notre site et pour "
        "mesurer l'audience de nos contenus.",
        "En poursuivant votre navigation, vous acceptez l'utilisation de ces cookies.",
        ["Accepter", "Paramétrer"],
    ),
)
_WIDGET_HEADINGS = ("Related", "RELATED", "Related Articles", "More on this", "Read next", "Mehr zum Thema", "See also")
_FEED_CHROME = ("More stories", "Latest", "Up next", "Trending now", "Top stories", "Weitere Nachrichten")


@dataclass(frozen=True)
class Article:
    """Where a page's gold article sits: each gold paragraph's first and last line (1-based,
    inclusive, as ``Paragraph.line_start``/``line_end``) and its text, in page order."""

    spans: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]


def article_of(texts: Sequence[str], spans: Sequence[tuple[int, int]], labels: Sequence[int]) -> Article:
    """The ``Article`` of a segmented page whose paragraphs are labelled (1: gold)."""
    chosen = [k for k, label in enumerate(labels) if label == 1]
    return Article(spans=tuple(spans[k] for k in chosen), texts=tuple(texts[k] for k in chosen))


@dataclass(frozen=True)
class Story:
    """Another page's story, as an aggregator shows it."""

    title: str
    paragraphs: tuple[str, ...]


Shape = Callable[[str, Article, Sequence[Story], str, random.Random], tuple[str, str] | None]


def without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def hard_wrapped(text: str, rng: random.Random) -> str:
    width = rng.randint(60, 100)
    out = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width) if len(line) > width else [line])
    return "\n".join(out)


def insert_after(text: str, line: int, block: Sequence[str], blank: bool) -> str:
    """``text`` with ``block``'s lines after its 1-based ``line`` (0: at the top), each in a
    paragraph of its own when ``blank``."""
    lines = text.split("\n")
    sep = [""] if blank else []
    insert: list[str] = []
    for item in block:
        insert.extend([*sep, item])
    return "\n".join(lines[:line] + insert + sep + lines[line:])


def has_blank_lines(text: str) -> bool:
    return "\n\n" in text or "\n \n" in text


def comment_thread(rng: random.Random, sentences: list[str]) -> list[str]:
    """A made-up comment section: header, then names, times, comments and reply chrome."""
    names = ["John D.", "maria_k", "Peter Smith", "Anonymous", "Sarah", "TruthSeeker77", "Dr. Lee", "Klaus M."]
    count = rng.randint(2, 7)
    block = [
        rng.choice([f"{count} Comments", "Comments", "Leave a Reply", "Join the discussion", f"{count} responses"])
    ]
    for _ in range(count):
        block.append(rng.choice(names))
        block.append(rng.choice(["March 3, 2024 at 10:15 am", "3 years ago", "2 hours ago", "12.04.2023 um 14:22"]))
        block.append(" ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(1, 3)))))
        block.extend(rng.sample(["Reply", "Like", "Report", "Share"], k=rng.randint(0, 2)))
    return block


def appended_story(rng: random.Random, story: Story, max_paragraphs: int = 40) -> list[str]:
    """Another story as an aggregator appends it: maybe a marker, its headline, byline, body."""
    head = []
    if rng.random() < 0.5:
        head.append(rng.choice(["More stories", "Read next", "Up next", "Related", "You may also like", "Latest"]))
    if story.title and rng.random() < 0.8:
        head.append(story.title)
    if rng.random() < 0.4:
        head.append(rng.choice(["By Jane Miller", "Staff Reporter", "Updated: Jan 5, 2025"]))
    return head + list(story.paragraphs[: rng.randint(3, max_paragraphs)])


def _boundaries(article: Article, first: int = 1, last_from_end: int = 0) -> list[int]:
    """The lines after which a block can sit between two gold paragraphs: after paragraph
    ``first - 1`` at the earliest, and with ``last_from_end`` paragraphs after it at least."""
    ends = [end for _, end in article.spans[:-1]]
    return ends[max(first - 1, 0) : len(ends) - last_from_end]


def marker_kind(line: str) -> str:
    """Which of the ``markers`` shape's kinds an inserted line is: "teaser marker" (with its
    headline on the same line or not), "ad label", "picture credit", "copyright", "bare URL", or
    "teaser headline" (the line under a teaser marker: another story's title).

    >>> [marker_kind(x) for x in ("Read more:", "Anzeige", "Foto: dpa", "https://t.co/x", "Mars next")]
    ['teaser marker', 'ad label', 'picture credit', 'bare URL', 'teaser headline']
    """
    if line in _TEASER_MARKERS or line.startswith(tuple(marker + " " for marker in _TEASER_MARKERS)):
        return "teaser marker"
    if line in _AD_LABELS:
        return "ad label"
    if line in _CREDITS:
        return "picture credit"
    if line.startswith("© "):
        return "copyright"
    if line.startswith("https://t.co/"):
        return "bare URL"
    return "teaser headline"


def markers(text: str, article: Article, others: Sequence[Story], gold: str, rng: random.Random) -> tuple[str, str]:
    """One to three standalone marker lines at paragraph breaks inside the article."""
    places = _boundaries(article)
    if not places:
        return text, gold
    blank = has_blank_lines(text)
    # From the bottom up, so that each insertion leaves the earlier line numbers alone.
    for line in sorted(rng.sample(places, k=min(len(places), rng.randint(1, 3))), reverse=True):
        kind = rng.randrange(5)
        if kind == 0:
            title = rng.choice(others).title if others else "Officials weigh the next steps"
            marker = rng.choice(_TEASER_MARKERS)
            block = [f"{marker} {title}"] if rng.random() < 0.3 else [marker, title]
            text = insert_after(text, line, block, blank and rng.random() < 0.5)
            continue
        block = [
            [rng.choice(_AD_LABELS)],
            [f"© {rng.randint(2015, 2026)} {rng.choice(_OUTLETS)}. All rights reserved."],
            [f"https://t.co/{''.join(rng.choices('abcdefghijkLMNOPQ0123456789', k=10))}"],
            [rng.choice(_CREDITS)],
        ][kind - 1]
        text = insert_after(text, line, block, blank)
    return text, gold


def consent(text: str, article: Article, others: Sequence[Story], gold: str, rng: random.Random) -> tuple[str, str]:
    """A two-sentence cookie banner and its buttons at the top of the page."""
    first, second, buttons = rng.choice(_CONSENT)
    block = [first, second] if rng.random() < 0.5 else [f"{first} {second}"]
    return insert_after(text, 0, block + buttons, has_blank_lines(text)), gold


def widget(
    text: str, article: Article, others: Sequence[Story], gold: str, rng: random.Random
) -> tuple[str, str] | None:
    """A "Related" heading with two teaser headlines between two paragraphs in the middle of the
    article (a third of it at least on each side)."""
    n = len(article.spans)
    places = _boundaries(article, first=max(n // 3, 1), last_from_end=max(n // 3, 2))
    if not places or len(others) < 2:
        return None
    teasers = [story.title for story in rng.sample(list(others), k=2) if story.title]
    block = [rng.choice(_WIDGET_HEADINGS), *teasers]
    return insert_after(text, rng.choice(places), block, has_blank_lines(text)), gold


def short_first(
    text: str, article: Article, others: Sequence[Story], gold: str, rng: random.Random
) -> tuple[str, str] | None:
    """The article cut to its first ~100 words, then two or three longer stories under feed chrome.
    The gold is the paragraphs kept."""
    budget, keep = rng.randint(60, 140), 0
    while keep < len(article.texts) and sum(len(t.split()) for t in article.texts[:keep]) < budget:
        keep += 1
    if keep >= len(article.texts) or len(others) < 2:
        return None
    lines = text.split("\n")
    cut_from, cut_to = article.spans[keep][0], article.spans[-1][1]
    blank = has_blank_lines(text)
    appended: list[str] = []
    for story in rng.sample(list(others), k=min(len(others), rng.randint(2, 3))):
        appended.extend([rng.choice(_FEED_CHROME), story.title] if story.title else [rng.choice(_FEED_CHROME)])
        appended.extend(story.paragraphs[: rng.randint(3, 12)])
    kept = lines[: cut_from - 1] + lines[cut_to:]
    return insert_after("\n".join(kept), cut_from - 1, appended, blank), "\n\n".join(article.texts[:keep])


_GRID_HEADINGS = ("Sponsored Links", "Promoted Stories", "You May Like", "Recommended for you", "Around the Web", "")
_GRID_SOURCES = ("Finance Digest", "healthyhabits.example", "Travel Deals Today", "Gadget Review", "QuizClub")
_GRID_BAIT = (
    "You won't believe what happened next",
    "Doctors are stunned by this simple trick",
    "The one gadget every driver needs this year",
    "Here's what a new roof should cost you",
    "Seniors are switching to this plan",
)


def teaser_grid(text: str, article: Article, others: Sequence[Story], gold: str, rng: random.Random) -> tuple[str, str]:
    """A sponsored-links grid right after the article: a label, then short headlines, each with its
    source (on its own line or glued on) and widget words ("Undo", "Ad"), none of it prose."""
    items = [story.title for story in others if story.title] + list(_GRID_BAIT)
    block = [label] if (label := rng.choice(_GRID_HEADINGS)) else []
    for headline in rng.sample(items, k=min(len(items), rng.randint(4, 10))):
        source = rng.choice(_GRID_SOURCES)
        block.extend([source, f"{headline}{source}"] if rng.random() < 0.5 else [headline, source])
        if rng.random() < 0.5:
            block.append(rng.choice(("Undo", "Ad", "Sponsored")))
    return insert_after(text, article.spans[-1][1], block, has_blank_lines(text) and rng.random() < 0.5), gold


SHAPES: dict[str, Shape] = {
    "markers": markers,
    "consent": consent,
    "widget": widget,
    "short_first": short_first,
    "teaser_grid": teaser_grid,
}


_COMMENT_STYLES = ("wordpress", "generic", "unmarked")


def html_comment_section(rng: random.Random, sentences: list[str]) -> str:
    """A made-up comment section in HTML, in one of three markups: WordPress's, a generic one with
    its own class names, and one with no telling class at all."""
    names = ["John D.", "maria_k", "Peter Smith", "Anonymous", "Sarah", "TruthSeeker77", "Dr. Lee", "Klaus M."]
    dates = ["March 3, 2024 at 10:15 am", "3 years ago", "2 hours ago", "12.04.2023 um 14:22"]
    count = rng.randint(2, 7)
    items = [
        (
            rng.choice(names),
            rng.choice(dates),
            " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(1, 3)))),
        )
        for _ in range(count)
    ]
    style = rng.choice(_COMMENT_STYLES)
    if style == "wordpress":
        body = "".join(
            f'<li id="comment-{k}" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{name}</b> <span class="says">says:</span></div>'
            f'<div class="comment-metadata"><a href="#c{k}"><time>{date}</time></a></div></footer>'
            f'<div class="comment-content"><p>{text}</p></div>'
            f'<div class="reply"><a class="comment-reply-link" href="#r{k}">Reply</a></div></article></li>'
            for k, (name, date, text) in enumerate(items)
        )
        return (
            f'<div id="comments" class="comments-area"><h2 class="comments-title">{count} thoughts</h2>'
            f'<ol class="comment-list">{body}</ol><div id="respond" class="comment-respond"><h3>Leave a Reply</h3>'
            "<p>Your email address will not be published.</p></div></div>"
        )
    if style == "generic":
        body = "".join(
            f'<div class="c-item"><span class="c-name">{name}</span> <span class="c-date">{date}</span>'
            f'<p class="c-text">{text}</p><a href="#">Like</a> <a href="#">Reply</a></div>'
            for name, date, text in items
        )
        return f'<section class="user-comments"><h3>Comments ({count})</h3>{body}</section>'
    body = "".join(
        f"<div><div><strong>{name}</strong> – {date}</div><div>{text}</div></div>" for name, date, text in items
    )
    return f"<div><h3>{count} responses</h3>{body}</div>"


def html_related_grid(rng: random.Random, others: list[dict[str, object]]) -> str:
    """A grid of teaser cards for other stories: title and first sentence, each a link."""
    cards = []
    for k, other in enumerate(rng.sample(others, k=min(len(others), rng.randint(2, 5)))):
        lede = next((p for p in str(other["gold"]).split("\n") if len(p.split()) >= 8), "")
        teaser = " ".join(lede.split()[: rng.randint(12, 30)])
        cards.append(
            f'<div class="card"><a href="/story-{k}"><h3>{other.get("title") or ""}</h3><p>{teaser}</p></a></div>'
        )
    heading = rng.choice(["More stories", "Read next", "Related articles", "You may also like", "Latest"])
    classes = rng.choice(['class="related-posts"', 'class="grid"', ""])
    return f"<aside {classes}><h2>{heading}</h2>{''.join(cards)}</aside>"


def with_block_after_article(html: str, last_article_line: str, block: str) -> str | None:
    """``html`` with ``block`` inserted after the container of the article's last line, or None
    when that line cannot be found in the tree."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    probe = " ".join(last_article_line.split())[:60]
    holder = None
    for element in root.iter("p", "div", "li", "td", "section", "article", "span", "blockquote", "pre"):
        if probe in " ".join(element.text_content().split()):
            holder = element  # document order: the last match is the deepest
    if holder is None:
        return None
    container = holder.getparent()
    anchor = container if container is not None and container.tag not in ("body", "html") else holder
    for element in lxml.html.fragments_fromstring(block):
        if isinstance(element, str):
            continue
        anchor.addnext(element)
        anchor = element
    return str(lxml.html.tostring(root, encoding="unicode"))
