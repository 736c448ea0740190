"""Every tunable, with its default and what it was tuned on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class DecodeConfig:
    # None: UTF-8 first, then charset detection. A name forces that codec.
    encoding: str | None = None
    # Inputs larger than this are skipped with a message (settings:
    # max-bytes). Reading stops here too, so an endless device (/dev/zero)
    # cannot fill the memory. News pages are rarely over a few megabytes;
    # a text file over 1 MiB is cleaned in parts (``io/text_parts.py``), so
    # raising the cap for a large dump does not raise the memory a run needs.
    max_bytes: int = 16 * 1024 * 1024
    # Inputs with more lines are skipped with a message (settings:
    # max-lines): a news page has a few thousand at most, and each line
    # costs a row of features (a million one-letter lines took 2 GB).
    max_lines: int = 100_000


@dataclass(frozen=True, slots=True)
class HtmlConfig:
    # trafilatura's title, date and author for HTML pages (about a third of an
    # HTML page's time); off, the text path's own finder fills them.
    metadata: bool = True


@dataclass(frozen=True, slots=True)
class SegmentConfig:
    # Longest run of lines glued back into one sentence; seed 003 needs 3.
    max_joined_lines: int = 8


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    # An "article" of fewer words than this with no line that reads as prose
    # (a lone "Sport" kept from a page of menus) is no article: the page is
    # chrome only (an error page, a paywall stub) and every line is dropped
    # as `no-article`. No page of extraction-train or -validation is that
    # short, so this only ever applies to stubs.
    min_words_without_prose: int = 8


@dataclass(frozen=True, slots=True)
class TemplateConfig:
    # A short line in this many files of one run is site template.
    min_files: int = 2
    # One-word lines ("Image", "Conclusion") recur across unrelated sites:
    # on extraction-dev text they cost 0.007 F1 when marked.
    min_words: int = 2
    # Longer lines, or full sentences, are prose even when shared (syndication).
    max_words: int = 15


@dataclass(frozen=True, slots=True)
class MetaConfig:
    # Where a text page's headline may sit: this many lines above the
    # article's first kept line (nytimes-style pages put teaser lists
    # between the headline and the story), or among its first kept lines
    # when it reads as a headline. The title model (``extract/title.py``)
    # was trained on these candidates.
    title_lines_above: int = 40
    title_lines_into: int = 3
    # Headlines on the seeds, extraction-dev and train's WCXB titles run 2 to 30 words.
    min_title_words: int = 2
    max_title_words: int = 30
    # A kept line is dropped as the title only when it reads as one: at most
    # this long, no sentence end, no colon (article text is never lost to it).
    max_kept_title_words: int = 20


class Engine(StrEnum):
    """Where the per-file stages run: here (``--jobs`` processes) or on a dask cluster."""

    LOCAL = "local"
    DASK = "dask"


class DedupMode(StrEnum):
    FLAG = "flag"
    DROP = "drop"
    OFF = "off"


# A verified pair is a "copy" when its exact Jaccard reaches DEFAULT_JACCARD,
# and a "partial" when DEFAULT_CONTAINMENT of the shorter paragraph's shingles
# are in the longer one (a lede, a trimmed wire copy, a shared quote). Tuned
# on near-dup-dev (J 0.4 / C 0.5: P 0.999, R 0.971, F1 0.985; C 0.55 gave
# R 0.958, C 0.45 gains only 0.003 R) and held apart from the seeds: their
# shared quote (002/004) has C 0.81, the closest rewrite of the same facts
# C 0.44. Re-run benchmarks/neardup_quality.py and the seed dupes golden
# test if you change them.
DEFAULT_JACCARD = 0.4
DEFAULT_CONTAINMENT = 0.5


@dataclass(frozen=True, slots=True)
class DedupConfig:
    mode: DedupMode = DedupMode.FLAG
    # Word 2-grams: on near-dup-dev they kept lightly spun copies (spin30,
    # wire+spin) that 3-grams lose, and verification keeps precision.
    shingle_size: int = 2
    # See DEFAULT_JACCARD / DEFAULT_CONTAINMENT above.
    jaccard: float = DEFAULT_JACCARD
    containment: float = DEFAULT_CONTAINMENT
    # Paragraphs with fewer shingles are never compared: a short line is
    # contained in too much to be evidence.
    min_shingles: int = 5
    # MinHash and LSH. Verification is exact, so the LSH only has to find
    # candidates: 64 permutations in 32 bands of 2 rows catch pairs down to
    # Jaccard ~0.2 (chance 0.72 at 0.2, 0.99 at 0.35).
    num_perm: int = 64
    bands: int = 32
    seed: int = 1
    # Candidates are verified exactly unless their MinHash estimates of both
    # Jaccard and containment fall this far below the bars. With 64
    # permutations the estimate's spread is ~0.06 at J 0.3, so 0.2 drops no
    # true match on near-dup-dev while skipping most chance collisions.
    estimate_margin: float = 0.2


# Fewer words than this is a suspiciously short article (SN002). The
# shortest gold article of the seeds and extraction-dev has 148 words.
DEFAULT_MIN_WORDS = 80


@dataclass(frozen=True, slots=True)
class CheckConfig:
    min_words: int = DEFAULT_MIN_WORDS
    # SN005: share of the article's words copied from one other file.
    near_duplicate_share: float = 0.5
    # SN008: a listing page has at least this many headline-like lines and
    # fewer article words than this. Quiet on the seeds and on every
    # extraction-dev page (all articles, many with long related lists).
    listing_min_headlines: int = 20
    listing_max_article_words: int = 150


@dataclass(frozen=True, slots=True)
class Config:
    decode: DecodeConfig = field(default_factory=DecodeConfig)
    html: HtmlConfig = field(default_factory=HtmlConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    template: TemplateConfig = field(default_factory=TemplateConfig)
    meta: MetaConfig = field(default_factory=MetaConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    # An internal error on one file stops the run with its traceback instead of
    # marking that file and going on (``--debug``). In the config, not the
    # environment, so that workers on a remote cluster see it too.
    debug: bool = False

    @property
    def cross_file(self) -> bool:
        """Whether the run has cross-file steps (template lines, near-duplicates): every file must
        be in before any is final. ``--dedup off`` has none, and each file streams out when done."""
        return self.dedup.mode is not DedupMode.OFF
