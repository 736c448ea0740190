"""Text normalisation and word-shingle hashing for near-duplicate detection."""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# Characters that betray UTF-8 read as cp1252/latin-1 ("â€™"); only such
# text pays for ftfy's repair (30 µs a paragraph, most of the budget).
_MOJIBAKE_MARKS = ("â", "Ã", "Â", "€", "ï", "œ", "ž")
# Apostrophes are deleted ("Musk’s" and "Musks" are one word); every other
# quote, dash or space variant is punctuation, which the word split drops.
_APOSTROPHES = ("'", "’", "‘", "‛", "‚", "ʼ")
_NON_WORD = re.compile(r"[\W_]+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BLOCK_TEXTS = 2048


def normalise(text: str) -> str:
    """Fold away what scraping and re-publishing change but readers don't see.

    HTML entities, mojibake, Unicode compatibility forms (NFKC), curly
    quotes and dashes, case, apostrophes and punctuation runs.

    >>> normalise("Putinâ€™s  “plan” &amp; Musk’s — OK")
    'putins plan musks ok'
    """
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        if any(mark in text for mark in _MOJIBAKE_MARKS):
            import ftfy  # only mojibake pays for importing it (~20 ms)

            text = ftfy.fix_encoding(text)
        text = unicodedata.normalize("NFKC", text)
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _ascii_table() -> bytes:
    table = bytearray(b" " * 256)
    for byte in range(256):
        char = chr(byte)
        if char.isascii() and char.isalnum():
            table[byte] = ord(char.lower())
    return bytes(table)


# ASCII fast path of ``normalise``: lower-case letters and digits, every
# other byte a space, apostrophes deleted, in one C-level pass.
_ASCII_TABLE = _ascii_table()


def words_of(text: str) -> list[bytes]:
    """The words of ``normalise(text)``, as bytes.

    >>> words_of("Musk's plan -- in 2029!")
    [b'musks', b'plan', b'in', b'2029']
    >>> words_of("Putin’s “plan”")
    [b'putins', b'plan']
    """
    if text.isascii() and "&" not in text:
        return text.encode("ascii").translate(_ASCII_TABLE, b"'").split()
    return normalise(text).encode("utf-8").split()


class ShingleHasher:
    """Hashes of word n-gram shingles, with a cache of word hashes.

    Words are hashed once each (CRC-32, stable across processes); n-gram
    hashes are mixed from them with NumPy for a whole batch of texts at
    once, so a paragraph costs a dictionary lookup per word, not a hash
    call per shingle.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._word_hashes: dict[bytes, int] = {}

    def __call__(self, text: str) -> npt.NDArray[np.uint32]:
        """Sorted unique 32-bit shingle hashes of one text."""
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[npt.NDArray[np.uint32]]:
        """Sorted unique 32-bit shingle hashes of each text, 4 bytes a shingle.

        A text shorter than one shingle is a single shingle of all its words.
        Texts are hashed ``_BLOCK_TEXTS`` at a time, so the temporary arrays
        stay a few megabytes however many texts come.
        """
        out: list[npt.NDArray[np.uint32]] = []
        for start in range(0, len(texts), _BLOCK_TEXTS):
            out.extend(self._block(texts[start : start + _BLOCK_TEXTS]))
        return out

    def _block(self, texts: Sequence[str]) -> list[npt.NDArray[np.uint32]]:
        cache = self._word_hashes
        lookup = cache.get
        flat: list[int] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for k, text in enumerate(texts):
            tokens = words_of(text)
            hashes = list(map(lookup, tokens))
            if None in hashes:
                hashes = [cache.setdefault(word, zlib.crc32(word)) for word in tokens]
            flat.extend(hashes)  # type: ignore[arg-type]
            lengths[k] = len(tokens)
        words = np.array(flat, dtype=np.uint64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        # Shingle k of a text starts at word k; a short text gets one shingle.
        counts = np.where(lengths == 0, 0, np.maximum(lengths - self.size + 1, 1))
        owner = np.repeat(np.arange(len(texts)), counts)
        first = np.repeat(starts, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
        width = np.minimum(lengths, self.size)[owner]
        value = np.zeros(len(first), dtype=np.uint64)
        for offset in range(self.size):
            has_word = offset < width
            column = np.where(has_word, words[np.minimum(first + offset, max(len(words) - 1, 0))], 0)
            value = np.where(has_word, value * _MIX + column, value)
        value ^= value >> np.uint64(29)
        value = (value * _MIX >> np.uint64(32)) & _MASK32
        # One sort of (text << 32 | hash) keys: unique shingles per text.
        keys = (owner.astype(np.uint64) << np.uint64(32)) | value
        keys.sort()
        if len(keys):
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        owner = (keys >> np.uint64(32)).astype(np.int64)
        unique = (keys & _MASK32).astype(np.uint32)
        bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
        return [unique[bounds[k] : bounds[k + 1]] for k in range(len(texts))]
