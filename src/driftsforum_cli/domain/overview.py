"""A short status of each forum: who it reports to, its seats, and its next meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.models import Forum, Meeting


@dataclass(frozen=True)
class ForumOverview:
    forum: Forum
    seats: int
    vacant: int
    agreements: int
    agreements_flagged: int
    meetings_held: int
    next_meetings: list[Meeting]


def forum_overview(files: ForumFiles, today: date, upcoming: int = 4) -> ForumOverview | None:
    """None when the charter itself could not be read (validate says why)."""
    forum = files.forum.model
    if forum is None:
        return None
    seats = [seat for seat in files.members.model.seats if seat.is_current(today)] if files.members.model else []
    agreements = files.agreements.model.agreements if files.agreements.model else []
    meetings = sorted(
        (loaded.model for loaded in files.meetings if loaded.model is not None and not loaded.model.cancelled),
        key=lambda meeting: meeting.date,
    )
    return ForumOverview(
        forum=forum,
        seats=len(seats),
        vacant=sum(1 for seat in seats if holder_on(seat, today) is None),
        agreements=len(agreements),
        agreements_flagged=sum(1 for agreement in agreements if agreement.status != "aktiv"),
        meetings_held=sum(1 for meeting in meetings if meeting.date < today),
        next_meetings=[meeting for meeting in meetings if meeting.date >= today][:upcoming],
    )
