"""Shared factories and the golden-case loader."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from scrubnews.document import Document, InputKind, Paragraph

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# A four-paragraph news story, the article of the hand-made hard-case pages (text and HTML).
STORY = [
    "The city council voted on Tuesday to expand the bus network into the northern suburbs, ending a two-year "
    "dispute over how the new routes would be paid for.",
    "Under the plan, six new lines will run every ten minutes during the morning and evening rush, and the fare "
    "will stay at its current level until at least the end of next year.",
    "Opponents had argued that the money would be better spent repairing the roads, many of which have not been "
    "resurfaced since the flooding of 2019, but the council rejected their amendment by nine votes to four.",
    "The first of the new buses is expected to enter service in the spring, once drivers have been hired and "
    "trained, the transport department said in a statement after the vote.",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite fixtures/*/expected.* from current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def hard_wrapped(lines: Sequence[str], width: int) -> list[str]:
    """``lines`` as a text browser or a mail client wraps them at ``width`` (words whole)."""
    out: list[str] = []
    for line in lines:
        out.extend(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False) or [line])
    return out


def make_para(text: str, index: int = 0, line: int | None = None, **kwargs: object) -> Paragraph:
    line = index + 1 if line is None else line
    return Paragraph(text=text, index=index, line_start=line, line_end=line, **kwargs)  # type: ignore[arg-type]


def make_doc(lines: Sequence[str] | str, path: str = "doc.txt", language: str | None = "English") -> Document:
    """A decoded text document; ``lines`` is a list of lines or the whole text."""
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return Document(
        path=path,
        raw=text.encode(),
        text=text,
        body=text,
        encoding="utf-8",
        input_kind=InputKind.TEXT,
        language=language,
    )


def golden_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("input.*")))
