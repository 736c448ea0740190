"""Line-by-line view of one document's decisions, for ``scrubnews explain``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scrubnews.document import Document, Paragraph
from scrubnews.text import printable


def explain_lines(
    doc: Document, show_blank: bool = False, paint: Callable[[str, str], str] | None = None
) -> Iterator[str]:
    """Every line of the segmented text, with the verdict of its paragraph.

    Format: ``<line number> <keep|drop> <probability> <reason> | <line text>``,
    the probability being the line model's that the line is article text
    (``-`` where no model scored it); lines that belong to no paragraph are
    blank; a long line judged in pieces shows each piece on a row of its own, under the line's
    number. Control characters in the text are shown as escapes. ``paint`` (a terminal's
    ``terminal.painted``) colours the verdicts: keep green, drop dim.
    """
    owner: dict[int, list[Paragraph]] = {}
    for p in doc.paragraphs:
        for number in range(p.line_start, p.line_end + 1):
            owner.setdefault(number, []).append(p)
    width = max((len(p.reason) for p in doc.paragraphs), default=0)
    width = max(width, 4)
    for number, line in enumerate(doc.body.split("\n"), start=1):
        paras = owner.get(number)
        if paras is None:
            if show_blank:
                yield f"{number:5d}           {'':{width}} |"
            continue
        # A long line judged in pieces (``segment.pieces``): a row for each piece.
        shown = [(paras[0], line)] if len(paras) == 1 else [(p, p.text) for p in paras]
        for para, text in shown:
            verdict = "keep" if para.is_kept else "drop"
            if paint is not None:
                verdict = paint(verdict, "green" if para.is_kept else "dim")
            score = "   - " if para.score is None else f"{para.score:.2f}"
            yield f"{number:5d} {verdict} {score} {para.reason:{width}} | {printable(text)}"
