"""The rules of ``scrubnews check``: what a freshly scraped file can get wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scrubnews.config import CheckConfig
from scrubnews.document import Document, Paragraph
from scrubnews.extract.phrases import INLINE_CHROME
from scrubnews.text import ends_sentence, is_headline_like, is_sentence, normalise_line, word_count


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    summary: str  # one line, as in the README's table
    why: str  # what the rule looks for and why it matters
    example: str
    hint: str
    # A finding about the whole file (no article, too short, a copy ...)
    # rather than about one line of it: a baseline accepts it for the file.
    whole_file: bool = False
    # What finds it in one readable document (None: SN005 looks across
    # files, in check/run.py; SN009 is what an unreadable document gets).
    detect: Callable[[Document, CheckConfig], list[Finding]] | None = None
    # Files that show it: checked in this order, the last one has it
    # (tests/test_checks.py checks every rule on its sample).
    sample: tuple[bytes, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str
    # The offending line's text ('' for whole-file rules): what a baseline
    # fingerprints, so that edits elsewhere in the file do not revive it.
    content: str = field(default="", compare=False, repr=False)


# A near repeat must be this close: template lines ("<film> is currently
# streaming on ...", extraction-dev videos-1) are similar but not repeats.
_NEAR_REPEAT_JACCARD = 0.8


def check_document(doc: Document, config: CheckConfig) -> list[Finding]:
    """Findings of every single-file rule for one document, each found by its rule's ``detect``."""
    if not doc.is_ok:
        return [_finding(doc, 1, 1, "SN009", doc.problem or "cannot read")]
    findings = [f for rule in RULES.values() if rule.detect is not None for f in rule.detect(doc, config)]
    return sorted(findings, key=_order)


def near_duplicate_findings(
    doc: Document, copied_words: Counter[str], config: CheckConfig, source: str = ""
) -> list[Finding]:
    """SN005 when one other file holds copies of most of this article's words.

    ``copied_words`` maps each other file to the words of this document's
    kept paragraphs that have a copy there.
    """
    total = doc.kept_words
    if not total or not copied_words:
        return []
    other, words = min(copied_words.items(), key=lambda item: (-item[1], item[0]))
    share = words / total
    if share < config.near_duplicate_share:
        return []
    where = f" in {source}" if source else ""
    message = f"{share:.0%} of the article is copied from {other}{where}"
    return [_finding(doc, doc.kept[0].line_start, 1, "SN005", message)]


def _finding(doc: Document, line: int, col: int, code: str, message: str, source: str | None = None) -> Finding:
    """A finding at ``line`` of the text the paragraphs count in, or, given its text as ``source``,
    at ``line`` of the input itself.

    An HTML page's findings point at the lines of the HTML source (where
    its text starts), so annotations in GitHub and SARIF land on the file
    as it is; the fingerprint still hashes the text found there.
    """
    rule = RULES[code]
    if source is not None:
        return Finding(doc.path, line, col, code, message, rule.hint, "" if rule.whole_file else source)
    content = "" if rule.whole_file else _line(doc, line)
    if doc.source_lines:
        line, col = _in_source(doc, line), 1
    return Finding(doc.path, line, col, code, message, rule.hint, content)


def _in_source(doc: Document, line: int) -> int:
    """Line ``line`` of the text the paragraphs count in, as a line of the input (HTML: where it starts)."""
    if not doc.source_lines:
        return line
    return (doc.source_lines[line - 1] if 0 < line <= len(doc.source_lines) else 0) or 1


def _line(doc: Document, number: int) -> str:
    """Line ``number`` (1-based) of the text the findings' line numbers count in."""
    lines = (doc.body or doc.text).split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _order(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.col, finding.code)


def _no_article(doc: Document, config: CheckConfig) -> list[Finding]:
    return [] if doc.kept else [_finding(doc, 1, 1, "SN001", "no article text found")]


def _short(doc: Document, config: CheckConfig) -> list[Finding]:
    words = doc.kept_words
    if not doc.kept or words >= config.min_words:
        return []
    return [_finding(doc, 1, 1, "SN002", f"article has {words} words (under {config.min_words})")]


def _cut_off(doc: Document, config: CheckConfig) -> list[Finding]:
    if not doc.kept or not _is_cut_off(doc.kept[-1].text):
        return []
    line, col = _end_of(doc, doc.kept[-1])
    return [_finding(doc, line, col, "SN003", "last paragraph stops mid-sentence")]


def _listing(doc: Document, config: CheckConfig) -> list[Finding]:
    if not _is_listing(doc.paragraphs, config):
        return []
    return [_finding(doc, 1, 1, "SN008", "mostly headlines and links: a listing page")]


def _encoding(doc: Document, config: CheckConfig) -> list[Finding]:
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if "\ufffd" in line:
            return [_finding(doc, number, line.index("\ufffd") + 1, "SN007", "replacement character U+FFFD", line)]
        if not line.isascii() and _is_bad(line):
            return [_finding(doc, number, _first_non_ascii(line), "SN007", "mojibake (text decoded twice)", line)]
    return []


def _first_non_ascii(line: str) -> int:
    return next((i for i, ch in enumerate(line, start=1) if not ch.isascii()), 1)


def _markers(doc: Document, config: CheckConfig) -> list[Finding]:
    return list(_marker_findings(doc))


def _marker_findings(doc: Document) -> Iterable[Finding]:
    lines = doc.body.split("\n")
    for p in doc.kept:
        for number in range(p.line_start, p.line_end + 1):
            match = INLINE_CHROME.search(lines[number - 1])
            if match:
                yield _finding(doc, number, match.start() + 1, "SN004", f"'{match.group(0)}' inside article text")
                break


def _repeats(doc: Document, config: CheckConfig) -> list[Finding]:
    return list(_repeat_findings(doc)) if doc.kept else []


def _repeat_findings(doc: Document) -> Iterable[Finding]:
    """Later copies of a prose paragraph: exact (any verdict) or near (kept, linked)."""
    first_line: dict[str, int] = {}
    by_index = {p.index: p for p in doc.paragraphs}
    for p in doc.paragraphs:
        if not is_sentence(p.text):
            continue  # headlines shown twice are chrome, not a confused scrape
        key = normalise_line(p.text)
        earlier = [
            link.paragraph
            for link in p.links
            if link.kind == "repeat" and link.paragraph < p.index and link.jaccard >= _NEAR_REPEAT_JACCARD
        ]
        if key in first_line:
            yield _finding(doc, p.line_start, 1, "SN006", f"paragraph repeats line {_in_source(doc, first_line[key])}")
        elif earlier:
            line = _in_source(doc, by_index[earlier[0]].line_start)
            yield _finding(doc, p.line_start, 1, "SN006", f"paragraph nearly repeats line {line}")
        first_line.setdefault(key, p.line_start)


def _is_cut_off(text: str) -> bool:
    """Prose that stops on a lower-case word or a comma: "The minister said that the".

    >>> _is_cut_off("The minister said on Tuesday that the talks would go on and that the")
    True
    >>> _is_cut_off("Follow him on Twitter @someone or email him at someone@example.com")
    False
    """
    stripped = text.rstrip()
    if word_count(stripped) < 8 or ends_sentence(stripped) or any(mark in stripped for mark in ("|", "@", "http")):
        return False
    last = stripped.split()[-1]
    return stripped.endswith(",") or (last.isalpha() and last.islower())


def _is_listing(paragraphs: tuple[Paragraph, ...], config: CheckConfig) -> bool:
    """Many headline-like lines and little article text."""
    headlines = sum(1 for p in paragraphs if is_headline_like(p.text))
    article_words = sum(word_count(p.text) for p in paragraphs if p.is_kept)
    return headlines >= config.listing_min_headlines and article_words < config.listing_max_article_words


def _end_of(doc: Document, p: Paragraph) -> tuple[int, int]:
    line = doc.body.split("\n")[p.line_end - 1]
    return p.line_end, max(1, len(line.rstrip()))


def _is_bad(line: str) -> bool:
    from ftfy.badness import is_bad  # imported on first use: ftfy costs ~25 ms of start-up

    return bool(is_bad(line))


# The sample article of the rules' samples: four paragraphs of plain prose.
_SAMPLE = [
    "The finance minister said on Tuesday that the talks about the new budget would resume next week in the "
    "capital, after two days of meetings that ended without an agreement.",
    "Both delegations had agreed to publish a joint statement about the spending plans afterwards, officials "
    "from the ministry told reporters outside the building on Tuesday evening.",
    "Opposition leaders said they would wait for the statement before deciding whether to support the plan, "
    "which includes higher spending on schools, hospitals and roads over the next four years.",
    "The minister is expected to present the final version of the budget to parliament at the end of the "
    "month, when a vote on the whole package is planned.",
]


def _page(paragraphs: list[str]) -> bytes:
    return ("Home\nNews\n\n" + "\n\n".join(paragraphs) + "\n\nPrivacy Policy\n").encode()


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "SN001",
            "no-article",
            "no article text left after stripping",
            "Every line of the file was judged boilerplate: an error page, a paywall stub, a listing, or a "
            "scrape that caught only the site's chrome.",
            "a page that holds only a menu, 'Subscribe' and a copyright line",
            "look at it with `scrubnews explain PATH`; re-scrape the page if the article is missing",
            whole_file=True,
            detect=_no_article,
            sample=(b"Home\nNews\nSubscribe to our newsletter\n",),
        ),
        Rule(
            "SN002",
            "short-article",
            "article suspiciously short",
            "The article has fewer words than `min-words` (80 by default): often a teaser, a lede cut off by "
            "a paywall, or a page that failed to load its body.",
            "a page whose only paragraph is 'The president spoke on Tuesday. Read more...'",
            "check the source page; raise or lower `min-words` in [tool.scrubnews.check] for your sources",
            whole_file=True,
            detect=_short,
            sample=(_page(_SAMPLE[:2]),),
        ),
        Rule(
            "SN003",
            "cut-off",
            "article ends mid-sentence",
            "The last kept paragraph is prose but stops without a final punctuation mark: the scrape was "
            "probably truncated.",
            "an article whose last line reads 'The minister said that the'",
            "re-scrape the page; if the source itself ends that way, add the finding to a baseline",
            detect=_cut_off,
            sample=(
                _page([*_SAMPLE, "Officials said on Wednesday that the next round of talks would begin after the"]),
            ),
        ),
        Rule(
            "SN004",
            "boilerplate-left",
            "boilerplate marker inside the kept text",
            "A phrase that belongs to page chrome ('READ MORE:', 'Advertisement', 'Subscribe to', 'Click "
            "here', 'All rights reserved', ...) is still inside a paragraph that was kept.",
            "'Officials said the talks would resume. Advertisement Continue reading the main story'",
            "the scraper glued chrome into a paragraph; fix the scraper or accept it in a baseline",
            detect=_markers,
            sample=(_page([_SAMPLE[0] + " Advertisement Continue reading the main story", *_SAMPLE[1:]]),),
        ),
        Rule(
            "SN005",
            "near-duplicate-file",
            "file is a near-copy of another file",
            "Most of the article (by words) consists of paragraphs that are copies of paragraphs of one "
            "other file, in this batch or in the `--against` index: a syndicated copy or a re-scrape. "
            "In a batch the later file (in input order) is the copy; the first is not flagged.",
            "the same wire story saved from two outlets",
            "drop one copy, or keep both on purpose and add the finding to a baseline",
            whole_file=True,
            detect=None,
            sample=(_page(_SAMPLE), b"Menu\n\n" + _page(_SAMPLE)),
        ),
        Rule(
            "SN006",
            "repeated-paragraph",
            "a paragraph repeated inside the file",
            "A paragraph of eight words or more appears twice in the file (exactly or nearly): the page "
            "repeats its lead after the footer, or the scraper read a block twice.",
            "the lead paragraph shown again under the copyright line",
            "usually harmless for the article (the copy is dropped), but a sign of a confused scrape",
            detect=_repeats,
            sample=(_page([*_SAMPLE, "About us", _SAMPLE[0]]),),
        ),
        Rule(
            "SN007",
            "bad-encoding",
            "undecodable bytes, replacement characters or mojibake",
            "The text holds U+FFFD replacement characters or mojibake such as 'â€™', the sign of bytes "
            "decoded with the wrong charset somewhere along the way.",
            "'Putinâ€™s envoy' instead of 'Putin’s envoy'",
            "re-save the file as UTF-8 from its original bytes, or pass --encoding",
            detect=_encoding,
            sample=(_page([_SAMPLE[0].replace("minister", "ministerâ€™s"), *_SAMPLE[1:]]),),
        ),
        Rule(
            "SN008",
            "listing-page",
            "a listing or index page rather than an article",
            "The page is mostly headlines and links with little prose: a section front, a tag page or a "
            "search result, not one article.",
            "a 'World news' front page with forty headlines",
            "leave listing pages out of the article batch",
            whole_file=True,
            detect=_listing,
            sample=("\n\n".join(f"Minister {n} unveils plan for new bridge" for n in range(30)).encode() + b"\n",),
        ),
        Rule(
            "SN009",
            "unreadable",
            "file cannot be read or decoded",
            "The file is missing, unreadable, binary, or in no encoding that could be detected.",
            "a PNG saved with a .txt name",
            "check the path and the file type; pass --encoding if you know the charset",
            whole_file=True,
            detect=None,
            sample=(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",),
        ),
    )
}
