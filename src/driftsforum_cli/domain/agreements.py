"""Following up the collaboration agreements: which meetings did, and which agreements the steering
group must be told about (status 'til revision' or 'ikke længere relevant')."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from driftsforum_cli.models import Agreement, Meeting


@dataclass(frozen=True)
class FollowUp:
    agreement: Agreement
    meetings: list[date]  # held meetings whose agenda linked the agreement

    @property
    def last(self) -> date | None:
        return self.meetings[-1] if self.meetings else None


def follow_ups(agreements: Iterable[Agreement], meetings: Iterable[Meeting], until: date) -> list[FollowUp]:
    held = sorted((m for m in meetings if m.date <= until and not m.cancelled), key=lambda meeting: meeting.date)
    result = []
    for agreement in agreements:
        days = [
            meeting.date
            for meeting in held
            if any(agreement.id in item.agreements for item in meeting.agenda)
            or (
                meeting.joint_meeting is not None
                and any(agreement.id in i.agreements for i in meeting.joint_meeting.agenda)
            )
        ]
        result.append(FollowUp(agreement, days))
    return result


@dataclass(frozen=True)
class Flagged:
    agreement: Agreement
    reported: date | None  # the meeting that recorded that the steering group was told


def flagged_for_steering_group(
    agreements: Iterable[Agreement], meetings: Iterable[Meeting], before: date
) -> list[Flagged]:
    """Agreements marked for revision or no longer relevant, with the meeting (before `before`) that
    recorded telling the Klyngestyregruppe, if any. Unreported ones stay on the agenda."""
    reported: dict[str, date] = {}
    for meeting in sorted(meetings, key=lambda m: m.date):
        if meeting.date < before:
            for agreement_id in meeting.agreements_reported:
                reported[agreement_id] = meeting.date
    return [Flagged(agreement, reported.get(agreement.id)) for agreement in agreements if agreement.status != "aktiv"]
