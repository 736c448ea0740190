"""How often a block of page furniture takes an article paragraph with it, on the seeds' articles.

    python benchmarks/block_boundaries.py [-v]

Every seed's gold article, with one block (an ad label, a cookie notice, a
sign-up box, a "Read more" teaser, a share bar, a related-stories list)
inserted before each of its paragraphs but the first, lines joined by one
or by two newlines, inside a menu and a footer: the pages where some
article paragraph is not kept. ``tests/test_properties.py`` checks the
shapes where none may be lost; ``tests/extract/test_hard_cases.py`` lists
the known failures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scrubnews import Config, clean_bytes
from scrubnews.config import DedupConfig, DedupMode

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BLOCKS = {
    "ad": ["Advertisement"],
    "cookie": ["We use cookies to improve your experience.", "Accept all", "Manage preferences"],
    "signup": ["Sign up for our newsletter", "Subscribe"],
    "read more": ["Read more:", "Mayor unveils budget plan"],
    "share": ["Share", "Tweet", "Email", "Copy link"],
    "related": ["Related Articles", "Mayor unveils budget plan", "Storm closes coastal road", "Schools reopen"],
}


def main() -> None:
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
                        if "-v" in sys.argv:
                            where = f"seed {k}, {name} before paragraph {at} of {len(paragraphs)} ({separator!r})"
                            print(f"{where}: lost {lost}")
    print(f"{lost_pages} of {total} pages lose an article paragraph; by block: {by_block}")


if __name__ == "__main__":
    main()
