"""The rules of ``scrubnews check``: what a freshly scraped file can get wrong.

Each rule is one module here that declares ``RULE`` (code, name, summary,
rationale, example, hint, sample files and its detector); ``_MODULES`` lists
them. The ``rule`` command, the rule sections of docs/check.md, SARIF's rule
metadata and a test per rule all read these declarations.
"""

from __future__ import annotations

from importlib import import_module

from scrubnews.check.rules.base import Finding, Rule

__all__ = ["RULES", "Finding", "Rule"]

# Adding a rule: its module, and its name here.
_MODULES = (
    "sn001_no_article",
    "sn002_short_article",
    "sn003_cut_off",
    "sn004_boilerplate_left",
    "sn005_near_duplicate_file",
    "sn006_repeated_paragraph",
    "sn007_bad_encoding",
    "sn008_listing_page",
    "sn009_unreadable",
)

RULES: dict[str, Rule] = {rule.code: rule for rule in (import_module(f"{__name__}.{name}").RULE for name in _MODULES)}
