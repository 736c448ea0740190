"""One self-contained HTML page of a run: what was cut and why, what matched, side by side.

No external asset and no network: the style, the charts (inline SVG) and a
few lines of script (table sorting, the only thing that needs it) are in the
page, and its Content-Security-Policy allows nothing else, so a scraped
page's ``<script>`` can neither run nor fetch anything even if escaping
failed. Every text from the files goes through ``html.escape``. Each file's
lines sit in a closed ``<details>`` (open it, or follow its link in the
table), so a report of thousands of files opens quickly.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import itertools
from collections import Counter
from collections.abc import Sequence
from html import escape

from scrubnews import __version__
from scrubnews.neardup.clusters import Cluster
from scrubnews.reasons import REASONS
from scrubnews.report.charts import kept_dropped, reason_counts
from scrubnews.report.views import FileView
from scrubnews.text import counted

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}nav a{margin-right:1rem}
table{border-collapse:collapse;width:100%}th,td{padding:.25rem .5rem;border-bottom:1px solid #eee;text-align:left;
vertical-align:top}th{background:#f5f5f5}td.n,th.n{text-align:right}
th button{font:inherit;font-weight:bold;border:0;background:none;cursor:pointer;padding:0}
.lines{list-style:none;padding-left:0}.lines li{margin:.35rem 0;white-space:pre-wrap}
.lines li::before{content:attr(data-l);color:#888;font-size:.8em;margin-right:.5rem;font-variant-numeric:tabular-nums}
.lines li.d{color:#999;text-decoration:line-through}
.lines li.d::after{content:attr(data-r);font:.75em ui-monospace,monospace;background:#eee;color:#555;
border-radius:3px;padding:0 .3em;margin-left:.4em;display:inline-block;text-decoration:none}
.drop{color:#999;text-decoration:line-through}
.code{font:.75em ui-monospace,monospace;background:#eee;color:#555;border-radius:3px;padding:0 .3em;margin-left:.4em}
.problem{color:#b71c1c}.axis{font:11px sans-serif;fill:#444}.chart{overflow-x:auto}
details{border:1px solid #e3e3e3;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #2e7d32;background:#f6faf6}
ins{background:#e3f4e3;text-decoration:none}del.diff{background:#fbe3e3}dl.legend dt{font-family:monospace}
dl.legend dd{margin:0 0 .4rem 1.5rem;color:#555}
"""

_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("th");
  heads.forEach(function (th, column) {
    var label = th.textContent, button = document.createElement("button");
    button.textContent = label; th.textContent = ""; th.appendChild(button);
    button.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var up = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_POLICY = (
    f"default-src 'none'; style-src '{_sha256(_STYLE)}'; script-src '{_sha256(_SCRIPT)}'; "
    "img-src 'none'; form-action 'none'; base-uri 'none'"
)


_OPEN_CLUSTERS = 20


def render(files: Sequence[FileView], clusters: Sequence[Cluster], source: str) -> str:
    """The whole page. ``source`` says what it was made from (the command, or the JSONL file)."""
    reasons: Counter[str] = Counter()
    for f in files:
        for line in f.lines:
            if not line.kept:
                reasons[line.reason] += line.lines
    counts = sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
    kept = sum(f.kept_lines for f in files)
    dropped = sum(f.dropped_lines for f in files)
    failed = sum(f.problem is not None for f in files)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>scrubnews report: {len(files)} files</title><style>{_STYLE}</style></head><body>",
        '<header id="top"><h1>scrubnews report</h1>',
        f"<p>{len(files)} files ({failed} could not be read): {kept} lines kept, {dropped} dropped; "
        f"{len(clusters)} near-duplicate clusters. Made by scrubnews {escape(__version__)} from "
        f"<code>{escape(source)}</code>.</p>",
        '<nav><a href="#charts">At a glance</a><a href="#overview">Files</a><a href="#files">Each file</a>'
        '<a href="#clusters">Near-duplicates</a><a href="#legend">Reason codes</a></nav></header>',
        '<section id="charts"><h2>At a glance</h2>',
        f'<h3>Kept and dropped lines per file</h3><div class="chart">{kept_dropped(files)}</div>',
        f'<h3>Dropped lines by reason</h3><div class="chart">{reason_counts(counts)}</div></section>',
        _overview(files),
        '<section id="files"><h2>Each file</h2>',
        '<p>Kept paragraphs in full; dropped ones <del class="drop">struck through and grey</del>, each with '
        "its reason code (the legend says what each means).</p>",
        *(_file_section(k, f) for k, f in enumerate(files)),
        "</section>",
        _clusters_section(clusters, {f.path: k for k, f in enumerate(files)}),
        _legend(sorted(reasons)),
        f"<script>{_SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _overview(files: Sequence[FileView]) -> str:
    rows = []
    for k, f in enumerate(files):
        total = f.kept_lines + f.dropped_lines
        share = f.kept_lines / total if total else 0.0
        findings = "" if f.findings is None else str(len(f.findings))
        codes = " ".join(sorted({finding.code for finding in f.findings or ()}))
        codes = f' <span class="code">{escape(codes)}</span>' if codes else ""
        title = escape(f.title or "") if f.problem is None else f'<span class="problem">{escape(f.problem)}</span>'
        rows.append(
            f'<tr><td><a href="#f-{k}">{escape(f.path)}</a></td><td>{title}</td>'
            f'<td class="n">{f.kept_lines}</td><td class="n">{f.dropped_lines}</td>'
            f'<td class="n" data-sort="{share:.4f}">{share:.0%}</td>'
            f'<td class="n" data-sort="{findings or -1}">{findings}{codes}</td>'
            f'<td class="n">{f.clustered}</td></tr>'
        )
    return (
        '<section id="overview"><h2>Files</h2>'
        "<p>Click a column's name to sort (needs JavaScript; the table reads the same without it).</p>"
        '<table class="sortable"><thead><tr><th>File</th><th>Title</th><th class="n">Kept lines</th>'
        '<th class="n">Dropped lines</th><th class="n">Kept</th><th class="n">Findings</th>'
        '<th class="n">Near-duplicate paragraphs</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _file_section(k: int, f: FileView) -> str:
    head = f"{escape(f.path)}: {f.kept_lines} kept, {f.dropped_lines} dropped lines"
    if f.title:
        head += f" &middot; <em>{escape(f.title)}</em>"
    body = []
    if f.problem is not None:
        body.append(f'<p class="problem">{escape(f.problem)}</p>')
    if f.findings:
        items = "".join(
            f'<li>line {x.line}: <span class="code">{escape(x.code)}</span> {escape(x.message)}</li>'
            for x in f.findings
        )
        body.append(f"<ul>{items}</ul>")
    # One element a kept paragraph, and one a run of dropped paragraphs with the same reason (one
    # a line, their first line number and the code drawn by CSS from the attributes): a thousand
    # long files stay a DOM the browser builds in about a second.
    lines = []
    # A kept paragraph is never grouped: each gets its own element (keyed by its index).
    for key, run in itertools.groupby(f.lines, key=lambda line: line.index if line.kept else line.reason):
        paragraphs = list(run)
        text = escape("\n".join(line.text for line in paragraphs))
        at = paragraphs[0].line_start
        if paragraphs[0].kept:
            lines.append(f'<li data-l="{at}">{text}</li>')
        else:
            code = escape(str(key), quote=True)
            lines.append(f'<li class="d" data-l="{at}" data-r="{code}" title="{code}">{text}</li>')
    body.append(f'<ol class="lines">{"".join(lines)}</ol>')
    return f'<details id="f-{k}"><summary>{head}</summary>{"".join(body)}</details>'


def _clusters_section(clusters: Sequence[Cluster], anchors: dict[str, int]) -> str:
    if not clusters:
        return '<section id="clusters"><h2>Near-duplicates</h2><p>No near-duplicate paragraphs.</p></section>'
    blocks = []
    for cluster in clusters:
        original = cluster.members[0]
        rows = []
        for k, m in enumerate(cluster.members):
            where = escape(f"{m.path}:{m.line_start}-{m.line_end}")
            link = f'<a href="#f-{anchors[m.path]}">{where}</a>' if m.path in anchors else where
            note = "" if m.kept else ' <span class="code">not in its article</span>'
            if k == 0:
                text = "original"
            elif m.text.split() == original.text.split():
                text = "the same words"  # an exact copy: no need to show it again
            else:
                text = _diff(original.text, m.text)
            rows.append(
                f'<tr><td>{link}{note}</td><td class="n">{m.jaccard:.2f}</td>'
                f'<td class="n">{m.containment:.2f}</td><td>{text}</td></tr>'
            )
        files = len({m.path for m in cluster.members})
        shown = " open" if cluster.id <= _OPEN_CLUSTERS else ""  # the rest open on a click: a big run has thousands
        blocks.append(
            f'<details id="c-{cluster.id}"{shown}><summary>Cluster {cluster.id}: {cluster.kind}, '
            f"{counted(len(cluster.members), 'paragraph')} in {counted(files, 'file')}</summary>"
            f"<blockquote>{escape(original.text)}</blockquote>"
            '<table><thead><tr><th>Where</th><th class="n">Jaccard</th><th class="n">Containment</th>'
            '<th>Against the original (<ins>added</ins>, <del class="diff">left out</del>)</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></details>"
        )
    return (
        '<section id="clusters"><h2>Near-duplicates</h2><p>Each shared passage once, with the files and lines '
        "that carry it; Jaccard and containment are exact, against the original (the earliest copy).</p>"
        + "".join(blocks)
        + "</section>"
    )


def _diff(original: str, text: str) -> str:
    """``text`` word by word against ``original``: what it adds in <ins>, what it leaves out in <del>."""
    a, b = original.split(), text.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(f'<del class="diff">{escape(" ".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def _legend(codes: Sequence[str]) -> str:
    items = "".join(f"<dt>{escape(code)}</dt><dd>{escape(REASONS.get(code, ''))}</dd>" for code in codes)
    return (
        '<section id="legend"><h2>Reason codes</h2><p>The reasons that dropped lines in this run.</p>'
        f'<dl class="legend">{items}</dl><p><a href="#top">Back to the top</a></p></section>'
    )
