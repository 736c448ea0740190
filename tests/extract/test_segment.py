from conftest import make_doc

from scrubnews.config import SegmentConfig
from scrubnews.extract.segment import continues, segment


def test_lines_become_paragraphs_with_spans() -> None:
    doc = segment(make_doc(["Title", "", "First line.", "Second line.", "", "", "Last."]), SegmentConfig())
    assert [(p.text, p.line_start, p.line_end) for p in doc.paragraphs] == [
        ("Title", 1, 1),
        ("First line.", 3, 3),
        ("Second line.", 4, 4),
        ("Last.", 7, 7),
    ]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2, 3]


def test_inline_link_fragments_are_rejoined() -> None:
    # Seed 003: a link rendered on its own line splits the sentence.
    lines = ["Earlier this month, Musk", "reaffirmed", "his goal to launch the first uncrewed Mars mission."]
    doc = segment(make_doc(lines), SegmentConfig())
    assert len(doc.paragraphs) == 1
    assert (
        doc.paragraphs[0].text
        == "Earlier this month, Musk reaffirmed his goal to launch the first uncrewed Mars mission."
    )
    assert (doc.paragraphs[0].line_start, doc.paragraphs[0].line_end) == (1, 3)


def test_headline_is_not_glued_to_a_quote() -> None:
    assert not continues("Putin aide reveals proposal for Musk's planned Mars mission", "'other technologies'", set())


def test_blank_line_always_separates() -> None:
    doc = segment(make_doc(["The two sides had", "", "agreed to work together."]), SegmentConfig())
    assert len(doc.paragraphs) == 2


def test_language_is_detected() -> None:
    text = (
        "Der Präsident hat am Montag gesagt, dass die Regierung und die Bürger mit dem Plan nicht zufrieden sind. " * 3
    )
    assert segment(make_doc(text, language=None), SegmentConfig()).language == "German"


def test_segmenting_never_invents_text() -> None:
    lines = ["a b", "c", "", "D e.", "f"]
    doc = segment(make_doc(lines), SegmentConfig())
    assert " ".join(p.text for p in doc.paragraphs).split() == " ".join(lines).split()
