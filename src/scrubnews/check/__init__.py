"""The CI gate, ``scrubnews check``: rules, running them over a batch, baselines, output formats.

- ``rules``: every rule, declared once (code, name, rationale, detector, sample);
- ``run``: clean a batch, apply the rules, select and ignore;
- ``baseline``: accepted findings, fingerprinted so that unrelated edits do not revive them;
- ``formats``: concise, full, JSON, JSON lines, GitHub, SARIF, statistics.
"""
