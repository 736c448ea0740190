from dataclasses import replace

from conftest import make_doc

from scrubnews.config import DedupConfig, DedupMode, SegmentConfig
from scrubnews.document import Document, Verdict
from scrubnews.extract.segment import segment
from scrubnews.stages.dedup import dedup

QUOTE = (
    "'Shall 2029 be the year of a joint US-Russia mission to Mars? Our minds and technology should serve "
    "the glory of humanity, not its destruction,' Dmitriev wrote on Saturday in a post on X."
)
# A shared quote, trimmed and wrapped in new text: Jaccard ~0.3, containment ~0.7.
CONTEXT = (
    "Asked on Sunday about the offer, the envoy pointed reporters to the post that had drawn the most "
    "replies from users across the country and abroad over the weekend, in which he had written: "
)
REWRITE = (
    "Despite the conflict and Western sanctions imposed on Moscow, space cooperation between the US and "
    "Russia has not been severed, and the agencies recently extended their agreement on cross-flights."
)
OTHER = (
    "Moreover, and despite the conflict in Europe, cooperation between the two countries on space matters "
    "has stayed consistent; most recently the agencies agreed to extend cross-flights to the station."
)


def docs() -> list[Document]:
    """a.txt: the quote, a rewrite; b.txt: an intro, the quote trimmed inside new text, another rewrite."""
    a = segment(make_doc([QUOTE, "", REWRITE], path="a.txt"), SegmentConfig())
    b = segment(make_doc(["Intro line here.", "", CONTEXT + QUOTE[:120], "", OTHER], path="b.txt"), SegmentConfig())
    return [a, b]


def run(mode: DedupMode, items: list[Document] | None = None) -> list[Document]:
    return list(dedup(items or docs(), replace(DedupConfig(), mode=mode)))


def test_flag_links_both_sides_with_provenance() -> None:
    a, b = run(DedupMode.FLAG)
    [link] = a.paragraphs[0].links
    assert (link.path, link.paragraph, link.line_start, link.kind) == ("b.txt", 1, 3, "partial")
    assert b.paragraphs[1].links[0].path == "a.txt"
    assert a.paragraphs[0].cluster == b.paragraphs[1].cluster == 1
    assert not a.paragraphs[1].links and not b.paragraphs[2].links  # rewrites are not copies
    assert all(p.is_kept for d in (a, b) for p in d.paragraphs)


def test_drop_keeps_the_first_copy() -> None:
    a, b = run(DedupMode.DROP)
    assert a.paragraphs[0].is_kept
    assert b.paragraphs[1].verdict is Verdict.DUPLICATE
    assert b.paragraphs[1].reason == "duplicate:partial"


def test_off_changes_nothing() -> None:
    original = docs()
    assert run(DedupMode.OFF, original) == original


def test_near_repeat_inside_one_file_is_a_repeat() -> None:
    page = segment(make_doc([QUOTE, "", REWRITE, "", QUOTE.replace("Saturday", "Sunday")]), SegmentConfig())
    [doc] = run(DedupMode.DROP, [page])
    assert doc.paragraphs[0].links[0].kind == "repeat"
    assert doc.paragraphs[0].cluster is None
    assert doc.paragraphs[2].reason == "duplicate:repeat"
