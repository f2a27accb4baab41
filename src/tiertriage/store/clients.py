"""Clients: the model (who to greet, their addresses, domains and vendors) and its queries.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import (see `catalog.models`).
"""

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from tiertriage.catalog.models import Model, Slug, Text
from tiertriage.errors import ExistsError, NotFoundError
from tiertriage.matching.normalise import Language
from tiertriage.store.addresses import PUBLIC_MAIL_DOMAINS, bare_address, parent_domains
from tiertriage.store.connection import Connection

if TYPE_CHECKING:
    import sqlite3

AMBIGUOUS_SHOWN = 10  # candidates listed for an ambiguous name


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

    `stack` holds only the roles recorded for this client (role -> vendor id, or `none`
    for a role they do not have); every other role follows the platform they use for
    another role (Squarespace hosts its own sites), else the user's default stack, so
    changing the default moves them too.
    """

    name: Line
    contact: Line | None = None
    emails: Annotated[list[EmailAddress], AfterValidator(_unique)] = []
    domains: Annotated[list[DomainName], AfterValidator(_unique)] = []
    notes: Text | None = None
    # The last day of the included email support; after it, replies offer a consult.
    support_until: Annotated[date | None, BeforeValidator(_iso_date)] = None
    stack: dict[Slug, Slug] = {}
    greeting: Line | None = None  # their own greeting line: "Dzień dobry Pani Anno"
    language: Language | None = None  # replies in this language, whatever they write in

    @property
    def key(self) -> str:
        return client_key(self.name)

    @property
    def first_name(self) -> str | None:
        """The contact's given name, titles skipped: "dr Piotr Kowalski" -> "Piotr"."""
        if not self.contact:
            return None
        from tiertriage.mail.message import Sender

        return Sender(self.contact, "").first_name

    @property
    def domain(self) -> str | None:
        """The domain a reply's `{domain}` stands for: the first one recorded."""
        return self.domains[0] if self.domains else None

    def support_expired(self, today: date) -> bool:
        return self.support_until is not None and today > self.support_until


class ClientQueries(Connection):
    """The clients table and its details, for `Store`."""

    def add_client(self, client: Client) -> None:
        with self._write() as db:
            self._insert(db, client)

    def update_client(self, name: str, client: Client) -> None:
        """Replace the client called `name` (it may be renamed) with `client`."""
        with self._write() as db:
            self._replace(db, self._id(db, name), client)

    def remove_client(self, name: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM clients WHERE id = ?", (self._id(db, name),))

    def import_clients(self, clients: Sequence[Client], *, replace: bool = False) -> int:
        """Add every client in one transaction: all of them or, on any error, none.
        An existing name is an error unless `replace`. Returns how many were replaced."""
        replaced = 0
        with self._write() as db:
            existing = {
                key: (client_id, name)
                for client_id, key, name in db.execute("SELECT id, key, name FROM clients")
            }
            clashes = [existing[c.key][1] for c in clients if c.key in existing]
            if clashes and not replace:
                raise ExistsError(
                    f"{len(clashes)} client(s) already exist: {_listing(clashes)}",
                    hint="pass --replace to overwrite them; nothing was imported",
                )
            for client in clients:
                if client.key in existing:
                    replaced += 1
                    self._replace(db, existing[client.key][0], client)
                else:
                    self._insert(db, client)
        return replaced

    def clients(self) -> list[Client]:
        """Every client, ordered by name."""
        with self._snapshot() as db:
            return _load_clients(db, "ORDER BY key")

    def client_names(self) -> list[str]:
        with self._errors():
            return [name for (name,) in self.db.execute("SELECT name FROM clients ORDER BY key")]

    def find_client(self, name: str) -> Client:
        """The client called `name` ignoring case; else the only one whose name starts so."""
        key = client_key(name)
        with self._snapshot() as db:
            found = db.execute("SELECT id, name FROM clients WHERE key = ?", (key,)).fetchall()
            if not found:
                found = db.execute(
                    "SELECT id, name FROM clients WHERE key >= ? AND key < ? ORDER BY key",
                    (key, key + "\U0010ffff"),  # every key that starts with `key`
                ).fetchall()
            if len(found) == 1:
                return _load_clients(db, "WHERE id = ?", (found[0][0],))[0]
        if found:
            raise NotFoundError(
                f"'{name}' matches {len(found)} clients: {_listing([n for _, n in found])}",
                hint="give more of the name",
            )
        from tiertriage.wording import closest

        names = self.client_names()
        if not names:
            raise NotFoundError(
                f"no client named '{name}'", hint="no clients yet: `tiertriage client add NAME`"
            )
        known = names if len(names) <= AMBIGUOUS_SHOWN else ()
        raise NotFoundError(f"no client named '{name}'{closest(name, names, known=known)}")

    def client_for_address(self, address: str) -> Client | None:
        """The client an email address belongs to: its recorded address, else its domain
        among recorded domains, else among the domains of recorded addresses (never a
        public mailbox provider's). None when nothing, or more than one client, fits."""
        address = bare_address(address)
        domain = address.rpartition("@")[2]
        if not domain:
            return None
        domains = parent_domains(domain)
        queries: list[tuple[str, Sequence[str]]] = [
            ("SELECT DISTINCT client_id FROM client_emails WHERE address = ?", (address,))
        ]
        queries += [
            (
                "SELECT DISTINCT client_id FROM client_domains WHERE domain IN (?, ?)",
                (d, "www." + d),
            )
            for d in domains
        ]
        if domain not in PUBLIC_MAIL_DOMAINS:
            queries += [
                ("SELECT DISTINCT client_id FROM client_emails WHERE domain = ?", (d,))
                for d in domains
            ]
        with self._snapshot() as db:
            for sql, params in queries:
                ids = [client_id for (client_id,) in db.execute(sql, params)]
                if len(ids) > 1:
                    return None
                if ids:
                    return _load_clients(db, "WHERE id = ?", (ids[0],))[0]
        return None

    def _insert(self, db: "sqlite3.Connection", client: Client) -> None:
        import sqlite3

        try:
            cursor = db.execute(
                "INSERT INTO clients (key, name, contact, notes, support_until, greeting, "
                "language) VALUES (?, ?, ?, ?, ?, ?, ?)",
                _client_row(client),
            )
        except sqlite3.IntegrityError:
            raise self._exists(db, client) from None
        assert cursor.lastrowid is not None
        _insert_details(db, cursor.lastrowid, client)

    def _replace(self, db: "sqlite3.Connection", client_id: int, client: Client) -> None:
        """Overwrite a client in place, so its history stays linked (and renamed)."""
        import sqlite3

        try:
            db.execute(
                "UPDATE clients SET key = ?, name = ?, contact = ?, notes = ?, "
                "support_until = ?, greeting = ?, language = ? WHERE id = ?",
                (*_client_row(client), client_id),
            )
        except sqlite3.IntegrityError:
            raise self._exists(db, client) from None
        for table in ("client_emails", "client_domains", "client_stack"):
            db.execute(f"DELETE FROM {table} WHERE client_id = ?", (client_id,))
        db.execute(
            "UPDATE history SET client_name = ? WHERE client_id = ?", (client.name, client_id)
        )
        _insert_details(db, client_id, client)

    def _id(self, db: "sqlite3.Connection", name: str) -> int:
        row = db.execute("SELECT id FROM clients WHERE key = ?", (client_key(name),)).fetchone()
        if row is None:
            raise NotFoundError(f"no client named '{name}'")
        return int(row[0])

    def _exists(self, db: "sqlite3.Connection", client: Client) -> ExistsError:
        row = db.execute("SELECT name FROM clients WHERE key = ?", (client.key,)).fetchone()
        existing = row[0] if row else client.name
        return ExistsError(
            f"a client named '{existing}' already exists",
            hint=f"change it with `tiertriage client edit '{existing}'`",
        )


def _client_row(client: Client) -> tuple[Any, ...]:
    until = client.support_until.isoformat() if client.support_until else None
    return (
        client.key,
        client.name,
        client.contact,
        client.notes,
        until,
        client.greeting,
        client.language,
    )


def _insert_details(db: "sqlite3.Connection", client_id: int, client: Client) -> None:
    db.executemany(
        "INSERT INTO client_emails VALUES (?, ?, ?, ?)",
        [(client_id, n, a, a.rpartition("@")[2]) for n, a in enumerate(client.emails)],
    )
    db.executemany(
        "INSERT INTO client_domains VALUES (?, ?, ?)",
        [(client_id, n, d) for n, d in enumerate(client.domains)],
    )
    db.executemany(
        "INSERT INTO client_stack VALUES (?, ?, ?)",
        [(client_id, role, vendor) for role, vendor in sorted(client.stack.items())],
    )


def _load_clients(
    db: "sqlite3.Connection", clause: str, params: Sequence[Any] = ()
) -> list[Client]:
    """Clients chosen by `clause` (on table `clients`), with their addresses, domains, stack."""
    rows = db.execute(
        f"SELECT id, name, contact, notes, support_until, greeting, language FROM clients {clause}",
        params,
    ).fetchall()
    if not rows:
        return []
    chosen = f"SELECT id FROM clients {clause}"
    emails = _grouped(db, "address", "client_emails", chosen, params, "position")
    domains = _grouped(db, "domain", "client_domains", chosen, params, "position")
    stacks = _grouped(db, "role, vendor", "client_stack", chosen, params, "role")
    # Rows were validated when written: construct without validating again (fast lists).
    return [
        Client.model_construct(
            name=name,
            contact=contact,
            emails=emails.get(client_id, []),
            domains=domains.get(client_id, []),
            notes=notes,
            support_until=date.fromisoformat(until) if until else None,
            stack=dict(stacks.get(client_id, [])),
            greeting=greeting,
            language=language,
        )
        for client_id, name, contact, notes, until, greeting, language in rows
    ]


def _grouped(
    db: "sqlite3.Connection",
    columns: str,
    table: str,
    chosen: str,
    params: Sequence[Any],
    order: str,
) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    sql = (
        f"SELECT client_id, {columns} FROM {table} WHERE client_id IN ({chosen}) "
        f"ORDER BY client_id, {order}"
    )
    for client_id, *values in db.execute(sql, params):
        grouped.setdefault(client_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return grouped


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(names[:AMBIGUOUS_SHOWN])
    return shown + (
        f", … ({len(names) - AMBIGUOUS_SHOWN} more)" if len(names) > AMBIGUOUS_SHOWN else ""
    )
