"""The minutes' life cycle – udkast → sendt → bemærkninger → revideret → godkendt – and the agenda's
sending, as changes to a meeting file. Pure: checks the step against what the file already records and
returns the edits; the caller writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from driftsforum_cli.danish import long_date, plural
from driftsforum_cli.domain.seats import did_you_mean
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Meeting, Seat


class StepError(UserError):
    """A step that does not fit the meeting's record; the message is Danish and says what to do."""


#: A value an edit writes: text, a date, a number, a flag, or a mapping or list of them.
Value = str | date | int | bool | None | dict[str, "Value"] | list["Value"]
#: Where in the file: keys of mappings and indexes of lists, from the top.
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class SetValue:
    """Set a key (made, with the mappings above it, when missing)."""

    path: Path
    value: Value


@dataclass(frozen=True)
class AppendItem:
    """Add an item at the end of a list (made when missing)."""

    path: Path
    item: Value


@dataclass(frozen=True)
class DeleteValue:
    """Remove a key of a mapping (nothing when it is missing) or an item of a list."""

    path: Path


@dataclass(frozen=True)
class MoveToList:
    """Take the mapping at `source` away (or a copy, with `keep`), add `extra` keys to it, and add it at the end of the list at
    `target` (a seat's person moved to its history, with the last day)."""

    source: Path
    target: Path
    extra: dict[str, Value]
    keep: bool = False  # True: a copy goes to the list, and the source stays (to be replaced)


@dataclass(frozen=True)
class MoveItem:
    """Move the item at index `source` of the list at `path` so that it stands at index `target`."""

    path: Path
    source: int
    target: int


Edit = SetValue | AppendItem | DeleteValue | MoveToList | MoveItem


def _iso(day: date) -> str:
    return long_date(day)


def agenda_sent(meeting: Meeting, on: date, earliest_days: int | None = None) -> list[Edit]:
    """The agenda sent `on`; refused after the meeting, or more than `earliest_days` (the charter's
    deadlines.agenda_earliest_days) before it – validate would reject the recorded date."""
    if meeting.cancelled:
        raise StepError("mødet er aflyst")
    if meeting.agenda_sent is not None:
        raise StepError(
            f"dagsordenen er allerede registreret som udsendt {_iso(meeting.agenda_sent)}; er det en rettet "
            "dagsorden, så registrér rettelsen med --update --note TEKST"
        )
    if on > meeting.date:
        raise StepError(f"dagsordenen kan ikke udsendes efter mødet ({_iso(meeting.date)})")
    if earliest_days is not None and (meeting.date - on).days > earliest_days:
        raise StepError(
            f"dagsordenen udsendes højst {plural(earliest_days, 'dag', 'dage')} før mødet ({_iso(meeting.date)}), "
            f"og {_iso(on)} er {plural((meeting.date - on).days, 'dag', 'dage')} før; vent til "
            f"{_iso(meeting.date - timedelta(days=earliest_days))} (deadlines.agenda_earliest_days i forum.yaml)"
        )
    return [SetValue(("agenda_sent",), on)]


def agenda_updated(meeting: Meeting, on: date, note: str) -> list[Edit]:
    """A corrected agenda sent `on` (from Outlook, say) with `note` saying what changed: recorded under
    'agenda_updates' as `send agenda --update` records it."""
    if meeting.cancelled:
        raise StepError("mødet er aflyst")
    if meeting.agenda_sent is None:
        raise StepError("dagsordenen er ikke registreret som udsendt; registrér først den første udsendelse")
    if on < meeting.agenda_sent:
        raise StepError(f"en rettelse kan ikke udsendes før dagsordenen ({_iso(meeting.agenda_sent)})")
    if on > meeting.date:
        raise StepError(f"dagsordenen kan ikke rettes efter mødet ({_iso(meeting.date)})")
    if not note.strip():
        raise StepError("skriv med --note, hvad der er rettet")
    if any(update.date == on and update.note == note.strip() for update in meeting.agenda_updates):
        raise StepError(f"rettelsen '{note.strip()}' er allerede registreret som udsendt {_iso(on)}")
    return [AppendItem(("agenda_updates",), {"date": on, "note": note.strip()})]


def minutes_sent(meeting: Meeting, on: date) -> list[Edit]:
    if meeting.cancelled:
        raise StepError("mødet er aflyst")
    if meeting.minutes.sent is not None:
        raise StepError(f"referatet er allerede registreret som udsendt {_iso(meeting.minutes.sent)}")
    if on < meeting.date:
        raise StepError(f"referatet kan ikke udsendes før mødet ({_iso(meeting.date)})")
    return [SetValue(("minutes", "sent"), on)]


def comment_added(
    meeting: Meeting,
    seats: list[Seat],
    by: str,
    text: str,
    on: date,
    comments_due: date,
    passage: str | None = None,
    item_number: int | None = None,
) -> list[Edit]:
    """A member's comment, received `on`; refused after the comment deadline (the minutes are then approved).
    `passage` is the text of the minutes it is about (a comment from Word is anchored to one); `item_number` the
    agenda item it is about."""
    sent = meeting.minutes.sent
    if meeting.cancelled:
        moved = f" (flyttet til {long_date(meeting.moved_to)})" if meeting.moved_to else ""
        raise StepError(f"mødet {long_date(meeting.date)} er aflyst{moved}; der er intet referat")
    if sent is None:
        raise StepError("referatet er ikke registreret som udsendt; kør først 'driftsforum minutes mark-sent'")
    if meeting.minutes.revised_sent is not None:
        raise StepError(f"det reviderede referat er allerede udsendt {_iso(meeting.minutes.revised_sent)}")
    if on < sent:
        raise StepError(f"en bemærkning kan ikke være modtaget før referatet blev udsendt ({_iso(sent)})")
    if on > comments_due:
        raise StepError(
            f"fristen for bemærkninger udløb {long_date(comments_due)}, så referatet er godkendt; en senere bemærkning "
            "registreres ikke her – tag den op på næste møde"
        )
    if by not in {seat.id for seat in seats}:
        raise StepError(f"'{by}' er ikke en plads i members.yaml{did_you_mean(by, seats)}")
    if not text.strip():
        raise StepError("bemærkningen er tom; skriv teksten med --text")
    item: dict[str, Value] = {"by": by, "received": on, "text": text.strip()}
    if passage and passage.strip():
        item["passage"] = passage.strip()
    if item_number is not None:
        item["item"] = item_number
    return [AppendItem(("minutes", "comments"), item)]


def minutes_revised(
    meeting: Meeting, on: date, comments_due: date, *, force: bool = False, forceable: bool = True
) -> list[Edit]:
    """The revised minutes sent `on`; refused up to and including the comment deadline (it would cut the
    other members' window) unless `force`. `forceable=False`: the command has no --force for it (`send`), so
    the message does not offer one."""
    sent = meeting.minutes.sent
    if meeting.cancelled:
        moved = f" (flyttet til {long_date(meeting.moved_to)})" if meeting.moved_to else ""
        raise StepError(f"mødet {long_date(meeting.date)} er aflyst{moved}; der er intet referat")
    if sent is None:
        raise StepError("referatet er ikke registreret som udsendt; kør først 'driftsforum minutes mark-sent'")
    if meeting.minutes.revised_sent is not None:
        raise StepError(
            f"det reviderede referat er allerede registreret som udsendt {_iso(meeting.minutes.revised_sent)}"
        )
    if on < sent:
        raise StepError(f"det reviderede referat kan ikke udsendes før referatet ({_iso(sent)})")
    if on <= comments_due and not force:
        raise StepError(
            f"fristen for bemærkninger til referatet løber til og med {long_date(comments_due)}; registreres det "
            "reviderede referat før, afskæres de andre medlemmer fra at nå at komme med bemærkninger. Vent, til "
            + (
                "fristen er udløbet, eller brug --force, hvis det reviderede referat virkelig er udsendt"
                if forceable
                else f"fristen er udløbet: det kan sendes fra {long_date(comments_due + timedelta(days=1))}"
            )
        )
    return [SetValue(("minutes", "revised_sent"), on)]


def minutes_gaps(meeting: Meeting) -> list[str]:
    """What a secretary has most likely forgotten before the minutes go out (Danish)."""
    gaps = []
    attendance = meeting.attendance
    if attendance is None or not attendance.present:
        gaps.append("referatet har ingen deltagere (attendance.present)")
    if attendance is None or not attendance.minute_taker:
        gaps.append("referatet har ingen referent (attendance.minute_taker)")
    undecided = [item.title for item in meeting.agenda if not item.decision and not item.closed]
    if undecided:
        count = f"{len(undecided)} {'punkt' if len(undecided) == 1 else 'punkter'}"
        gaps.append(f"{count} uden beslutning, fx '{undecided[0]}'")
    return gaps
