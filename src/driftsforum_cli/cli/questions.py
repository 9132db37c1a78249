"""The questions the minutes commands ask for what is missing (cli/ask.py says when they ask): the seats as a
checklist for attendance, the agenda's items for a decision, the seats for an action's owner – each with
what the meeting file has now as the default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.cli import ask
from driftsforum_cli.domain.planning import weekend

if TYPE_CHECKING:
    from driftsforum_cli.services.minutes import MeetingContext


@dataclass
class Attendance:
    present: list[str]
    absent: list[str]
    minute_taker: str | None


def attendance(root: Path, forum: str, day: date, on: date, now: date) -> Attendance:
    from driftsforum_cli.services.minutes import meeting_context

    context = meeting_context(root, forum, day, on, now)
    seats = [(seat.id, seat.label) for seat in context.seats]
    present = ask.checklist("Hvem var til stede?", seats, context.present)
    others = [(value, label) for value, label in seats if value not in present]
    absent = ask.checklist("Hvem havde meldt afbud?", others, context.absent)
    taker = ask.choose("Hvem tog referat?", seats, context.minute_taker or (present[0] if present else None))
    return Attendance(present, absent, taker)


def decision(root: Path, forum: str, day: date, on: date, now: date, item: int | None) -> tuple[int, str]:
    """The item's number and the text, asked for when missing."""
    from driftsforum_cli.services.minutes import meeting_context

    context = meeting_context(root, forum, day, on, now)
    if item is None:
        labels = [(str(i.number), f"{i.number}. {i.title}" + (" ✓" if i.current else "")) for i in context.items]
        first_open = next((str(i.number) for i in context.items if not i.current), None)
        item = int(ask.choose("Hvilket punkt?", labels, first_open))
    current = next((i.current for i in context.items if i.number == item), None)
    return item, ask.text(f"Beslutning under punkt {item}:", current or "")


def action(root: Path, forum: str, day: date, on: date, now: date, owner: str | None) -> tuple[str, str, date | None]:
    """What, who and when for a new action."""
    from driftsforum_cli.services.minutes import meeting_context

    context = meeting_context(root, forum, day, on, now)
    what = ask.text("Hvad skal gøres?")
    if owner is None:
        owner = ask.choose("Hvem er ansvarlig?", [(seat.id, seat.label) for seat in context.seats])

    return what, owner, ask.day("Frist (ÅÅÅÅ-MM-DD; tom for ingen):", lambda chosen: _closed(context, chosen))


def _closed(context: MeetingContext, chosen: date) -> str | None:
    """Why `chosen` cannot be used, in the words the date question shows."""
    saturday_or_sunday = weekend(chosen)
    if saturday_or_sunday is not None:
        return saturday_or_sunday
    reason = context.calendar.closed(chosen)
    return None if reason is None else f"er en lukkedag ({reason.name}); vælg en arbejdsdag"


def new_date(root: Path, forum: str, day: date, on: date, now: date) -> date:
    """The day a meeting moves to: a working day without a meeting."""
    from driftsforum_cli.services.minutes import meeting_context

    context = meeting_context(root, forum, day, on, now)

    def refused(chosen: date) -> str | None:
        return "har allerede et møde; vælg en anden dag" if chosen in context.taken else _closed(context, chosen)

    chosen = ask.day(f"Ny dato for mødet {day.isoformat()} (ÅÅÅÅ-MM-DD):", refused, required=True)
    assert chosen is not None
    return chosen


def new_person(seat: str) -> tuple[str, str | None, str | None, date]:
    """Name, e-mail, title and first day of the person who takes over `seat`."""
    name = ask.text(f"Navn på den nye person på pladsen '{seat}':")
    email = ask.text("E-mail (tom for ingen):", required=False) or None
    title = ask.text("Stilling (tom for ingen):", required=False) or None
    start = ask.day("Første dag på pladsen (ÅÅÅÅ-MM-DD):", lambda chosen: None, required=True)
    assert start is not None
    return name, email, title, start


def action_owner(root: Path, forum: str, day: date, on: date, now: date) -> str:
    from driftsforum_cli.services.minutes import meeting_context

    context = meeting_context(root, forum, day, on, now)
    return ask.choose("Hvem er ansvarlig?", [(seat.id, seat.label) for seat in context.seats])
