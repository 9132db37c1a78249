"""Who gets the agenda or the minutes, what is left to send, and the SMTP settings."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from driftsforum_cli.domain.mailing import (
    MailingError,
    Recipient,
    SentRecord,
    as_sent,
    normalise_address,
    plan_sending,
    recipients,
    recorded_sent,
    smtp_settings,
)
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.config import Email
from driftsforum_cli.workspace import bundled_root, load_forum

DAY = date(2026, 11, 24)


def seat(seat_id: str, name: str | None, email: str | None = None, **extra: object) -> Seat:
    data: dict[str, object] = {"id": seat_id, "organisation": "PLO", "sector": "almen praksis", **extra}
    if name is not None:
        data["person"] = {"name": name, **({"email": email} if email else {})}
    return Seat.model_validate(data)


def meeting(**changes: object) -> Meeting:
    return Meeting(date=DAY, start=time(13), end=time(15), place="Hjørring").model_copy(update=changes)


def test_members_then_ad_hoc_guests_with_problems_reported() -> None:
    seats = [
        seat("a", "Åse Ærø", "aase@example.org"),
        seat("vacant", None),
        seat("b", "Bo Uden"),
        seat("old", "Tidligere", "old@example.org", valid_to="2026-06-30"),
        seat("twice", "Åse igen", "AASE@example.org"),
    ]
    guests = meeting().model_validate(
        {
            **meeting().model_dump(),
            "attendance": {
                "ad_hoc": [
                    {"name": "Søren  Gæst", "email": "soeren@example.org"},
                    {"name": "Forkert", "email": "søren@example.org"},
                    {"name": "Ingen"},
                ]
            },
        }
    )
    listing = recipients(seats, guests)
    assert listing.recipients == [
        Recipient("Åse Ærø", "aase@example.org", "a", "PLO"),
        Recipient("Søren Gæst", "soeren@example.org", "ad hoc", None),
    ]
    assert listing.recipients[1].ad_hoc
    assert [(s.name, s.reason) for s in listing.skipped] == [
        ("Ledig plads (PLO)", "pladsen er ledig"),
        ("Bo Uden", "ingen e-mailadresse"),
        ("Forkert", "'søren@example.org' har æ, ø, å eller andre tegn før @, som mange postservere ikke modtager"),
        ("Ingen", "ingen e-mailadresse"),
    ]


def test_addresses_are_validated_and_international_domains_encoded() -> None:
    assert normalise_address(" anne@hjørring.dk ") == "anne@xn--hjrring-r1a.dk"
    for bad in ("anne@", "a b@example.org", "<a@example.org>", "a,b@example.org", "a@b", 'a"@example.org'):
        with pytest.raises(ValueError, match="ikke en gyldig e-mailadresse"):
            normalise_address(bad)
    with pytest.raises(ValueError, match="æ, ø, å"):
        normalise_address("søren@example.org")


def record(address: str, day: date = date(2026, 11, 10), kind: str = "agenda", forum: str = "nord") -> SentRecord:
    return SentRecord(
        forum=forum,
        meeting=DAY,
        kind="agenda" if kind == "agenda" else "minutes",
        address=address,
        name=address,
        message_id=f"<{address}>",
        sent_at=datetime(2026, 11, 10, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen")),
        date=day,
        document="sha256:x",
    )


def test_plan_sends_only_to_those_the_log_does_not_record() -> None:
    people = [Recipient("A", "a@example.org", "a"), Recipient("B", "b@example.org", "b")]
    empty = plan_sending("nord", DAY, "agenda", people, [])
    assert empty.remaining == people and not empty.complete and empty.completed_on() is None

    records = [
        record("A@example.org"),
        record("b@example.org", kind="minutes"),  # another document
        record("b@example.org", forum="vest"),  # another forum
        record("gone@example.org"),  # no longer a member
    ]
    partly = plan_sending("nord", DAY, "agenda", people, records)
    assert partly.remaining == [people[1]]
    assert [recipient for recipient, _ in partly.done] == [people[0]]
    assert [r.address for r in partly.former] == ["gone@example.org"]
    assert partly.total == 2

    done = plan_sending("nord", DAY, "agenda", people, [*records, record("b@example.org", date(2026, 11, 11))])
    assert done.remaining == [] and done.complete
    assert done.completed_on() == date(2026, 11, 11)
    assert plan_sending("nord", DAY, "agenda", [], []).complete is False


def test_the_document_as_it_will_be_once_sent() -> None:
    files = load_forum(bundled_root() / "forums" / "nord")
    original = next(m.model for m in files.meetings if m.model is not None and m.model.date == date(2027, 3, 9))
    assert original is not None
    changed_files, changed = as_sent(files, original, "agenda", date(2027, 2, 20))
    assert recorded_sent(changed, "agenda") == date(2027, 2, 20)
    assert recorded_sent(original, "agenda") is None
    assert any(loaded.model is changed for loaded in changed_files.meetings)
    assert not any(loaded.model is original for loaded in changed_files.meetings)
    _, minutes = as_sent(files, original, "minutes", date(2027, 3, 16))
    assert recorded_sent(minutes, "minutes") == date(2027, 3, 16)


CONFIG = Email(sender="driftsfora@example.org", host="smtp.example.org", port=587, security="starttls")


def test_smtp_settings_from_config_and_environment() -> None:
    settings = smtp_settings(CONFIG, {})
    assert (settings.host, settings.port, settings.security, settings.user) == (
        "smtp.example.org",
        587,
        "starttls",
        None,
    )
    env = {
        "DRIFTSFORUM_SMTP_HOST": "mail.example.org",
        "DRIFTSFORUM_SMTP_PORT": "465",
        "DRIFTSFORUM_SMTP_SECURITY": "TLS",
        "DRIFTSFORUM_SMTP_USER": "sekretariat",
        "DRIFTSFORUM_SMTP_PASSWORD": "hemmeligt",
    }
    settings = smtp_settings(CONFIG, env)
    assert (settings.host, settings.port, settings.security, settings.user) == (
        "mail.example.org",
        465,
        "tls",
        "sekretariat",
    )
    assert settings.password == "hemmeligt"
    assert "hemmeligt" not in repr(settings) and "hemmeligt" not in settings.describe()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DRIFTSFORUM_SMTP_PORT": "smtp"}, "ikke et portnummer"),
        ({"DRIFTSFORUM_SMTP_SECURITY": "ssl"}, "starttls, tls eller none"),
        ({"DRIFTSFORUM_SMTP_USER": "sekretariat"}, "DRIFTSFORUM_SMTP_PASSWORD"),
        ({"DRIFTSFORUM_SMTP_PASSWORD": "x"}, "intet brugernavn"),
        (
            {"DRIFTSFORUM_SMTP_SECURITY": "none", "DRIFTSFORUM_SMTP_USER": "u", "DRIFTSFORUM_SMTP_PASSWORD": "x"},
            "ukrypteret",
        ),
    ],
)
def test_smtp_settings_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(MailingError, match=message):
        smtp_settings(CONFIG, env)


def test_plain_login_is_allowed_to_a_server_on_this_machine() -> None:
    env = {
        "DRIFTSFORUM_SMTP_HOST": "127.0.0.1",
        "DRIFTSFORUM_SMTP_SECURITY": "none",
        "DRIFTSFORUM_SMTP_USER": "u",
        "DRIFTSFORUM_SMTP_PASSWORD": "x",
    }
    assert smtp_settings(CONFIG, env).user == "u"
