"""Mailbox triage in windows (`mail.batch`): the same decisions as one message at a time,
and the lexical stage's memos stay bounded over a long run."""

from __future__ import annotations

import pickle
from pathlib import Path

from tiertriage.answer import Responder
from tiertriage.mail.batch import WINDOW, MailboxTriage
from tiertriage.mail.mailbox import open_mailbox
from tiertriage.mail.message import read
from tiertriage.matching import lexical
from tiertriage.render.shapes import answer_json
from tiertriage.workspace import Workspace

# Some the lexical stage is sure of, some it is not (the model embeds those), one
# out of scope, one it knows no word of; each message adds a detail of its own.
QUESTIONS = [
    "How long until the new nameservers work? The old site still shows on my phone.",
    "things feel sluggish and odd lately, what should I check",
    "Could you redesign the whole homepage with a fresh look for autumn?",
    "our online shop wont take anyones cards since this morning",
    "the bit at the bottom of every page still says 2019",
    "How do I make info@ forward to my own mailbox?",
    "is the padlock thing in the address bar something we need to pay for",
    "zyxw qvvt",
]


def _mbox(path: Path, count: int) -> Path:
    chunks = []
    for number in range(count):
        question = QUESTIONS[number % len(QUESTIONS)]
        second = QUESTIONS[(number * 3 + 1) % len(QUESTIONS)] if number % 5 == 0 else ""
        chunks.append(
            f"From sender{number}@example.com Mon Mar  4 10:00:00 2024\n"
            f"From: Client {number} <c{number}@shop{number % 7}.example>\n"
            f"To: me@studio.example\nSubject: question {number}\n"
            f"Message-ID: <q{number}@shop.example>\n\n"
            f"Hi,\n\n{question} (ticket {number})\n\n{second}\n\nThanks\n\n"
        )
    path.write_text("".join(chunks), encoding="utf-8")
    return path


def test_a_mailbox_answered_in_windows_decides_as_one_message_at_a_time(tmp_path: Path) -> None:
    mailbox = open_mailbox(_mbox(tmp_path / "box.mbox", WINDOW + 9))
    run = MailboxTriage(mailbox, Workspace(), log=False)
    windowed = {done.record[mailbox.key_field]: done.record for done in run.run(mailbox)}
    alone = Responder(Workspace())
    matcher = alone.matcher
    unsure = 0
    for item in mailbox:
        mail = read(item.data)
        unsure += sum(not matcher.is_sure(matcher.lexical.posterior(q)) for q in mail.questions)
        expected, record = answer_json(alone.answer(mail)), windowed[item.key]
        assert {key: record[key] for key in expected} == expected, item.key
    assert len(windowed) == WINDOW + 9
    assert unsure >= WINDOW // 2  # the model did embed batches of questions


def test_remembered_typos_and_posteriors_stay_bounded(shipped, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    index = pickle.loads(pickle.dumps(shipped.index))  # its own memos, empty
    monkeypatch.setattr(lexical, "REMEMBERED_TYPOS", 20)
    monkeypatch.setattr(lexical, "REMEMBERED_POSTERIORS", 10)
    first = index.posterior("how do I renew the domian")
    assert index.posterior("how do I renew the domian") is first
    for number in range(60):
        word = "".join(chr(ord("a") + int(d)) for d in f"{number:03d}")
        index.posterior(f"renew the domian before qwert{word} expires")
    assert len(index._typos) == 20 and len(index._posteriors) == 10
    # forgotten, then worked out again: the same answer
    again = index.posterior("how do I renew the domian")
    assert again is not first and again == first
    assert "_typos" not in index.__getstate__() and "_posteriors" not in index.__getstate__()
