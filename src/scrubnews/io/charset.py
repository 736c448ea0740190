"""Bytes to text: UTF-8 first, then charset detection; sniff text vs HTML."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from scrubnews.config import DecodeConfig
from scrubnews.document import Document, InputKind
from scrubnews.io.renderings import as_shown
from scrubnews.text import detect_language, words

_HTML_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)",
    re.I | re.S,
)
_MARKUP = re.compile(r"<[a-zA-Z!/][^<>]{0,500}>")
# Share of the first characters that sit inside tags. Pages without a doctype
# are mostly markup (0.3 and up on extraction-dev); text that quotes some
# HTML stays well below (0.14 at most there, rdb_001 quotes <script> tags).
_MIN_MARKUP_SHARE = 0.25
_CENTRAL_EUROPEAN_CODECS = frozenset(["cp1250", "iso8859_2", "mac_latin2"])
_CENTRAL_EUROPEAN_LANGUAGES = frozenset(
    "Albanian Bosnian Croatian Czech Hungarian Polish Romanian Serbian Serbo_Croatian Slovak Slovenian".split()  # noqa: SIM905
)


def decode(doc: Document, config: DecodeConfig) -> Document:
    """Decode ``doc.raw`` and decide whether it is HTML or plain text.

    UTF-8 (with or without BOM) is tried first because nearly every page is
    UTF-8 and detection can mistake short UTF-8 for a legacy code page. Only
    when strict UTF-8 fails does charset-normalizer guess; the encoding used
    is recorded either way. Line breaks are normalised to ``\\n``. A forced
    encoding (``--encoding``) is used as given, so UTF-16 without a BOM reads.
    """
    if not doc.is_ok:
        return doc
    # NUL bytes mean binary, unless the bytes are UTF-16/32 (a BOM, a codec
    # the user forced, or UTF-16 without a BOM: every other byte NUL in text
    # of ASCII letters): then NUL *characters* after decoding do.
    forced = config.encoding or bomless_utf16(doc.raw[:4096])
    if forced is None and b"\x00" in doc.raw[:4096] and not doc.raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return replace(doc, problem="looks like a binary file (NUL bytes); expected text or HTML")
    text, encoding = _to_text(doc.raw, forced)
    if text is None:
        return replace(doc, problem="cannot decode the bytes; pass --encoding to say which encoding it uses")
    if forced is not None and "\x00" in text[:4096]:
        return replace(doc, problem=f"looks like a binary file (NUL characters as {forced}); expected text or HTML")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > config.max_lines:
        return replace(
            doc,
            raw=b"",
            problem=f"has {lines:,} lines, more than {config.max_lines:,} (max-lines in the settings); skipped",
        )
    kind = InputKind.HTML if is_html(doc.raw[:4096], text[:8000]) else InputKind.TEXT
    digest = hashlib.sha256(doc.raw).hexdigest()
    # The text as read stays the input's (check's SN007 reports its mojibake); what the paragraphs
    # are made of is repaired (``without_mojibake``) and, where a renderer marked its links (Markdown,
    # a text browser's dump), read as the text a browser shows (``renderings.as_shown``): the same lines.
    # Mojibake's lead characters (U+00C2-U+00F4) are the UTF-8 bytes C3 82-C3 B4: bytes that read as
    # UTF-8 without a C3 hold none, and the search for them (0.4 ms on a 100 KB page) is skipped.
    plain = encoding in ("utf-8", "utf-8-sig") and b"\xc3" not in doc.raw
    repaired = text if plain else without_mojibake(text)
    body = repaired if kind is InputKind.HTML else as_shown(repaired)
    return replace(doc, raw=b"", digest=digest, text=text, body=body, encoding=encoding, input_kind=kind)


# A UTF-8 lead byte read as Latin-1 or cp1252 followed by as many continuation bytes read the same
# way as it announces: what UTF-8 text decoded once too often looks like ("Ã©" for "é": Â to ß lead
# one; "â€™" or "â\x80\x99" for "’": à to ï lead two; ð to ô three). French "âge" or Portuguese
# "não" never match: a letter follows. Nor do "débat»", "travaillé…", "Tomáš" (é, á lead two, and
# one follows), on which ftfy's repair ran for nothing (20-56 ms on a page).
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# One class first, so that the engine skips to a lead at once; which lead it is, after it.
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00f4](?:(?<=[\u00c2-\u00df]){_CONTINUATION}|(?<=[\u00e0-\u00ef]){_CONTINUATION}{{2}}"
    f"|(?<=[\u00f0-\u00f4]){_CONTINUATION}{{3}})"
)


def without_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was decoded twice repaired (ftfy's ``fix_encoding``), when it shows
    the marks of it; other text unchanged, at the cost of one regex search. The scraper, not the
    page, usually did it: the same page elsewhere reads "Investor’s", here "Investorâ\x80\x99s".

    >>> without_mojibake("A DIY Investorâ\x80\x99s Guide, café âge")
    'A DIY Investor’s Guide, café âge'
    >>> without_mojibake("Ã€ bientôt, l'âge d'or")
    "À bientôt, l'âge d'or"
    """
    if not _MOJIBAKE.search(text):
        return text
    import ftfy  # only text that shows mojibake pays for importing it

    return str(ftfy.fix_encoding(text))


def _to_text(raw: bytes, forced: str | None) -> tuple[str | None, str | None]:
    if forced:
        return raw.decode(forced, errors="replace"), forced
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only bytes that are not UTF-8 need it: kept out of start-up

    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        return None, None
    text, encoding = str(best), best.encoding
    if encoding in _CENTRAL_EUROPEAN_CODECS:
        # Latin-1/cp1252 and cp1250 share most letters, and detection often
        # picks cp1250 for Western text ("señor" becomes "seńor"). A code page
        # belongs to the languages it was made for: when the text reads as
        # none of them, the Western page decodes it.
        language = detect_language(words(text))
        if language is not None and language not in _CENTRAL_EUROPEAN_LANGUAGES:
            try:
                return raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
    return text, encoding


def bomless_utf16(head: bytes) -> str | None:
    """The codec (``utf-16-le``, ``utf-16-be``) of ``head`` when it reads as UTF-16 without a byte order mark: nearly
    every high (or low) byte of its 16-bit units NUL and nearly none of the others, as in text of
    mostly ASCII letters; else None.

    >>> bomless_utf16("Flood defences".encode("utf-16-le")), bomless_utf16("Flood".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> bomless_utf16(b"\\x00\\x01\\x02binary\\x00\\x00\\x00\\xff") is None
    True
    """
    if len(head) < 8 or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    low, high = head[0::2], head[1::2]

    def mostly_nul(part: bytes) -> bool:
        return part.count(0) >= 0.9 * len(part)

    def hardly_nul(part: bytes) -> bool:
        return part.count(0) <= 0.02 * len(part)

    if mostly_nul(high) and hardly_nul(low):
        return "utf-16-le"
    if mostly_nul(low) and hardly_nul(high):
        return "utf-16-be"
    return None


def is_html(head_bytes: bytes, head_text: str) -> bool:
    """True when the content looks like an HTML page, whatever its name.

    A doctype or ``<html>`` at the start decides it; otherwise the share of
    the text inside tags does, so a text file quoting a few tags stays text.

    >>> is_html(b"<!DOCTYPE html><p>x", "<!DOCTYPE html><p>x")
    True
    >>> is_html(b"Use <br> for breaks", "Use <br> for breaks")
    False
    """
    if _HTML_START.match(head_bytes):
        return True
    markup = sum(len(tag) for tag in _MARKUP.findall(head_text))
    return markup >= _MIN_MARKUP_SHARE * max(1, len(head_text))
