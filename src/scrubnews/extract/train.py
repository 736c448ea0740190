"""Rebuild the line model from the training pages and print how it does.

    python -m scrubnews.extract.train [--input text|html|title] [--data ../shared/data] [--out PATH]

(``--input title`` rebuilds the title model instead: ``train_title.py``.)

Needs the ``train`` extra (scikit-learn). Steps, all with fixed seeds:

1. Read ``extraction-train`` (and, for the report only, ``extraction-validation``).
2. Text: render every page several ways, so that no feature can lean on one
   renderer's habits: as given; with every blank line removed; hard-wrapped;
   with a synthetic comment thread after the article; and as an aggregator
   page with another training story appended after the article.
   HTML (``--input html``): parse each page's HTML as ``clean`` does
   (``extract.html.read_html``): its rendered lines, with the DOM features;
   and each full-gold page once more with a comment section (three
   markups, one with no telling class) or a grid of related-story teasers
   inserted after the article.
3. Segment each rendering as ``clean`` does and label each paragraph: full
   gold pages by aligning its words with the gold text; snippet pages only
   where a paragraph holds a "with" snippet (article) or a "without" one.
4. Fit gradient-boosted trees with 5-fold cross-validation grouped by site;
   choose the decoder's bias, hole cost and weight power on the
   out-of-fold scores of the full-gold pages (train only).
5. Fit on all of train, write the weights, and print train-CV and
   validation figures (token F1, pages under 0.5, empty outputs, snippet F1;
   as given and with blank lines removed).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import random
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from scrubnews.config import SegmentConfig
from scrubnews.document import Document
from scrubnews.extract.article import decode_with, line_words
from scrubnews.extract.augment import (
    SHAPES,
    Story,
    appended_story,
    article_of,
    comment_thread,
    hard_wrapped,
    insert_after,
    without_blank_lines,
)
from scrubnews.extract.features import FEATURE_VERSION, STORY_FEATURES, features, line_tokens, story_features
from scrubnews.extract.html import read_html
from scrubnews.extract.model import MODEL_FILES, MODEL_FORMAT, line_features
from scrubnews.extract.segment import segment
from scrubnews.extract.title import TITLE_FILE
from scrubnews.extract.viterbi import Place
from scrubnews.text import detect_language, stoplist, word_count, words

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


# --- renderings -------------------------------------------------------------


_COMMENT_STYLES = ("wordpress", "generic", "unmarked")


def html_comment_section(rng: random.Random, sentences: list[str]) -> str:
    """A made-up comment section in HTML, in one of three markups: WordPress's, a generic one with
    its own class names, and one with no telling class at all."""
    names = ["John D.", "maria_k", "Peter Smith", "Anonymous", "Sarah", "TruthSeeker77", "Dr. Lee", "Klaus M."]
    dates = ["March 3, 2024 at 10:15 am", "3 years ago", "2 hours ago", "12.04.2023 um 14:22"]
    count = rng.randint(2, 7)
    items = [
        (
            rng.choice(names),
            rng.choice(dates),
            " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(1, 3)))),
        )
        for _ in range(count)
    ]
    style = rng.choice(_COMMENT_STYLES)
    if style == "wordpress":
        body = "".join(
            f'<li id="comment-{k}" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">'
            f'<div class="comment-author vcard"><b class="fn">{name}</b> <span class="says">says:</span></div>'
            f'<div class="comment-metadata"><a href="#c{k}"><time>{date}</time></a></div></footer>'
            f'<div class="comment-content"><p>{text}</p></div>'
            f'<div class="reply"><a class="comment-reply-link" href="#r{k}">Reply</a></div></article></li>'
            for k, (name, date, text) in enumerate(items)
        )
        return (
            f'<div id="comments" class="comments-area"><h2 class="comments-title">{count} thoughts</h2>'
            f'<ol class="comment-list">{body}</ol><div id="respond" class="comment-respond"><h3>Leave a Reply</h3>'
            "<p>Your email address will not be published.</p></div></div>"
        )
    if style == "generic":
        body = "".join(
            f'<div class="c-item"><span class="c-name">{name}</span> <span class="c-date">{date}</span>'
            f'<p class="c-text">{text}</p><a href="#">Like</a> <a href="#">Reply</a></div>'
            for name, date, text in items
        )
        return f'<section class="user-comments"><h3>Comments ({count})</h3>{body}</section>'
    body = "".join(
        f"<div><div><strong>{name}</strong> – {date}</div><div>{text}</div></div>" for name, date, text in items
    )
    return f"<div><h3>{count} responses</h3>{body}</div>"


def html_related_grid(rng: random.Random, others: list[dict[str, object]]) -> str:
    """A grid of teaser cards for other stories: title and first sentence, each a link."""
    cards = []
    for k, other in enumerate(rng.sample(others, k=min(len(others), rng.randint(2, 5)))):
        lede = next((p for p in str(other["gold"]).split("\n") if len(p.split()) >= 8), "")
        teaser = " ".join(lede.split()[: rng.randint(12, 30)])
        cards.append(
            f'<div class="card"><a href="/story-{k}"><h3>{other.get("title") or ""}</h3><p>{teaser}</p></a></div>'
        )
    heading = rng.choice(["More stories", "Read next", "Related articles", "You may also like", "Latest"])
    classes = rng.choice(['class="related-posts"', 'class="grid"', ""])
    return f"<aside {classes}><h2>{heading}</h2>{''.join(cards)}</aside>"


def with_block_after_article(html: str, last_article_line: str, block: str) -> str | None:
    """``html`` with ``block`` inserted after the container of the article's last line, or None
    when that line cannot be found in the tree."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    probe = " ".join(last_article_line.split())[:60]
    holder = None
    for element in root.iter("p", "div", "li", "td", "section", "article", "span", "blockquote", "pre"):
        if probe in " ".join(element.text_content().split()):
            holder = element  # document order: the last match is the deepest
    if holder is None:
        return None
    container = holder.getparent()
    anchor = container if container is not None and container.tag not in ("body", "html") else holder
    for element in lxml.html.fragments_fromstring(block):
        if isinstance(element, str):
            continue
        anchor.addnext(element)
        anchor = element
    return str(lxml.html.tostring(root, encoding="unicode"))


# --- labels -----------------------------------------------------------------


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


# --- building pages -----------------------------------------------------------


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


# --- fitting, decoding, scoring -------------------------------------------------


TREES = 300  # boosting rounds per pass (``--trees``)


def fit(pages: list[Page], trees: int = TREES) -> object:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = np.vstack([p.rows for p in pages])
    labels = np.concatenate([p.labels for p in pages])
    known = labels >= 0
    weights = np.concatenate([_sample_weights(p) for p in pages])
    model = HistGradientBoostingClassifier(
        max_iter=trees,
        learning_rate=0.1,
        max_depth=6,
        max_leaf_nodes=31,
        l2_regularization=1.0,
        min_samples_leaf=40,
        random_state=SEED,
    )
    model.fit(rows[known], labels[known], sample_weight=weights[known])
    return model


def _sample_weights(page: Page) -> np.ndarray:
    """Token-weighted (the score counts words), softened, and snippet lines count for more."""
    words = np.array([max(word_count(t), 1) for t in page.texts], dtype=np.float64)
    weight = np.sqrt(words)
    return weight * (3.0 if page.gold is None else 1.0)


def logits_of(model: object, rows: np.ndarray) -> np.ndarray:
    return np.asarray(model.decision_function(rows), dtype=np.float64)  # type: ignore[attr-defined]


def kept_text(page: Page, logits: np.ndarray, params: dict[str, float]) -> str:
    places = decode_with(line_words(page.texts), logits, params)
    return "\n".join(t for t, place in zip(page.texts, places, strict=True) if place == Place.KEEP)


def token_f1(output: str, gold: str) -> float:
    out, ref = Counter(words(output)), Counter(words(gold))
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


def report(name: str, pages: list[Page], logits: list[np.ndarray], params: dict[str, float]) -> dict[str, float]:
    f1s: list[float] = []
    empty, tp, fn, fp = 0, 0, 0, 0
    per_lang: dict[str, list[float]] = {}
    for page, page_logits in zip(pages, logits, strict=True):
        text = kept_text(page, page_logits, params)
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
    """Grid search on out-of-fold scores of the full-gold training renderings."""
    best, best_params = -1.0, {}
    items = [(p, lg) for p, lg in zip(pages, logits, strict=True) if p.gold is not None]
    for power in (0.5, 1.0):
        for bias in (-1.0, -0.5, 0.0, 0.5):
            for hole in (0.0, 4.0, 12.0, 40.0):
                params = {"weight_power": power, "bias": bias, "hole_cost": hole * (1 if power == 1.0 else 0.3)}
                score = float(np.mean([token_f1(kept_text(p, lg, params), p.gold or "") for p, lg in items]))
                if score > best:
                    best, best_params = score, params
    # Then the log-odds under which a kept line is dropped on its own (``decode.punch_holes``),
    # on the stretch chosen above; a lower score than without it keeps it off.
    for drop_below in (-3.0, -2.0, -1.5, -1.0, -0.5, 0.0):
        params = {**best_params, "drop_below": drop_below}
        score = float(np.mean([token_f1(kept_text(p, lg, params), p.gold or "") for p, lg in items]))
        if score > best:
            best, best_params = score, params
    # Then the log-odds the article's first and last lines must reach (``decode.trim_edges``).
    chosen = best_params
    for edge_below in (-0.5, -0.25, 0.0, 0.25, 0.5):
        params = {**chosen, "edge_below": edge_below}
        score = float(np.mean([token_f1(kept_text(p, lg, params), p.gold or "") for p, lg in items]))
        if score > best:
            best, best_params = score, params
    print(f"decoder: {best_params} (train out-of-fold token F1 {best:.3f})")
    return best_params


def trees(model: object) -> dict[str, object]:
    """The fitted trees as plain data: nodes of all trees concatenated, leaves pointing at themselves."""
    feature: list[int] = []
    threshold: list[float | None] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    for predictors in model._predictors:  # type: ignore[attr-defined]
        nodes = predictors[0].nodes
        offset = len(feature)
        roots.append(offset)
        for k, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            feature.append(0 if leaf else int(node["feature_idx"]))
            threshold.append(None if leaf else float(node["num_threshold"]))
            left.append(offset + k if leaf else offset + int(node["left"]))
            right.append(offset + k if leaf else offset + int(node["right"]))
            value.append(float(node["value"]) if leaf else 0.0)
            depth = max(depth, int(node["depth"]))
    baseline = float(np.asarray(model._baseline_prediction).ravel()[0])  # type: ignore[attr-defined]
    return {
        "baseline": baseline,
        "trees": {
            "feature": feature,
            "threshold": threshold,
            "left": left,
            "right": right,
            "value": value,
            "roots": roots,
            "depth": depth,
        },
    }


def export(
    line: object, first_decoder: dict[str, float], story: object, decoder: dict[str, float], kind: str
) -> dict[str, object]:
    return {
        "format": MODEL_FORMAT,
        "version": 2,
        "input": kind,
        "feature_version": FEATURE_VERSION,
        "features": list(line_features(kind)),
        "story_features": list(STORY_FEATURES),
        "first_decoder": first_decoder,
        "decoder": decoder,
        "line": trees(line),
        "story": trees(story),
        "trained_on": f"extraction-train: every {kind} rendering of every page (python -m scrubnews.extract.train)",
    }


def with_story(page: Page, logits: np.ndarray, first_decoder: dict[str, float]) -> Page:
    """The page with its rows extended by the second pass's features, given first-pass logits."""
    places = decode_with(line_words(page.texts), logits, first_decoder)
    rows = np.hstack([page.rows, story_features(line_tokens(page.texts), page.rows, logits, places, page.stops)])
    return replace(page, rows=rows)


def cross_validate(pages: list[Page], name: str, trees: int = TREES) -> tuple[list[np.ndarray], dict[str, float]]:
    """Out-of-fold logits (5 folds by site) and the decoder tuned on them; prints the train-CV figures."""
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for train_idx, test_idx in folds(pages):
        model = fit([pages[i] for i in train_idx], trees)
        for i in test_idx:
            oof[i] = logits_of(model, pages[i].rows)
    decoder = tune_decoder(pages, oof)
    for variant in dict.fromkeys(p.variant for p in pages):
        chosen = [i for i, p in enumerate(pages) if p.variant == variant]
        report(f"{name} train CV, {variant}", [pages[i] for i in chosen], [oof[i] for i in chosen], decoder)
    return oof, decoder


def folds(pages: list[Page], k: int = 5) -> Iterator[tuple[list[int], list[int]]]:
    domains = sorted({p.domain for p in pages})
    random.Random(SEED).shuffle(domains)
    fold_of = {d: i % k for i, d in enumerate(domains)}
    for fold in range(k):
        train = [i for i, p in enumerate(pages) if fold_of[p.domain] != fold]
        test = [i for i, p in enumerate(pages) if fold_of[p.domain] == fold]
        yield train, test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--input", choices=[*sorted(MODEL_FILES), "title"], default="text")
    parser.add_argument("--out", type=Path, help="default: the shipped weights for --input")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--trees", type=int, default=TREES, help="boosting rounds per pass")
    args = parser.parse_args()
    if args.input == "title":
        from scrubnews.extract import train_title

        train_title.main(args.data, args.out or Path(__file__).parent / "weights" / TITLE_FILE, args.jobs)
        return
    out = args.out or Path(__file__).parent / "weights" / MODEL_FILES[args.input]
    train = build(load(args.data / "extraction-train"), augment=True, jobs=args.jobs, kind=args.input)
    validation = build(load(args.data / "extraction-validation"), augment=False, jobs=args.jobs, kind=args.input)
    print(f"train: {len(train)} renderings, {sum(len(p.texts) for p in train)} lines")
    # Pass 1: the line model. Its out-of-fold scores feed pass 2's features,
    # so that pass 2 learns from first-pass scores as noisy as on new pages.
    oof, first_decoder = cross_validate(train, "line", args.trees)
    line = fit(train, args.trees)
    story_train = [with_story(p, logits, first_decoder) for p, logits in zip(train, oof, strict=True)]
    _, decoder = cross_validate(story_train, "story", args.trees)
    story = fit(story_train, args.trees)
    for variant in dict.fromkeys(p.variant for p in validation):
        chosen = [with_story(p, logits_of(line, p.rows), first_decoder) for p in validation if p.variant == variant]
        report(f"validation, {variant}", chosen, [logits_of(story, p.rows) for p in chosen], decoder)
    out.write_text(json.dumps(export(line, first_decoder, story, decoder, args.input), separators=(",", ":")) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
