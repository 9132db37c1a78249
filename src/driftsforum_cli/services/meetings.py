"""A meeting cancelled or moved with a command. A moved meeting is cancelled with `moved_to`, and a new
file on the new day carries its agenda (the agenda must be sent again); both edits change only their own
lines (editing.py), through a guided edit (services/edits.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.lifecycle import DeleteValue, Edit, SetValue
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Meeting
from driftsforum_cli.services.edits import EditOutcome, guided_edit


def _meeting(files: ForumFiles, day: date) -> Loaded[Meeting]:
    """The meeting file of `day`, still to be held: neither cancelled nor with minutes sent."""
    from driftsforum_cli.domain.documents import pick_meeting

    meeting = pick_meeting(files, day, day)
    loaded = next(item for item in files.meetings if item.model is meeting)
    if meeting.cancelled:
        raise UserError(f"mødet {long_date(day)} er allerede aflyst ({loaded.display})")
    if meeting.minutes.sent is not None:
        raise UserError(f"mødet {long_date(day)} er holdt; referatet blev udsendt {long_date(meeting.minutes.sent)}")
    return loaded


def cancel_meeting(
    root: Path,
    forum_id: str,
    day: date,
    on: date,
    *,
    reason: str | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """Mark the meeting on `day` cancelled (with the reason, if given)."""
    from driftsforum_cli.editing import planned_edit

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = _meeting(files, day)
        edits: list[Edit] = [SetValue(("cancelled",), True)]
        if reason:
            edits.append(SetValue(("cancelled_reason",), reason.strip()))
        change = planned_edit(loaded.path, edits, Meeting, loaded.display)
        said = (
            f"Mødet {long_date(day)} er aflyst. Send aflysningen med 'driftsforum send cancellation {forum_id} {day}'."
        )
        return [change], [said]

    return guided_edit(root, forum_id, on, "mødet aflyses", plan, dry_run=dry_run, now=now)


def move_meeting(
    root: Path, forum_id: str, day: date, to: date, on: date, *, dry_run: bool = False, now: date | None = None
) -> EditOutcome:
    """Move the meeting on `day` to `to`: the old one is cancelled with `moved_to`, the new file has its agenda."""
    from driftsforum_cli.domain.planning import new_meeting
    from driftsforum_cli.editing import planned_edit
    from driftsforum_cli.workspace import display_path

    if to < on:
        # a typo in the year would otherwise make a meeting "held" that nobody was called to
        raise UserError(
            f"{long_date(to)} er gået (i dag er {long_date(on)}); et møde kan kun flyttes til en dag, der kommer"
        )

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = _meeting(files, day)
        assert files.forum.model is not None and loaded.model is not None
        meetings = [item.model for item in files.meetings if item.model is not None]
        new_meeting(files.forum.model, meetings, to, repo.calendar, loaded.model.kind)  # the day is free and open
        target = files.folder / "meetings" / f"{to.isoformat()}.yaml"
        moved: list[Edit] = [SetValue(("date",), to), DeleteValue(("agenda_sent",)), DeleteValue(("agenda_updates",))]
        new = planned_edit(loaded.path, moved, Meeting, loaded.display, copy_to=(target, display_path(target)))
        old_edits: list[Edit] = [
            SetValue(("cancelled",), True),
            SetValue(("cancelled_reason",), f"Mødet er flyttet til {long_date(to)}."),
            SetValue(("moved_to",), to),
        ]
        old = planned_edit(loaded.path, old_edits, Meeting, loaded.display)
        said = [
            f"Mødet {long_date(day)} er flyttet til {long_date(to)} ({new.display}); det gamle er markeret aflyst.",
            f"Send dagsordenen til det nye møde med 'driftsforum send agenda {forum_id} {to}'.",
        ]
        return [new, old], said

    return guided_edit(root, forum_id, on, "mødet flyttes", plan, dry_run=dry_run, now=now)


def update_meeting(
    root: Path,
    forum_id: str,
    day: date,
    on: date,
    *,
    place: str | None = None,
    start: str | None = None,
    end: str | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new place or time the same day for the meeting on `day` (a new day is `move_meeting`)."""
    from datetime import time

    from driftsforum_cli.danish import clock
    from driftsforum_cli.editing import planned_edit
    from driftsforum_cli.models.common import parse_time

    if place is None and start is None and end is None:
        raise UserError("intet at ændre; angiv --place, --start eller --end (en ny dato: 'driftsforum meeting move')")
    if place is not None and not place.strip():
        raise UserError("stedet er tomt; skriv det med --place")
    times: dict[str, time] = {}
    for key, option, value in (("start", "--start", start), ("end", "--end", end)):
        if value is not None:
            try:
                times[key] = parse_time(value)
            except ValueError as exc:
                raise UserError(f"{option}: {exc}") from None

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = _meeting(files, day)
        meeting = loaded.model
        assert meeting is not None
        edits: list[Edit] = [SetValue((key,), f"{value.hour:02d}:{value.minute:02d}") for key, value in times.items()]
        if place is not None:
            edits.append(SetValue(("place",), place.strip()))
        begins, ends = times.get("start", meeting.start), times.get("end", meeting.end)
        if begins is not None and ends is not None and ends <= begins:
            raise UserError(f"mødet kan ikke slutte kl. {clock(ends)}, før det begynder kl. {clock(begins)}")
        change = planned_edit(loaded.path, edits, Meeting, loaded.display)
        when = f"kl. {clock(begins)}–{clock(ends)}" if begins is not None and ends is not None else ""
        where = place.strip() if place is not None else meeting.place
        said = [f"Mødet {long_date(day)}: {', '.join(part for part in (when, where) if part)}."]
        if meeting.agenda_sent is not None:
            said.append(
                f"Dagsordenen er udsendt; send en rettet, så kalenderaftalen flyttes: "
                f"'driftsforum send agenda {forum_id} {day} --update --note TEKST'."
            )
        return [change], said

    return guided_edit(root, forum_id, on, "mødet ændres", plan, dry_run=dry_run, now=now)
