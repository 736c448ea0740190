"""SN007: replacement characters or mojibake."""

from __future__ import annotations

from scrubnews.check.rules.base import SAMPLE, Finding, Rule, sample_page
from scrubnews.config import CheckConfig
from scrubnews.document import Document


def detect(doc: Document, config: CheckConfig) -> list[Finding]:
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if "\ufffd" in line:
            return [RULE.finding(doc, number, line.index("\ufffd") + 1, "replacement character U+FFFD", line)]
        if not line.isascii() and _is_bad(line):
            return [RULE.finding(doc, number, _first_non_ascii(line), "mojibake (text decoded twice)", line)]
    return []


def _first_non_ascii(line: str) -> int:
    return next((i for i, ch in enumerate(line, start=1) if not ch.isascii()), 1)


def _is_bad(line: str) -> bool:
    from ftfy.badness import is_bad  # imported on first use: ftfy costs ~25 ms of start-up

    return bool(is_bad(line))


RULE = Rule(
    "SN007",
    "bad-encoding",
    "undecodable bytes, replacement characters or mojibake",
    "The text holds U+FFFD replacement characters or mojibake such as 'â€™', the sign of bytes "
    "decoded with the wrong charset somewhere along the way.",
    "'Putinâ€™s envoy' instead of 'Putin’s envoy'",
    "re-save the file as UTF-8 from its original bytes, or pass --encoding",
    sample=(sample_page([SAMPLE[0].replace("minister", "ministerâ€™s"), *SAMPLE[1:]]),),
    detect=detect,
)
