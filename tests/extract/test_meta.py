from conftest import make_doc

from scrubnews.config import ExtractConfig, MetaConfig, SegmentConfig
from scrubnews.document import Meta
from scrubnews.extract.article import extract_article
from scrubnews.extract.meta import find_meta, parse_date
from scrubnews.extract.segment import segment

BODY = [
    "Russia is expecting to hold talks with Elon Musk about flying to Mars, an envoy said on Tuesday.",
    "The envoy said Russia wanted to work with Musk on Mars missions and on nuclear power in space.",
    "Musk has not yet replied to the proposal, which came as relations between the countries thaw.",
]


def run(lines: list[str]) -> Meta:
    doc = segment(make_doc(lines), SegmentConfig())
    return find_meta(extract_article(doc, ExtractConfig()), MetaConfig()).meta


def test_the_pages_tokens_end_with_the_metadata() -> None:
    # The last stage that reads them lets them go: a run's documents hold less.
    doc = extract_article(
        segment(make_doc(["Russia wants Musk for Mars talks", "", *BODY]), SegmentConfig()), ExtractConfig()
    )
    assert doc.tokens is not None
    assert find_meta(doc, MetaConfig()).tokens is None


def test_title_is_the_headline_the_article_talks_about() -> None:
    meta = run(["Trump axes Secret Service protection", "", "Russia wants Musk for Mars talks", "", *BODY])
    assert meta.title == "Russia wants Musk for Mars talks"


def test_byline_gives_author_and_is_dropped() -> None:
    lines = ["Russia wants Musk for Mars talks", "By Jane Doe | March 18, 2025", *BODY]
    doc = segment(make_doc(lines), SegmentConfig())
    doc = find_meta(extract_article(doc, ExtractConfig()), MetaConfig())
    assert doc.meta.author == "Jane Doe"
    assert doc.meta.date == "2025-03-18"
    assert "By Jane Doe | March 18, 2025" not in doc.clean_text


def test_author_from_bio_under_the_article() -> None:
    meta = run([*BODY, "Nick Koutsobinas", "Nick Koutsobinas, a writer, has years of news reporting experience."])
    assert meta.author == "Nick Koutsobinas"


def test_dates_in_common_forms() -> None:
    assert parse_date("Saturday, 15 March 2025 01:58 PM EDT") == "2025-03-15"
    assert parse_date("Updated: 18-03-2025 17:24 IST") == "2025-03-18"
    assert parse_date("03/15/2025") == "2025-03-15"
    assert parse_date("no date here") is None


def test_page_chrome_is_never_the_title() -> None:
    meta = run(
        ["Russia wants Musk for Mars talks", "", "READ MORE: Russia and Musk talk about Mars missions", "", *BODY]
    )
    assert meta.title == "Russia wants Musk for Mars talks"


def test_a_subheading_inside_the_article_is_not_the_title() -> None:
    body = [BODY[0], "", "Musk and Russia on Mars missions", "", BODY[1], "", BODY[2]]
    meta = run(["Russia wants talks with Musk", "", *body])
    assert meta.title == "Russia wants talks with Musk"
