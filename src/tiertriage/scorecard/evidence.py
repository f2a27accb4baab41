"""The evidence a scorecard weighs, gathered from the workspace: the catalogue's vendors,
the freelancer's tests, and the history of client questions, vendor by vendor."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tiertriage.scorecard.score import CONSULT_ACTIONS, Scorecard, Usage, ranked, score, weights

if TYPE_CHECKING:
    from tiertriage.catalog.models import Vendor
    from tiertriage.store.vendor_tests import VendorTest
    from tiertriage.workspace import Workspace


def scorecards(workspace: Workspace, role: str | None = None) -> list[Scorecard]:
    """A scorecard for every vendor (of `role`), best first."""
    from tiertriage.errors import NotFoundError
    from tiertriage.wording import unknown

    catalog = workspace.catalog
    if role is not None and role not in catalog.roles:
        raise NotFoundError(unknown("role", role, list(catalog.roles), list_known=True))
    chosen = weights(workspace.settings.scorecard_weights)
    vendors = catalog.vendors_for(role) if role else list(catalog.vendors.values())
    tests: dict[str, list[VendorTest]] = {}
    for test in workspace.store.vendor_tests():
        tests.setdefault(test.vendor, []).append(test)
    usage = usage_by_vendor(workspace)
    return ranked(
        [score(v, tests.get(v.id, []), usage.get(v.id, Usage()), chosen) for v in vendors]
    )


def usage_by_vendor(workspace: Workspace) -> dict[str, Usage]:
    """Vendor id -> how many clients use it, and the questions its topics got.

    A question counts for the vendor its topic's role has in the asking client's stack
    (the default stack without a client, or for a removed one). Questions put to review
    are left out: nothing in the catalogue fitted them well, so their topic is a guess.
    """
    stacks = client_stacks(workspace)
    clients: Counter[str] = Counter()
    for key, stack in stacks.items():
        if key is not None:
            clients.update({vendor.id for vendor in stack.values()})
    questions: Counter[str] = Counter()
    consults: Counter[str] = Counter()
    for key, topic_id, action, count in workspace.store.topic_counts():
        vendor = question_vendor(workspace, stacks.get(key, stacks[None]), topic_id, action)
        if vendor is None:
            continue
        questions[vendor.id] += count
        if action in CONSULT_ACTIONS:
            consults[vendor.id] += count
    return {
        vendor_id: Usage(clients[vendor_id], questions[vendor_id], consults[vendor_id])
        for vendor_id in clients.keys() | questions.keys()
    }


def client_stacks(workspace: Workspace) -> dict[str | None, dict[str, Vendor]]:
    """Client key -> the vendors of their stack; None -> the default stack."""
    stacks: dict[str | None, dict[str, Vendor]] = {None: workspace.stack_for(None)}
    for client in workspace.store.clients():
        stacks[client.key] = workspace.stack_for(client)
    return stacks


def question_vendor(
    workspace: Workspace, stack: dict[str, Vendor], topic_id: str | None, action: str
) -> Vendor | None:
    """The vendor a question counts for: its topic's role in the asking client's `stack`;
    None for a review (its topic is a guess) or a topic without a role."""
    topic = workspace.catalog.topics.get(topic_id) if topic_id else None
    if action == "review" or topic is None or topic.role is None:
        return None
    return stack.get(topic.role)


def recommended_order(workspace: Workspace) -> dict[str, list[str]]:
    """Role -> its vendor ids, the best scorecard first (for `init` and `client add`)."""
    cards = scorecards(workspace)
    return {
        role: [c.vendor.id for c in cards if role in c.vendor.roles]
        for role in workspace.catalog.roles
    }
