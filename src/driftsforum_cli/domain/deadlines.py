"""The secretariat's clock: every meeting's deadlines, from the charter's rules and what the meeting
files record, moved off closed days as the charter's policy for each kind of deadline says.

Pure functions: `today` is always passed in.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from driftsforum_cli.danish import clock, long_date
from driftsforum_cli.domain.repository import Repository
from driftsforum_cli.domain.workdays import AdjustedDate, WorkCalendar
from driftsforum_cli.models import Forum, Meeting
from driftsforum_cli.models.forum import AdjustPolicy, DeadlineRule

EventKind = Literal[
    "meeting",
    "joint_meeting",
    "agenda_due",
    "minutes_due",
    "comments_due",
    "minutes_approved",
    "evaluation_due",
    "data_stale",
]
Status = Literal["planned", "done", "overdue", "cancelled"]  # 'cancelled': a cancelled meeting only

# The order of events that fall on the same day: the order EventKind names them in.
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)

# The charter gives no policy for the evaluation; it is the forum's own obligation, so it moves earlier
# like the secretariat's other obligations.
EVALUATION_ADJUST: AdjustPolicy = "previous_working_day"

_MEETING_TITLES = {"ordinært": "Ordinært møde", "ekstra": "Ekstra møde", "fællesmøde": "Fællesmøde"}


@dataclass(frozen=True)
class Event:
    """One dated thing in a forum's year: a meeting or a deadline."""

    forum: str
    forum_name: str  # 'Driftsforum Voksenpsykiatri – Klynge Nord'
    forum_short: str  # 'Voksenpsykiatri Nord'
    meeting: dt.date | None  # the meeting the event belongs to (None for the evaluation)
    kind: EventKind
    date: dt.date  # after moving off closed days
    nominal_date: dt.date  # before
    moved_reason: str | None  # 'flyttet fra anden påskedag'
    status: Status
    title: str  # Danish
    recorded: dt.date | None = None  # when the files say it actually happened
    start: dt.time | None = None  # meetings only
    end: dt.time | None = None
    place: str | None = None
    rule: str | None = None  # the charter's wording of the deadline
    cancelled: bool = False
    secretariat_task: bool = False  # something the secretariat itself must do

    def sort_key(self) -> tuple[dt.date, int, dt.time, str, dt.date]:
        return (
            self.date,
            EVENT_KINDS.index(self.kind),
            self.start or dt.time(0),
            self.forum,
            self.meeting or dt.date.min,
        )


@dataclass
class Plan:
    """Events in date order, and Danish notes about files that could not be used."""

    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (29 Feb → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def _deadline_status(due: dt.date, recorded: dt.date | None, today: dt.date) -> Status:
    if recorded is not None:
        return "done"
    return "overdue" if today > due else "planned"


def _deadline(rule: DeadlineRule, base: dt.date, calendar: WorkCalendar) -> AdjustedDate:
    return calendar.adjust(base + dt.timedelta(days=rule.offset_days), rule.adjust)


def meeting_events(forum: Forum, meeting: Meeting, calendar: WorkCalendar, today: dt.date) -> list[Event]:
    """The meeting itself, its joint meeting, and the deadlines that hang on it."""
    rules = forum.meetings.deadlines
    held = meeting.date
    on = f"mødet den {long_date(held)}"

    def event(
        kind: EventKind,
        when: AdjustedDate,
        status: Status,
        title: str,
        *,
        recorded: dt.date | None = None,
        rule: str | None = None,
        task: bool = False,
    ) -> Event:
        return Event(
            forum=forum.id,
            forum_name=forum.name,
            forum_short=forum.short_name,
            meeting=held,
            kind=kind,
            date=when.day,
            nominal_date=when.nominal,
            moved_reason=when.reason,
            status=status,
            title=title,
            recorded=recorded,
            rule=rule,
            secretariat_task=task,
        )

    def session(title: str, start: dt.time, end: dt.time, place: str, rule: str | None = None) -> Event:
        status: Status = "cancelled" if meeting.cancelled else "done" if held < today else "planned"
        return replace(
            event("meeting", AdjustedDate(held, held), status, title, rule=rule),
            start=start,
            end=end,
            place=place,
            cancelled=meeting.cancelled,
        )

    title = f"{_MEETING_TITLES[meeting.kind]} kl. {clock(meeting.start)}–{clock(meeting.end)}"
    events = [session(title, meeting.start, meeting.end, meeting.place)]
    joint = meeting.joint_meeting
    if joint is not None:
        charter = forum.meetings.joint_meeting
        joint_event = session(
            f"Fællesmøde med {joint.partner} kl. {clock(joint.start)}–{clock(joint.end)}",
            joint.start,
            joint.end,
            joint.place or meeting.place,
            charter.description if charter else None,
        )
        events.append(replace(joint_event, kind="joint_meeting"))
    if meeting.cancelled:
        return events  # the joint meeting is cancelled with it; there is no agenda, minutes or deadline

    def secretariat_deadline(kind: EventKind, rule: DeadlineRule, sent: dt.date | None, title: str) -> AdjustedDate:
        """The secretariat's own deadline (agenda or minutes out), done once the file records it sent."""
        when = _deadline(rule, held, calendar)
        status = _deadline_status(when.day, sent, today)
        events.append(event(kind, when, status, title, recorded=sent, rule=rule.description, task=True))
        return when

    secretariat_deadline("agenda_due", rules.agenda, meeting.agenda_sent, f"Dagsorden til {on} udsendes")
    record = meeting.minutes
    minutes = secretariat_deadline("minutes_due", rules.minutes, record.sent, f"Referat af {on} udsendes")

    # Until the minutes are sent, the (adjusted) day they are due stands in for the day they were sent.
    comments = _deadline(rules.comments, record.sent or minutes.day, calendar)
    window_over = record.sent is not None and (today > comments.day or record.revised_sent is not None)
    received = len(record.comments)
    comments_title = f"Frist for bemærkninger til referatet af {on}"
    if received:
        comments_title += f" ({received} {'bemærkning' if received == 1 else 'bemærkninger'} modtaget)"
    events.append(
        event(
            "comments_due",
            comments,
            "done" if window_over else "planned",
            comments_title,
            rule=rules.comments.description,
        )
    )

    if record.revised_sent is not None:
        approved = AdjustedDate(record.revised_sent, record.revised_sent)
        events.append(
            event(
                "minutes_approved",
                approved,
                "done",
                f"Revideret referat af {on} udsendt; referatet er godkendt",
                recorded=record.revised_sent,
            )
        )
    else:
        day_after = comments.day + dt.timedelta(days=1)
        approved = AdjustedDate(day_after, day_after)
        if received:
            # The secretariat owes revised minutes: late once the day after the window has passed.
            status: Status = "overdue" if record.sent is not None and today > day_after else "planned"
            approved_title = f"Revideret referat af {on} udsendes og betragtes som godkendt"
        else:
            status = "done" if record.sent is not None and today >= day_after else "planned"
            approved_title = f"Referatet af {on} betragtes som godkendt"
        events.append(event("minutes_approved", approved, status, approved_title, task=bool(received)))
    return events


def evaluation_event(forum: Forum, calendar: WorkCalendar, today: dt.date) -> Event:
    """The forum evaluates itself within `within_months` of the charter's approval, then again within
    as long after the last recorded evaluation."""
    rule = forum.evaluation
    since = rule.last_done or forum.approved.date
    due = calendar.adjust(add_months(since, rule.within_months), EVALUATION_ADJUST)
    after = "seneste evaluering" if rule.last_done else "kommissoriets godkendelse"
    return Event(
        forum=forum.id,
        forum_name=forum.name,
        forum_short=forum.short_name,
        meeting=None,
        kind="evaluation_due",
        date=due.day,
        nominal_date=due.nominal,
        moved_reason=due.reason,
        status="overdue" if today > due.day else "planned",
        title=f"Evaluering af samarbejdsformen afrapporteres til {rule.report_to}",
        rule=f"Senest {rule.within_months} måneder efter {after} ({long_date(since)}).",
        secretariat_task=True,
    )


def forum_events(forum: Forum, meetings: Iterable[Meeting], calendar: WorkCalendar, today: dt.date) -> list[Event]:
    """Every event of one forum, in date order."""
    events = [evaluation_event(forum, calendar, today)]
    for meeting in meetings:
        events.extend(meeting_events(forum, meeting, calendar, today))
    return sorted(events, key=Event.sort_key)


def repository_events(repo: Repository, today: dt.date) -> Plan:
    """Every event of every readable forum in the repository, in date order."""
    plan = Plan()
    config = repo.config.model
    if config is None:
        plan.notes.append(
            "driftsforum.yaml kan ikke læses, så de ekstra lukkedage er ikke med – kør 'driftsforum validate'."
        )
    calendar = repo.calendar
    for files in repo.forums:
        forum = files.forum.model
        if forum is None:
            plan.notes.append(
                f"Forummet '{files.id}' er udeladt: kommissoriet kan ikke læses – kør 'driftsforum validate'."
            )
            continue
        meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
        unreadable = [loaded.display for loaded in files.meetings if loaded.model is None]
        if unreadable:
            plan.notes.append(
                f"Udeladt, fordi {'filen' if len(unreadable) == 1 else 'filerne'} ikke kan læses: "
                f"{', '.join(unreadable)} – kør 'driftsforum validate'."
            )
        plan.events.extend(forum_events(forum, meetings, calendar, today))
    plan.events.sort(key=Event.sort_key)
    return plan


def calendar_plan(repo: Repository, today: dt.date, start: dt.date | None, end: dt.date | None) -> Plan:
    """The events whose (adjusted) date lies from `start` to `end`, both included (None: open)."""
    plan = repository_events(repo, today)
    plan.events = [
        event for event in plan.events if (start is None or event.date >= start) and (end is None or event.date <= end)
    ]
    return plan


def due_plan(repo: Repository, today: dt.date, days: int) -> Plan:
    """The secretariat's open tasks: every overdue one, then those due within `days` days, most
    urgent first."""
    plan = repository_events(repo, today)
    horizon = today + dt.timedelta(days=days)
    tasks = [
        event
        for event in plan.events
        if event.secretariat_task and event.status != "done" and (event.status == "overdue" or event.date <= horizon)
    ]
    from driftsforum_cli.domain.indicators import stale_data_events

    tasks += [event for event in stale_data_events(repo, today) if event.date <= horizon]
    plan.events = sorted(tasks, key=lambda event: (event.status != "overdue", event.sort_key()))
    return plan
