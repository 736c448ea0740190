"""SN009: the file could not be read (``check/run.py`` reports it for every unreadable document)."""

from __future__ import annotations

from scrubnews.check.rules.base import Rule

RULE = Rule(
    "SN009",
    "unreadable",
    "file cannot be read or decoded",
    "The file is missing, unreadable, binary, or in no encoding that could be detected.",
    "a PNG saved with a .txt name",
    "check the path and the file type; pass --encoding if you know the charset",
    whole_file=True,
    sample=(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",),
)
