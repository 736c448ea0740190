"""HTML-mode speed on the validation pages, against trafilatura alone on the same pages.

    python benchmarks/html_speed.py [--shared ../shared] [--pages 173] [--profile 15]

One run, one process, one core: trafilatura's ``extract`` on the HTML of the
validation pages (the anchor), then ``scrubnews`` on the same HTML through
the whole per-document pipeline (parse, render, trafilatura on the same
tree, metadata, text and DOM features, both model passes, decoding), with
and without trafilatura's metadata, then the time of each step, the byline
search next to trafilatura's own, and the profile's top entries. Compare
the ratios, not the absolute figures: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
import trafilatura
from throughput import profile_top, rate  # the same best-of-n timing as the other benchmarks

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode, HtmlConfig
from scrubnews.extract.article import decode_with, line_words
from scrubnews.extract.features import content_entries, features, line_tokens, story_features
from scrubnews.extract.html import mark_extraction, mark_title, parse_html, render, trafilatura_text
from scrubnews.extract.html_meta import find_author, page_metadata
from scrubnews.extract.model import shipped_model
from scrubnews.text import detect_language, stoplist, words


def load(split: Path, limit: int) -> list[str]:
    with gzip.open(split / "wcxb.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line)["html"] for line in handle][:limit]


def steps(pages: list[str]) -> dict[str, float]:
    """Milliseconds per page spent in each step."""
    model = shipped_model("html")
    names = ("parse", "render", "trafilatura", "metadata", "text features", "line model", "story", "decode")
    totals = dict.fromkeys(names, 0.0)
    for html in pages:
        t0 = time.perf_counter()
        tree = parse_html(html)
        t1 = time.perf_counter()
        page = render(tree)
        t2 = time.perf_counter()
        extracted = trafilatura_text(tree, page, partial(parse_html, html))
        t3 = time.perf_counter()
        fresh = parse_html(html)  # trafilatura pruned the first tree; the metadata reads a whole one
        m0 = time.perf_counter()
        page_metadata(fresh)
        metadata = time.perf_counter() - m0
        t4 = time.perf_counter()
        page = mark_extraction(page, extracted)
        page = mark_title(page, [tree.findtext(".//title") or ""])
        language = detect_language(words(page.text))
        stops = stoplist(language) if language else frozenset()
        tokens = line_tokens(page.lines)
        rows = np.hstack([features(page.lines, tokens, page.spans, stops), page.rows])
        t5 = time.perf_counter()
        first = model.line.logits(rows)
        t6 = time.perf_counter()
        places = decode_with(line_words(page.lines), first, model.first_decoder)
        t7 = time.perf_counter()
        final = model.story.logits(
            np.hstack([rows, story_features(content_entries(tokens, stops), rows, first, places)])
        )
        t8 = time.perf_counter()
        decode_with(line_words(page.lines), final, model.decoder)
        t9 = time.perf_counter()
        for name, seconds in zip(
            names,
            (t1 - t0, t2 - t1, t3 - t2, metadata, t5 - t4, t6 - t5, t8 - t7, (t7 - t6) + (t9 - t8)),
            strict=True,
        ):
            totals[name] += seconds
    return {name: seconds / len(pages) * 1000 for name, seconds in totals.items()}


def byline_search(pages: list[str]) -> tuple[float, float, int]:
    """Milliseconds per page of trafilatura's ``extract_author`` and of ``find_author`` on the
    same parsed pages, and on how many pages they agree."""
    from trafilatura.metadata import extract_author

    theirs = mine = 0.0
    same = 0
    for html in pages:
        tree = parse_html(html)
        if tree is None:
            continue
        t0 = time.perf_counter()
        expected = extract_author(tree)
        t1 = time.perf_counter()
        found = find_author(tree)
        t2 = time.perf_counter()
        theirs, mine, same = theirs + t1 - t0, mine + t2 - t1, same + (expected == found)
    return theirs / len(pages) * 1000, mine / len(pages) * 1000, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--pages", type=int, default=173)
    parser.add_argument("--profile", type=int, default=15)
    args = parser.parse_args()
    pages = load(args.shared / "data" / "extraction-validation", args.pages)
    data = [page.encode("utf-8") for page in pages]
    config = replace(Config(), dedup=DedupConfig(mode=DedupMode.OFF))
    no_metadata = replace(config, html=HtmlConfig(metadata=False))
    clean_bytes(data[0], config)  # load the models and the stoplists once
    anchor = rate(pages, lambda page: trafilatura.extract(page), 1)
    ours = rate(data, lambda page: clean_bytes(page, config), 1)
    bare = rate(data, lambda page: clean_bytes(page, no_metadata), 1)
    print(f"trafilatura.extract, HTML of {len(pages)} validation pages: {anchor:7.1f} files/s (1.00x)")
    print(f"scrubnews clean, the same HTML (one core):         {ours:7.1f} files/s ({ours / anchor:.2f}x)")
    print(f"  without trafilatura's metadata:                  {bare:7.1f} files/s ({bare / anchor:.2f}x)")
    print("per page, by step (ms):")
    for name, ms in steps(pages).items():
        print(f"  {name:14s} {ms:7.2f}")
    theirs, mine, same = byline_search(pages)
    print(f"byline search: trafilatura's extract_author {theirs:.2f} ms a page, find_author {mine:.2f} ms", end="")
    print(f" (the same author on {same} of {len(pages)} pages)")
    if args.profile:
        print(profile_top(data, lambda data: clean_bytes(data, config), args.profile))


if __name__ == "__main__":
    main()
