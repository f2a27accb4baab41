"""Typed models of the catalogues, and the field types settings and clients share.

Validation of shape lives here; rules that need the whole catalogue (roles, vendor ids,
placeholders) live in `catalog.load`.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import, which costs `tiertriage ask` several milliseconds.
"""

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise ValueError(f"not a web address: {value!r} (expected https://...)")
    return value


Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_url)]
Slug = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:[-.+][a-z0-9]+)*$")
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Action = Literal["answer", "answer+consult", "escalate"]
ACTIONS: tuple[Action, ...] = ("answer", "answer+consult", "escalate")

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Support(Model):
    """A vendor's own support channels: what a reply links to."""

    chat: Url | None = None
    chat_hours: Text | None = None
    help: Url
    contact: Url | None = None
    phone: Text | None = None
    phone_hours: Text | None = None
    status: Url | None = None
    community: Url | None = None
    response_time: Text | None = None


class Vendor(Model):
    id: Slug
    name: Text
    roles: list[Slug] = Field(min_length=1)
    aliases: list[Text] = []
    website: Url | None = None
    support: Support
    notes: Text | None = None


class Role(Model):
    label: Text
    default: Slug


class Topic(Model):
    id: Slug
    role: Slug | None = None
    title: Text
    action: Action = "answer"
    keywords: list[Text] = []
    examples: list[Text] = []
    near_misses: list[Text] = []
    directions: Text | None = None
    vendor_directions: dict[Slug, Text] = {}
    search: Text | None = None
    next_step: Text | None = None
    consult: Text | None = None

    @property
    def escalates(self) -> bool:
        return self.action == "escalate"

    @property
    def templates(self) -> dict[str, str]:
        """Every field that may hold placeholders, by field name."""
        found = {
            name: value
            for name in ("directions", "next_step", "consult", "search")
            if (value := getattr(self, name))
        }
        found.update(
            {f"vendor_directions.{vendor}": text for vendor, text in self.vendor_directions.items()}
        )
        return found
