"""The user's settings: the model, and the file (YAML in the config dir) read, validated
and written atomically.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import (see `catalog.models`).
"""

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, NonNegativeFloat

from tiertriage.catalog.models import Model, Slug, Text, Url
from tiertriage.errors import ConfigError
from tiertriage.matching.normalise import Language
from tiertriage.store.clients import EmailAddress
from tiertriage.wording import PERMISSIONS, field_path, first_problem

MAX_BACKUPS = 1000  # settings.yaml.bak, .bak.1 ... .bak.999

# What `vendors compare` scores, in the order it lists them; `scorecard.DEFAULT_WEIGHTS`
# weighs each and documents what it measures.
ScoreCriterion = Literal[
    "channels",
    "terms",
    "first_response",
    "staff",
    "good_questions",
    "sales_pitch",
    "transfers",
    "consults",
]


class Settings(Model):
    """The user's own settings (settings.yaml)."""

    name: Text | None = None
    signature: Text | None = None
    hourly_rate: float | None = Field(default=None, gt=0)
    currency: Text | None = None
    booking_link: Url | None = None
    # The From of reply drafts (with `name`); without it, the address the client wrote to.
    from_address: EmailAddress | None = None
    default_stack: dict[Slug, Slug] = {}
    # Overrides of the scorecard's default weights, criterion by criterion (0 ignores one).
    scorecard_weights: dict[ScoreCriterion, NonNegativeFloat] = {}
    # When the freelancer reads mail ("Mon-Fri 9-17"): urgent replies say so.
    office_hours: Text | None = None
    # The reply language when a question gives no sign of its own (a client's wins).
    language: Language | None = None
    # auto: the semantic stage helps when the lexical one is unsure; lexical: never load it
    matching: Literal["auto", "lexical"] = "auto"
    # `tiertriage stats`: the minutes a reply takes to write by hand (the time saved per reply)
    minutes_per_reply: NonNegativeFloat = 5.0


def load_settings(path: Path, cache_dir: Path | None = None) -> Settings:
    """Settings from `path`; defaults when the file does not exist.

    Validated settings are cached by content: building the validator costs more
    than the whole of `tiertriage ask` otherwise spends on them.
    """
    content = read_settings_file(path)
    if content is None:
        return Settings.model_construct()  # the defaults, without building a validator
    from tiertriage.cache import cached, content_key
    from tiertriage.catalog import models

    key = content_key([content], code=(models.__file__, __file__))
    return cached(cache_dir, "settings", key, lambda: parse_settings(content, str(path)), Settings)


def read_settings_file(path: Path) -> bytes | None:
    """The settings file's bytes; None when there is none. A file that exists but cannot
    be read is a `ConfigError`: never mistaken for a missing or an invalid one."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read settings: {exc.strerror}",
            hint=f"it was left as it is: {PERMISSIONS}",
        ) from None


def parse_settings(content: bytes, label: str) -> Settings:
    from pydantic import ValidationError

    from tiertriage.yamlfile import YamlSyntaxError, line_of, parse

    try:
        data = parse(content)
    except YamlSyntaxError as exc:
        raise ConfigError(exc.describe(label)) from None
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise ConfigError(f"{label}:1: settings must be a mapping of field: value")
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        location, message = first_problem(exc)
        dotted = field_path(location)
        raise ConfigError(
            f"{label}:{line_of(content, location)}: field '{dotted}': {message}",
            hint="edit the file or run `tiertriage init`",
        ) from None


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of each."""
    from tiertriage.paths import cannot_write, write_atomically
    from tiertriage.yamlfile import dump

    data = settings.model_dump(exclude_none=True, exclude_defaults=True)
    try:
        write_atomically(path, dump(data))
    except OSError as exc:
        raise cannot_write(path, exc) from None


def back_up_settings(path: Path, content: bytes) -> Path:
    """Keep `content` (the file as it was) as the first free `settings.yaml.bak`,
    `.bak.1`, `.bak.2`...: an earlier backup is never overwritten."""
    from tiertriage.paths import cannot_write, write_atomically

    for number in range(MAX_BACKUPS):
        backup = path.with_name(f"{path.name}.bak" + (f".{number}" if number else ""))
        try:
            if write_atomically(backup, content, new=True):
                return backup
        except OSError as exc:
            error = cannot_write(backup, exc)
            error.hint = "the settings were not changed"
            raise error from None
    raise ConfigError(
        f"{path}: {MAX_BACKUPS} backups of it exist already",
        hint="delete the old settings.yaml.bak* files you do not need",
    )


def updated_settings(settings: Settings, changes: dict[str, Any]) -> Settings:
    """`settings` with `changes` applied (None clears a field), validated as a whole.

    An invalid value raises an `InputError` naming the field, e.g. "booking_link: not
    a web address: 'cal.com/me' (expected https://...)".
    """
    from pydantic import ValidationError

    from tiertriage.errors import InputError

    data = {**settings.model_dump(), **changes}
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        location, message = first_problem(exc)
        raise InputError(f"{field_path(location)}: {message}") from None
