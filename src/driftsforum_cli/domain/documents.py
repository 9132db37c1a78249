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
from driftsforum_cli.domain.cases import aggregate, public_only, register
from driftsforum_cli.domain.deadlines import Event, meeting_events
from driftsforum_cli.domain.indicators import ForumData, IndicatorView, forum_data
from driftsforum_cli.domain.journal_numbers import CaseNumber, item_case_numbers, meeting_case_numbers
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.representation import decisions_without
from driftsforum_cli.domain.seats import VACANT, holder_on
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Agreement, Forum, Meeting, Seat
from driftsforum_cli.models.forum import StandardItemId
from driftsforum_cli.models.indicators import CaseRecord
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
    phone: str | None = None  # for the e-mail's signature (members.yaml); never printed in documents
    email: str | None = None

    @property
    def label(self) -> str:
        """'Anne Eksempel, Afdelingsleder (Brønderslev Kommune)'."""
        role = f", {self.title}" if self.title else ""
        return f"{self.name}{role} ({self.organisation})"

    @property
    def with_organisation(self) -> str:
        """'Helle Eksempel (Psykiatrien, Klinik Psykiatri Nord)': a presenter as Danish agendas name them."""
        return f"{self.name} ({self.organisation})"


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
    ends: time | None = None  # starts + duration_minutes: the item's slot in the time plan ('kl. 13.20–13.50')
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
    moved_from: list[tuple[Agreement, date]] = field(default_factory=list)  # due at a cancelled meeting before
    note: str | None = None  # what the minutes say under a standard item (minutes.standard_items)
    not_taking_part: list[Person] = field(default_factory=list)  # present, but not in this item's treatment
    decided_without: tuple[str, ...] = ()  # parties with no one taking part in this decision (representation)
    own_items: dict[str, int] = field(default_factory=dict)  # agreement id → the meeting's own item about it
    case_numbers: list[CaseNumber] = field(default_factory=list)  # the item's own (domain/journal_numbers.py)
    indicators: list[IndicatorView] = field(default_factory=list)  # the item's data (small counts hidden)
    cases: list[CaseRecord] = field(default_factory=list)  # the cases and audits the item refers to

    def without_content(self) -> Item:
        """A closed item as those who may not see it get it: its number and 'Lukket punkt', nothing else."""
        return Item(number=self.number, title="", kind=self.kind, starts=self.starts, ends=self.ends, closed=True)


@dataclass(frozen=True)
class SubstituteLine:
    """'Karen Eksempel, Socialrådgiver, for Lise Eksempel (Læsø Kommune)'."""

    name: str
    title: str | None
    seat: Person

    @property
    def label(self) -> str:
        role = f", {self.title}" if self.title else ""
        return f"{self.name}{role}, for {self.seat.name} ({self.seat.organisation})"


@dataclass(frozen=True)
class PartTimeLine:
    """'Anne Eksempel (Brønderslev Kommune) kom kl. 13.30'."""

    person: Person
    arrived: time | None
    left: time | None


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
class Cancellation:
    """What a cancellation notice says besides the meeting's time and place."""

    reason: str | None  # the meeting file's cancelled_reason
    next_meeting: Meeting | None  # the next meeting that is not cancelled


#: Minutes a standard item takes in the time plan, unless forum.yaml gives it `duration_minutes`.
STANDARD_MINUTES: dict[str, int] = {"action_followup": 10, "agreements_due": 10}
DEFAULT_STANDARD_MINUTES = 5


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


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
    cancellation: Cancellation | None = None  # the meeting is cancelled: the document is a cancellation notice
    late: bool = False  # an agenda sent after its deadline says so ('Udsendt efter fristen …')
    moved_from: date | None = None  # the cancelled meeting whose `moved_to` is this one ('Mødet er flyttet fra …')
    substitutes: list[SubstituteLine] = field(default_factory=list)
    part_time: list[PartTimeLine] = field(default_factory=list)
    for_guests: bool = False  # closed items are left out (ad hoc participants' copy)

    @property
    def overrun_minutes(self) -> int:
        """How many minutes the time plan of the meeting's items runs past the meeting's end (0: it fits)."""
        ends = [item.ends for item in self.items if item.ends is not None]
        if not ends or self.cancellation is not None:
            return 0
        return max(0, _minutes(max(ends)) - _minutes(self.meeting.end))

    @property
    def title(self) -> str:
        if self.cancellation is not None:
            return "Aflysning"
        return "Dagsorden" if self.kind == "agenda" else "Referat"

    @property
    def case_numbers(self) -> list[CaseNumber]:
        """The meeting's (else the forum's) case number in each organisation's case system ('Sagsnr.')."""
        return meeting_case_numbers(self.forum, self.meeting)

    @property
    def cases_summary(self) -> list[str]:
        """The meeting's cases and audits in aggregate ('2 audits, heraf 1 om udskrivning'), each once."""
        items = [*self.items, *(self.joint.items if self.joint is not None else [])]
        found = {case.id: case for item in items for case in item.cases}
        return aggregate(found.values())

    @property
    def is_draft(self) -> bool:
        return self.kind == "minutes" and self.cancellation is None and self.minutes.status != "godkendt"

    @property
    def attendance_recorded(self) -> bool:
        """True once anyone is recorded as present: only then does an empty list of absent mean 'ingen'."""
        return bool(self.present)

    def guest_copy(self) -> MeetingDocument:
        """The document for ad hoc participants: every closed item is reduced to its number and 'Lukket punkt'
        (no title, texts, presenter, decision or attachments), in the joint meeting's part too."""
        items = [item.without_content() if item.closed else _public_cases(item) for item in self.items]
        joint = self.joint
        if joint is not None:
            joint = replace(
                joint, items=[item.without_content() if item.closed else _public_cases(item) for item in joint.items]
            )
        return replace(self, items=items, joint=joint, for_guests=True)

    def sent_late(self) -> MeetingDocument:
        """The agenda with the line 'Udsendt efter fristen (fristen var …)' – for an agenda sent after its
        deadline (the sending service sets it; an agenda whose file records it sent late has it already)."""
        return replace(self, late=True)


def _public_cases(item: Item) -> Item:
    """The item with only its public cases (for guests and the site)."""
    return replace(item, cases=public_only(item.cases)) if item.cases else item


def _person(seat: Seat, day: date) -> Person:
    """Whoever held the seat on `day` (the meeting's date), or the vacant seat."""
    holder = holder_on(seat, day)
    if holder is None:
        return Person(seat.id, VACANT, None, seat.organisation, False)
    return Person(seat.id, holder.name, holder.title, seat.organisation, holder.example, holder.phone, holder.email)


def _meetings(files: ForumFiles) -> list[Meeting]:
    return sorted(
        (loaded.model for loaded in files.meetings if loaded.model is not None), key=lambda meeting: meeting.date
    )


def _day(meeting: Meeting) -> date:
    return meeting.date


def pick_meeting(files: ForumFiles, meeting_date: date | None, today: date) -> Meeting:
    """The meeting on `meeting_date`, or the next one on or after `today`."""
    meetings = [meeting for meeting in _meetings(files) if not meeting.cancelled]
    if meeting_date is not None:
        for meeting in _meetings(files):
            if meeting.date == meeting_date:
                return meeting
        # the meetings nearest the date asked for (a typo is usually a day or a month off), in date order
        nearest = sorted(sorted(meetings, key=lambda meeting: abs((meeting.date - meeting_date).days))[:4], key=_day)
        known = ", ".join(meeting.date.isoformat() for meeting in nearest)
        raise DocumentError(
            f"forummet '{files.id}' har intet møde den {meeting_date.isoformat()}"
            + (f"; de nærmeste møder: {known}" if known else "")
        )
    upcoming = [meeting for meeting in meetings if meeting.date >= today]
    if not upcoming:
        raise DocumentError(
            f"forummet '{files.id}' har intet planlagt møde efter {today.isoformat()}; opret det med 'driftsforum meeting new'"
        )
    return upcoming[0]


def ordinary_in_year(meetings: list[Meeting], year: int) -> list[Meeting]:
    """The year's ordinary meetings in date order, cancelled ones included: they keep their numbers, so a
    cancellation never moves the årshjul's agreements and tasks to another meeting – unless the meeting was
    moved (`moved_to`): then the new meeting takes its place."""
    dates = {m.date for m in meetings}
    return sorted(
        (
            m
            for m in meetings
            if m.kind == "ordinært"
            and m.date.year == year
            # a meeting moved to another (moved_to) gives its place to the new one, which is counted instead
            and not (m.cancelled and m.moved_to in dates)
        ),
        key=lambda m: m.date,
    )


def number_in_year(meetings: list[Meeting], meeting: Meeting) -> int | None:
    ordinary = ordinary_in_year(meetings, meeting.date.year)
    return ordinary.index(meeting) + 1 if meeting in ordinary else None


def slot_meeting(ordinary: list[Meeting], number: int | None, month: int | None) -> Meeting | None:
    """The meeting a place in the årshjul points at: ordinary meeting `number`, or the first ordinary meeting
    in or after `month` (else the year's last). It may be cancelled; None if the year has no such meeting."""
    if not ordinary:
        return None
    if number is not None:
        return ordinary[number - 1] if number <= len(ordinary) else None
    assert month is not None
    later = [m for m in ordinary if m.date.month >= month]
    return later[0] if later else ordinary[-1]


def _planned(agreement: Agreement, ordinary: list[Meeting]) -> Meeting | None:
    slot = agreement.annual_cycle
    if slot is None or agreement.status == "ikke længere relevant":
        return None
    return slot_meeting(ordinary, slot.meeting, slot.month)


def agreements_due(agreements: list[Agreement], meetings: list[Meeting], meeting: Meeting) -> list[Agreement]:
    """Agreements whose place in the årshjul is this meeting: by ordinary meeting number, or by month
    (the first ordinary meeting in or after that month, else the year's last). None at a cancelled meeting."""
    if meeting.cancelled or meeting.kind != "ordinært":
        return []
    ordinary = ordinary_in_year(meetings, meeting.date.year)
    return [agreement for agreement in agreements if _planned(agreement, ordinary) == meeting]


@dataclass(frozen=True)
class Displaced:
    """An agreement the årshjul puts at a meeting that is cancelled, and the meeting suggested instead."""

    agreement: Agreement
    cancelled: Meeting
    suggested: Meeting | None  # the next meeting that is not cancelled, if one is planned


def next_meeting(meetings: list[Meeting], after: date) -> Meeting | None:
    """The first meeting after `after` that is not cancelled."""
    later = sorted((m for m in meetings if m.date > after and not m.cancelled), key=lambda m: m.date)
    return later[0] if later else None


def displaced_agreements(agreements: list[Agreement], meetings: list[Meeting], year: int) -> list[Displaced]:
    """The agreements that lost their meeting in `year` because it was cancelled."""
    ordinary = ordinary_in_year(meetings, year)
    found: list[Displaced] = []
    for agreement in agreements:
        planned = _planned(agreement, ordinary)
        if planned is not None and planned.cancelled:
            found.append(Displaced(agreement, planned, next_meeting(meetings, planned.date)))
    return found


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


def _minutes_state(meeting: Meeting, events: dict[str, Event], seats: dict[str, Seat]) -> MinutesState:
    """Where the minutes stand; a comment is credited to whoever held the seat the day it was received (a
    member replaced after the meeting comments as the new holder)."""
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
        comments=[
            (_person(seats[comment.by], comment.received) if comment.by in seats else None, comment)
            for comment in record.comments
        ],
        revised_sent=record.revised_sent,
        approved=approved,
    )


def _items(
    agenda: list[AgendaItem],
    start_number: int,
    start: time | None,
    people: dict[str, Person],
    agreements: dict[str, Agreement],
    forum: Forum | None = None,
    data: ForumData | None = None,
    cases: dict[str, CaseRecord] | None = None,
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
                ends=_later(clock, item.duration_minutes),
                summary=item.summary,
                background=item.background,
                recommendation=item.recommendation,
                decision=item.decision,
                agreements=[agreements[ref] for ref in item.agreements if ref in agreements],
                attachments=list(item.attachments),
                closed=item.closed,
                not_taking_part=[people[ref] for ref in item.not_taking_part if ref in people],
                case_numbers=item_case_numbers(forum, item) if forum is not None else [],
                indicators=data.views(item.indicators) if data is not None else [],
                cases=[cases[ref] for ref in item.cases if ref in cases] if cases else [],
            )
        )
        clock = _later(clock, item.duration_minutes)
    return items, clock


def _later(clock: time | None, minutes: int | None) -> time | None:
    if clock is None or minutes is None:
        return None
    return (datetime.combine(date.min, clock) + timedelta(minutes=minutes)).time()


def build_document(
    kind: DocumentKind,
    files: ForumFiles,
    meeting: Meeting,
    calendar: WorkCalendar,
    today: date,
    *,
    late: bool = False,
) -> MeetingDocument:
    """The agenda or minutes of `meeting` as of `today`; for a cancelled meeting, its cancellation notice
    (`cancellation` is set). `late=True` marks an agenda as sent after its deadline (it is marked anyway when
    the file records `agenda_sent` after the deadline)."""
    forum = files.forum.model
    if forum is None or files.members.model is None or files.agreements.model is None:
        raise DocumentError(f"forummet '{files.id}' har fejl i sine filer; kør 'driftsforum validate' og ret dem først")
    seats = files.members.model.seats
    people = {seat.id: _person(seat, meeting.date) for seat in seats}
    by_id = {seat.id: seat for seat in seats}
    agreements = {agreement.id: agreement for agreement in files.agreements.model.agreements}
    meetings = _meetings(files)
    earlier = [m for m in meetings if m.date < meeting.date and not m.cancelled]
    following = next_meeting(meetings, meeting.date)
    previous = earlier[-1] if earlier else None
    if meeting.cancelled:
        return _notice(kind, files, meeting, calendar, today, people, following)
    notes = meeting.minutes.standard_items

    items: list[Item] = []
    clock: time | None = meeting.start
    for standard in forum.documents.standard_items:
        if standard.id in meeting.skip_standard_items:
            continue
        number = len(items) + 1
        if standard.id == "meeting_items":
            own, clock = _items(
                meeting.agenda, number, clock, people, agreements, forum, forum_data(files), register(files)
            )
            items.extend(own)
            continue
        note = getattr(notes, standard.id, None) if kind == "minutes" else None
        minutes = (
            standard.duration_minutes
            if standard.duration_minutes is not None
            else STANDARD_MINUTES.get(standard.id, DEFAULT_STANDARD_MINUTES)
        )
        base = Item(
            number=number,
            title=standard.title,
            kind=standard.kind,
            standard=standard.id,
            duration_minutes=minutes,
            starts=clock,
            ends=_later(clock, minutes),
            note=note,
        )
        if standard.id == "approve_previous_minutes":
            if previous is None:
                continue
            state = _minutes_state(previous, _events(forum, previous, calendar, today), by_id)
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
            moved = [
                (d.agreement, d.cancelled.date)
                for year in {m.date.year for m in meetings if m.cancelled and m.date < meeting.date}
                for d in displaced_agreements(list(agreements.values()), meetings, year)
                if d.suggested == meeting
            ]
            if not due and not flagged and not moved and not note:
                continue
            base = replace(base, agreements=due, to_steering_group=flagged, moved_from=sorted(moved, key=_by_date))
            if due and not flagged and not moved and {a.id for a in due} <= _own_agreements(meeting):
                # every agreement due has its own item: the fixed item only points there, and takes no time
                base = replace(base, duration_minutes=0, ends=base.starts)
        elif standard.id == "next_meeting":
            base = replace(base, next_meeting=following)
        items.append(base)
        clock = base.ends

    items = _with_own_items_named(items)
    joint = None
    if meeting.joint_meeting is not None:
        part = meeting.joint_meeting
        joint_items, _ = _items(
            part.agenda, 1, part.start, people, agreements, forum, forum_data(files), register(files)
        )
        joint = JointPart(part.partner, part.start, part.end, part.place or meeting.place, joint_items)

    attendance = meeting.attendance
    if kind == "minutes":
        first_own = next((n for n, item in enumerate(items) if item.standard is None), 0)
        slots = [(item.starts, item.ends) for item in items[first_own : first_own + len(meeting.agenda)]]
        without = {found.index: found.missing for found in decisions_without(seats, meeting, slots)}
        items = [
            replace(item, decided_without=without[n - first_own])
            if item.standard is None and (n - first_own) in without
            else item
            for n, item in enumerate(items)
        ]
    current, secretariat = _participants(seats, meeting.date, people)
    decided = [
        _action_line(tracked, people, today) for tracked in track_actions(meetings) if tracked.created == meeting.date
    ]
    events = _events(forum, meeting, calendar, today)
    agenda_due = events["agenda_due"].date
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
        secretariat=secretariat,
        agenda_due=agenda_due,
        agenda_sent=meeting.agenda_sent,
        minutes=_minutes_state(meeting, events, by_id),
        actions_decided=decided,
        today=today,
        late=kind == "agenda" and (late or (meeting.agenda_sent is not None and meeting.agenda_sent > agenda_due)),
        moved_from=next((m.date for m in meetings if m.cancelled and m.moved_to == meeting.date), None),
        substitutes=[
            SubstituteLine(substitute.name, substitute.title, people[substitute.seat])
            for substitute in (attendance.substitutes if attendance else [])
            if substitute.seat in people
        ],
        part_time=[
            PartTimeLine(people[entry.seat], entry.arrived, entry.left)
            for entry in (attendance.part_time if attendance else [])
            if entry.seat in people
        ],
    )


def _own_agreements(meeting: Meeting) -> set[str]:
    """The agreements the meeting's own items (the joint meeting's too) deal with."""
    own = [*meeting.agenda, *(meeting.joint_meeting.agenda if meeting.joint_meeting else [])]
    return {ref for item in own for ref in item.agreements}


def _with_own_items_named(items: list[Item]) -> list[Item]:
    """The fixed item 'Samarbejdsaftaler i årshjulet' names the meeting's own item about an agreement
    ('behandles under punkt 5') instead of taking it up a second time."""
    numbers: dict[str, int] = {}
    for item in items:
        if item.standard is None:
            for agreement in item.agreements:
                numbers.setdefault(agreement.id, item.number)
    return [
        replace(item, own_items={a.id: numbers[a.id] for a in item.agreements if a.id in numbers})
        if item.standard == "agreements_due"
        else item
        for item in items
    ]


def _participants(seats: list[Seat], day: date, people: dict[str, Person]) -> tuple[list[Person], list[Person]]:
    """The forum's members on `day` (the agenda's 'Deltagere') and its secretariat."""
    current = [seat for seat in seats if seat.is_current(day)]
    return [people[seat.id] for seat in current], [people[seat.id] for seat in current if "sekretariat" in seat.roles]


def _by_date(moved: tuple[Agreement, date]) -> tuple[date, str]:
    return (moved[1], moved[0].id)


def _notice(
    kind: DocumentKind,
    files: ForumFiles,
    meeting: Meeting,
    calendar: WorkCalendar,
    today: date,
    people: dict[str, Person],
    following: Meeting | None,
) -> MeetingDocument:
    """The cancellation notice that stands in for the agenda or minutes of a cancelled meeting."""
    forum = files.forum.model
    assert forum is not None and files.members.model is not None
    current, secretariat = _participants(files.members.model.seats, meeting.date, people)
    by_id = {seat.id: seat for seat in files.members.model.seats}
    # A cancelled meeting has no deadlines; the dates the document model needs are those it would have had.
    events = _events(forum, meeting.model_copy(update={"cancelled": False}), calendar, today)
    return MeetingDocument(
        kind=kind,
        forum=forum,
        meeting=meeting,
        number_in_year=number_in_year(_meetings(files), meeting),
        items=[],
        joint=None,
        members=current,
        present=[],
        absent=[],
        ad_hoc=[],
        citizen_perspective=[],
        minute_taker=None,
        secretariat=secretariat,
        agenda_due=events["agenda_due"].date,
        agenda_sent=meeting.agenda_sent,
        minutes=_minutes_state(meeting, events, by_id),
        actions_decided=[],
        today=today,
        cancellation=Cancellation(meeting.cancelled_reason, following),
    )


def _status_text(state: MinutesState) -> str:
    if state.status == "godkendt" and state.approved is not None:
        return f"godkendt den {long_date(state.approved)}"
    if state.status == "udkast":
        return f"endnu ikke udsendt (skal udsendes senest {long_date(state.due)})"
    if state.status == "afventer revideret referat":
        return "bemærkninger modtaget; revideret referat udsendes"
    return f"udsendt {long_date(state.sent or state.due)}; frist for bemærkninger {long_date(state.comments_due)}"
