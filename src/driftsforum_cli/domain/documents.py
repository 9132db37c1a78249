"""What goes into an agenda (dagsorden) or minutes (referat): the meeting file's own items, the charter's
standard items, open actions carried forward, the agreements due in the årshjul, and the minutes' status.

Pure: the files are already loaded, and `today` is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.actions import TrackedAction, open_before, track_actions
from driftsforum_cli.domain.agreements import flagged_for_steering_group
from driftsforum_cli.domain.deadlines import Event, meeting_events
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.seats import VACANT, holder_on
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Agreement, Forum, Meeting, Seat
from driftsforum_cli.models.forum import StandardItemId
from driftsforum_cli.models.meeting import AdHocParticipant, AgendaItem, MinutesComment

DocumentKind = Literal["agenda", "minutes"]
MinutesStatus = Literal["udkast", "sendt", "afventer revideret referat", "godkendt"]


class DocumentError(UserError):
    """The document cannot be made (e.g. no such meeting); the message is Danish."""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str | None
    organisation: str
    example: bool

    @property
    def label(self) -> str:
        """'Anne Eksempel, Afdelingsleder (Brønderslev Kommune)'."""
        role = f", {self.title}" if self.title else ""
        return f"{self.name}{role} ({self.organisation})"


@dataclass(frozen=True)
class ActionLine:
    id: str
    what: str
    owner: Person | None
    owner_id: str
    due: date | None
    created: date
    closed: date | None
    overdue: bool


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    kind: str
    standard: StandardItemId | None = None
    presenter: Person | None = None
    duration_minutes: int | None = None
    starts: time | None = None
    summary: str | None = None
    background: str | None = None
    recommendation: str | None = None
    decision: str | None = None
    agreements: list[Agreement] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    closed: bool = False
    # content of standard items
    previous_meeting: date | None = None
    previous_status: str | None = None
    actions: list[ActionLine] = field(default_factory=list)
    next_meeting: Meeting | None = None
    to_steering_group: list[Agreement] = field(default_factory=list)  # flagged, not yet reported


@dataclass(frozen=True)
class JointPart:
    partner: str
    start: time
    end: time
    place: str
    items: list[Item]


@dataclass(frozen=True)
class MinutesState:
    status: MinutesStatus
    due: date  # when the minutes must be sent
    sent: date | None
    comments_due: date
    comments: list[tuple[Person | None, MinutesComment]]
    revised_sent: date | None
    approved: date | None  # the day they count as approved (None until then)


@dataclass(frozen=True)
class MeetingDocument:
    kind: DocumentKind
    forum: Forum
    meeting: Meeting
    number_in_year: int | None  # ordinary meetings only
    items: list[Item]
    joint: JointPart | None
    members: list[Person]  # the forum's current members (the agenda's "Deltagere")
    present: list[Person]
    absent: list[Person]
    ad_hoc: list[AdHocParticipant]
    citizen_perspective: list[str]
    minute_taker: Person | None
    secretariat: list[Person]
    agenda_due: date
    agenda_sent: date | None
    minutes: MinutesState
    actions_decided: list[ActionLine]
    today: date

    @property
    def title(self) -> str:
        return "Dagsorden" if self.kind == "agenda" else "Referat"

    @property
    def is_draft(self) -> bool:
        return self.kind == "minutes" and self.minutes.status != "godkendt"


def _person(seat: Seat, day: date) -> Person:
    """Whoever held the seat on `day` (the meeting's date), or the vacant seat."""
    holder = holder_on(seat, day)
    if holder is None:
        return Person(seat.id, VACANT, None, seat.organisation, False)
    return Person(seat.id, holder.name, holder.title, seat.organisation, holder.example)


def _meetings(files: ForumFiles) -> list[Meeting]:
    return sorted(
        (loaded.model for loaded in files.meetings if loaded.model is not None), key=lambda meeting: meeting.date
    )


def pick_meeting(files: ForumFiles, meeting_date: date | None, today: date) -> Meeting:
    """The meeting on `meeting_date`, or the next one on or after `today`."""
    meetings = [meeting for meeting in _meetings(files) if not meeting.cancelled]
    if meeting_date is not None:
        for meeting in _meetings(files):
            if meeting.date == meeting_date:
                return meeting
        known = ", ".join(meeting.date.isoformat() for meeting in meetings[-6:])
        raise DocumentError(
            f"forummet '{files.id}' har intet møde den {meeting_date.isoformat()}"
            + (f"; kendte møder: {known}" if known else "")
        )
    upcoming = [meeting for meeting in meetings if meeting.date >= today]
    if not upcoming:
        raise DocumentError(
            f"forummet '{files.id}' har intet planlagt møde efter {today.isoformat()}; opret det med 'driftsforum meeting new'"
        )
    return upcoming[0]


def number_in_year(meetings: list[Meeting], meeting: Meeting) -> int | None:
    ordinary = [m for m in meetings if m.kind == "ordinært" and not m.cancelled and m.date.year == meeting.date.year]
    return ordinary.index(meeting) + 1 if meeting in ordinary else None


def agreements_due(agreements: list[Agreement], meetings: list[Meeting], meeting: Meeting) -> list[Agreement]:
    """Agreements whose place in the årshjul is this meeting: by ordinary meeting number, or by month
    (the first ordinary meeting in or after that month, else the year's last)."""
    number = number_in_year(meetings, meeting)
    if number is None:
        return []
    ordinary = [m for m in meetings if m.kind == "ordinært" and not m.cancelled and m.date.year == meeting.date.year]
    due: list[Agreement] = []
    for agreement in agreements:
        slot = agreement.annual_cycle
        if slot is None or agreement.status == "ikke længere relevant":
            continue
        if slot.meeting is not None and slot.meeting == number:
            due.append(agreement)
        elif slot.month is not None:
            later = [m for m in ordinary if m.date.month >= slot.month]
            if (later[0] if later else ordinary[-1]) == meeting:
                due.append(agreement)
    return due


def _action_line(tracked: TrackedAction, people: dict[str, Person], today: date) -> ActionLine:
    action = tracked.action
    return ActionLine(
        action.id,
        action.what,
        people.get(action.owner),
        action.owner,
        action.due,
        tracked.created,
        tracked.closed,
        tracked.overdue(today),
    )


def _events(forum: Forum, meeting: Meeting, calendar: WorkCalendar, today: date) -> dict[str, Event]:
    return {event.kind: event for event in meeting_events(forum, meeting, calendar, today)}


def _minutes_state(meeting: Meeting, events: dict[str, Event], people: dict[str, Person]) -> MinutesState:
    record = meeting.minutes
    approved_event = events["minutes_approved"]
    approved = approved_event.date if approved_event.status == "done" else None
    status: MinutesStatus
    if approved is not None:
        status = "godkendt"
    elif record.sent is None:
        status = "udkast"
    elif record.comments and events["comments_due"].status == "done":
        status = "afventer revideret referat"
    else:
        status = "sendt"
    return MinutesState(
        status=status,
        due=events["minutes_due"].date,
        sent=record.sent,
        comments_due=events["comments_due"].date,
        comments=[(people.get(comment.by), comment) for comment in record.comments],
        revised_sent=record.revised_sent,
        approved=approved,
    )


def _items(
    agenda: list[AgendaItem],
    start_number: int,
    start: time | None,
    people: dict[str, Person],
    agreements: dict[str, Agreement],
) -> tuple[list[Item], time | None]:
    items: list[Item] = []
    clock = start
    for offset, item in enumerate(agenda):
        items.append(
            Item(
                number=start_number + offset,
                title=item.title,
                kind=item.kind,
                presenter=people.get(item.presenter) if item.presenter else None,
                duration_minutes=item.duration_minutes,
                starts=clock,
                summary=item.summary,
                background=item.background,
                recommendation=item.recommendation,
                decision=item.decision,
                agreements=[agreements[ref] for ref in item.agreements if ref in agreements],
                attachments=list(item.attachments),
                closed=item.closed,
            )
        )
        clock = _later(clock, item.duration_minutes)
    return items, clock


def _later(clock: time | None, minutes: int | None) -> time | None:
    if clock is None or minutes is None:
        return None
    return (datetime.combine(date.min, clock) + timedelta(minutes=minutes)).time()


def build_document(
    kind: DocumentKind, files: ForumFiles, meeting: Meeting, calendar: WorkCalendar, today: date
) -> MeetingDocument:
    forum = files.forum.model
    if forum is None or files.members.model is None or files.agreements.model is None:
        raise DocumentError(f"forummet '{files.id}' har fejl i sine filer; kør 'driftsforum validate' og ret dem først")
    seats = files.members.model.seats
    people = {seat.id: _person(seat, meeting.date) for seat in seats}
    agreements = {agreement.id: agreement for agreement in files.agreements.model.agreements}
    meetings = _meetings(files)
    earlier = [m for m in meetings if m.date < meeting.date and not m.cancelled]
    later = [m for m in meetings if m.date > meeting.date and not m.cancelled]
    previous = earlier[-1] if earlier else None

    items: list[Item] = []
    clock: time | None = meeting.start
    for standard in forum.documents.standard_items:
        if standard.id in meeting.skip_standard_items:
            continue
        number = len(items) + 1
        if standard.id == "meeting_items":
            own, clock = _items(meeting.agenda, number, clock, people, agreements)
            items.extend(own)
            continue
        base = Item(number=number, title=standard.title, kind=standard.kind, standard=standard.id, starts=clock)
        if standard.id == "approve_previous_minutes":
            if previous is None:
                continue
            state = _minutes_state(previous, _events(forum, previous, calendar, today), people)
            base = replace(base, previous_meeting=previous.date, previous_status=_status_text(state))
        elif standard.id == "action_followup":
            carried = [_action_line(t, people, today) for t in open_before(meetings, meeting.date)]
            base = replace(base, actions=carried)
        elif standard.id == "agreements_due":
            due = agreements_due(list(agreements.values()), meetings, meeting)
            flagged = [
                f.agreement
                for f in flagged_for_steering_group(agreements.values(), meetings, meeting.date)
                if f.reported is None
            ]
            if not due and not flagged:
                continue
            base = replace(base, agreements=due, to_steering_group=flagged)
        elif standard.id == "next_meeting":
            base = replace(base, next_meeting=later[0] if later else None)
        items.append(base)
        clock = None  # standard items have no allotted time

    joint = None
    if meeting.joint_meeting is not None:
        part = meeting.joint_meeting
        joint_items, _ = _items(part.agenda, 1, part.start, people, agreements)
        joint = JointPart(part.partner, part.start, part.end, part.place or meeting.place, joint_items)

    attendance = meeting.attendance
    current = [people[seat.id] for seat in seats if seat.is_current(meeting.date)]
    decided = [
        _action_line(tracked, people, today) for tracked in track_actions(meetings) if tracked.created == meeting.date
    ]
    events = _events(forum, meeting, calendar, today)
    return MeetingDocument(
        kind=kind,
        forum=forum,
        meeting=meeting,
        number_in_year=number_in_year(meetings, meeting),
        items=items,
        joint=joint,
        members=current,
        present=[people[ref] for ref in attendance.present if ref in people] if attendance else [],
        absent=[people[ref] for ref in attendance.absent if ref in people] if attendance else [],
        ad_hoc=list(attendance.ad_hoc) if attendance else [],
        citizen_perspective=list(attendance.citizen_perspective) if attendance else [],
        minute_taker=people.get(attendance.minute_taker) if attendance and attendance.minute_taker else None,
        secretariat=[
            people[seat.id] for seat in seats if "sekretariat" in seat.roles and seat.is_current(meeting.date)
        ],
        agenda_due=events["agenda_due"].date,
        agenda_sent=meeting.agenda_sent,
        minutes=_minutes_state(meeting, events, people),
        actions_decided=decided,
        today=today,
    )


def _status_text(state: MinutesState) -> str:
    if state.status == "godkendt" and state.approved is not None:
        return f"godkendt den {long_date(state.approved)}"
    if state.status == "udkast":
        return f"endnu ikke udsendt (skal udsendes senest {long_date(state.due)})"
    if state.status == "afventer revideret referat":
        return "bemærkninger modtaget; revideret referat udsendes"
    return f"udsendt {long_date(state.sent or state.due)}; frist for bemærkninger {long_date(state.comments_due)}"
