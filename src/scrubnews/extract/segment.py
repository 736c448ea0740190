"""Split text into paragraphs, rejoining sentences that inline links broke."""

from __future__ import annotations

from dataclasses import dataclass, replace

from scrubnews.config import SegmentConfig
from scrubnews.document import Document, Paragraph
from scrubnews.extract.hot import kernels
from scrubnews.text import detect_language, ends_sentence, first_letter, stoplist, words

# Punctuation that can only continue a sentence, never start one.
_CONTINUERS = ",;:.)]}%"
_QUOTES = "'\"‘’“”«»"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    number: int  # 1-based


def segment(doc: Document, config: SegmentConfig) -> Document:
    """Turn ``doc.body`` into one Paragraph per logical line.

    A rendered page puts every block element on its own line, so a line is
    the natural unit. Inline links, though, are sometimes rendered on lines
    of their own ("Earlier this month, Musk" / "reaffirmed" / "his goal ...",
    seed 003); such fragments are joined back onto the sentence they belong
    to before anything judges them. The document language is detected here
    too, since the joining rules need its stopwords.

    An HTML page arrives already in paragraphs (its rendered lines, which
    the DOM features describe one by one); only its language is detected.
    """
    if not doc.is_ok:
        return doc
    language = doc.language or detect_language(words(doc.body))
    if doc.html_rows is not None:
        return replace(doc, language=language)
    stops = stoplist(language) if language else frozenset()
    groups = [group for block in _blocks(doc.body) for group in _join_fragments(block, stops, config.max_joined_lines)]
    texts = [" ".join(line.text.strip() for line in group) for group in groups]
    counts = kernels.word_counts(texts).astype(int).tolist()  # the whole page's at once
    paragraphs = tuple(
        Paragraph(text, k, group[0].number, group[-1].number, words=words)
        for k, (text, group, words) in enumerate(zip(texts, groups, counts, strict=True))
    )
    return replace(doc, paragraphs=paragraphs, language=language)


def _blocks(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines, separated by blank lines."""
    blocks: list[list[_Line]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks[-1].append(_Line(line, number))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _join_fragments(block: list[_Line], stops: frozenset[str], max_lines: int) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    for line in block:
        if groups and len(groups[-1]) < max_lines and continues(groups[-1][-1].text, line.text, stops):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


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
