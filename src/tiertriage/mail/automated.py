"""Mail no person wrote: auto-replies, notifications, mailing lists, bounces. Pure.

`triage` skips these (unless asked not to): a reply to a "plugins were automatically
updated" notice or a newsletter is never wanted. The signs are the ones RFC 3834
(Auto-Submitted), RFC 2919/2369 (List-Id, List-Unsubscribe) and RFC 3464 (delivery
status reports) define, the older Precedence field, and a sender that says it takes no
replies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Why a message was skipped, as `triage --json` names it ("skipped": "<reason>").
AUTO_SUBMITTED = "auto-submitted"
BULK = "bulk"
MAILING_LIST = "mailing-list"
DELIVERY_REPORT = "delivery-report"
NO_REPLY = "no-reply"

_NO_REPLY_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|mailer[-_.]daemon|postmaster"
    r"|bounces?|notifications?)(?:[-_.+].*)?@",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"<([^<>]*)>\s*$")


def automated(header: Mapping[str, str]) -> str | None:
    """Why the message with these header fields (lower-case names) is automated, or None."""
    submitted = header.get("auto-submitted", "").split(";", 1)[0].strip().lower()
    precedence = header.get("precedence", "").strip().lower()
    # X-Autoreply and X-Autorespond: what auto-responders wrote before RFC 3834
    if (submitted and submitted != "no") or precedence == "auto_reply":
        return AUTO_SUBMITTED
    if "x-autoreply" in header or "x-autorespond" in header:
        return AUTO_SUBMITTED
    if precedence in ("bulk", "list", "junk"):
        return BULK
    if "list-id" in header or "list-unsubscribe" in header:
        return MAILING_LIST
    content_type = header.get("content-type", "").lower()
    if content_type.startswith("multipart/report") and "delivery-status" in content_type:
        return DELIVERY_REPORT
    if _NO_REPLY_SENDER.match(_address(header.get("from", ""))):
        return NO_REPLY
    return None


def _address(value: str) -> str:
    match = _ADDRESS.search(value)
    return (match.group(1) if match else value).strip().strip('"')
