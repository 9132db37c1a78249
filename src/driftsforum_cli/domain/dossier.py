"""The dossier of one collaboration agreement across the forums that follow it: where the årshjul puts it, the
items about it and their decisions, the escalations to the Klyngestyregruppe and the answers, the actions agreed at
those meetings with their fate, and when it was reported to the Klyngestyregruppe. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from driftsforum_cli.danish import MONTHS
from driftsforum_cli.domain.actions import track_actions
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.errors import UsageError
from driftsforum_cli.models.agreements import Agreement
from driftsforum_cli.models.forum import Forum
from driftsforum_cli.models.meeting import AgendaItem, Escalation


@dataclass(frozen=True)
class DossierItem:
    meeting: date
    title: str
    kind: str
    recommendation: str | None
    decision: str | None
    escalation: Escalation | None
    joint_with: str | None
    closed: bool


@dataclass(frozen=True)
class DossierAction:
    id: str
    what: str
    owner: str
    agreed: date
    due: date | None
    fate: str  # 'åben', 'overskredet', 'lukket'
    closed: date | None


@dataclass
class ForumDossier:
    """What one forum has about the agreement."""

    forum: Forum
    agreement: Agreement
    slot: str  # 'ordinært møde nr. 3 hvert år', 'i marts hvert år', 'ikke i årshjulet'
    items: list[DossierItem] = field(default_factory=list)
    actions: list[DossierAction] = field(default_factory=list)
    reported: list[date] = field(default_factory=list)  # meetings that reported it to the Klyngestyregruppe

    @property
    def escalations(self) -> list[DossierItem]:
        return [item for item in self.items if item.escalation is not None]


@dataclass
class Dossier:
    agreement_id: str
    title: str
    today: date
    forums: list[ForumDossier]

    @property
    def meetings(self) -> int:
        return len({(part.forum.id, item.meeting) for part in self.forums for item in part.items})


def _slot(agreement: Agreement) -> str:
    cycle = agreement.annual_cycle
    if cycle is None:
        return "ikke i årshjulet"
    if cycle.meeting is not None:
        return f"ordinært møde nr. {cycle.meeting} hvert år"
    if cycle.month is not None:
        return f"i {MONTHS[cycle.month - 1]} hvert år"
    return "ikke i årshjulet"


def _item(day: date, item: AgendaItem, joint: str | None) -> DossierItem:
    return DossierItem(
        day, item.title, item.kind, item.recommendation, item.decision, item.escalation, joint, item.closed
    )


def build_dossier(forums: Iterable[ForumFiles], agreement_id: str, today: date) -> Dossier:
    """The dossier of `agreement_id` in the forums that list it; a UsageError (Danish) when none does."""
    from driftsforum_cli.domain.seats import name_on

    parts: list[ForumDossier] = []
    known: set[str] = set()
    for files in forums:
        charter, agreements = files.forum.model, files.agreements.model
        if charter is None or agreements is None:
            continue
        known.update(a.id for a in agreements.agreements)
        agreement = next((a for a in agreements.agreements if a.id == agreement_id), None)
        if agreement is None:
            continue
        part = ForumDossier(charter, agreement, _slot(agreement))
        readable = [loaded.model for loaded in files.meetings if loaded.model is not None]
        meetings = sorted(readable, key=lambda meeting: meeting.date)
        on_agenda: set[date] = set()
        for meeting in meetings:
            if meeting.cancelled:
                continue
            for item in meeting.agenda:
                if agreement_id in item.agreements:
                    part.items.append(_item(meeting.date, item, None))
                    on_agenda.add(meeting.date)
            if meeting.joint_meeting is not None:
                for item in meeting.joint_meeting.agenda:
                    if agreement_id in item.agreements:
                        part.items.append(_item(meeting.date, item, meeting.joint_meeting.partner))
                        on_agenda.add(meeting.date)
            if agreement_id in meeting.agreements_reported:
                part.reported.append(meeting.date)
        seats = {seat.id: seat for seat in files.members.model.seats} if files.members.model else {}
        for tracked in track_actions(meetings):
            if tracked.created not in on_agenda:
                continue
            action = tracked.action
            seat = seats.get(action.owner)
            owner = name_on(seat, tracked.closed or today) if seat is not None else action.owner
            fate = "lukket" if tracked.closed else ("overskredet" if tracked.overdue(today) else "åben")
            part.actions.append(
                DossierAction(action.id, action.what, owner, tracked.created, action.due, fate, tracked.closed)
            )
        parts.append(part)
    if not parts:
        from driftsforum_cli.domain.rules.registry import suggestion

        raise UsageError(
            f"'{agreement_id}' er ikke en samarbejdsaftale i nogen af forummene{suggestion(agreement_id, known)}; "
            f"kendte aftaler: {', '.join(sorted(known)) or 'ingen'}"
        )
    return Dossier(agreement_id, parts[0].agreement.title, today, parts)
