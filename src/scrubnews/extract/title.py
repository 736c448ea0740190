"""The headline of a text page: a learned choice among the lines around the article's start.

A flat text dump has no ``<title>``; its headline is one of the short lines
above the article (or its first line), among breadcrumbs, section names,
other stories' teasers and the site's slogan. Each candidate line gets a row
of ``TITLE_FEATURES`` (where it sits against the article's first kept line,
how much of its vocabulary the article and its lede use, its shape, how often
the page repeats it, the line model's score); gradient-boosted trees shipped
as plain data (``weights/title-model.json``, rebuilt by
``python -m scrubnews.training --input title``) score them, and the
best one is the headline when its probability clears the model's
``min_probability``.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from scrubnews.document import Paragraph
from scrubnews.errors import ScrubnewsError
from scrubnews.extract.model import Trees, read_weights, trees_from_dict
from scrubnews.text import ends_sentence, normalise_line, words

TITLE_FORMAT = "scrubnews-title-model"
TITLE_FILE = "title-model.json"
_LEDE_WORDS = 60
_SEPARATORS = re.compile(r"\s[|–—:·•»/-]\s|::")
_YEAR = re.compile(r"\b(19|20)\d\d\b")

TITLE_FEATURES: tuple[str, ...] = (
    "log_words",
    "log_chars",
    "distance",
    "is_first_above",
    "candidates_between",
    "rel_index",
    "is_kept",
    "line_score",
    "article_overlap",
    "lede_overlap",
    "best_overlap_gap",
    "log_repeats",
    "title_case",
    "upper_share",
    "ends_period",
    "ends_sentence",
    "ends_colon",
    "has_digit",
    "separators",
    "stop_share",
    "blank_before",
    "blank_after",
    "first_overlap",
    "lede_rank",
    "next_is_dateline",
)


@dataclass(frozen=True)
class TitleModel:
    trees: Trees
    min_probability: float


def title_rows(
    paragraphs: Sequence[Paragraph],
    first: int,
    chosen: Sequence[int],
    stops: frozenset[str],
    tokens: Sequence[list[str]] | None = None,
) -> np.ndarray:
    """One row of ``TITLE_FEATURES`` per candidate in ``chosen`` (line indices, ascending);
    ``tokens``: the paragraphs' ``line_tokens`` (``Document.tokens``), where they are made already."""
    if not chosen:
        return np.zeros((0, len(TITLE_FEATURES)))
    made: dict[int, list[str]] = {}

    def line(k: int) -> list[str]:
        """Paragraph ``k``'s tokens: given, or made here for the lines read (the article's, the candidates')."""
        if tokens is not None:
            return tokens[k]
        if k not in made:
            made[k] = words(paragraphs[k].text)
        return made[k]

    norms = [normalise_line(p.text) for p in paragraphs]
    counts = Counter(norms)
    kept = [p for p in paragraphs[first:] if p.is_kept]
    kept_at = [p.index for p in kept]
    # The article's words in one count, and each kept line's own words (without stopwords) only
    # where a lede needs them: the candidates share a few ledes.
    article = Counter(itertools.chain.from_iterable(line(p.index) for p in kept))
    for stopword in stops & article.keys():
        del article[stopword]
    kept_words: dict[int, list[str]] = {}

    def words_of(j: int) -> list[str]:
        if j not in kept_words:
            kept_words[j] = [w for w in line(kept[j].index) if w not in stops]
        return kept_words[j]

    n = len(paragraphs)
    rows = []
    for k in chosen:
        # The lede and the first paragraph *below* the candidate: a kept headline is not its own lede.
        below = bisect_right(kept_at, k)
        first_words = set(words_of(below)) if below < len(kept) else set()
        lede: set[str] = set()
        for j in range(below, len(kept)):
            if len(lede) >= _LEDE_WORDS:
                break
            lede.update(words_of(j))
        p = paragraphs[k]
        text = p.text.strip()
        own_tokens = line(k)
        content = [w for w in own_tokens if w not in stops and not w.isdigit()] or own_tokens
        own = Counter(content) if p.is_kept else Counter()
        in_article = sum(article[w] - own[w] > 0 for w in content) / max(len(content), 1)
        raw = text.split()
        letters = [c for c in text if c.isalpha()]
        distance = k - first
        rows.append(
            [
                math.log1p(p.words),
                math.log1p(len(text)),
                math.copysign(math.log1p(abs(distance)), distance),
                float(distance == -1),
                float(max(0, bisect_left(chosen, max(k, first)) - bisect_right(chosen, min(k, first)))),
                k / max(n - 1, 1),
                float(p.is_kept),
                p.score if p.score is not None else 0.5,
                in_article,
                sum(w in lede for w in content) / max(len(content), 1),
                0.0,  # best_overlap_gap, below
                math.log(counts[norms[k]]),
                sum(w[:1].isupper() for w in raw) / max(len(raw), 1),
                sum(c.isupper() for c in letters) / max(len(letters), 1),
                float(text.endswith(".")),
                float(ends_sentence(text)),
                float(text.endswith(":")),
                float(any(c.isdigit() for c in text)),
                float(len(_SEPARATORS.findall(text))),
                sum(w in stops for w in own_tokens) / max(len(own_tokens), 1),
                float(k == 0 or p.line_start - paragraphs[k - 1].line_end > 1),
                float(k == n - 1 or paragraphs[k + 1].line_start - p.line_end > 1),
                sum(w in first_words for w in content) / max(len(content), 1),
                0.0,  # lede_rank, below
                float(k + 1 < n and _is_dateline(paragraphs[k + 1].text)),
            ]
        )
    table = np.array(rows, dtype=np.float64)
    overlap = TITLE_FEATURES.index("article_overlap")
    table[:, TITLE_FEATURES.index("best_overlap_gap")] = table[:, overlap].max() - table[:, overlap]
    by_lede = np.argsort(-table[:, TITLE_FEATURES.index("lede_overlap")], kind="stable")
    table[:, TITLE_FEATURES.index("lede_rank")] = np.argsort(by_lede, kind="stable")
    return table


def _is_dateline(text: str) -> bool:
    """A short line with a year or a "By ..." opening: what follows a headline on most pages.

    >>> _is_dateline("By Jane Doe, March 3, 2025"), _is_dateline("The council voted on Tuesday.")
    (True, False)
    """
    stripped = text.strip()
    return len(stripped.split()) <= 15 and (bool(_YEAR.search(stripped)) or stripped.lower().startswith("by "))


def find_title(
    paragraphs: Sequence[Paragraph],
    first: int,
    chosen: Sequence[int],
    stops: frozenset[str],
    model: TitleModel | None = None,
    tokens: Sequence[list[str]] | None = None,
) -> str | None:
    """The headline among the candidate lines ``chosen`` (``meta.title_candidates``), or None when
    no line is likely enough; ``tokens`` as for ``title_rows``."""
    if not chosen:
        return None
    model = model or shipped_title_model()
    logits = model.trees.logits(title_rows(paragraphs, first, chosen, stops, tokens))
    best = int(np.argmax(logits))
    if 1.0 / (1.0 + math.exp(-float(logits[best]))) < model.min_probability:
        return None
    return without_glued_prefix(paragraphs[chosen[best]].text.strip(), [paragraphs[k].text.strip() for k in chosen])


def without_glued_prefix(title: str, lines: Sequence[str]) -> str:
    """``title``, or the longest other line of ``lines`` (three words or more) that it ends with.

    A dump that drops the markup between a breadcrumb and the headline glues them into one line
    ("HomeeuropeKremlin wishes ..."), and the page shows the headline on its own line too. Both
    hold the headline; the line without the breadcrumb is the title.

    >>> without_glued_prefix("HomeeuropeKremlin wishes to go to Mars", ["Kremlin wishes to go to Mars", "Mars"])
    'Kremlin wishes to go to Mars'
    >>> without_glued_prefix("Kremlin wishes to go to Mars", ["HomeeuropeKremlin wishes to go to Mars"])
    'Kremlin wishes to go to Mars'
    """
    inside = [line for line in lines if len(line) < len(title) and title.endswith(line) and len(line.split()) >= 3]
    return max(inside, key=len) if inside else title


def title_model_from_dict(data: dict[str, object], source: str = TITLE_FILE) -> TitleModel:
    if data.get("format") != TITLE_FORMAT or tuple(data.get("features", ())) != TITLE_FEATURES:  # type: ignore[arg-type]
        raise ScrubnewsError(
            f"{source}: not a title model for these features; rebuild it with "
            "`python -m scrubnews.training --input title`"
        )
    return TitleModel(trees=trees_from_dict(data), min_probability=float(data["min_probability"]))  # type: ignore[arg-type]


@cache
def shipped_title_model() -> TitleModel:
    return title_model_from_dict(read_weights(TITLE_FILE))
