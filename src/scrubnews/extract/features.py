"""Per-line features for a whole page at once.

Each paragraph (a rendered line, with inline-link fragments joined back) gets
a row of numbers: its own shape (length, stopwords, punctuation, case,
digits, known chrome phrases), where it sits (position, blank lines around
it, inside the page's densest run of prose or not), how it relates to the
rest of the page (repeats, shared vocabulary) and the same signals averaged
over windows of neighbours. The model (``model.py``) turns a row into a
probability; nothing here decides anything.

Feature names are part of the shipped model: ``FEATURES`` is checked against
the weights file when it is loaded, so a change here needs a retrain.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from scrubnews.extract.hot import kernels
from scrubnews.extract.phrases import CODES, READ_AS, phrase_code
from scrubnews.text import WORD_RE, ends_sentence, normalise_line

# Bump when a feature changes meaning; the weights file records the version
# it was trained with.
FEATURE_VERSION = 6

_BULLET = re.compile(r"^\s*([-*•·►▪■●◦–—]|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
_SEPARATOR = re.compile(r"\s[|•·/›»>]\s|\s[|•·]|[|•·]\s")
# ``kernels.line_counts``' columns by name.
_COUNT = {name: k for k, name in enumerate(kernels.LINE_COUNTS)}
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w|\.(com|org|net|de|html?)\b", re.I)
# Every match of ``_URL`` holds "://", "@", "www." in any case, or a "." before one of the
# letters its endings start with (``re.I`` spells none of those letters another way):
# ``kernels.URL_HINT``. The lines without one of these, nearly all of a page's, cannot match it
# and are left out.
_BYLINE = re.compile(r"^\s*(by|von|par|por|di|door|text:|written by|posted by|author:|autor:|autorin:)\s+\S", re.I)
# Every match starts at a word's start with a digit or a month's first letter: the look-ahead
# says so once, so that the engine tries the alternatives only there (half the time).
_DATE = re.compile(
    r"\b(?=[\djfmasond])(?:(19|20)\d\d-\d\d-\d\d\b|\d{1,2}[./]\d{1,2}[./](19|20)?\d\d\b"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)"
    r"[a-zä]*\.? \d{1,2}\b|\d{1,2}\.? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai"
    r"|juni|juli|oktober|dezember)[a-zä]*\b|\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago\b)",
    re.I,
)

# Windows (in paragraphs, centred) over which neighbour signals are averaged.
_WINDOWS = (1, 3, 7, 15)
_WINDOW_SIGNALS = ("log_words", "stop_density", "ends_sentence", "is_prose", "is_phrase", "is_linklike")

_BASE = (
    "log_chars",
    "log_words",
    "stop_density",
    "ends_sentence",
    "sentence_marks",
    "comma_rate",
    "title_case",
    "upper_share",
    "digit_share",
    "symbol_share",
    "starts_bullet",
    "separators",
    "has_url",
    "cjk_share",
    "starts_lower",
    "ends_colon",
    "is_byline",
    "has_date",
    "has_quote",
    "mean_word_len",
    "log_repeats",
    "is_first_copy",
    "log_lines",
    "blank_before",
    "blank_after",
    "cohesion",
    "is_prose",
    "is_phrase",
    "is_linklike",
)
_PHRASES = tuple("phrase=" + code for code in CODES)
_PHRASE_COLUMN = {code: CODES.index(READ_AS.get(code, code)) for code in (*CODES, *READ_AS)}
_CONTEXT = (
    "rel_index",
    "rel_words_before",
    "prose_before",
    "prose_after",
    "in_best_span",
    "span_distance",
    "peak_distance",
    "doc_log_paragraphs",
    "doc_log_words",
    "doc_has_stoplist",
    "doc_blank_share",
    "doc_prose_share",
)
_NEIGHBOURS = tuple(f"{name}@prev" for name in _WINDOW_SIGNALS) + tuple(f"{name}@next" for name in _WINDOW_SIGNALS)
_WINDOWED = tuple(f"{name}@w{w}" for w in _WINDOWS[1:] for name in _WINDOW_SIGNALS)

FEATURES: tuple[str, ...] = _BASE + _PHRASES + _CONTEXT + _NEIGHBOURS + _WINDOWED


def content_entries(tokens: Sequence[list[str]], stops: frozenset[str]) -> np.ndarray:
    """The lines' content words with their counts (``kernels.content_entries``), which the story
    pass and the article step (``bounds.py``) both read: made once a page."""
    return np.asarray(kernels.content_entries(list(tokens), stops))


def line_tokens(texts: Sequence[str]) -> list[list[str]]:
    """Each line's lower-cased word tokens, shared by both passes' features.

    >>> line_tokens(["Musk's plan", ""])
    [['musk', 's', 'plan'], []]
    """
    return [WORD_RE.findall(text.lower()) for text in texts]


def features(
    texts: Sequence[str],
    tokens: Sequence[list[str]],
    line_spans: Sequence[tuple[int, int]],
    stops: frozenset[str],
) -> np.ndarray:
    """The feature matrix of one page: one row per paragraph, columns as ``FEATURES``.

    ``tokens`` are ``line_tokens(texts)``; ``line_spans`` are each
    paragraph's first and last line number, used only to see blank lines
    between paragraphs; ``stops`` is the page's stoplist (empty when no
    language was recognised).
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    norms = [normalise_line(text) for text in texts]
    stripped = [text.strip() for text in texts]
    char_sums = kernels.line_counts(stripped)
    base, n_words = _own_columns(stripped, tokens, stops, char_sums, kernels.token_sums(list(tokens), stops))
    counts = Counter(norms)
    phrases = np.zeros((n, len(_PHRASES)), dtype=np.float64)
    first = [False] * n
    chrome = [False] * n
    seen: set[str] = set()
    # A line the page repeats (a menu item, "Share" under every teaser) is matched against the
    # chrome phrases once: a quarter of a page's lines are repeats.
    codes: dict[tuple[str, int], str] = {}
    for i, (norm, words) in enumerate(zip(norms, n_words.astype(np.int64).tolist(), strict=True)):
        if norm not in seen:
            first[i] = True
            seen.add(norm)
        code = codes.get((norm, words))
        if code is None:
            code = codes[norm, words] = phrase_code(norm, words)
        if code:
            phrases[i, _PHRASE_COLUMN[code]] = 1.0
            chrome[i] = code not in READ_AS
    base[:, _BASE.index("log_repeats")] = [math.log(counts[norm]) for norm in norms]
    base[:, _BASE.index("is_first_copy")] = first
    base[:, _BASE.index("log_lines")] = np.log1p([end - start for start, end in line_spans])
    gaps = np.array([line_spans[i + 1][0] - line_spans[i][1] for i in range(n - 1)], dtype=np.float64) > 1
    base[1:, _BASE.index("blank_before")] = gaps
    base[:-1, _BASE.index("blank_after")] = gaps
    base[0, _BASE.index("blank_before")] = 1.0
    base[-1, _BASE.index("blank_after")] = 1.0
    base[:, _BASE.index("is_phrase")] = chrome
    for name, values in _pattern_columns(stripped, char_sums).items():
        base[:, _BASE.index(name)] = values
    columns = {name: base[:, k] for k, name in enumerate(_BASE)}
    context = _context(columns, bool(stops))
    neighbours = _neighbours(columns)
    windowed = _windowed(columns)
    return np.hstack([base, phrases, context, neighbours, windowed])


def _own_columns(
    stripped: list[str],
    tokens: Sequence[list[str]],
    stops: frozenset[str],
    chars: np.ndarray,
    token_sums: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The lines' own ``_BASE`` columns, for all lines at once (those of the whole page, and the
    repeats, left at 0), and their word counts. ``chars`` are the lines' ``kernels.line_counts``,
    ``token_sums`` their ``kernels.token_sums``."""
    own = ("letters", "upper", "digits", "symbols", "cjk", "split_words", "capitalised", "commas", "words_beside_cjk")
    alpha, n_upper, n_digits, n_symbols, cjk, n_split, n_capitalised, n_commas, beside_cjk = (
        chars[:, _COUNT[name]] for name in own
    )
    n_chars = np.array([len(text) for text in stripped], dtype=np.float64)
    letters = np.maximum(alpha, 1.0)  # a count, so "or 1"
    toks = np.array([len(t) for t in tokens], dtype=np.float64)
    n_words = np.where(cjk == 0, toks, beside_cjk + (cjk + 1) // 2)
    n_tok = np.maximum(toks, 1.0)
    n_stops, letters_in_tokens, n_content, cohesion_sum = token_sums.T
    stop_share = n_stops / n_tok if stops else np.zeros(len(stripped))
    ends = np.array([ends_sentence(text) for text in stripped], dtype=bool)
    capitalised = n_capitalised / np.maximum(n_split, 1.0)
    if stops:
        has_stops = stop_share >= 0.2
    else:
        has_stops = (cjk == 0) | np.array([any(m in text for m in "。！？") for text in stripped], dtype=bool)
    columns = {
        "log_chars": _log1p(n_chars),
        "log_words": _log1p(n_words),
        "stop_density": stop_share,
        "ends_sentence": ends,
        "comma_rate": n_commas / n_tok,
        "title_case": capitalised,
        "upper_share": n_upper / letters,
        "digit_share": n_digits / np.maximum(n_chars, 1.0),
        "symbol_share": n_symbols / np.maximum(n_chars, 1.0),
        "starts_bullet": [bool(_BULLET.match(text)) for text in stripped],
        "cjk_share": cjk / letters,
        "starts_lower": [text[:1].islower() for text in stripped],
        "ends_colon": [text.endswith(":") for text in stripped],
        "is_byline": np.array([bool(_BYLINE.match(text)) for text in stripped], dtype=bool) & (n_words <= 12),
        "mean_word_len": letters_in_tokens / n_tok,
        "cohesion": np.divide(cohesion_sum, n_content, out=np.zeros(len(stripped)), where=n_content > 0),
        "is_prose": has_stops & ((n_words >= 15) | (ends & (n_words >= 6))),
        "is_linklike": ~ends & (n_words >= 1) & (n_words <= 12) & (capitalised >= 0.5),
    }
    base = np.zeros((len(stripped), len(_BASE)), dtype=np.float64)
    for name, values in columns.items():
        base[:, _BASE.index(name)] = values
    return base, n_words


def _log1p(values: np.ndarray) -> list[float]:
    """``math.log1p`` of each value: numpy's own ``log1p`` differs from it in the last bit on some
    values, and the shipped trees were fitted on these columns as ``math`` makes them."""
    return [math.log1p(value) for value in values.tolist()]


def _pattern_columns(texts: list[str], counts: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Pattern counts per line. ``counts`` are the lines' ``kernels.line_counts`` (made here when
    not given): the sentence marks and quotation marks come from them, and they say which lines
    can hold a match of the other patterns at all (every date holds a digit, every separator one
    of its marks, every URL a ``kernels.URL_HINT``); each of those patterns runs once over the
    lines that can, joined with a separator that no pattern can match across as it would not at
    a line's own end ("\n" where a pattern may look for the end of a line, NUL elsewhere), and
    every match is credited to the line it starts in.

    >>> columns = _pattern_columns(["Home | News", "He said “yes.” Then left."])
    >>> columns["separators"].tolist(), columns["sentence_marks"].tolist(), columns["has_quote"].tolist()
    ([1.0, 0.0], [0.0, 0.2], [0.0, 1.0])
    """
    counts = kernels.line_counts(texts) if counts is None else counts
    n = len(texts)

    def per_line(pattern: re.Pattern[str], joiner: str, can_match: np.ndarray) -> np.ndarray:
        lines = np.flatnonzero(can_match)
        subset = [texts[k] for k in lines.tolist()]
        starts = np.cumsum([0] + [len(t) + 1 for t in subset[:-1]])
        positions = [m.start() for m in pattern.finditer(joiner.join(subset))]
        owners = lines[np.searchsorted(starts, positions, side="right") - 1]
        return np.bincount(owners, minlength=n).astype(np.float64)

    column = {name: counts[:, k] for k, name in enumerate(kernels.LINE_COUNTS)}
    return {
        "sentence_marks": np.minimum(column["sentence_marks"], 10) / 10,
        "separators": np.minimum(per_line(_SEPARATOR, "\x00", column["separator_marks"] > 0), 5),
        "has_url": np.minimum(per_line(_URL, "\n", column["url_hint"] > 0), 1),
        "has_date": np.minimum(per_line(_DATE, "\n", column["digits"] > 0), 1),
        "has_quote": np.minimum(column["quote_marks"], 1),
    }


def _context(columns: dict[str, np.ndarray], has_stoplist: bool) -> np.ndarray:
    """Where each paragraph sits relative to the page and to its prose."""
    n = len(columns["log_words"])
    words = np.expm1(columns["log_words"])
    prose_words = words * columns["is_prose"]
    total_words = words.sum() or 1.0
    total_prose = prose_words.sum() or 1.0
    before = np.concatenate([[0.0], np.cumsum(words)[:-1]])
    prose_before = np.concatenate([[0.0], np.cumsum(prose_words)[:-1]])
    start, end = kernels.best_span(np.minimum(prose_words, 60.0) - 4.0 * (1 - columns["is_prose"]))
    index = np.arange(n, dtype=np.float64)
    span_distance = np.where(index < start, index - start, np.where(index > end, index - end, 0.0))
    density = mean_window(prose_words, 15)
    peak = float(np.argmax(density)) if n else 0.0
    doc = [
        math.log1p(n),
        math.log1p(total_words),
        float(has_stoplist),
        float(columns["blank_before"].mean()),
        float(columns["is_prose"].mean()),
    ]
    return np.column_stack(
        [
            index / max(n - 1, 1),
            before / total_words,
            prose_before / total_prose,
            (total_prose - prose_before - prose_words) / total_prose,
            ((index >= start) & (index <= end)).astype(np.float64),
            np.sign(span_distance) * np.log1p(np.abs(span_distance)),
            np.sign(index - peak) * np.log1p(np.abs(index - peak)),
            *(np.full(n, value) for value in doc),
        ]
    )


def _neighbours(columns: dict[str, np.ndarray]) -> np.ndarray:
    prev = [np.concatenate([[0.0], columns[name][:-1]]) for name in _WINDOW_SIGNALS]
    nxt = [np.concatenate([columns[name][1:], [0.0]]) for name in _WINDOW_SIGNALS]
    return np.column_stack(prev + nxt)


def _windowed(columns: dict[str, np.ndarray]) -> np.ndarray:
    signals = np.column_stack([columns[name] for name in _WINDOW_SIGNALS])
    return np.hstack([mean_window(signals, w) for w in _WINDOWS[1:]])


def mean_window(values: np.ndarray, width: int) -> np.ndarray:
    """Mean over a centred window of ``2 * width + 1`` paragraphs, clipped at the edges; of each
    column of a 2-D ``values`` (its running sums are each column's own, added in the same order).

    >>> mean_window(np.array([1.0, 2.0, 6.0]), 1).tolist()
    [1.5, 3.0, 4.0]
    >>> mean_window(np.array([[1.0, 0.0], [2.0, 1.0], [6.0, 1.0]]), 1).tolist()
    [[1.5, 0.5], [3.0, 0.6666666666666666], [4.0, 1.0]]
    """
    padded = np.concatenate([np.zeros((1, *values.shape[1:])), np.cumsum(values, axis=0)])
    n = len(values)
    index = np.arange(n)
    lo = np.maximum(index - width, 0)
    hi = np.minimum(index + width + 1, n)
    span = (hi - lo).reshape(-1, *([1] * (values.ndim - 1)))
    return np.asarray((padded[hi] - padded[lo]) / span, dtype=np.float64)


# --- second pass: the page as stories ---------------------------------------------
#
# After the first pass the page has a provisional article. The second pass
# looks at each line against it: is the line near it, does it share the
# vocabulary of its lede, has the topic shifted between it and the article's
# start (an aggregator appends whole other stories, seeds 002 and 003)?

_STORY_WINDOW = 6
# A run's similarity to the lede and to the article's runs before it, how many article runs come
# before it, whether any does (``_run_similarities``).
_RUN_SIMILARITIES = ("run_lede_similarity", "run_article_similarity", "article_runs_before", "has_article_before")
STORY_FEATURES: tuple[str, ...] = (
    "first_logit",
    "first_prob@w1",
    "first_prob@w3",
    "first_prob@w7",
    "place=before",
    "place=keep",
    "place=hole",
    "place=after",
    "from_start",
    "from_end",
    "article_words_before",
    *kernels.STORY_SIMILARITIES,  # lede, article and local similarity; topic shift
    "max_shift_since_start",
    "phrases_since_start",
    "linklike_since_start",
    "markers_since_start",
    "low_lines_before",
    "low_lines_after",
    "high_block_words",
    *_RUN_SIMILARITIES,
)


def story_features(entries: np.ndarray, rows: np.ndarray, logits: np.ndarray, places: np.ndarray) -> np.ndarray:
    """Second-pass features, from the lines' content words (``content_entries``), their first-pass
    rows and logits, and the decoded places (``viterbi.Place`` values)."""
    n = len(rows)
    if n == 0:
        return np.zeros((0, len(STORY_FEATURES)), dtype=np.float64)
    kept = places == 1
    index = np.arange(n, dtype=np.float64)
    kept_at = np.flatnonzero(kept)
    start, end = (kept_at[0], kept_at[-1]) if len(kept_at) else (n, n)
    prob = 1.0 / (1.0 + np.exp(-logits))
    words = np.expm1(rows[:, FEATURES.index("log_words")])
    kept_words = words * kept
    lede_rows = kept_at[np.cumsum(words[kept_at]) <= max(60.0, words[kept_at[:1]].sum())] if len(kept_at) else kept_at
    in_lede = np.isin(np.arange(n), lede_rows).astype(np.float64)
    similar = kernels.story_similarities(entries, n, in_lede, kept.astype(np.float64), _STORY_WINDOW)
    shift = similar[:, kernels.STORY_SIMILARITIES.index("topic_shift")]
    shift_in_article = np.where((index > start) & (index <= end + _STORY_WINDOW), shift, 0.0)
    phrase = rows[:, FEATURES.index("is_phrase")] * (index >= start)
    linklike = rows[:, FEATURES.index("is_linklike")] * (index >= start)
    return np.column_stack(
        [
            logits,
            mean_window(prob, 1),
            mean_window(prob, 3),
            mean_window(prob, 7),
            *((places == place).astype(np.float64) for place in range(4)),
            np.sign(index - start) * np.log1p(np.abs(index - start)),
            np.sign(index - end) * np.log1p(np.abs(index - end)),
            np.concatenate([[0.0], np.cumsum(kept_words)[:-1]]) / max(kept_words.sum(), 1.0),
            *similar.T,
            np.maximum.accumulate(shift_in_article),
            np.log1p(np.cumsum(phrase)),
            np.log1p(np.cumsum(linklike)),
            np.log1p(np.cumsum(rows[:, FEATURES.index("phrase=marker:end")] * (index >= start))),
            *_gaps(prob >= 0.5, words),
            *_run_similarities(entries, prob >= 0.5, start, in_lede).T,
        ]
    )


def _run_similarities(entries: np.ndarray, high: np.ndarray, start: int, in_lede: np.ndarray) -> np.ndarray:
    """``_RUN_SIMILARITIES`` of each line: those of the run of first-pass-likely lines it belongs
    to (an unlikely line: the run after it, which a story's headline or a widget heading opens).

    A window of six lines misreads a story appended under two lines of feed chrome (its first
    paragraphs meet the article's last) and a long article's turn of subject after a "Related"
    box. As whole runs the two part: the story that goes on after a widget shares its names with
    the runs above it; another story shares next to nothing with them, or with the lede. The
    article's runs are those that reach ``start`` (the first decoded article line) or lie after
    it; ``entries`` are ``kernels.content_entries``; ``in_lede`` marks the lede's lines.

    >>> tokens = [["mars", "rocket"], ["related"], ["mars", "launch"], ["more"], ["cats", "pets"]]
    >>> entries = kernels.content_entries(tokens, frozenset())
    >>> high, lede = np.array([True, False, True, False, True]), np.array([1.0, 0, 0, 0, 0])
    >>> _run_similarities(entries, high, 0, lede).round(2).tolist()
    [[1.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.69, 1.0], [0.5, 0.5, 0.69, 1.0], [0.0, 0.0, 1.1, 1.0], [0.0, 0.0, 1.1, 1.0]]
    """
    n = len(high)
    out = np.zeros((n, len(_RUN_SIMILARITIES)), dtype=np.float64)
    if n == 0 or len(entries) == 0 or not high.any():
        return out
    index = np.arange(n)
    run, next_high = _runs(high)
    owner = np.where(next_high < n, run[np.minimum(next_high, n - 1)], -1)
    line, word, count = entries[:, 0].astype(np.intp), entries[:, 1].astype(np.intp), entries[:, 2]
    runs = int(run[-1]) + 1
    lede = np.bincount(word, weights=count * in_lede[line], minlength=int(word.max()) + 1)
    last_line = np.zeros(runs, dtype=np.intp)
    last_line[run] = index  # each run's last line (the last assignment wins)
    in_article = (last_line >= start) & np.bincount(run, weights=high, minlength=runs).astype(bool)
    sums = kernels.run_sums(entries, run, high.astype(np.float64), in_article.astype(np.float64), lede)
    to_lede, cross, squares, before_squares, words_before = sums.T
    norms = np.sqrt(squares)
    columns = np.column_stack(
        [
            _cosine(to_lede, norms * math.sqrt(lede @ lede)),
            _cosine(cross, norms * np.sqrt(before_squares)),
            np.log1p(np.maximum(np.cumsum(in_article) - 1, 0) * in_article),
            (words_before > 0).astype(np.float64),
        ]
    )
    has_run = owner >= 0
    out[has_run] = columns[owner[has_run]]
    return out


def _cosine(dots: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """``dots / norms``, 0 where a norm is 0 (a run or lede without content words)."""
    out = np.zeros(len(dots), dtype=np.float64)
    np.divide(dots, norms, out=out, where=norms > 0)
    return out


def _gaps(high: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Around each line: first-pass-unlikely lines just before it and just after it (log), and the
    words of the run of likely lines it belongs to (log; 0 for an unlikely line).

    An article's paragraphs sit in long runs with short gaps; teasers under a
    "Related" heading are single likely lines between long gaps of chrome.

    >>> [np.expm1(x).round().tolist() for x in _gaps(np.array([True, False, False, True, True]), np.ones(5))]
    [[0.0, 0.0, 1.0, 2.0, 0.0], [2.0, 1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 2.0, 2.0]]
    """
    n = len(high)
    index = np.arange(n)
    last_high = np.maximum.accumulate(np.where(high, index, -1))
    before = index - np.concatenate([[-1], last_high[:-1]]) - 1
    run, next_high = _runs(high)
    after = np.concatenate([next_high[1:], [n]]) - index - 1
    run_words = np.bincount(run, weights=words * high)[run]
    return np.log1p(before), np.log1p(after), np.log1p(run_words)


def _runs(high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each line's run (lines in a row that are all likely or all unlikely, numbered from 0), and
    the first likely line at or after it (the page's length where none is).

    >>> [x.tolist() for x in _runs(np.array([True, False, False, True, True, False]))]
    [[0, 1, 1, 2, 2, 3], [0, 3, 3, 3, 4, 6]]
    """
    n = len(high)
    run = np.cumsum(np.concatenate([[0], high[1:] != high[:-1]]))
    next_high = np.minimum.accumulate(np.where(high, np.arange(n), n)[::-1])[::-1]
    return run, next_high
