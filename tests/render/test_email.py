"""E-mail messages: encoded Danish headers, one Message-ID each, Danish time, Reply-To, attachments, templates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from driftsforum_cli.domain.deadlines import meeting_events
from driftsforum_cli.domain.documents import MeetingDocument, build_document
from driftsforum_cli.domain.mailing import Recipient
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.models.config import Email
from driftsforum_cli.render.email import (
    Attachment,
    Outgoing,
    Sender,
    build_message,
    build_messages,
    document_digest,
    eml_name,
    meeting_invitation,
    recipient_table,
    render_text,
)
from driftsforum_cli.workspace import bundled_root, load_forum

SENDER = Sender("driftsfora@example.org", "Sekretariatet for driftsfora – Læsø og Åbybro", "svar@example.org")
ÅSE = Recipient("Åse Ærø Sørensen", "aase@example.org", "plo", "PLO")
SUMMER = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
WINTER = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def message(now: datetime = SUMMER, attachments: tuple[Attachment, ...] = ()) -> Outgoing:
    built = build_message(
        sender=SENDER,
        recipient=ÅSE,
        subject="Dagsorden: møde på Læsø – Ærøskøbing",
        body="Kære Åse\n\nHermed dagsordenen.\n",
        attachments=attachments,
        now=now,
    )
    return Outgoing(ÅSE, built)


def test_danish_letters_are_encoded_words_and_decode_back() -> None:
    data = message().as_bytes()
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "=?utf-8?" in head
    assert "ø" not in head
    parsed = parse(data)
    assert str(parsed["Subject"]) == "Dagsorden: møde på Læsø – Ærøskøbing"
    assert parsed["To"].addresses[0].display_name == "Åse Ærø Sørensen"
    assert parsed["To"].addresses[0].addr_spec == "aase@example.org"
    assert parsed["From"].addresses[0].display_name == "Sekretariatet for driftsfora – Læsø og Åbybro"
    assert parsed["Reply-To"].addresses[0].addr_spec == "svar@example.org"
    body = parsed.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == "Kære Åse\n\nHermed dagsordenen.\n"
    assert body["Content-Language"] == "da"


def test_date_is_danish_time_and_every_message_has_its_own_id() -> None:
    assert str(parse(message(SUMMER).as_bytes())["Date"]) == "Mon, 01 Jun 2026 12:00:00 +0200"
    assert str(parse(message(WINTER).as_bytes())["Date"]) == "Tue, 01 Dec 2026 11:00:00 +0100"
    first, second = message(), message()
    assert first.message_id != second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@example.org>")


def test_attachments_with_sizes_and_the_eml_draft() -> None:
    pdf = Attachment("dagsorden.pdf", "application", "pdf", b"%PDF-" + b"x" * 2495)
    ics = Attachment("moede.ics", "text", "calendar", b"BEGIN:VCALENDAR\r\n", (("method", "PUBLISH"),))
    assert pdf.label == "dagsorden.pdf (3 kB)"
    assert ics.size == "1 kB"
    outgoing = message(attachments=(pdf, ics))
    parts = {part.get_filename(): part for part in parse(outgoing.as_bytes()).iter_attachments()}
    assert parts["dagsorden.pdf"].get_payload(decode=True) == pdf.data
    assert parts["moede.ics"].get_content_type() == "text/calendar"
    assert parts["moede.ics"].get_param("method") == "PUBLISH"
    eml = outgoing.as_eml()
    assert eml.startswith(b"X-Unsent: 1\r\n")
    assert str(parse(eml)["Subject"]) == "Dagsorden: møde på Læsø – Ærøskøbing"
    table = recipient_table([outgoing], [pdf, ics])
    assert table.splitlines()[0].split() == ["Modtager", "Adresse", "Vedhæftet"]
    assert "Åse Ærø Sørensen  aase@example.org  dagsorden.pdf (3 kB), moede.ics (1 kB)" in table


def test_eml_names_are_safe_file_names() -> None:
    assert eml_name(3, Recipient("X", "a/b+c@example.org", "x")) == "03-a_b_c@example.org.eml"


@pytest.fixture(scope="module")
def agenda() -> MeetingDocument:
    files = load_forum(bundled_root() / "forums" / "nord")
    meeting = next(m.model for m in files.meetings if m.model is not None and m.model.date == date(2026, 11, 24))
    assert meeting is not None
    return build_document("agenda", files, meeting, WorkCalendar(()), date(2026, 11, 10))


def test_subject_and_body_from_the_templates(agenda: MeetingDocument) -> None:
    pdf = Attachment("dagsorden-nord-2026-11-24.pdf", "application", "pdf", b"%PDF-")
    subject, body = render_text(agenda, ÅSE, SENDER, [pdf], None)
    assert (
        subject == "Dagsorden: Driftsforum Voksenpsykiatri – Klynge Nord – møde tirsdag den 24. november 2026 kl. 13.00"
    )
    assert body.startswith("Kære Åse Ærø Sørensen\n\nHermed dagsordenen til ordinært møde nr. 4 i 2026")
    assert "Sted: Hjørring Rådhus, mødelokale 2 (eksempel)" in body
    assert "vedhæftet som PDF (dagsorden-nord-2026-11-24.pdf)" in body
    assert body.rstrip().endswith(SENDER.name)
    assert "\n\n\n" not in body


def test_a_repository_can_override_the_templates(agenda: MeetingDocument, tmp_path: Path) -> None:
    (tmp_path / "templates" / "email").mkdir(parents=True)
    (tmp_path / "templates" / "email" / "agenda.subject.j2").write_text(
        "Indkaldelse\n{{ forum.short_name }} {{ meeting.date | short_date }}\n", encoding="utf-8"
    )
    subject, body = render_text(agenda, ÅSE, SENDER, [], tmp_path)
    assert subject == "Indkaldelse Voksenpsykiatri Nord 24.11.2026"
    assert body.startswith("Kære Åse")  # the body template still comes from the package


def test_one_message_per_recipient_and_the_meeting_as_ics(agenda: MeetingDocument) -> None:
    events = meeting_events(agenda.forum, agenda.meeting, WorkCalendar(()), date(2026, 11, 10))
    ics = meeting_invitation(agenda, events, SUMMER)
    assert ics.filename == "moede-nord-2026-11-24.ics"
    text = ics.data.decode("utf-8")
    assert "METHOD:PUBLISH" in text
    assert text.count("BEGIN:VEVENT") == 1  # the meeting, not its deadlines
    assert "UID:nord-2026-11-24-meeting@driftsforum" in text
    others = [ÅSE, Recipient("Bo", "bo@example.org", "b")]
    built = build_messages(agenda, others, SENDER, [ics], None, SUMMER)
    assert [item.recipient for item in built] == others
    assert len({item.message_id for item in built}) == 2
    assert str(built[1].message["To"]) == "Bo <bo@example.org>"


def test_document_digest() -> None:
    assert document_digest("a") == document_digest("a") != document_digest("b")
    assert document_digest("a").startswith("sha256:")


def test_sender_from_the_config() -> None:
    config = Email(sender="driftsfora@example.org", sender_name="Sekretariatet\n for fora")
    sender = Sender.from_config(config)
    assert (sender.name, sender.reply_to, sender.domain) == (
        "Sekretariatet for fora",
        "driftsfora@example.org",
        "example.org",
    )


def test_templates_are_in_the_package() -> None:
    folder = bundled_root() / "templates" / "email"
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "_layout.html.j2",
        "agenda.html.j2",
        "agenda.subject.j2",
        "agenda.txt.j2",
        "cancellation.html.j2",
        "cancellation.subject.j2",
        "cancellation.txt.j2",
        "minutes.html.j2",
        "minutes.subject.j2",
        "minutes.txt.j2",
        "reminder.html.j2",
        "reminder.subject.j2",
        "reminder.txt.j2",
    ]


def test_a_corrected_agenda_is_marked_and_says_what_changed(agenda: MeetingDocument) -> None:
    from driftsforum_cli.domain.mailing import Version

    update = Version("agenda", "update-1", 1, "nyt mødelokale")
    subject, body = render_text(agenda, ÅSE, SENDER, [], None, update)
    assert subject.startswith("Rettet dagsorden: Driftsforum Voksenpsykiatri – Klynge Nord")
    assert "Hermed en rettet dagsorden til ordinært møde nr. 4 i 2026" in body
    assert "Den erstatter den dagsorden, du har fået tidligere.\n\nRettelse: nyt mødelokale\n" in body
    events = meeting_events(agenda.forum, agenda.meeting, WorkCalendar(()), date(2026, 11, 10))
    ics = meeting_invitation(agenda, events, SUMMER, sequence=1)
    assert "SEQUENCE:1" in ics.data.decode("utf-8")


def test_a_cancellation_message(agenda: MeetingDocument) -> None:
    from driftsforum_cli.render.email import cancellation_messages, meeting_cancellation

    meeting = agenda.meeting.model_copy(update={"cancelled": True, "note": "Nyt møde følger."})
    events = meeting_events(agenda.forum, meeting, WorkCalendar(()), date(2026, 11, 10))
    ics = meeting_cancellation(agenda.forum, meeting, events, SUMMER, 1, SENDER)
    assert ics.params == (("method", "CANCEL"), ("charset", "utf-8"))
    [built] = cancellation_messages(agenda.forum, meeting, [ÅSE], SENDER, [ics], None, SUMMER)
    message = parse(built.as_bytes())
    assert str(message["Subject"]) == (
        "Aflyst: Driftsforum Voksenpsykiatri – Klynge Nord – møde tirsdag den 24. november 2026 kl. 13.00"
    )
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert "Mødet i Driftsforum Voksenpsykiatri – Klynge Nord tirsdag den 24. november 2026 kl. 13.00–15.30" in text
    assert "er aflyst.\n\nNyt møde følger.\n" in text
    assert "åbn den for at fjerne mødet fra din kalender" in text


def test_addresses_are_shown_as_people_write_them() -> None:
    from driftsforum_cli.render.email import readable

    assert readable("post@xn--ls-1ia7e.dk") == "post@læsø.dk"
    assert readable("anne@xn--brnderslev-1cb.dk") == "anne@brønderslev.dk"
    assert readable("aase@example.org") == "aase@example.org"
    assert readable("x@xn--zz-broken.dk") == "x@xn--zz-broken.dk", "not Latin letters: shown as it is sent"
    assert readable("x@xn--80ak6aa92e.com") == "x@xn--80ak6aa92e.com", "a Cyrillic look-alike of apple.com"


def test_sender_addresses_with_danish_domains_are_sent_in_idna() -> None:
    config = Email(sender="post@læsø.dk", reply_to="svar@hjørring.dk", sender_name="Sekretariatet")
    sender = Sender.from_config(config)
    assert (sender.address, sender.reply_to, sender.domain) == (
        "post@xn--ls-1ia7e.dk",
        "svar@xn--hjrring-r1a.dk",
        "xn--ls-1ia7e.dk",
    )
    with pytest.raises(ValueError, match="før @"):
        Sender.from_config(Email(sender="søren@example.org"))
