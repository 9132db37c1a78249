"""Proposing a year's meeting plan on working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from driftsforum_cli.danish import WEEKDAYS, clock, long_date
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Forum, Meeting

TUESDAY = 1


def proposed_meeting_dates(year: int, per_year: int, calendar: WorkCalendar, weekday: int = TUESDAY) -> list[date]:
    """`per_year` dates spread over the year: the second `weekday` of evenly spaced months, moved
    forward to a working day (and away from the summer holiday in July)."""
    step = 12 / per_year
    dates: list[date] = []
    for index in range(per_year):
        month = min(12, int(2 + index * step + 0.5))
        if month == 7:
            month = 6
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7)
        dates.append(calendar.shift(day, 1))
    return dates


@dataclass(frozen=True)
class JointDefaults:
    partner: str
    start: str
    end: str


@dataclass(frozen=True)
class MeetingDefaults:
    date: date
    start: str
    end: str
    place: str
    kind: str
    joint: JointDefaults | None


def _hhmm(moment: time) -> str:
    """'13:00', as a meeting file writes its times (ISO 8601; the Danish '13.00' is for people)."""
    return moment.isoformat(timespec="minutes")


def weekend(day: date) -> str | None:
    """Why a Saturday or Sunday cannot be chosen ('er en lørdag; vælg en arbejdsdag'), else None; asked before
    any holiday or closure, since a weekend is closed all day whatever else falls on it."""
    return f"er en {WEEKDAYS[day.weekday()]}; vælg en arbejdsdag" if day.weekday() >= 5 else None


def new_meeting(
    forum: Forum, meetings: list[Meeting], day: date, calendar: WorkCalendar, kind: str = "ordinært"
) -> MeetingDefaults:
    """Values for a new meeting file: times and place from the forum's latest meeting before `day`
    (else 13:00–15:00), the joint meeting the charter asks for, and a check that the day is open."""
    saturday_or_sunday = weekend(day)
    if saturday_or_sunday is not None:
        raise PlanningError(f"{long_date(day)} {saturday_or_sunday}")
    taken = next((meeting for meeting in meetings if meeting.date == day), None)
    if taken is not None:
        if taken.cancelled:
            raise PlanningError(
                f"der findes allerede et aflyst møde den {long_date(day)}; skal det holdes alligevel, så fjern "
                f"'cancelled' fra meetings/{day.isoformat()}.yaml, ellers vælg en anden dag"
            )
        raise PlanningError(f"der findes allerede et møde den {long_date(day)}")
    closed = calendar.closed(day)
    if closed is not None and closed.closed_from is None:
        raise PlanningError(f"{long_date(day)} er en lukkedag ({closed.name}); vælg en arbejdsdag")
    earlier = sorted((m for m in meetings if m.date < day), key=lambda meeting: meeting.date)
    model = earlier[-1] if earlier else (meetings[0] if meetings else None)
    start, end = (model.start, model.end) if model else (time(13, 0), time(15, 0))
    if closed is not None and closed.closed_from is not None and end > closed.closed_from:
        raise PlanningError(
            f"{long_date(day)} er lukket fra kl. {clock(closed.closed_from)} ({closed.name}); vælg en anden dag"
        )
    joint = None
    rule = forum.meetings.joint_meeting
    if rule is not None and kind == "ordinært":
        previous = model.joint_meeting if model else None
        if previous is not None:
            joint = JointDefaults(rule.partner, _hhmm(previous.start), _hhmm(previous.end))
        else:
            after = (datetime.combine(day, end) + timedelta(hours=1)).time()
            joint = JointDefaults(rule.partner, _hhmm(end), _hhmm(after))
    place = model.place if model else "Mødested (ret mig)"
    return MeetingDefaults(day, _hhmm(start), _hhmm(end), place, kind, joint)


class PlanningError(UserError):
    """A meeting that cannot be planned as asked; the message is Danish."""
