"""Options that several commands share: one name, one help text, one meaning."""

from __future__ import annotations

from typing import Annotated

import typer

PathsArg = Annotated[list[str], typer.Argument(help="Files or folders (walked recursively, sorted); '-' reads stdin.")]
IsolatedOpt = Annotated[
    bool, typer.Option("--isolated", help="Ignore [tool.scrubnews] settings in pyproject.toml / scrubnews.toml.")
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Decode every input with this codec instead of detecting it.")
]
FollowLinksOpt = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow symbolic links that lead out of an input folder (links inside it are always followed).",
    ),
]
