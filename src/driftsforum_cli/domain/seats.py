"""Seats and who held them when, and finding the seat someone meant when they wrote a name, an
organisation or a misspelt id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from difflib import get_close_matches

from driftsforum_cli.models import Seat
from driftsforum_cli.models.common import WORD_MARKS
from driftsforum_cli.models.members import Person

VACANT = "Ledig plads"


def holder_on(seat: Seat, day: date) -> Person | None:
    """The person who held `seat` on `day` (members.yaml's `person` or one in its `history`), or None if
    the seat was vacant that day."""
    return next((person for person in seat.holders if person.holds_on(day)), None)


def name_on(seat: Seat, day: date) -> str:
    """The name of whoever held `seat` on `day`, or 'Ledig plads (Læsø Kommune)'."""
    holder = holder_on(seat, day)
    return holder.name if holder is not None else vacant_label(seat)


def vacant_label(seat: Seat) -> str:
    """'Ledig plads (Læsø Kommune)'."""
    return f"{VACANT} ({seat.organisation})"


def suggest_seat(ref: str, seats: Iterable[Seat]) -> str | None:
    """The id of the one seat whose person (now or earlier) or organisation is called `ref`, else the
    nearest id."""
    seats = list(seats)
    wanted = ref.strip().casefold()
    named = [
        seat.id
        for seat in seats
        if wanted in {seat.organisation.casefold(), *(person.name.casefold() for person in seat.holders)}
    ]
    if len(named) == 1:
        return named[0]
    close = get_close_matches(ref, [seat.id for seat in seats], n=1, cutoff=0.6)
    return close[0] if close else None


INVISIBLE = WORD_MARKS


def did_you_mean(ref: str, seats: Iterable[Seat]) -> str:
    """' (mente du 'plo'?)' or ''; for an id with a character nobody can see, which one it is."""
    seats = list(seats)
    hidden = sorted({name for char, name in INVISIBLE.items() if char in ref})
    visible = "".join(char for char in ref if char not in INVISIBLE)
    if hidden and visible in {seat.id for seat in seats}:
        return (
            f" (id'et indeholder et usynligt tegn: {' og '.join(hidden)}, fx fra Word; skriv '{visible}' igen "
            "med tastaturet)"
        )
    guess = suggest_seat(ref, seats)
    return f" (mente du '{guess}'?)" if guess else ""
