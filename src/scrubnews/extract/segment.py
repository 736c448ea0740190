"""Split text into paragraphs, rejoining sentences that inline links broke."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scrubnews.config import SegmentConfig
from scrubnews.document import Document, Paragraph, filled_through_slots
from scrubnews.extract.features import line_tokens
from scrubnews.extract.hot import kernels
from scrubnews.extract.phrases import phrase_code
from scrubnews.io.renderings import TEXT_BROWSER_BULLETS
from scrubnews.text import (
    LANGUAGE_SAMPLE,
    detect_language,
    ends_sentence,
    first_letter,
    normalise_line,
    stoplist,
    word_count,
    words,
)

# A line this long is more than one block of a rendered page: 999 in 1,000 lines of
# extraction-train's flat text (the renderings the line model learns from) are shorter than 1,200
# characters, the longest 4,608. A scraper that kept a page's text but not its blocks hands over
# whole pages as a line (BeautifulSoup's ``get_text()`` on minified HTML, a dataset's text with its
# line breaks taken out); such a line is judged in pieces (``pieces``), and the pieces it keeps are
# written as one paragraph again (``Document.clean_text``). A page on one line shorter than this
# is read whole.
LONG_LINE = 2000
# Where a long line comes apart: a run of spaces (the source's indentation between two blocks:
# the flat text never holds two spaces in a line), a sentence's end before a capital, a digit or
# a quote, with or without a space after it (two blocks glued: "... the end.Next ..."), a CJK
# sentence's end, and a word glued to the next block's first word where that is a stopword
# ("Waterfall ModelThe Waterfall model has ...": a heading run into its paragraph).
_BREAK = re.compile(
    r"(?P<gap>[ \t\u00a0]{2,})"
    r"|(?<=[^\W\d_]{2}[.!?])(?P<glued>)(?=[^\W\d_][^\W\d_])"
    r"|[.!?…][\"'”’»)\]]*(?P<space>[ \t\u00a0])(?=[\"'“‘«(\[]?\w)"
    r"|[。！？][」』”’）]*(?P<cjk>)"
    r"|(?<=[a-zß-öø-ÿ]{2})(?=(?P<camel>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*)[ \t\u00a0])"
)
_OPENERS = "\"'“‘«(["
# Sentences that one run of prose holds (a space after each sentence's end) come apart only this
# far: the next one joins the piece before it while the two together are this long or shorter. A
# piece is then the size of a paragraph, the unit the line model learnt from; cut at every
# sentence, a long paragraph became a run of short lines that outweighed a short article above it
# (issue 24's "short first story"). Chosen on extraction-train (benchmarks/README.md: "Pages
# without their line breaks").
SENTENCES_UP_TO = 600

# Punctuation that can only continue a sentence, never start one.
_CONTINUERS = ",;:.)]}%"
_QUOTES = "'\"‘’“”«»"


@filled_through_slots
@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    number: int  # 1-based
    column: int = 0  # where ``text`` starts in the line (a long line's pieces)


def segment(doc: Document, config: SegmentConfig) -> Document:
    """Turn ``doc.body`` into one Paragraph per logical line.

    A rendered page puts every block element on its own line, so a line is
    the natural unit. Inline links, though, are sometimes rendered on lines
    of their own ("Earlier this month, Musk" / "reaffirmed" / "his goal ...",
    seed 003); such fragments are joined back onto the sentence they belong
    to before anything judges them, and so are the lines of a text that was
    hard-wrapped at a width (``wrap_width``). The document language is
    detected here too, since the joining rules need its stopwords.

    An HTML page arrives already in paragraphs (its rendered lines, which
    the DOM features describe one by one); only its language is detected.
    """
    if not doc.is_ok:
        return doc
    if doc.html_rows is not None:
        # The body is the paragraphs' lines: their tokens (``extract_html``) are the body's.
        tokens = doc.tokens if doc.tokens is not None else tuple(line_tokens([p.text for p in doc.paragraphs]))
        return replace(doc, language=doc.language or detect_language(_first_tokens(tokens)), tokens=tokens)
    lines = doc.body.split("\n")
    # Each line's tokens, once: the language's sample, and the paragraphs' tokens for the stages
    # after this one (no word spans a line, so a paragraph of joined lines has theirs).
    by_line = line_tokens(lines)
    language = doc.language or detect_language(_first_tokens(by_line))
    stops = stoplist(language) if language else frozenset()
    width = wrap_width(lines)
    groups = [
        group
        for block in _blocks(lines, stops)
        for group in _join_fragments(block, stops, config.max_joined_lines, width)
    ]
    texts = [
        group[0].text.strip() if len(group) == 1 else " ".join(line.text.strip() for line in group) for group in groups
    ]
    counts = kernels.word_counts(texts).astype(int).tolist()  # the whole page's at once
    paragraphs = tuple(
        Paragraph(text, k, group[0].number, group[-1].number, words=words, column=group[0].column)
        for k, (text, group, words) in enumerate(zip(texts, groups, counts, strict=True))
    )
    tokens = tuple(_group_tokens(group, lines, by_line) for group in groups)
    return replace(doc, paragraphs=paragraphs, language=language, tokens=tokens)


def _first_tokens(tokens: Sequence[list[str]]) -> list[str]:
    """The first ``LANGUAGE_SAMPLE`` tokens of the lines' ``tokens``, all that ``detect_language`` reads."""
    return list(itertools.islice(itertools.chain.from_iterable(tokens), LANGUAGE_SAMPLE))


def _group_tokens(group: list[_Line], lines: list[str], by_line: list[list[str]]) -> list[str]:
    """The tokens of a paragraph made of ``group``: its lines' own (``by_line``), a piece's its own."""
    if len(group) == 1 and len(group[0].text) == len(lines[group[0].number - 1]):
        return by_line[group[0].number - 1]  # a whole line (a piece as long as its line is the line)
    out: list[str] = []
    for line in group:
        whole = len(line.text) == len(lines[line.number - 1])
        out.extend(by_line[line.number - 1] if whole else words(line.text))
    return out


def _blocks(lines: list[str], stops: frozenset[str]) -> list[list[_Line]]:
    """Runs of non-blank lines, separated by blank lines; a long line in its ``pieces``."""
    blocks: list[list[_Line]] = [[]]
    for number, line in enumerate(lines, start=1):
        cut = pieces(line, stops) if len(line) > LONG_LINE else None
        if cut:
            blocks[-1].extend(_Line(piece, number, column) for column, piece in cut)
        elif line.strip():
            blocks[-1].append(_Line(line, number))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def pieces(
    line: str, stops: frozenset[str] = frozenset(), sentences_up_to: int = SENTENCES_UP_TO
) -> list[tuple[int, str]]:
    """``line`` cut where a block or a sentence ends (``_BREAK``), each piece with where it starts
    in the line; a sentence's end only before a capital or a digit (behind an opening quote or
    not), so "e.g. the" and "3.5" stay whole; two glued words only where the second is one of
    ``stops`` (the page language's stopwords) in capitals, so "YouTube" stays whole. Sentences
    after a space stay together while the piece is at most ``sentences_up_to`` characters long.

    >>> line = 'Home     News   Sport The plan is new.It was out. "A second one." 3 more'
    >>> [text for _, text in pieces(line, sentences_up_to=0)]
    ['Home', 'News', 'Sport The plan is new.', 'It was out.', '"A second one."', '3 more']
    >>> [text for _, text in pieces(line, sentences_up_to=30)]
    ['Home', 'News', 'Sport The plan is new.', 'It was out. "A second one."', '3 more']
    """
    out: list[tuple[int, str]] = []
    start = 0
    soft = False  # whether the last cut was a sentence's end inside a block (a space after it)

    def close(end: int) -> None:
        """The piece from ``start`` to ``end``: after a sentence's end, joined to the one before
        while the two stay within ``sentences_up_to``."""
        if soft and out and end - out[-1][0] <= sentences_up_to:
            out[-1] = (out[-1][0], line[out[-1][0] : end])
        else:
            out.append((start, line[start:end]))

    for match in _BREAK.finditer(line):
        kind = match.lastgroup or ""  # every alternative names its group
        if kind == "glued" and not (line[match.end()].isupper() and line[match.end() + 1].islower()):
            continue  # "ASP.NET", "end.the"
        if kind == "camel" and match.group(kind).lower() not in stops:
            continue  # "YouTube", "LinkedIn."
        if kind == "space":
            after = line[match.end() : match.end() + 2].lstrip(_OPENERS)[:1]
            if not (after.isupper() or after.isdigit()):
                continue
        close(match.start(kind))
        soft = kind == "space"
        start = match.end()
    close(len(line))
    return [(column + len(text) - len(text.lstrip()), text.strip()) for column, text in out if text.strip()]


def _join_fragments(
    block: list[_Line], stops: frozenset[str], max_lines: int, width: int | None = None
) -> list[list[_Line]]:
    """The lines of ``block`` in groups, each a paragraph: a line joins the group before it where
    it carries on that group's sentence (``continues``, at most ``max_lines`` lines a group), or,
    in a text hard-wrapped at ``width`` (``wrap_width``), where the line before it was broken
    there (``broken_at``)."""
    groups: list[list[_Line]] = []
    for line in block:
        if groups and (
            (
                width is not None
                and broken_at(groups[-1][-1].text, line.text, width)
                and not _stands_apart(groups[-1][-1].text, line.text)
            )
            or (len(groups[-1]) < max_lines and continues(groups[-1][-1].text, line.text, stops))
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


# A text hard-wrapped at a fixed width: a text browser's dump (w3m, lynx), a renderer told to wrap
# (html2text, pandoc), a mail or a text editor's fill. Its paragraphs come as runs of lines each
# as long as the width lets it be, which the flat text the line model reads never holds (a
# block is a line there). ``wrap_width`` looks for widths in ``_WRAP_WIDTHS``, lets a share of
# the non-empty lines be longer (``_WRAP_OVER``: a URL, a wide table row), and wants at least
# ``_WRAP_MIN_BROKEN`` lines and a share of the non-empty ones (``_WRAP_BROKEN``: a page's menus
# are not wrapped) broken where the next word would not have fitted, half the lines that fill
# most of the width (``_WRAP_SHARE``), and a lower-case word after a sixth of the breaks or more
# (``_WRAP_GOING_ON``: a sentence going on). Chosen on extraction-train's flat text (no page
# reads as wrapped) and the same pages wrapped at 72 and 100 columns and dumped by w3m (9 in
# 10 read as wrapped).
_WRAP_WIDTHS = (40, 200)
_WRAP_OVER = 0.02
_WRAP_MIN_BROKEN = 10
_WRAP_BROKEN = 0.05
_WRAP_SHARE = 0.5
_WRAP_GOING_ON = 0.15
_WRAP_WORD = 20  # characters: longer than most words
# A list item's opening (a bullet or a number): it starts a line of its own whatever fits before it.
_ITEM = re.compile(rf"[ \t]*(?:[-*+{TEXT_BROWSER_BULLETS}]|\d{{1,3}}[.)])[ \t]")


def wrap_width(lines: list[str]) -> int | None:
    """The width at which ``lines`` were hard-wrapped, or None when they were not.

    A wrapped text's lines are at most the width long, but for a few (a URL, a table's row), many
    end within a word of it, and most of those end where the next line's first word would not
    have fitted (``broken_at``). The flat text has a block a line, most of them longer than any
    width, and its shorter lines seldom end where a wrapper would have broken them.

    >>> wrapped = ["The plan is new, the council said on Tuesday, and it", "starts in May."] * 10
    >>> wrap_width(wrapped + ["", "Home"])
    52
    >>> wrap_width([" ".join(wrapped[:6]), "Home"] * 10) is None
    True
    """
    low, high = _WRAP_WIDTHS
    filled = len(lines) - lines.count("")  # the non-empty lines
    allowed = int(_WRAP_OVER * filled)
    needed = max(_WRAP_MIN_BROKEN, _WRAP_BROKEN * filled)
    # Most pages stop here: more lines than allowed are longer than any width looked for.
    if filled < 2 * _WRAP_MIN_BROKEN or sum(len(line.rstrip()) > high for line in lines if len(line) > high) > allowed:
        return None
    lengths = [len(line.rstrip()) for line in lines]
    longest = sorted(lengths, reverse=True)[: allowed + 1]  # the width is one of these: at most `allowed` are longer
    # A line broken at the width ends within a word of it: too few lines so long, and no width fits.
    if sum(length >= longest[-1] - _WRAP_WORD for length in lengths) < needed:
        return None
    best, most = None, 0
    for width in sorted(set(longest)):
        if not low <= width <= high:
            continue
        # The lines that fill most of the width and have a line after them: in a wrapped text
        # most of them were broken there.
        full = [
            (line, after)
            for line, after, length in zip(lines, lines[1:], lengths, strict=False)
            if 0.6 * width < length <= width and after.strip()
        ]
        broken = [after for line, after in full if broken_at(line, after, width)]
        # ... and many a sentence goes on on the next line (a list of dates, all one width, does not).
        going_on = sum(1 for after in broken if after.lstrip()[:1].islower())
        if len(broken) > most and len(broken) >= _WRAP_SHARE * len(full) and going_on >= _WRAP_GOING_ON * len(broken):
            best, most = width, len(broken)
    return best if most >= needed else None


# The chrome phrases that fill a line of their own (a section's end, "READ MORE: ...", an ad label,
# a bare URL): in a wrapped text such a line after a full one that ends a sentence is no part of
# its paragraph.
_MARKERS = frozenset(["marker:end", "teaser:marker", "junk:ad", "junk:url"])


def _stands_apart(line: str, after: str) -> bool:
    """Whether ``after`` is one of the ``_MARKERS`` phrases (``phrases.phrase_code``) after a
    ``line`` that ends a sentence: where the sentence goes on, a last word that reads as a marker
    ("... read the" / "comments.") is the paragraph's.

    >>> _stands_apart("The plan is new.", "READ MORE: Musk eyes Mars"), _stands_apart("Read the", "comments.")
    (True, False)
    """
    return ends_sentence(line.strip()) and phrase_code(normalise_line(after), word_count(after)) in _MARKERS


def broken_at(line: str, after: str, width: int) -> bool:
    """Whether a wrapper that fills lines up to ``width`` ended ``line`` because the first word of
    ``after`` did not fit on it (and ``after`` opens no list item of its own).

    >>> broken_at("The plan is", "new and bold.", 14), broken_at("The plan is", "new.", 16)
    (True, False)
    """
    length = len(line.rstrip())
    if not length or length > width:
        return False
    first = after.split(None, 1)
    return bool(first) and length + 1 + len(first[0]) > width and _ITEM.match(after) is None


def continues(prev: str, nxt: str, stops: frozenset[str]) -> bool:
    """True when ``nxt`` carries on the sentence that ``prev`` left open.

    >>> continues("Earlier this month, Musk", "reaffirmed", frozenset())
    True
    >>> continues("Putin aide reveals proposal", "'other advanced technologies'", frozenset())
    False
    >>> continues("the two sides had", "'agreed to work.'", frozenset({"had"}))
    True
    """
    prev, nxt = prev.strip(), nxt.strip()
    if not prev or not nxt or ends_sentence(prev):
        return False
    if nxt[0] in _CONTINUERS or prev.rstrip(_QUOTES).endswith(","):
        return True
    if nxt[0].isalpha() and nxt[0].islower():
        return True
    # A line ending on "had", "the" or "of" is unfinished when a lower-case
    # word follows, even behind a quote mark (seed 003: "had" / "'agreed").
    if not first_letter(nxt).islower():  # most lines: no need to tokenise the one before
        return False
    prev_words = words(prev)
    return len(prev_words) >= 3 and prev_words[-1] in stops
