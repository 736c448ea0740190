"""Text normalisation and word-shingle hashing for near-duplicate detection."""

from __future__ import annotations

import html
import re
import unicodedata
import zlib

import ftfy
import numpy as np
import numpy.typing as npt

# Characters that betray UTF-8 read as cp1252/latin-1 ("â€™"); only such
# text pays for ftfy's repair (30 µs a paragraph, most of the budget).
_MOJIBAKE = re.compile("[âÃÂ€ï¿½œž]")
_FOLD = str.maketrans(
    {
        "‘": "",
        "’": "",
        "‚": "",
        "‛": "",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "\u00a0": " ",
        "'": "",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def normalise(text: str) -> str:
    """Fold away what scraping and re-publishing change but readers don't see.

    HTML entities, mojibake, Unicode compatibility forms (NFKC), curly
    quotes and dashes, case, apostrophes and punctuation runs.

    >>> normalise("Putinâ€™s  “plan” &amp; Musk’s — OK")
    'putins plan musks ok'
    """
    if "&" in text:
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _NON_WORD.sub(" ", text).strip()


class ShingleHasher:
    """Hashes of word n-gram shingles, with a cache of word hashes.

    Words are hashed once each (CRC-32, stable across processes), and the
    n-gram hashes are combined from them with NumPy, so a paragraph costs a
    dictionary lookup per word rather than a hash per shingle.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._word_hashes: dict[str, int] = {}

    def __call__(self, text: str) -> npt.NDArray[np.uint64]:
        """Sorted unique 32-bit shingle hashes of ``text`` (as uint64)."""
        cache = self._word_hashes
        hashes = []
        for word in normalise(text).split():
            value = cache.get(word)
            if value is None:
                value = cache[word] = zlib.crc32(word.encode())
            hashes.append(value)
        if not hashes:
            return np.zeros(0, dtype=np.uint64)
        words = np.array(hashes, dtype=np.uint64)
        if len(words) < self.size:
            # Shorter than one shingle: the whole text is the shingle.
            return np.unique(_combine([words[i : i + 1] for i in range(len(words))]))
        return np.unique(_combine([words[i : len(words) - self.size + 1 + i] for i in range(self.size)]))


def _combine(columns: list[npt.NDArray[np.uint64]]) -> npt.NDArray[np.uint64]:
    """Mix aligned word-hash columns into one 32-bit hash per shingle."""
    value = columns[0].copy()
    for column in columns[1:]:
        value = value * _MIX + column  # wraps modulo 2**64, as intended
    value ^= value >> np.uint64(29)
    value = value * _MIX
    return (value >> np.uint64(32)) & _MASK32
