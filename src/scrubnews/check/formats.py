"""How ``scrubnews check`` prints findings: concise, full, json, json-lines (jsonl), github, sarif."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from scrubnews import __version__
from scrubnews.check.rules import RULES, Finding
from scrubnews.text import json_text, printable

if TYPE_CHECKING:  # the declarations import msgspec: only type checkers read them here
    from scrubnews.io.schema import FindingRecord

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class OutputFormat(StrEnum):
    CONCISE = "concise"
    FULL = "full"
    JSON = "json"
    JSON_LINES = "json-lines"  # ruff's name
    JSONL = "jsonl"  # the same, as clean and dupes name it
    GITHUB = "github"
    SARIF = "sarif"


def render(
    findings: Sequence[Finding], output_format: OutputFormat, paint: Callable[[str, str], str] | None = None
) -> str:
    """All findings in one format; the empty string when a format prints nothing for none.
    ``paint`` (a terminal's ``terminal.painted``) colours the rule codes of the concise and full formats."""

    def code(f: Finding) -> str:
        return paint(f.code, "bold red") if paint is not None else f.code

    if output_format is OutputFormat.CONCISE:
        return "".join(f"{_location(f)}: {code(f)} {printable(f.message)}\n" for f in findings)
    if output_format is OutputFormat.FULL:
        return "".join(
            f"{_location(f)}: {code(f)} [{RULES[f.code].name}] {printable(f.message)}\n  = hint: {f.hint}\n"
            for f in findings
        )
    if output_format is OutputFormat.JSON:
        return json_text([record(f) for f in findings], indent=2) + "\n"
    if output_format in (OutputFormat.JSON_LINES, OutputFormat.JSONL):
        return "".join(json_text(record(f)) + "\n" for f in findings)
    if output_format is OutputFormat.GITHUB:
        return "".join(github_line(f) + "\n" for f in findings)
    return json_text(sarif(findings), indent=2) + "\n"


def render_statistics(findings: Sequence[Finding]) -> str:
    """One line per rule that has findings, most first, as ``ruff --statistics`` prints them.

    >>> from scrubnews.check.rules import Finding
    >>> found = [Finding(path, 1, 1, code, "m", "h") for path, code in [("a", "SN002"), ("b", "SN001"), ("c", "SN002")]]
    >>> for line in render_statistics(found).splitlines():
    ...     print(line.split("\\t"))
    ['2', 'SN002', '[short-article] article suspiciously short']
    ['1', 'SN001', '[no-article] no article text left after stripping']
    """
    counts = Counter(f.code for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n}\t{code}\t[{RULES[code].name}] {RULES[code].summary}\n" for code, n in ordered)


def record(finding: Finding) -> FindingRecord:
    """The JSON object of one finding (declared in ``io/schema.py``)."""
    return {
        "path": finding.path,
        "line": finding.line,
        "col": finding.col,
        "code": finding.code,
        "name": RULES[finding.code].name,
        "message": finding.message,
        "hint": finding.hint,
    }


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command that annotates the file.

    Property values escape ``%``, CR, LF, ``:`` and ``,``; the message
    escapes ``%``, CR and LF, as the Actions toolkit does.

    >>> github_line(Finding("a,b.txt", 3, 1, "SN002", "article has 12 words (under 80)", "h"))
    '::error title=scrubnews SN002,file=a%2Cb.txt,line=3,col=1::SN002 article has 12 words (under 80)'
    """
    properties = {
        "title": f"scrubnews {finding.code}",
        "file": finding.path,
        "line": str(finding.line),
        "col": str(finding.col),
    }
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::error {props}::{_escape_data(f'{finding.code} {finding.message}')}"


def sarif(findings: Sequence[Finding]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every rule, then every finding."""
    codes = sorted(RULES)
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "fullDescription": {"text": RULES[code].why},
            "help": {"text": RULES[code].hint},
            "defaultConfiguration": {"level": "error"},
        }
        for code in codes
    ]
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": codes.index(f.code),
            "level": "error",
            "message": {"text": f"{f.message} (hint: {f.hint})"},
            "locations": [
                {
                    "physicalLocation": {
                        # percent-encoded from the name's own bytes, which need not be UTF-8
                        "artifactLocation": {"uri": quote(os.fsencode(f.path.replace("\\", "/")))},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        for f in findings
    ]
    driver = {"name": "scrubnews", "version": __version__, "rules": rules}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }


def _location(finding: Finding) -> str:
    return f"{printable(finding.path)}:{finding.line}:{finding.col}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
