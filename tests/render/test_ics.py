"""The ICS export, read back with vobject (a second, independent iCalendar parser)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import vobject  # type: ignore[import-untyped]

from driftsforum_cli.domain.deadlines import Event, meeting_events
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Closure, Forum, Meeting
from driftsforum_cli.render.ics import event_uid, to_ics
from driftsforum_cli.workspace import bundled_root

STAMP = datetime(2026, 3, 20, tzinfo=UTC)


@pytest.fixture(scope="module")
def events() -> list[Event]:
    path = bundled_root() / "forums" / "vest" / "forum.yaml"
    vest = load_file(path, str(path), Forum).model
    assert vest is not None
    calendar = WorkCalendar([Closure.model_validate({"name": "Juleaftensdag", "every_year": "12-24"})])
    april = Meeting.model_validate(
        {
            "date": "2026-04-20",
            "start": "13:00",
            "end": "15:00",
            "place": "Thisted Rådhus, mødelokale 1",
            "joint_meeting": {"partner": "Driftsforum Voksen Somatik", "start": "15:00", "end": "16:00"},
        }
    )
    january = Meeting.model_validate(
        {"date": "2026-01-08", "start": "09:00", "end": "11:00", "place": "Nykøbing Mors", "agenda_sent": "2025-12-23"}
    )
    today = date(2026, 3, 20)
    return meeting_events(vest, january, calendar, today) + meeting_events(vest, april, calendar, today)


def parse(data: bytes) -> Any:
    return vobject.readOne(data.decode("utf-8"))


def by_uid(parsed: Any) -> dict[str, Any]:
    return {component.uid.value: component for component in parsed.vevent_list}


def test_every_event_is_exported_with_a_unique_uid(events: list[Event]) -> None:
    parsed = by_uid(parse(to_ics(events, "Driftsfora", STAMP)))
    assert len(parsed) == len(events)
    assert "vest-2026-04-20-agenda-due@driftsforum" in parsed
    assert "vest-2026-04-20-joint-meeting@driftsforum" in parsed


def test_meetings_are_timed_in_copenhagen_with_a_vtimezone(events: list[Event]) -> None:
    parsed = parse(to_ics(events, "Driftsfora", STAMP))
    assert parsed.vtimezone.tzid.value == "Europe/Copenhagen"
    meetings = by_uid(parsed)
    april = meetings["vest-2026-04-20-meeting@driftsforum"]
    start = april.dtstart.value
    assert (start.hour, start.minute) == (13, 0)
    assert start.utcoffset() == timedelta(hours=2)  # summer time, from the file's own VTIMEZONE
    assert april.dtend.value.hour == 15
    assert april.location.value == "Thisted Rådhus, mødelokale 1"
    january = meetings["vest-2026-01-08-meeting@driftsforum"]
    assert january.dtstart.value.utcoffset() == timedelta(hours=1)
    joint = meetings["vest-2026-04-20-joint-meeting@driftsforum"]
    assert joint.summary.value == "Voksenpsykiatri Vest: Fællesmøde med Driftsforum Voksen Somatik"
    # Outlook shows the description under the entry: the forum, no status and no quote from the charter
    assert joint.description.value == "Driftsforum Voksenpsykiatri – Klynge Vest"


def test_deadlines_are_all_day_with_a_reminder(events: list[Event]) -> None:
    parsed = by_uid(parse(to_ics(events, "Driftsfora", STAMP)))
    agenda = parsed["vest-2026-04-20-agenda-due@driftsforum"]
    assert agenda.dtstart.value == date(2026, 4, 1)  # 6 April is anden påskedag
    assert not isinstance(agenda.dtstart.value, datetime)
    assert agenda.dtend.value == date(2026, 4, 2)
    assert agenda.summary.value == "Voksenpsykiatri Vest: Dagsorden til mødet den 20. april 2026 udsendes"
    description = agenda.description.value
    assert "Fristen efter kommissoriet er 6. april 2026; flyttet fra anden påskedag." in description
    assert "Status: planlagt" in description
    alarm = agenda.valarm
    assert alarm.action.value == "DISPLAY"
    assert alarm.trigger.value == timedelta(hours=-15)


def test_done_deadlines_carry_no_reminder(events: list[Event]) -> None:
    parsed = by_uid(parse(to_ics(events, "Driftsfora", STAMP)))
    sent = parsed["vest-2026-01-08-agenda-due@driftsforum"]
    assert "Status: udsendt" in sent.description.value
    assert not hasattr(sent, "valarm")


def test_the_same_plan_exports_the_same_bytes(events: list[Event]) -> None:
    first = to_ics(events, "Driftsfora", STAMP)
    assert to_ics(events, "Driftsfora", STAMP) == first
    later = to_ics(events, "Driftsfora", STAMP + timedelta(days=3))
    assert sorted(by_uid(parse(later))) == sorted(by_uid(parse(first)))


def test_uids_do_not_depend_on_the_dates(events: list[Event]) -> None:
    from dataclasses import replace

    agenda = next(event for event in events if event.kind == "agenda_due" and event.meeting == date(2026, 4, 20))
    moved = replace(agenda, date=date(2026, 3, 31), status="done")
    assert event_uid(moved) == event_uid(agenda) == "vest-2026-04-20-agenda-due@driftsforum"


def test_icalendar_reads_its_own_output(events: list[Event]) -> None:
    from icalendar import Calendar

    parsed = Calendar.from_ical(to_ics(events, "Driftsfora", STAMP))
    assert parsed["X-WR-CALNAME"] == "Driftsfora"
    assert len(parsed.walk("VEVENT")) == len(events)
    assert len(parsed.walk("VTIMEZONE")) == 1


def test_an_update_keeps_the_uid_and_raises_the_sequence(events: list[Event]) -> None:
    first = by_uid(parse(to_ics(events, "Driftsfora", STAMP)))
    update = by_uid(parse(to_ics(events, "Driftsfora", STAMP, sequence=2)))
    assert set(update) == set(first)
    meeting = update["vest-2026-04-20-meeting@driftsforum"]
    assert int(meeting.sequence.value) == 2 and meeting.status.value == "CONFIRMED"
    assert not hasattr(first["vest-2026-04-20-meeting@driftsforum"], "sequence")


def test_a_cancellation_cancels_the_event_with_an_organizer(events: list[Event]) -> None:
    from icalendar import Calendar

    meetings = [event for event in events if event.kind == "meeting"]
    data = to_ics(meetings, "Driftsfora", STAMP, sequence=1, cancel=("sekretariat@example.org", "Sekretariatet – Thy"))
    parsed = parse(data)
    assert parsed.method.value == "CANCEL"
    for vevent in parsed.vevent_list:
        assert vevent.status.value == "CANCELLED" and int(vevent.sequence.value) == 1
        assert vevent.organizer.value == "mailto:sekretariat@example.org"
        assert vevent.organizer.params["CN"] == ["Sekretariatet – Thy"]
    icalendar = Calendar.from_ical(data)
    assert [str(event["STATUS"]) for event in icalendar.walk("VEVENT")] == ["CANCELLED"] * len(meetings)
    assert data.count(b"STATUS:") == len(meetings), "one status per event, not CONFIRMED and CANCELLED"
