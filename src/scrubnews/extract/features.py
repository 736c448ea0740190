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

from scrubnews.extract.phrases import CODES, phrase_code
from scrubnews.text import CJK_RE, normalise_line

# Bump when a feature changes meaning; the weights file records the version
# it was trained with.
FEATURE_VERSION = 1

_WORD = re.compile(r"\w+")
_SENTENCE_MARK = re.compile(r"[.!?。！？](?=\s|$|[\"'”’»)])")
_BULLET = re.compile(r"^\s*([-*•·►▪■●◦–—]|\d{1,3}[.)]\s|\(?[a-z]\)\s)")
_SEPARATOR = re.compile(r"\s[|•·/›»>]\s|\s[|•·]|[|•·]\s")
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w|\.(com|org|net|de|html?)\b", re.I)
_BYLINE = re.compile(
    r"^\s*(by|von|par|por|di|door|text:|written by|posted by|author:|autor:|autorin:)\s+\S", re.I
)
_DATE = re.compile(
    r"\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./](19|20)?\d\d\b"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)"
    r"[a-zä]*\.? \d{1,2}\b|\b\d{1,2}\.? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai"
    r"|juni|juli|oktober|dezember)[a-zä]*\b|\b\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago\b",
    re.I,
)
_QUOTE = re.compile(r"[\"“”«»„]")
_FINAL = ".!?…。！？"
_CLOSERS = "\"'”’»)]}*"

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
_NEIGHBOURS = tuple(f"{name}@prev" for name in _WINDOW_SIGNALS) + tuple(
    f"{name}@next" for name in _WINDOW_SIGNALS
)
_WINDOWED = tuple(f"{name}@w{w}" for w in _WINDOWS[1:] for name in _WINDOW_SIGNALS)

FEATURES: tuple[str, ...] = _BASE + _PHRASES + _CONTEXT + _NEIGHBOURS + _WINDOWED


def features(
    texts: Sequence[str],
    line_spans: Sequence[tuple[int, int]],
    stops: frozenset[str],
) -> np.ndarray:
    """The feature matrix of one page: one row per paragraph, columns as ``FEATURES``.

    ``line_spans`` are each paragraph's first and last line number, used
    only to see blank lines between paragraphs; ``stops`` is the page's
    stoplist (empty when no language was recognised).
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    tokens = [_WORD.findall(text.lower()) for text in texts]
    counts = Counter(normalise_line(text) for text in texts)
    page_words = Counter(w for toks in tokens for w in toks if w not in stops and len(w) > 2)
    base = np.zeros((n, len(_BASE)), dtype=np.float64)
    phrases = np.zeros((n, len(_PHRASES)), dtype=np.float64)
    seen: set[str] = set()
    for i, text in enumerate(texts):
        norm = normalise_line(text)
        row, code = _line(text, norm, tokens[i], stops, counts[norm], norm not in seen, page_words)
        seen.add(norm)
        base[i] = row
        if code:
            phrases[i, CODES.index(code)] = 1.0
    base[:, _BASE.index("log_lines")] = np.log1p([end - start for start, end in line_spans])
    gaps = np.array([line_spans[i + 1][0] - line_spans[i][1] for i in range(n - 1)], dtype=np.float64) > 1
    base[1:, _BASE.index("blank_before")] = gaps
    base[:-1, _BASE.index("blank_after")] = gaps
    base[0, _BASE.index("blank_before")] = 1.0
    base[-1, _BASE.index("blank_after")] = 1.0
    base[:, _BASE.index("is_phrase")] = phrases.any(axis=1)
    columns = {name: base[:, k] for k, name in enumerate(_BASE)}
    context = _context(columns, bool(stops))
    neighbours = _neighbours(columns)
    windowed = _windowed(columns)
    return np.hstack([base, phrases, context, neighbours, windowed]).astype(np.float64)


def _line(
    text: str,
    norm: str,
    toks: list[str],
    stops: frozenset[str],
    repeats: int,
    is_first: bool,
    page_words: Counter[str],
) -> tuple[list[float], str]:
    stripped = text.strip()
    n_chars = len(stripped)
    cjk = len(CJK_RE.findall(stripped))
    letters = sum(ch.isalpha() for ch in stripped) or 1
    n_words = len(toks) if cjk == 0 else len(CJK_RE.sub(" ", stripped).split()) + (cjk + 1) // 2
    n_tok = len(toks) or 1
    stop_share = sum(t in stops for t in toks) / n_tok if stops else 0.0
    core = stripped.rstrip(_CLOSERS)
    ends = bool(core) and core[-1] in _FINAL
    raw_words = stripped.split()
    capitalised = sum(w[:1].isupper() for w in raw_words) / (len(raw_words) or 1)
    upper = sum(ch.isupper() for ch in stripped) / letters
    digits = sum(ch.isdigit() for ch in stripped) / (n_chars or 1)
    symbols = sum(not ch.isalnum() and not ch.isspace() for ch in stripped) / (n_chars or 1)
    content = [t for t in toks if t not in stops and len(t) > 2]
    cohesion = (
        sum(math.log1p(page_words[t] - 1) for t in content) / len(content) if content else 0.0
    )
    has_stops = stop_share >= 0.2 if stops else cjk == 0 or any(m in stripped for m in "。！？")
    is_prose = float(has_stops and (n_words >= 15 or (ends and n_words >= 6)))
    is_linklike = float(not ends and 1 <= n_words <= 12 and capitalised >= 0.5)
    code = phrase_code(norm, n_words)
    row = [
        math.log1p(n_chars),
        math.log1p(n_words),
        stop_share,
        float(ends),
        min(len(_SENTENCE_MARK.findall(stripped)), 10) / 10,
        stripped.count(",") / n_tok,
        capitalised,
        upper,
        digits,
        symbols,
        float(bool(_BULLET.match(stripped))),
        min(len(_SEPARATOR.findall(stripped)), 5),
        float(bool(_URL.search(stripped))),
        cjk / letters,
        float(stripped[:1].islower()),
        float(stripped.endswith(":")),
        float(bool(_BYLINE.match(stripped)) and n_words <= 12),
        float(bool(_DATE.search(stripped))),
        float(bool(_QUOTE.search(stripped))),
        sum(len(t) for t in toks) / n_tok,
        math.log(repeats),
        float(is_first),
        0.0,  # log_lines, filled for the whole page
        0.0,  # blank_before
        0.0,  # blank_after
        cohesion,
        is_prose,
        0.0,  # is_phrase
        is_linklike,
    ]
    return row, code


def _context(columns: dict[str, np.ndarray], has_stoplist: bool) -> np.ndarray:
    """Where each paragraph sits relative to the page and to its prose."""
    n = len(columns["log_words"])
    words = np.expm1(columns["log_words"])
    prose_words = words * columns["is_prose"]
    total_words = words.sum() or 1.0
    total_prose = prose_words.sum() or 1.0
    before = np.concatenate([[0.0], np.cumsum(words)[:-1]])
    prose_before = np.concatenate([[0.0], np.cumsum(prose_words)[:-1]])
    start, end = best_span(np.minimum(prose_words, 60.0) - 4.0 * (1 - columns["is_prose"]))
    index = np.arange(n, dtype=np.float64)
    span_distance = np.where(index < start, index - start, np.where(index > end, index - end, 0.0))
    density = _mean_window(prose_words, 15)
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
    return np.column_stack([_mean_window(columns[name], w) for w in _WINDOWS[1:] for name in _WINDOW_SIGNALS])


def _mean_window(values: np.ndarray, width: int) -> np.ndarray:
    """Mean over a centred window of ``2 * width + 1`` paragraphs, clipped at the edges."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    index = np.arange(n)
    lo = np.maximum(index - width, 0)
    hi = np.minimum(index + width + 1, n)
    return np.asarray((padded[hi] - padded[lo]) / (hi - lo), dtype=np.float64)


def best_span(scores: np.ndarray) -> tuple[int, int]:
    """The contiguous run with the largest sum (Kadane); (0, -1) when every score is negative.

    >>> best_span(np.array([-1.0, 3.0, -1.0, 2.0, -5.0]))
    (1, 3)
    """
    best, best_start, best_end = 0.0, 0, -1
    running, start = 0.0, 0
    for i, score in enumerate(scores.tolist()):
        if running <= 0:
            running, start = 0.0, i
        running += score
        if running > best:
            best, best_start, best_end = running, start, i
    return best_start, best_end
