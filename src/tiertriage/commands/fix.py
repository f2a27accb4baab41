"""`tiertriage fix`: the right outcome of a question, which then teaches the catalogue.

Also the prompt `ask` offers on a terminal after a review or an unsure answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tiertriage.commands import completion
from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.answer import Answer
    from tiertriage.workspace import Workspace


def fix(
    number: Annotated[
        int,
        typer.Argument(metavar="N", min=1, help="The entry's number in `tiertriage log`."),
    ],
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC",
            help="The right topic id, or escalate, or review.",
            show_default=False,
            autocompletion=completion.topic_ids,
        ),
    ] = None,
    *,
    undo: Annotated[
        bool, typer.Option("--undo", help="Take the fix of entry N back: its example too.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Record the right outcome of a question and learn it as an example of that topic.

    The history entry gets the right topic and action; the question becomes an
    example in answers.d/learned.yaml (review teaches nothing; escalate teaches the
    closest out-of-scope topic), so the next similar question matches.

    Example: tiertriage fix 3 dns.records
    """
    from tiertriage.errors import InputError
    from tiertriage.learning import fix as fixing
    from tiertriage.render.learning import print_correction
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    if undo:
        if target is not None:
            raise InputError("--undo takes only the entry's number", hint="tiertriage fix --undo N")
        correction = fixing.undo(workspace, number)
    elif target is None:
        raise InputError(
            "which topic is right?", hint="tiertriage fix N TOPIC (a topic id, escalate or review)"
        )
    else:
        correction = fixing.fix(workspace, number, target)
    print_correction(correction, json_output=json_output)


PROMPT = "Right topic? [Enter = yes / id]"


def offer(workspace: Workspace, answer: Answer, recorded: int) -> None:
    """After a review or an unsure answer, ask whether the topic is right (`ask` on a
    terminal). Enter confirms an answer (it is learned) or keeps a review; an id,
    `escalate` or `review` fixes it. The `recorded` entries are numbers 1 to `recorded`."""
    from tiertriage.errors import NotFoundError, TiertriageError
    from tiertriage.learning.fix import fix as correct
    from tiertriage.render.learning import warn_correction

    for position, outcome in enumerate(answer.outcomes):
        verdict = outcome.decision.verdict
        if verdict not in ("ambiguous", "review"):
            continue
        number = recorded - position
        shown = outcome.matched.id if verdict == "ambiguous" and outcome.matched else "review"
        label = f"{PROMPT} ({shown})"
        if len(answer.outcomes) > 1:
            label = f"Question {position + 1}: {label}"
        while True:
            try:
                reply = str(typer.prompt(label, default="", show_default=False, err=True))
            except (typer.Abort, EOFError):
                typer.echo("", err=True)
                return
            chosen = reply.strip() or (shown if shown != "review" else None)
            if chosen is None:
                break
            try:
                warn_correction(correct(workspace, number, chosen))
            except TiertriageError as error:
                from tiertriage.render.output import warn

                warn(f"error: {error}")
                if isinstance(error, NotFoundError):
                    continue  # a typo: ask again
            break
