"""``python -m scrubnews.check.rules``: the rule sections of docs/check.md, from the declarations."""

from scrubnews.check.rules import RULES

print("\n".join(rule.markdown() for rule in RULES.values()), end="")
