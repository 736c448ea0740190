"""Run the check rules over a batch: clean it, apply every rule, select and ignore."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from scrubnews.check.rules import RULES, Finding
from scrubnews.check.rules.sn005_near_duplicate_file import findings as near_duplicate_findings
from scrubnews.config import CheckConfig, Config, DedupMode
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.io.sources import Source
from scrubnews.neardup.clusters import copied_from
from scrubnews.neardup.index import Index, match_index
from scrubnews.pipeline import clean


def check_document(doc: Document, config: CheckConfig) -> list[Finding]:
    """Findings of every single-file rule for one document, each found by its rule's ``detect``."""
    if not doc.is_ok:
        return [RULES["SN009"].finding(doc, 1, 1, doc.problem or "cannot read")]
    findings = [f for rule in RULES.values() if rule.detect is not None for f in rule.detect(doc, config)]
    return sorted(findings, key=lambda f: (f.line, f.col, f.code))


def run_checks(
    sources: Sequence[Source],
    config: Config,
    check: CheckConfig,
    against: Index | None = None,
    against_name: str = "",
    jobs: int = 1,
) -> tuple[list[Document], list[Finding]]:
    """Clean every source (near-duplicates flagged) with ``jobs`` workers and apply every rule; findings
    by path, line, column, code (the same for any number of workers)."""
    config = replace(config, dedup=replace(config.dedup, mode=DedupMode.FLAG))
    docs = list(clean(sources, config, jobs))
    from_index = match_index(against, docs, config.dedup) if against is not None else {}
    # A pair within the batch is reported from the batch; the index does not report it again.
    in_batch = {os.path.realpath(doc.path) for doc in docs}
    from_index = {
        path: {other: n for other, n in copies.items() if os.path.realpath(other) not in in_batch}
        for path, copies in from_index.items()
    }
    findings: list[Finding] = []
    for doc in docs:
        findings.extend(check_document(doc, check))
        if doc.is_ok:
            copied = Counter({other: words for other, (_, words) in copied_from(doc).items()})
            findings.extend(near_duplicate_findings(doc, copied, check))
            findings.extend(near_duplicate_findings(doc, Counter(from_index.get(doc.path, {})), check, against_name))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))  # as ruff orders them, whatever the input order
    return docs, findings


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
