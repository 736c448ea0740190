"""The JSON records scrubnews writes, declared once: the code builds them from these types, mypy
checks that it does, and ``scrubnews schema`` derives their JSON Schema from the same declarations.

- ``DocumentRecord``: one line of ``clean --format jsonl``;
- ``ClusterRecord``: one line of ``dupes --format jsonl``;
- ``FindingRecord``: one finding of ``check --output-format json`` or ``json-lines``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, TypedDict

from msgspec import Meta

Line = Annotated[int, Meta(ge=1, description="1-based line number, inclusive")]
Share = Annotated[float, Meta(ge=0, le=1)]


class DuplicateLink(TypedDict):
    """A link from a paragraph to the paragraph it copies: its cluster's original, or an earlier repeat in its file."""

    path: str
    paragraph: Annotated[int, Meta(ge=0, description="index of the paragraph linked to")]
    line_start: Line
    line_end: Line
    kind: Literal["copy", "partial", "repeat"]
    jaccard: Annotated[Share, Meta(description="exact Jaccard of the two paragraphs' shingle sets")]
    containment: Annotated[Share, Meta(description="share of the smaller set found in the larger")]


class KeptParagraph(TypedDict):
    """A paragraph of the article."""

    index: Annotated[int, Meta(ge=0)]
    line_start: Line
    line_end: Line
    text: str
    score: NotRequired[Annotated[Share, Meta(description="the line model's probability that it is article text")]]
    cluster: NotRequired[Annotated[int, Meta(ge=1, description="its near-duplicate cluster (as `dupes` numbers it)")]]
    cluster_size: NotRequired[Annotated[int, Meta(ge=2, description="paragraphs in that cluster")]]
    duplicates: NotRequired[Annotated[list[DuplicateLink], Meta(max_length=2)]]


class RemovedParagraph(TypedDict):
    """A paragraph left out of the article, with why."""

    index: Annotated[int, Meta(ge=0)]
    line_start: Line
    line_end: Line
    reason: Annotated[str, Meta(description="a reason code such as `junk:share` (docs/output.md: Reason codes)")]
    verdict: Literal["boilerplate", "duplicate"]
    score: Share | None
    text: str


class Counts(TypedDict):
    paragraphs: Annotated[int, Meta(ge=0)]
    kept: Annotated[int, Meta(ge=0)]
    removed: Annotated[int, Meta(ge=0)]
    kept_words: Annotated[int, Meta(ge=0)]


class DocumentRecord(TypedDict):
    """One input file and its article (`clean --format jsonl`, one per line)."""

    schema_version: Literal[2]  # 2: a paragraph links to its cluster's original, not to every copy
    path: Annotated[str, Meta(description="as discovered; bytes that are not UTF-8 as \\udcXX escapes")]
    input_kind: Literal["text", "html"] | None
    encoding: str | None
    body_source: Literal["input", "html"]
    language: str | None
    title: str | None
    date: Annotated[str | None, Meta(description="ISO date, YYYY-MM-DD")]
    author: str | None
    error: Annotated[str | None, Meta(description="why the file could not be used; null when it was")]
    text: Annotated[str, Meta(description="the article: kept paragraphs, one blank line between them")]
    paragraphs: list[KeptParagraph]
    removed: list[RemovedParagraph]
    counts: Counts


class ClusterMember(TypedDict):
    path: str
    paragraph: Annotated[int, Meta(ge=0)]
    line_start: Line
    line_end: Line
    jaccard: Annotated[Share, Meta(description="against the cluster's original (1 for the original)")]
    containment: Share
    kept: Annotated[bool, Meta(description="whether the paragraph is part of its file's article")]


class ClusterRecord(TypedDict):
    """One near-duplicate cluster (`dupes --format jsonl`, one per line); the original first."""

    cluster: Annotated[int, Meta(ge=1)]
    kind: Literal["copy", "partial", "repeat"]
    members: Annotated[list[ClusterMember], Meta(min_length=2)]


class FindingRecord(TypedDict):
    """One finding of `check` (`--output-format json`: an array of them; `json-lines`: one per line)."""

    path: str
    line: Line
    col: Annotated[int, Meta(ge=1)]
    code: Annotated[str, Meta(pattern=r"^SN\d{3}$")]
    name: str
    message: str
    hint: str


RECORDS: dict[str, Any] = {"clean": DocumentRecord, "dupes": ClusterRecord, "check": FindingRecord}


def json_schema(command: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of what ``command`` writes as JSON: "clean", "dupes" or "check"."""
    import msgspec.json

    schema = msgspec.json.schema(RECORDS[command], ref_template="#/$defs/{name}")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
