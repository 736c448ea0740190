"""Mark short lines that several files of one run share: site template."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from scrubnews.config import TemplateConfig
from scrubnews.document import Document, Paragraph, Verdict
from scrubnews.io.spool import Spool
from scrubnews.text import is_sentence, normalise_line


def mark_template(docs: Iterable[Document], config: TemplateConfig) -> Iterator[Document]:
    """Mark lines that appear in ``min_files`` or more documents of the run.

    One site's pages share their chrome ("Explore what Daily8 AI can do for
    you:" in seeds 002 and 003), and a line in several files is never the
    article's own. Only short, non-sentence lines count: syndicated stories
    legitimately share whole paragraphs, and those are the near-duplicate
    report's business, not boilerplate.

    It runs after ``extract_article`` and only re-marks kept lines, so it
    removes chrome that survived inside the article span.

    This stage needs every document before it can mark the first. It keeps
    in memory only how many files each template-like line appears in; the
    documents wait in a ``Spool`` on disk.
    """
    spool = Spool()
    files_per_line: Counter[str] = Counter()
    try:
        for doc in docs:
            files_per_line.update(template_keys(doc, config))
            spool.append(doc)
        shared = shared_lines(files_per_line, config)
        del files_per_line
        for doc in spool:
            yield mark_shared(doc, shared, config)
    finally:
        spool.close()


def template_keys(doc: Document, config: TemplateConfig) -> set[str]:
    """The comparison keys of ``doc``'s template-like lines (each counted once a file)."""
    return {_key(p, config) for p in doc.paragraphs} - {""}


def shared_lines(files_per_line: Counter[str], config: TemplateConfig) -> set[str]:
    """The keys found in ``min_files`` or more files: the run's template lines."""
    return {line for line, files in files_per_line.items() if files >= config.min_files}


def mark_shared(doc: Document, shared: set[str], config: TemplateConfig) -> Document:
    """``doc`` with its kept lines among ``shared`` marked as template."""
    if not shared or not doc.is_ok:
        return doc
    return replace(doc, paragraphs=tuple(_mark(p, shared, config) for p in doc.paragraphs))


def _key(p: Paragraph, config: TemplateConfig) -> str:
    """The comparison key of a template-like line, or '' for prose."""
    n = p.words
    if n < config.min_words or n > config.max_words or is_sentence(p.text, n):
        return ""
    return normalise_line(p.text)


def _mark(p: Paragraph, shared: set[str], config: TemplateConfig) -> Paragraph:
    if p.is_kept and _key(p, config) in shared:
        return p.judged(Verdict.BOILERPLATE, "template:shared")
    return p
