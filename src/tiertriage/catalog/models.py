"""Typed models of the catalogues, settings and clients. Validation of shape lives here;
rules that need the whole catalogue (roles, vendor ids, placeholders) live in catalog.py.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import, which costs `tiertriage ask` several milliseconds.
"""

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

if TYPE_CHECKING:
    from pydantic import ValidationError


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


class Settings(Model):
    """The user's own settings (settings.yaml)."""

    name: Text | None = None
    signature: Text | None = None
    hourly_rate: float | None = Field(default=None, gt=0)
    currency: Text | None = None
    booking_link: Url | None = None
    default_stack: dict[Slug, Slug] = {}


def client_key(name: str) -> str:
    """The form client names are compared in: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


_EMAIL_ADDRESS = re.compile(r"[^@\s<>,;]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def _email_address(value: str) -> str:
    address = value.strip().lower()
    if not _EMAIL_ADDRESS.fullmatch(address):
        raise ValueError(f"not an email address: {value!r} (expected name@example.com)")
    return address


def _domain_name(value: str) -> str:
    """A bare host name; a pasted web address keeps only its host."""
    domain = re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/", 1)[0].rstrip(".")
    if not _DOMAIN_NAME.fullmatch(domain):
        raise ValueError(f"not a domain name: {value!r} (expected example.com)")
    return domain


def _one_line(value: str) -> str:
    if any(ord(char) < 32 for char in value):
        raise ValueError("must be a single line without tabs")
    return value


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _iso_date(value: object) -> object:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)
]
EmailAddress = Annotated[str, AfterValidator(_email_address)]
DomainName = Annotated[str, AfterValidator(_domain_name)]


class Client(Model):
    """A client: who to greet, how to recognise their mail, and the vendors they use.

    `stack` holds only the roles recorded for this client (role -> vendor id); every
    other role follows the user's default stack, so changing the default moves them too.
    """

    name: Line
    contact: Line | None = None
    emails: Annotated[list[EmailAddress], AfterValidator(_unique)] = []
    domains: Annotated[list[DomainName], AfterValidator(_unique)] = []
    notes: Text | None = None
    # The last day of the included email support; after it, replies offer a consult.
    support_until: Annotated[date | None, BeforeValidator(_iso_date)] = None
    stack: dict[Slug, Slug] = {}

    @property
    def key(self) -> str:
        return client_key(self.name)

    @property
    def first_name(self) -> str | None:
        return self.contact.split()[0] if self.contact else None

    @property
    def domain(self) -> str | None:
        """The domain a reply's `{domain}` stands for: the first one recorded."""
        return self.domains[0] if self.domains else None

    def support_expired(self, today: date) -> bool:
        return self.support_until is not None and today > self.support_until


def first_problem(
    error: "ValidationError", known: "tuple[str, ...]" = ()
) -> tuple[tuple[str | int, ...], str]:
    """Where a validation error's first problem is, and what it is in plain words.

    The one wording of every validation message (catalogues, settings, clients);
    `known` lists the valid field names for an unknown one.
    """
    problem = error.errors()[0]
    kind = problem["type"]
    if kind == "extra_forbidden":
        message = "unknown field" + (f" (known: {', '.join(known)})" if known else "")
    elif kind == "missing":
        message = "required field is missing"
    else:
        message = str(problem["msg"]).removeprefix("Value error, ")
    return tuple(problem["loc"]), message
