"""Small text helpers shared by the stages: words, stopwords, sentence ends."""

from __future__ import annotations

import importlib.util
import json
import re
import zlib
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

STOPLIST_INDEX = Path(__file__).with_name("stoplist-index.txt")
WORD_RE = re.compile(r"\w+", re.UNICODE)
# Han, Hiragana, Katakana and Hangul: scripts written without spaces, where a
# "word" count from \w+ is meaningless and each character carries a word's weight.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Closing quotes and brackets that may follow a sentence's final mark.
_CLOSERS = "\"'”’»)]}*"
_SENTENCE_END = ".!?…。！？"


def words(text: str) -> list[str]:
    """Lower-cased word tokens.

    >>> words("Musk's plan, in 2029!")
    ['musk', 's', 'plan', 'in', '2029']
    """
    return WORD_RE.findall(text.lower())


def word_count(text: str) -> int:
    """Words, counting each CJK character as half a word (two make a word).

    >>> word_count("Elon Musk wrote")
    3
    >>> word_count("東京都は月曜日")
    4
    """
    cjk = len(CJK_RE.findall(text))
    if cjk == 0:
        return len(WORD_RE.findall(text))
    rest = len(WORD_RE.findall(CJK_RE.sub(" ", text)))
    return rest + (cjk + 1) // 2


def is_cjk(text: str) -> bool:
    """True when most letters are CJK characters."""
    cjk = len(CJK_RE.findall(text))
    return cjk > 0 and cjk * 2 >= sum(ch.isalpha() for ch in text)


def ends_sentence(text: str) -> bool:
    """True when the text ends with a sentence mark, maybe inside quotes.

    >>> ends_sentence('He said "no."')
    True
    >>> ends_sentence("Related Articles")
    False
    """
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def is_sentence(text: str, words: int | None = None) -> bool:
    """Eight or more words that end a sentence: prose, never a headline, label or menu line.
    Lines that are not are what templates, listings and repeated headlines are made of.
    ``words``: the text's ``word_count`` where the caller has it (``Paragraph.words``).

    >>> is_sentence("The council approved the plan on Tuesday after a long debate.")
    True
    >>> is_sentence("Council approves northern bus routes")
    False
    """
    return (word_count(text) if words is None else words) >= 8 and ends_sentence(text)


def is_headline_like(text: str) -> bool:
    """Four to fifteen words that do not end a sentence: how headlines and teaser links read.

    >>> is_headline_like("Council approves northern bus routes")
    True
    """
    return 4 <= word_count(text) <= 15 and not ends_sentence(text)


# Control characters (C0 but tab, DEL, C1) shown as escapes wherever scraped
# text or a file name reaches a terminal: an ESC sequence in a page must not
# drive the user's terminal, and a newline in a name must not split a line.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if code != 0x09}
# A file name's bytes that are not UTF-8 arrive as lone surrogates
# (U+DC80..U+DCFF, Python's "surrogateescape"): shown as the byte they stand for.
_CONTROLS.update({0xDC00 + byte: f"\\x{byte:02x}" for byte in range(0x80, 0x100)})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with its noun, singular or plural, as a person writes it.

    >>> counted(1, "file"), counted(5, "finding"), counted(2, "copy", "copies")
    ('1 file', '5 findings', '2 copies')
    """
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def printable(text: str) -> str:
    """``text`` with control characters as visible escapes, for terminal output.

    >>> printable("a\\x1b[31mred\\nname")
    'a\\\\x1b[31mred\\\\x0aname'
    """
    return text.translate(_CONTROLS)


def json_text(value: object, **options: Any) -> str:
    """``value`` as JSON that is valid UTF-8, with non-ASCII text as is.

    A file name that is not UTF-8 holds lone surrogates (one per byte that
    does not decode); they are written as ``\\udcXX`` escapes, which JSON
    readers accept and Python reads back to the same name
    (``os.fsencode(json.loads(...))`` gives the original bytes). Written raw
    they would make the output invalid UTF-8.
    """
    return escape_lone_surrogates(json.dumps(value, ensure_ascii=False, **options))


def escape_lone_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a byte of a name that is not UTF-8) as a ``\\udcXX`` escape.

    >>> escape_lone_surrogates("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    """
    if _LONE_SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def first_letter(text: str) -> str:
    """The first alphanumeric character, or '' when there is none."""
    for ch in text:
        if ch.isalnum():
            return ch
    return ""


def normalise_line(text: str) -> str:
    """Case- and space-folded text, for comparing lines.

    >>> normalise_line("  Read   More: ")
    'read more:'
    """
    return " ".join(text.split()).casefold()


@cache
def _stoplist_folder() -> Path:
    # jusText's word lists, found without importing jusText (and lxml with it).
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jusText is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@cache
def stoplist(language: str) -> frozenset[str]:
    """jusText's stopword list for a language name such as "English".

    The same set as ``justext.get_stoplist`` (its lower-cased lines), read as
    one string and split once, without importing jusText: language
    detection reads every list, and start-up time matters for one-file runs.
    """
    path = _stoplist_folder() / f"{language}.txt"
    if not path.is_file():
        raise ValueError(f"jusText has no stoplist for {language!r}")
    return frozenset(path.read_text(encoding="utf-8").lower().splitlines()) - {""}


@cache
def stoplist_files() -> tuple[str, ...]:
    """The names of jusText's stoplists, alphabetically: the languages ``stoplist`` reads."""
    # Simple_English is a subset of English; it would tie with it.
    return tuple(sorted(p.stem for p in _stoplist_folder().glob("*.txt") if p.stem != "Simple_English"))


# How many of a page's first tokens ``detect_language`` reads.
LANGUAGE_SAMPLE = 2000


def detect_language(tokens: list[str], sample_words: int = LANGUAGE_SAMPLE) -> str | None:
    """The jusText stoplist language whose stopwords cover most of the tokens.

    Stopword coverage is a cheap, robust language signal: English prose is
    ~45% stopwords under the English list and far less under any other.
    Returns None for text no list covers (CJK, or too few words). Ties go
    to the alphabetically first language. Each distinct token is looked up
    once (``lists_holding``), and the answers are kept for the next page.
    """
    sample = tokens[:sample_words]
    if len(sample) < 20:
        return None
    names = _stoplist_index()[0]
    hits = [0] * len(names)
    for token, count in Counter(sample).items():
        for k in lists_holding(token):
            hits[k] += count
    best = min(range(len(names)), key=lambda k: (-hits[k], names[k]))
    return names[best] if hits[best] and hits[best] / len(sample) >= 0.15 else None


# Bounded: a run's vocabulary keeps growing, its common words do not (~7 MB at most).
@lru_cache(maxsize=1 << 16)
def lists_holding(token: str) -> tuple[int, ...]:
    """The stoplists (numbered as ``stoplist_files``) that hold ``token``, from the shipped index.

    >>> [stoplist_files()[k] for k in lists_holding("werden")]
    ['Dutch', 'German']
    """
    _, masks, offsets, body = _stoplist_index()
    try:
        key = token.encode()
    except UnicodeEncodeError:  # a lone surrogate: no list holds one
        return ()
    if not key or b"\t" in key or b"\n" in key:
        return ()
    bucket = zlib.crc32(key) % (len(offsets) - 1)
    start, end = offsets[bucket], offsets[bucket + 1]
    line = key + b"\t"
    at = body.find(line, start, end)
    while at > start and body[at - 1] != 0x0A:  # the end of a longer word: look on
        at = body.find(line, at + 1, end)
    if at < 0:
        return ()
    number = at + len(key) + 1
    mask = masks[int(body[number : body.index(b"\n", number)])]
    lists = []
    while mask:
        lowest = mask & -mask
        lists.append(lowest.bit_length() - 1)
        mask ^= lowest
    return tuple(lists)


@cache
def _stoplist_index() -> tuple[tuple[str, ...], list[int], list[int], bytes]:
    """The shipped index: list names in bit order, masks, bucket offsets, body (``training.stoplist_index``)."""
    _, languages, masks, offsets, body = STOPLIST_INDEX.read_bytes().split(b"\n", 4)
    return (
        tuple(languages.decode().split()[1:]),
        [int(mask, 16) for mask in masks.split()[1:]],
        [int(offset) for offset in offsets.split()[1:]],
        body,
    )


def stopword_density(text: str, stops: frozenset[str]) -> float:
    """Share of the words that are stopwords.

    >>> stopword_density("the cat and the hat", stoplist("English"))
    0.6
    """
    tokens = words(text)
    if not tokens:
        return 0.0
    return sum(token in stops for token in tokens) / len(tokens)
