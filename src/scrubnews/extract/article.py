"""The extraction stage: features → line model → decoder → a verdict for every paragraph."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from scrubnews.config import ExtractConfig
from scrubnews.document import Document, Paragraph, Verdict
from scrubnews.extract.bounds import choose_article
from scrubnews.extract.features import FEATURES, content_entries, features, line_tokens, story_features
from scrubnews.extract.hot import kernels
from scrubnews.extract.model import LineModel, shipped_model
from scrubnews.extract.phrases import CODES, READ_AS, phrase_code, stands_alone
from scrubnews.extract.viterbi import Place, best_places, punch_holes, trim_edges
from scrubnews.text import normalise_line, stoplist

_PLACE_REASONS = {
    Place.BEFORE: "position:before-article",
    Place.HOLE: "model:low-score",
    Place.AFTER: "position:after-article",
    Place.CUT_BEFORE: "position:cut-before-article",
    Place.CUT_AFTER: "position:cut-after-article",
}
_NO_ARTICLE = "no-article"
# The phrase columns that a phrase without a column of its own also sets.
_SHARED_COLUMNS = frozenset(READ_AS.values())
# The feature columns of the chrome phrases, in ``CODES`` order.
_PHRASE_COLUMNS = [FEATURES.index("phrase=" + code) for code in CODES]
# The reasons the line model and decoder give, as against a chrome phrase or a repeat.
MODEL_REASONS = frozenset({*_PLACE_REASONS.values(), _NO_ARTICLE})


def extract_article(doc: Document, config: ExtractConfig, model: LineModel | None = None) -> Document:
    """Mark every paragraph of ``doc`` as article or boilerplate, with a reason and a score.

    The line model gives each paragraph a probability of belonging to the
    article; the decoder picks the article as the best sequence over the
    whole page (see ``viterbi.py``); a second pass rescores every line
    against that first article (its lede, its vocabulary, topic shifts since
    its start: ``features.story_features``) and decodes again, so a whole
    story appended by an aggregator is told from the article. A dropped
    paragraph's reason names the chrome phrase it matched when there is one
    ("junk:share", "marker:end"), a repeat of an earlier line, or else where
    the decoder put it.

    HTML pages (``doc.html_rows`` set by ``extract_html``) go through the
    HTML model, which reads each line's DOM features next to its text ones.
    """
    if not doc.is_ok or not doc.paragraphs:
        return doc
    model = model or shipped_model("html" if doc.html_rows is not None else "text")
    stops = stoplist(doc.language) if doc.language else frozenset()
    texts = [p.text for p in doc.paragraphs]
    spans = [(p.line_start, p.line_end) for p in doc.paragraphs]
    words = np.array([p.words for p in doc.paragraphs], dtype=np.float64)
    rows, logits, places = decode_page(texts, words, spans, stops, model, doc.html_rows, doc.tokens)
    scores = 1.0 / (1.0 + np.exp(-logits))
    if _has_no_article(words, rows, places == Place.KEEP, config):
        places = likeliest_article(words, rows, logits, model.decoder)
    if _has_no_article(words, rows, places == Place.KEEP, config):
        paragraphs = tuple(
            p.judged(Verdict.BOILERPLATE, _NO_ARTICLE, float(score))
            for p, score in zip(doc.paragraphs, scores, strict=True)
        )
        return replace(doc, paragraphs=paragraphs, html_rows=None)
    reasons = _drop_reasons(rows, doc.paragraphs)
    paragraphs = tuple(
        _verdict(p, place, score, reason)
        for p, place, score, reason in zip(doc.paragraphs, places.tolist(), scores.tolist(), reasons, strict=True)
    )
    return replace(doc, paragraphs=paragraphs, html_rows=None)  # the DOM's rows are spent: a run holds less


def decode_page(
    texts: list[str],
    words: np.ndarray,
    spans: list[tuple[int, int]],
    stops: frozenset[str],
    model: LineModel,
    html_rows: np.ndarray | None = None,
    tokens: Sequence[list[str]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature rows, each line's final log-odds and its ``Place``: line pass, first decode,
    story pass, final decode (``article_places``), the article among the final stretch's runs
    (``bounds.choose_article``, where the model has one), its short lines on their own evidence
    (``without_short_lines``). ``words`` are the lines' word counts (``line_words``);
    ``html_rows`` (HTML pages) extend the text features; ``tokens`` are the lines' ``line_tokens``
    where they are made already (``Document.tokens``)."""
    tokens = tokens if tokens is not None else line_tokens(texts)
    rows = features(texts, tokens, spans, stops)
    if html_rows is not None:
        rows = np.hstack([rows, html_rows])
    first = model.line.logits(rows)
    places = decode_with(words, first, model.first_decoder)
    entries = content_entries(tokens, stops)
    logits = model.story.logits(np.hstack([rows, story_features(entries, rows, first, places)]))
    final = article_places(texts, rows, words, logits, model.decoder)
    chosen = choose_article(model.bounds, rows, words, logits, final, places == Place.KEEP, entries)
    return rows, logits, without_short_lines(words, logits, chosen, model.decoder)


def article_places(
    texts: list[str], rows: np.ndarray, words: np.ndarray, logits: np.ndarray, settings: dict[str, float]
) -> np.ndarray:
    """The final decode of a page whose lines ``texts`` have ``rows`` and final ``logits``:
    ``decode_with``, then the chrome-phrase lines the model scores as not article dropped
    (``without_chrome_lines``) and the headline under a dropped teaser marker that stands alone
    (``with_teaser_headlines``). The training's figures for the final pass are taken on these
    places, so what it reports is what ``clean`` keeps."""
    places = without_chrome_lines(rows, logits, decode_with(words, logits, settings))
    return with_teaser_headlines(lone_markers(texts, rows), rows, places)


def lone_markers(texts: list[str], rows: np.ndarray) -> np.ndarray:
    """Which lines are a teaser marker alone ("READ MORE:"; ``phrases.stands_alone``): the line
    under such a marker is the headline it announces.

    >>> rows = np.zeros((3, len(FEATURES)))
    >>> rows[:2, FEATURES.index("phrase=teaser:marker")] = 1
    >>> lone_markers(["READ MORE:", "Related: Stay safe on site", "Text."], rows).tolist()
    [True, False, False]
    """
    marker = rows[:, FEATURES.index("phrase=teaser:marker")] > 0
    lone = np.zeros(len(texts), dtype=bool)
    for i in np.flatnonzero(marker).tolist():
        lone[i] = stands_alone(normalise_line(texts[i]))
    return lone


def without_chrome_lines(rows: np.ndarray, logits: np.ndarray, places: np.ndarray) -> np.ndarray:
    """``places`` with each chrome-phrase line of the article that the model scores as not
    article (log-odds under 0) dropped: a hole inside it ("Advertisement", "READ MORE:", a bare
    URL between two paragraphs), out of it at either end ("© 2025 ... All rights reserved."
    under the last paragraph, "Share" over the first). Its reason is its phrase.

    The decoder keeps such a line when the article's bonus for going on outweighs its own
    score, and holes only lines under ``drop_below``; a line that both matches a chrome phrase
    and reads to the model as not article stands on its own evidence. An article of nothing
    but such lines is left to the no-article check. (A learned bar instead of 0 was tried and
    not kept: ``benchmarks/README.md``.)

    >>> rows = np.zeros((5, len(FEATURES)))
    >>> rows[[1, 4], FEATURES.index("phrase=junk:ad")] = 1
    >>> without_chrome_lines(rows, np.array([2.0, -0.5, 1.0, 2.0, -0.3]), np.array([1, 1, 1, 1, 1])).tolist()
    [1, 2, 1, 1, 3]
    >>> without_chrome_lines(rows, np.array([2.0, 0.5, 1.0, 2.0, -0.3]), np.array([1, 1, 1, 1, 1])).tolist()
    [1, 1, 1, 1, 3]
    >>> without_chrome_lines(rows, np.array([-2.0, -0.5, -1.0, -2.0, -0.3]), np.array([0, 1, 3, 3, 3])).tolist()
    [0, 1, 3, 3, 3]
    """
    return _holes_among(np.asarray(rows[:, _PHRASE_COLUMNS].any(axis=1)), logits, places, 0.0)


def without_short_lines(
    words: np.ndarray, logits: np.ndarray, places: np.ndarray, settings: dict[str, float]
) -> np.ndarray:
    """``places`` with each kept line of at most ``short_words`` words scored under ``short_below``
    dropped, wherever it sits in the article: a heading of a box ("Topics", "More columns"), a
    label ("Read more", "Photo: ..."), a line of a teaser list. A short line carries few of the
    article's words, so the decoder's bonus for going on keeps it whatever its score; its own
    score is the better evidence. The settings are learned (``training.evaluate.tune_short_lines``);
    without them, or when no other line would be left, nothing changes.

    >>> words, logits, places = np.array([9.0, 2.0, 9.0, 3.0]), np.array([2.0, -0.4, 1.0, 0.3]), np.ones(4, np.int8)
    >>> without_short_lines(words, logits, places, {"short_words": 4, "short_below": 0.0}).tolist()
    [1, 2, 1, 1]
    >>> without_short_lines(words, logits, places, {}).tolist()
    [1, 1, 1, 1]
    """
    if "short_words" not in settings:
        return places
    return _holes_among(words <= settings["short_words"], logits, places, settings["short_below"])


def _holes_among(lines: np.ndarray, logits: np.ndarray, places: np.ndarray, below: float) -> np.ndarray:
    """``places`` with each of the kept ``lines`` (a mask) scored under ``below`` dropped
    (``viterbi.punch_holes``), or unchanged when no kept line would be left."""
    punched = punch_holes(places, np.where(lines, logits, np.inf), below)
    return punched if (punched == Place.KEEP).any() else places


def with_teaser_headlines(lone: np.ndarray, rows: np.ndarray, places: np.ndarray) -> np.ndarray:
    """``places`` with the headline under each dropped ``lone`` teaser marker dropped too.

    "READ MORE:" (and kin) on a line of its own announces that the next line
    is another story's headline, a link; when the model drops the marker,
    that line goes with it, unless it reads as prose (it ends a sentence: the
    article goes on). Its reason is ``teaser:headline``. An article's own
    subheading is rarely announced by a lone teaser marker; another story's
    headline, in the article's vocabulary, is often scored as article text on
    its own (seed 003). A marker that carries its headline ("Related: Three
    tips for ...") announces nothing under it: the line after it is the
    article's (often a subheading) and stands on its own evidence.

    >>> rows = np.zeros((4, len(FEATURES)))
    >>> with_teaser_headlines(np.array([False, True, False, False]), rows, np.array([1, 2, 1, 1])).tolist()
    [1, 2, 2, 1]
    >>> with_teaser_headlines(np.zeros(4, dtype=bool), rows, np.array([1, 2, 1, 1])).tolist()
    [1, 2, 1, 1]
    """
    after_dropped_marker = np.concatenate([[False], lone[:-1] & (places[:-1] != Place.KEEP)])
    headline = after_dropped_marker & (places == Place.KEEP) & (rows[:, FEATURES.index("ends_sentence")] == 0)
    if not headline.any():
        return places
    return punch_holes(places, np.where(headline, -np.inf, 0.0), -1.0)


def likeliest_article(
    words: np.ndarray, rows: np.ndarray, logits: np.ndarray, settings: dict[str, float]
) -> np.ndarray:
    """The page decoded again with every log-odds raised until its likeliest line of prose
    scores as a neutral line (0), for a page on which no stretch reaches the article bar but
    some line reads as prose (a portfolio page, a list of blurbs): its best stretch is kept, by
    the same decoder, rather than nothing. A page without prose decodes as before.

    >>> rows = np.zeros((3, len(FEATURES)))
    >>> rows[1, FEATURES.index("is_prose")] = 1
    >>> settings = {"weight_power": 1.0, "bias": -0.5, "hole_cost": 1.0}
    >>> likeliest_article(np.ones(3), rows, np.array([-4.0, -2.0, -3.0]), settings).tolist()
    [0, 1, 3]
    """
    prose = rows[:, FEATURES.index("is_prose")] > 0
    lift = -float(logits[prose].max()) if prose.any() else 0.0
    return decode_with(words, logits + max(lift, 0.0), settings)


def _has_no_article(words: np.ndarray, rows: np.ndarray, kept: np.ndarray, config: ExtractConfig) -> bool:
    """Whether the ``kept`` lines are no article: none, or a few words of chrome without a line of prose."""
    if not kept.any():
        return True
    if rows[kept, FEATURES.index("is_prose")].any():
        return False
    return float(words[kept].sum()) < config.min_words_without_prose


def decode_with(words: np.ndarray, logits: np.ndarray, settings: dict[str, float]) -> np.ndarray:
    """``best_places`` with a line's weight its word count to the power ``weight_power`` (at least 1),
    then ``punch_holes`` at ``drop_below`` and ``trim_edges`` at ``edge_below`` (a model trained
    without either setting does neither)."""
    weights = np.maximum(words, 1.0) ** settings["weight_power"]
    places = best_places(logits, weights, settings["bias"], settings["hole_cost"])
    places = punch_holes(places, logits, settings.get("drop_below", -np.inf))
    return trim_edges(places, logits, settings.get("edge_below", -np.inf))


def line_words(texts: list[str]) -> np.ndarray:
    """Each line's word count (CJK-aware), as the decoder weighs it."""
    return np.asarray(kernels.word_counts(texts), dtype=np.float64)


def _drop_reasons(rows: np.ndarray, paragraphs: Sequence[Paragraph]) -> list[str]:
    """Why each line would be dropped, from its features: the chrome phrase it matched, the
    headline under a lone teaser marker ("READ MORE:" on the line above), a repeat of an earlier
    line, or '' (the decoder's place then says it). A column that more than one phrase sets
    (``phrases.READ_AS``) is named by the line's own phrase ("junk:credit", not "junk:ad")."""
    phrases = rows[:, _PHRASE_COLUMNS]
    # The first phrase a line matched (a line with none: -1).
    code = np.where(phrases.any(axis=1), np.argmax(phrases != 0, axis=1), -1).tolist()
    is_repeat = (rows[:, FEATURES.index("is_first_copy")] == 0).tolist()
    lone = lone_markers([p.text for p in paragraphs], rows)
    under_teaser = np.concatenate([[False], lone[:-1]]).tolist()
    reasons = [
        CODES[k] if k >= 0 else ("teaser:headline" if under else "repeat:in-file" if repeat else "")
        for k, under, repeat in zip(code, under_teaser, is_repeat, strict=True)
    ]
    for i, reason in enumerate(reasons):
        if reason in _SHARED_COLUMNS:
            p = paragraphs[i]
            reasons[i] = phrase_code(normalise_line(p.text), p.words) or reason
    return reasons


def _verdict(p: Paragraph, place: int, score: float, reason: str) -> Paragraph:
    if place == Place.KEEP:
        return p.judged(Verdict.KEEP, "", score)
    return p.judged(Verdict.BOILERPLATE, reason or _PLACE_REASONS[Place(place)], score)
