"""Every rendering of every training page, segmented as ``clean`` segments and labelled.

A page is rendered as given and, for training, in the shapes of ``augment``
(no blank lines, hard-wrapped, a comment thread or another story after the
article, the article-level failure shapes; for HTML, a comment section or a
related-stories grid). Each paragraph is labelled: full-gold pages by
aligning its words with the gold text, snippet pages where a paragraph holds
a "with" (article) or a "without" snippet.
"""

from __future__ import annotations

import difflib
import gzip
import json
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scrubnews.config import SegmentConfig
from scrubnews.document import Document
from scrubnews.extract.features import features, line_tokens
from scrubnews.extract.html import read_html
from scrubnews.extract.segment import segment
from scrubnews.text import detect_language, stoplist, words
from scrubnews.training.augment import (
    SHAPES,
    Story,
    appended_story,
    article_of,
    comment_thread,
    hard_wrapped,
    html_comment_section,
    html_related_grid,
    insert_after,
    with_block_after_article,
    without_blank_lines,
)

SEED = 20261127


@dataclass
class Page:
    """One rendering of one page, segmented and labelled."""

    id: str
    domain: str
    lang: str
    variant: str
    texts: list[str]
    spans: list[tuple[int, int]]
    rows: np.ndarray
    labels: np.ndarray  # 1 article, 0 boilerplate, -1 unknown (snippet pages)
    stops: frozenset[str] = frozenset()
    gold: str | None = None
    snippets: dict[str, list[str]] = field(default_factory=dict)


def load(split: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in ("wcxb.jsonl.gz", "trafeval.jsonl.gz"):
        with gzip.open(split / name, "rt", encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle)
    return rows


def full_labels(texts: list[str], gold: str) -> np.ndarray:
    """1 where most of a paragraph's words line up with the gold text, in order."""
    para_tokens = line_tokens(texts)
    flat = [t for toks in para_tokens for t in toks]
    owner = np.repeat(np.arange(len(texts)), [len(toks) for toks in para_tokens])
    matched = np.zeros(len(flat), dtype=bool)
    matcher = difflib.SequenceMatcher(None, flat, words(gold), autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= 3 or (block.size and _whole_paragraph(owner, block.a, block.size)):
            matched[block.a : block.a + block.size] = True
    labels = np.zeros(len(texts), dtype=np.int8)
    for k in range(len(texts)):
        mask = owner == k
        if mask.any():
            labels[k] = int(matched[mask].mean() >= 0.5)
    return labels


def _whole_paragraph(owner: np.ndarray, start: int, size: int) -> bool:
    k = owner[start]
    return bool((owner == k).sum() == size and owner[start + size - 1] == k)


def snippet_labels(texts: list[str], snippets: dict[str, list[str]]) -> np.ndarray:
    labels = np.full(len(texts), -1, dtype=np.int8)
    norm = [" ".join(t.split()) for t in texts]
    for kind, value in (("without", 0), ("with", 1)):
        for snippet in snippets.get(kind, []):
            for k, text in enumerate(norm):
                if snippet in text:
                    labels[k] = value
    return labels


def segmented(text: str) -> tuple[list[str], list[tuple[int, int]], frozenset[str]]:
    doc = segment(Document(path="-", text=text, body=text), SegmentConfig())
    stops = stoplist(doc.language) if doc.language else frozenset()
    return [p.text for p in doc.paragraphs], [(p.line_start, p.line_end) for p in doc.paragraphs], stops


def render(row: dict[str, object], variant: str, text: str, gold: str | None = None) -> Page:
    """One rendering of ``row`` as ``text``, labelled against ``gold`` (default: the row's own)."""
    texts, spans, stops = segmented(text)
    return _page(row, variant, texts, spans, stops, features(texts, line_tokens(texts), spans, stops), gold)


def render_html(row: dict[str, object], variant: str = "html", html: str | None = None) -> Page:
    """The page's HTML as ``clean`` reads it: rendered lines, text features and DOM features."""
    page = read_html(html if html is not None else str(row["html"]), with_metadata=False).page
    language = detect_language(words(page.text))
    stops = stoplist(language) if language else frozenset()
    rows = np.hstack([features(page.lines, line_tokens(page.lines), page.spans, stops), page.rows])
    return _page(row, variant, page.lines, page.spans, stops, rows)


def html_renderings(row: dict[str, object], others: list[dict[str, object]], augment: bool) -> list[Page]:
    """The page as given, and (full-gold training pages) with a comment section or a grid of
    related stories inserted after the article."""
    given = render_html(row)
    positive = np.flatnonzero(given.labels == 1)
    if not augment or not row.get("gold") or len(positive) == 0:
        return [given]
    rng = random.Random(f"{SEED}:html:{row['id']}")
    if rng.random() < 0.5:
        sentences = [s for o in others for s in str(o["gold"]).split("\n") if 8 <= len(s.split()) <= 40][:200]
        variant, block = "html+comments", html_comment_section(rng, sentences or ["I agree with this."])
    else:
        variant, block = "html+related", html_related_grid(rng, others)
    html = with_block_after_article(str(row["html"]), given.texts[int(positive[-1])], block)
    return [given] if html is None else [given, render_html(row, variant, html)]


def _page(
    row: dict[str, object],
    variant: str,
    texts: list[str],
    spans: list[tuple[int, int]],
    stops: frozenset[str],
    rows: np.ndarray,
    gold: str | None = None,
) -> Page:
    snippets: dict[str, list[str]] = row.get("snippets") or {}  # type: ignore[assignment]
    gold = gold or row.get("gold")  # type: ignore[assignment]
    labels = full_labels(texts, str(gold)) if gold else snippet_labels(texts, snippets)
    return Page(
        id=str(row["id"]),
        domain=str(row["domain"]),
        lang=str(row["lang"] or "?"),
        variant=variant,
        texts=texts,
        spans=spans,
        rows=rows,
        labels=labels,
        stops=stops,
        gold=str(gold) if gold else None,
        snippets=snippets,
    )


def renderings(args: tuple[dict[str, object], list[dict[str, object]], bool, str]) -> list[Page]:
    """Every rendering of one page (only as given and without blank lines when ``augment`` is off;
    the parsed HTML for ``html`` input).

    A full-gold training page is also rendered with a comment thread and with
    another story after its article, with marker lines inside its article
    (``augment.markers``), and in one of the other failure shapes of
    ``augment.SHAPES``, chosen by a seeded draw."""
    row, others, augment, kind = args
    if kind == "html":
        return html_renderings(row, others, augment)
    rng = random.Random(f"{SEED}:{row['id']}")
    text = str(row["text"])
    pages = [render(row, "given", text), render(row, "no-blank", without_blank_lines(text))]
    if not augment:
        return pages
    pages.append(render(row, "wrapped", hard_wrapped(text, rng)))
    given = pages[0]
    positive = np.flatnonzero(given.labels == 1)
    if not row.get("gold") or len(positive) == 0:
        return pages
    stories = [story_of(o) for o in others]
    last_line = given.spans[int(positive[-1])][1]
    sentences = [s for story in stories for s in story.paragraphs if 8 <= len(s.split()) <= 40][:200]
    blank = rng.random() < 0.6
    thread = comment_thread(rng, sentences or ["I agree with this."])
    pages.append(render(row, "comments", insert_after(text, last_line, thread, blank)))
    aggregated = insert_after(text, last_line, appended_story(rng, rng.choice(stories)), blank)
    pages.append(render(row, "aggregator", aggregated if blank else without_blank_lines(aggregated)))
    article = article_of(given.texts, given.spans, given.labels.tolist())
    for name in ("markers", rng.choice(sorted(set(SHAPES) - {"markers"}))):
        shaped = SHAPES[name](text, article, stories, str(row["gold"]), rng)
        if shaped is not None:
            pages.append(render(row, name, *shaped))
    return pages


def story_of(row: dict[str, object]) -> Story:
    """A full-gold page as another page's aggregator would show it: its title and paragraphs."""
    return Story(str(row.get("title") or ""), tuple(p for p in str(row["gold"]).split("\n") if p.strip()))


def build(rows: list[dict[str, object]], augment: bool, jobs: int, kind: str = "text") -> list[Page]:
    full = [r for r in rows if r.get("gold")]
    rng = random.Random(SEED)
    tasks = []
    for row in rows:
        others = [o for o in rng.sample(full, k=min(6, len(full))) if o["id"] != row["id"]]
        tasks.append((row, others, augment, kind))
    with ProcessPoolExecutor(jobs) as pool:
        return [page for pages in pool.map(renderings, tasks, chunksize=8) for page in pages]
