"""Actions (handlinger) across meetings: created in one meeting, followed up until a meeting closes them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.seats import name_on
from driftsforum_cli.errors import UsageError
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import Action


@dataclass(frozen=True)
class TrackedAction:
    action: Action
    created: date  # the meeting that created it
    closed: date | None  # the meeting that closed it (its own, if created closed)

    def is_open_at(self, day: date) -> bool:
        """Open at the start of the meeting on `day` (closing at that meeting still counts as open)."""
        return self.created < day and (self.closed is None or self.closed >= day)

    def overdue(self, today: date) -> bool:
        return self.closed is None and self.action.due is not None and self.action.due < today


def track_actions(meetings: Iterable[Meeting]) -> list[TrackedAction]:
    """Every action with the meeting that created it and the meeting that closed it, oldest first."""
    ordered = sorted(meetings, key=lambda meeting: meeting.date)
    closed_at: dict[str, date] = {}
    for meeting in ordered:
        for action_id in meeting.closes_actions:
            closed_at.setdefault(action_id, meeting.date)
    tracked: list[TrackedAction] = []
    for meeting in ordered:
        for action in meeting.actions:
            closed = meeting.date if action.status == "lukket" else closed_at.get(action.id)
            tracked.append(TrackedAction(action, meeting.date, closed))
    return tracked


def open_before(meetings: Iterable[Meeting], day: date) -> list[TrackedAction]:
    """Actions from earlier meetings still open when the meeting on `day` starts (due date first)."""
    found = [tracked for tracked in track_actions(meetings) if tracked.is_open_at(day)]
    return sorted(found, key=lambda tracked: (tracked.action.due or date.max, tracked.created, tracked.action.id))


@dataclass(frozen=True)
class ActionRow:
    """One action as `driftsforum actions` lists it."""

    forum: str
    tracked: TrackedAction
    owner_name: str
    overdue: bool

    def as_json(self) -> dict[str, object]:
        action = self.tracked.action
        return {
            "forum": self.forum,
            "id": action.id,
            "what": action.what,
            "owner": action.owner,
            "owner_name": self.owner_name,
            "due": action.due.isoformat() if action.due else None,
            "status": "closed" if self.tracked.closed is not None else "open",
            "overdue": self.overdue,
            "created": self.tracked.created.isoformat(),
            "closed": self.tracked.closed.isoformat() if self.tracked.closed else None,
        }


@dataclass
class ActionList:
    rows: list[ActionRow]
    notes: list[str]  # Danish: what was left out and why


def list_actions(
    forums: Iterable[ForumFiles], today: date, *, only_open: bool = False, owner: str | None = None
) -> ActionList:
    """The forums' actions, open and overdue first, then by due date; `owner` must be a seat's id."""
    chosen = list(forums)
    if owner is not None:
        from driftsforum_cli.domain.seats import did_you_mean

        every_seat = [seat for files in chosen if files.members.model for seat in files.members.model.seats]
        if owner not in {seat.id for seat in every_seat}:
            where = f"forummet '{chosen[0].id}'" if len(chosen) == 1 else "nogen af forummene"
            raise UsageError(f"'{owner}' er ikke en plads i {where}{did_you_mean(owner, every_seat)}")
    result = ActionList([], [])
    for files in chosen:
        seats = {seat.id: seat for seat in files.members.model.seats} if files.members.model else {}
        meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
        if len(meetings) < len(files.meetings):
            result.notes.append(f"nogle mødefiler i '{files.id}' kan ikke læses; kør 'driftsforum validate'.")
        for tracked in track_actions(meetings):
            if (only_open and tracked.closed is not None) or (owner is not None and tracked.action.owner != owner):
                continue
            seat = seats.get(tracked.action.owner)
            # who had the seat when the action was closed, or who has it now
            name = name_on(seat, tracked.closed or today) if seat is not None else tracked.action.owner
            result.rows.append(ActionRow(files.id, tracked, name, tracked.overdue(today)))
    result.rows.sort(
        key=lambda row: (
            row.tracked.closed is not None,
            not row.overdue,
            row.tracked.action.due or date.max,
            row.tracked.action.id,
        )
    )
    return result
