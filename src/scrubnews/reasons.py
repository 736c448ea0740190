"""Every reason ``clean`` gives for dropping a paragraph, declared once: the code and what it means.

The report's legend reads these; ``tests/test_reasons.py`` checks that the
"Reason codes" tables of docs/output.md list exactly these codes and that each one is
produced on some input.
"""

from __future__ import annotations

# Where the decoder put the line, when no more telling reason applies.
PLACES = {
    "position:before-article": "above the article (menus, breadcrumbs, banners, teaser lists)",
    "position:after-article": "below the article (footers, widgets, comments, appended stories)",
    "position:cut-before-article": (
        "kept by the decoder, then left out when the article was chosen as a whole: text above it"
    ),
    "position:cut-after-article": (
        "kept by the decoder, then left out when the article was chosen as a whole: a story appended under"
        " feed chrome, a comment thread"
    ),
    "model:low-score": "a hole inside the article: a line the model scores as boilerplate (an ad, a caption credit)",
    "teaser:headline": 'another story\'s headline under a teaser marker ("READ MORE:", "Lesen Sie auch:")',
    "repeat:in-file": "a later copy of a line seen earlier in the file",
    "template:shared": "a short line that several files of the same run share: site template",
}
# A known chrome phrase the line matched (one of the model's features, not a verdict by itself).
PHRASES = {
    "marker:end": 'a section marker ("Related Articles", "Comments", "TRENDING", "More stories", "4 thoughts on ...")',
    "teaser:marker": '"READ MORE:" (and kin) before a teaser headline',
    "teaser:ellipsis": 'a teaser cut off with "..."',
    "junk:share": "share / tweet / email buttons",
    "junk:subscribe": "newsletter, sign-in and subscription prompts",
    "junk:comments": 'comment widgets: "No comments yet...", "Reply", "View all comments"',
    "junk:app": "app promotions",
    "junk:ad": '"Advertisement", "Story continues below"',
    "junk:nav": '"Skip to content", "Back to top", lone "Menu"/"Home"',
    "junk:legal": "cookie, privacy and terms notices",
    "junk:copyright": "copyright lines",
    "junk:credit": 'a picture\'s or the agencies\' credit ("Photo: ...", "Foto: dpa", "(With inputs from agencies)")',
    "junk:timestamp": '"2 hours ago", "Updated ...", comment headers, live-feed times',
    "junk:url": "a bare URL",
}
OTHERS = {
    "no-article": "the page is chrome only: a few words kept and not one line of prose (an error page, a paywall stub)",
    "meta:title": "the headline (reported as metadata, not body)",
    "meta:byline": "the byline (reported as metadata)",
    "meta:author": "the author's name or bio (reported as metadata)",
    "duplicate:copy": "with --dedup drop: a later copy of a paragraph seen earlier in the run",
    "duplicate:partial": "with --dedup drop: a paragraph most of which is in an earlier one of the run",
    "duplicate:repeat": "with --dedup drop: a later near repeat of a paragraph earlier in the same file",
}
REASONS: dict[str, str] = {**PLACES, **PHRASES, **OTHERS}
