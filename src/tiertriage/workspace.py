"""The user's world: paths, settings, catalogue and database, each loaded on first use.

Commands receive one `Workspace`; nothing is read until a command needs it, which
keeps `tiertriage ask` from opening the database or parsing YAML it does not need.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

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
        from tiertriage.catalog.load import model_dir
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
        catalog = self.catalog
        stack = {role: catalog.default_vendor(role) for role in catalog.roles}
        for role, vendor_id in self.settings.default_stack.items():
            where = f"{self.paths.settings_file}: field 'default_stack.{role}'"
            if role not in catalog.roles:
                raise ConfigError(f"{where}: unknown role (known: {', '.join(catalog.roles)})")
            stack[role] = self.vendor(vendor_id, role=role, context=where)
        return stack

    def vendor(self, vendor_id: str, *, role: str | None = None, context: str = "") -> Vendor:
        """The vendor `vendor_id`, or an error suggesting the closest ids (of `role`)."""
        from tiertriage.wording import closest

        catalog = self.catalog
        prefix = f"{context}: " if context else ""
        if role is not None and role not in catalog.roles:
            roles = list(catalog.roles)
            raise NotFoundError(f"{prefix}unknown role '{role}'{closest(role, roles, known=roles)}")
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

    def stack_for(self, client: Client | None) -> dict[str, Vendor]:
        """The vendors a reply for `client` points to: theirs where recorded, else the
        default stack."""
        stack = self.default_stack()
        if client is not None:
            for role, vendor_id in client.stack.items():
                where = f"client '{client.name}': stack.{role}"
                stack[role] = self.vendor(vendor_id, role=role, context=where)
        return stack
