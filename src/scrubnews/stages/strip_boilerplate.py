"""Mark navigation, teasers, appended stories and footers as boilerplate."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from scrubnews.config import BoilerplateConfig
from scrubnews.document import Document, Paragraph, Verdict
from scrubnews.rules import Judgement, Kind, judge
from scrubnews.text import normalise_line, stoplist, words

_CONTENT = (Kind.PROSE, Kind.SENTENCE)
_SHORT = (Kind.SHORT, Kind.HEADLINE)
_BOX = (Kind.END, Kind.SHORT, Kind.HEADLINE)
_CODE_SYMBOLS = frozenset("(){}[]=;<>_$#")
# "12/50 Caption title": a slide counter. Three slides of one gallery make a
# gallery; the caption (and its credit) follow the last counter.
_SLIDE_COUNTER = re.compile(r"^(\d{1,3}) ?/ ?(\d{1,3}) +[^\d\s/]")
_MIN_SLIDES = 3
_SLIDE_TAIL_LINES = 2


def strip_boilerplate(doc: Document, config: BoilerplateConfig) -> Document:
    """Find the article inside the page and mark everything else.

    Each line is judged alone first (``rules.judge``), then in context:

    1. A paragraph repeated inside the file keeps only its first copy;
       repeated short lines carry the reason but cost like other short lines.
    2. Section markers ("Related Articles", "Comments") split the page into
       sections. In each, the best contiguous span of lines (Kadane): prose
       lines score their word count, capped so one long appended story
       cannot outweigh a whole article; short and junk lines cost points.
       The article is the best span of the earliest substantial section,
       grown across a marker when only a small box of links sits between,
       or when the next section's words resemble the article's.
    3. Inside the span, a run of non-prose lines can separate the article
       from another story appended with no heading; the span is cut where
       the vocabulary changes.
    4. Inside the article, junk lines, teasers ("READ MORE:" + headline)
       and the links of crossed marker boxes are dropped; headings and list
       items stay.

    A paragraph some earlier step already dropped stays dropped.
    HTML bodies extracted by trafilatura only go through step 4's junk
    filter: the DOM already chose the article.
    """
    if not doc.is_ok or not doc.paragraphs:
        return doc
    stops = stoplist(doc.language) if doc.language else frozenset()
    judged = [judge(p.text, stops, config) for p in doc.paragraphs]
    judged = _mark_repeats(doc.paragraphs, judged)
    judged = _mark_galleries(doc.paragraphs, judged)
    if doc.body_source == "trafilatura":
        # trafilatura already chose the article from the DOM; only lines
        # that are junk by themselves go.
        whole = (0, len(judged) - 1)
        return replace(doc, paragraphs=tuple(_verdicts(doc.paragraphs, judged, whole, whole)))
    scores = [_score(j, config) for j in judged]
    start, end = _article_span(doc.paragraphs, judged, scores, stops, config)
    if start > end:
        return replace(doc, paragraphs=tuple(_drop(p, "no-article") for p in doc.paragraphs))
    story = _cut_other_stories(doc.paragraphs, judged, start, end, stops, config)
    return replace(doc, paragraphs=tuple(_verdicts(doc.paragraphs, judged, story, (start, end))))


def _mark_repeats(paragraphs: tuple[Paragraph, ...], judged: list[Judgement]) -> list[Judgement]:
    """Mark lines seen more than once in the file.

    A repeated paragraph keeps only its first copy (seed 004 repeats its lead
    after the footer). A repeated short line is feed chrome (a headline shown
    three times, a source name on every teaser, seed 002) outside the
    article, but a heading listed again in a table of contents inside it, so
    it counts as an ordinary short line and only carries the reason.
    """
    counts = Counter(normalise_line(p.text) for p in paragraphs)
    seen: set[str] = set()
    out = []
    for p, j in zip(paragraphs, judged, strict=True):
        key = normalise_line(p.text)
        if counts[key] > 1 and j.kind not in (Kind.JUNK, Kind.END, Kind.TEASER):
            if key in seen and j.kind not in _SHORT:
                j = Judgement(Kind.JUNK, "repeat:in-file", j.words)
            elif j.kind in _SHORT:
                j = Judgement(j.kind, "repeat:in-file", j.words)
        seen.add(key)
        out.append(j)
    return out


def _mark_galleries(paragraphs: tuple[Paragraph, ...], judged: list[Judgement]) -> list[Judgement]:
    """Mark photo galleries: runs of slides numbered "1/50 ...", "2/50 ...".

    Each slide's caption is prose about another story (extraction-dev
    bug-1255978: fifty business briefs above the article), so prose scores
    cannot tell them apart; the slide counters can. From the first counter
    to the caption after the last one, everything is gallery.
    """
    counters: dict[str, list[int]] = {}
    for i, p in enumerate(paragraphs):
        match = _SLIDE_COUNTER.match(p.text.strip())
        if match and 0 < int(match.group(1)) <= int(match.group(2)):
            counters.setdefault(match.group(2), []).append(i)
    out = list(judged)
    for lines in counters.values():
        if len(lines) >= _MIN_SLIDES:
            last = min(lines[-1] + _SLIDE_TAIL_LINES, len(out) - 1)
            for i in range(lines[0], last + 1):
                out[i] = Judgement(Kind.JUNK, "gallery:slide", out[i].words)
    return out


def _score(j: Judgement, config: BoilerplateConfig) -> float:
    if j.kind is Kind.PROSE:
        return float(min(j.words, config.max_line_score))
    if j.kind is Kind.SENTENCE:
        return float(config.sentence_score)
    if j.kind is Kind.HEADLINE:
        # Neutral: kept inside the article, never the edge of the span
        # (a headline right above the lede, seed 001).
        return 0.0
    if j.kind is Kind.SHORT:
        return -float(config.link_penalty)
    if j.kind is Kind.END:
        return -math.inf
    return -float(config.junk_penalty)


def _article_span(
    paragraphs: tuple[Paragraph, ...],
    judged: list[Judgement],
    scores: list[float],
    stops: frozenset[str],
    config: BoilerplateConfig,
) -> tuple[int, int]:
    """The article's span: the best span of the earliest real section, grown
    over later sections that carry on the same story.

    Section markers ("Comments", "Related") split the page into sections.
    Comment threads and appended stories come after the article and can
    outweigh it (a long thread under a short post), so an earlier section
    wins when its best span scores at least ``min_earlier_share`` of the
    heaviest one. A marker can also head a small box inside the article
    ("Related" and a link, then the story goes on), so the span grows over
    the next section when the box between them is at most
    ``max_inline_box_lines`` lines, or when its words resemble the
    article's.
    """
    spans = [s for s in _section_spans(scores) if s[0] > 0]
    if not spans:
        return 0, -1
    heaviest = max(total for total, _, _ in spans)
    chosen = next(k for k, (total, _, _) in enumerate(spans) if total >= config.min_earlier_share * heaviest)
    _, start, end = spans[chosen]
    accepted = _content_vector(paragraphs, judged, start, end, stops)
    for _, next_start, next_end in spans[chosen + 1 :]:
        candidate = _content_vector(paragraphs, judged, next_start, next_end, stops)
        box = judged[end + 1 : next_start]
        # A box of links only: comment headers ("Ann · 12:20 AM") and share
        # bars are junk, and mean the article is over.
        is_small_box = len(box) <= config.max_inline_box_lines and all(j.kind in _BOX for j in box)
        if not is_small_box and cosine(accepted, candidate) < config.min_continue_similarity:
            break
        end = next_end
        accepted.update(candidate)
    return start, end


def _section_spans(scores: list[float]) -> list[tuple[float, int, int]]:
    """(score, start, end) of the best span between each pair of walls."""
    spans = []
    section_start = 0
    for i in range(len(scores) + 1):
        if i == len(scores) or scores[i] == -math.inf:
            start, end = best_span(scores[section_start:i])
            if start <= end:
                total = sum(scores[section_start + start : section_start + end + 1])
                spans.append((total, section_start + start, section_start + end))
            section_start = i + 1
    return spans


def best_span(scores: list[float]) -> tuple[int, int]:
    """Indices (inclusive) of the contiguous run with the largest sum.

    >>> best_span([-5, 10, -3, 8, -20, 6])
    (1, 3)
    >>> best_span([-1, -2])
    (0, -1)
    """
    best, best_start, best_end = 0.0, 0, -1
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_start, best_end = total, start, i
    return best_start, best_end


def _cut_other_stories(
    paragraphs: tuple[Paragraph, ...],
    judged: list[Judgement],
    start: int,
    end: int,
    stops: frozenset[str],
    config: BoilerplateConfig,
) -> tuple[int, int]:
    """Shrink the span to the story around its heaviest part.

    The span is split at gaps of ``min_story_gap_lines`` non-prose lines.
    Starting from the heaviest part, neighbouring parts are added while
    their content words resemble what was accepted so far.
    """
    parts = _split_at_gaps(paragraphs, judged, start, end, config.min_story_gap_lines)
    if len(parts) == 1:
        return start, end
    vectors = [_content_vector(paragraphs, judged, a, b, stops) for a, b in parts]
    weights = [
        sum(min(j.words, config.max_line_score) for j in judged[a : b + 1] if j.kind in _CONTENT) for a, b in parts
    ]
    core = max(range(len(parts)), key=lambda k: (weights[k], -k))
    first = last = core
    accepted = Counter(vectors[core])
    while last + 1 < len(parts) and cosine(accepted, vectors[last + 1]) >= config.min_story_similarity:
        last += 1
        accepted.update(vectors[last])
    while first > 0 and cosine(accepted, vectors[first - 1]) >= config.min_story_similarity:
        first -= 1
        accepted.update(vectors[first])
    return parts[first][0], parts[last][1]


def _split_at_gaps(
    paragraphs: tuple[Paragraph, ...], judged: list[Judgement], start: int, end: int, min_gap: int
) -> list[tuple[int, int]]:
    """Parts of the span between gaps of ``min_gap`` or more non-prose lines.

    Code and table rows in a technical article are non-prose too, but they
    belong to it (rdb_toc-missing), so they close a gap like prose does.
    """
    parts: list[tuple[int, int]] = []
    part_start, gap = start, 0
    for i in range(start, end + 1):
        if judged[i].kind in _CONTENT or looks_like_code(paragraphs[i].text):
            if gap >= min_gap and i - gap > part_start:
                parts.append((part_start, i - gap - 1))
                part_start = i
            gap = 0
        else:
            gap += 1
    parts.append((part_start, end))
    return parts


def looks_like_code(text: str) -> bool:
    """True for a line of code or a table row rather than words.

    >>> looks_like_code("SELECT avg(n) FROM series;")
    True
    >>> looks_like_code("Trending Now")
    False
    """
    symbols = sum(ch in _CODE_SYMBOLS for ch in text)
    return symbols >= 2 or any(ch in "│┼─" for ch in text)


def _content_vector(
    paragraphs: tuple[Paragraph, ...], judged: list[Judgement], a: int, b: int, stops: frozenset[str]
) -> Counter[str]:
    vector: Counter[str] = Counter()
    for p, j in zip(paragraphs[a : b + 1], judged[a : b + 1], strict=True):
        if j.kind in _CONTENT:
            vector.update(w for w in words(p.text) if len(w) > 2 and w not in stops and not w.isdigit())
    return vector


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two word-count vectors.

    >>> round(cosine(Counter("ab"), Counter("ab")), 3)
    1.0
    >>> cosine(Counter("ab"), Counter("cd"))
    0.0
    """
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    if dot == 0:
        return 0.0
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm


def _verdicts(
    paragraphs: tuple[Paragraph, ...], judged: list[Judgement], story: tuple[int, int], span: tuple[int, int]
) -> list[Paragraph]:
    """Final marks: ``story`` is the article, ``span`` the best span before
    other stories were cut off it."""
    start, end = story
    out = []
    after_marker = False
    previous_teaser = False
    in_box = False  # after a section marker the article crosses, until prose resumes
    for i, (p, j) in enumerate(zip(paragraphs, judged, strict=True)):
        if j.kind is Kind.END and i > end:
            after_marker = True
        in_box = (in_box or (j.kind is Kind.END and start <= i <= end)) and j.kind not in _CONTENT
        if not p.is_kept:
            out.append(p)
        elif (j.reason and not start <= i <= end) or j.kind in (Kind.JUNK, Kind.TEASER, Kind.END):
            out.append(_drop(p, j.reason))
        elif not start <= i <= end:
            out.append(_drop(p, _outside_reason(i, story, span, after_marker)))
        elif previous_teaser and j.kind in _SHORT:
            out.append(_drop(p, "teaser:headline"))
        elif in_box:
            out.append(_drop(p, "teaser:box"))
        else:
            out.append(p)
        previous_teaser = j.kind is Kind.TEASER and i <= end
    return out


def _outside_reason(i: int, story: tuple[int, int], span: tuple[int, int], after_marker: bool) -> str:
    if span[0] <= i <= span[1]:
        return "story:other"
    if i < story[0]:
        return "position:before-article"
    return "section:after-marker" if after_marker else "position:after-article"


def _drop(p: Paragraph, reason: str) -> Paragraph:
    return replace(p, verdict=Verdict.BOILERPLATE, reason=reason)
