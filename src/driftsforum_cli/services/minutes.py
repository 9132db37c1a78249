"""The minutes taken with commands: who attended, the decision under an item, the text under a fixed item;
and the meeting's actions – added, closed. Each a guided edit of the meeting file (services/edits.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.lifecycle import AppendItem, Edit, SetValue, Value
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Meeting
from driftsforum_cli.services.edits import EditOutcome, guided_edit

PURPOSE = "mødefilen opdateres"


def open_meeting(files: ForumFiles, day: date) -> Loaded[Meeting]:
    from driftsforum_cli.domain.documents import pick_meeting

    meeting = pick_meeting(files, day, day)
    if meeting.cancelled:
        raise UserError(f"mødet {long_date(day)} er aflyst")
    return next(item for item in files.meetings if item.model is meeting)


def check_seats(files: ForumFiles, refs: Sequence[str]) -> list[str]:
    """The seat ids, checked: each must be a seat of members.yaml."""
    from driftsforum_cli.domain.seats import did_you_mean

    seats = files.members.model.seats if files.members.model is not None else []
    known = {seat.id for seat in seats}
    for ref in refs:
        if ref not in known:
            raise UserError(f"'{ref}' er ikke en plads i {files.members.display}{did_you_mean(ref, seats)}")
    return list(refs)


def meeting_file_edit(loaded: Loaded[Meeting], edits: list[Edit]) -> list[FileChange]:
    from driftsforum_cli.editing import planned_edit

    return [planned_edit(loaded.path, edits, Meeting, loaded.display)]


def record_attendance(
    root: Path,
    forum_id: str,
    day: date,
    on: date,
    *,
    present: Sequence[str] = (),
    absent: Sequence[str] = (),
    minute_taker: str | None = None,
    ad_hoc: Sequence[str] = (),
    substitutes: Sequence[str] = (),
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """Who was present and absent at the meeting on `day`, and who took the minutes; a list given replaces the
    one in the file. `ad_hoc` participants ('Navn (Organisation)') and `substitutes` for a seat with apologies
    ('PLADS=Navn (Stilling)') are added to those the file has."""
    if not present and not absent and minute_taker is None and not ad_hoc and not substitutes:
        raise UserError("intet at registrere; angiv --present, --absent, --minute-taker, --substitute eller --ad-hoc")
    both = sorted(set(present) & set(absent))
    if both:
        raise UserError(f"'{both[0]}' kan ikke både være til stede og have meldt afbud")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = open_meeting(files, day)
        edits: list[Edit] = []
        done: list[str] = []
        for key, refs, what in (("present", present, "Til stede"), ("absent", absent, "Afbud")):
            if refs:
                seats: list[Value] = list(check_seats(files, refs))
                edits.append(SetValue(("attendance", key), seats))
                done.append(f"{what}: {', '.join(refs)}.")
        if minute_taker is not None:
            check_seats(files, [minute_taker])
            edits.append(SetValue(("attendance", "minute_taker"), minute_taker))
            done.append(f"Referent: {minute_taker}.")
        for guest in ad_hoc:
            edits.append(AppendItem(("attendance", "ad_hoc"), _guest(guest)))
            done.append(f"Ad hoc-deltager: {guest.strip()}.")
        assert loaded.model is not None
        apologies = set(absent) if absent else set(loaded.model.attendance.absent if loaded.model.attendance else [])
        known = {(s.seat, s.name) for s in (loaded.model.attendance.substitutes if loaded.model.attendance else [])}
        for text in substitutes:
            substitute = _substitute(files, text, apologies)
            said = f"Stedfortræder for {substitute['seat']}: {text.partition('=')[2].strip()}"
            if (substitute["seat"], substitute["name"]) in known:
                done.append(f"{said} (stod der allerede).")
                continue
            edits.append(AppendItem(("attendance", "substitutes"), substitute))
            done.append(f"{said}.")
        return meeting_file_edit(loaded, edits), done

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def _guest(text: str) -> dict[str, Value]:
    """'Mette Hansen (Hjørring Kommune) <mette@hjoerring.dk>' as an ad hoc participant: name, organisation and
    the e-mail address the minutes go to (both optional), as people write an address in Outlook."""
    from driftsforum_cli.models.common import check_email

    text, address = text.strip(), None
    if text.endswith(">") and "<" in text:
        text, _, address = text[:-1].rpartition("<")
        text, address = text.strip(), address.strip()
    name, _, rest = text.partition("(")
    if not name.strip():
        raise UserError(
            f"'{text}' har intet navn; skriv fx --ad-hoc \"Mette Hansen (Hjørring Kommune) <mette@hjoerring.dk>\""
        )
    guest: dict[str, Value] = {"name": name.strip()}
    if rest.strip().rstrip(")").strip():
        guest["organisation"] = rest.strip().rstrip(")").strip()
    if address:
        try:
            guest["email"] = check_email(address)
        except ValueError as exc:
            raise UserError(f"--ad-hoc: {exc}") from None
    return guest


def _substitute(files: ForumFiles, text: str, apologies: set[str]) -> dict[str, Value]:
    """'laesoe-afdelingsleder=Kirsten Hansen (Teamleder)': who came for a seat with apologies."""
    seat, equals, rest = text.partition("=")
    example = '--substitute "laesoe-afdelingsleder=Kirsten Hansen (Teamleder)"'
    if not equals or not seat.strip():
        raise UserError(f"'{text}' siger ikke, hvilken plads stedfortræderen er for; skriv fx {example}")
    seat = check_seats(files, [seat.strip()])[0]
    if seat not in apologies:
        raise UserError(f"'{seat}' har ikke meldt afbud; en stedfortræder er for en plads under --absent")
    guest = _guest(rest)
    substitute: dict[str, Value] = {"seat": seat, "name": guest["name"]}
    if "organisation" in guest:
        substitute["title"] = guest["organisation"]
    return substitute


def record_decision(
    root: Path,
    forum_id: str,
    day: date,
    number: int,
    text: str,
    on: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """The decision under item `number` (as the agenda numbers it), or the minutes' text under a fixed item."""
    if not text.strip():
        raise UserError("teksten er tom; skriv den med --text")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        from driftsforum_cli.domain.documents import build_document

        loaded = open_meeting(files, day)
        assert loaded.model is not None
        items = build_document("agenda", files, loaded.model, repo.calendar, on).items
        chosen = next((item for item in items if item.number == number), None)
        if chosen is None:
            raise UserError(f"dagsordenen for {long_date(day)} har intet punkt {number}; den har punkt 1–{len(items)}")
        if chosen.standard is None:
            own = [item for item in items if item.standard is None]
            path: tuple[str | int, ...] = ("agenda", own.index(chosen), "decision")
        else:
            path = ("minutes", "standard_items", chosen.standard)
        said = f"Punkt {number} ({chosen.title or 'lukket punkt'}): {'beslutningen' if chosen.standard is None else 'referatet'} er skrevet."
        return meeting_file_edit(loaded, [SetValue(path, text.strip())]), [said]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def respond_to_comment(
    root: Path,
    forum_id: str,
    day: date,
    number: int,
    text: str,
    on: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """How comment `number` (1 for the first on the minutes) is dealt with in the revised minutes: its
    'response', which the revised minutes print under 'Behandling'."""
    if not text.strip():
        raise UserError("teksten er tom; skriv med --text, hvordan bemærkningen er indarbejdet")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        loaded = open_meeting(files, day)
        assert loaded.model is not None
        comments = loaded.model.minutes.comments
        if not comments:
            raise UserError(f"referatet fra {long_date(day)} har ingen bemærkninger")
        if not 1 <= number <= len(comments):
            which = "bemærkning 1" if len(comments) == 1 else f"bemærkning 1–{len(comments)}"
            listed = "; ".join(f"{n}: {c.by}, {long_date(c.received)}" for n, c in enumerate(comments, 1))
            raise UserError(f"referatet fra {long_date(day)} har ingen bemærkning {number}; det har {which} ({listed})")
        comment = comments[number - 1]
        said = f"Behandlingen af bemærkning {number} (fra '{comment.by}', {long_date(comment.received)}) er skrevet."
        edit = SetValue(("minutes", "comments", number - 1, "response"), text.strip())
        return meeting_file_edit(loaded, [edit]), [said]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def add_action(
    root: Path,
    forum_id: str,
    day: date,
    what: str,
    owner: str,
    on: date,
    *,
    due: date | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new action agreed at the meeting on `day`, with the next free id ('nord-2026-3-a2')."""
    if not what.strip():
        raise UserError("handlingen er tom; skriv den med --what")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        from driftsforum_cli.domain.documents import number_in_year

        loaded = open_meeting(files, day)
        assert loaded.model is not None
        check_seats(files, [owner])
        meetings = [item.model for item in files.meetings if item.model is not None]
        taken = {action.id for meeting in meetings for action in meeting.actions}
        number = number_in_year(meetings, loaded.model)
        prefix = f"{files.id}-{day.year}-{number}" if number is not None else f"{files.id}-{day.isoformat()}"
        action_id = next(f"{prefix}-a{n}" for n in range(1, len(taken) + 2) if f"{prefix}-a{n}" not in taken)
        item: dict[str, Value] = {"id": action_id, "what": what.strip(), "owner": owner}
        if due is not None:
            item["due"] = due
        said = f"Handling {action_id} er tilføjet" + (f" med frist {long_date(due)}." if due else ".")
        return meeting_file_edit(loaded, [AppendItem(("actions",), item)]), [said]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


def close_action(
    root: Path, forum_id: str, action_id: str, day: date, on: date, *, dry_run: bool = False, now: date | None = None
) -> EditOutcome:
    """The action `action_id` closed at the meeting on `day` (in its `closes_actions`, or with status 'lukket'
    when it is that meeting's own); not at a meeting still to be held."""
    if day > on:
        raise UserError(
            f"mødet {long_date(day)} er ikke holdt endnu (i dag er {long_date(on)}); luk handlingen, når et møde "
            "har besluttet det"
        )

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        from driftsforum_cli.domain.actions import track_actions

        loaded = open_meeting(files, day)
        assert loaded.model is not None
        meetings = [item.model for item in files.meetings if item.model is not None]
        tracked = {t.action.id: t for t in track_actions(meetings)}
        found = tracked.get(action_id)
        if found is None:
            known = ", ".join(sorted(t for t, info in tracked.items() if info.closed is None)[:6])
            raise UserError(
                f"forummet har ingen handling '{action_id}'" + (f"; åbne handlinger: {known}" if known else "")
            )
        if found.closed is not None:
            raise UserError(f"handlingen '{action_id}' er allerede lukket på mødet {long_date(found.closed)}")
        if found.created > day:
            raise UserError(
                f"handlingen '{action_id}' blev aftalt {long_date(found.created)}, efter mødet {long_date(day)}"
            )
        edit: Edit
        if found.created == day:
            index = next(i for i, action in enumerate(loaded.model.actions) if action.id == action_id)
            edit = SetValue(("actions", index, "status"), "lukket")
        else:
            edit = AppendItem(("closes_actions",), action_id)
        return meeting_file_edit(loaded, [edit]), [f"Handlingen '{action_id}' er lukket på mødet {long_date(day)}."]

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)


@dataclass(frozen=True)
class SeatChoice:
    id: str
    label: str  # 'plo – Ib Eksempel (PLO)'


@dataclass(frozen=True)
class ItemChoice:
    number: int  # as the agenda numbers it
    title: str
    current: str | None  # the decision (or the text under a fixed item) the file has now


@dataclass(frozen=True)
class MeetingContext:
    """What the questions for a meeting's minutes offer: the seats, the attendance and the items as they are."""

    seats: list[SeatChoice]
    present: list[str]
    absent: list[str]
    minute_taker: str | None
    items: list[ItemChoice]
    calendar: WorkCalendar
    taken: frozenset[date]  # the days the forum has a meeting file for


def meeting_context(root: Path, forum_id: str, day: date, on: date, now: date | None = None) -> MeetingContext:
    """The meeting on `day` as the questions show it (read through the gate; nothing is written)."""
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.domain.seats import name_on
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(root, forum_id, on, PURPOSE, now)
    loaded = open_meeting(files, day)
    meeting = loaded.model
    assert meeting is not None
    seats = files.members.model.seats if files.members.model is not None else []
    choices = [SeatChoice(s.id, f"{s.id} – {name_on(s, day)}") for s in seats if s.is_current(day)]
    own = iter(meeting.agenda)
    items = []
    for item in build_document("agenda", files, meeting, repo.calendar, on).items:
        if item.standard is None:
            current = next(own).decision
        else:
            current = getattr(meeting.minutes.standard_items, item.standard, None)
        items.append(ItemChoice(item.number, item.title or "Lukket punkt", current))
    attendance = meeting.attendance
    return MeetingContext(
        choices,
        list(attendance.present) if attendance else [],
        list(attendance.absent) if attendance else [],
        attendance.minute_taker if attendance else None,
        items,
        repo.calendar,
        frozenset(item.model.date for item in files.meetings if item.model is not None),
    )


def update_action(
    root: Path,
    forum_id: str,
    action_id: str,
    on: date,
    *,
    owner: str | None = None,
    due: date | None = None,
    dry_run: bool = False,
    now: date | None = None,
) -> EditOutcome:
    """A new owner or due date for an action, in the meeting file that created it."""
    if owner is None and due is None:
        raise UserError("intet at ændre; angiv --owner eller --due")

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        for loaded in files.meetings:
            actions = loaded.model.actions if loaded.model is not None else []
            for index, action in enumerate(actions):
                if action.id != action_id:
                    continue
                edits: list[Edit] = []
                said: list[str] = []
                if owner is not None:
                    edits.append(SetValue(("actions", index, "owner"), check_seats(files, [owner])[0]))
                    said.append(f"Handlingen '{action_id}' har nu {owner} som ansvarlig.")
                if due is not None:
                    edits.append(SetValue(("actions", index, "due"), due))
                    said.append(f"Handlingen '{action_id}' har nu frist {long_date(due)}.")
                return meeting_file_edit(loaded, edits), said
        raise UserError(f"forummet har ingen handling '{action_id}'")

    return guided_edit(root, forum_id, on, PURPOSE, plan, dry_run=dry_run, now=now)
