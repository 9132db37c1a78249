"""Which reminders a forum owes today (`driftsforum remind`): pure, `today` and the calendar are passed in.

Reminders go out on working days only, each to the person who holds the seat ON the day:
- `action-due`: to an action's owner `actions_before_days` working days before the action is due (or on the
  first run after that, until the due date);
- `action-overdue`: to the owner the first working day after the due date, and again every
  `overdue_repeat_days` days while the action is open (0: only once);
- `comments`: to the members (not ad hoc participants, not those who have commented) the working day before
  the deadline for comments on minutes that were sent and not yet revised;
- `presenter`: to the presenters of an agenda's items `presenters_before_days` working days before the
  agenda's deadline, while the agenda is not sent; the material is due the working day before that deadline;
- `digest`: to the secretariat, the forum's tasks as `driftsforum due` shows them, once a week (the first
  working day of the week that has any).

Each reminder has a `key` – kind, object and occasion – that the send log records with the recipient, so it
is never sent twice; a due date that is moved is a new occasion. Cancelled meetings give no reminders. Seats
that are vacant, unknown, no longer in the forum or without an address give a Danish note instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from driftsforum_cli.danish import full_date, long_date, plural
from driftsforum_cli.domain.actions import track_actions
from driftsforum_cli.domain.deadlines import Event, meeting_events
from driftsforum_cli.domain.mailing import VACANT_REASON, Recipient, normalise_address, recipients
from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.models import Forum, Meeting, Seat
from driftsforum_cli.models.meeting import Action

ReminderKind = Literal["action-due", "action-overdue", "comments", "presenter", "digest"]
KINDS: tuple[ReminderKind, ...] = ("action-due", "action-overdue", "comments", "presenter", "digest")

#: What each kind is called in the listing (Danish).
KIND_NAMES: dict[ReminderKind, str] = {
    "action-due": "Handling snart",
    "action-overdue": "Handling overskredet",
    "comments": "Bemærkninger",
    "presenter": "Oplæg",
    "digest": "Ugeoversigt",
}


@dataclass(frozen=True)
class Reminder:
    """One reminder to one recipient."""

    kind: ReminderKind
    forum: str
    recipient: Recipient
    key: str  # the occasion as the send log records it: 'action-due:nord-2026-3-a1:2026-11-13'
    due: date  # by when (the action's due date, the deadline for comments, the day the material is due)
    what: str  # Danish, one line: what it is about ('handling nord-2026-3-a1: Afprøve …')
    why: str  # Danish: why today
    meeting: Meeting | None = None
    action: Action | None = None
    items: tuple[str, ...] = ()  # a presenter's items (titles)
    agenda_due: date | None = None  # a presenter's: the agenda's deadline
    events: tuple[Event, ...] = ()  # the digest's tasks
    week: str = ""  # the digest's week ('uge 47')


@dataclass
class ReminderPlan:
    reminders: list[Reminder] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Danish: who cannot be reminded, and why
    closed: str | None = None  # today is not a working day: why ('lørdag', 'juledag')


def working_days_before(calendar: WorkCalendar, day: date, count: int) -> date:
    """The working day `count` working days before `day`."""
    for _ in range(count):
        day = calendar.shift(day - timedelta(days=1), -1)
    return day


def seat_recipient(seats: Sequence[Seat], seat_id: str, today: date, about: str) -> Recipient | str:
    """The person who holds the seat `seat_id` today, or a Danish note why nobody on it can get a reminder
    `about` something ('påmindelsen om handlingen nord-2026-3-a1')."""
    seat = next((seat for seat in seats if seat.id == seat_id), None)
    if seat is None:
        return f"'{seat_id}' er ikke en plads i members.yaml, så ingen får {about}."
    if not seat.is_current(today):
        return f"Pladsen '{seat_id}' ({seat.organisation}) er ikke længere med i forummet, så ingen får {about}."
    holder = holder_on(seat, today)
    if holder is None:
        return f"Pladsen for {seat.organisation} er ledig den {long_date(today)}, så ingen får {about}."
    name = " ".join(holder.name.split())
    if not holder.email:
        return (
            f"{name} ({seat.organisation}) får ikke {about}: ingen e-mailadresse (members.yaml, pladsen '{seat_id}')."
        )
    try:
        address = normalise_address(holder.email)
    except ValueError as exc:
        return f"{name} ({seat.organisation}) får ikke {about}: {exc} (members.yaml, pladsen '{seat_id}')."
    return Recipient(name, address, seat.id, seat.organisation)


def plan_reminders(
    forum: Forum,
    seats: Sequence[Seat],
    meetings: Sequence[Meeting],
    calendar: WorkCalendar,
    today: date,
    tasks: Sequence[Event] = (),
) -> ReminderPlan:
    """Every reminder the forum owes `today` (the send log decides which of them are still to be sent).
    `tasks`: the secretariat's tasks (`deadlines.due_plan`) for the digest."""
    plan = ReminderPlan()
    closed = calendar.closed(today)
    if closed is not None:
        plan.closed = closed.name
        return plan
    settings = forum.reminders
    held = [meeting for meeting in meetings if not meeting.cancelled]
    if settings.actions or settings.overdue:
        _actions(plan, forum, seats, held, calendar, today)
    for meeting in held:
        events = {event.kind: event for event in meeting_events(forum, meeting, calendar, today)}
        if settings.comments:
            _comments(plan, forum, seats, meeting, events["comments_due"].date, calendar, today)
        if settings.presenters:
            _presenters(plan, forum, seats, meeting, events["agenda_due"].date, calendar, today)
    if settings.digest and tasks:
        _digest(plan, forum, seats, tasks, today)
    plan.reminders.sort(key=lambda item: (KINDS.index(item.kind), item.due, item.key, item.recipient.name))
    return plan


def _actions(
    plan: ReminderPlan,
    forum: Forum,
    seats: Sequence[Seat],
    meetings: list[Meeting],
    calendar: WorkCalendar,
    today: date,
) -> None:
    settings = forum.reminders
    for tracked in track_actions(meetings):
        action, due = tracked.action, tracked.action.due
        if due is None or tracked.created > today or (tracked.closed is not None and tracked.closed <= today):
            continue
        what = f"handling {action.id}: {action.what}"
        if today <= due:
            if not settings.actions or today < working_days_before(calendar, due, settings.actions_before_days):
                continue
            left = (due - today).days
            why = "fristen er i dag" if left == 0 else f"fristen er om {plural(left, 'dag', 'dage')}"
            key = f"action-due:{action.id}:{due.isoformat()}"
            kind: ReminderKind = "action-due"
        else:
            first = calendar.shift(due + timedelta(days=1), 1)
            if not settings.overdue or today < first:
                continue
            repeat = settings.overdue_repeat_days
            occasion = (today - first).days // repeat + 1 if repeat else 1
            late = (today - due).days
            why = f"fristen er overskredet med {plural(late, 'dag', 'dage')}"
            key = f"action-overdue:{action.id}:{due.isoformat()}:{occasion}"
            kind = "action-overdue"
        found = seat_recipient(seats, action.owner, today, f"påmindelsen om handlingen '{action.id}'")
        if isinstance(found, str):
            plan.notes.append(found)
            continue
        created = next((meeting for meeting in meetings if meeting.date == tracked.created), None)
        plan.reminders.append(Reminder(kind, forum.id, found, key, due, what, why, meeting=created, action=action))


def _comments(
    plan: ReminderPlan,
    forum: Forum,
    seats: Sequence[Seat],
    meeting: Meeting,
    deadline: date,
    calendar: WorkCalendar,
    today: date,
) -> None:
    record = meeting.minutes
    if record.sent is None or record.revised_sent is not None or today < record.sent:
        return
    if not calendar.shift(deadline - timedelta(days=1), -1) <= today <= deadline:
        return
    commented = {comment.by for comment in record.comments}
    listing = recipients(seats, meeting, today)
    about = f"påmindelsen om fristen for bemærkninger til referatet af mødet den {long_date(meeting.date)}"
    for skipped in listing.skipped:
        if skipped.source != "ad hoc":
            if skipped.reason == VACANT_REASON:
                plan.notes.append(
                    f"Pladsen for {skipped.organisation} er ledig den {long_date(today)}, så ingen får {about}."
                )
            else:
                plan.notes.append(f"{skipped.name} får ikke {about}: {skipped.reason} (pladsen '{skipped.source}').")
    what = f"bemærkninger til referatet af mødet {full_date(meeting.date)}"
    why = "fristen er i dag" if today == deadline else "fristen er den næste arbejdsdag"
    key = f"comments:{meeting.date.isoformat()}:{deadline.isoformat()}"
    for recipient in listing.recipients:
        if recipient.ad_hoc or recipient.source in commented:
            continue
        plan.reminders.append(Reminder("comments", forum.id, recipient, key, deadline, what, why, meeting=meeting))


def _presenters(
    plan: ReminderPlan,
    forum: Forum,
    seats: Sequence[Seat],
    meeting: Meeting,
    agenda_due: date,
    calendar: WorkCalendar,
    today: date,
) -> None:
    if meeting.agenda_sent is not None or meeting.date <= today:
        return
    material_due = calendar.shift(agenda_due - timedelta(days=1), -1)
    start = working_days_before(calendar, agenda_due, forum.reminders.presenters_before_days)
    if not start <= today <= material_due:
        return
    items = [*meeting.agenda, *(meeting.joint_meeting.agenda if meeting.joint_meeting else ())]
    by_seat: dict[str, list[str]] = {}
    for item in items:
        if item.presenter:
            by_seat.setdefault(item.presenter, []).append(item.title)
    what = f"materiale til dagsordenen for mødet {full_date(meeting.date)}"
    key = f"presenter:{meeting.date.isoformat()}:{agenda_due.isoformat()}"
    why = f"dagsordenen udsendes senest {full_date(agenda_due)}"
    for seat_id, titles in by_seat.items():
        about = f"påmindelsen om materiale til mødet den {long_date(meeting.date)}"
        found = seat_recipient(seats, seat_id, today, about)
        if isinstance(found, str):
            plan.notes.append(found)
            continue
        plan.reminders.append(
            Reminder(
                "presenter",
                forum.id,
                found,
                key,
                material_due,
                what,
                why,
                meeting=meeting,
                items=tuple(titles),
                agenda_due=agenda_due,
            )
        )


def _digest(plan: ReminderPlan, forum: Forum, seats: Sequence[Seat], tasks: Sequence[Event], today: date) -> None:
    year, week, _ = today.isocalendar()
    overdue = sum(event.status == "overdue" for event in tasks)
    what = f"sekretariatets opgaver i uge {week}: {plural(len(tasks), 'opgave', 'opgaver')}"
    if overdue:
        what += f", heraf {overdue} overskredet"
    key = f"digest:{year}-W{week:02d}"
    secretariat = [seat for seat in seats if "sekretariat" in seat.roles and seat.is_current(today)]
    if not secretariat:
        plan.notes.append("Ingen plads i members.yaml har rollen 'sekretariat', så ingen får ugeoversigten.")
    for seat in secretariat:
        found = seat_recipient(seats, seat.id, today, "ugeoversigten")
        if isinstance(found, str):
            plan.notes.append(found)
            continue
        reminder = Reminder(
            "digest", forum.id, found, key, today, what, "ugens oversigt", events=tuple(tasks), week=f"uge {week}"
        )
        plan.reminders.append(reminder)
