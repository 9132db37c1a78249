"""Who was at the table: the organisations represented when an item was decided.

The charters build each forum on representation – every municipality of the cluster, the psychiatry and
general practice (PLO). A decision taken without one of them is legal but worth knowing: `validate` warns,
the minutes say so ("Beslutningen er truffet uden deltagelse af Læsø Kommune"). Pure: models in, names out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import AgendaItem, PartTime
from driftsforum_cli.models.members import Seat


@dataclass(frozen=True)
class ItemRepresentation:
    index: int  # the item's place in the meeting file's `agenda` (0-based)
    missing: tuple[str, ...]  # the organisations with no one taking part, in the members file's order


def party(seat: Seat) -> str | None:
    """The party a seat represents: its municipality's name, the psychiatry, PLO; None for the secretariat
    and ad hoc seats, which take part but do not represent a party in a decision."""
    return None if set(seat.roles) <= {"sekretariat", "ad hoc"} else seat.organisation


def decisions_without(
    seats: list[Seat], meeting: Meeting, times: Sequence[tuple[time | None, time | None]] = ()
) -> list[ItemRepresentation]:
    """Every decision item (kind 'beslutning' with a decision) at which a party of the forum had no one
    taking part: not present (a substitute counts), not taking part in the item, or – where the item's slot
    in the time plan is known (`times`, per agenda item: start and end) – arrived after it ended or left
    before it began. Nothing when attendance is not recorded."""
    attendance = meeting.attendance
    if attendance is None or meeting.cancelled or not attendance.present:
        return []
    current = [seat for seat in seats if seat.is_current(meeting.date)]
    parties = list(dict.fromkeys(name for seat in current if (name := party(seat)) is not None))
    by_id = {seat.id: seat for seat in current}
    there = [*attendance.present, *(substitute.seat for substitute in attendance.substitutes)]
    if not set(there) <= {seat.id for seat in seats}:
        return []  # who was there is not known until the unknown seat is put right (unknown-reference)
    part_time = {entry.seat: entry for entry in attendance.part_time}
    found: list[ItemRepresentation] = []
    slots = list(times) + [(None, None)] * (len(meeting.agenda) - len(times))
    for index, (item, (start, end)) in enumerate(zip(meeting.agenda, slots, strict=False)):
        if not decided(item):
            continue
        taking_part = {
            name
            for ref in there
            if ref not in item.not_taking_part
            and (seat := by_id.get(ref)) is not None
            and (name := party(seat)) is not None
            and _in_the_room(part_time.get(ref), start, end)
        }
        missing = tuple(name for name in parties if name not in taking_part)
        if missing:
            found.append(ItemRepresentation(index, missing))
    return found


def decided(item: AgendaItem) -> bool:
    """A decision item with its decision written (kind 'beslutning', not closed)."""
    return item.kind == "beslutning" and bool(item.decision) and not item.closed


def item_slots(
    files: ForumFiles, meeting: Meeting, calendar: WorkCalendar, today: date
) -> list[tuple[time | None, time | None]]:
    """The agenda items' slots in the time plan, where someone came late or left early (only then do they
    matter, and the plan is made from the whole document); [] when the plan cannot be made."""
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.errors import DriftsforumError

    if meeting.attendance is None or not meeting.attendance.part_time:
        return []
    try:
        doc = build_document("agenda", files, meeting, calendar, today)
    except DriftsforumError:  # e.g. a year without working days: reported by its own rule
        return []
    return [(item.starts, item.ends) for item in doc.items if item.standard is None]


def _in_the_room(entry: PartTime | None, start: time | None, end: time | None) -> bool:
    if entry is None:
        return True
    if entry.arrived is not None and end is not None and entry.arrived >= end:
        return False
    return not (entry.left is not None and start is not None and entry.left <= start)
