import json
from pathlib import Path

import jsonschema

from scrubnews.check.formats import OutputFormat, github_line, render
from scrubnews.check.rules import RULES, Finding

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
FINDINGS = [
    Finding("news/a b.txt", 3, 7, "SN004", "'Advertisement' inside article text", RULES["SN004"].hint),
    Finding("news/c.html", 1, 1, "SN001", "no article text found", RULES["SN001"].hint),
]


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    for findings in (FINDINGS, []):
        log = json.loads(render(findings, OutputFormat.SARIF))
        jsonschema.validate(log, SCHEMA)
    log = json.loads(render(FINDINGS, OutputFormat.SARIF))
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == "SN004"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 7}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a%20b.txt"
    assert {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]} == set(RULES)


def test_github_workflow_commands_are_exact() -> None:
    assert render(FINDINGS[1:], OutputFormat.GITHUB) == (
        "::error title=scrubnews SN001,file=news/c.html,line=1,col=1::SN001 no article text found\n"
    )
    tricky = Finding("a:b,c.txt", 2, 5, "SN002", "50% done\nnext", "h")
    assert (
        github_line(tricky) == "::error title=scrubnews SN002,file=a%3Ab%2Cc.txt,line=2,col=5::SN002 50%25 done%0Anext"
    )


def test_concise_full_json_jsonl() -> None:
    assert render(FINDINGS, OutputFormat.CONCISE).splitlines()[0] == (
        "news/a b.txt:3:7: SN004 'Advertisement' inside article text"
    )
    assert "= hint: " in render(FINDINGS, OutputFormat.FULL)
    records = json.loads(render(FINDINGS, OutputFormat.JSON))
    assert records[0] == {
        "path": "news/a b.txt",
        "line": 3,
        "col": 7,
        "code": "SN004",
        "name": "boilerplate-left",
        "message": "'Advertisement' inside article text",
        "hint": RULES["SN004"].hint,
    }
    lines = render(FINDINGS, OutputFormat.JSONL).splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["SN004", "SN001"]
    assert render([], OutputFormat.JSON) == "[]\n" and render([], OutputFormat.CONCISE) == ""
