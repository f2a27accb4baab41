"""Triaging a whole mailbox, message by message: a JSON-ready record each, drafts, counts.

Library API of `tiertriage triage`, on top of `answer` (one message) and `mail.mailbox`
(streaming the messages). Nothing is kept per message but the counts; the summary
rows wait in a temporary file.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from tiertriage.answer import Responder
from tiertriage.catalog.models import ACTIONS
from tiertriage.errors import InputError, TiertriageError
from tiertriage.mail.mailbox import Item, Mailbox, draft_name
from tiertriage.mail.message import envelope, read


class MailboxTriage:
    """Triages a mailbox message by message: a JSON-ready record each, drafts, counts.

    A message that cannot be read becomes a record with an `error`; only errors that
    concern the whole run (catalogue, settings, database) stop it.
    """

    def __init__(self, mailbox: Mailbox, responder: Responder, *, drafts: Path | None) -> None:
        self.mailbox = mailbox
        self.responder = responder
        self.drafts = drafts
        self.counts: Counter[str] = Counter()
        if drafts is not None:
            try:
                drafts.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                message = f"{drafts}: cannot create the drafts folder: {exc.strerror}"
                raise InputError(message) from None

    def process(self, item: Item) -> dict[str, Any]:
        base: dict[str, Any] = {self.mailbox.key_field: item.key}
        try:
            if item.error:
                raise InputError(item.error)
            answer = self.responder.answer(read(item.data))
        except InputError as error:
            return self._failed(base, item, str(error))
        except TiertriageError:
            raise
        except Exception as error:  # a bug must not cost the rest of the mailbox
            return self._failed(base, item, f"internal error: {type(error).__name__}: {error}")
        from tiertriage.render.shapes import answer_json

        record = {**base, **answer_json(answer)}
        self.counts[max((o.action for o in answer.outcomes), key=ACTIONS.index)] += 1
        if self.drafts is not None:
            target = self.drafts / draft_name(item.key)
            target.write_text(answer.draft(), encoding="utf-8")
            record["draft"] = str(target)
        return record

    def _failed(self, base: dict[str, Any], item: Item, error: str) -> dict[str, Any]:
        self.counts["error"] += 1
        sender, subject = envelope(item.data)
        from tiertriage.render.shapes import sender_text

        found = {"from": sender_text(sender) if sender else None, "client": None}
        return {**base, **found, "subject": subject, "error": error}


def summary_row(record: dict[str, Any], key_field: str) -> list[str]:
    """(message, from, client, subject, topic, action) of a `MailboxTriage` record."""
    client = record.get("client")
    cells = [str(record[key_field]), record.get("from") or "", client["name"] if client else ""]
    cells.append(record.get("subject") or "")
    if "error" in record:
        return [*cells, record["error"], "error"]
    items = record.get("items") or [record]
    topic = record.get("matched_topic") or "-"
    if len(items) > 1:
        topic += f" +{len(items) - 1}"
    return [*cells, topic, max((i["action"] for i in items), key=ACTIONS.index)]


class Spool:
    """Rows kept in a temporary file rather than in memory, read back in order."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    @classmethod
    @contextmanager
    def temporary(cls) -> Iterator[Spool]:
        with tempfile.TemporaryFile() as file:
            yield cls(file)

    def add(self, row: list[str]) -> None:
        self._file.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def __iter__(self) -> Iterator[list[str]]:
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)
