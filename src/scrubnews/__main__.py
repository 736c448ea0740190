"""``scrubnews`` and ``python -m scrubnews``: answers ``--version`` before importing the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI; ``--version`` alone is answered without loading typer, rich or the pipeline."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from scrubnews.extract.compiled import version_line

        print(version_line())
        return
    from scrubnews.run.heap import keep_heap_top

    keep_heap_top()
    from scrubnews.cli.main import run

    run()


if __name__ == "__main__":
    main()
