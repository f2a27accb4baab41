"""`tiertriage ask`: triage a client's question into a ready-to-send reply."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tiertriage.commands.options import JsonOption, PlainOption
from tiertriage.completion import client_names


def ask(
    text: Annotated[
        str | None,
        typer.Argument(
            help="The client's question, or '-' to read it from stdin (the default when piped).",
            show_default=False,
        ),
    ] = None,
    *,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read the question from a file.", show_default=False),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the top three topics, scores and matched words.")
    ] = False,
    client_name: Annotated[
        str | None,
        typer.Option(
            "--client",
            "-c",
            metavar="NAME",
            help="Answer in this client's stack and greet their contact (see `client add`).",
            show_default=False,
            autocompletion=client_names,
        ),
    ] = None,
    no_log: Annotated[
        bool, typer.Option("--no-log", help="Do not record this question in the history.")
    ] = False,
    plain: PlainOption = False,
    json_output: JsonOption = False,
) -> None:
    """Triage a client's question and print a ready-to-send reply.

    Example: tiertriage ask "how long does DNS take to update?"
    """
    from tiertriage import inputs, render
    from tiertriage.triage import ask as triage_ask
    from tiertriage.workspace import Workspace

    if file is not None:
        raw = inputs.read_file(file)
    elif text is None or text == "-":
        raw = inputs.read_stdin()
    else:
        raw = text.encode("utf-8")
    question = inputs.decode_text(raw).strip()

    workspace = Workspace()
    client = workspace.find_client(client_name) if client_name else None
    result = triage_ask(
        workspace.catalog,
        [question],
        settings=workspace.settings,
        stack=workspace.stack_for(client),
        client=client,
    )
    if not no_log:
        workspace.record(result, client)
    ranking = workspace.catalog.index.rank(question, limit=3) if explain else []
    if json_output:
        data = result.to_dict()
        if explain:
            data["explain"] = render.explain_dicts(ranking)
        render.print_json(data)
        return
    if explain:
        render.print_explain(question, ranking)
    if plain or not render.stdout_is_terminal():
        render.print_text(result.reply)
    else:
        render.print_ask_panel(result)
