"""Write ``scrubnews/stoplist-index.txt``: which of jusText's stoplists hold each word.

    python -m scrubnews.training.stoplist_index [PATH]

Language detection asks, for each distinct word of a page, which of the 99
lists hold it. Reading the lists themselves means 177,000 words split,
hashed and later freed in every process (about 80 ms of a one-file run);
the index is one string read whole, its words grouped into buckets by a
CRC-32 of their UTF-8 bytes, so that a word is looked up with one bounded
``find`` (``scrubnews.text.lists_holding``). It is made from the installed
jusText's lists, read as ``scrubnews.text.stoplist`` reads them; a test
checks that it still matches them.

Layout, all text: a comment line; ``languages`` and the list names in bit
order; ``masks`` and the distinct sets of lists a word lies in, each a
number in hexadecimal with bit k set when list k holds the word, the most
frequent first; ``offsets`` and each bucket's start within the body (one
more than buckets: the body's end); then the body, one ``word<TAB>n`` line
per word (n numbers its mask in ``masks``), bucket after bucket.
"""

from __future__ import annotations

import sys
import zlib
from collections import Counter
from pathlib import Path

from scrubnews.io.writers import write_atomic
from scrubnews.text import STOPLIST_INDEX, stoplist, stoplist_files

BUCKETS = 4096


def index_text() -> str:
    """The index of the installed jusText's stoplists, as the file holds it."""
    names = stoplist_files()
    masks: dict[str, int] = {}
    for bit, name in enumerate(names):
        for word in stoplist(name):
            masks[word] = masks.get(word, 0) | 1 << bit
    counts = Counter(masks.values())
    table = sorted(counts, key=lambda mask: (-counts[mask], mask))
    number = {mask: n for n, mask in enumerate(table)}
    buckets: list[list[str]] = [[] for _ in range(BUCKETS)]
    for word in sorted(masks):
        if "\t" in word or "\n" in word:  # no list holds one; a line could not either
            raise ValueError(f"a stoplist word holds a tab or a line end: {word!r}")
        buckets[zlib.crc32(word.encode()) % BUCKETS].append(f"{word}\t{number[masks[word]]}\n")
    offsets = [0]
    for bucket in buckets:
        offsets.append(offsets[-1] + sum(len(line.encode()) for line in bucket))
    head = [
        "# Which of jusText's stoplists (BSD licence) hold each word: python -m scrubnews.training.stoplist_index",
        "languages " + " ".join(names),
        "masks " + " ".join(f"{mask:x}" for mask in table),
        "offsets " + " ".join(map(str, offsets)),
    ]
    return "\n".join(head) + "\n" + "".join("".join(bucket) for bucket in buckets)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else STOPLIST_INDEX
    write_atomic(path, index_text())  # a run reading the index never sees half of it
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
