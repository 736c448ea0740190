"""The report's charts, drawn as inline SVG here (no charting library, nothing fetched)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from scrubnews.report.views import FileView

_KEPT, _DROPPED = "#2e7d32", "#b0b0b0"
# File labels under the per-file bars: at least this many pixels apart, at most this many
# characters (rotated, so they take this much height).
_LABEL_SPACE, _LABEL_CHARS, _LABEL_HEIGHT = 12.0, 24, 110


def kept_dropped(files: Sequence[FileView], height: int = 160) -> str:
    """One stacked bar per file (input order): kept lines below, dropped lines above; each bar is
    labelled with its file's name under the axis (every n-th bar when they are too narrow for every
    label), and hover names the whole path."""
    width = 760
    step = max(2.0, min(24.0, width / max(1, len(files))))
    total_width = int(step * len(files)) + 40
    most = max((f.kept_lines + f.dropped_lines for f in files), default=1) or 1
    label_every = max(1, math.ceil(_LABEL_SPACE / step))
    bars = []
    for k, f in enumerate(files):
        x = 40 + k * step
        kept = f.kept_lines / most * height
        dropped = f.dropped_lines / most * height
        tip = escape(f"{f.path}: {f.kept_lines} kept, {f.dropped_lines} dropped lines")
        label = ""
        if k % label_every == 0:
            name = f.path.replace("\\", "/").rsplit("/", 1)[-1]
            name = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
            centre, below = x + max(1.0, step - 1) / 2, 10 + height + 8
            label = (
                f'<text x="{centre:.1f}" y="{below}" class="axis" text-anchor="end" '
                f'transform="rotate(-60 {centre:.1f} {below})">{escape(name)}</text>'
            )
        bars.append(
            f"<g><title>{tip}</title>"
            f'<rect x="{x:.1f}" y="{10 + height - kept - dropped:.1f}" width="{max(1.0, step - 1):.1f}" '
            f'height="{dropped:.1f}" fill="{_DROPPED}"/>'
            f'<rect x="{x:.1f}" y="{10 + height - kept:.1f}" width="{max(1.0, step - 1):.1f}" '
            f'height="{kept:.1f}" fill="{_KEPT}"/>{label}</g>'
        )
    axis = (
        f'<text x="0" y="18" class="axis">{most}</text><text x="0" y="{10 + height}" class="axis">0</text>'
        f'<line x1="38" y1="{10 + height}" x2="{total_width}" y2="{10 + height}" stroke="#666"/>'
    )
    full = height + 30 + _LABEL_HEIGHT
    return (
        f'<svg role="img" aria-labelledby="kd-title" width="{total_width}" height="{full}" '
        f'viewBox="0 0 {total_width} {full}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="kd-title">Kept (green) and dropped (grey) lines per file, in input order</title>'
        f"{axis}{''.join(bars)}</svg>"
    )


def reason_counts(counts: Sequence[tuple[str, int]], bar_height: int = 18) -> str:
    """Horizontal bars: how many lines each reason code dropped, most first."""
    if not counts:
        return "<p>No line was dropped.</p>"
    label_width, bar_width = 190, 480
    most = max(n for _, n in counts)
    rows = []
    for k, (code, n) in enumerate(counts):
        y = 6 + k * (bar_height + 4)
        length = n / most * bar_width
        rows.append(
            f"<g><title>{escape(code)}: {n} lines</title>"
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end" class="axis">{escape(code)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(1.0, length):.1f}" height="{bar_height}" fill="{_DROPPED}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height - 5}" class="axis">{n}</text></g>'
        )
    height = 12 + len(counts) * (bar_height + 4)
    total = label_width + bar_width + 60
    return (
        f'<svg role="img" aria-labelledby="rc-title" width="{total}" height="{height}" '
        f'viewBox="0 0 {total} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="rc-title">Dropped lines by reason code</title>{"".join(rows)}</svg>'
    )
