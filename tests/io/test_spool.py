import io
import multiprocessing
import pickle
from dataclasses import fields, replace
from pathlib import Path

import pytest
from conftest import make_doc

from scrubnews.document import DupLink, Meta, Paragraph, Verdict
from scrubnews.io.spool import SharedSpool, Spool


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
    p = Paragraph("text", 4, 9, 10, Verdict.DUPLICATE, "duplicate:partial", 0.25, (link,), 2, 3, column=12)
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
        "column",
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


def _put_elsewhere(spool: SharedSpool, doc: object) -> object:
    return spool.put(doc)  # type: ignore[arg-type]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_shared_spool_reads_back_what_any_process_put(tmp_path: Path) -> None:
    docs = [make_doc([f"Line {n}.", "", "Another line."], path=f"{n}.txt") for n in range(6)]
    spool = SharedSpool(tmp_path)
    here = [spool.put(doc) for doc in docs[:3]]
    # Pool arguments are pickled: the spool travels as its folder, and each worker writes a file of its own.
    with multiprocessing.get_context("fork").Pool(2) as pool:
        there = pool.starmap(_put_elsewhere, [(spool, doc) for doc in docs[3:]])
    assert [spool.get(place) for place in here + there] == docs
    assert [spool.get(place) for place in reversed(here + there)] == docs[::-1]  # in any order
    assert len({place.file for place in there} - {place.file for place in here}) >= 1  # a file per process
    assert pickle.loads(pickle.dumps(spool)).folder == tmp_path


def test_a_link_and_a_change_pickle_every_field() -> None:
    """``DupLink.__reduce__`` and ``Change.__reduce__`` list the fields by hand, like ``Paragraph``'s."""
    from scrubnews.neardup.dedup import Change

    link = DupLink("b.txt", 3, 7, 7, 0.5, 0.9, "partial")
    change = Change(4, (link,), 2, 3, True, False)
    for value in (link, change):
        assert pickle.loads(pickle.dumps(value)) == value
        assert value.__reduce__()[1] == tuple(getattr(value, f.name) for f in fields(value))


def test_a_full_temporary_folder_is_one_spool_error_that_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from scrubnews.errors import SpoolError
    from scrubnews.io import spool as spool_module

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    spool = Spool()
    monkeypatch.setattr(spool, "_file", Full())
    with pytest.raises(SpoolError, match=r"it is full.*TMPDIR.*--dedup off"):
        spool.append(make_doc(["Line."]))
    monkeypatch.setattr(spool_module.tempfile, "TemporaryDirectory", _refuse)
    with pytest.raises(SpoolError, match="Permission denied"), SharedSpool.temporary():
        pass


def _refuse(**_: object) -> None:
    raise PermissionError(13, "Permission denied")
