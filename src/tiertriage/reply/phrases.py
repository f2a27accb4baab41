"""Every sentence a reply adds around the catalogue's text, by language ("en", "pl"),
and the words for money and dates in each. A language without a phrase falls back to
English for that phrase only.
"""

from __future__ import annotations

from tiertriage.reply.channels import ENGLISH

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}
# A Polish reply writes the amount first: "90 zł", "90 €", "90 USD".
POLISH_CURRENCY = {"PLN": "zł", "EUR": "€"}
POLISH_MONTHS = (
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia"
).split()

# Every sentence the program adds, by language.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Hi {name},",
        "greeting_anyone": "Hi there,",
        "search": 'If you want to read more, search for "{term}".',
        "guide": "{owner} own guide to this: {url}",
        "help_centre": "{owner} help centre: {url}",
        "explainer": "Here's a good explainer: {url}",
        "office_hours": (
            "I check email {hours}, so outside those hours {vendor} will get to it "
            "sooner than I can."
        ),
        "generic_consult": (
            "This goes beyond a quick how-to: it deserves a proper look rather than a rushed email."
        ),
        "support_ended": (
            "The email support included with your project ended on {date}, "
            "so from here I offer help as paid time."
        ),
        "holding": "Thanks for your message. I'll look into this and come back to you {when}.",
        "holding_one": "I'll look into this one and come back to you {when}.",
        "see_below": "This one needs more than a quick email; see below.",
        "offer": "I'd be glad to go through it with you in a paid consult",
        "book": "You can book a time here: {link}",
        "reply_to_book": "Just reply to this email and we'll find a time.",
        "rate": "{amount} an hour",
        "monday": "on Monday",
        "tomorrow": "by tomorrow",
        "sign_off": "Best,",
        "sign_off_alone": "Best wishes",
        "no_domain": "your website",
        "no_vendor": "your {label}",
        "any_vendor": "your provider",
    },
    "pl": {
        "greeting_anyone": "Dzień dobry,",
        "search": "Więcej informacji można znaleźć, wyszukując hasło „{term}”.",
        "guide": "Instrukcja na stronie {owner}: {url}",
        "help_centre": "Centrum pomocy {owner}: {url}",
        "explainer": "Przystępne wyjaśnienie: {url}",
        "office_hours": (
            "Pocztę sprawdzam {hours}, więc poza tymi godzinami {vendor} zajmie się tym "
            "szybciej niż ja."
        ),
        "generic_consult": (
            "To wykracza poza krótką instrukcję i zasługuje na spokojne omówienie, "
            "a nie pospieszną odpowiedź mailem."
        ),
        "support_ended": (
            "Wsparcie mailowe w ramach projektu zakończyło się {date}, "
            "więc dalszą pomoc oferuję odpłatnie."
        ),
        "holding": "Dziękuję za wiadomość. Przyjrzę się temu i odezwę się {when}.",
        "holding_one": "Tej sprawie przyjrzę się osobno i odezwę się {when}.",
        "see_below": "Ta sprawa wymaga więcej niż krótkiej odpowiedzi; szczegóły poniżej.",
        "offer": "Chętnie omówię to na płatnej konsultacji",
        "book": "Termin można zarezerwować tutaj: {link}",
        "reply_to_book": "Wystarczy odpowiedzieć na tę wiadomość, a ustalimy termin.",
        "rate": "{amount} za godzinę",
        "monday": "w poniedziałek",
        "tomorrow": "jutro",
        "sign_off": "Pozdrawiam,",
        "sign_off_alone": "Pozdrawiam",
        "no_domain": "adres strony",
        "no_vendor": "{label}",
        "any_vendor": "dostawca usługi",
    },
}
GENERIC_CONSULT = TEXT["en"]["generic_consult"]
SUPPORT_ENDED = TEXT["en"]["support_ended"]
# The holding reply for a question nothing in the catalogue fits: never a consult pitch.
HOLDING = TEXT["en"]["holding"]
HOLDING_ONE_OF_SEVERAL = TEXT["en"]["holding_one"]


def text(language: str, key: str, **values: str) -> str:
    table = TEXT.get(language, TEXT[ENGLISH])
    return (table[key] if key in table else TEXT[ENGLISH][key]).format(**values)
