"""Email addresses and domains: what a sender's address says about which client it is."""

from __future__ import annotations

# Mailbox providers shared by many people: an address there says nothing about the client.
PUBLIC_MAIL_DOMAINS = frozenset(
    "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com "
    "icloud.com me.com mac.com aol.com proton.me protonmail.com pm.me gmx.com gmx.net "
    "mail.com zoho.com yandex.com fastmail.com hey.com hotmail.co.uk yahoo.co.uk btinternet.com "
    "sky.com virginmedia.com talktalk.net web.de gmx.de t-online.de orange.fr free.fr "
    "laposte.net libero.it wp.pl o2.pl onet.pl op.pl interia.pl poczta.fm gazeta.pl tlen.pl "
    "vp.pl".split()
)


def bare_address(address: str) -> str:
    """'Jane Doe <Jane@Acme.example>' -> 'jane@acme.example'."""
    if "<" in address:
        address = address.rpartition("<")[2].partition(">")[0]
    return address.strip().lower()


def parent_domains(domain: str) -> list[str]:
    """'mail.acme.example' -> ['mail.acme.example', 'acme.example'] (never a bare TLD)."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))]
