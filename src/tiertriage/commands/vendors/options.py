"""The options of one support test, shared by `vendors test` and `vendors edit-test`."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from tiertriage.commands import completion

# Test field -> (its option, its value's type, help). Every value is given as text, so
# `edit-test --resolution ""` can clear it; the model parses and checks it.
TEST_OPTIONS: dict[str, tuple[str, Any, str, str | None]] = {
    "channel": ("--channel", str, "How you reached them: chat, phone, ticket or email.", None),
    "date": ("--date", str, "When (YYYY-MM-DD); today when not given.", "DATE"),
    "first_response": (
        "--first-response",
        str,
        "Seconds to the first human reply (or 90s, 3m, 2h).",
        "SECONDS",
    ),
    "resolution": ("--resolution", str, "Minutes to a resolution (or 2h, 1d).", "MINUTES"),
    "welcome": ("--welcome", str, "How welcoming they were, 1-5.", "1-5"),
    "knowledge": ("--knowledge", str, "How knowledgeable, 1-5.", "1-5"),
    "patience": ("--patience", str, "How patient, 1-5.", "1-5"),
    "clarity": ("--clarity", str, "How clear their language was, 1-5.", "1-5"),
    "concise": ("--concise", str, "How concise and to the point, 1-5.", "1-5"),
    "good_questions": (
        "--good-questions/--no-good-questions",
        bool,
        "Whether they asked intuitive, useful questions.",
        None,
    ),
    "sales_pitch": (
        "--sales-pitch/--no-sales-pitch",
        bool,
        "Whether the chat was littered with sales offers.",
        None,
    ),
    "escalated": (
        "--escalated/--not-escalated",
        bool,
        "Whether it was passed on to a second tier.",
        None,
    ),
    "transfers": ("--transfers", str, "How many times you were transferred.", "N"),
    "question": ("--question", str, "The question you asked.", "TEXT"),
    "notes": ("--notes", str, "Free notes.", "TEXT"),
}

VendorArgument = Annotated[
    str,
    typer.Argument(
        metavar="VENDOR",
        help="The vendor id, e.g. siteground.",
        autocompletion=completion.vendor_ids,
    ),
]
TestId = Annotated[int, typer.Argument(metavar="ID", help="The test's id (see `vendors tests`).")]

Command = TypeVar("Command", bound=Callable[..., Any])


def option_name(field: str) -> str:
    """The option a test field is given with, for messages: `--first-response`."""
    flag = TEST_OPTIONS[field][0] if field in TEST_OPTIONS else field
    return flag.split("/")[0]


def test_options(command: Command) -> Command:
    """Give a command one option per test field; it receives those given as `fields`
    (field -> value as typed), like `role_options` does for roles."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "fields"]
    added = [
        inspect.Parameter(
            field,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                kind | None,
                typer.Option(*flag.split(" "), metavar=metavar, help=help, show_default=False),
            ],
        )
        for field, (flag, kind, help, metavar) in TEST_OPTIONS.items()
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {field: kwargs.pop(field, None) for field in TEST_OPTIONS}
        fields = {field: value for field, value in given.items() if value is not None}
        return command(*args, fields=fields, **kwargs)

    # Typer reads the options from the signature: the command's own, then the test's.
    wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
