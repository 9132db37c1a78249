"""The status report to the Klyngestyregruppe and Strategisk Sundhedsforum: what the forum did in a
period, measured from what its files record. Also the facts the one-year evaluation starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from driftsforum_cli.danish import short_date
from driftsforum_cli.domain.actions import TrackedAction, track_actions
from driftsforum_cli.domain.agreements import Flagged, FollowUp, flagged_for_steering_group, follow_ups
from driftsforum_cli.domain.data_report import DataReport, build_data_report
from driftsforum_cli.domain.deadlines import Event, evaluation_event, meeting_events
from driftsforum_cli.domain.documents import agreements_due
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.representation import item_slots
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Forum, Meeting, WorkingGroup
from driftsforum_cli.models.meeting import Escalation


class ReportError(UserError):
    """The report cannot be made; Danish message."""


@dataclass(frozen=True)
class Timeliness:
    meeting: date
    agenda_due: date
    agenda_sent: date | None
    minutes_due: date
    minutes_sent: date | None

    @staticmethod
    def _on_time(due: date, sent: date | None, today: date) -> bool | None:
        """True/False once it can be judged; None while the deadline is still ahead and nothing is sent."""
        if sent is not None:
            return sent <= due
        return False if today > due else None

    def agenda_on_time(self, today: date) -> bool | None:
        return self._on_time(self.agenda_due, self.agenda_sent, today)

    def minutes_on_time(self, today: date) -> bool | None:
        return self._on_time(self.minutes_due, self.minutes_sent, today)


@dataclass(frozen=True)
class AgreementLine:
    follow_up: FollowUp
    planned: list[date]  # meetings in the period where the årshjul placed it
    followed: list[date]  # meetings in the period that followed it up


@dataclass(frozen=True)
class EscalationLine:
    meeting: date
    title: str
    escalation: Escalation


@dataclass(frozen=True)
class GroupLine:
    group: WorkingGroup
    status: str  # Danish


@dataclass(frozen=True)
class StatusReport:
    forum: Forum
    start: date
    end: date
    today: date
    held: list[Meeting]
    planned: list[Meeting]
    timeliness: list[Timeliness]
    agreements: list[AgreementLine]
    flagged: list[Flagged]
    escalations: list[EscalationLine]
    open_actions: list[TrackedAction]
    closed_actions: list[TrackedAction]
    groups: list[GroupLine]
    evaluation: Event
    data: DataReport | None = None  # indicators, items with data or cases, cases and audits, attendance

    def _count(self, judged: list[bool | None]) -> tuple[int, int]:
        measured = [value for value in judged if value is not None]
        return sum(1 for value in measured if value), len(measured)

    @property
    def agenda_on_time(self) -> tuple[int, int]:
        """(on time, measured)."""
        return self._count([line.agenda_on_time(self.today) for line in self.timeliness])

    @property
    def minutes_on_time(self) -> tuple[int, int]:
        return self._count([line.minutes_on_time(self.today) for line in self.timeliness])

    @property
    def agreements_followed(self) -> tuple[int, int]:
        """(planned agreements that were followed up, agreements planned in the period)."""
        planned = [line for line in self.agreements if line.planned]
        return sum(1 for line in planned if line.followed), len(planned)

    @property
    def overdue_actions(self) -> list[TrackedAction]:
        return [tracked for tracked in self.open_actions if tracked.overdue(self.today)]


def _group_status(group: WorkingGroup, today: date) -> str:
    if group.reported is not None:
        return f"meldt tilbage {short_date(group.reported)}"
    if group.ends < today:
        return "udløbet uden tilbagemelding"
    return "i gang"


def build_status_report(files: ForumFiles, start: date, end: date, calendar: WorkCalendar, today: date) -> StatusReport:
    forum = files.forum.model
    if forum is None or files.agreements.model is None:
        raise ReportError(f"forummet '{files.id}' har fejl i sine filer; kør 'driftsforum validate' og ret dem først")
    if start > end:
        raise ReportError(f"perioden begynder ({start.isoformat()}) efter den slutter ({end.isoformat()})")
    meetings = sorted((m.model for m in files.meetings if m.model is not None), key=lambda m: m.date)
    in_period = [m for m in meetings if start <= m.date <= end and not m.cancelled]
    held = [m for m in in_period if m.date <= today]
    timeliness = []
    for meeting in held:
        events = {event.kind: event for event in meeting_events(forum, meeting, calendar, today)}
        timeliness.append(
            Timeliness(
                meeting.date,
                events["agenda_due"].date,
                meeting.agenda_sent,
                events["minutes_due"].date,
                meeting.minutes.sent,
            )
        )
    agreements = files.agreements.model.agreements
    lines = []
    for follow_up in follow_ups(agreements, meetings, min(end, today)):
        planned = [m.date for m in in_period if follow_up.agreement in agreements_due(agreements, meetings, m)]
        followed = [day for day in follow_up.meetings if start <= day <= end]
        lines.append(AgreementLine(follow_up, planned, followed))
    escalations = [
        EscalationLine(meeting.date, item.title, item.escalation)
        for meeting in meetings
        if meeting.date <= end
        for item in meeting.agenda
        if item.escalation is not None
        and (item.escalation.answered is None or item.escalation.answered >= start or meeting.date >= start)
    ]
    tracked = [t for t in track_actions(meetings) if t.created <= end]
    open_actions = [t for t in tracked if t.closed is None or t.closed > end]
    closed_actions = [t for t in tracked if t.closed is not None and start <= t.closed <= end]
    groups = [
        GroupLine(group, _group_status(group, today))
        for group in (files.groups.model.groups if files.groups is not None and files.groups.model is not None else [])
        if group.started <= end and (group.reported is None or group.reported >= start)
    ]
    return StatusReport(
        forum=forum,
        start=start,
        end=end,
        today=today,
        held=held,
        planned=[m for m in in_period if m.date > today],
        timeliness=timeliness,
        agreements=lines,
        flagged=flagged_for_steering_group(agreements, meetings, min(end, today) + timedelta(days=1)),
        escalations=escalations,
        open_actions=open_actions,
        closed_actions=closed_actions,
        groups=groups,
        evaluation=evaluation_event(forum, calendar, today),
        data=build_data_report(files, held, start, end, lambda meeting: item_slots(files, meeting, calendar, today)),
    )
