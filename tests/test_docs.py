"""The README and docs/ (issue 26, item 12): short where a new user starts, every command in them runs as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from scrubnews.cli import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def _command_lines() -> list[tuple[str, str]]:
    """Every `scrubnews ...` line inside a code block of the README and docs/ (with the page's name)."""
    found = []
    for page in PAGES:
        for block in re.findall(r"```[a-z]*\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                at = line.find("scrubnews ")
                if at < 0 or line[:at].strip() not in ("", "$", "&&", "-", "- run:", "run:", "entry:"):
                    continue
                if re.match(r"scrubnews [a-z-]+:", line[at:]):  # output shown ("scrubnews clean: 5 files, ...")
                    continue
                command = re.split(r"\s+#\s|\s\|\s|\s>\s|\s<\s|\s&&\s", line[at:])[0]
                found.append((page.name, command.strip()))
    return found


def test_the_readme_is_short_and_the_reference_is_in_docs() -> None:
    assert len((ROOT / "README.md").read_text().splitlines()) <= 150
    assert len(list((ROOT / "docs").glob("*.md"))) >= 3
    for link in re.findall(r"\]\(([^)#]+\.md)\)", (ROOT / "README.md").read_text()):
        assert (ROOT / link).is_file(), link
    for page in PAGES:
        assert "<this repository" not in page.read_text(), page.name  # no placeholders in snippets


@pytest.mark.parametrize(("page", "command"), _command_lines())
def test_every_command_in_the_docs_parses(page: str, command: str) -> None:
    """Each line is parsed as the CLI would parse it (options, choices, ranges), without running it."""
    args = shlex.split(command)[1:]
    group = typer.main.get_command(app)
    if not args or args[0].startswith("-"):  # a top-level flag: named, not run (--install-completion installs)
        assert all(arg in {o for p in group.params for o in p.opts} for arg in args), command
        return
    with group.make_context("scrubnews", list(args), resilient_parsing=False) as context:
        name, sub, rest = group.resolve_command(context, [*_protected(context), *context.args])
        assert sub is not None, command
        while hasattr(sub, "resolve_command") and rest and not rest[0].startswith("-"):  # `index build`
            inner = sub.make_context(name or "", list(rest), parent=context)
            name, sub, rest = sub.resolve_command(inner, [*_protected(inner), *inner.args])
        sub.make_context(name or "", list(rest), parent=context)


def _protected(context: object) -> list[str]:
    """The subcommand's name as the group's parse left it (click renamed the attribute)."""
    return list(getattr(context, "protected_args", None) or getattr(context, "_protected_args", []))


def test_the_docs_hold_commands() -> None:
    pages = {page for page, _ in _command_lines()}
    assert {"README.md", "check.md", "scaling.md"} <= pages
