"""Every word of the client's "who to call" card, one table per language.

A language is one dictionary with the same keys as English; `text()` falls back to
English for a key a table lacks, so a new role or sentence never breaks a card.
Role keys (`handles.host`, `ready.host`) fall back to the role's catalogue label.
"""

from __future__ import annotations

ENGLISH = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Who to call: {client}",
        "intro": (
            "If something on your website stops working, this is who to contact first. "
            "For each service: what it looks after, the quickest way to reach its support, "
            "and what to have ready when you do."
        ),
        "handles": "Looks after",
        "reach": "How to reach them, best first",
        "ready": "Have ready",
        "status": "Down for everyone? Check their status page: {url}",
        "chat": "Live chat",
        "phone": "Phone",
        "ticket": "Support request",
        "email": "Email",
        "help": "Help centre",
        "forum": "Community forum",
        "support_language": "Their support answers in {languages}.",
        "handles.registrar": "your domain name{domain} and its DNS settings",
        "handles.email": "your email addresses and mailboxes",
        "handles.newsletter": "your newsletter and mailing list",
        "handles.cms": "your website's pages, posts and settings",
        "handles.theme": "how your site looks: layout, fonts and colours",
        "handles.shop": "your online shop: products, orders, payments and shipping",
        "handles.host": "keeping your website online: the server, backups and speed",
        "handles.ssl": "the padlock in the browser: the certificate that keeps your site secure",
        "handles.other": "your {label}",
        "ready.login": "the email address you sign in to {vendor} with",
        "ready.domain": "your website address: {domain}",
        "ready.email": "the address with the problem and the exact error message",
        "ready.newsletter": "the name of the list or campaign",
        "ready.cms": "the page it is about, and a screenshot",
        "ready.theme": "the page it is about, and a screenshot",
        "ready.shop": "the order number, if it is about an order",
        "ready.host": "when it started and what you see (a screenshot helps)",
        "ready.ssl": "the address that shows the warning",
        "me": "And me",
        "support_until": "Email me for how-to directions: included until {date}.",
        "support_ended": (
            "The email support included with your project ended on {date}; "
            "I'm glad to help as paid time."
        ),
        "support_open": "Email me for how-to directions.",
        "office_hours": "I read email {hours}.",
        "consult": "For bigger changes, new features or advice, book a consult{rate}",
        "consult_rate": " ({rate})",
        "rate": "{amount} an hour",
        "book": ": {link}",
        "no_link": "; reply to my email and we'll find a time.",
        "subject": "Who to call if something on your website stops working",
        "greeting": "Hi {name},",
        "greeting_anonymous": "Hi there,",
        "email_intro": (
            "Here is who to contact first if something on your website stops working. "
            "Keep it somewhere handy."
        ),
        "sign_off": "Best,",
        "months": (
            "January February March April May June July August September October November December"
        ),
    },
    "pl": {
        "title": "Do kogo dzwonić: {client}",
        "intro": (
            "Jeśli coś na Twojej stronie przestanie działać, tu znajdziesz, z kim "
            "skontaktować się najpierw. Przy każdej usłudze: czym się zajmuje, jak najszybciej "
            "dotrzeć do jej pomocy technicznej i co przygotować."
        ),
        "handles": "Odpowiada za",
        "reach": "Jak się skontaktować (najlepsze najpierw)",
        "ready": "Przygotuj",
        "status": "Awaria u wszystkich? Sprawdź ich stronę statusu: {url}",
        "chat": "Czat na żywo",
        "phone": "Telefon",
        "ticket": "Zgłoszenie",
        "email": "E-mail",
        "help": "Centrum pomocy",
        "forum": "Forum społeczności",
        "support_language": "Ich pomoc odpowiada po {languages}.",
        "handles.registrar": "Twoją domenę{domain} i jej ustawienia DNS",
        "handles.email": "Twoje adresy e-mail i skrzynki pocztowe",
        "handles.newsletter": "Twój newsletter i listę mailingową",
        "handles.cms": "strony, wpisy i ustawienia Twojej witryny",
        "handles.theme": "wygląd strony: układ, czcionki i kolory",
        "handles.shop": "Twój sklep internetowy: produkty, zamówienia, płatności i wysyłkę",
        "handles.host": "działanie strony w sieci: serwer, kopie zapasowe i szybkość",
        "handles.ssl": "kłódkę w przeglądarce: certyfikat, który zabezpiecza stronę",
        "handles.other": "usługę: {label}",
        "ready.login": "adres e-mail, którym logujesz się do {vendor}",
        "ready.domain": "adres Twojej strony: {domain}",
        "ready.email": "adres, którego dotyczy problem, i dokładną treść błędu",
        "ready.newsletter": "nazwę listy lub kampanii",
        "ready.cms": "stronę, której to dotyczy, i zrzut ekranu",
        "ready.theme": "stronę, której to dotyczy, i zrzut ekranu",
        "ready.shop": "numer zamówienia, jeśli chodzi o zamówienie",
        "ready.host": "informację, od kiedy to trwa i co widzisz (zrzut ekranu bardzo pomaga)",
        "ready.ssl": "adres strony, na której widać ostrzeżenie",
        "me": "A ja",
        "support_until": "Pisz do mnie po wskazówki, jak coś zrobić: w ramach projektu do {date}.",
        "support_ended": (
            "Wsparcie mailowe w ramach projektu zakończyło się {date}; chętnie pomogę "
            "dalej odpłatnie."
        ),
        "support_open": "Pisz do mnie po wskazówki, jak coś zrobić.",
        "office_hours": "Odpisuję na maile {hours}.",
        "consult": (
            "Przy większych zmianach, nowych funkcjach lub doradztwie umów konsultację{rate}"
        ),
        "consult_rate": " ({rate})",
        "rate": "{amount} za godzinę",
        "book": ": {link}",
        "no_link": "; odpisz na mojego maila, a znajdziemy termin.",
        "subject": "Do kogo dzwonić, gdy coś na stronie przestanie działać",
        "greeting": "Dzień dobry,",
        "greeting_anonymous": "Dzień dobry,",
        "email_intro": (
            "Poniżej znajdziesz, z kim skontaktować się najpierw, gdy coś na stronie "
            "przestanie działać. Warto mieć to pod ręką."
        ),
        "sign_off": "Pozdrawiam,",
        # in the genitive, as a date is written: "31 grudnia 2025"
        "months": (
            "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
            "października listopada grudnia"
        ),
    },
}
LANGUAGES = tuple(TEXTS)
# Support languages named in a sentence, by card language ("po angielsku").
LANGUAGE_NAMES = {
    "en": {"en": "English", "pl": "Polish"},
    "pl": {"en": "angielsku", "pl": "polsku"},
}


def text(language: str, key: str, **values: str) -> str:
    """The string `key` in `language` (English when it has none), filled with `values`."""
    template = TEXTS.get(language, {}).get(key) or TEXTS[ENGLISH][key]
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def has(language: str, key: str) -> bool:
    return key in TEXTS.get(language, {}) or key in TEXTS[ENGLISH]
