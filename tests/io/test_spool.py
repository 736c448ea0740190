import pickle
from dataclasses import fields, replace

from conftest import make_doc

from scrubnews.document import DupLink, Meta, Paragraph, Verdict
from scrubnews.io.spool import Spool


def test_documents_come_back_in_order_and_equal() -> None:
    docs = [make_doc([f"Line {n}.", "", "Another line."], path=f"{n}.txt") for n in range(50)]
    docs[3] = docs[3].__class__(path="bad.txt", problem="cannot read")
    docs[7] = make_doc(["Titled."], path="t.txt").__class__(path="t.txt", meta=Meta(title="A title"))
    spool = Spool()
    for doc in docs:
        spool.append(doc)
    assert len(spool) == 50
    assert list(spool) == docs
    assert list(spool) == docs  # read twice: the same
    spool.append(docs[0])
    assert list(spool)[-1] == docs[0]  # appending after a read goes to the end
    spool.close()


def test_a_paragraph_pickles_every_field() -> None:
    """``Paragraph.__reduce__`` lists the fields by hand (for speed): it must keep up with the class."""
    link = DupLink("b.txt", 3, 7, 7, 0.5, 0.9, "partial")
    p = Paragraph("text", 4, 9, 10, Verdict.DUPLICATE, "duplicate:partial", 0.25, (link,), 2, 3)
    assert [f.name for f in fields(Paragraph)] == [
        "text",
        "index",
        "line_start",
        "line_end",
        "verdict",
        "reason",
        "score",
        "links",
        "cluster",
        "cluster_size",
        "words",
    ]
    assert pickle.loads(pickle.dumps(p)) == p
    assert p.__reduce__()[1] == tuple(getattr(p, f.name) for f in fields(Paragraph))


def test_a_paragraph_counts_its_words_once_and_keeps_the_count() -> None:
    p = Paragraph("Elon Musk wrote 東京都は", 0, 1, 1)
    assert p.words == 5  # three words and four CJK characters (two words)
    assert replace(p, verdict=Verdict.BOILERPLATE).words == 5
    assert pickle.loads(pickle.dumps(p)).words == 5
    assert Paragraph("one two", 0, 1, 1, words=9).words == 9  # a count given is not redone


def test_judging_a_paragraph_changes_its_verdict_reason_and_score_only() -> None:
    """``Paragraph.judged`` lists the fields by hand (for speed), like ``__reduce__``."""
    link = DupLink("b.txt", 3, 7, 7, 0.5, 0.9, "partial")
    p = Paragraph("text", 4, 9, 10, Verdict.KEEP, "", 0.75, (link,), 2, 3)
    assert p.judged(Verdict.BOILERPLATE, "meta:title") == replace(p, verdict=Verdict.BOILERPLATE, reason="meta:title")
    assert p.judged(Verdict.KEEP, "", 0.5) == replace(p, score=0.5)
