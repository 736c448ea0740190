"""What each failure shape costs: token F1 on pages with the shape written in, against the same pages without it.

    python benchmarks/perturb.py [--shared ../shared] [--split validation] [--limit N] [--worst 3]

Every full-gold page of the split is cleaned as given and once per shape of
``scrubnews.training.augment.SHAPES`` (marker lines inside the article, a
consent banner at the top, a "Related" widget in mid-article, a short first
story with longer ones appended), each made with a seed of its own from the
page itself and from other pages of the split (the appended stories and
teaser headlines). A shape's row gives the pages it applies to, mean token
F1 on them as given and with the shape, the difference, pages under 0.5
with the shape, and the pages where the shape costs most. The bar (issue 24)
is every shape within 0.02 of the pages as given. Also: how many marker
lines of each kind survive in the output of the ``markers`` shape.

Run it on validation to check a change; the shapes are also training
renderings (``python -m scrubnews.training``), made from train pages.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode
from scrubnews.training.augment import SHAPES, article_of, marker_kind
from scrubnews.training.evaluate import token_f1
from scrubnews.training.pages import full_labels, load, segmented, story_of

SEED = 24
BAR = 0.02


def article_text(text: str, config: Config) -> str:
    doc = clean_bytes(text.encode("utf-8"), config)
    return "\n".join(p.text for p in doc.kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--split", default="validation")
    parser.add_argument("--limit", type=int, default=0, help="the first N full-gold pages only")
    parser.add_argument("--worst", type=int, default=3, help="pages listed per shape")
    args = parser.parse_args()
    rows = [r for r in load(args.shared / "data" / f"extraction-{args.split}") if r.get("gold")]
    rows = rows[: args.limit] if args.limit else rows
    config = Config(dedup=DedupConfig(mode=DedupMode.OFF))
    stories = [story_of(r) for r in rows]
    results: dict[str, list[tuple[str, float, float]]] = {name: [] for name in SHAPES}
    inserted: Counter[str] = Counter()
    survivors: Counter[str] = Counter()
    for k, row in enumerate(rows):
        text, gold = str(row["text"]), str(row["gold"])
        texts, spans, _ = segmented(text)
        article = article_of(texts, spans, full_labels(texts, gold).tolist())
        if not article.spans:
            continue
        given = token_f1(article_text(text, config), gold)
        others = [stories[j] for j in random.Random(f"{SEED}:{row['id']}").sample(range(len(rows)), k=6) if j != k]
        for name, shape in SHAPES.items():
            shaped = shape(text, article, others, gold, random.Random(f"{SEED}:{name}:{row['id']}"))
            if shaped is None:
                continue
            output = article_text(shaped[0], config)
            if name == "markers":
                kept = set(output.split("\n"))
                for line in _added_lines(text, shaped[0]):
                    kind = marker_kind(line)
                    inserted[kind] += 1
                    survivors[kind] += line in kept
            results[name].append((str(row["id"]), given, token_f1(output, shaped[1])))
    _print(results, args.worst)
    print(f"marker lines inserted {inserted.total()}, kept in the output {survivors.total()}: ", end="")
    print(", ".join(f"{kind} {survivors[kind]} of {count}" for kind, count in sorted(inserted.items())))


def _added_lines(before: str, after: str) -> list[str]:
    """Non-blank lines of ``after`` that ``before`` does not hold (the shape's own lines)."""
    have = set(before.split("\n"))
    return [line for line in after.split("\n") if line.strip() and line not in have]


def _print(results: dict[str, list[tuple[str, float, float]]], worst: int) -> None:
    print(f"{'shape':12s} {'pages':>5s} {'as given':>8s} {'shaped':>7s} {'diff':>7s} {'<0.5':>5s}  bar")
    for name, items in results.items():
        if not items:
            print(f"{name:12s} {0:5d}")
            continue
        given = sum(g for _, g, _ in items) / len(items)
        shaped = sum(s for _, _, s in items) / len(items)
        under = sum(s < 0.5 for _, _, s in items)
        verdict = "ok" if given - shaped <= BAR else f"over by {given - shaped - BAR:.3f}"
        print(f"{name:12s} {len(items):5d} {given:8.3f} {shaped:7.3f} {shaped - given:+7.3f} {under:5d}  {verdict}")
        costly = sorted(items, key=lambda item: item[2] - item[1])[:worst]
        print(" " * 13 + "costliest: " + ", ".join(f"{i} {g:.2f}->{s:.2f}" for i, g, s in costly))


if __name__ == "__main__":
    main()
