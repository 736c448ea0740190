"""Pipeline stages: one idea per module, one entry point named like it."""
