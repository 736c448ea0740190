"""Accepted findings: a baseline file, and the fingerprint that matches a finding to it."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from scrubnews.check.rules import Finding
from scrubnews.errors import ConfigError
from scrubnews.io.writers import write_atomic
from scrubnews.text import json_text

BASELINE_VERSION = 2  # 2: fingerprints (rule, project path, line hash); 1 kept messages


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
