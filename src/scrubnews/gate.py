"""Run the check rules over a batch: selection, the index, the baseline."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from scrubnews.checks import RULES, Finding, check_document, near_duplicate_findings
from scrubnews.config import CheckConfig, Config, DedupMode
from scrubnews.document import Document
from scrubnews.errors import ConfigError
from scrubnews.index import Index, match_index
from scrubnews.io.readers import Source
from scrubnews.io.writers import write_atomic
from scrubnews.pipeline import clean
from scrubnews.text import json_text, word_count

BASELINE_VERSION = 2  # 2: fingerprints (rule, project path, line hash); 1 kept messages


def run_checks(
    sources: Sequence[Source],
    config: Config,
    check: CheckConfig,
    against: Index | None = None,
    against_name: str = "",
) -> tuple[list[Document], list[Finding]]:
    """Clean every source (near-duplicates flagged) and apply every rule; findings by path, line, column, code."""
    config = replace(config, dedup=replace(config.dedup, mode=DedupMode.FLAG))
    docs = list(clean(sources, config))
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
            findings.extend(near_duplicate_findings(doc, _copied_in_batch(doc), check))
            findings.extend(near_duplicate_findings(doc, Counter(from_index.get(doc.path, {})), check, against_name))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))  # as ruff orders them, whatever the input order
    return docs, findings


def _copied_in_batch(doc: Document) -> Counter[str]:
    """Words of the document's kept paragraphs that have a copy in each other file."""
    copied: Counter[str] = Counter()
    for p in doc.kept:
        for other in {link.path for link in p.links if link.kind != "repeat" and link.path != doc.path}:
            copied[other] += word_count(p.text)
    return copied


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


Fingerprint = tuple[str, str, str]  # (rule code, path from the project root, hash of the offending line)


def fingerprint(finding: Finding, root: Path) -> Fingerprint:
    """What a baseline remembers of a finding: its rule, its file and what it points at.

    No line number and no message: an edit elsewhere in the file, a count or
    a percentage in the message, or the folder the check runs from do not
    revive an accepted finding. The path is relative to the project root,
    ``/``-separated; the line's text is hashed with its spacing folded.
    """
    content = " ".join(finding.content.split())
    digest = hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest()[:16] if content else ""
    return (finding.code, project_path(finding.path, root), digest)


def project_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (absolute when outside it; ``-`` stays)."""
    if path == "-":
        return path
    absolute = Path(os.path.abspath(path))
    return (absolute.relative_to(root) if absolute.is_relative_to(root) else absolute).as_posix()


def load_baseline(path: Path) -> set[Fingerprint]:
    """The accepted findings of a baseline file (see ``write_baseline``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data.get("version")
        if version == 1:
            raise ConfigError(
                f"baseline {path} was written by an older scrubnews (it remembers messages, which change); "
                f"write it again with --write-baseline {path}"
            )
        if version != BASELINE_VERSION:
            raise ValueError(f"version {version!r}")
        return {(item["code"], item["path"], item["content"]) for item in data["findings"]}
    except FileNotFoundError as err:
        raise ConfigError(f"baseline {path} does not exist; create it with --write-baseline {path}") from err
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"baseline {path} is not a scrubnews baseline ({err}); write it again") from err


def write_baseline(path: Path, findings: Iterable[Finding], root: Path) -> int:
    """Save findings as accepted; returns how many. Sorted, so the file diffs well."""
    keys = sorted({fingerprint(f, root) for f in findings})
    items = [{"code": code, "path": where, "content": content} for code, where, content in keys]
    write_atomic(path, json_text({"version": BASELINE_VERSION, "findings": items}, indent=2) + "\n")
    return len(items)


def without_baseline(findings: Iterable[Finding], accepted: set[Fingerprint], root: Path) -> list[Finding]:
    return [f for f in findings if fingerprint(f, root) not in accepted]
