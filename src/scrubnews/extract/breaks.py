"""Where the story breaks: the article bounded as a whole, not line by line.

The decoder ends the article where the line scores say so. Two shapes fool
it, both at a *gap*: a run of non-prose lines (a heading, teaser headlines,
feed chrome, a byline) between two lines of prose.

- A "Related" box in the middle of a long feature: the story pass scores the
  paragraphs after it low and the article ends at the box, although they
  name the same people in the same words.
- An aggregator page whose own story is short: the feed's next story, under
  its headline and a "More news" line, reads as article text line by line
  and is kept.

So each gap the article reaches is judged as a whole by a small learned
model (``weights/breaks-model.json``, trees as plain data like the line
model): does the prose after it continue the story before it? Its features
(``GAP_FEATURES``) weigh the vocabulary and names the two sides share, how
much the gap's lines announce the text after them (a new story's headline
shares its words), what the gap holds (markers, bylines, dates, link-like
lines) and where it sits. Inside the article, a gap judged a break ends the
article there (the lines after it: ``story:other``); after the article, a
gap judged a continuation takes the prose after it back in, the gap as a
hole.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from scrubnews.errors import ScrubnewsError
from scrubnews.extract.features import FEATURES
from scrubnews.extract.model import WEIGHTS, Trees, trees_from_dict
from scrubnews.extract.viterbi import Place

BREAKS_FORMAT = "scrubnews-breaks-model"
BREAKS_FILE = "breaks-model.json"
MAX_GAP = 12  # lines: a wider gap after the article is never bridged
AFTER_WORDS = 250  # words of prose after a gap read as "the text after it"
LEDE_WORDS = 60

GAP_FEATURES: tuple[str, ...] = (
    "gap_lines",
    "gap_words",
    "gap_phrases",
    "gap_markers",
    "gap_teasers",
    "gap_linklike",
    "gap_bylines",
    "gap_dates",
    "gap_headlines",
    "gap_after_similarity",
    "announces",
    "gap_article_similarity",
    "before_words",
    "after_words",
    "article_similarity",
    "lede_similarity",
    "last_similarity",
    "forward_similarity",
    "name_overlap",
    "after_names",
    "after_stop_density",
    "after_ends_sentence",
    "after_quotes",
    "after_repeats",
    "gap_probability",
    "before_probability",
    "after_probability",
    "rel_position",
    "before_share",
    "prose_to_end",
)

_COLUMN = {name: FEATURES.index(name) for name in FEATURES}
# The gap's lines that match each of these, and the means of these over the text after it.
_GAP_COUNTED = [
    _COLUMN[name]
    for name in ("is_phrase", "phrase=marker:end", "phrase=teaser:marker", "is_linklike", "is_byline", "has_date")
]
_AFTER_MEANS = [_COLUMN[name] for name in ("stop_density", "ends_sentence", "has_quote", "is_first_copy")]
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÀ-ÖØ-Þ][\w’'-]{2,}")


@dataclass(frozen=True)
class Gap:
    """Non-prose lines ``start`` to ``end`` (exclusive) between the prose line ``start - 1`` and
    the run of prose lines from ``end`` to ``run_end`` (exclusive), of which those up to
    ``after_end`` (``AFTER_WORDS``) are read as the text after the gap."""

    start: int
    end: int
    after_end: int
    run_end: int


@dataclass(frozen=True)
class PageView:
    """What the gap features read of a page: each line's content words (as numbers into the page's
    vocabulary: ``vocabulary`` entries ``line_of`` each), its names, rows and first-pass scores."""

    rows: np.ndarray
    vocabulary: np.ndarray  # int, the content words of each line (distinct within it), line after line
    line_of: np.ndarray  # int, the line of each entry of ``vocabulary``
    content_counts: np.ndarray  # int, distinct content words per line
    weight2: np.ndarray  # per word: its rarity on the page, log(1 + lines / lines holding it), squared
    texts: Sequence[str]
    words: np.ndarray
    prose: np.ndarray
    probability: np.ndarray  # the line pass's, per line
    _names: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        texts: Sequence[str],
        tokens: Sequence[list[str]],
        rows: np.ndarray,
        stops: frozenset[str],
        first_logits: np.ndarray,
    ) -> PageView:
        flat = list(itertools.chain.from_iterable(tokens))
        distinct = list(dict.fromkeys(flat))
        number = {word: k for k, word in enumerate(distinct)}
        is_content = np.array([len(w) > 2 and w not in stops and not w.isdigit() for w in distinct], dtype=bool)
        ids = np.fromiter(map(number.__getitem__, flat), dtype=np.int64, count=len(flat))
        lines = np.repeat(np.arange(len(tokens), dtype=np.int64), [len(t) for t in tokens])
        pairs = np.unique(lines[is_content[ids]] * max(len(distinct), 1) + ids[is_content[ids]])
        line_of, vocabulary = np.divmod(pairs, max(len(distinct), 1))
        holding = np.bincount(vocabulary, minlength=len(distinct)).astype(np.float64)
        weight = np.log1p(len(texts) / np.maximum(holding, 1.0))
        return cls(
            rows=rows,
            vocabulary=vocabulary,
            line_of=line_of,
            content_counts=np.bincount(line_of, minlength=len(texts)),
            weight2=weight * weight,
            texts=texts,
            words=np.array([len(toks) for toks in tokens], dtype=np.float64),
            prose=rows[:, _COLUMN["is_prose"]] > 0,
            probability=1.0 / (1.0 + np.exp(-np.asarray(first_logits, dtype=np.float64))),
        )

    def names(self, lines: Sequence[int] | np.ndarray) -> set[str]:
        """The capitalised words inside the sentences of ``lines`` (read once per line)."""
        out: set[str] = set()
        for i in lines:
            i = int(i)
            if i not in self._names:
                self._names[i] = frozenset(m.lower() for m in _NAME.findall(self.texts[i].strip()))
            out |= self._names[i]
        return out

    def content(self, lines: Sequence[int] | range | np.ndarray) -> np.ndarray:
        """The content words of ``lines``, as a mask over the page's vocabulary."""
        chosen = np.zeros(len(self.prose), dtype=bool)
        chosen[np.asarray(list(lines) if isinstance(lines, range) else lines, dtype=np.int64)] = True
        mask = np.zeros(len(self.weight2), dtype=bool)
        mask[self.vocabulary[chosen[self.line_of]]] = True
        return mask

    def overlap(self, a: np.ndarray, b: np.ndarray) -> float:
        """Cosine of two word sets (``content`` masks), each word weighed by its rarity on the
        page (a menu word on every line counts for little)."""
        norms = float(self.weight2 @ a) * float(self.weight2 @ b)
        return float(self.weight2 @ (a & b)) / math.sqrt(norms) if norms > 0 else 0.0


def next_gap(view: PageView, after: int) -> Gap | None:
    """The first gap after the run of prose lines that holds line ``after``: the non-prose lines
    that follow the run and the prose run after them; None when the page ends first."""
    n = len(view.prose)
    start = after + 1
    while start < n and view.prose[start]:
        start += 1
    end = start
    while end < n and not view.prose[end]:
        end += 1
    if end >= n:
        return None
    after_end, words = end, 0.0
    while after_end < n and view.prose[after_end] and words < AFTER_WORDS:
        words += view.words[after_end]
        after_end += 1
    run_end = after_end
    while run_end < n and view.prose[run_end]:
        run_end += 1
    return Gap(start, end, after_end, run_end)


def gap_features(view: PageView, gap: Gap, article: np.ndarray) -> np.ndarray:
    """One row of ``GAP_FEATURES`` for ``gap``, ``article`` the indices of the lines kept before it."""
    rows = view.rows
    gap_lines = range(gap.start, gap.end)
    before_words = float(view.words[article].sum())
    lede_lines = article[: int(np.searchsorted(np.cumsum(view.words[article]), LEDE_WORDS, side="left")) + 1]
    before = view.content(article)
    ahead = _following(view, gap.end)
    ahead_prose = [i for i in ahead if view.prose[i]]
    after = view.content(ahead_prose)
    last_prose = [i for i in article if view.prose[i]][-1:] or list(article[-1:])
    names_before = view.names(article)
    names_after = view.names(ahead_prose)
    n = len(view.prose)
    prose_words = view.words * view.prose

    counts = np.log1p((rows[gap.start : gap.end][:, _GAP_COUNTED] > 0).sum(axis=0))
    means = rows[gap.end : gap.after_end][:, _AFTER_MEANS].mean(axis=0)

    def announces(line: int) -> float:
        words = view.content([line])
        return view.overlap(words, after) - view.overlap(words, before)

    headlines = (
        (rows[gap.start : gap.end, _COLUMN["ends_sentence"]] == 0)
        & (rows[gap.start : gap.end, _COLUMN["title_case"]] >= 0.5)
        & (view.words[gap.start : gap.end] >= 4)
    )
    gap_words = view.content(gap_lines)
    return np.array(
        [
            np.log1p(gap.end - gap.start),
            np.log1p(view.words[gap.start : gap.end].sum()),
            *counts,
            float(np.log1p(headlines.sum())),
            view.overlap(gap_words, after),
            max((announces(i) for i in gap_lines if view.content_counts[i] >= 3), default=0.0),
            view.overlap(gap_words, before),
            np.log1p(before_words),
            np.log1p(view.words[ahead_prose].sum()),
            view.overlap(before, after),
            view.overlap(view.content(lede_lines), after),
            view.overlap(view.content(last_prose), view.content([gap.end])),
            view.overlap(after, view.content(_following(view, ahead.stop))),
            len(names_after & names_before) / len(names_after) if names_after else 0.0,
            np.log1p(len(names_after)),
            *means[:3],
            1.0 - means[3],
            float(view.probability[gap.start : gap.end].mean()),
            _weighted_mean(view.probability, view.words, article),
            _weighted_mean(view.probability, view.words, ahead_prose),
            gap.end / n,
            before_words / max(float(prose_words.sum()), 1.0),
            np.log1p(prose_words[gap.end :].sum()),
        ]
    )


def _weighted_mean(values: np.ndarray, weights: np.ndarray, lines: Sequence[int] | np.ndarray) -> float:
    lines = np.asarray(lines, dtype=np.int64)
    if len(lines) == 0:
        return 0.0
    return float((values[lines] * weights[lines]).sum() / max(weights[lines].sum(), 1.0))


def _following(view: PageView, start: int) -> range:
    """The lines from ``start`` that hold the next ``AFTER_WORDS`` words of prose."""
    end, words = start, 0.0
    while end < len(view.prose) and words < AFTER_WORDS:
        words += view.words[end] * view.prose[end]
        end += 1
    return range(start, end)


Judge = Callable[[np.ndarray, Gap, bool, np.ndarray], bool]


def walk(
    view: PageView, places: np.ndarray, judge: Judge, memo: dict[tuple[int, int, int], np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``places`` with the article cut at the first gap inside it that ``judge`` calls a break
    and extended over each gap after it that ``judge`` calls a continuation; and the mask of
    lines the cut moved out (their reason is ``story:other``).

    ``judge(features_row, gap, inside, kept) -> bool`` says "the story continues" (``kept``: the
    article's lines before the gap). ``memo`` keeps each gap's row for walks of the same page
    from the same places (the training's threshold search)."""
    places = places.copy()
    cut = np.zeros(len(places), dtype=bool)
    kept_prose = np.flatnonzero((places == Place.KEEP) & view.prose)
    if len(kept_prose) == 0:
        return places, cut
    line = int(kept_prose[0])
    while True:
        gap = next_gap(view, line)
        if gap is None:
            break
        kept = np.flatnonzero(places[: gap.start] == Place.KEEP)
        inside = bool((places[gap.end :] == Place.KEEP).any())
        if not inside and gap.end - gap.start > MAX_GAP:
            break
        key = (gap.start, len(kept), int(kept[-1]) if len(kept) else -1)
        row = memo.get(key) if memo is not None else None
        if row is None:
            row = gap_features(view, gap, kept)
            if memo is not None:
                memo[key] = row
        continues = judge(row, gap, inside, kept)
        if inside and not continues:
            moved = (np.arange(len(places)) >= gap.start) & (places == Place.KEEP)
            cut |= moved
            places[gap.start :] = Place.AFTER
            break
        if not inside:
            if not continues:
                break
            places[gap.start : gap.end] = Place.HOLE
            places[gap.end : gap.run_end] = Place.KEEP
        line = gap.end
    return places, cut


@dataclass(frozen=True)
class BreaksModel:
    """Trees scoring a gap (log-odds that the story continues over it) and the log-odds under
    which a gap inside the article ends it (``cut_below``) and over which one after it is
    bridged (``bridge_above``)."""

    trees: Trees
    cut_below: float
    bridge_above: float

    def judge(self, row: np.ndarray, gap: Gap, inside: bool, kept: np.ndarray) -> bool:
        logit = float(self.trees.logits(row[None, :])[0])
        return logit >= self.cut_below if inside else logit >= self.bridge_above


def with_breaks(
    texts: Sequence[str],
    tokens: Sequence[list[str]],
    rows: np.ndarray,
    stops: frozenset[str],
    first_logits: np.ndarray,
    places: np.ndarray,
    model: BreaksModel,
) -> tuple[np.ndarray, np.ndarray]:
    """``walk`` with the learned judge (``first_logits``: the line pass's)."""
    return walk(PageView.of(texts, tokens, rows, stops, first_logits), places, model.judge)


def breaks_from_dict(data: dict[str, object], source: str = BREAKS_FILE) -> BreaksModel:
    if data.get("format") != BREAKS_FORMAT or tuple(data.get("features", ())) != GAP_FEATURES:  # type: ignore[arg-type]
        raise ScrubnewsError(f"{source}: not a {BREAKS_FORMAT} file for these gap features")
    return BreaksModel(
        trees=trees_from_dict(data),
        cut_below=float(data["cut_below"]),  # type: ignore[arg-type]
        bridge_above=float(data["bridge_above"]),  # type: ignore[arg-type]
    )


@cache
def shipped_breaks() -> BreaksModel:
    """The breaks model that ships inside the package."""
    return breaks_from_dict(json.loads((WEIGHTS / BREAKS_FILE).read_text(encoding="utf-8")))
