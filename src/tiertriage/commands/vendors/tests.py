"""`vendors tests` and `vendors remove-test`: the support tests you recorded."""

from __future__ import annotations

from typing import Annotated

import typer

from tiertriage.commands import completion
from tiertriage.commands.options import JsonOption
from tiertriage.commands.vendors.options import TestId


def list_tests(
    vendor_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[VENDOR]",
            help="Only this vendor's tests.",
            show_default=False,
            autocompletion=completion.vendor_ids,
        ),
    ] = None,
    *,
    json_output: JsonOption = False,
) -> None:
    """List your support tests, the most recent first.

    Example: tiertriage vendors tests siteground --json
    """
    from tiertriage.render import output as render
    from tiertriage.render.scorecard import print_tests
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    if vendor_id is not None:
        tests = workspace.store.vendor_tests(vendor_id.strip().lower())
        if not tests:  # an unknown vendor is an error; one gone from the catalogue is not
            workspace.vendor(vendor_id)
    else:
        tests = workspace.store.vendor_tests()
    if json_output:
        render.print_json([test.to_dict() for test in tests])
        return
    print_tests(tests)


def remove_test(
    test_id: TestId,
    *,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Remove a recorded test.

    Example: tiertriage vendors remove-test 3 --yes
    """
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    store = Workspace().store
    test = store.vendor_test(test_id)
    if not yes:
        typer.confirm(
            f"Remove test {test.id} of {test.vendor} ({test.channel}, {test.date})?",
            abort=True,
            err=True,
        )
    store.remove_vendor_test(test_id)
    if json_output:
        render.print_json(test.to_dict())
        return
    render.print_text(f"Removed test {test.id} of {test.vendor}.")
