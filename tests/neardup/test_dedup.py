from dataclasses import replace

from conftest import make_doc

from scrubnews.config import DedupConfig, DedupMode, SegmentConfig
from scrubnews.document import Document, Verdict
from scrubnews.extract.segment import segment
from scrubnews.neardup.dedup import LocalComparison, dedup
from scrubnews.neardup.minhash import overlap

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


def test_flag_links_the_copy_to_the_original_with_provenance() -> None:
    a, b = run(DedupMode.FLAG)
    assert not a.paragraphs[0].links  # the original points nowhere; it carries the cluster and its size
    [link] = b.paragraphs[1].links
    assert (link.path, link.paragraph, link.line_start, link.kind) == ("a.txt", 0, 1, "partial")
    assert 0.2 < link.jaccard < link.containment
    assert a.paragraphs[0].cluster == b.paragraphs[1].cluster == 1
    assert a.paragraphs[0].cluster_size == b.paragraphs[1].cluster_size == 2
    assert not a.paragraphs[1].links and not b.paragraphs[2].links  # rewrites are not copies
    assert all(p.is_kept for d in (a, b) for p in d.paragraphs)


def test_many_copies_each_link_once_to_the_first_occurrence() -> None:
    pages = [
        segment(make_doc(["Intro line here.", "", QUOTE, "", QUOTE], path=f"{n}.txt"), SegmentConfig())
        for n in range(50)
    ]
    out = run(DedupMode.FLAG, pages)
    quotes = [p for doc in out for p in doc.paragraphs if p.text == QUOTE]
    assert out[0].paragraphs[2].cluster is None  # a repeat inside one file never starts a cluster
    assert {p.cluster for p in quotes if p is not out[0].paragraphs[2]} == {1}
    assert {p.cluster_size for p in quotes if p is not out[0].paragraphs[2]} == {99}  # all but that repeat
    assert out[0].paragraphs[1].links == ()
    assert [link.kind for link in out[0].paragraphs[2].links] == ["repeat"]
    for doc in out[1:]:
        first, second = doc.paragraphs[1], doc.paragraphs[2]
        assert [(link.path, link.paragraph, link.kind) for link in first.links] == [("0.txt", 1, "copy")]
        assert [(link.path, link.kind) for link in second.links] == [("0.txt", "copy"), (doc.path, "repeat")]
    assert max(len(p.links) for doc in out for p in doc.paragraphs) == 2  # not one link per other copy


def test_whitespace_only_copies_are_exact_copies() -> None:
    spaced = "  ".join(QUOTE.split(" "))
    pages = [segment(make_doc([text], path=f"{n}.txt"), SegmentConfig()) for n, text in enumerate([QUOTE, spaced])]
    _, b = run(DedupMode.DROP, pages)
    assert b.paragraphs[0].reason == "duplicate:copy"
    assert b.paragraphs[0].links[0].jaccard == 1.0


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
    assert doc.paragraphs[0].links == ()  # the later repeat points back; the first points nowhere
    [link] = doc.paragraphs[2].links
    assert (link.kind, link.paragraph) == ("repeat", 0)
    assert doc.paragraphs[0].cluster is None
    assert doc.paragraphs[2].reason == "duplicate:repeat"


def _dropped(doc: Document, at: int, reason: str) -> Document:
    """``doc`` with paragraph ``at`` dropped as extraction would drop it, for ``reason``."""
    paragraphs = list(doc.paragraphs)
    paragraphs[at] = replace(paragraphs[at], verdict=Verdict.BOILERPLATE, reason=reason)
    return replace(doc, paragraphs=tuple(paragraphs))


def test_a_copy_is_found_where_one_page_dropped_the_paragraph_but_the_article_keeps_it() -> None:
    a, b = docs()
    a = _dropped(a, 0, "model:low-score")  # a.txt's extraction left the quote out
    b = segment(make_doc(["Intro line here.", "", QUOTE], path="b.txt"), SegmentConfig())
    flagged = run(DedupMode.FLAG, [a, b])
    assert flagged[0].paragraphs[0].cluster == flagged[1].paragraphs[1].cluster == 1
    assert flagged[1].paragraphs[1].links[0].path == "a.txt"
    dropped = run(DedupMode.DROP, [a, b])
    assert dropped[1].paragraphs[1].is_kept  # its only earlier copy is not in an article: b.txt keeps it


def test_chrome_and_short_lines_dropped_by_a_phrase_are_never_compared() -> None:
    a, b = docs()
    a, b = _dropped(a, 0, "junk:share"), _dropped(b, 1, "junk:share")
    flagged = run(DedupMode.FLAG, [a, b])
    assert flagged[0].paragraphs[0].cluster is None and flagged[1].paragraphs[1].cluster is None


def test_overlaps_of_identical_sets_are_whole_without_intersecting() -> None:
    """``LocalComparison.overlaps`` answers identical sets from ``compare``'s grouping: the same
    figures as intersecting them, before ``compare``, after it, and after more sets arrive."""
    config = DedupConfig()
    local = LocalComparison(config)
    texts = [QUOTE, REWRITE, QUOTE, OTHER, QUOTE[:120], "Too short."]
    local.add_shingles(local._hasher.many(texts))
    pairs = [(a, b) for a in range(len(texts)) for b in range(len(texts)) if a != b]
    expected = [overlap(local._sets[a], local._sets[b]) for a, b in pairs]
    assert local.overlaps(pairs) == expected
    local.compare()
    assert local.overlaps(pairs) == expected and local.overlaps([(0, 2)]) == [(1.0, 1.0)]
    local.add_shingles(local._hasher.many([REWRITE]))
    assert local.overlaps([(1, 6), (0, 6)]) == [
        overlap(local._sets[1], local._sets[6]),
        overlap(local._sets[0], local._sets[6]),
    ]
