"""The extraction stage: features → line model → decoder → a verdict for every paragraph."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from scrubnews.config import ExtractConfig
from scrubnews.document import Document, Paragraph, Verdict
from scrubnews.extract.decode import Place, decode
from scrubnews.extract.features import features
from scrubnews.extract.model import LineModel, shipped_model
from scrubnews.extract.phrases import phrase_code
from scrubnews.text import normalise_line, stoplist, word_count

_PLACE_REASONS = {
    Place.BEFORE: "position:before-article",
    Place.HOLE: "model:low-score",
    Place.AFTER: "position:after-article",
}


def extract_article(doc: Document, config: ExtractConfig, model: LineModel | None = None) -> Document:
    """Mark every paragraph of ``doc`` as article or boilerplate, with a reason and a score.

    The line model gives each paragraph a probability of belonging to the
    article; the decoder picks the article as the best sequence over the
    whole page (see ``decode.py``). A dropped paragraph's reason names the
    chrome phrase it matched when there is one ("junk:share", "marker:end"),
    a repeat of an earlier line, or else where the decoder put it.

    HTML bodies that trafilatura extracted are already the article: there
    the model only drops lines it is sure of (``html_max_drop_probability``).
    """
    if not doc.is_ok or not doc.paragraphs:
        return doc
    model = model or shipped_model()
    scores = score_paragraphs(doc.paragraphs, doc.language, model)
    if doc.body_source == "trafilatura":
        places = np.where(scores >= config.html_max_drop_probability, Place.KEEP, Place.HOLE)
    else:
        logits = np.log(scores / np.maximum(1.0 - scores, 1e-12))
        weights = decoder_weights([p.text for p in doc.paragraphs], model.decoder["weight_power"])
        places = decode(logits, weights, model.decoder["bias"], model.decoder["hole_cost"])
    paragraphs = tuple(
        _verdict(p, Place(int(place)), float(score), seen)
        for p, place, score, seen in zip(doc.paragraphs, places, scores, _earlier_copies(doc.paragraphs), strict=True)
    )
    return replace(doc, paragraphs=paragraphs)


def score_paragraphs(paragraphs: tuple[Paragraph, ...], language: str | None, model: LineModel) -> np.ndarray:
    """Each paragraph's probability of belonging to the article."""
    stops = stoplist(language) if language else frozenset()
    rows = features([p.text for p in paragraphs], [(p.line_start, p.line_end) for p in paragraphs], stops)
    return model.probabilities(rows)


def decoder_weights(texts: list[str], power: float) -> np.ndarray:
    """How much each line counts in the decoder: its word count to ``power``, at least 1."""
    return np.maximum(np.array([word_count(t) for t in texts], dtype=np.float64), 1.0) ** power


def _earlier_copies(paragraphs: tuple[Paragraph, ...]) -> list[bool]:
    seen: set[str] = set()
    flags = []
    for p in paragraphs:
        norm = normalise_line(p.text)
        flags.append(norm in seen)
        seen.add(norm)
    return flags


def _verdict(p: Paragraph, place: Place, score: float, is_repeat: bool) -> Paragraph:
    if place is Place.KEEP:
        return replace(p, verdict=Verdict.KEEP, reason="", score=score)
    norm = normalise_line(p.text)
    reason = phrase_code(norm, word_count(p.text)) or ("repeat:in-file" if is_repeat else _PLACE_REASONS[place])
    return replace(p, verdict=Verdict.BOILERPLATE, reason=reason, score=score)
