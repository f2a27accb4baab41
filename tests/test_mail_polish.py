"""Polish mail (issue 11, item 5): quote headers, sign-offs, footers, windows-1250 and
ISO-8859-2 text, and questions asked without a question mark, in both languages.

The fixtures in fixtures/mail/pl/ are messages as Polish mail clients write them; the
pasted texts are encoded here and written to real files (or piped) as a user would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tiertriage.mail import charsets
from tiertriage.mail import message as mail
from tiertriage.mail import text as mailtext

FIXTURES = Path(__file__).parent / "fixtures" / "mail" / "pl"
QUESTION = "Jak dodać nowy wpis na bloga?"
ENCODINGS = ("utf-8", "cp1250", "iso-8859-2")

# (fixture, the question `ask` reads from it, exactly, and the sender's first name)
MESSAGES = [
    (
        "gmail.eml",  # quote header wrapped over two lines, no "?", RODO footer
        "jak zmienić hasło do poczty firmowej, bo od wczoraj nie mogę się zalogować na telefonie",
        "Anna",
    ),
    (
        "thunderbird.eml",  # ISO-8859-2, "W dniu … pisze:", "Z poważaniem", a poufna footer
        "Jak odnowić domenę hurtownia-wojcik.example przed wygaśnięciem? Dostałem maila, że"
        " wygasa za tydzień, a nie chcę stracić adresu.",
        "Krzysztof",
    ),
    (
        "iphone.eml",  # "Wysłane z iPhone'a", Apple's "Wiadomość napisana przez … w dniu …:"
        "Dzień dobry, nie mogę się zalogować do panelu WordPressa, pisze że hasło jest"
        " nieprawidłowe",
        "Magdalena",
    ),
    (
        "outlook.eml",  # windows-1250, "Od: / Wysłane: / Do: / DW: / Temat:", a KRS footer
        "strona biura nie działa od rana, wyskakuje błąd 500 na każdej podstronie. Klienci"
        " dzwonią, że nie mogą wysłać formularza.",
        "Marta",
    ),
    (
        "windows_mail.eml",  # windows-1250 labelled ISO-8859-1, "Wysłane z aplikacji Poczta…"
        "chciałbym zmienić zdjęcie na stronie głównej na nowe, zrobione w naszym sklepie",
        "Tomasz",
    ),
    (
        "undeclared_iso.eml",  # 8-bit ISO-8859-2 with no charset declared
        "Dzień dobry, strona nie działa, proszę o pomoc.",
        "Anna",
    ),
]


@pytest.mark.parametrize(("name", "question", "first"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_polish_messages_are_answered(cli_json, name: str, question: str, first: str) -> None:  # type: ignore[no-untyped-def]
    data = cli_json("ask", "--no-log", input=(FIXTURES / name).read_bytes())
    assert data["question"] == question
    assert "items" not in data  # the quoted history and the footer asked nothing
    assert data["from"].startswith(first)  # the sender's name decoded
    # answered in Polish: "Dzień dobry," alone, as the vocative of a name is not known
    assert data["language"] == "pl" and data["reply"].startswith("Dzień dobry,\n")


def test_an_eml_file_is_read_like_piped_mail(cli_json) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "outlook.eml"
    assert cli_json("ask", "--no-log", "--file", str(path)) == cli_json(
        "ask", "--no-log", input=path.read_bytes()
    )


def test_polish_subjects_and_names_are_decoded() -> None:
    thunderbird = mail.read((FIXTURES / "thunderbird.eml").read_bytes())
    assert thunderbird.subject == "Re: Domena wygasa"
    assert thunderbird.sender == mail.Sender(
        "Krzysztof Wójcik", "krzysztof@hurtownia-wojcik.example"
    )
    assert mail.read((FIXTURES / "windows_mail.eml").read_bytes()).sender == mail.Sender(
        "Tomasz Żak", "tomek@sklep-zak.example"
    )


# --- pasted text: windows-1250 and ISO-8859-2 without any MIME label ---------------

PASTE = (
    "Dzień dobry,\n\njak mogę zmienić hasło do poczty? Źle wpisałem je w środę.\n\n"
    "Pozdrawiam\nŁukasz Wąsik\n"
)
PASTE_QUESTION = "jak mogę zmienić hasło do poczty? Źle wpisałem je w środę."


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_pasted_file_in_any_polish_charset(cli_json, tmp_path: Path, encoding: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pytanie.txt"
    path.write_bytes(PASTE.encode(encoding))
    assert cli_json("ask", "--no-log", "--file", str(path))["question"] == PASTE_QUESTION


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_piped_paste_in_any_polish_charset(cli_json, encoding: str) -> None:  # type: ignore[no-untyped-def]
    assert cli_json("ask", "--no-log", input=PASTE.encode(encoding))["question"] == PASTE_QUESTION


def test_a_windows_1250_file_is_not_read_as_latin_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "haslo.txt"
    path.write_bytes("Jak zmienić hasło do poczty".encode("cp1250"))
    result = cli("ask", "--no-log", "--plain", "--explain", "--file", str(path))
    assert result.exit_code == 0, result.stderr
    explained = result.stderr  # --explain names the question it ranked
    assert "zmieniæ" not in explained and "has³o" not in explained
    assert "Top topics for: Jak zmienić hasło do poczty" in explained


def test_the_iso_8859_2_plea_for_help_is_answered(cli_json) -> None:  # type: ignore[no-untyped-def]
    plea = "Dzień dobry, strona nie działa, proszę o pomoc."
    for given in (plea, f"{plea}\n\nPozdrawiam\nAnna\n"):
        data = cli_json("ask", "--no-log", input=given.encode("iso-8859-2"))
        assert data["question"] == plea


# Sentences whose letters tell the charsets apart: ą ś ź (and capitals) differ between
# windows-1250 and ISO-8859-2; ć ł ż differ from Latin-1.
SENTENCES = [
    "Dzień dobry, strona nie działa, proszę o pomoc.",
    "Jak zmienić hasło do poczty",
    "Proszę zaktualizować wpis, jeśli się da, bo źle wygląda",
    "Środa, Ąś, Źródło: zażółć gęślą jaźń",
    "Cena to 120 zł ±5 zł, „cytat” \u2013 myślnik i €",
]


def _encodable(sentence: str, encoding: str) -> bool:
    try:
        sentence.encode(encoding)
    except UnicodeEncodeError:  # „ ” € have no place in ISO-8859-2
        return False
    return True


@pytest.mark.parametrize(
    ("sentence", "encoding"),
    [(s, e) for s in SENTENCES for e in ENCODINGS if _encodable(s, e)],
)
def test_detect_reads_polish_in_each_charset(sentence: str, encoding: str) -> None:
    assert charsets.detect(sentence.encode(encoding)) == sentence


@pytest.mark.parametrize(
    "western",
    ["Bonjour, le café est très bon à Paris", "naïve “quotes” \u2013 £5", "Müller Straße"],
)
def test_detect_still_reads_western_windows_text(western: str) -> None:
    assert charsets.detect(western.encode("cp1252")) == western


@pytest.mark.parametrize(
    ("written", "declared"),
    [
        ("cp1250", "iso-8859-1"),  # Outlook Express' "zmieniæ has³o"
        ("cp1250", "iso-8859-2"),
        ("iso-8859-2", "windows-1250"),  # "je¶li"
        ("iso-8859-2", "us-ascii"),
        ("cp1250", None),
    ],
)
def test_a_mislabelled_polish_body_is_read_right(written: str, declared: str | None) -> None:
    sentence = "Proszę zmienić hasło, jeśli się da, źle wpisałem je w środę"
    assert charsets.decode(sentence.encode(written), declared) == sentence


def test_a_right_label_is_kept() -> None:
    for western in ("très café à", "fête", "año"):  # windows-1250 reads "fęte", "ańo"
        assert charsets.decode(western.encode("latin-1"), "iso-8859-1") == western
    plus_minus = "±5 zł"  # a symbol beside a digit is no misread Polish letter
    assert charsets.decode(plus_minus.encode("cp1250"), "windows-1250") == plus_minus


# --- quote headers, sign-offs, footers ------------------------------------------------


@pytest.mark.parametrize(
    "history",
    [
        "Wiadomość napisana przez Sam Smith <sam@example.com> w dniu 04.03.2024, o godz. 10:12:"
        "\n\n> stare",
        "Wiadomość napisana przez Sam Smith <sam@example.com> w dniu 4 mar 2024, o godz.\n"
        "10:12:\n\nstare, bez cytowania",
        "W dniu pon., 4 mar 2024 o 10:12 Sam Smith <sam@example.com> napisał(a):\n> stare",
        "pon., 4 mar 2024 o 10:12 Sam Smith <sam@example.com>\nnapisał(a):\n\n> stare",
        "W dniu 4.03.2024 o 10:12, Sam Smith napisał:\n> stare",
        "Dnia 4 marca 2024 10:12 Sam Smith <sam@example.com> napisał(a):\n> stare",
        "Od: Sam Smith <sam@example.com>\nWysłane: poniedziałek, 4 marca 2024 10:12\n"
        "Do: Anna Kowalska <anna@sklep.example>\nTemat: RE: Blog\n\nstare",
        "Od: Sam Smith <sam@example.com>\nData: poniedziałek, 4 marca 2024 10:12\n"
        "Do: Anna <anna@sklep.example>\nDW: Tom <tom@sklep.example>\nTemat: RE: Blog\n\nstare",
        "*Od:* Sam Smith <sam@example.com>\n*Wysłane:* poniedziałek, 4 marca 2024 10:12\n"
        "*Do:* Anna\n*Temat:* Blog\n\nstare",
        "________________________________\nOd: Sam Smith <sam@example.com>\n"
        "Wysłane: poniedziałek, 4 marca 2024 10:12\nDo: Anna\nTemat: Blog\n\nstare",
        "-------- Oryginalna wiadomość --------\nTemat: Blog\nData: 4.03.2024 10:12\nOd: Sam\n"
        "\nstare",
    ],
)
def test_polish_quote_headers_cut_history(history: str) -> None:
    assert mailtext.new_text(f"Dzień dobry,\n\n{QUESTION}\n\n{history}\n").endswith(
        f"\n\n{QUESTION}"
    )


@pytest.mark.parametrize(
    "forward",
    [
        "---------- Wiadomość przekazana dalej ---------\nOd: Klient <k@sklep.example>\n"
        "Data: pon., 4 mar 2024 o 10:12\nTemat: Blog\nDo: <anna@sklep.example>\n\n",
        "Początek przekazanej wiadomości:\n\nOd: Klient <k@sklep.example>\nTemat: Blog\n"
        "Data: 4 marca 2024 10:12:00 CET\nDo: Anna\n\n",
    ],
)
def test_polish_forwards_answer_the_forwarded_message(forward: str) -> None:
    found = mail.parse_text(f"Zobacz proszę poniżej.\n\n{forward}{QUESTION}\n")
    assert found.forwarded
    assert found.questions == (QUESTION,)


@pytest.mark.parametrize(
    "signature",
    [
        "Pozdrawiam,\nAnna Kowalska\nSklep Kwiatowy",
        "Pozdrawiam, Anna",
        "Pozdrowienia\nAnna",
        "Pozdrowienia z Krakowa!\nAnna",
        "Serdecznie pozdrawiam\nAnna",
        "Z wyrazami szacunku\nAnna Kowalska",
        "Łączę pozdrowienia\nAnna",
        "Z pozdrowieniami\nAnna",
        "Pozdr.\nAnna",
        "Dziękuję i pozdrawiam\nAnna",
        "Z góry dziękuję za pomoc,\nAnna",
        "Miłego dnia!\nAnna",
        "Anna",
        "Anna K.",
        "Wysłane z iPhone\u2019a",
        "Wysłane z mojego iPhone'a",
        "Wysłane z aplikacji Poczta dla systemu Windows",
        "Wysłano z aplikacji Outlook dla systemu Android",
        "Pobierz aplikację Outlook dla systemu Android",
        "Pozdrawiam\nAnna\n\nWysłane z iPhone'a",
        "Ta wiadomość jest poufna i przeznaczona wyłącznie dla adresata. Jeżeli nie jest"
        " Pan/Pani adresatem, prosimy o jej usunięcie.",
        "Jeżeli otrzymali Państwo tę wiadomość przez pomyłkę, prosimy o powiadomienie nadawcy.",
        "Informujemy, że administratorem Państwa danych osobowych jest Kwiaciarnia Róża"
        " Sp. z o.o. z siedzibą w Warszawie. Szczegóły: www.roza.example/rodo",
        "Zgodnie z art. 13 ust. 1 i 2 RODO informujemy, że administratorem danych jest Róża"
        " Sp. z o.o.",
        "Pozdrawiam\nAnna Kowalska\n\nKwiaciarnia Róża Sp. z o.o., Sąd Rejonowy dla m.st."
        " Warszawy, XII Wydział Gospodarczy KRS, KRS 0000123456, NIP 525-000-00-00.",
        "Przed wydrukowaniem tej wiadomości pomyśl o środowisku.",
    ],
)
def test_polish_signatures_and_footers_are_dropped(signature: str) -> None:
    assert mailtext.new_text(f"Dzień dobry,\n\n{QUESTION}\n\n{signature}\n") == (
        f"Dzień dobry,\n\n{QUESTION}"
    )


def test_a_paragraph_that_asks_is_never_a_footer() -> None:
    rodo = "Czy administratorem danych osobowych jest firma hostingowa, czy my?"
    text = f"Dzień dobry,\n\nmamy nowy sklep.\n\n{rodo}\n\nPozdrawiam\nAnna\n"
    assert mail.parse_text(text).questions == (f"mamy nowy sklep. {rodo}",)


def test_a_name_in_a_sentence_is_kept() -> None:
    text = "Dzień dobry,\n\nproszę o zmianę hasła.\n\nKasia z biura też nie może wejść\n"
    assert mail.parse_text(text).questions == (
        "proszę o zmianę hasła.",
        "Kasia z biura też nie może wejść",
    )


# --- greetings and questions without a question mark ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Dzień dobry, strona nie działa, proszę o pomoc.",
        "Dzień dobry, strona nie działa.",
        "Witam, nie mogę się zalogować",
        "Hi Sam, the site is down, please help.",
    ],
)
def test_a_sentence_that_opens_with_a_greeting_is_the_question(sentence: str) -> None:
    assert mail.parse_text(f"{sentence}\n\nPozdrawiam\nAnna\n").questions == (sentence,)


@pytest.mark.parametrize(
    "greeting",
    [
        "Dzień dobry Pani Anno,",
        "Dzień dobry, Panie Marku,",
        "Witam serdecznie,",
        "Szanowni Państwo,",
        "Cześć kasia,",
        "Hej Kasiu :)",
        "hi sam",
        "Dear Sir or Madam,",
    ],
)
def test_greeting_lines_are_not_part_of_the_question(greeting: str) -> None:
    assert mail.parse_text(f"{greeting}\n\n{QUESTION}\n").questions == (QUESTION,)


@pytest.mark.parametrize(
    "question",
    [
        "nie mogę się zalogować do panelu",
        "jak zmienić hasło do poczty",
        "proszę o zmianę hasła",
        "zmiana hasła do poczty",
        "ile kosztuje odnowienie domeny",
        "który plan hostingu wybrać",
        "czemu strona się nie ładuje",
        "Chciałabym dodać nowy produkt do sklepu",
        "how do I reset my email password",
        "need help with the contact form",
        "the shop page is down",
    ],
)
def test_a_short_question_without_a_question_mark(cli_json, question: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Dzień dobry,\n\n{question}\n\nPozdrawiam\nAnna\n"
    assert mail.parse_text(text).questions == (question,)
    assert cli_json("ask", "--no-log", input=text.encode("cp1250"))["question"] == question


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Jak dodać wpis?", "Druga sprawa: formularz kontaktowy nie wysyła maili"),
        ("Jak dodać wpis?", "Formularz kontaktowy nie wysyła maili"),
        ("Chciałbym zmienić zdjęcie na stronie głównej.", "Nie przychodzą maile z formularza."),
        ("How do I add a post?", "The contact form doesn't send emails"),
    ],
)
def test_a_second_question_without_a_question_mark_is_its_own(first: str, second: str) -> None:
    text = f"Dzień dobry,\n\n{first}\n\n{second}\n\nPozdrawiam\nAnna\n"
    assert mail.parse_text(text).questions == (first, second)


def test_context_before_a_question_without_a_question_mark_stays_with_it() -> None:
    text = "Dzień dobry,\n\nprzenieśliśmy biuro.\n\nkiedy odnowić domenę\n\nPozdrawiam\n"
    assert mail.parse_text(text).questions == ("przenieśliśmy biuro. kiedy odnowić domenę",)
