"""The agenda's own items with commands: add one, move one to another place, attach a file to one – guided
edits of the meeting file (services/edits.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.lifecycle import AppendItem, MoveItem, Value
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.common import without_word_marks
from driftsforum_cli.services.edits import EditOutcome, guided_edit
from driftsforum_cli.services.minutes import PURPOSE, check_seats, meeting_file_edit, open_meeting

if TYPE_CHECKING:
    from driftsforum_cli.domain.documents import Item


def add_item(
    root: Path,
    forum_id: str,
    day: date,
    title: str,
    on: date,
    *,
    kind: str = "drøftelse",
    presenter: str | None = None,
    agreements: Sequence[str] = (),
    recommendation: str | None = None,
    minutes: int | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new item at the end of the meeting's own items (`minutes`: its time on the agenda's timetable)."""
    title = without_word_marks(title).strip()
    if not title:
        raise UserError("overskriften er tom; skriv den med --title")
    if minutes is not None and not 1 <= minutes <= 600:
        raise UserError(f"{minutes} minutter er ikke en tid til et punkt; skriv 1–600 med --minutes")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        from driftsforum_cli.messages import suggest

        loaded = open_meeting(files, day)
        assert loaded.model is not None
        known = [a.id for a in files.agreements.model.agreements] if files.agreements.model is not None else []
        for ref in agreements:
            if ref not in known:
                guess = suggest(ref, known)
                hint = f" (mente du '{guess}'?)" if guess else ""
                raise UserError(f"'{ref}' er ikke en samarbejdsaftale i {files.agreements.display}{hint}")
        item: dict[str, Value] = {"title": title, "kind": kind}
        if presenter:
            item["presenter"] = check_seats(files, [presenter])[0]
        if minutes is not None:
            item["duration_minutes"] = minutes
        if agreements:
            item["agreements"] = list(agreements)
        if recommendation:
            item["recommendation"] = recommendation.strip()
        number = _next_number(files, _items(repo, files, loaded, on))
        said = [f"Punktet '{title}' er tilføjet som punkt {number} på dagsordenen."]
        said += _sent_note(loaded, forum_id)
        return meeting_file_edit(loaded, [AppendItem(("agenda",), item)]), said

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def _sent_note(loaded: Loaded[Meeting], forum_id: str) -> list[str]:
    """A reminder to send a corrected agenda, when the agenda has gone out."""
    meeting = loaded.model
    if meeting is None or meeting.agenda_sent is None:
        return []
    return [
        f"Dagsordenen er udsendt {long_date(meeting.agenda_sent)}; send en rettet med "
        f"'driftsforum send agenda {forum_id} {meeting.date} --update'."
    ]


def _items(repo: Repository, files: ForumFiles, loaded: Loaded[Meeting], on: date) -> list[Item]:
    """The agenda's items as the members see them numbered, fixed items included."""
    from driftsforum_cli.domain.documents import build_document

    assert loaded.model is not None
    return build_document("agenda", files, loaded.model, repo.calendar, on).items


def _next_number(files: ForumFiles, items: list[Item]) -> int:
    """The number the agenda gives an item added after the meeting's own items (the fixed items before them
    count, so it is the number the members see, and the one `agenda move` and `minutes decision` take)."""
    assert files.forum.model is not None
    own = [item.number for item in items if item.standard is None]
    if own:
        return own[-1] + 1
    order = [standard.id for standard in files.forum.model.documents.standard_items]
    before = set(order[: order.index("meeting_items")]) if "meeting_items" in order else set(order)
    return sum(1 for item in items if item.standard in before) + 1


def _own_index(items: list[Item], number: int) -> int:
    """The index in the meeting's own items of the item the agenda numbers `number`."""
    own = [item.number for item in items if item.standard is None]
    if number not in own:
        first, last = (own[0], own[-1]) if own else (0, 0)
        where = (
            "mødet har ingen egne punkter"
            if not own
            else f"mødet har kun ét eget punkt, nr. {first}"
            if first == last
            else f"mødets egne punkter er nr. {first}–{last}"
        )
        raise UserError(f"punkt {number} er ikke et af mødets egne punkter; {where}")
    return own.index(number)


def move_item(
    root: Path,
    forum_id: str,
    day: date,
    number: int,
    to: int,
    on: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """Item `number` moved to stand as item `to` (both as the agenda numbers them)."""

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = open_meeting(files, day)
        items = _items(repo, files, loaded, on)
        source, target = _own_index(items, number), _own_index(items, to)
        if source == target:
            raise UserError(f"punkt {number} står allerede som punkt {to}")
        said = [f"Punkt {number} står nu som punkt {to}.", *_sent_note(loaded, forum_id)]
        return meeting_file_edit(loaded, [MoveItem(("agenda",), source, target)]), said

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def attach_file(
    root: Path,
    forum_id: str,
    day: date,
    number: int,
    source: Path,
    on: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """`source` copied to meetings/DATO/ beside the meeting file and listed under item `number`'s attachments."""
    from driftsforum_cli.files import describe_os_error

    try:
        if not source.exists():
            raise UserError(f"{source} findes ikke")
        if source.is_dir():
            raise UserError(f"{source} er en mappe; vælg en fil i den")
        if not source.is_file():
            raise UserError(f"{source} er ikke en fil")
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(f"{source} kan ikke læses: {describe_os_error(exc)}") from None

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        from driftsforum_cli.workspace import display_path

        loaded = open_meeting(files, day)
        index = _own_index(_items(repo, files, loaded, on), number)
        name = f"{day.isoformat()}/{source.name}"
        target = files.folder / "meetings" / name
        changes: list[FileChange] = []
        if target.exists():
            if target.read_bytes() != data:
                raise UserError(f"{display_path(target)} findes allerede med et andet indhold; omdøb filen")
        else:
            changes.append(FileChange(target, display_path(target), None, data))
        changes += meeting_file_edit(loaded, [AppendItem(("agenda", index, "attachments"), name)])
        said = [f"{source.name} er bilag til punkt {number} ({display_path(target)}).", *_sent_note(loaded, forum_id)]
        return changes, said

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)
