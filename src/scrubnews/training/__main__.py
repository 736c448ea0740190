"""Rebuild the line model from the training pages and print how it does.

    python -m scrubnews.training [--input text|html|title] [--data ../shared/data] [--out PATH]

(``--input title`` rebuilds the title model instead: ``training/title.py``.)

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
5. The article among the final stretch's runs (``extract/bounds.py``):
   trees on the odds that a candidate beats the whole stretch, fitted on
   the story pass's out-of-fold scores of the full-gold renderings, 5-fold
   cross-validated by site; the margin chosen on those folds
   (``training/bounds.py``).
6. The short lines of the article chosen, on their own scores
   (``article.without_short_lines``): the word count and log-odds under
   which such a line is dropped, chosen on the same out-of-fold scores as
   the best snippet F1 that costs the full-gold pages no token F1
   (``evaluate.tune_short_lines``).
7. Fit on all of train, write the weights, and print train-CV and
   validation figures (token F1, pages under 0.5, empty outputs, snippet F1;
   as given and with blank lines removed; with and without step 5).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from scrubnews.extract.model import MODEL_FILES, WEIGHTS, bounds_from_dict
from scrubnews.extract.title import TITLE_FILE
from scrubnews.training import bounds, title
from scrubnews.training.evaluate import report, tune_short_lines
from scrubnews.training.export import export
from scrubnews.training.fit import TREES, cross_validate, fit, logits_of, with_story
from scrubnews.training.pages import build, load


def shipped_weights(kind: str) -> Path:
    """The weights file inside the package that ``--input kind`` rebuilds (``extract/weights/``)."""
    return WEIGHTS / (TITLE_FILE if kind == "title" else MODEL_FILES[kind])


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m scrubnews.training", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--input", choices=[*sorted(MODEL_FILES), "title"], default="text")
    parser.add_argument("--out", type=Path, help="default: the shipped weights for --input")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--trees", type=int, default=TREES, help="boosting rounds per pass")
    args = parser.parse_args()
    out = args.out or shipped_weights(args.input)
    if not out.parent.is_dir():  # said now, not after an hour of fitting
        parser.error(f"--out {out}: no such folder")
    if not os.access(out.parent, os.W_OK):
        parser.error(f"--out {out}: cannot write in {out.parent}")
    if args.input == "title":
        title.main(args.data, out, args.jobs)
        return
    train = build(load(args.data / "extraction-train"), augment=True, jobs=args.jobs, kind=args.input)
    validation = build(load(args.data / "extraction-validation"), augment=False, jobs=args.jobs, kind=args.input)
    print(f"train: {len(train)} renderings, {sum(len(p.texts) for p in train)} lines")
    # Pass 1: the line model. Its out-of-fold scores feed pass 2's features,
    # so that pass 2 learns from first-pass scores as noisy as on new pages.
    oof, first_decoder = cross_validate(train, "line", final=False, trees=args.trees)
    line = fit(train, args.trees)
    story_train = [with_story(p, logits, first_decoder) for p, logits in zip(train, oof, strict=True)]
    story_oof, decoder = cross_validate(story_train, "story", final=True, trees=args.trees)
    story = fit(story_train, args.trees)
    # Pass 3: the article among the final stretch's runs, from the story pass's out-of-fold scores.
    tables = [bounds.table(p, lg, decoder) for p, lg in zip(story_train, story_oof, strict=True) if p.gold]
    _, margin = bounds.cross_validate(tables)
    article = bounds.exported(bounds.fit_trees(tables), margin) if margin is not None else None
    chooser = bounds_from_dict(article, "training") if article is not None else None
    # Then the short lines inside the article chosen, on their own scores.
    decoder = {**decoder, **tune_short_lines(story_train, story_oof, decoder, chooser)}
    for variant in dict.fromkeys(p.variant for p in validation):
        chosen = [with_story(p, logits_of(line, p.rows), first_decoder) for p in validation if p.variant == variant]
        final = [logits_of(story, p.rows) for p in chosen]
        report(f"validation, {variant}, runs kept", chosen, final, decoder)
        report(f"validation, {variant}", chosen, final, decoder, bounds=chooser)
    weights = export(line, first_decoder, story, decoder, args.input, article)
    out.write_text(json.dumps(weights, separators=(",", ":")) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
