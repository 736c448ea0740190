from scrubnews.config import DecodeConfig, HtmlConfig
from scrubnews.document import Document
from scrubnews.stages.decode import decode
from scrubnews.stages.extract_html import extract_html, visible_text

ARTICLE = " ".join(
    f"Paragraph {i}: the envoy said Russia wanted to work with Musk on a mission to Mars, and that talks would go on."
    for i in range(3)
)
PAGE = f"""<!DOCTYPE html><html><head><title>Russia wants Musk for Mars</title>
<meta property="article:published_time" content="2025-03-18"><meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia wants Musk for Mars</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>
<footer>© 2025 Example</footer></body></html>"""


def test_trafilatura_extracts_article_and_metadata() -> None:
    doc = extract_html(decode(Document(path="p.html", raw=PAGE.encode()), DecodeConfig()), HtmlConfig())
    assert doc.body_source == "trafilatura"
    assert "Paragraph 0" in doc.body and "Home" not in doc.body and "©" not in doc.body
    assert doc.meta.title == "Russia wants Musk for Mars"
    assert doc.meta.date == "2025-03-18"
    assert doc.meta.author == "Jane Doe"


def test_falls_back_to_visible_text_when_trafilatura_finds_little() -> None:
    page = "<html><body><div>Short one.</div><div>Short two.</div><script>var x;</script></body></html>"
    doc = extract_html(decode(Document(path="p.html", raw=page.encode()), DecodeConfig()), HtmlConfig())
    assert doc.body_source == "visible-text"
    assert doc.body == "Short one.\n\nShort two."


def test_visible_text_drops_scripts_and_breaks_blocks() -> None:
    assert visible_text("<p>a <i>b</i></p><style>p{}</style><li>c</li>") == "a b\n\nc"
