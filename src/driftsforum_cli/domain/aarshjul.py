"""The årshjul: a forum's year — its ordinary meetings, the agreements and fixed tasks due at each, the
deadlines around them, and the evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.deadlines import Event, evaluation_event, meeting_events
from driftsforum_cli.domain.documents import (
    Displaced,
    agreements_due,
    displaced_agreements,
    next_meeting,
    number_in_year,
    ordinary_in_year,
    slot_meeting,
)
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
    deadlines: list[Event]  # agenda_due and minutes_due (none for a cancelled meeting)

    @property
    def cancelled(self) -> bool:
        return self.meeting.cancelled


@dataclass(frozen=True)
class Wheel:
    forum: Forum
    year: int
    meetings: list[WheelMeeting]
    evaluation: Event | None  # when it falls in the year
    unplanned: list[Agreement]  # active agreements with no place in the wheel
    displaced: list[Displaced]  # agreements whose meeting is cancelled, with the next meeting suggested
    displaced_tasks: list[DisplacedTask]  # fixed tasks whose meeting is cancelled, likewise


@dataclass(frozen=True)
class DisplacedTask:
    title: str
    cancelled: Meeting
    suggested: Meeting | None


def build_wheel(files: ForumFiles, year: int, calendar: WorkCalendar, today: date) -> Wheel:
    forum = files.forum.model
    if forum is None or files.agreements.model is None:
        raise WheelError(f"forummet '{files.id}' har fejl i sine filer; kør 'driftsforum validate' og ret dem først")
    agreements = files.agreements.model.agreements
    meetings = sorted((m.model for m in files.meetings if m.model is not None), key=lambda m: m.date)
    # Cancelled meetings stay in the wheel (marked, with nothing due): the others keep their numbers.
    in_year = [m for m in meetings if m.date.year == year and (m.kind == "ordinært" or not m.cancelled)]
    ordinary = ordinary_in_year(meetings, year)
    held = [m for m in ordinary if not m.cancelled]
    evaluation = evaluation_event(forum, calendar, today)
    wheel_meetings = []
    for meeting in in_year:
        number = number_in_year(meetings, meeting)
        if meeting.cancelled:
            wheel_meetings.append(WheelMeeting(meeting, number, [], [], []))
            continue
        tasks = [
            task.title
            for task in forum.annual_tasks
            if number is not None and slot_meeting(ordinary, task.meeting, task.month) == meeting
        ]
        if evaluation.date.year == year and number is not None:
            before = [m for m in held if m.date <= evaluation.date]
            if (before[-1] if before else held[0]) == meeting:
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
    displaced = displaced_agreements(agreements, meetings, year)
    displaced_tasks = [
        DisplacedTask(task.title, planned, next_meeting(meetings, planned.date))
        for task in forum.annual_tasks
        if (planned := slot_meeting(ordinary, task.meeting, task.month)) is not None and planned.cancelled
    ]
    evaluation_in_year = evaluation if evaluation.date.year == year else None
    return Wheel(forum, year, wheel_meetings, evaluation_in_year, unplanned, displaced, displaced_tasks)
