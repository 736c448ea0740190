"""Near-duplicate throughput on 100,000 paragraphs, against plain datasketch.

    python benchmarks/neardup_throughput.py [--shared ../shared] [--paragraphs 100000]

Both sides run normalise/shingle + MinHash + LSH in this one process, on
the same paragraphs, in the same run:

* anchor: word 2-gram shingles as bytes, ``MinHash.bulk`` (datasketch's
  default SHA-1 hashing), and ``MinHashLSH`` insert + query with the same
  bands and rows; no verification;
* scrubnews: ``ShingleHasher`` + ``find_matches`` (vectorised signatures,
  the same LSH, every candidate verified exactly).

The paragraphs are the near-dup-dev paragraphs (with their copies) padded
to the requested count with synthetic paragraphs drawn from the same
vocabulary and lengths (seeded), so most paragraphs are unique, as in a
real corpus. Reports paragraphs/s, the ratio to the anchor, and the peak
Python-heap memory per paragraph (tracemalloc, in a separate untimed pass
over the first --memory-sample paragraphs, since tracing slows both sides).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import tracemalloc
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from scrubnews.config import DedupConfig
from scrubnews.neardup.minhash import find_matches
from scrubnews.neardup.shingles import ShingleHasher


def corpus(shared: Path, count: int, seed: int = 7) -> list[str]:
    rows = [json.loads(line) for line in (shared / "data/near-dup-dev/paragraphs.jsonl").open(encoding="utf-8")]
    texts = [row["text"] for row in rows]
    vocabulary = [w for text in texts for w in text.split()]
    lengths = [len(text.split()) for text in texts]
    rng = random.Random(seed)
    while len(texts) < count:
        texts.append(" ".join(rng.choices(vocabulary, k=rng.choice(lengths))))
    return texts[:count]


def anchor(texts: list[str], config: DedupConfig) -> int:
    shingles = []
    for text in texts:
        tokens = re.findall(r"\w+", text.lower())
        shingles.append([" ".join(tokens[i : i + 2]).encode() for i in range(max(1, len(tokens) - 1))])
    minhashes = MinHash.bulk(shingles, num_perm=config.num_perm, seed=config.seed)
    lsh = MinHashLSH(num_perm=config.num_perm, params=(config.bands, config.num_perm // config.bands))
    candidates = 0
    for i, minhash in enumerate(minhashes):
        candidates += len(lsh.query(minhash))
        lsh.insert(i, minhash, check_duplication=False)
    return candidates


def ours(texts: list[str], config: DedupConfig) -> int:
    hasher = ShingleHasher(config.shingle_size)
    return len(find_matches(hasher.many(texts), config))


def seconds(work: object, *args: object) -> tuple[float, int]:
    start = time.perf_counter()
    result = work(*args)  # type: ignore[operator]
    return time.perf_counter() - start, int(result)


def peak_bytes(work: object, *args: object) -> int:
    """Peak Python-heap bytes while ``work`` runs (tracemalloc: slow, so untimed)."""
    tracemalloc.start()
    work(*args)  # type: ignore[operator]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--memory-sample", type=int, default=20_000, help="paragraphs for the tracemalloc pass")
    args = parser.parse_args()
    texts = corpus(args.shared, args.paragraphs)
    config = DedupConfig()
    base_s, base_n = seconds(anchor, texts, config)
    our_s, our_n = seconds(ours, texts, config)
    sample = texts[: args.memory_sample]
    base_mem = peak_bytes(anchor, sample, config) / len(sample)
    our_mem = peak_bytes(ours, sample, config) / len(sample)
    n = len(texts)
    print(f"{n} paragraphs, num_perm {config.num_perm}, {config.bands} bands, one process")
    print(f"anchor  datasketch bulk + LSH : {n / base_s:8.0f} paragraphs/s  ({base_n} candidates, unverified)")
    print(f"scrubnews                     : {n / our_s:8.0f} paragraphs/s  ({our_n} verified pairs)")
    print(f"ratio                         : {base_s / our_s:.2f}x the anchor")
    print(
        f"peak memory per paragraph     : anchor {base_mem:.0f} B, scrubnews {our_mem:.0f} B ({len(sample)} paragraphs)"
    )


if __name__ == "__main__":
    main()
