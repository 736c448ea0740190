"""Find the title, date and author of a text page, and mark their lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from scrubnews.config import MetaConfig
from scrubnews.document import Document, Meta, Paragraph, Verdict
from scrubnews.extract.phrases import phrase_code
from scrubnews.extract.title import find_title
from scrubnews.text import ends_sentence, normalise_line, stoplist

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = re.compile(r"(19|20)\d\d")
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>(19|20)\d\d)-(?P<mm>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<mm>\d{1,2})[-/.](?P<year>(19|20)\d\d)(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(st|nd|rd|th)?,?\s+(?P<year>(19|20)\d\d)", re.I),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})(st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(19|20)\d\d)", re.I),
)
_NAME = r"(?P<name>[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|van|von|da|del|la|le|bin)){1,4})"
_BYLINE = re.compile(r"^\s*(?:by|par|von|por|di|door)\s+" + _NAME + r"\s*(?:$|[|,•·/]|and\b|\d)", re.I)
_DESK_BYLINE = re.compile(r"^\s*" + _NAME + r"\s*\|\s*(updated|created|published|posted)\b", re.I)


def _byline(text: str) -> re.Match[str] | None:
    """A "By ..." byline or a "Name | Updated: ..." desk line at the start of ``text``.

    >>> _byline("By Jane Doe, March 3").group("name"), _byline("Jane Doe | Updated: 15-03-2025").group("name")
    ('Jane Doe', 'Jane Doe')
    """
    # Only a line with a "|" can be a desk line: most lines never meet its backtracking name pattern.
    return _BYLINE.match(text) or (_DESK_BYLINE.match(text) if "|" in text else None)


def find_meta(doc: Document, config: MetaConfig) -> Document:
    """Fill ``doc.meta`` from the text and mark the title and byline lines.

    The title is the candidate line near the article's start that the title
    model likes best (``extract/title.py``: a page also shows breadcrumbs and
    other stories' headlines, seed 000);
    the date is the first date written near the top; the author comes from
    a "By ..." byline, a "Name | Updated: ..." desk line (seed 001), or a
    bio under the article that starts with the name (seed 004). Metadata an
    earlier stage found (trafilatura, for HTML) wins over these guesses.
    """
    if not doc.is_ok or not doc.kept:
        return replace(doc, tokens=None) if doc.tokens is not None else doc
    first = doc.kept[0].index
    meta = Meta(
        title=doc.meta.title or _text_title(doc, first, config),  # the title model only where it is needed
        date=doc.meta.date or _find_date(doc.paragraphs, first),
        author=doc.meta.author or _find_author(doc.paragraphs),
    )
    title = normalise_line(meta.title) if meta.title else None
    paragraphs = tuple(_mark(p, meta, title) for p in doc.paragraphs)
    # The last stage to read the paragraphs' tokens: a run's documents hold less without them.
    return replace(doc, meta=meta, paragraphs=paragraphs, tokens=None)


def _text_title(doc: Document, first: int, config: MetaConfig) -> str | None:
    stops = stoplist(doc.language) if doc.language else frozenset()
    chosen = title_candidates(doc.paragraphs, first, config)
    return find_title(doc.paragraphs, first, chosen, stops, tokens=doc.tokens)


def title_candidates(paragraphs: Sequence[Paragraph], first: int, config: MetaConfig) -> list[int]:
    """Indices of the lines that may be the headline: above the article's first kept line
    (``first``) or among its first lines when they read as a headline, of headline length, and not
    a chrome phrase, a date or a byline."""
    chosen = []
    for k in range(max(0, first - config.title_lines_above), min(len(paragraphs), first + config.title_lines_into)):
        p = paragraphs[k]
        if not config.min_title_words <= p.words <= config.max_title_words:
            continue
        text = p.text.strip()
        if p.is_kept and (p.words > config.max_kept_title_words or ends_sentence(text) or text.endswith(":")):
            continue
        if phrase_code(normalise_line(text), p.words) or parse_date(text) or _BYLINE.match(text):
            continue
        chosen.append(k)
    return chosen


def _find_date(paragraphs: tuple[Paragraph, ...], first: int) -> str | None:
    for p in paragraphs[: first + 3]:
        found = parse_date(p.text)
        if found:
            return found
    return None


def parse_date(text: str) -> str | None:
    """The first valid date written in ``text``, as ISO ``YYYY-MM-DD``.

    >>> parse_date("Russia Today15-03-2025")
    '2025-03-15'
    >>> parse_date("Tuesday, March 18, 2025")
    '2025-03-18'
    >>> parse_date("2025-58-15") is None
    True
    """
    if not _YEAR.search(text):  # every pattern holds a year: most lines are ruled out at once
        return None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["mm"]) if groups.get("mm") else _MONTHS[groups["month"].lower()]
            day, year = int(groups["day"]), int(groups["year"])
            if groups.get("mm") and month > 12 and day <= 12:
                day, month = month, day  # US order: 03/15/2025
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def _find_author(paragraphs: tuple[Paragraph, ...]) -> str | None:
    for p in paragraphs:
        match = _byline(p.text)
        if match and p.words <= 25:
            return match.group("name").strip()
    for p, nxt in itertools.pairwise(paragraphs):
        name = p.text.strip()
        if 2 <= len(name.split()) <= 4 and _is_name(name) and _starts_bio(nxt.text.strip(), name):
            return name
    return None


def _starts_bio(text: str, name: str) -> bool:
    """True when ``text`` opens like a bio of ``name``: "Jane Doe, a writer" / "Jane Doe is ...".

    A string test, not a regex built from the name: names differ on every
    page, and a pattern compiled per name cost more than the rest of the stage.
    """
    return text.startswith(name) and text[len(name) :].startswith((",", " is ", " has ", " was "))


def _is_name(text: str) -> bool:
    return all(part[:1].isupper() and part.replace("-", "").replace(".", "").isalpha() for part in text.split())


def _mark(p: Paragraph, meta: Meta, title: str | None) -> Paragraph:
    """``p`` dropped when it is the title (``title``: normalised), a byline or the author's bio line."""
    if not p.is_kept:
        return p
    text = p.text.strip()
    if title and normalise_line(text) == title:
        return p.judged(Verdict.BOILERPLATE, "meta:title")
    if p.words <= 25 and _byline(text):
        return p.judged(Verdict.BOILERPLATE, "meta:byline")
    is_bio = meta.author and _starts_bio(text, meta.author)
    if meta.author and (text == meta.author or (is_bio and p.words <= 60)):
        return p.judged(Verdict.BOILERPLATE, "meta:author")
    return p
