from dataclasses import replace

from scrubnews.config import Config
from scrubnews.document import Document, Paragraph
from scrubnews.extract.article import extract_article
from scrubnews.extract.segment import segment
from scrubnews.stages.decode import decode
from scrubnews.stages.extract_html import extract_html
from scrubnews.stages.reconcile_html import reconcile_html

PARAGRAPHS = [
    f"Paragraph {n}: the envoy said on Tuesday that Russia wanted to work with the United States on a mission "
    f"to Mars, and that the talks about {topic} would go on next week in the capital."
    for n, topic in enumerate(["the launch", "the budget", "the crew", "the schedule"])
]
PAGE = (
    "<!DOCTYPE html><html><head><title>Envoy talks</title></head><body><nav><a href='/'>Home</a></nav><article>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>© 2025 Example</footer></body></html>"
)
config = Config()


def extracted() -> Document:
    doc = extract_html(decode(Document(path="p.html", raw=PAGE.encode()), config.decode), config.html)
    return extract_article(segment(doc, config.segment), config.extract)


def test_agreeing_text_path_is_taken() -> None:
    doc = reconcile_html(extracted(), config)
    assert doc.body_source == "visible-text"
    assert [p.text for p in doc.kept] == PARAGRAPHS


def test_disagreeing_text_path_leaves_trafilatura_alone() -> None:
    doc = extracted()
    other = (Paragraph("An entirely different story about weather in the north and the south.", 0, 1, 1),)
    doc = replace(doc, paragraphs=other)
    assert reconcile_html(doc, config) == doc


def test_text_input_is_untouched() -> None:
    doc = decode(Document(path="t.txt", raw=" ".join(PARAGRAPHS).encode()), config.decode)
    assert reconcile_html(doc, config) == doc
