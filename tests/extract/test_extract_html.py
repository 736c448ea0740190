import numpy as np

from scrubnews.config import DecodeConfig, HtmlConfig
from scrubnews.document import Document
from scrubnews.extract.extract_html import extract_html
from scrubnews.extract.features import line_tokens
from scrubnews.extract.html import HTML_FEATURES
from scrubnews.io.charset import decode

ARTICLE = " ".join(
    f"Paragraph {i}: the envoy said Russia wanted to work with Musk on a mission to Mars, and that talks would go on."
    for i in range(3)
)
PAGE = f"""<!DOCTYPE html><html><head><title>Russia wants Musk for Mars</title>
<meta property="article:published_time" content="2025-03-18"><meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia wants Musk for Mars</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>
<footer>© 2025 Example</footer></body></html>"""


def extracted(page: str, config: HtmlConfig | None = None) -> Document:
    return extract_html(decode(Document(path="p.html", raw=page.encode()), DecodeConfig()), config or HtmlConfig())


def test_every_visible_line_becomes_a_paragraph_with_its_dom_features() -> None:
    doc = extracted(PAGE)
    assert doc.body_source == "html"
    starts = [p.text[:12] for p in doc.paragraphs]
    assert starts == ["Home World", "Russia wants", "Paragraph 0:", "Paragraph 0:", "© 2025 Examp"]
    assert doc.html_rows.shape == (len(doc.paragraphs), len(HTML_FEATURES))
    column = {name: doc.html_rows[:, k] for k, name in enumerate(HTML_FEATURES)}
    assert column["html:in-nav"].tolist() == [1, 0, 0, 0, 0]
    assert column["html:in-footer"].tolist() == [0, 0, 0, 0, 1]
    assert column["html:link_density"][0] == 1.0
    # trafilatura's extraction of the same tree holds the article's lines, not the menu
    assert column["html:in_extraction"][2] == 1.0 and column["html:in_extraction"][0] == 0.0


def test_the_lines_tokens_come_with_them() -> None:
    # Made once for the title overlap, read again by the language, the features and the title.
    doc = extracted(PAGE.replace("<p>", "<pre>Line one\nΟΔΟΣ two</pre><p>", 1))
    assert doc.tokens == tuple(line_tokens([p.text for p in doc.paragraphs]))
    assert ["line", "one", "οδος", "two"] in doc.tokens


def test_metadata_comes_from_trafilatura() -> None:
    doc = extracted(PAGE)
    assert (doc.meta.title, doc.meta.date, doc.meta.author) == ("Russia wants Musk for Mars", "2025-03-18", "Jane Doe")


def test_metadata_can_be_left_to_the_text_path() -> None:
    doc = extracted(PAGE, HtmlConfig(metadata=False))
    assert doc.meta.title is None and len(doc.paragraphs) == 5


def test_text_files_pass_untouched() -> None:
    doc = decode(Document(path="p.txt", raw=b"Just text.\n"), DecodeConfig())
    assert extract_html(doc, HtmlConfig()) is doc


def test_a_page_with_nothing_visible_has_no_paragraphs() -> None:
    doc = extracted("<html><head><title>x</title></head><body><script>var a;</script></body></html>")
    assert doc.paragraphs == () and np.asarray(doc.html_rows).shape[0] == 0
