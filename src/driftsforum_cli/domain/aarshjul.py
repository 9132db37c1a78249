"""The årshjul: a forum's year — its ordinary meetings, the agreements and fixed tasks due at each, the
deadlines around them, and the evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.deadlines import Event, evaluation_event, meeting_events
from driftsforum_cli.domain.documents import agreements_due, number_in_year
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Agreement, Forum, Meeting


class WheelError(UserError):
    """The wheel cannot be drawn (e.g. the forum's files have errors); Danish message."""


@dataclass(frozen=True)
class WheelMeeting:
    meeting: Meeting
    number: int | None  # ordinary meetings are numbered 1..n in the year
    agreements: list[Agreement]
    tasks: list[str]
    deadlines: list[Event]  # agenda_due and minutes_due


@dataclass(frozen=True)
class Wheel:
    forum: Forum
    year: int
    meetings: list[WheelMeeting]
    evaluation: Event | None  # when it falls in the year
    unplanned: list[Agreement]  # active agreements with no place in the wheel


def _slot_matches(
    meeting: Meeting, number: int | None, ordinary: list[Meeting], slot_meeting: int | None, slot_month: int | None
) -> bool:
    if number is None:
        return False
    if slot_meeting is not None:
        return slot_meeting == number
    assert slot_month is not None
    later = [m for m in ordinary if m.date.month >= slot_month]
    return (later[0] if later else ordinary[-1]) == meeting


def build_wheel(files: ForumFiles, year: int, calendar: WorkCalendar, today: date) -> Wheel:
    forum = files.forum.model
    if forum is None or files.agreements.model is None:
        raise WheelError(f"forummet '{files.id}' har fejl i sine filer; kør 'driftsforum validate' og ret dem først")
    agreements = files.agreements.model.agreements
    meetings = sorted((m.model for m in files.meetings if m.model is not None), key=lambda m: m.date)
    in_year = [m for m in meetings if m.date.year == year and not m.cancelled]
    ordinary = [m for m in in_year if m.kind == "ordinært"]
    evaluation = evaluation_event(forum, calendar, today)
    wheel_meetings = []
    for meeting in in_year:
        number = number_in_year(meetings, meeting)
        tasks = [
            task.title
            for task in forum.annual_tasks
            if _slot_matches(meeting, number, ordinary, task.meeting, task.month)
        ]
        if evaluation.date.year == year and number is not None:
            before = [m for m in ordinary if m.date <= evaluation.date]
            if (before[-1] if before else ordinary[0]) == meeting:
                tasks.append(f"Evaluering af samarbejdsformen (senest {evaluation.date.day}.{evaluation.date.month}.)")
        deadlines = [
            event
            for event in meeting_events(forum, meeting, calendar, today)
            if event.kind in ("agenda_due", "minutes_due")
        ]
        wheel_meetings.append(
            WheelMeeting(meeting, number, agreements_due(agreements, meetings, meeting), tasks, deadlines)
        )
    unplanned = [a for a in agreements if a.status == "aktiv" and a.annual_cycle is None]
    return Wheel(forum, year, wheel_meetings, evaluation if evaluation.date.year == year else None, unplanned)
