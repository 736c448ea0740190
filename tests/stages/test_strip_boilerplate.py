from conftest import make_doc

from scrubnews.config import BoilerplateConfig, SegmentConfig
from scrubnews.document import Document
from scrubnews.stages.segment import segment
from scrubnews.stages.strip_boilerplate import best_span, strip_boilerplate

PROSE = [
    "Russia is expecting to hold talks with Elon Musk about flying to Mars, an envoy of the president said on Tuesday.",
    "It comes as Russia said it sees a lot of potential for cooperation with the United States in space exploration.",
    "The envoy said that he was in touch with the space agency and with the American Chamber of Commerce in Russia.",
    "He went on to praise the efforts of Musk to push the limits of what people can achieve in space and on Mars.",
]
OTHER_STORY = (
    "Ukrainian forces are facing a critical shortage of drones, the broadcaster has reported, citing officers "
    "from various units who told it that a third of the drones needed by the army are bought with unit funds. "
) * 4


def strip(lines: list[str]) -> Document:
    return strip_boilerplate(segment(make_doc(lines), SegmentConfig()), BoilerplateConfig())


def kept(doc: Document) -> list[str]:
    return [p.text for p in doc.kept]


def reasons(doc: Document) -> dict[str, str]:
    return {p.text: p.reason for p in doc.removed}


def test_article_between_menus_and_footer() -> None:
    doc = strip(["Home", "World", "Sport", "Share", "", *PROSE, "", "© 2025 Example News. All rights reserved."])
    assert kept(doc) == PROSE
    assert reasons(doc)["Share"] == "junk:share"
    assert reasons(doc)["© 2025 Example News. All rights reserved."] == "junk:copyright"


def test_every_dropped_paragraph_has_a_reason() -> None:
    doc = strip(["Menu", "Subscribe to our newsletter", *PROSE, "Related Articles", OTHER_STORY])
    assert doc.removed and all(p.reason for p in doc.removed)


def test_related_section_with_whole_stories_is_dropped() -> None:
    # Seeds 002/003: another story in full, after a section marker.
    feed = ["Related Articles", "", "Drone shortage", "Drone shortage", "", "Example Today", "", "2 hours ago", ""]
    doc = strip([*PROSE, "", *feed, OTHER_STORY])
    assert kept(doc) == PROSE
    assert reasons(doc)["Related Articles"] == "marker:end"
    assert reasons(doc)[OTHER_STORY.strip()] == "section:after-marker"


def test_small_marker_box_inside_the_article_is_crossed() -> None:
    # extraction-dev videos-1: "Related" and one link, then the story goes on.
    doc = strip([PROSE[0], PROSE[1], "", "Related", "", "Best documentaries of the year", "", PROSE[2], PROSE[3]])
    assert kept(doc) == PROSE


def test_teaser_marker_and_its_headline_inside_the_article() -> None:
    doc = strip([PROSE[0], PROSE[1], "READ MORE:", "Moscow invites Musk to collaborate", PROSE[2], PROSE[3]])
    assert kept(doc) == PROSE
    assert reasons(doc)["READ MORE:"] == "teaser:marker"
    assert reasons(doc)["Moscow invites Musk to collaborate"] == "teaser:headline"


def test_headings_and_list_items_inside_the_article_stay() -> None:
    lines = [PROSE[0], PROSE[1], "What the envoy said", "Talks with Musk", "A joint mission", PROSE[2], PROSE[3]]
    assert kept(strip(lines)) == lines


def test_comment_thread_after_a_short_post_is_not_the_article() -> None:
    comments = []
    for name in ["Ann", "Bob", "Cy", "Di", "Ed", "Flo"]:
        comments += [f"{name} · March 10, 2017 at 12:20 AM", OTHER_STORY, "Reply"]
    doc = strip([*PROSE, "There are 6 comments", *comments])
    assert kept(doc) == PROSE


def test_repeated_paragraph_keeps_its_first_copy() -> None:
    doc = strip([*PROSE, "Newsfront", PROSE[0]])
    assert kept(doc) == PROSE
    assert doc.paragraphs[-1].reason == "repeat:in-file"


def test_page_without_prose_keeps_nothing() -> None:
    doc = strip(["Home", "News", "Sport", "Weather"])
    assert kept(doc) == []


def test_best_span_is_kadane() -> None:
    assert best_span([-1.0, 5.0, -2.0, 4.0, -9.0, 3.0]) == (1, 3)
    assert best_span([]) == (0, -1)


def test_numbered_photo_gallery_is_not_the_article() -> None:
    slides = []
    for n in range(1, 7):
        slides += [f"{n}/6 Market brief number {n}", OTHER_STORY.replace("drones", f"drones ({n})"), "GETTY IMAGES"]
    doc = strip([*PROSE, "", *slides])
    assert kept(doc) == PROSE
    assert {p.reason for p in doc.removed} == {"gallery:slide"}


def test_dates_are_not_slide_counters() -> None:
    lines = [PROSE[0], "3/09/15 8:00am", PROSE[1], "3/09/15 8:12am", PROSE[2], "3/09/15 8:14am", PROSE[3]]
    assert not any(p.reason == "gallery:slide" for p in strip(lines).paragraphs)
