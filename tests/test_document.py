import pickle
from dataclasses import FrozenInstanceError, dataclass, field, fields, replace

import pytest
from conftest import make_para

from scrubnews.document import Document, DupLink, Paragraph, Verdict, filled_through_slots


def test_clean_text_separates_kept_paragraphs_by_a_blank_line() -> None:
    doc = Document(path="a.txt", paragraphs=(make_para("One.", 0), make_para("Menu", 1), make_para("Two.", 2)))
    doc = Document(
        path="a.txt",
        paragraphs=(doc.paragraphs[0], doc.paragraphs[1].judged(Verdict.BOILERPLATE, "x"), doc.paragraphs[2]),
    )
    assert doc.clean_text == "One.\n\nTwo."


def test_the_kept_pieces_of_one_long_line_stay_one_paragraph() -> None:
    # A line too long to be one block is judged in pieces (segment.pieces), all on its line number.
    paragraphs = (
        make_para("Home", 0, line=1),
        make_para("First sentence.", 1, line=1),
        make_para("Advertisement", 2, line=1).judged(Verdict.BOILERPLATE, "junk:ad"),
        make_para("Second sentence.", 3, line=1),
        make_para("Next line.", 4, line=2),
    )
    paragraphs = (paragraphs[0].judged(Verdict.BOILERPLATE, "position:before-article"), *paragraphs[1:])
    assert Document(path="a.txt", paragraphs=paragraphs).clean_text == "First sentence. Second sentence.\n\nNext line."


def test_pieces_that_were_one_word_are_written_back_without_a_space() -> None:
    line = "Follow us on YouTube and more.Next one"
    paragraphs = tuple(
        make_para(text, k, line=1, column=line.index(text))
        for k, text in enumerate(["Follow us on You", "Tube and more.", "Next one"])
    )
    assert Document(path="a.txt", paragraphs=paragraphs).clean_text == "Follow us on YouTube and more. Next one"


def test_a_verdict_keeps_where_the_paragraph_stands() -> None:
    p = make_para("Second sentence.", 3, line=1, column=16).judged(Verdict.BOILERPLATE, "junk:ad", 0.1)
    assert (p.line_start, p.column, p.reason, p.score) == (1, 16, "junk:ad", 0.1)


def test_a_pickled_document_leaves_its_tokens_behind() -> None:
    # A spool or a worker holds less; the stages that read tokens make them again where None.
    doc = Document(path="a.txt", paragraphs=(make_para("One two.", 0),), language="English", tokens=(["one", "two"],))
    back = pickle.loads(pickle.dumps(doc))
    assert back.tokens is None
    assert back == doc and back.paragraphs == doc.paragraphs and back.language == "English"


def test_judged_and_linked_change_only_what_they_name() -> None:
    # Both spell dataclasses.replace out (the stages call them for most paragraphs of a run).
    link = DupLink("b.txt", 3, 7, 7, 0.9, 1.0, "copy")
    p = Paragraph("Text of it.", 4, 7, 8, Verdict.KEEP, "", 0.8, (), None, None, 3, 2)
    assert p.linked((link,), 1, 2) == replace(p, links=(link,), cluster=1, cluster_size=2)
    assert p.judged(Verdict.DUPLICATE, "duplicate:copy") == replace(
        p, verdict=Verdict.DUPLICATE, reason="duplicate:copy"
    )
    assert p.judged(Verdict.BOILERPLATE, "x", 0.1) == replace(p, verdict=Verdict.BOILERPLATE, reason="x", score=0.1)
    assert len(fields(Paragraph)) == 12  # a new field must be carried by both


def test_a_paragraph_made_through_its_slots_is_the_dataclass_one() -> None:
    # filled_through_slots replaces the frozen dataclass's __init__: same parameters, defaults,
    # __post_init__ (the word count), and still frozen.
    p = Paragraph("Musk wrote it.", 0, 1, 1)
    assert (p.verdict, p.reason, p.score, p.links, p.words, p.column) == (Verdict.KEEP, "", None, (), 3, 0)
    assert Paragraph(text="x y", index=1, line_start=2, line_end=3, column=4).words == 2
    with pytest.raises(FrozenInstanceError):
        p.text = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Paragraph("x", 0, 1)  # type: ignore[call-arg]

    @dataclass(frozen=True, slots=True)
    class Plain:
        a: int
        b: str = "b"

    @filled_through_slots
    @dataclass(frozen=True, slots=True)
    class Filled:
        a: int
        b: str = "b"

    assert (Filled(1).a, Filled(1).b, Filled(1, "c").b, Filled(a=2).a) == (Plain(1).a, Plain(1).b, "c", 2)
    assert Filled(1) == Filled(1) and hash(Filled(1)) == hash(Filled(1))

    @dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[int] = field(default_factory=list)

    with pytest.raises(TypeError):
        filled_through_slots(WithFactory)
