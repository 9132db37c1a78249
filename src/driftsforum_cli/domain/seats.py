"""Finding the seat someone meant when they wrote a name, an organisation or a misspelt id."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from driftsforum_cli.models import Seat


def suggest_seat(ref: str, seats: Iterable[Seat]) -> str | None:
    """The id of the one seat whose person or organisation is called `ref`, else the nearest id."""
    seats = list(seats)
    wanted = ref.strip().casefold()
    named = [
        seat.id
        for seat in seats
        if wanted in {seat.organisation.casefold(), seat.person.name.casefold() if seat.person else ""}
    ]
    if len(named) == 1:
        return named[0]
    close = get_close_matches(ref, [seat.id for seat in seats], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(ref: str, seats: Iterable[Seat]) -> str:
    """' (mente du 'plo'?)' or ''."""
    guess = suggest_seat(ref, seats)
    return f" (mente du '{guess}'?)" if guess else ""
