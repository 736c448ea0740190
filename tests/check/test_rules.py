"""Each rule fires on a file made to break it, and stays quiet on a clean article."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrubnews.check.rules import RULES, Finding, Rule
from scrubnews.check.run import parse_selectors, run_checks, select
from scrubnews.config import CheckConfig, Config
from scrubnews.io.readers import discover
from scrubnews.neardup.index import build_index
from scrubnews.pipeline import clean

ARTICLE = "".join(
    f"Officials in the capital said on {day} that the talks about the space mission would resume next week, "
    f"and that both delegations had agreed to publish a joint statement about {topic} afterwards.\n\n"
    for day, topic in [("Monday", "the launch"), ("Tuesday", "the budget"), ("Friday", "the crew")]
)
CLEAN_PAGE = "Home\nWorld\n\n" + ARTICLE + "© 2025 Example News. All rights reserved.\n"


def findings_for(tmp_path: Path, files: dict[str, str | bytes], **kwargs: object) -> list[Finding]:
    folder = tmp_path / "batch"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        target = folder / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    found = run_checks(discover([str(folder)]), Config(), CheckConfig(), **kwargs)  # type: ignore[arg-type]
    return found


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found}


def test_clean_article_has_no_findings(tmp_path: Path) -> None:
    assert findings_for(tmp_path, {"a.txt": CLEAN_PAGE}) == []


@pytest.mark.parametrize(
    ("code", "content"),
    [
        ("SN001", "Home\nNews\nSport\nSubscribe to our newsletter\n"),
        ("SN002", "Home\n\nOfficials said on Monday that the talks about the mission would resume next week.\n"),
        (
            "SN003",
            ARTICLE + "The minister then told reporters on Friday evening that the delegation from the north, which "
            "had travelled to the capital for the talks, would not accept any of the conditions that the\n",
        ),
        ("SN004", ARTICLE.replace("next week,", "next week. Advertisement Continue reading the main story,", 1)),
        ("SN006", ARTICLE + "Newsfront\n\n" + ARTICLE.split("\n\n")[0] + "\n"),
        ("SN007", ARTICLE.replace("capital", "capitalâ€™s", 1)),
        ("SN008", "\n\n".join(f"Minister {n} unveils plan for new bridge" for n in range(30)) + "\n"),
        ("SN009", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ],
)
def test_rule_fires(tmp_path: Path, code: str, content: str | bytes) -> None:
    found = findings_for(tmp_path, {"page.txt": content})
    assert code in codes(found), found
    finding = next(f for f in found if f.code == code)
    assert finding.path.endswith("page.txt") and finding.line >= 1 and finding.col >= 1
    assert finding.hint == RULES[code].hint


def test_line_and_column_point_at_the_problem(tmp_path: Path) -> None:
    page = ARTICLE.replace("capital", "capitalâ€™s", 1)
    [finding] = [f for f in findings_for(tmp_path, {"p.txt": page}) if f.code == "SN007"]
    assert (finding.line, finding.col) == (1, page.index("â") + 1)


def test_near_duplicate_file_in_batch(tmp_path: Path) -> None:
    copy = "Menu\n\n" + ARTICLE.replace("Monday", "Sunday") + "Share\n"
    found = findings_for(tmp_path, {"a.txt": CLEAN_PAGE, "b.txt": copy})
    sn005 = [f for f in found if f.code == "SN005"]
    assert {Path(f.path).name for f in sn005} == {"b.txt"}  # the copy is blamed, not the original
    assert "copied from" in sn005[0].message and "a.txt" in sn005[0].message


def test_near_duplicate_against_an_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_text(CLEAN_PAGE)
    index = build_index(clean(discover([str(corpus)]), Config()), Config().dedup)
    found = findings_for(tmp_path, {"new.txt": CLEAN_PAGE.replace("Friday", "Sunday")}, against=index)
    [sn005] = [f for f in found if f.code == "SN005"]
    assert "old.txt" in sn005.message


def test_select_and_ignore_by_prefix() -> None:
    found = [Finding("p", 1, 1, code, "m", "h") for code in ("SN001", "SN002", "SN007")]
    assert [f.code for f in select(found, parse_selectors(["SN00"], "--select"), ("SN002",))] == ["SN001", "SN007"]
    assert [f.code for f in select(found, (), parse_selectors(["sn001,SN007"], "--ignore"))] == ["SN002"]
    with pytest.raises(Exception, match="no rule matches"):
        parse_selectors(["XX1"], "--select")


def test_html_findings_point_at_lines_of_the_html_source(tmp_path: Path) -> None:
    paragraph = ARTICLE.split("\n\n")[0]
    page = (
        "<!DOCTYPE html>\n<html>\n<head><title>T</title></head>\n<body>\n<article>\n"
        + "".join(f"<p>{p}</p>\n" for p in ARTICLE.split("\n\n") if p)
        + f"<p>{paragraph}</p>\n"
        + "</article>\n</body>\n</html>\n"
    )
    [repeat] = [f for f in findings_for(tmp_path, {"page.html": page}) if f.code == "SN006"]
    source = page.split("\n")
    assert source[repeat.line - 1] == f"<p>{paragraph}</p>" and repeat.line > 6
    assert repeat.message == "paragraph repeats line 6"  # the first copy's line in the source too


@pytest.mark.parametrize(
    "rule",
    list(RULES.values()),
    ids=lambda rule: f"{rule.code}-{rule.name}",
)
def test_every_rule_finds_its_own_sample(tmp_path: Path, rule: Rule) -> None:
    """Derived from the declaration: each rule's sample files show it, on the last file."""
    assert rule.sample, f"{rule.code} declares no sample"
    files = {f"{n:02d}.txt": data for n, data in enumerate(rule.sample)}
    found = findings_for(tmp_path, files)
    last = sorted(files)[-1]
    assert rule.code in {f.code for f in found if Path(f.path).name == last}, [(f.path, f.code) for f in found]


def test_each_rule_is_one_module_named_after_it() -> None:
    """Adding a rule is one module in check/rules/ plus its name in ``_MODULES``; nothing else lists rules."""
    from scrubnews.check import rules

    folder = Path(rules.__file__).parent
    modules = sorted(p.stem for p in folder.glob("sn[0-9][0-9][0-9]_*.py"))
    assert modules == sorted(rules._MODULES)
    for name in modules:
        rule = RULES[name[:5].upper()]
        assert name == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"
    assert sorted(RULES) == [f"SN{k:03d}" for k in range(1, len(RULES) + 1)]


def test_sn004_says_whose_chrome_it_is_and_reads_other_languages() -> None:
    """Issue 26, item 10: a marker kept as its own line is scrubnews' doing, not the scraper's; German ads count."""
    from scrubnews.check.rules.sn004_boilerplate_left import detect
    from scrubnews.config import CheckConfig
    from scrubnews.document import Document, Paragraph

    def findings(lines: list[str]) -> list[str]:
        body = "\n".join(lines)
        paragraphs = tuple(Paragraph(text, k, k + 1, k + 1) for k, text in enumerate(lines))
        return [
            f.message
            for f in detect(Document(path="p.txt", text=body, body=body, paragraphs=paragraphs), CheckConfig())
        ]

    prose = "Die Regierung hat am Dienstag neue Regeln für den Bahnverkehr beschlossen, die ab Juli gelten."
    assert findings([prose, "Anzeige", prose]) == [
        "'Anzeige' kept as a line of the article: scrubnews took chrome for article text"
    ]
    assert findings([prose + " Sie erstattete Anzeige bei der Polizei."]) == []  # the word, not the label
    glued = findings(["Officials said the talks would resume next week in Geneva. Advertisement Continue reading"])
    assert glued == ["'Advertisement' inside an article paragraph: the page glued chrome into it"]


def test_sn004_reads_a_long_lines_kept_pieces_alone() -> None:
    """A line judged in pieces: a marker in a dropped piece is no finding; one in a kept piece points at it."""
    from scrubnews.check.rules.sn004_boilerplate_left import detect
    from scrubnews.config import CheckConfig
    from scrubnews.document import Document, Paragraph, Verdict

    prose = "Officials said the talks would resume next week in Geneva, after a pause of two months."
    line = f"{prose} Advertisement {prose}"
    pieces = [(0, prose), (len(prose) + 1, "Advertisement"), (len(prose) + 15, prose)]
    paragraphs = [Paragraph(text, k, 1, 1, column=column) for k, (column, text) in enumerate(pieces)]
    doc = Document(path="p.txt", text=line, body=line, paragraphs=tuple(paragraphs))
    assert detect(doc, CheckConfig())[0].col == len(prose) + 2
    paragraphs[1] = paragraphs[1].judged(Verdict.BOILERPLATE, "junk:ad")
    assert detect(Document(path="p.txt", text=line, body=line, paragraphs=tuple(paragraphs)), CheckConfig()) == []


def test_sn008_reads_the_kept_text_that_is_not_headlines() -> None:
    """A listing whose likeliest stretch is a run of its own headlines is still a listing; a short
    article with a few headline-like credit lines under it, on a page of links, is not."""
    from scrubnews.check.rules.sn008_listing_page import detect
    from scrubnews.document import Document, Paragraph, Verdict

    def fires(kept: list[str], dropped: int = 25) -> bool:
        lines = [f"Minister {k} unveils plan for new bridge" for k in range(dropped)] + kept
        paragraphs = tuple(
            Paragraph(text, k, k + 1, k + 1, verdict=Verdict.BOILERPLATE if k < dropped else Verdict.KEEP)
            for k, text in enumerate(lines)
        )
        body = "\n".join(lines)
        return bool(detect(Document(path="p.txt", text=body, body=body, paragraphs=paragraphs), CheckConfig()))

    headlines = [f"Council {k} approves plan for new bus lanes" for k in range(22)]  # 176 words
    prose = " ".join(["The council voted on Tuesday to widen the bus lanes on the northern road."] * 10)  # 140
    credits = ["A documentary by Kristen Falchon", "Mixed by Charlie Marcelet here", "Produced by Example Radio"]
    assert fires(headlines)
    assert not fires([prose, *credits])
    assert fires([prose])  # 140 words of prose under a page of links: too little to be an article
