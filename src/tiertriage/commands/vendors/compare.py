"""`vendors compare` and `vendors recommend`: the scorecards, and the best of a role."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiertriage.commands import completion
from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.workspace import Workspace

RoleOption = Annotated[
    str | None,
    typer.Option(
        "--role",
        help="Only vendors with this role, e.g. host.",
        show_default=False,
        autocompletion=completion.roles,
    ),
]


def compare(
    *,
    role: RoleOption = None,
    html_file: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write a printable HTML report ('-': stdout).",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Compare vendors on a support scorecard: the catalogue's channels and terms, your
    own tests, and your clients' questions, weighed (settings `scorecard_weights`) into
    a score out of 100 with the reasons in words.

    Example: tiertriage vendors compare --role host --html hosts.html
    """
    from datetime import date

    from tiertriage.render import output as render
    from tiertriage.render.scorecard import compare_json, print_scorecards
    from tiertriage.scorecard.evidence import scorecards
    from tiertriage.scorecard.score import weights
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    cards = scorecards(workspace, role)
    chosen = weights(workspace.settings.scorecard_weights)
    if html_file is not None:
        from tiertriage.render.html import save
        from tiertriage.render.scorecard_html import scorecard_html

        report = scorecard_html(cards, _title(workspace, role), chosen, date.today())
        if str(html_file) == "-":
            render.print_text(report)
            return
        save(html_file, report)
    if json_output:
        render.print_json(compare_json(cards, role, chosen))
    elif html_file is not None:
        render.print_text(f"Wrote {html_file}")
    else:
        print_scorecards(cards)


def recommend(
    *,
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="The role, e.g. host.",
            show_default=False,
            autocompletion=completion.roles,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list.")] = 3,
    json_output: JsonOption = False,
) -> None:
    """List the best vendors of a role on your scorecard, each with its reasons.

    Example: tiertriage vendors recommend --role host
    """
    from tiertriage.render import output as render
    from tiertriage.render.scorecard import print_recommendations, scorecard_json
    from tiertriage.scorecard.evidence import scorecards
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    best = scorecards(workspace, role)[:limit]
    if json_output:
        render.print_json(
            {"role": role, "vendors": [scorecard_json(c, rank) for rank, c in enumerate(best, 1)]}
        )
        return
    print_recommendations(_plural(workspace, role), best)


def _plural(workspace: Workspace, role: str) -> str:
    """ "web hosts": every shipped role's label takes an s."""
    return workspace.catalog.roles[role].label + "s"


def _title(workspace: Workspace, role: str | None) -> str:
    return "Support scorecard: " + (_plural(workspace, role) if role else "all vendors")


# Said once before a dialogue offers each role's vendors in `ranked_choices` order.
RANKED_NOTE = "Each role's vendors are listed best first on your scorecard (`vendors compare`)."


def ranked_choices(workspace: Workspace) -> dict[str, list[str]]:
    """Each role's vendor ids, the best on the scorecard first, for `init` and `client
    add`; the catalogue's order when the database or the settings cannot be read (said
    on stderr): `init` is how a broken settings file gets replaced."""
    from tiertriage.errors import ConfigError, StoreError
    from tiertriage.render import output as render
    from tiertriage.scorecard.evidence import recommended_order

    try:
        return recommended_order(workspace)
    except (StoreError, ConfigError) as error:
        render.warn(f"{error}; vendors are listed in the catalogue's order")
        catalog = workspace.catalog
        return {role: [v.id for v in catalog.vendors_for(role)] for role in catalog.roles}
