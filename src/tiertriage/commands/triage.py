"""`tiertriage triage`: triage every message of an mbox, a Maildir or a folder of .eml files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def triage(
    path: Annotated[
        Path,
        typer.Argument(
            help="An mbox file, a Maildir folder (cur/, new/) or a folder of .eml files.",
            show_default=False,
        ),
    ],
    *,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts",
            metavar="DIR",
            help="Write each reply as an RFC 822 draft (.eml) into DIR.",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per message (JSON lines).")
    ] = False,
) -> None:
    """Triage every message of a mailbox and summarise: from, client, subject, topic, action.

    A message that cannot be read is reported in its row; the run goes on.

    Example: tiertriage triage ~/Mail/clients --drafts ~/Mail/drafts
    """
    from tiertriage.answer import Responder
    from tiertriage.mail.batch import MailboxTriage, Spool, summary_row
    from tiertriage.mail.mailbox import open_mailbox
    from tiertriage.render import mailbox as shown
    from tiertriage.render.output import print_json_line
    from tiertriage.workspace import Workspace

    mailbox = open_mailbox(path)
    from tiertriage.render.output import warn

    run = MailboxTriage(mailbox, Responder(Workspace(notify=warn)), drafts=drafts)
    progress = shown.progress(mailbox.size(), bytes_total=mailbox.kind == "mbox")
    with Spool.temporary() as rows:
        with progress as advance:
            for item in mailbox:
                record = run.process(item)
                if json_output:
                    print_json_line(record)
                else:
                    rows.add(summary_row(record, mailbox.key_field))
                advance(item.advance)
        if not json_output:
            shown.print_messages(rows)
    shown.print_counts(run.counts, stderr=json_output)
