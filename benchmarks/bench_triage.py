"""Mailbox triage: messages per second on one core, and peak memory for 1,000 vs 10,000
messages, on a first run and on a rerun (targets: >= 300 messages/s with the semantic
stage loaded once; a rerun, every message skipped as handled, >= 5,000 messages/s; peak
memory independent of the mailbox's size).

    python benchmarks/bench_triage.py [--messages 10000] [--small 1000] [--drafts] [--all-cpus]

Generates mbox files in a temporary folder (Gmail, Outlook and Apple Mail replies with
quoted history, HTML alternatives, base64 and quoted-printable bodies, forwards, two
questions in one message, an unreadable message every 500, and one automated message
in ten: notices, newsletters, no-reply senders, bounces), then runs
`tiertriage triage MBOX --json` twice in fresh processes pinned to one CPU (`--all-cpus`:
on every CPU, as a user runs it), output to /dev/null, each mailbox with its own history.
Messages per second are given on wall time and on the CPU time the run used (user +
system, start-up excluded): on a shared machine other load stretches the first, not the
second. Peak memory is that process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import base64
import os
import quopri
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

QUESTIONS = [
    "How long until the new nameservers work? The old site still shows on my laptop.",
    "Can you tell me how to add a new person to our email? Lucy starts Monday.",
    "How do I reset my email password? I'm locked out since this morning.",
    "Where do I change the links in the menu at the top of the website?",
    "How do I put a signup form for the newsletter on the homepage?",
    "Our site shows Not secure in Chrome, what does that mean?",
    "How can I add a discount code for our summer sale?",
    "The website is very slow today, pages take 10 seconds. Can you check?",
    "How do I renew the domain before it runs out?",
    "Where do I see last month's orders in the shop?",
    "Can I restore yesterday's backup of the site? I deleted a page by mistake.",
    "How do I upload new photos to the gallery page?",
    "Could you redesign the whole homepage with a new look for spring?",
    "Which SEO strategy should we use to rank higher on Google?",
    "How do I make info@ forward to my own mailbox?",
    "Subscribers say the unsubscribe link does nothing, how do I fix it?",
]
OLD_TOPICS = [
    "Your backups run nightly and are kept for 30 days.",
    "The invoice for hosting is paid until next March.",
    "I installed the plugin updates and everything looks fine.",
    "The March newsletter went out to 1,240 subscribers.",
]
# A detail added to every question, so no two messages ask in the same words (as in a
# real mailbox: nothing is answered twice for free).
DETAILS = [
    "It's for our shop in {place}, order {n}.",
    "We're the {place} branch, ticket {n}.",
    "This is about the {place} site (invoice {n}).",
    "Asking for my colleague in {place}, ref {n}.",
]
PLACES = ["Leeds", "Gdansk", "Austin", "Porto", "Lyon", "Cork", "Perth", "Malmo", "Graz"]
PLAIN = "Content-Type: text/plain; charset=utf-8\n"
NAMES = ["Anna Nowak", "John Doe", "Maria Lopez", "Priya Shah", "Tom Baker", "Grace Kim"]


def _headers(rng: random.Random, number: int, extra: str) -> str:
    name = rng.choice(NAMES)
    user = name.split()[0].lower()
    return (
        f"From: {name} <{user}@client{number % 97}.example>\n"
        f"To: Sam <sam@example.com>\nSubject: Re: question {number}\n"
        f"Date: Mon, 4 Mar 2024 10:00:00 +0000\nMessage-ID: <m{number}@client.example>\n"
        f"MIME-Version: 1.0\n{extra}"
    )


AUTOMATED = [
    "From: WordPress <wordpress@client{n}.example>\nSubject: Some plugins were updated\n"
    "Auto-Submitted: auto-generated\nMessage-ID: <a{n}@client.example>\n\n"
    "Howdy! Some plugins on your site were automatically updated.\n",
    "From: Hover <news@hover.example>\nSubject: Spring sale\nList-Id: <news.hover.example>\n"
    "List-Unsubscribe: <https://hover.example/u>\nMessage-ID: <a{n}@hover.example>\n\n"
    "Can we help you grow? Domains from $1 this week only.\n",
    "From: <no-reply@bank.example>\nSubject: Your statement\nMessage-ID: <a{n}@bank.example>\n\n"
    "Your monthly statement is ready. How do I read it? See the app.\n",
    "From: Mail Delivery System <mailer-daemon@mx.example>\nSubject: Undelivered Mail\n"
    "Message-ID: <a{n}@mx.example>\nContent-Type: multipart/report; report-type=delivery-status;"
    ' boundary="r"\n\n--r\nContent-Type: text/plain\n\nYour message could not be delivered.\n'
    "--r--\n",
]


def asked(rng: random.Random, number: int) -> str:
    detail = rng.choice(DETAILS).format(place=rng.choice(PLACES), n=number)
    return f"{rng.choice(QUESTIONS)} {detail}"


def message(rng: random.Random, number: int) -> str:
    if number % 10 == 9:
        return rng.choice(AUTOMATED).format(n=number)
    question = asked(rng, number)
    old = rng.choice(OLD_TOPICS)
    first = rng.choice(NAMES).split()[0]
    kind = number % 6
    if number % 500 == 499:
        return _headers(rng, number, "Content-Type: text/plain\n") + "\n\n"
    if kind == 0:  # Gmail reply, multipart/alternative
        plain = (
            f"Hi Sam,\n\n{question}\n\nThanks,\n{first}\n\n"
            f"On Fri, 1 Mar 2024 at 16:40, Sam Smith <sam@example.com>\nwrote:\n\n> {old}\n"
        )
        html = f"<div>Hi Sam,</div><div>{question}</div><div class=gmail_quote>{old}</div>"
        return _headers(rng, number, 'Content-Type: multipart/alternative; boundary="b"\n') + (
            f"\n--b\nContent-Type: text/plain; charset=UTF-8\n\n{plain}\n"
            f"--b\nContent-Type: text/html; charset=UTF-8\n\n{html}\n--b--\n"
        )
    if kind == 1:  # Outlook, quoted-printable, legal footer
        body = (
            f"Hello,\n\n{question}\n\nKind regards,\n{first}\nT: +44 20 7946 0000\n\n"
            "This email and any attachments are confidential and intended solely for the "
            "addressee.\n\nFrom: Sam Smith <sam@example.com>\nSent: Monday\nTo: you\n"
            f"Subject: old\n\n{old}\n"
        )
        encoded = quopri.encodestring(body.encode()).decode()
        return _headers(rng, number, f"{PLAIN}Content-Transfer-Encoding: quoted-printable\n") + (
            "\n" + encoded
        )
    if kind == 2:  # Apple Mail, base64
        body = f"{question}\n\nSent from my iPhone\n\n> On 5 Mar 2024, Sam wrote:\n> {old}\n"
        encoded = base64.encodebytes(body.encode()).decode()
        return _headers(rng, number, f"{PLAIN}Content-Transfer-Encoding: base64\n") + (
            "\n" + encoded
        )
    if kind == 3:  # inline forward
        return _headers(rng, number, "Content-Type: text/plain; charset=utf-8\n") + (
            f"\nCan you look at this?\n\n---------- Forwarded message ---------\n"
            f"From: Someone <x@y.example>\nSubject: help\n\n{question}\n"
        )
    if kind == 4:  # two questions
        second = asked(rng, number + 1)
        return _headers(rng, number, "Content-Type: text/plain; charset=utf-8\n") + (
            f"\nHi Sam,\n\n{question}\n\nAlso, {second[0].lower()}{second[1:]}\n\nThanks!\n"
        )
    html = f"<p>Hello Sam,</p><p>{question}</p><blockquote>{old}</blockquote>"
    return _headers(rng, number, "Content-Type: text/html; charset=utf-8\n") + f"\n{html}\n"


def write_mbox(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            body = message(rng, number).replace("\nFrom ", "\n>From ")
            out.write(f"From sender{number}@example.com Mon Mar  4 10:00:00 2024\n{body}\n")


RUNNER = """
import os, resource, sys, time
if hasattr(os, "sched_setaffinity") and not os.environ.get("BENCH_ALL_CPUS"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from tiertriage.cli import app
start = time.perf_counter()
startup = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
try:
    app(sys.argv[1:])
except SystemExit as done:
    if done.code:
        raise
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - startup
sys.stderr.write(f"BENCH {elapsed} {cpu} {usage.ru_maxrss}\\n")
"""


class Timing(NamedTuple):
    seconds: float  # wall time of the run, start-up excluded
    cpu: float  # CPU seconds the run used: what other load on the machine cannot inflate
    peak: float  # peak RSS in MiB


def run(mbox: Path, home: Path, drafts: Path | None, *, all_cpus: bool) -> Timing:
    """How `tiertriage triage MBOX --json` went in its own process."""
    args = [sys.executable, "-c", RUNNER, "triage", str(mbox), "--json"]
    if drafts is not None:
        args += ["--drafts", str(drafts)]
    env = {**os.environ, "TIERTRIAGE_HOME": str(home)}
    if all_cpus:
        env["BENCH_ALL_CPUS"] = "1"
    with open(os.devnull, "w") as devnull:
        done = subprocess.run(
            args, stdout=devnull, stderr=subprocess.PIPE, text=True, env=env, check=True
        )
    line = next(x for x in done.stderr.splitlines() if x.startswith("BENCH "))
    _, seconds, cpu, peak_kib = line.split()
    return Timing(float(seconds), float(cpu), int(peak_kib) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--drafts", action="store_true", help="also write every reply draft")
    parser.add_argument(
        "--all-cpus", action="store_true", help="run on every CPU this process may use, not one"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        warm = root / "warm"
        # warm the catalogue's index and vector caches once, as on a user's machine
        subprocess.run(
            [sys.executable, "-m", "tiertriage", "ask", "--no-log", "warm up?"],
            env={**os.environ, "TIERTRIAGE_HOME": str(warm)},
            capture_output=True,
            check=True,
        )
        print(
            f"{'messages':>9} {'run':>6} {'mbox MiB':>9} {'seconds':>8} {'msg/s':>7}"
            f" {'CPU s':>7} {'msg/CPU s':>10} {'peak RSS MiB':>13}"
        )
        for count in (options.small, options.messages):
            mbox = root / f"{count}.mbox"
            write_mbox(mbox, count)
            home = root / f"home-{count}"
            shutil.copytree(warm / "cache", home / "cache")
            drafts = root / f"drafts-{count}" if options.drafts else None
            size = mbox.stat().st_size / 1024 / 1024
            for label in ("first", "rerun"):
                started = time.perf_counter()
                took = run(mbox, home, drafts, all_cpus=options.all_cpus)
                wall = time.perf_counter() - started
                print(
                    f"{count:>9} {label:>6} {size:>9.1f} {took.seconds:>8.2f}"
                    f" {count / took.seconds:>7.0f} {took.cpu:>7.2f} {count / took.cpu:>10.0f}"
                    f" {took.peak:>13.1f}   (process wall {wall:.2f}s)"
                )
        print(
            "targets: first run >= 300 msg/s and rerun >= 5,000 msg/s on one core;"
            " peak memory flat from the small to the large box"
        )


if __name__ == "__main__":
    main()
