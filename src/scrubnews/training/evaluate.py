"""How a model's scores do on rendered pages: the decoder's output, token F1, snippets, the
printed report, and the decoder's settings tuned on out-of-fold scores."""

from __future__ import annotations

from collections import Counter

import numpy as np

from scrubnews.extract.article import article_places, decode_with, line_words, without_short_lines
from scrubnews.extract.bounds import choose_article
from scrubnews.extract.features import STORY_FEATURES, content_entries, line_tokens
from scrubnews.extract.model import Bounds
from scrubnews.extract.viterbi import Place
from scrubnews.text import words
from scrubnews.training.pages import Page

_PLACE_KEEP = STORY_FEATURES.index("place=keep")


def kept_text(
    page: Page, logits: np.ndarray, params: dict[str, float], final: bool = True, bounds: Bounds | None = None
) -> str:
    """The lines ``clean`` keeps given the final pass's ``logits`` (``final_places``, then its short
    lines on their own evidence: ``without_short_lines``), or, not ``final``, those the first
    pass's decode keeps (``decode_with``: the places the story pass reads)."""
    words = line_words(page.texts)
    if not final:
        places = decode_with(words, logits, params)
    else:
        places = without_short_lines(words, logits, final_places(page, words, logits, params, bounds), params)
    return text_of(page, places)


def final_places(
    page: Page, words: np.ndarray, logits: np.ndarray, params: dict[str, float], bounds: Bounds | None = None
) -> np.ndarray:
    """The final pass's places before the short-line rule: ``article_places``, then the article
    among its runs when ``bounds`` is given (``page.rows`` then hold the story pass's columns).
    ``words`` are the lines' ``line_words``."""
    places = article_places(page.texts, page.rows, words, logits, params)
    if bounds is not None:
        entries = content_entries(line_tokens(page.texts), page.stops)
        places = choose_article(bounds, page.rows, words, logits, places, first_kept(page), entries)
    return places


def text_of(page: Page, places: np.ndarray) -> str:
    return "\n".join(t for t, place in zip(page.texts, places, strict=True) if place == Place.KEEP)


def first_kept(page: Page) -> np.ndarray:
    """The lines the first pass kept: the story pass's ``place=keep`` column of ``page.rows``."""
    return page.rows[:, page.rows.shape[1] - len(STORY_FEATURES) + _PLACE_KEEP] > 0


def token_f1(output: str, gold: str) -> float:
    return counts_f1(Counter(words(output)), Counter(words(gold)))


def counts_f1(out: Counter[str], ref: Counter[str]) -> float:
    """Token F1 of the word counts ``out`` against ``ref``."""
    tp = sum((out & ref).values())
    if not out or not ref or not tp:
        return 0.0
    precision, recall = tp / sum(out.values()), tp / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def snippet_counts(output: str, snippets: dict[str, list[str]]) -> tuple[int, int, int]:
    text = " ".join(output.split())
    tp = sum(s in text for s in snippets.get("with", []))
    fn = len(snippets.get("with", [])) - tp
    fp = sum(s in text for s in snippets.get("without", []))
    return tp, fn, fp


def report(
    name: str,
    pages: list[Page],
    logits: list[np.ndarray],
    params: dict[str, float],
    final: bool = True,
    bounds: Bounds | None = None,
) -> dict[str, float]:
    f1s: list[float] = []
    empty, tp, fn, fp = 0, 0, 0, 0
    per_lang: dict[str, list[float]] = {}
    for page, page_logits in zip(pages, logits, strict=True):
        text = kept_text(page, page_logits, params, final, bounds)
        empty += not text.strip()
        if page.gold is not None:
            f1s.append(token_f1(text, page.gold))
        else:
            a, b, c = snippet_counts(text, page.snippets)
            tp, fn, fp = tp + a, fn + b, fp + c
            per_lang.setdefault(page.lang, []).append(a / max(a + b, 1))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    snippet_f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    figures = {
        "token_f1": float(np.mean(f1s)) if f1s else 0.0,
        "under_half": float(sum(f < 0.5 for f in f1s)),
        "pages": float(len(f1s)),
        "empty": float(empty),
        "snippet_f1": snippet_f1,
        "snippet_p": precision,
        "snippet_r": recall,
    }
    snippet_part = f"snippet F1 {snippet_f1:.3f} (P {precision:.3f} R {recall:.3f})" if tp + fn else "no snippet pages"
    print(
        f"{name:32s} token F1 {figures['token_f1']:.3f} ({int(figures['under_half'])} of {len(f1s)} under 0.5)"
        f"  {snippet_part}  empty {empty}"
    )
    if per_lang:
        top = sorted(per_lang, key=lambda lang: -len(per_lang[lang]))[:4]
        print(
            " " * 33
            + "snippet recall by language: "
            + ", ".join(f"{lang} {np.mean(per_lang[lang]):.3f} (n={len(per_lang[lang])})" for lang in top)
        )
    return figures


def tune_decoder(pages: list[Page], logits: list[np.ndarray]) -> dict[str, float]:
    """Grid search on out-of-fold scores of the full-gold training renderings, each setting scored
    on the decode it sets (``decode_with``; scoring it on the lines ``clean`` keeps was tried and
    not kept: ``benchmarks/README.md``)."""
    best, best_params = -1.0, {}
    items = [(p, lg) for p, lg in zip(pages, logits, strict=True) if p.gold is not None]

    def score(params: dict[str, float]) -> float:
        return float(np.mean([token_f1(kept_text(p, lg, params, final=False), p.gold or "") for p, lg in items]))

    for power in (0.5, 1.0):
        for bias in (-1.0, -0.5, 0.0, 0.5):
            for hole in (0.0, 4.0, 12.0, 40.0):
                params = {"weight_power": power, "bias": bias, "hole_cost": hole * (1 if power == 1.0 else 0.3)}
                value = score(params)
                if value > best:
                    best, best_params = value, params
    # Then, one after the other, on the stretch chosen above: the log-odds under which a kept line
    # is dropped on its own (``viterbi.punch_holes``), and those the article's first and last lines
    # must reach (``viterbi.trim_edges``). A setting that scores no better than none is left out.
    for name, values in (
        ("drop_below", (-3.0, -2.0, -1.5, -1.0, -0.5, 0.0)),
        ("edge_below", (-0.5, -0.25, 0.0, 0.25, 0.5)),
    ):
        chosen = best_params
        for candidate in values:
            params = {**chosen, name: candidate}
            value = score(params)
            if value > best:
                best, best_params = value, params
    print(f"decoder: {best_params} (train out-of-fold token F1 {best:.3f})")
    return best_params


SHORT_WORDS = (2, 4, 6)
SHORT_BELOW = (-0.5, 0.0, 0.5)


def tune_short_lines(
    pages: list[Page], logits: list[np.ndarray], params: dict[str, float], bounds: Bounds | None
) -> dict[str, float]:
    """The decoder's ``short_words`` and ``short_below`` (``article.without_short_lines``), on the
    story pass's out-of-fold scores: among the settings that leave the full-gold renderings' mean
    token F1 no lower than without the rule, the one with the best snippet F1 on the snippet
    renderings; {} when none beats no rule. Token F1 barely sees a short line; the snippets, a
    few phrases that must or must not be kept, see each one, so they decide where token F1
    cannot."""
    items = []
    for page, page_logits in zip(pages, logits, strict=True):
        words_ = line_words(page.texts)
        items.append((page, page_logits, words_, final_places(page, words_, page_logits, params, bounds)))

    def figures(settings: dict[str, float]) -> tuple[float, float]:
        f1s, counts = [], np.zeros(3)
        for page, page_logits, words_, places in items:
            text = text_of(page, without_short_lines(words_, page_logits, places, settings))
            if page.gold is not None:
                f1s.append(token_f1(text, page.gold))
            elif page.snippets:
                counts += snippet_counts(text, page.snippets)
        tp, fn, fp = counts
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return float(np.mean(f1s)), 2 * precision * recall / max(precision + recall, 1e-9)

    base_f1, best_snippets = figures({})
    best: dict[str, float] = {}
    for short_words in SHORT_WORDS:
        for short_below in SHORT_BELOW:
            settings = {"short_words": float(short_words), "short_below": short_below}
            f1, snippets = figures(settings)
            print(f"short lines {settings}: token F1 {f1:.4f} (none {base_f1:.4f}), snippet F1 {snippets:.4f}")
            if f1 >= base_f1 and snippets > best_snippets:
                best, best_snippets = settings, snippets
    print(f"short lines: {best or 'none'} (train out-of-fold snippet F1 {best_snippets:.4f})")
    return best
