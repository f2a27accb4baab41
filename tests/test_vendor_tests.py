"""`vendors test`, `tests`, `edit-test`, `remove-test`: the freelancer's own support tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode, InputError
from tiertriage.store.database import Store
from tiertriage.store.vendor_tests import VendorTest, make_test, parse_duration
from vendor_world import write_catalogue

CHAT = (
    "--channel", "chat", "--date", "2026-11-02", "--first-response", "1m30s",
    "--resolution", "2h", "--welcome", "5", "--knowledge", "4", "--patience", "5",
    "--clarity", "4", "--concise", "3", "--good-questions", "--no-sales-pitch",
    "--escalated", "--transfers", "1", "--question", "How do I restore last night's backup?",
    "--notes", "Polite, no upsell.",
)  # fmt: skip


@pytest.fixture(autouse=True)
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = write_catalogue(tmp_path / "catalogue")
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(directory))
    return directory


def test_durations_take_units():
    assert parse_duration("45", "s") == 45
    assert parse_duration("1m30s", "s") == 90
    assert parse_duration("2h", "m") == 120
    assert parse_duration("1d", "s") == 86400
    assert parse_duration(" ", "s") is None
    with pytest.raises(ValueError, match="not a duration: 'soon'"):
        parse_duration("soon", "s")


def test_a_test_round_trips_through_the_database(tmp_path: Path):
    store = Store(tmp_path / "db" / "tiertriage.db")
    test = VendorTest(
        vendor="hostone", channel="ticket", date="2026-11-02", first_response="3h",
        welcome=4, sales_pitch=True, escalated=False, transfers=0, notes="slow but right",
    )  # fmt: skip
    recorded = store.add_vendor_test(test)
    assert recorded.id == 1
    assert store.vendor_tests() == [recorded]
    assert store.vendor_test(1).first_response == 3 * 3600
    assert store.vendor_test(1).sales_pitch is True and store.vendor_test(1).escalated is False
    store.close()


def test_record_by_options_and_list_as_json(cli, cli_json):
    result = cli("vendors", "test", "hostone", *CHAT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Recorded test 1 of Host One (chat, 2026-11-02).\n"
    [listed] = cli_json("vendors", "tests")
    assert listed == {
        "id": 1,
        "vendor": "hostone",
        "channel": "chat",
        "date": "2026-11-02",
        "first_response": 90.0,
        "resolution": 120.0,
        "welcome": 5,
        "knowledge": 4,
        "patience": 5,
        "clarity": 4,
        "concise": 3,
        "good_questions": True,
        "sales_pitch": False,
        "escalated": True,
        "transfers": 1,
        "question": "How do I restore last night's backup?",
        "notes": "Polite, no upsell.",
    }


def test_record_with_json_and_defaults(cli_json):
    recorded = cli_json("vendors", "test", "HostTwo", "--first-response", "20")
    assert recorded["vendor"] == "hosttwo" and recorded["id"] == 1
    assert recorded["channel"] == "chat" and recorded["date"] == date.today().isoformat()
    assert recorded["welcome"] is None and recorded["good_questions"] is None


def test_listing_filters_by_vendor_newest_first(cli, cli_json):
    for vendor, day in (
        ("hostone", "2026-10-01"),
        ("hosttwo", "2026-10-05"),
        ("hostone", "2026-11-01"),
    ):
        assert cli("vendors", "test", vendor, "--date", day).exit_code == 0
    assert [t["date"] for t in cli_json("vendors", "tests", "hostone")] == [
        "2026-11-01",
        "2026-10-01",
    ]
    assert [t["vendor"] for t in cli_json("vendors", "tests")] == ["hostone", "hosttwo", "hostone"]
    plain = cli("vendors", "tests", "hosttwo").stdout.splitlines()
    assert plain == ["2\t2026-10-05\thosttwo\tchat\t\t\t\t\t\t\t"]
    assert cli_json("vendors", "tests", "hostthree") == []


def test_bad_values_name_their_option(cli):
    for args, message in (
        (("--channel", "fax"), "--channel: Input should be 'chat', 'phone', 'ticket' or 'email'"),
        (("--welcome", "6"), "--welcome: Input should be less than or equal to 5"),
        (("--first-response", "soon"), "--first-response: not a duration: 'soon'"),
        (("--date", "yesterday"), "--date: not a date: 'yesterday' (expected YYYY-MM-DD)"),
        (("--transfers", "-1"), "--transfers: Input should be greater than or equal to 0"),
    ):
        result = cli("vendors", "test", "hostone", *args)
        assert result.exit_code == ExitCode.USAGE, args
        assert message in result.stderr, result.stderr
    unknown = cli("vendors", "test", "hostfour", "--channel", "chat")
    assert unknown.exit_code == ExitCode.NOT_FOUND
    assert "unknown vendor 'hostfour'; did you mean" in unknown.stderr
    assert cli("vendors", "tests", "nosuchvendor").exit_code == ExitCode.NOT_FOUND


def test_edit_replaces_and_clears_fields(cli, cli_json):
    assert cli("vendors", "test", "hostone", *CHAT).exit_code == 0
    result = cli("vendors", "edit-test", "1", "--resolution", "", "--welcome", "3",
                 "--sales-pitch", "--vendor", "hosttwo")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Updated test 1 (chat, 2026-11-02).\n"
    [edited] = cli_json("vendors", "tests")
    assert edited["resolution"] is None and edited["welcome"] == 3
    assert edited["sales_pitch"] is True and edited["vendor"] == "hosttwo"
    assert edited["knowledge"] == 4  # what was not given stays
    as_json = cli_json("vendors", "edit-test", "1", "--notes", "second look")
    assert as_json["notes"] == "second look" and as_json["id"] == 1

    nothing = cli("vendors", "edit-test", "1")
    assert nothing.exit_code == ExitCode.USAGE and "nothing to change" in nothing.stderr
    missing = cli("vendors", "edit-test", "9", "--welcome", "4")
    assert missing.exit_code == ExitCode.NOT_FOUND
    assert "no vendor test with id 9" in missing.stderr


def test_remove_asks_then_removes(cli, cli_json):
    assert cli("vendors", "test", "hostone", *CHAT).exit_code == 0
    assert cli("vendors", "test", "hosttwo").exit_code == 0
    kept = cli("vendors", "remove-test", "1", input="n\n")
    assert kept.exit_code == 1 and len(cli_json("vendors", "tests")) == 2
    removed = cli("vendors", "remove-test", "1", input="y\n")
    assert removed.exit_code == 0 and "Removed test 1 of hostone." in removed.stdout
    assert cli_json("vendors", "remove-test", "2", "--yes")["vendor"] == "hosttwo"
    assert cli_json("vendors", "tests") == []
    assert cli("vendors", "remove-test", "2", "--yes").exit_code == ExitCode.NOT_FOUND


def test_record_by_dialogue(cli, cli_json):
    answers = [
        "ticket",  # channel
        "2026-11-03",  # date
        "soon",  # first response: refused, asked again
        "4h",
        "",  # resolution: none
        "5", "4", "9", "4", "4", "4",  # ratings; 9 is refused
        "y",  # good questions
        "maybe", "n",  # sales pitch: refused, then no
        "",  # escalated: not noted
        "0",  # transfers
        "Where is my invoice?",
        "",  # notes
    ]  # fmt: skip
    result = cli("vendors", "test", "hostone", "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr + result.stdout
    assert "not a duration: 'soon'" in result.stderr
    assert "less than or equal to 5" in result.stderr and "answer y or n" in result.stderr
    [test] = cli_json("vendors", "tests")
    assert test["channel"] == "ticket" and test["first_response"] == 4 * 3600
    assert test["resolution"] is None and test["patience"] == 4
    assert test["good_questions"] is True and test["sales_pitch"] is False
    assert test["escalated"] is None and test["question"] == "Where is my invoice?"


def test_edit_by_dialogue_offers_the_recorded_values(cli, cli_json):
    assert cli("vendors", "test", "hostone", *CHAT).exit_code == 0
    result = cli("vendors", "edit-test", "1", "-i", input="\n" * 18)
    assert result.exit_code == 0, result.stderr
    for shown in ("Channel [chat]", "Date (YYYY-MM-DD) [2026-11-02]", "[90]", "Welcoming, 1-5 [5]",
                  "Asked good questions (y/n) [y]", "Transfers [1]"):  # fmt: skip
        assert shown in result.stdout, shown
    assert cli_json("vendors", "tests")[0]["first_response"] == 90


def test_make_test_names_the_field_through_label():
    with pytest.raises(InputError, match=r"^welcome!: Input should be less than or equal to 5$"):
        make_test({"vendor": "x", "channel": "chat", "date": "2026-01-01", "welcome": 8},
                  lambda field: field + "!")  # fmt: skip


def test_the_migration_adds_the_table_to_an_older_database(tmp_path: Path):
    import sqlite3

    from tiertriage.store.connection import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Store(path)
    assert store.vendor_tests() == []
    recorded = store.add_vendor_test(
        VendorTest(vendor="hostone", channel="phone", date="2026-01-01")
    )
    assert recorded.id == 1 and store.vendor_tests() == [recorded]
    store.close()
