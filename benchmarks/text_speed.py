"""Text-mode speed on the validation pages, against trafilatura on the same pages' HTML.

    python benchmarks/text_speed.py [--shared ../shared] [--pages 173] [--profile 12]

One run, one core: trafilatura's ``extract`` on the HTML of the validation
pages (the anchor), then ``scrubnews`` on their flat text through the whole
per-document pipeline (decode, segment, features, both model passes,
decoding, the article among the runs, metadata) and the time of each extraction step, on the hot path
this install built (``scrubnews --version`` says which) and, in a second
process with ``SCRUBNEWS_PURE=1``, on its Python source; then the start-up
of ``scrubnews --version`` and of a one-file ``scrubnews clean``, and the
profile's top entries. Compare the ratios, not the absolute figures: the
machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import trafilatura
from startup import SRC, startup_times  # how start-up is timed, in one place
from throughput import profile_top, rate  # the same best-of-n timing as the HTML benchmark

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode
from scrubnews.document import Document
from scrubnews.extract.article import article_places, decode_with, line_words, without_short_lines
from scrubnews.extract.bounds import choose_article
from scrubnews.extract.compiled import PURE_VARIABLE, build
from scrubnews.extract.features import content_entries, features, line_tokens, story_features
from scrubnews.extract.model import shipped_model
from scrubnews.extract.segment import segment
from scrubnews.extract.viterbi import Place
from scrubnews.text import stoplist


def load(split: Path, limit: int) -> list[dict[str, str]]:
    with gzip.open(split / "wcxb.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return rows[:limit]


def steps(texts: list[str]) -> dict[str, float]:
    """Seconds per page spent in each extraction step."""
    model = shipped_model()
    steps = ("segment", "features", "line model", "decode", "story features", "story model", "article choice")
    totals = dict.fromkeys(steps, 0.0)
    for text in texts:
        t0 = time.perf_counter()
        doc = segment(Document(path="-", text=text, body=text), Config().segment)
        stops = stoplist(doc.language) if doc.language else frozenset()
        lines = [p.text for p in doc.paragraphs]
        t1 = time.perf_counter()
        tokens = line_tokens(lines)
        rows = features(lines, tokens, [(p.line_start, p.line_end) for p in doc.paragraphs], stops)
        t2 = time.perf_counter()
        first = model.line.logits(rows)
        t3 = time.perf_counter()
        places = decode_with(line_words(lines), first, model.first_decoder)
        t4 = time.perf_counter()
        entries = content_entries(tokens, stops)
        story = story_features(entries, rows, first, places)
        t5 = time.perf_counter()
        final = model.story.logits(np.hstack([rows, story]))
        t6 = time.perf_counter()
        words = line_words(lines)
        final_places = article_places(lines, rows, words, final, model.decoder)
        t7 = time.perf_counter()
        chosen = choose_article(model.bounds, rows, words, final, final_places, places == Place.KEEP, entries)
        without_short_lines(words, final, chosen, model.decoder)  # the last step of ``decode_page``
        t8 = time.perf_counter()
        for name, seconds in zip(
            totals, (t1 - t0, t2 - t1, t3 - t2, (t4 - t3) + (t7 - t6), t5 - t4, t6 - t5, t8 - t7), strict=True
        ):
            totals[name] += seconds
    return {name: seconds / len(texts) for name, seconds in totals.items()}


def measure(texts: list[bytes]) -> dict[str, object]:
    """Files/s through ``clean_bytes`` and ms a page per step, on the hot path this process loads."""
    config = replace(Config(), dedup=DedupConfig(mode=DedupMode.OFF))
    clean_bytes(texts[0], config)  # load the model and the stoplists once
    return {
        "build": build(),
        "files_per_s": rate(texts, lambda data: clean_bytes(data, config), 3),
        "steps": steps([t.decode("utf-8") for t in texts]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--pages", type=int, default=173)
    parser.add_argument("--profile", type=int, default=12)
    parser.add_argument("--measure-only", action="store_true", help="print this path's figures as JSON and stop")
    args = parser.parse_args()
    rows = load(args.shared / "data" / "extraction-validation", args.pages)
    html = [row["html"] for row in rows]
    texts = [row["text"].encode("utf-8") for row in rows]
    if args.measure_only:
        print(json.dumps(measure(texts)))
        return
    anchor = rate(html, lambda page: trafilatura.extract(page), 1)
    paths = [measure(texts)]
    if paths[0]["build"] == "compiled":
        command = [sys.executable, __file__, "--shared", str(args.shared), "--pages", str(args.pages), "--measure-only"]
        pure = subprocess.run(
            command, check=True, capture_output=True, text=True, env={**os.environ, PURE_VARIABLE: "1"}
        )
        paths.append(json.loads(pure.stdout))
    print(f"trafilatura.extract, HTML of {len(html)} validation pages: {anchor:8.1f} files/s (1.00x)")
    for path in paths:
        ours = float(path["files_per_s"])  # type: ignore[arg-type]
        label = f"scrubnews clean, their flat text ({path['build']}):"
        print(f"{label:50s} {ours:8.1f} files/s ({ours / anchor:.2f}x)")
    print("per page, by step:" + "".join(f"{path['build']!s:>14s}" for path in paths))
    for name in paths[0]["steps"]:  # type: ignore[attr-defined]
        print(f"  {name:16s}" + "".join(f"{path['steps'][name] * 1000:11.2f} ms" for path in paths))  # type: ignore[index]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_bytes(texts[0])
        times = startup_times([SRC], page, rounds=3)
        print(f"`scrubnews --version`:       {min(times[SRC, '--version']):.3f} s")
        print(f"one-file `scrubnews clean`: {min(times[SRC, 'clean one file']):.3f} s")
    if args.profile:
        config = replace(Config(), dedup=DedupConfig(mode=DedupMode.OFF))
        print(profile_top(texts, lambda data: clean_bytes(data, config), args.profile))


if __name__ == "__main__":
    main()
