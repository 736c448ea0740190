from conftest import make_doc

from scrubnews.document import Meta
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
