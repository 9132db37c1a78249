"""The deadline calendar as iCalendar (RFC 5545), through the `icalendar` library (imported here only).

Meetings are timed events in Europe/Copenhagen, with the VTIMEZONE that defines it; deadlines are
all-day events with a reminder at 09.00 the day before. Every event's UID is made from the forum, the
meeting and the kind of event, so importing a new export updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from driftsforum_cli import __version__
from driftsforum_cli.danish import DOCUMENT_TITLES, long_date
from driftsforum_cli.domain.deadlines import Event
from driftsforum_cli.render.calendar import status_label

TIMEZONE = "Europe/Copenhagen"
UID_DOMAIN = "driftsforum"
PRODID = f"-//driftsforum//driftsforum {__version__}//DA"
# An all-day deadline's reminder: 15 hours before its start, i.e. at 09.00 the day before.
REMINDER = dt.timedelta(hours=-15)

_KIND_LABELS = {
    "meeting": "Møde",
    "joint_meeting": "Fællesmøde",
    "agenda_due": DOCUMENT_TITLES["agenda"],
    "minutes_due": DOCUMENT_TITLES["minutes"],
    "comments_due": "Bemærkninger til referat",
    "minutes_approved": "Godkendt referat",
    "evaluation_due": "Evaluering",
    "data_stale": "Nye data",
}


def event_uid(event: Event) -> str:
    """Stable across exports: 'nord-2026-04-20-agenda-due@driftsforum', 'nord-evaluation-due@driftsforum'."""
    meeting = event.meeting.isoformat() if event.meeting else None
    parts = [event.forum, *([meeting] if meeting else []), event.kind.replace("_", "-")]
    return f"{'-'.join(parts)}@{UID_DOMAIN}"


#: ' kl. 13.00–15.30' in a meeting's title: a calendar shows the time itself, so the summary leaves it out.
_CLOCK = re.compile(r" kl\. \d{1,2}\.\d{2}–\d{1,2}\.\d{2}")


def _summary(event: Event) -> str:
    title = _CLOCK.sub("", event.title) if event.start is not None else event.title
    return f"{event.forum_short}: {title}" + (" – aflyst" if event.cancelled else "")


def _description(event: Event) -> str:
    """The forum, and for a deadline: which meeting, why it moved, its status and the charter's rule. A
    meeting's time, place and whether it is cancelled are the calendar entry's own fields."""
    lines = [event.forum_name]
    if event.kind in ("meeting", "joint_meeting"):
        return "\n".join(lines)
    if event.meeting is not None:
        lines.append(f"Møde: {long_date(event.meeting)}")
    if event.moved_reason:
        lines.append(f"Fristen efter kommissoriet er {long_date(event.nominal_date)}; {event.moved_reason}.")
    lines.append(f"Status: {status_label(event)}")
    if event.rule:
        lines.append(f"Kommissoriet: {event.rule}")
    return "\n".join(lines)


def _vevent(event: Event, stamp: dt.datetime, zone: dt.tzinfo) -> Any:
    from icalendar import Alarm
    from icalendar import Event as VEvent

    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("summary", _summary(event))
    vevent.add("description", _description(event))
    vevent.add("categories", ["Driftsforum", _KIND_LABELS[event.kind]])
    if event.start is not None:
        vevent.add("dtstart", dt.datetime.combine(event.date, event.start, zone))
        if event.end is not None:
            vevent.add("dtend", dt.datetime.combine(event.date, event.end, zone))
        if event.place:
            vevent.add("location", event.place)
        vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        return vevent
    vevent.add("dtstart", event.date)
    vevent.add("dtend", event.date + dt.timedelta(days=1))
    vevent.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if event.status != "done":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Påmindelse: {_summary(event)}")
        alarm.add("trigger", REMINDER)
        vevent.add_component(alarm)
    return vevent


@dataclass(frozen=True)
class Invitation:
    """An iTIP meeting request (RFC 5546): the organizer (the secretariat) and one attendee per recipient,
    each asked to reply (RSVP); an ad hoc participant is an optional participant."""

    organizer: tuple[str, str]  # address, name
    attendees: tuple[tuple[str, str, bool], ...]  # name, address, ad hoc


def _invite(vevent: Any, invitation: Invitation, sequence: int) -> None:
    """ORGANIZER, SEQUENCE (also 0: RFC 5546 counts on it) and one ATTENDEE per recipient with RSVP."""
    from icalendar import vCalAddress

    if "ORGANIZER" not in vevent:
        address, name = invitation.organizer
        organizer = vCalAddress(f"mailto:{address}")
        organizer.params["cn"] = name
        vevent.add("organizer", organizer)
    if "SEQUENCE" not in vevent:
        vevent.add("sequence", sequence)
    for name, address, ad_hoc in invitation.attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["cn"] = name
        attendee.params["cutype"] = "INDIVIDUAL"
        attendee.params["role"] = "OPT-PARTICIPANT" if ad_hoc else "REQ-PARTICIPANT"
        attendee.params["partstat"] = "NEEDS-ACTION"
        attendee.params["rsvp"] = "TRUE"
        vevent.add("attendee", attendee)


def _sent_version(vevent: Any, sequence: int, cancel: tuple[str, str] | None) -> None:
    """SEQUENCE for an update or a cancellation; for a cancellation also STATUS:CANCELLED and the ORGANIZER
    RFC 5546 requires of a CANCEL."""
    from icalendar import vCalAddress

    if sequence:
        vevent.add("sequence", sequence)
    if cancel is not None:
        vevent.pop("STATUS", None)
        vevent.add("status", "CANCELLED")
        address, name = cancel
        organizer = vCalAddress(f"mailto:{address}")
        organizer.params["cn"] = name
        vevent.add("organizer", organizer)


def to_ics(
    events: Sequence[Event],
    name: str,
    stamp: dt.datetime,
    *,
    sequence: int = 0,
    cancel: tuple[str, str] | None = None,
    invitation: Invitation | None = None,
) -> bytes:
    """The events as one VCALENDAR. `stamp` (UTC) is the DTSTAMP of every event, so the same plan
    exported on the same day gives the same bytes.

    A sent update of a meeting keeps its UID and raises its SEQUENCE (`sequence`, 1 for the first update),
    so a calendar replaces the appointment instead of adding a second one. `cancel` (the organizer's
    address and name) makes it a METHOD:CANCEL whose events are STATUS:CANCELLED. `invitation` makes it an
    iTIP message: METHOD:REQUEST (or CANCEL) with the ORGANIZER and an ATTENDEE per recipient."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    zone = ZoneInfo(TIMEZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST" if invitation else "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    for event in events:
        vevent = _vevent(event, stamp.astimezone(dt.UTC), zone)
        _sent_version(vevent, sequence, cancel)
        if invitation is not None:
            _invite(vevent, invitation, sequence)
        calendar.add_component(vevent)
    timed = [event.date for event in events if event.start is not None]
    if timed:
        calendar.add_missing_timezones(
            first_date=dt.date(min(timed).year, 1, 1), last_date=dt.date(max(timed).year + 1, 1, 1)
        )
        for vtimezone in calendar.timezones:
            vtimezone.pop("COMMENT", None)  # icalendar's English note on the years covered
    data: bytes = calendar.to_ical()
    return data
