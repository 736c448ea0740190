from conftest import make_doc

from scrubnews.config import SegmentConfig, TemplateConfig
from scrubnews.extract.mark_template import mark_template
from scrubnews.extract.segment import segment

SENTENCE = "The envoy said on Tuesday that Russia wanted to work with the United States on space."


def docs(*pages: list[str]) -> list:  # type: ignore[type-arg]
    return [segment(make_doc(lines, path=f"{i}.txt"), SegmentConfig()) for i, lines in enumerate(pages)]


def test_short_line_in_two_files_is_template() -> None:
    out = list(
        mark_template(docs(["Try Our AI Features", "", "Alpha"], ["Try Our AI Features", "", "Beta"]), TemplateConfig())
    )
    assert all(d.paragraphs[0].reason == "template:shared" for d in out)
    assert all(d.paragraphs[1].is_kept for d in out)


def test_shared_sentences_are_not_template() -> None:
    # Syndicated copies share prose; that is for the near-duplicate report.
    out = list(mark_template(docs([SENTENCE], [SENTENCE]), TemplateConfig()))
    assert all(d.paragraphs[0].is_kept for d in out)


def test_single_file_marks_nothing() -> None:
    out = list(mark_template(docs(["Try Our AI Features"]), TemplateConfig()))
    assert out[0].paragraphs[0].is_kept
