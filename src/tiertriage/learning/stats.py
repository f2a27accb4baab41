"""What the history says: questions per week, how they were handled, the busiest topics,
clients and vendors, consults offered, and the time tiertriage saved. Pure arithmetic
over history entries; `workspace_stats` gathers them.

Time saved: every reply tiertriage drafted that went out as it was (answered, answered
with a consult, or escalated with the consult invitation) saves the `minutes_per_reply`
a reply takes to write by hand; against that, each question costs the product's own
time, `PRODUCT_MINUTES` to read what it drafted (a review's holding note too). A reply
corrected with `fix` saved nothing: it had to be written after all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import ACTIONS
from tiertriage.scorecard.score import CONSULT_ACTIONS

if TYPE_CHECKING:
    from tiertriage.store.clients import Client
    from tiertriage.store.history import HistoryEntry
    from tiertriage.workspace import Workspace

PRODUCT_MINUTES = 0.5  # reading a drafted reply (or the review note) before sending it
NO_CLIENT = "(no client)"  # how `by_client` counts questions asked without a client


class Week(NamedTuple):
    start: date  # its Monday
    questions: int
    by_action: dict[str, int]


class Stats(NamedTuple):
    questions: int
    by_action: dict[str, int]  # every action, in ACTIONS order
    by_topic: dict[str, int]  # most frequent first; reviews left out (their topic is a guess)
    by_client: dict[str, int]  # most frequent first
    by_vendor: dict[str, int]  # vendor id -> questions its topics got, most first
    consults_offered: int
    minutes_saved: float
    weeks: list[Week]  # oldest first, every week from the first to the current one

    def share(self, action: str) -> float:
        return self.by_action.get(action, 0) / self.questions if self.questions else 0.0


def history_stats(
    entries: Sequence[HistoryEntry],
    *,
    minutes_per_reply: float,
    now: datetime,
    since: datetime | None = None,
    vendor_of: Callable[[HistoryEntry], str | None] = lambda entry: None,
) -> Stats:
    """The statistics of `entries` (weeks in local time, up to `now`'s)."""
    actions = Counter(entry.action for entry in entries)
    topics = Counter(e.topic for e in entries if e.topic and e.action != "review")
    clients = Counter(entry.client or NO_CLIENT for entry in entries)
    vendors = Counter(v for v in map(vendor_of, entries) if v)
    used = sum(1 for e in entries if e.action != "review" and not e.corrected)
    saved = used * minutes_per_reply - len(entries) * PRODUCT_MINUTES
    return Stats(
        questions=len(entries),
        by_action={action: actions.get(action, 0) for action in ACTIONS},
        by_topic=_ranked(topics),
        by_client=_ranked(clients),
        by_vendor=_ranked(vendors),
        consults_offered=sum(actions.get(action, 0) for action in CONSULT_ACTIONS),
        minutes_saved=round(saved, 1),
        weeks=_weeks(entries, now, since),
    )


def _ranked(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def monday(moment: datetime) -> date:
    day = moment.astimezone().date()
    return day - timedelta(days=day.weekday())


def _weeks(entries: Sequence[HistoryEntry], now: datetime, since: datetime | None) -> list[Week]:
    if not entries and since is None:
        return []
    counts: dict[date, Counter[str]] = {}
    for entry in entries:
        counts.setdefault(monday(_parsed(entry.time)), Counter())[entry.action] += 1
    first = monday(since) if since is not None else min(counts)
    weeks = []
    start = first
    while start <= monday(now):
        found = counts.get(start, Counter())
        by_action: dict[str, int] = {action: found.get(action, 0) for action in ACTIONS}
        weeks.append(Week(start, sum(found.values()), by_action))
        start += timedelta(days=7)
    return weeks


def _parsed(utc: str) -> datetime:
    return datetime.fromisoformat(utc.replace("Z", "+00:00"))


def workspace_stats(
    workspace: Workspace, *, now: datetime, since: datetime | None, client: Client | None
) -> Stats:
    """The statistics of the workspace's history (of `client`, since `since`); a question
    counts for a vendor as it does on the scorecard."""
    from tiertriage.scorecard.evidence import client_stacks, question_vendor
    from tiertriage.store.clients import client_key

    entries = workspace.store.history(client=client, since=since)
    stacks = client_stacks(workspace) if entries else {}

    def vendor_of(entry: HistoryEntry) -> str | None:
        key = client_key(entry.client) if entry.client else None
        stack = stacks.get(key, stacks[None])
        vendor = question_vendor(workspace, stack, entry.topic, entry.action)
        return vendor.id if vendor else None

    return history_stats(
        entries,
        minutes_per_reply=workspace.settings.minutes_per_reply,
        now=now,
        since=since,
        vendor_of=vendor_of,
    )
