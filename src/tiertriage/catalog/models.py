"""Typed models of the catalogues, and the field types settings and clients share.

Validation of shape lives here; rules that need the whole catalogue (roles, vendor ids,
placeholders) live in `catalog.validate`.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import, which costs `tiertriage ask` several milliseconds.
"""

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
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
# What a topic does when it is matched.
TopicAction = Literal["answer", "answer+consult", "escalate"]
# What happens to a question: a topic's action, or `review` when nothing fits well
# enough. In order of how much of the freelancer's own time each needs.
Action = Literal["answer", "answer+consult", "escalate", "review"]
ACTIONS: tuple[Action, ...] = ("answer", "answer+consult", "escalate", "review")
TOPIC_ACTIONS: tuple[TopicAction, ...] = ("answer", "answer+consult", "escalate")

# A language block inside a topic is keyed by its two-letter code (`pl:`).
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# As a client's vendor of a role: the client has no such vendor (`--theme none`), or
# the role follows the default stack (`--host default`). Never a vendor's id.
NO_VENDOR = "none"
DEFAULT_VENDOR = "default"
# The reply fields a language block may give in its own words.
REPLY_FIELDS = ("title", "directions", "vendor_directions", "search", "next_step", "consult")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Support(Model):
    """A vendor's own support channels: what a reply links to, best channel first.

    Only what the vendor's own pages say, each fact with its source in `Vendor.sources`.
    """

    help: Url  # the help centre (or the documentation, without a help desk)
    # False for projects that offer no direct support (WordPress.org, Let's Encrypt):
    # replies send clients to the community forum instead of a help desk.
    helpdesk: bool = True
    chat: Url | None = None  # where live chat starts; only if the vendor has one
    chat_hours: Text | None = None  # as published
    chat_plans: Text | None = None  # when chat depends on the plan: "paid plans"
    phone: Text | None = None
    phone_hours: Text | None = None
    contact: Url | None = None  # ticket or contact form
    email: Text | None = None  # a support address, where support is by email
    status: Url | None = None  # status page
    community: Url | None = None  # forum
    tutorials: Url | None = None
    response_time: Text | None = None  # published first-response time
    transcripts: bool | None = None  # chat transcripts offered (where stated)
    languages: list[Text] = []  # support languages, where stated (en, pl, ...)
    help_pl: Url | None = None  # the help centre in Polish, where there is one


class Reviews(Model):
    """Links to review sites (links only: no scores that cannot be checked)."""

    trustpilot: Url | None = None
    reviews_io: Url | None = None


CheckedMonth = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4}-\d{2}$")]


class Vendor(Model):
    id: Slug
    name: Text
    roles: list[Slug] = Field(min_length=1)
    # A hosted platform (Squarespace, Shopify): a client using it for one of its roles
    # has it for all of them, unless they record another vendor for a role.
    platform: bool = False
    # Vendors this one runs on (a WordPress theme: [wordpress]); a stack with none of
    # them cannot use it.
    requires: list[Slug] = []
    aliases: list[Text] = []
    website: Url | None = None
    support: Support
    notes: Text | None = None
    checked: CheckedMonth | None = None  # when these facts were last checked: "2026-12"
    sources: dict[Text, Url] = {}  # fact (e.g. "support.chat_hours") -> the page it is from
    trial: Text | None = None  # free trial terms, as published
    money_back: Text | None = None  # money-back terms, as published
    reviews: Reviews | None = None


class Role(Model):
    label: Text  # "web host": a reply says "your web host" when a client has none
    default: Slug
    labels: dict[str, Text] = {}  # the label in other languages, by code: {pl: ...}

    def label_in(self, language: str) -> str:
        return self.labels.get(language, self.label)


class Localised(Model):
    """A topic in another language (`pl:` inside the topic): its own phrasings for matching,
    and reply fields that replace the English ones for a client writing in that language."""

    title: Text | None = None
    keywords: list[Text] = []
    examples: list[Text] = []
    near_misses: list[Text] = []
    directions: Text | None = None
    vendor_directions: dict[Slug, Text] = {}
    vendor_links: dict[Slug, Url] = {}  # the vendor's page for the task in this language
    links: list[Url] = []
    search: Text | None = None
    next_step: Text | None = None
    consult: Text | None = None


class Topic(Model):
    id: Slug
    role: Slug | None = None
    title: Text
    action: TopicAction = "answer"
    keywords: list[Text] = []
    examples: list[Text] = []
    near_misses: list[Text] = []
    # What is true on every platform of the role: it names no vendor.
    directions: Text | None = None
    # Each vendor's own screens for the task, by vendor id, with the page they are from.
    vendor_directions: dict[Slug, Text] = {}
    sources: dict[Slug, Url] = {}
    # The vendor's own page for this task, by vendor id: the reply links the client's.
    vendor_links: dict[Slug, Url] = {}
    links: list[Url] = []  # vendor-neutral explainers (how DNS works)
    # Vendors of the role whose own page for the task was looked for and not found: their
    # clients get the generic text and the help centre (lint accepts that, having asked).
    unverified: list[Slug] = []
    search: Text | None = None
    next_step: Text | None = None
    consult: Text | None = None
    # Urgent symptoms (site down, payments failing): listed first by `triage`, and the
    # reply points to the vendor's fastest channel.
    urgent: bool = False
    # language code -> the topic in that language; written as `pl:` blocks in YAML
    languages: dict[str, Localised] = {}

    @model_validator(mode="before")
    @classmethod
    def _language_blocks(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        blocks = {
            key: value
            for key, value in data.items()
            if isinstance(key, str) and LANGUAGE_CODE.match(key) and key not in cls.model_fields
        }
        if not blocks:
            return data
        rest = {key: value for key, value in data.items() if key not in blocks}
        return rest | {"languages": {**rest.get("languages", {}), **blocks}}

    def as_written(self) -> dict[str, Any]:
        """The topic as its YAML spells it: language blocks under their codes (`pl:`)."""
        data = self.model_dump(mode="json", exclude={"languages"})
        for code, block in self.languages.items():
            data[code] = block.model_dump(mode="json", exclude_defaults=True)
        return data

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
        for code, block in self.languages.items():
            for name in ("directions", "next_step", "consult", "search"):
                if value := getattr(block, name):
                    found[f"{code}.{name}"] = value
            for vendor, text in block.vendor_directions.items():
                found[f"{code}.vendor_directions.{vendor}"] = text
        return found
