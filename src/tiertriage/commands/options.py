"""Options shared by several commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print only the reply text, even on a terminal.")
]
