"""`tiertriage ask`: triage a client's question into a ready-to-send reply.

`ask` runs on every email: without `from __future__ import annotations` Typer reads
its signature directly instead of compiling each annotation from a string (~1 ms).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiertriage.commands.completion import client_names
from tiertriage.commands.options import JsonOption, PlainOption

if TYPE_CHECKING:
    from tiertriage.answer import Answer


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
            help="Print the reply as a complete RFC 822 draft (From, To, Re: subject, threading).",
        ),
    ] = False,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit", help="Open the reply in $VISUAL/$EDITOR before it is printed or drafted."
        ),
    ] = False,
    no_prompt: Annotated[
        bool,
        typer.Option(
            "--no-prompt", help="On a terminal, do not ask whether an unsure topic is right."
        ),
    ] = False,
    plain: PlainOption = False,
    json_output: JsonOption = False,
) -> None:
    """Triage a client's question and print a ready-to-send reply.

    The question may be a raw email (piped from mutt, neomutt or aerc, or an .eml
    file): the sender picks the client, quoted history and signatures are ignored,
    and every question in it is answered. On a terminal with no question given, paste
    the message and end with Ctrl-D.

    Example: tiertriage ask "how long does DNS take to update?"
    """
    from tiertriage.answer import NO_NAME, Responder
    from tiertriage.errors import InputError, StoreError
    from tiertriage.mail.message import read
    from tiertriage.render import output
    from tiertriage.workspace import Workspace

    if as_email and json_output:
        raise InputError("--as-email and --json cannot be combined")
    raw = _read_input(text, file)
    message = read(raw)
    for cut in message.cut:
        output.warn(f"warning: {cut}")

    workspace = Workspace(notify=output.warn)
    chosen = workspace.store.find_client(client_name) if client_name else None
    responder = Responder(workspace, client=chosen)
    answer = responder.answer(message)
    for notice in answer.notices:
        output.warn(f"warning: {notice}")
    if responder.unsigned:
        output.warn(NO_NAME)
    if edit:
        answer = answer._replace(reply=_edited(answer.reply))
    _print(answer, as_email=as_email, json_output=json_output, explain=explain, plain=plain)
    if no_log:
        return
    # Recorded after printing: a locked or read-only database costs the history, not the reply.
    from tiertriage.mail.headers import fields, message_key
    from tiertriage.store.history import entries_for

    key = message_key(fields(raw), raw) if message.raw else None
    entries = entries_for(answer, source="ask", message=key)
    try:
        workspace.store.record(entries)
    except StoreError as error:
        raise StoreError(
            f"{error.message}; the reply was printed, but not recorded in the history",
            hint=error.hint,
        ) from None
    from tiertriage.mail import inputs

    if not no_prompt and inputs.stdin_is_terminal():
        from tiertriage.commands.fix import offer

        offer(workspace, answer, len(entries))


def _read_input(text: str | None, file: Path | None) -> bytes:
    """The question's bytes: the argument, the file, or stdin (a paste on a terminal).
    Two sources at once are refused rather than one silently ignored."""
    from tiertriage.errors import InputError
    from tiertriage.mail import inputs
    from tiertriage.render.output import warn

    argument = text is not None and text != "-"
    if text is not None and file is not None:
        raise InputError("a question and --file were both given", hint="pass one or the other")
    if (argument or file is not None) and inputs.stdin_has_data():
        given = "a question" if argument else "--file"
        raise InputError(
            f"{given} and piped input were both given",
            hint="pass one or the other (in a loop, add < /dev/null)",
        )
    if file is not None:
        return inputs.read_file(file)
    if argument:
        assert text is not None
        if len(text) > inputs.MAX_INPUT:
            raise inputs.too_large("the question")
        return text.encode("utf-8", "surrogateescape")
    if inputs.stdin_is_terminal():
        warn("paste the message (or type the question), then press Ctrl-D on a new line")
    return inputs.read_stdin()


def _edited(reply: str) -> str:
    """`reply` after the user edited it in their editor."""
    import os
    import tempfile

    from tiertriage.commands.prompts import open_in_editor
    from tiertriage.errors import InputError

    handle, name = tempfile.mkstemp(prefix="tiertriage-reply-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(reply)
        open_in_editor(path)
        edited = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    if not edited.strip():
        raise InputError("the reply was left empty in the editor: nothing printed")
    return edited if edited.endswith("\n") else edited + "\n"


def _print(
    answer: "Answer", *, as_email: bool, json_output: bool, explain: bool, plain: bool
) -> None:
    from tiertriage.render import output, shapes

    if as_email:
        gaps = answer.draft_gaps()
        if "To" in gaps:
            output.warn("warning: the draft has no To: (pasted text names no sender); add it")
        if "From" in gaps:
            output.warn(
                "warning: the draft has no From: set from_address in settings.yaml "
                "(or reply to a raw message)"
            )
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
