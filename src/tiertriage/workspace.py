"""The user's world: paths, settings, catalogue and database, each loaded on first use.

Commands receive one `Workspace`; nothing is read until a command needs it, which
keeps `tiertriage ask` from opening the database or parsing YAML it does not need.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import NO_VENDOR
from tiertriage.errors import ConfigError, NotFoundError
from tiertriage.paths import Paths, get_paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from tiertriage.catalog.load import Catalog
    from tiertriage.catalog.models import Vendor
    from tiertriage.matching.matcher import Matcher
    from tiertriage.matching.semantic import SemanticStage
    from tiertriage.settings import Settings
    from tiertriage.store.clients import Client
    from tiertriage.store.database import Store


class Resolved(NamedTuple):
    """One role of a client's stack: the vendor (None: they have none) and why it is theirs:
    "recorded", "your default stack", "with Squarespace" (a platform), "default"."""

    vendor: Vendor | None
    origin: str


def runs_on(vendor: Vendor, present: set[str]) -> bool:
    """Whether `vendor` can work in a stack of the vendors `present` (its `requires`)."""
    return not vendor.requires or bool(present.intersection(vendor.requires))


class Workspace:
    def __init__(
        self,
        paths: Paths | None = None,
        *,
        use_cache: bool = True,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.paths = paths or get_paths()
        self.use_cache = use_cache
        # How a command hears of a problem it can carry on through (no model: lexical only).
        self.notify = notify or (lambda message: None)

    @cached_property
    def settings(self) -> Settings:
        from tiertriage.settings import load_settings

        cache = self.paths.cache_dir if self.use_cache else None
        return load_settings(self.paths.settings_file, cache)

    @cached_property
    def catalog(self) -> Catalog:
        from tiertriage.catalog.load import load_catalog

        cache = self.paths.cache_dir if self.use_cache else None
        return load_catalog(self.paths.config_dir, cache)

    @cached_property
    def matcher(self) -> Matcher:
        """The catalogue's matcher; its semantic stage loads only when first needed."""
        from tiertriage.matching.matcher import Matcher

        return Matcher(self.catalog.index, lambda: self.semantic)

    @cached_property
    def semantic(self) -> SemanticStage | None:
        """The sentence model and the catalogue's embeddings (computed once, then cached);
        None when `matching: lexical` is set or the model cannot be used (said once)."""
        if self.settings.matching == "lexical":
            return None
        from tiertriage.catalog.sources import model_dir
        from tiertriage.matching.embedder import ModelUnavailable
        from tiertriage.matching.semantic import load_stage

        cache = self.paths.cache_dir if self.use_cache else None
        try:
            return load_stage(self.catalog.texts(), model_dir(), cache, self.notify)
        except ModelUnavailable as error:
            self.notify(f"warning: {error}; matching with words only")
            return None

    @cached_property
    def store(self) -> Store:
        """The database of clients and history, opened (created, migrated) on first use."""
        from tiertriage.store.database import Store

        return Store(self.paths.database)

    def default_stack(self) -> dict[str, Vendor]:
        """The recommended stack, overridden role by role by the user's `default_stack`."""
        return self.stack_for(None)

    def vendor(self, vendor_id: str, *, role: str | None = None, context: str = "") -> Vendor:
        """The vendor `vendor_id`, or an error suggesting the closest ids (of `role`)."""
        from tiertriage.wording import closest

        catalog = self.catalog
        prefix = f"{context}: " if context else ""
        if role is not None:
            self.check_role(role, context=context)
        vendor = catalog.vendors.get(vendor_id.strip().lower())
        if vendor is not None and (role is None or role in vendor.roles):
            return vendor
        candidates = catalog.vendors_for(role) if role else list(catalog.vendors.values())
        ids = [v.id for v in candidates]
        what = (
            f"'{vendor_id}' is not a known {role} vendor"
            if role
            else f"unknown vendor '{vendor_id}'"
        )
        raise NotFoundError(f"{prefix}{what}{closest(vendor_id, ids, known=ids)}")

    def check_role(self, role: str, *, context: str = "") -> None:
        """An error suggesting the closest roles, unless `role` is one."""
        from tiertriage.wording import closest

        roles = list(self.catalog.roles)
        if role not in roles:
            prefix = f"{context}: " if context else ""
            raise NotFoundError(f"{prefix}unknown role '{role}'{closest(role, roles, known=roles)}")

    def stack_for(self, client: Client | None) -> dict[str, Vendor]:
        """The vendors a reply for `client` points to, by role; a role they do not have
        (recorded `none`, or a default their stack cannot run) is absent."""
        return {role: r.vendor for role, r in self.resolved_stack(client).items() if r.vendor}

    def resolved_stack(self, client: Client | None) -> dict[str, Resolved]:
        """Every role's vendor for `client` (None: the default stack) and where it comes from.

        A role the client records wins, then the user's `default_stack`; a role neither
        names follows a platform recorded for another role (a Squarespace site is hosted
        by Squarespace), else the catalogue's default, unless that default cannot run on
        the stack (a WordPress theme on a Squarespace site): then the role has no vendor.
        """
        catalog = self.catalog
        chosen: dict[str, Resolved] = {}
        for role, vendor_id in self.settings.default_stack.items():
            where = f"{self.paths.settings_file}: field 'default_stack.{role}'"
            if role not in catalog.roles:
                raise ConfigError(f"{where}: unknown role (known: {', '.join(catalog.roles)})")
            chosen[role] = Resolved(self._chosen(vendor_id, role, where), "your default stack")
        if client is not None:
            for role, vendor_id in client.stack.items():
                where = f"client '{client.name}': stack.{role}"
                chosen[role] = Resolved(self._chosen(vendor_id, role, where), "recorded")
        platforms = [r.vendor for r in chosen.values() if r.vendor and r.vendor.platform]
        resolved: dict[str, Resolved] = {}
        for role in catalog.roles:
            platform = next((p for p in platforms if role in p.roles), None)
            if role in chosen:
                resolved[role] = chosen[role]
            elif platform is not None:
                resolved[role] = Resolved(platform, f"with {platform.name}")
            else:
                resolved[role] = Resolved(catalog.default_vendor(role), "default")
        present = {r.vendor.id for r in resolved.values() if r.vendor}
        for role, found in resolved.items():
            vendor = found.vendor
            if found.origin == "default" and vendor and not runs_on(vendor, present):
                resolved[role] = Resolved(None, f"{vendor.name} cannot run on this stack")
        return resolved

    def stack_problems(self, client: Client | None) -> list[str]:
        """Vendors recorded together that cannot work together, e.g. "shop: WooCommerce
        runs on WordPress, but the website platform is Squarespace"."""
        catalog = self.catalog
        resolved = self.resolved_stack(client)
        present = {r.vendor.id for r in resolved.values() if r.vendor}
        problems: list[str] = []
        for role, found in resolved.items():
            vendor = found.vendor
            if vendor is None or runs_on(vendor, present):
                continue
            needed = [catalog.vendors[v] for v in vendor.requires if v in catalog.vendors]
            names = " or ".join(v.name for v in needed) or ", ".join(vendor.requires)
            base_roles = [r for v in needed for r in v.roles if r in resolved]
            base = resolved[base_roles[0]] if base_roles else None
            label = catalog.roles[base_roles[0]].label if base_roles else "stack"
            now = base.vendor.name if base and base.vendor else NO_VENDOR
            problems.append(f"{role}: {vendor.name} runs on {names}, but the {label} is {now}")
        return problems

    def _chosen(self, vendor_id: str, role: str, where: str) -> Vendor | None:
        if vendor_id.strip().lower() == NO_VENDOR:
            self.check_role(role, context=where)
            return None
        return self.vendor(vendor_id, role=role, context=where)
