"""The compiled hot path and its Python source give the same output, to the bit."""

from __future__ import annotations

import ast
import json
import math
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from conftest import golden_cases

from scrubnews.extract import compiled
from scrubnews.extract.hot import kernels
from scrubnews.extract.model import shipped_model

ROOT = Path(__file__).resolve().parent.parent
KERNELS = "scrubnews.extract.kernels"
built = pytest.mark.skipif(
    not compiled.is_built(KERNELS), reason="the extension was not built here (no compiler at install time)"
)


@pytest.fixture(scope="module")
def both() -> tuple[ModuleType, ModuleType]:
    fast, pure = compiled.load(KERNELS, pure=False), compiled.load(KERNELS, pure=True)
    assert not pure.is_compiled()
    return fast, pure


def test_setup_compiles_what_compiled_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    found = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "hot_modules"]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=found, type_ignores=[]), "setup.py", "exec"), {"ast": ast, "Path": Path}, namespace)
    monkeypatch.chdir(ROOT)
    assert namespace["hot_modules"]() == compiled.HOT  # type: ignore[operator]
    for name in compiled.HOT:
        assert (ROOT / "src" / (name.replace(".", "/") + ".py")).is_file()


def test_pure_variable_picks_the_python_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRUBNEWS_PURE", "1")
    assert compiled.build() == "pure Python"
    monkeypatch.setenv("SCRUBNEWS_PURE", "0")
    assert compiled.build() == ("compiled" if compiled.is_built(KERNELS) else "pure Python")


@built
def test_the_extension_is_not_older_than_its_source() -> None:
    # An edited kernel with a stale extension next to it would test the old code: rebuild with `pip install -e .`.
    for name in compiled.HOT:
        spec = compiled.load(name, pure=False).__spec__
        assert spec is not None and spec.origin is not None
        source = Path(spec.origin).with_name(name.rpartition(".")[2] + ".py")
        assert Path(spec.origin).stat().st_mtime >= source.stat().st_mtime, f"rebuild {spec.origin}"


def _same(fast: Callable[..., object], pure: Callable[..., object], *args: object) -> None:
    a, b = fast(*args), pure(*args)
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype
        assert a.tobytes() == b.tobytes()
    else:
        assert a == b


@built
@pytest.mark.parametrize("kind", ["text", "html"])
def test_tree_sums_agree(both: tuple[ModuleType, ModuleType], kind: str) -> None:
    fast, pure = both
    rng = np.random.default_rng(7)
    model = shipped_model(kind)
    for trees in (model.line, model.story):
        width = int(trees.feature.max()) + 1
        rows = rng.normal(size=(300, width)) * rng.choice([0.1, 1.0, 10.0], size=width)
        # Values that sit exactly on a threshold, and a NaN: "<=" must decide them alike.
        inner = trees.threshold[np.isfinite(trees.threshold)]
        rows[:100] = rng.choice(inner, size=(100, width))
        rows[100, :] = np.nan
        args = (rows, trees.feature, trees.threshold, trees.children, trees.value, trees.roots, trees.depth)
        _same(fast.tree_sums, pure.tree_sums, *args)
        _same(fast.tree_sums, pure.tree_sums, rows[:0], *args[1:])


@built
def test_viterbi_and_best_span_agree(both: tuple[ModuleType, ModuleType]) -> None:
    fast, pure = both
    rng = np.random.default_rng(11)
    for n in [0, 1, 2, 5, 50, 400]:
        for _ in range(30):
            # Small integers make ties between the decoder's states common.
            gain = rng.integers(-3, 4, size=n).astype(np.float64) * rng.choice([1.0, 0.5])
            _same(fast.viterbi, pure.viterbi, gain, float(rng.choice([0.0, 0.5, 2.0])))
            _same(fast.best_span, pure.best_span, gain)


def test_goldens_on_the_python_path() -> None:
    """The whole-page goldens (test_golden.py runs them on the path this install built), with SCRUBNEWS_PURE=1."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from scrubnews import clean_bytes\n"
        "from scrubnews.extract.compiled import build\n"
        "from scrubnews.io.writers import article_file_text\n"
        "assert build() == 'pure Python'\n"
        "for case in map(Path, sys.argv[1:]):\n"
        "    source = next(case.glob('input.*'))\n"
        "    doc = clean_bytes(source.read_bytes(), path=source.name)\n"
        "    meta = {'input_kind': doc.input_kind.value if doc.input_kind else None, 'title': doc.meta.title,\n"
        "            'date': doc.meta.date, 'author': doc.meta.author}\n"
        "    print(json.dumps([case.name, article_file_text(doc), meta]))\n"
    )
    cases = golden_cases()
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, cases)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**os.environ, "SCRUBNEWS_PURE": "1"},
    )
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [name for name, _, _ in outputs] == [case.name for case in cases]
    for case, (_, text, meta) in zip(cases, outputs, strict=True):
        assert text == (case / "expected.txt").read_text(encoding="utf-8"), case.name
        assert meta == json.loads((case / "expected.json").read_text(encoding="utf-8")), case.name


def _random_texts(rng: np.random.Generator, n: int) -> list[str]:
    """Lines of letters of many scripts, CJK, digits and numerals of other kinds, "_",
    separators, punctuation, odd spaces, and random code points (no lone surrogates)."""
    pool = [*"aZé ß_1٣²½|•·/›»>.,!?-—“”'\t\u00a0\u2003東京はカ한", "  ", "Read more", "U.S."]
    # What the sentence-mark and URL-hint columns look back over: marks before closing ones, "www."
    # and "://" in any case, a dot before an ending's first letter.
    pool += [*'@:wWcCHn)’«„"。！？', "www.", "WwW.", "://", ".Com", "?)", "。」"]
    texts = []
    for _ in range(n):
        parts = [str(rng.choice(pool)) for _ in range(int(rng.integers(0, 30)))]
        parts += [
            chr(int(c)) for c in rng.integers(0x20, 0x2FFFF, size=int(rng.integers(0, 4))) if not 0xD800 <= c < 0xE000
        ]
        rng.shuffle(parts)
        texts.append("".join(parts))
    return texts


@built
def test_character_scans_agree(both: tuple[ModuleType, ModuleType]) -> None:
    fast, pure = both
    rng = np.random.default_rng(5)
    for size in [0, 1, 3, 200]:
        texts = _random_texts(rng, size)
        _same(fast.line_counts, pure.line_counts, texts)
        _same(fast.word_counts, pure.word_counts, texts)


def _random_pages(rng: np.random.Generator) -> Iterator[tuple[list[list[str]], np.ndarray, np.ndarray]]:
    """Token pages: mostly empty lines (chrome), some with a few words, a few long ones; each
    with a lede and an article."""
    vocabulary = [f"word{k}" for k in range(300)] + ["the", "of", "a", "2029", "mars", "x"]
    for n in [0, 1, 2, 7, 13, 300]:
        lengths = rng.choice([0, 0, 3, 20], size=n).tolist()
        # Small vocabularies (every line shares words) and large ones (hardly any do).
        size = int(rng.integers(1, len(vocabulary)))
        tokens = [[vocabulary[int(k)] for k in rng.integers(0, size, size=length)] for length in lengths]
        yield tokens, (rng.random(n) < 0.1).astype(np.float64), (rng.random(n) < 0.5).astype(np.float64)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return sum(v * b[k] for k, v in a.items()) / norm if norm > 0 else 0.0


def test_story_similarities_are_the_cosines_they_name() -> None:
    # Word by word, without any numbering: the lede, the article, the window, the topic shift.
    rng = np.random.default_rng(11)
    stops = frozenset({"the", "of", "a"})
    for tokens, in_lede, kept in _random_pages(rng):
        lines = [Counter(w for w in t if len(w) > 2 and w not in stops and not w.isdigit()) for t in tokens]
        n, window = len(lines), 2
        got = kernels.story_similarities(kernels.content_entries(tokens, stops), n, in_lede, kept, window)
        for i, own in enumerate(lines):
            lede = sum((lines[r] for r in range(n) if in_lede[r] and r != i), Counter())
            article = sum((lines[r] for r in range(n) if kept[r] and r != i), Counter())
            local = sum((lines[r] for r in range(max(i - window, 0), min(i + window + 1, n)) if r != i), Counter())
            above = sum((lines[r] for r in range(max(i - window, 0), i)), Counter())
            below = sum((lines[r] for r in range(i, min(i + window + 1, n))), Counter())
            expected = [_cosine(own, lede), _cosine(own, article), _cosine(own, local), 1 - _cosine(above, below)]
            assert got[i].tolist() == pytest.approx(expected, abs=1e-12)


@built
def test_story_similarities_agree(both: tuple[ModuleType, ModuleType]) -> None:
    fast, pure = both
    rng = np.random.default_rng(13)
    for tokens, in_lede, kept in _random_pages(rng):
        for stops in [frozenset(), frozenset({"the", "of", "a"})]:
            _same(fast.content_entries, pure.content_entries, tokens, stops)
            entries = pure.content_entries(tokens, stops)
            for window in [0, 1, 6, 400]:
                _same(fast.story_similarities, pure.story_similarities, entries, len(tokens), in_lede, kept, window)


@built
def test_run_sums_agree(both: tuple[ModuleType, ModuleType]) -> None:
    """Runs of every length (one line each, or the page's lines in a few), some without words."""
    fast, pure = both
    rng = np.random.default_rng(19)
    for tokens, in_lede, _kept in _random_pages(rng):
        entries = pure.content_entries(tokens, frozenset({"the", "of", "a"}))
        if not len(entries):
            continue
        n = len(tokens)
        for share in [0.1, 0.5, 0.9]:
            high = (rng.random(n) < share).astype(np.float64)
            run = np.cumsum(np.concatenate([[0], high[1:] != high[:-1]]))
            in_article = (rng.random(int(run[-1]) + 1) < 0.7).astype(np.float64)
            lede = np.bincount(entries[:, 1].astype(int), weights=entries[:, 2] * in_lede[entries[:, 0].astype(int)])
            _same(fast.run_sums, pure.run_sums, entries, run, high, in_article, lede)


@built
def test_token_scans_agree(both: tuple[ModuleType, ModuleType]) -> None:
    fast, pure = both
    rng = np.random.default_rng(17)
    vocabulary = ["the", "of", "a", "mars", "musk", "x", "2029", "١٢٣", "plan", "über", "東京", "_", "spacex", "it"]
    stops = frozenset({"the", "of", "a", "it", "über"})
    for n in [0, 1, 5, 300]:
        tokens = [
            [str(rng.choice(vocabulary)) + str(rng.choice(["", "", "s", str(rng.integers(50))])) for _ in range(k)]
            for k in rng.integers(0, 40, size=n).tolist()
        ]
        _same(fast.token_sums, pure.token_sums, tokens, stops)
        _same(fast.token_sums, pure.token_sums, tokens, frozenset())
        _same(fast.content_entries, pure.content_entries, tokens, stops)


def _random_html(rng: np.random.Generator) -> str:
    """A page of randomly nested elements: blocks, inline links, <pre> and <br>, hidden and
    invisible ones, class and id words of every group, text with newlines and odd spaces."""
    tags = ["div", "p", "a", "span", "pre", "li", "ul", "h2", "nav", "footer", "table", "td", "b", "script", "style"]
    attributes = ['class="related-links"', 'id="main-content"', 'class="share x"', "hidden", 'aria-hidden="true"']
    attributes += ['style="display: none"', 'style="color:red"', 'class="Byline"', ""]
    texts = ["", " ", "One two", "three\nfour ", "\u00a0five\t", "Read more", "  six  seven\n\n"]

    def element(depth: int) -> str:
        if depth > 5 or rng.random() < 0.25:
            return str(rng.choice(texts))
        if rng.random() < 0.1:
            return "<br>" + str(rng.choice(texts))
        tag = str(rng.choice(tags))
        inner = "".join(element(depth + 1) for _ in range(int(rng.integers(0, 4))))
        return f"<{tag} {rng.choice(attributes)}>{rng.choice(texts)}{inner}</{tag}>{rng.choice(texts)}"

    return "<html><body>" + "".join(element(0) for _ in range(int(rng.integers(1, 6)))) + "</body></html>"


@pytest.mark.skipif(not compiled.is_built("scrubnews.extract.dom_walk"), reason="the extension was not built here")
def test_dom_walk_agrees() -> None:
    from lxml import etree

    from scrubnews.extract import html

    fast = compiled.load("scrubnews.extract.dom_walk", pure=False)
    pure = compiled.load("scrubnews.extract.dom_walk", pure=True)
    rng = np.random.default_rng(11)
    pages = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures").glob("*/input.html"))]
    pages += [_random_html(rng) for _ in range(300)]
    shapes: Counter[tuple[str, bool]] = Counter()
    for page in pages:
        tree = html.parse_html(page)
        assert tree is not None
        blocks, deepest = fast.walk(tree, html._TABLES, etree.iterwalk)
        assert (blocks, deepest) == pure.walk(tree, html._TABLES, etree.iterwalk)
        assert fast.block_lines(blocks) == pure.block_lines(blocks)
        shapes.update(("pre" if block[4] else "block", "\n" in "".join(t for t, _ in block[3])) for block in blocks)
    assert min(shapes.values()) > 20, shapes  # <pre> blocks and line breaks, both kinds, were walked
