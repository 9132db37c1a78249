"""Actions (handlinger) across meetings: created in one meeting, followed up until a meeting closes them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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
