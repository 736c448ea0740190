"""Accepted findings: a baseline file, and the fingerprint that matches a finding to it."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from scrubnews.check.rules import Finding
from scrubnews.errors import ConfigError
from scrubnews.io.writers import write_atomic
from scrubnews.text import json_text

# 3: fingerprints (rule, project path, line hash) with how many times each was found; 2: fingerprints
# without counts (read as one each); 1 kept messages (refused).
BASELINE_VERSION = 3


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


def load_baseline(path: Path) -> Counter[Fingerprint]:
    """The accepted findings of a baseline file, each with how many times it was found (see
    ``write_baseline``). A version 2 file, written before counts, accepts each once."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data.get("version")
        if version == 1:
            raise ConfigError(
                f"baseline {path} was written by an older scrubnews (it remembers messages, which change); "
                f"write it again with --write-baseline {path}"
            )
        if version not in (2, BASELINE_VERSION):
            raise ValueError(f"version {version!r}")
        accepted: Counter[Fingerprint] = Counter()
        for item in data["findings"]:
            count = int(item.get("count", 1)) if version == BASELINE_VERSION else 1
            if count < 1:
                raise ValueError(f"count {count}")
            accepted[(item["code"], item["path"], item["content"])] += count
        return accepted
    except FileNotFoundError as err:
        raise ConfigError(f"baseline {path} does not exist; create it with --write-baseline {path}") from err
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"baseline {path} is not a scrubnews baseline ({err}); write it again") from err


def write_baseline(path: Path, findings: Iterable[Finding], root: Path) -> int:
    """Save findings as accepted, each fingerprint with how many times it was found; returns how
    many findings. Sorted, so the file diffs well."""
    counts = Counter(fingerprint(f, root) for f in findings)
    items = [
        {"code": code, "path": where, "content": content, "count": n}
        for (code, where, content), n in sorted(counts.items())
    ]
    write_atomic(path, json_text({"version": BASELINE_VERSION, "findings": items}, indent=2) + "\n")
    return sum(counts.values())


def without_baseline(findings: Iterable[Finding], accepted: Counter[Fingerprint], root: Path) -> list[Finding]:
    """The findings the baseline does not accept: every one whose fingerprint it lacks, and, for one
    it holds, the occurrences past the count it accepted (a second identical finding is new).

    >>> from scrubnews.check.rules import Finding
    >>> seen = [Finding("a.txt", 3, 1, "SN004", "marker", "drop it", content="READ MORE:")] * 2
    >>> len(without_baseline(seen, Counter({fingerprint(seen[0], Path.cwd()): 1}), Path.cwd()))
    1
    """
    left = Counter(accepted)
    new = []
    for finding in findings:
        key = fingerprint(finding, root)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(finding)
    return new
