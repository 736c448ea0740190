"""How one line is judged on its own: prose, short, junk, or a section marker.

The patterns below only ever apply to short lines (``_MAX_JUNK_WORDS``), so a
long paragraph that mentions "subscribe" or "cookies" is never junk by
pattern. Each pattern has a reason code, shown by ``scrubnews explain`` and
listed in the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from scrubnews.config import BoilerplateConfig
from scrubnews.text import ends_sentence, is_cjk, normalise_line, stopword_density, word_count, words


class Kind(StrEnum):
    PROSE = "prose"  # long and stopword-rich: what articles are made of
    SENTENCE = "sentence"  # short but a complete sentence
    HEADLINE = "headline"  # a longer line with stopwords but no final stop
    SHORT = "short"  # heading, list item, link, label
    JUNK = "junk"  # matched a boilerplate pattern
    END = "end"  # section marker: what follows is not the article
    TEASER = "teaser"  # "READ MORE:" marker: it and its headline are a teaser


@dataclass(frozen=True, slots=True)
class Judgement:
    kind: Kind
    reason: str = ""
    words: int = 0


_MAX_JUNK_WORDS = 25
# Decoration around a section marker: "【関連記事】", "— Related —", "[Comments]".
_MARKER_DECORATION = " .:•-–—|[](){}【】「」『』〈〉《》<>"
_MAX_MARKER_WORDS = 8

# Headings after which the article is over: related stories, comments, feeds.
_END_MARKERS = re.compile(
    r"^(related( articles?| stories| posts| content| news| coverage| reading| links| topics| videos)?"
    r"|more (stories|articles|news|videos|coverage|to read|on this (story|topic))"
    r"|more (from|in) [\w .'&-]{1,30}"
    r"|(what to )?read next|up next|recommended( for you| stories| articles| reading| videos)?"
    r"|you (may|might) (also )?(like|enjoy)|trending( now| stories| news| articles)?"
    r"|(most )?popular( now| stories| articles| posts| news)?|most (read|viewed|shared|emailed|commented)"
    r"|(\d+ )?comments?( \(\d+\))?|((there are|show|view|see)( all)? )?\d+ (comments|responses|replies|reactions)"
    r"|leave a (comment|reply)|join the (conversation|discussion)"
    r"|latest( news| stories| articles| posts)?|top stories|editor'?s picks|around the web"
    r"|(sponsored|promoted|partner) (content|stories|links)|from our partners|in other news|don'?t miss"
    r"|articles? (liés|similaires)|à lire aussi|sur le même sujet|commentaires?|mehr zum thema|kommentare"
    r"|noticias relacionadas|comentários|comentarios|notícias relacionadas"
    r"|相关(文章|新闻|阅读)|推荐阅读|热门(文章|新闻)?|関連(記事|ニュース)|(アクセス)?ランキング.{0,12}|コメント)[:.!]?$"
)

# "READ MORE:" and friends announce a teaser headline inside the article.
_TEASER_MARKER = re.compile(
    r"^(read more|read also|also read|related|see also|more|watch|listen|read|recommended|related (story|article)"
    r"|further reading|must read|lire aussi|à lire aussi|voir aussi|lesen sie auch|leia também|lea también)"
    r"\s*(:|>|»|\||–|—)\s*(?P<rest>.*)$"
)

_SOCIAL_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "sharing",
        "tweet",
        "email",
        "e",
        "mail",
        "facebook",
        "twitter",
        "x",
        "pinterest",
        "linkedin",
        "whatsapp",
        "reddit",
        "print",
        "save",
        "copy",
        "link",
        "messenger",
        "telegram",
        "flipboard",
        "comment",
        "comments",
        "this",
        "article",
        "story",
        "on",
        "via",
        "the",
        "mail",
        "sms",
        "google",
        "tumblr",
        "bluesky",
        "threads",
        "instagram",
        "youtube",
        "rss",
        "follow",
        "us",
        "and",
        "or",
        "page",
        "ツイート",
        "シェア",
        "シェアする",
        "分享",
    ]
)

# Share widgets that spell themselves out (WordPress: "Click to share on
# Twitter (Opens in new window)", "Like this:").
_SHARE_WIDGET = re.compile(r"\bclick to (share|email|print)\b|\(opens in (a )?new window\)|^like this:?$")

_JUNK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("junk:url", re.compile(r"^(https?://|www\.)\S+$")),
    ("junk:copyright", re.compile(r"©|\(c\) ?\d{4}|\bcopyright\b|all rights reserved|tous droits|derechos reservados")),
    (
        "junk:comments",
        re.compile(
            r"view (all )?comments|no comments yet|be the first to comment|comments? (are|is) closed|post a comment"
            r"|show comments|load (more )?comments|^notify of$|article rating|^\d+ (votes?|comments?|replies)$"
            r"|would love your thoughts|^(reply|report|flag|permalink|like|likes|\d+ likes?|report abuse|load more)$"
        ),
    ),
    (
        "junk:subscribe",
        re.compile(
            r"\b(subscribe|newsletter|sign up|sign in|log ?in|log out|register now|inbox|unsubscribe|create an account"
            r"|my account|free trial)\b"
        ),
    ),
    (
        "junk:app",
        re.compile(
            r"download (the|our) app|get the app|scan (the )?qr code|^(app store|google play|app-store ?play-store)$"
            r"|(available|download it) on (the )?(app store|google play)"
        ),
    ),
    (
        "junk:ad",
        re.compile(
            r"^(advertisement|advertising|sponsored|ad|ads|story continues below( advertisement)?|continue reading"
            r"( below| the main story)?|scroll to continue( with content)?|publicité|anzeige|werbung|publicidad)$"
        ),
    ),
    (
        "junk:nav",
        re.compile(
            r"skip to (main )?content|skip navigation|toggle navigation|main menu|back to top|^menu$|^search$"
            r"|^home$|^close$|^next$|^previous$|^prev$|^top$"
        ),
    ),
    (
        "junk:legal",
        re.compile(
            r"we use cookies|cookie (policy|settings|preferences|consent)|accept (all )?cookies"
            r"|(enable|requires?|turn on) javascript|javascript (is )?(disabled|required)|privacy (policy|notice)"
            r"|terms (of|and) (use|service|conditions)|do not sell|advertising choices|interest-based"
        ),
    ),
    (
        "junk:timestamp",
        re.compile(
            r"^(time)?(\d+|an?|one) (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago$"
            r"|^(updated|published|posted|last updated)\b.{0,40}$"
            # "Name · March 10, 2017 at 12:20 AM" heads a comment; "14:44 Headline" is a live feed item.
            r"|^.{0,60}\b(at|um|à) \d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?$|^\d{1,2}:\d{2}\b"
        ),
    ),
)


def judge(text: str, stops: frozenset[str], config: BoilerplateConfig) -> Judgement:
    """Judge one line alone, before its neighbours are considered."""
    n = word_count(text)
    if n == 0:
        return Judgement(Kind.JUNK, "junk:symbols", 0)
    norm = normalise_line(text)
    if n <= _MAX_MARKER_WORDS and _END_MARKERS.match(norm.strip(_MARKER_DECORATION)):
        return Judgement(Kind.END, "marker:end", n)
    if n <= _MAX_JUNK_WORDS:
        teaser = _TEASER_MARKER.match(norm)
        if teaser:
            return Judgement(Kind.TEASER, "teaser:marker", n)
        reason = junk_reason(norm)
        if reason:
            return Judgement(Kind.JUNK, reason, n)
    if n <= 40 and norm.rstrip().endswith(("...", "…")) and not norm.rstrip(".… ").endswith(("'", '"', "”")):
        # A cut-off teaser (seed 000), or a sentence trailing off: it costs
        # like a short line, and goes only when it is outside the article.
        return Judgement(Kind.SHORT, "teaser:ellipsis", n)
    if is_cjk(text):
        # No stoplist for CJK: a full stop tells prose from headlines, which
        # are as long and may carry a comma ("、"), but do not end with "。"
        # (extraction-dev yahoo-4).
        has_stops = any(mark in text for mark in "。！？")
    else:
        has_stops = not stops or stopword_density(text, stops) >= config.prose_min_stop_density
    if n >= config.prose_min_words and has_stops:
        if ends_sentence(text) or n >= config.headline_max_words:
            return Judgement(Kind.PROSE, "", n)
        return Judgement(Kind.HEADLINE, "", n)
    if n >= 4 and ends_sentence(text) and has_stops:
        return Judgement(Kind.SENTENCE, "", n)
    return Judgement(Kind.SHORT, "", n)


def junk_reason(norm: str) -> str:
    """The reason code of the first boilerplate pattern a short line matches.

    >>> junk_reason("© 2025 newsmax. all rights reserved.")
    'junk:copyright'
    >>> junk_reason("share tweet email")
    'junk:share'
    >>> junk_reason("the mission starts in 2026.")
    ''
    """
    tokens = words(norm)
    if tokens and all(t in _SOCIAL_WORDS for t in tokens) and any(t not in {"this", "the", "on", "us"} for t in tokens):
        return "junk:share"
    if _SHARE_WIDGET.search(norm):
        return "junk:share"
    for reason, pattern in _JUNK_PATTERNS:
        if pattern.search(norm):
            return reason
    return ""
