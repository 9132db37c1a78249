"""Meeting invitations (forum.yaml 'invitations: request'): iTIP METHOD:REQUEST with ORGANIZER and an ATTENDEE
per recipient asked to reply, a stable UID, SEQUENCE raised on every update, METHOD:CANCEL on cancellation,
the VTIMEZONE of Europe/Copenhagen, and the MIME part's method= matching the body (RFC 6047). Received by a
real SMTP server and parsed by icalendar and vobject."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage, MIMEPart
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import RunCli
from tests.helpers.repos import copy_of_bundled
from tests.helpers.smtp import Recorder, serving

MEETING = "forums/nord/meetings/2027-03-09.yaml"
UID = "nord-2027-03-09-meeting@driftsforum"
MEMBERS = 11
ORGANIZER = "mailto:driftsfora@example.org"


@pytest.fixture(autouse=True)
def _looking_back_from_2028(monkeypatch: pytest.MonkeyPatch) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    with serving(monkeypatch) as recorder:
        yield recorder


def _repo(tmp_path: Path, setting: str | None) -> Path:
    repo = copy_of_bundled(tmp_path / "repo", schemas=True)
    meeting = repo / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8")
        + "attendance:\n  ad_hoc:\n    - name: Søren Æbelø\n      organisation: Ældreplejen\n"
        + "      email: soeren.aebeloe@aeldre.example.org\n",
        encoding="utf-8",
    )
    if setting is not None:
        forum = repo / "forums/nord/forum.yaml"
        forum.write_text(forum.read_text(encoding="utf-8") + f"invitations: {setting}\n", encoding="utf-8")
    return repo


def _send(cli: RunCli, repo: Path, *args: str, kind: str = "agenda", today: str = "2027-02-20") -> str:
    result = cli("--repo", str(repo), "send", kind, "nord", "2027-03-09", "--today", today, *args, "--send")
    assert result.code == 0, result.output
    return result.output


def _request(message: EmailMessage) -> tuple[Any, Any, str]:
    """The calendar part of a meeting request: inside multipart/alternative after the text and the HTML,
    not a file. Parsed by icalendar and vobject; also its MIME method."""
    import icalendar
    import vobject  # type: ignore[import-untyped]

    alternative: MIMEPart = message
    if message.get_content_type() != "multipart/alternative":  # with the agenda attached
        assert message.get_content_type() == "multipart/mixed"
        alternative = next(part for part in message.iter_parts() if part.get_content_type() == "multipart/alternative")
    types = [part.get_content_type() for part in alternative.iter_parts()]
    assert types == ["text/plain", "text/html", "text/calendar"]
    part = list(alternative.iter_parts())[2]
    assert part.get_content_disposition() is None, "an invitation, not an attachment"
    assert part.get_content_charset() == "utf-8"
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    assert all(item.get_content_type() != "text/calendar" for item in message.iter_attachments())
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8")), str(part.get_param("method"))


def _event(calendar: Any) -> Any:
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1, "one event (one UID) per iTIP message"
    return events[0]


def _attendees(event: Any) -> dict[str, Any]:
    found = event.get("ATTENDEE")
    found = found if isinstance(found, list) else [found]
    return {str(attendee): attendee.params for attendee in found}


def test_without_the_opt_in_the_agenda_keeps_the_publish_file(cli: RunCli, tmp_path: Path, server: Recorder) -> None:
    repo = _repo(tmp_path, None)
    _send(cli, repo)
    message = server.received[0].message
    files = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(files) == 1 and files[0].get_param("method") == "PUBLISH"
    assert b"ATTENDEE" not in (files[0].get_payload(decode=True) or b"")


def test_invitations_request_are_itip_requests_updated_and_cancelled(
    cli: RunCli, tmp_path: Path, server: Recorder
) -> None:
    repo = _repo(tmp_path, "request")
    out = _send(cli, repo)
    assert "mødeindkaldelse (" in out
    assert len(server.received) == MEMBERS + 1
    everyone = {f"mailto:{item.recipients[0]}" for item in server.received}
    for item in server.received:
        message = item.message
        ical, vcal, method = _request(message)
        assert method == "REQUEST" and str(ical["METHOD"]) == "REQUEST" and vcal.method.value == "REQUEST"
        event = _event(ical)
        assert str(event["UID"]) == UID
        assert int(event["SEQUENCE"]) == 0
        assert str(event["ORGANIZER"]) == ORGANIZER
        assert event["ORGANIZER"].params["CN"] == "Sekretariatet for driftsfora voksenpsykiatri"
        attendees = _attendees(event)
        assert set(attendees) == everyone, "every copy lists every recipient"
        for address, params in attendees.items():
            assert params["RSVP"] == "TRUE" and params["PARTSTAT"] == "NEEDS-ACTION"
            assert params["ROLE"] == ("OPT-PARTICIPANT" if "aeldre" in address else "REQ-PARTICIPANT")
            assert params["CN"]
        assert _attendees(event)["mailto:soeren.aebeloe@aeldre.example.org"]["CN"] == "Søren Æbelø"
        assert [str(zone["TZID"]) for zone in ical.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
        assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").hour == 13
        assert "TZID=Europe/Copenhagen" in event.to_ical().decode()
        vevent = vcal.vevent
        assert vevent.uid.value == UID and int(vevent.sequence.value) == 0
        assert len(vevent.attendee_list) == MEMBERS + 1
        assert {attendee.rsvp_param for attendee in vevent.attendee_list} == {"TRUE"}
        assert vevent.organizer.value == ORGANIZER
        body = message.get_body(("plain",))
        assert body is not None and "mødeindkaldelse: svar Ja, Måske eller Nej" in body.get_content()
        assert [part.get_filename() for part in message.iter_attachments()] == ["dagsorden-nord-2027-03-09.pdf"]

    # An update: the same UID, SEQUENCE raised, to everyone.
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("start: 13:00", "start: 14:00"), encoding="utf-8")
    _send(cli, repo, "--update", "--note", "nyt tidspunkt")
    updates = server.received[MEMBERS + 1 :]
    assert len(updates) == MEMBERS + 1
    for item in updates:
        ical, vcal, method = _request(item.message)
        event = _event(ical)
        assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", UID, 1)
        assert event.decoded("DTSTART").hour == 14
        assert int(vcal.vevent.sequence.value) == 1
    _send(cli, repo, "--update", "--note", "nyt lokale")
    assert {int(_event(_request(item.message)[0])["SEQUENCE"]) for item in server.received[-MEMBERS - 1 :]} == {2}

    # The cancellation: METHOD:CANCEL in the body and in the MIME part, the attendees, SEQUENCE above.
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\n", encoding="utf-8")
    _send(cli, repo, kind="cancellation", today="2027-02-25")
    cancellations = server.received[3 * (MEMBERS + 1) :]
    assert len(cancellations) == MEMBERS + 1
    for item in cancellations:
        ical, vcal, method = _request(item.message)
        event = _event(ical)
        assert method == "CANCEL" and str(ical["METHOD"]) == "CANCEL" and vcal.method.value == "CANCEL"
        assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (UID, 3, "CANCELLED")
        assert str(event["ORGANIZER"]) == ORGANIZER and set(_attendees(event)) == everyone
        assert vcal.vevent.status.value == "CANCELLED"
        body = item.message.get_body(("plain",))
        assert body is not None and "aflyser også mødeindkaldelsen" in body.get_content()
        assert list(item.message.iter_attachments()) == []


def test_a_request_to_one_new_member_lists_every_attendee(cli: RunCli, tmp_path: Path, server: Recorder) -> None:
    """--to sends the same meeting request to one seat: the same attendees as everyone else's copy."""
    repo = _repo(tmp_path, "request")
    result = cli(
        "--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", "2027-02-20", "--to", "plo", "--send"
    )
    assert result.code == 0, result.output
    [item] = server.received
    assert item.recipients == ["ib.eksempel@plo.example.org"]
    assert len(_attendees(_event(_request(item.message)[0]))) == MEMBERS + 1
