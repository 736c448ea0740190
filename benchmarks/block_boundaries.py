"""How often a block of page furniture takes an article paragraph with it, on the seeds' articles.

    python benchmarks/block_boundaries.py [-v] [--train [--shared ../shared]]

Every seed's gold article, with one block (an ad label, a cookie notice, a
sign-up box, a "Read more" teaser, a share bar, a related-stories list)
inserted before each of its paragraphs but the first, lines joined by one
or by two newlines, inside a menu and a footer: the pages where some
article paragraph is not kept. ``tests/test_properties.py`` checks the
shapes where none may be lost; ``tests/extract/test_hard_cases.py`` lists
the known failures.

``--train`` also asks the training pages (full gold, as given and without
blank lines) how often they show the shape the failures have, and what it
is there: after the block that closes the decoded article, prose lines
that read like the article (``article_similarity`` of at least 0.2) with
no prose after them. Keeping such lines is what the property asks for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode
from scrubnews.extract.article import decode_with, line_words
from scrubnews.extract.features import FEATURES, STORY_FEATURES, content_entries, line_tokens, story_features
from scrubnews.extract.model import shipped_model

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BLOCKS = {
    "ad": ["Advertisement"],
    "cookie": ["We use cookies to improve your experience.", "Accept all", "Manage preferences"],
    "signup": ["Sign up for our newsletter", "Subscribe"],
    "read more": ["Read more:", "Mayor unveils budget plan"],
    "share": ["Share", "Tweet", "Email", "Copy link"],
    "related": ["Related Articles", "Mayor unveils budget plan", "Storm closes coastal road", "Schools reopen"],
}


MIN_SIMILARITY = 0.2  # to the decoded article: a continuation of its story, not another one
SHORT_WORDS = 6  # a short line after the closing chrome phrase belongs to its block ("Tweet", a headline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="list every page that loses a paragraph")
    parser.add_argument("--train", action="store_true", help="also measure the shape on the training pages")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    seed_shapes(args.v)
    if args.train:
        training_shapes(args.shared / "data" / "extraction-train")


def seed_shapes(verbose: bool) -> None:
    config = Config(dedup=DedupConfig(mode=DedupMode.OFF))
    articles = [
        [" ".join(p.split()) for p in (FIXTURES / f"seed-00{k}" / "gold.txt").read_text().split("\n\n") if p.strip()]
        for k in range(5)
    ]
    lost_pages, total = 0, 0
    by_block = dict.fromkeys(BLOCKS, 0)
    for k, paragraphs in enumerate(articles):
        for name, block in BLOCKS.items():
            for separator in ("\n", "\n\n"):
                for at in range(1, len(paragraphs)):
                    page = [
                        "Home",
                        "News",
                        "World",
                        "",
                        *paragraphs[:at],
                        "",
                        *block,
                        "",
                        *paragraphs[at:],
                        "",
                        "© 2026",
                    ]
                    kept = {" ".join(p.text.split()) for p in clean_bytes(separator.join(page).encode(), config).kept}
                    lost = [i for i, p in enumerate(paragraphs) if p not in kept]
                    total += 1
                    if lost:
                        lost_pages += 1
                        by_block[name] += 1
                        if verbose:
                            where = f"seed {k}, {name} before paragraph {at} of {len(paragraphs)} ({separator!r})"
                            print(f"{where}: lost {lost}")
    print(f"{lost_pages} of {total} pages lose an article paragraph; by block: {by_block}")


def training_shapes(split: Path) -> None:
    """Lines after the chrome that closes the decoded article, prose like the article, with no
    prose after them: how many, and how many of them the gold holds."""
    from scrubnews.training.augment import without_blank_lines  # the training renderings
    from scrubnews.training.pages import load, render

    model = shipped_model("text")
    is_prose, is_phrase, log_words = (FEATURES.index(name) for name in ("is_prose", "is_phrase", "log_words"))
    similarity = STORY_FEATURES.index("article_similarity")
    pages = lines = in_gold = 0
    for row in load(split):
        if not row.get("gold"):
            continue
        for variant, text in (("given", str(row["text"])), ("no-blank", without_blank_lines(str(row["text"])))):
            page = render(row, variant, text)
            words = line_words(page.texts)
            first = model.line.logits(page.rows)
            entries = content_entries(line_tokens(page.texts), page.stops)
            story = story_features(entries, page.rows, first, decode_with(words, first, model.first_decoder))
            places = decode_with(words, model.story.logits(np.hstack([page.rows, story])), model.decoder)
            kept = np.flatnonzero(places == 1)
            if not len(kept):
                continue
            k, closed = kept[-1] + 1, False
            while k < len(page.texts) and (page.rows[k, is_phrase] or np.expm1(page.rows[k, log_words]) <= SHORT_WORDS):
                closed |= bool(page.rows[k, is_phrase])
                k += 1
            start = k
            while k < len(page.texts) and page.rows[k, is_prose]:
                k += 1
            if not closed or start == k or page.rows[k:, is_prose].any():
                continue
            if story[start:k, similarity].min() < MIN_SIMILARITY:
                continue
            pages, lines, in_gold = pages + 1, lines + k - start, in_gold + int(page.labels[start:k].sum())
    print(f"training pages (full gold, two renderings each): the shape on {pages} renderings, {lines} lines,")
    print(f"{in_gold} of them article text")


if __name__ == "__main__":
    main()
