"""Run the check rules over a batch: clean it, apply every rule, select and ignore."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from scrubnews.check.rules import RULES, Finding
from scrubnews.check.rules.sn005_near_duplicate_file import findings as near_duplicate_findings
from scrubnews.config import CheckConfig, Config, DedupMode
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.io.sources import Source
from scrubnews.neardup.clusters import copied_from
from scrubnews.neardup.index import Index, match_index
from scrubnews.pipeline import clean_to


def check_document(doc: Document, config: CheckConfig) -> list[Finding]:
    """Findings of every single-file rule for one document, each found by its rule's ``detect``."""
    if not doc.is_ok:
        return [RULES["SN009"].finding(doc, 1, 1, doc.problem or "cannot read")]
    findings = [f for rule in RULES.values() if rule.detect is not None for f in rule.detect(doc, config)]
    return sorted(findings, key=lambda f: (f.line, f.col, f.code))


class Checked(NamedTuple):
    """What cleaning and checking one document leaves (in a worker, with ``--jobs``): its path, the
    findings of every rule but the index's, and, to match against an index, the document with its
    kept paragraphs alone."""

    path: str
    findings: list[Finding]
    kept: Document | None


def checked(check: CheckConfig, keep: bool, doc: Document) -> Checked:
    """``doc``'s findings: every single-file rule, and SN005 within the batch (its links are final)."""
    findings = check_document(doc, check)
    if doc.is_ok:
        copied = Counter({other: words for other, (_, words) in copied_from(doc).items()})
        findings.extend(near_duplicate_findings(doc, copied, check))
    kept = replace(doc, paragraphs=doc.kept, text="", body="") if keep and doc.is_ok else None
    return Checked(doc.path, findings, kept)


def run_checks(
    sources: Sequence[Source],
    config: Config,
    check: CheckConfig,
    against: Index | None = None,
    against_name: str = "",
    jobs: int = 1,
) -> list[Finding]:
    """Clean every source (near-duplicates flagged) and apply every rule, both in ``jobs`` workers;
    then SN005 against the index, here. Findings by path, line, column, code (the same for any
    number of workers)."""
    config = replace(config, dedup=replace(config.dedup, mode=DedupMode.FLAG))
    results = list(clean_to(partial(checked, check, against is not None), sources, config, jobs))
    findings = [finding for result in results for finding in result.findings]
    if against is not None:
        docs = [result.kept for result in results if result.kept is not None]
        from_index = match_index(against, docs, config.dedup)
        # A pair within the batch is reported from the batch; the index does not report it again.
        in_batch = {os.path.realpath(result.path) for result in results}
        for doc in docs:
            copies = from_index.get(doc.path, {})
            copied = Counter({other: n for other, n in copies.items() if os.path.realpath(other) not in in_batch})
            findings.extend(near_duplicate_findings(doc, copied, check, against_name))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))  # as ruff orders them, whatever the input order
    return findings


def parse_selectors(values: Iterable[str], option: str) -> tuple[str, ...]:
    """Rule codes or prefixes ("SN00", "ALL"), checked against the known rules."""
    selectors = []
    for value in values:
        for item in value.split(","):
            code = item.strip().upper()
            if not code:
                continue
            if code != "ALL" and not any(rule.startswith(code) for rule in RULES):
                known = ", ".join(sorted(RULES))
                raise ConfigError(f"{option}: no rule matches '{item.strip()}'; rules are {known}")
            selectors.append(code)
    return tuple(selectors)


def select(
    findings: Iterable[Finding], chosen: Sequence[str], ignored: Sequence[str], unless: Sequence[str] = ()
) -> list[Finding]:
    """Findings whose code is selected (all when nothing is) and not ignored.

    ``unless``: codes an ignore does not reach (what the command line
    selected by name, over an ignore that comes from the settings file).
    """

    def matches(code: str, selectors: Sequence[str]) -> bool:
        return any(s == "ALL" or code.startswith(s) for s in selectors)

    return [
        f
        for f in findings
        if (not chosen or matches(f.code, chosen)) and not (matches(f.code, ignored) and not matches(f.code, unless))
    ]
