"""``python -m scrubnews.check.rules``: the README's rule sections, from the declarations."""

from scrubnews.check.rules import RULES

print("\n".join(rule.markdown() for rule in RULES.values()), end="")
