"""`tiertriage stats`: what the history says about the questions, clients and vendors."""

from __future__ import annotations

from tiertriage.commands.log import ClientFilter, SinceFilter
from tiertriage.commands.options import JsonOption


def stats(
    *,
    since: SinceFilter = None,
    client: ClientFilter = None,
    json_output: JsonOption = False,
) -> None:
    """Questions per week, how they were handled, the most frequent topics, clients and
    vendors, consults offered and the time saved (settings: minutes_per_reply).

    Example: tiertriage stats --since 30d
    """
    from datetime import datetime, timezone

    from tiertriage.learning.stats import workspace_stats
    from tiertriage.render.stats import print_stats, stats_json
    from tiertriage.store.history import parse_since
    from tiertriage.workspace import Workspace

    now = datetime.now(timezone.utc)
    start = parse_since(since, now) if since else None
    workspace = Workspace()
    chosen = workspace.store.find_client(client) if client else None
    found = workspace_stats(workspace, now=now, since=start, client=chosen)
    if json_output:
        from tiertriage.render.output import print_json

        print_json(stats_json(found))
        return
    print_stats(found, workspace.settings.minutes_per_reply)
