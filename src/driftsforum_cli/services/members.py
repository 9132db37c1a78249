"""Who holds a seat, changed with a command: a new person from a date (the one before goes to the seat's
history with the last day), a seat made vacant from a date, a person's e-mail or title. Each change edits
only its own lines of members.yaml (editing.py) through a guided edit (services/edits.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.lifecycle import AppendItem, Edit, MoveToList, SetValue, Value
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.models.members import Person, Seat
from driftsforum_cli.services.edits import EditOutcome, guided_edit

PURPOSE = "members.yaml ændres"


def _seat(files: ForumFiles, seat_id: str) -> tuple[int, Seat]:
    from driftsforum_cli.domain.seats import did_you_mean

    seats = files.members.model.seats if files.members.model is not None else []
    for index, seat in enumerate(seats):
        if seat.id == seat_id:
            return index, seat
    raise UserError(f"'{seat_id}' er ikke en plads i {files.members.display}{did_you_mean(seat_id, seats)}")


def _change(files: ForumFiles, edits: list[Edit]) -> list[FileChange]:
    from driftsforum_cli.editing import planned_edit
    from driftsforum_cli.models import Members

    return [planned_edit(files.members.path, edits, Members, files.members.display)]


def _person(name: str, title: str | None, email: str | None) -> dict[str, Value]:
    """A person as members.yaml writes one: name, then title and e-mail when given."""
    person: dict[str, Value] = {"name": name.strip()}
    if title:
        person["title"] = title.strip()
    if email:
        person["email"] = email.strip()
    return person


def _leaves(seat: Seat, person: Person, start: date, index: int, *, keep: bool) -> tuple[Edit, str]:
    """`person` leaves `seat` the day before `start`: the edit that puts them in the history, and what it says."""
    if person.from_ is not None and start <= person.from_:
        raise UserError(
            f"{person.name} har pladsen '{seat.id}' fra {long_date(person.from_)}; skiftet kan tidligst ske dagen efter"
        )
    last = start - timedelta(days=1)
    if person.to is not None and person.to < last:
        last = person.to
    move = MoveToList(("seats", index, "person"), ("seats", index, "history"), {"to": last}, keep=keep)
    return move, f"{person.name} har pladsen '{seat.id}' til og med {long_date(last)} (flyttet til 'history')."


def replace_member(
    root: Path,
    forum_id: str,
    seat_id: str,
    name: str,
    start: date,
    on: date,
    *,
    email: str | None = None,
    title: str | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """`name` holds seat `seat_id` from `start`; whoever held it before holds it until the day before."""
    if not name.strip():
        raise UserError("navnet er tomt; skriv det med --name")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        index, seat = _seat(files, seat_id)
        edits: list[Edit] = []
        done: list[str] = []
        if seat.person is not None and seat.person.name.casefold() == name.strip().casefold():
            raise UserError(
                f"{seat.person.name} har allerede pladsen '{seat_id}'; skal e-mailadressen eller stillingen rettes, "
                f"så brug 'driftsforum member update {forum_id} {seat_id} --email ADRESSE --title STILLING'"
            )
        if seat.person is not None:
            move, said = _leaves(seat, seat.person, start, index, keep=True)
            edits.append(move)
            done.append(said)
        edits.append(SetValue(("seats", index, "person"), {**_person(name, title, email), "from": start}))
        done.append(f"{name.strip()} har pladsen '{seat_id}' fra {long_date(start)}.")
        if email is None:
            done.append(
                f"Bemærk: {name.strip()} har ingen e-mailadresse og får ingen dagsordener og referater med e-mail; "
                f"tilføj den med 'driftsforum member update {forum_id} {seat_id} --email ADRESSE'."
            )
        for meeting in sorted((m.model for m in files.meetings if m.model is not None), key=lambda m: m.date):
            if meeting.date >= start and meeting.agenda_sent is not None and not meeting.cancelled:
                done.append(
                    f"Dagsordenen til mødet {long_date(meeting.date)} er udsendt før skiftet; send den til "
                    f"{name.strip()} med 'driftsforum send agenda {forum_id} {meeting.date.isoformat()} --to {seat_id}'."
                )
        return _change(files, edits), done

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def vacate_seat(
    root: Path, forum_id: str, seat_id: str, start: date, on: date, *, dry_run: bool = False, now: date | None = None
) -> EditOutcome:
    """Seat `seat_id` is vacant from `start`: its person holds it until the day before."""

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        index, seat = _seat(files, seat_id)
        if seat.person is None:
            raise UserError(f"pladsen '{seat_id}' er allerede ledig")
        move, said = _leaves(seat, seat.person, start, index, keep=False)
        return _change(files, [move]), [said, f"Pladsen '{seat_id}' er ledig fra {long_date(start)}."]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def update_member(
    root: Path,
    forum_id: str,
    seat_id: str,
    on: date,
    *,
    email: str | None = None,
    title: str | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """The e-mail address or title of the person on seat `seat_id`."""
    if email is None and title is None:
        raise UserError("intet at ændre; angiv --email eller --title")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        index, seat = _seat(files, seat_id)
        if seat.person is None:
            raise UserError(f"pladsen '{seat_id}' er ledig; sæt en person på den med 'driftsforum member replace'")
        edits: list[Edit] = []
        done: list[str] = []
        for key, value, what in (("email", email, "E-mailadressen"), ("title", title, "Stillingen")):
            if value is not None:
                edits.append(SetValue(("seats", index, "person", key), value.strip()))
                done.append(f"{what} for {seat.person.name} er nu {value.strip()}.")
        return _change(files, edits), done

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def add_seat(
    root: Path,
    forum_id: str,
    seat_id: str,
    organisation: str,
    sector: str,
    start: date,
    on: date,
    *,
    municipality: str | None = None,
    level: str | None = None,
    name: str | None = None,
    email: str | None = None,
    title: str | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new seat from `start` (valid_from), with its person if `name` is given, at the end of members.yaml."""
    from typing import get_args

    from driftsforum_cli.models.common import Sector

    if sector not in get_args(Sector):
        raise UserError(f"'{sector}' er ikke en sektor; brug {', '.join(get_args(Sector))}")
    if sector == "kommune" and not municipality:
        raise UserError("en kommunal plads skal have en kommune; angiv den med --municipality, fx Hjørring")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        seats = files.members.model.seats if files.members.model is not None else []
        if any(seat.id == seat_id for seat in seats):
            raise UserError(f"pladsen '{seat_id}' findes allerede i {files.members.display}")
        seat: dict[str, Value] = {"id": seat_id, "organisation": organisation.strip(), "sector": sector}
        if municipality:
            seat["municipality"] = municipality.strip()
        if level:
            seat["level"] = level
        done = [f"Pladsen '{seat_id}' ({organisation.strip()}) er oprettet fra {long_date(start)}."]
        if name:
            seat["person"] = _person(name, title, email)
            done.append(f"{name.strip()} har pladsen.")
        seat["valid_from"] = start
        return _change(files, [AppendItem(("seats",), seat)]), done

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)
