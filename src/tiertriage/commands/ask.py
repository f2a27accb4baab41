"""`tiertriage ask`: triage a client's question into a ready-to-send reply.

`ask` runs on every email: without `from __future__ import annotations` Typer reads
its signature directly instead of compiling each annotation from a string (~1 ms).
"""

from pathlib import Path
from typing import Annotated

import typer

from tiertriage.commands.completion import client_names
from tiertriage.commands.options import JsonOption, PlainOption


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
    as_email: Annotated[
        bool,
        typer.Option(
            "--as-email",
            help="Print the reply as a complete RFC 822 draft (To, Re: subject, threading).",
        ),
    ] = False,
    plain: PlainOption = False,
    json_output: JsonOption = False,
) -> None:
    """Triage a client's question and print a ready-to-send reply.

    The question may be a raw email (piped from mutt, neomutt or aerc, or an .eml
    file): the sender picks the client, quoted history and signatures are ignored,
    and every question in it is answered.

    Example: tiertriage ask "how long does DNS take to update?"
    """
    from tiertriage.answer import NO_NAME, Responder
    from tiertriage.errors import InputError
    from tiertriage.mail import inputs
    from tiertriage.mail.message import read
    from tiertriage.render import output, shapes
    from tiertriage.workspace import Workspace

    if as_email and json_output:
        raise InputError("--as-email and --json cannot be combined")
    if file is not None:
        raw = inputs.read_file(file)
    elif text is None or text == "-":
        raw = inputs.read_stdin()
    else:
        raw = text.encode("utf-8")
    message = read(raw)

    workspace = Workspace()
    chosen = workspace.store.find_client(client_name) if client_name else None
    responder = Responder(workspace, client=chosen)
    answer = responder.answer(message)
    if not no_log:
        workspace.record(answer)
    if responder.unsigned:
        output.warn(NO_NAME)
    if as_email:
        output.print_text(answer.draft())
        return
    first = answer.first.decision  # --explain shows what the matcher ranked for it
    ranking = [first.best, *first.alternatives] if explain and first.best else []
    if json_output:
        data = shapes.answer_json(answer)
        if explain:
            data["explain"] = shapes.explain_json(ranking)
        output.print_json(data)
        return
    if explain:
        from tiertriage.render.ask import print_explain

        print_explain(answer.first.question, ranking)
    if plain or not output.stdout_is_terminal():
        output.print_text(answer.reply)
    else:
        from tiertriage.render.ask import print_ask_panel

        print_ask_panel(answer)
