"""The record that flows through every stage: a Document and its Paragraphs."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

from scrubnews.text import word_count


class Verdict(StrEnum):
    """What the pipeline decided about one paragraph."""

    KEEP = "keep"
    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"


class InputKind(StrEnum):
    """How the input was read: sniffed from the content, never the extension."""

    TEXT = "text"
    HTML = "html"


C = TypeVar("C")


def pickled_by_fields(cls: type[C]) -> type[C]:
    """A frozen dataclass pickled as its field values, in order: the spools and ``--jobs`` move
    every paragraph, link and change through pickle, and dataclasses' generic state functions
    cost about twice as much."""
    state = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]  # two fields or more: a tuple

    def __reduce__(self: C) -> tuple[type[C], tuple[object, ...]]:
        return cls, state(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


def filled_through_slots(cls: type[C]) -> type[C]:
    """A frozen, slotted dataclass whose ``__init__`` fills each slot through its descriptor.

    The ``__init__`` that dataclasses write for a frozen class sets each field with
    ``object.__setattr__``, which looks the field up by name every time: 1.5 µs for a
    ``Paragraph``, which every stage makes anew for most lines of a page; through the slots'
    own descriptors, 0.9 µs. The same parameters, defaults and ``__post_init__``; the instance
    stays frozen, equal and hashed as before.
    """
    names, env = [], {}
    for k, f in enumerate(fields(cls)):  # type: ignore[arg-type]
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields with plain defaults")
        env[f"set{k}"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            names.append(f.name)
        else:
            env[f"default{k}"] = f.default
            names.append(f"{f.name}=default{k}")
    body = [f"set{k}(self, {f.name})" for k, f in enumerate(fields(cls))]  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    exec(f"def __init__(self, {', '.join(names)}):\n    " + "\n    ".join(body), env)  # the fields are our own
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 - mypy keeps the dataclass's signature
    return cls


@filled_through_slots
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DupLink:
    """One near-duplicate link from a paragraph to a paragraph elsewhere."""

    path: str
    paragraph: int
    line_start: int
    line_end: int
    jaccard: float
    containment: float
    kind: str  # "copy", "partial" or "repeat" (same file)


@filled_through_slots
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text with its source line span and the verdict about it.

    Mark, don't delete: a dropped paragraph keeps its text and says why.
    ``line_start``/``line_end`` are 1-based and inclusive, in the lines of
    ``Document.text`` (the decoded input for text files, the extracted text
    for HTML pages).
    """

    text: str
    index: int
    line_start: int
    line_end: int
    verdict: Verdict = Verdict.KEEP
    reason: str = ""
    # The line model's probability that the paragraph is article text.
    score: float | None = None
    # Near-duplicates (the dedup stage): a link to the cluster's original
    # (for every member but the original) and to an earlier repeat in the
    # same file; the cluster's number and its size.
    links: tuple[DupLink, ...] = ()
    cluster: int | None = None
    cluster_size: int | None = None
    # Its words (``text.word_count``), counted once where the paragraph is
    # made: the extraction weighs lines by it, and the summary, the JSONL
    # counts and the checks add it up.
    words: int = -1
    # Where it starts in its first line (characters from the line's start): 0 but for the
    # pieces of a line too long to be one block (``segment.pieces``), which share the line.
    column: int = 0

    def __post_init__(self) -> None:
        if self.words < 0:
            object.__setattr__(self, "words", word_count(self.text))

    @property
    def is_kept(self) -> bool:
        return self.verdict is Verdict.KEEP

    def linked(self, links: tuple[DupLink, ...], cluster: int | None, cluster_size: int | None) -> Paragraph:
        """This paragraph with its near-duplicate ``links``, ``cluster`` and ``cluster_size``
        (``dataclasses.replace`` spelt out, as in ``judged``: the dedup stage links most paragraphs
        of a run that copies its pages)."""
        return Paragraph(
            self.text,
            self.index,
            self.line_start,
            self.line_end,
            self.verdict,
            self.reason,
            self.score,
            links,
            cluster,
            cluster_size,
            self.words,
            self.column,
        )

    def judged(self, verdict: Verdict, reason: str, score: float | None = None) -> Paragraph:
        """This paragraph with ``verdict`` and its ``reason`` (and the line model's ``score``
        when given). ``dataclasses.replace`` spelt out: every stage that judges a paragraph
        calls it, and the generic version costs five times as much."""
        return Paragraph(
            self.text,
            self.index,
            self.line_start,
            self.line_end,
            verdict,
            reason,
            self.score if score is None else score,
            self.links,
            self.cluster,
            self.cluster_size,
            self.words,
            self.column,
        )


@dataclass(frozen=True, slots=True)
class Meta:
    """Title, date (ISO ``YYYY-MM-DD``) and author, where the page has them."""

    title: str | None = None
    date: str | None = None
    author: str | None = None


@filled_through_slots
@dataclass(frozen=True, slots=True)
class Document:
    """One input file (or stdin) on its way through the pipeline.

    ``text`` is the decoded input; ``body`` is what gets segmented: the same
    text for text files, trafilatura's main text for HTML pages.

    ``problem`` is set when the file could not be read or decoded; later
    stages pass such a document through untouched, and the report names it.
    """

    path: str
    raw: bytes = b""  # the input's bytes, until ``decode`` has read them (then b"": a run holds text, not both)
    digest: str = ""  # SHA-256 of the input's bytes (hex), set by ``decode``
    text: str = ""
    encoding: str | None = None
    body: str = ""
    body_source: str = "input"  # "input" (the text as read) or "html" (an HTML page's rendered lines)
    input_kind: InputKind | None = None
    meta: Meta = Meta()
    paragraphs: tuple[Paragraph, ...] = ()
    language: str | None = None
    problem: str | None = None
    # HTML pages: each paragraph's ``HTML_FEATURES`` row (a numpy array), from the DOM.
    html_rows: Any = field(default=None, compare=False, repr=False)
    # HTML pages: for each line of ``body`` (1-based, as ``Paragraph`` spans
    # count them), the line of the HTML source its text starts on (0: none).
    source_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    # Each paragraph's lower-cased word tokens (``features.line_tokens``), made once by the stage
    # that makes the paragraphs and read by those after it, up to ``find_meta``, which lets them
    # go. Never pickled (a spool, a worker): a stage that finds None makes them again.
    tokens: tuple[list[str], ...] | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> list[object]:
        """The fields' values, as dataclasses pickle a slotted class, without ``tokens``."""
        return [None if f.name == "tokens" else getattr(self, f.name) for f in fields(self)]

    def __setstate__(self, state: list[object]) -> None:
        for f, value in zip(fields(self), state, strict=True):
            object.__setattr__(self, f.name, value)

    @property
    def kept(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.is_kept)

    @property
    def removed(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if not p.is_kept)

    @property
    def clean_text(self) -> str:
        """The article body: kept paragraphs separated by one blank line, where the input had a
        line break; the kept pieces of one long input line (judged in pieces: ``segment.pieces``)
        stay one paragraph, joined as the line had them (without a space where two words were
        glued, else with one)."""
        out: list[str] = []
        last: Paragraph | None = None
        for p in self.paragraphs:
            if not p.is_kept:
                continue
            if last is not None and p.line_start == last.line_end:
                touching = (
                    last.column + len(last.text) == p.column and last.text[-1:].isalnum() and p.text[:1].isalnum()
                )
                out[-1] = f"{out[-1]}{'' if touching else ' '}{p.text}"
            else:
                out.append(p.text)
            last = p
        return "\n\n".join(out)

    @property
    def kept_words(self) -> int:
        """Words of the article (a CJK character counts as half a word)."""
        return sum(p.words for p in self.paragraphs if p.is_kept)

    @property
    def is_ok(self) -> bool:
        return self.problem is None
