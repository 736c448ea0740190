"""Extraction on extraction-validation (or -train): text as given, with every blank line
removed, on one line and hard-wrapped, or HTML next to trafilatura alone on the same pages.

    python benchmarks/validation.py [--shared ../shared] [--split validation]
                                    [--input text|html|markdown|markdown-text|lynx|w3m|links|bs4|inscriptis|html-text]
                                    [--worst 8]

Unpacks the split's flat text with the shared tool, runs `scrubnews clean
--out` on it four times (as given; with blank lines removed; with every line
break taken out, as a scraper that keeps a page's text but not its blocks
saves it; hard-wrapped at 80 columns, as a text browser or a mail saves it),
and scores each run
with the shared scorers: token P/R/F1 on the full-gold (WCXB) pages, pages
under 0.5, empty outputs, snippet P/R/F1 on the snippet (trafeval) pages,
and snippet recall per language. Prints the worst full-gold pages by name.

With `--input html` the pages' HTML goes through `scrubnews clean`, and
trafilatura's `extract` (no comments, tables kept) runs on the same files in
the same run as the anchor; both are scored the same way. With `--input
markdown` (html2text, the `bench` extra; `--input markdown-text`: html2text
told to leave links and pictures out), `--input lynx`, `w3m` or `links`
(`lynx -dump`, `w3m -dump`, `links -dump`: the text browser installed), `--input bs4` (BeautifulSoup's `get_text()`, the
`bench` extra), `--input inscriptis` or `--input html-text` (two libraries
that lay a page's text out as a browser would, the `bench` extra) the pages'
HTML is saved as that renderer saves it, as a scraper might, and goes
through `clean` as text.

On `--split train` the figures are in-sample (the model was fitted on those
pages); `python -m scrubnews.training` prints honest cross-validated
train figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from pathlib import Path

BARS = {"token F1": 0.95, "pages under 0.5": 0.02, "snippet F1": 0.90, "no-blank token F1": 0.93}


def run(argv: list[str]) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def unpack(shared: Path, split: str, data: Path, *options: str) -> Path:
    """The split unpacked by the shared tool into ``data`` (inputs, gold, snippets, manifest)."""
    tool = shared / "tools" / "unpack_extraction.py"
    run([sys.executable, str(tool), str(shared / "data" / f"extraction-{split}"), str(data), *options])
    return data


def score(shared: Path, out: Path, data: Path) -> dict[str, object]:
    tokens_json = out.parent / (out.name + "-tokens.json")
    run(
        [
            sys.executable,
            str(shared / "tools" / "score_extraction.py"),
            str(out),
            "--gold",
            str(data / "gold"),
            "--json",
            str(tokens_json),
        ]
    )
    cases = json.loads(tokens_json.read_text())["cases"]
    snippets = run(
        [sys.executable, str(shared / "tools" / "score_snippets.py"), str(out), "--snippets", str(data / "snippets")]
    )
    manifest = json.loads((data / "manifest.json").read_text())
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for snippet_file in sorted((data / "snippets").glob("*.json")):
        page = snippet_file.stem
        gold = json.loads(snippet_file.read_text())
        text = (
            " ".join((out / f"{page}.txt").read_text(encoding="utf-8").split())
            if (out / f"{page}.txt").exists()
            else ""
        )
        lang = (manifest.get(page, {}) or {}).get("lang") or "?"
        counts = by_lang[lang]
        counts[0] += sum(s in text for s in gold.get("with", []))
        counts[1] += len(gold.get("with", []))
        counts[2] += sum(s in text for s in gold.get("without", []))
    empty = sum(1 for p in out.glob("*.txt") if not p.read_text(encoding="utf-8").strip())
    inputs = {p.stem for p in data.glob("*.txt")} | {p.stem for p in data.glob("*.html")}
    missing = sum(1 for stem in inputs if not (out / f"{stem}.txt").exists())
    return {
        "cases": cases,
        "snippets": snippets.strip().splitlines(),
        "by_lang": dict(by_lang),
        "empty": empty + missing,
    }


def report(name: str, result: dict[str, object], worst: int) -> None:
    cases = result["cases"]
    assert isinstance(cases, list)
    f1 = sum(c["f1"] for c in cases) / len(cases)
    precision = sum(c["precision"] for c in cases) / len(cases)
    recall = sum(c["recall"] for c in cases) / len(cases)
    under = sum(c["f1"] < 0.5 for c in cases)
    print(f"== {name}")
    print(
        f"full gold: {len(cases)} pages, token F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}), "
        f"{under} under 0.5 ({under / len(cases):.1%}), empty outputs (all pages) {result['empty']}"
    )
    for line in result["snippets"]:  # type: ignore[attr-defined]
        print(f"snippets: {line}")
    langs = sorted(result["by_lang"].items(), key=lambda kv: -kv[1][1])  # type: ignore[attr-defined]
    print(
        "snippet recall ('with' kept) and 'without' kept, by language: "
        + ", ".join(f"{lang} {kept / max(total, 1):.3f}/{bad} (n={total})" for lang, (kept, total, bad) in langs)
    )
    for case in sorted(cases, key=lambda c: c["f1"])[:worst]:
        print(f"    {case['id']:24s} F1 {case['f1']:.3f}  P {case['precision']:.3f}  R {case['recall']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--split", default="validation", choices=["validation", "train"])
    parser.add_argument("--input", default="text", choices=["text", "html", *_RENDERERS])
    parser.add_argument("--worst", type=int, default=8)
    args = parser.parse_args()
    shared: Path = args.shared
    if args.input == "html":
        html(shared, args.split, args.worst)
        return
    if args.input in _RENDERERS:
        rendered(shared, args.split, args.worst, args.input)
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = unpack(shared, args.split, tmp / "data", "--only", "txt")
        inputs = {
            "as given": tmp / "given",
            "no blank lines": tmp / "no-blank",
            "on one line": tmp / "one-line",
            "hard-wrapped at 80 columns": tmp / "wrapped",
        }
        for folder in inputs.values():
            folder.mkdir()
        for page in sorted(data.glob("*.txt")):
            text = page.read_text(encoding="utf-8")
            lines = [line for line in text.split("\n") if line.strip()]
            (inputs["as given"] / page.name).write_text(text, encoding="utf-8")
            (inputs["no blank lines"] / page.name).write_text("\n".join(lines), encoding="utf-8")
            (inputs["on one line"] / page.name).write_text(" ".join(line.strip() for line in lines), encoding="utf-8")
            (inputs["hard-wrapped at 80 columns"] / page.name).write_text(wrapped(text, 80), encoding="utf-8")
        for name, folder in inputs.items():
            out = tmp / f"out-{folder.name}"
            subprocess.run(
                [sys.executable, "-m", "scrubnews", "clean", str(folder), "--out", str(out), "-q", "--allow-empty"],
                check=True,
            )
            report(f"{args.split}, {name}", score(shared, out, data), args.worst)
    print("bars (issue 8, validation): " + ", ".join(f"{k} {v}" for k, v in BARS.items()))


def metadata(split: Path, folders: dict[str, Path]) -> None:
    """Title agreement of each input kind with WCXB's title of the page; title, date and author
    agreement between the HTML and the text path on every page (the sets have no date or author gold)."""
    import gzip
    import re

    def norm(value: str | None) -> str:
        return " ".join(re.findall(r"\w+", (value or "").lower()))

    with gzip.open(split / "wcxb.jsonl.gz", "rt", encoding="utf-8") as handle:
        gold = {row["id"]: norm(row["title"]) for row in map(json.loads, handle) if row.get("title")}
    found: dict[str, dict[str, dict[str, str]]] = {}
    for kind, folder in folders.items():
        out = run([sys.executable, "-m", "scrubnews", "clean", str(folder), "-f", "jsonl", "-q", "--allow-empty"])
        records = [json.loads(line) for line in out.split("\n") if line.strip()]  # not splitlines: U+2028
        found[kind] = {
            Path(r["path"]).stem: {field: norm(r.get(field)) for field in ("title", "date", "author")} for r in records
        }

    def agree(a: str, b: str) -> bool:  # the same, or one holds the other (a site name added to a title)
        return bool(a and b) and (a == b or a in b or b in a)

    pages = sorted(gold)
    parts = [
        f"{kind} {sum(agree(found[kind].get(p, {}).get('title', ''), gold[p]) for p in pages) / len(pages):.3f}"
        for kind in folders
    ]
    print(f"title agrees with WCXB's title ({len(pages)} pages): " + ", ".join(parts))
    html, text = (found[kind] for kind in folders)
    for field in ("title", "date", "author"):
        both = [p for p in html if html[p][field] and text.get(p, {}).get(field)]
        share = sum(agree(html[p][field], text[p][field]) for p in both) / max(len(both), 1)
        has = [sum(bool(found[kind][p][field]) for p in found[kind]) for kind in folders]
        print(
            f"{field}: found on {has[0]} HTML and {has[1]} text pages of {len(html)}; "
            f"where both have one ({len(both)}), they agree on {share:.3f}"
        )


def html(shared: Path, split: str, worst: int) -> None:
    import trafilatura

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = unpack(shared, split, tmp / "data")
        pages, anchor, ours = tmp / "html", tmp / "out-trafilatura", tmp / "out-scrubnews"
        for folder in (pages, anchor):
            folder.mkdir()
        for page in sorted(data.glob("*.html")):
            (pages / page.name).write_bytes(page.read_bytes())
            text = trafilatura.extract(page.read_text(encoding="utf-8"), include_comments=False, include_tables=True)
            (anchor / f"{page.stem}.txt").write_text(text or "", encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "scrubnews", "clean", str(pages), "--out", str(ours), "-q", "--allow-empty"],
            check=True,
        )
        report(f"{split}, HTML, trafilatura alone (anchor)", score(shared, anchor, data), worst)
        report(f"{split}, HTML, scrubnews", score(shared, ours, data), worst)
        texts = tmp / "text"
        texts.mkdir()
        for page in sorted(data.glob("*.txt")):
            (texts / page.name).write_bytes(page.read_bytes())
        metadata(shared / "data" / f"extraction-{split}", {"HTML": pages, "text": texts})
    print("bars (issue 9, validation): token F1 >= 0.965 and >= trafilatura + 0.015, <= 1% under 0.5, no empty")


# The other renderers a scraper may save a page's text with, by their --input name.
_RENDERERS = {
    "markdown": "Markdown (html2text)",
    "markdown-text": "Markdown without links (html2text, ignore_links)",
    "lynx": "lynx -dump",
    "w3m": "w3m -dump",
    "links": "links -dump",
    "bs4": "BeautifulSoup get_text()",
    "inscriptis": "inscriptis",
    "html-text": "html-text",
}


def rendered(shared: Path, split: str, worst: int, renderer: str) -> None:
    """The pages' HTML saved by another renderer, as scrapers save pages, through `scrubnews clean`
    as text files; scored as the flat text is. ``markdown``: html2text (the `bench` extra; its
    defaults: inline links, lines wrapped at 78 columns; ``markdown-text``: without links and
    pictures, lines not wrapped, as scrapers often set it). ``lynx``: `lynx -dump` (the lynx text
    browser on PATH; numbered links and their list under "References", 100 columns). ``w3m``:
    `w3m -dump` (on PATH; 80 columns, its lists bulleted by level, pictures as their alt text in
    brackets, a form's fields drawn). ``links``: `links -dump` (on PATH; 80 columns, every line
    indented, lists bulleted "*"). ``bs4``:
    BeautifulSoup's ``get_text()`` (the `bench` extra): the text nodes with the source's own
    whitespace between them, so a minified page's text is a few long lines. ``inscriptis`` and
    ``html-text`` (the `bench` extra): a page's text laid out as a browser shows it, each
    library's own way (inscriptis indents nested blocks and lays tables out in columns;
    html-text puts blank lines around blocks, none between a list's items)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = unpack(shared, split, tmp / "data")
        pages, ours = tmp / renderer, tmp / f"out-{renderer}"
        pages.mkdir()
        for page in sorted(data.glob("*.html")):
            (pages / f"{page.stem}.txt").write_text(save_as(renderer, page), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "scrubnews", "clean", str(pages), "--out", str(ours), "-q", "--allow-empty"],
            check=True,
        )
        name = _RENDERERS[renderer]
        report(f"{split}, {name}, scrubnews", score(shared, ours, data), worst)


def wrapped(text: str, width: int) -> str:
    """``text`` hard-wrapped at ``width``: each line longer than that filled into lines of whole
    words (the break a text browser or a mail client makes)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=False) or [line])
    return "\n".join(out)


def save_as(renderer: str, page: Path) -> str:
    """``page`` (an HTML file) as ``renderer`` saves it. One page's HTML holds a NUL character,
    which html2text keeps (the flat text's walker drops it)."""
    if renderer == "markdown":
        import html2text

        return html2text.HTML2Text().handle(page.read_text(encoding="utf-8")).replace("\x00", "")
    if renderer == "markdown-text":
        import html2text

        saver = html2text.HTML2Text()
        saver.ignore_links, saver.ignore_images, saver.body_width = True, True, 0
        return saver.handle(page.read_text(encoding="utf-8")).replace("\x00", "")
    if renderer == "bs4":
        import warnings

        from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

        warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # an XHTML page: read as HTML all the same
        return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text().replace("\x00", "")
    if renderer == "inscriptis":
        from inscriptis import get_text

        return get_text(page.read_text(encoding="utf-8")).replace("\x00", "")
    if renderer == "html-text":
        import html_text

        return html_text.extract_text(page.read_text(encoding="utf-8")).replace("\x00", "")
    dump = subprocess.run([*_TEXT_BROWSERS[renderer], str(page)], capture_output=True, check=True, timeout=120)
    return dump.stdout.decode("utf-8", errors="replace").replace("\x00", "")


# The text browsers' dump commands, each told to read the page as UTF-8 HTML and write UTF-8.
_TEXT_BROWSERS = {
    "lynx": ["lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=100"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"],
    "links": ["links", "-dump", "-width", "80", "-codepage", "utf-8"],
}

if __name__ == "__main__":
    main()
