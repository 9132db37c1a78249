"""Replies to the meeting invitation recorded on the meeting: afbud, expected attendance and substitutes.

- The meeting: the reply's UID must be the one the invitations use ('nord-2026-11-24-meeting@driftsforum',
  render/ics.py); a reply for another meeting is reported, not recorded.
- The seat: the ATTENDEE's address, else the e-mail's From, against the e-mail address of whoever held each
  seat on the meeting's day (case and IDN aside); a reply from anyone else is reported, not recorded.
- Per seat the latest reply counts (SEQUENCE, then DTSTAMP; never the order of the files), also against a
  reply recorded by an earlier import. It is recorded under `attendance.replies`; an afbud (DECLINED) also
  puts the seat under `absent`, a delegation (DELEGATED) under `absent` with the delegate under
  `substitutes`. A later yes or maybe takes back only what an earlier recorded reply put there. A seat
  already recorded as present (the meeting is held) keeps its attendance.
- Importing the same files again changes nothing; the edit is minimal, made under the forum's lock, and
  taken back at once when `validate` would reject it. Files that cannot be read stop the import, all named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

from driftsforum_cli.danish import long_date, plural
from driftsforum_cli.domain.lifecycle import AppendItem, DeleteValue, Edit, SetValue, Value
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError
from driftsforum_cli.itip_replies import Reply, ReplyFile, normal_address, read_reply_file
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.meeting import AdHocParticipant, Attendance, InvitationReply, ReplyAnswer

ANSWERS: dict[str, ReplyAnswer] = {
    "ACCEPTED": "deltager",
    "DECLINED": "afbud",
    "TENTATIVE": "måske",
    "DELEGATED": "stedfortræder",
}
_AWAY = ("afbud", "stedfortræder")


@dataclass(frozen=True)
class Recorded:
    file: str
    seat: str
    name: str  # the member's name on the meeting day
    answer: ReplyAnswer
    substitute: str | None


@dataclass(frozen=True)
class NotRecorded:
    file: str
    reason: str  # Danish: who, and why not


@dataclass(frozen=True)
class RepliesOutcome:
    display: str
    recorded: list[Recorded]
    already: int  # replies the meeting has already (or a later one from the same seat)
    skipped: list[NotRecorded]
    notes: list[str]
    changes: list[FileChange]
    written: bool
    unanswered: list[str]  # 'Bent Eksempel (hjoerring-afdelingsleder)': members who have not replied

    def diff(self) -> str:
        return "".join(change.diff() for change in self.changes)


def _ad_hoc(meeting: Meeting) -> list[AdHocParticipant]:
    return list(meeting.attendance.ad_hoc) if meeting.attendance else []


def meeting_uid(forum_id: str, day: date) -> str:
    """The UID of the meeting in the invitations and calendar exports (render/ics.py's event_uid)."""
    from driftsforum_cli.render.ics import UID_DOMAIN

    return f"{forum_id}-{day.isoformat()}-meeting@{UID_DOMAIN}"


def stamp_text(reply: Reply) -> str:
    return reply.stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def seats_by_address(seats: Sequence[Seat], day: date) -> dict[str, list[Seat]]:
    """Every address of a member on `day` (normalised) with the seats its holder had."""
    from driftsforum_cli.domain.seats import holder_on

    found: dict[str, list[Seat]] = {}
    for seat in seats:
        person = holder_on(seat, day)
        if person is not None and person.email:
            found.setdefault(normal_address(person.email), []).append(seat)
    return found


def _seat_of(reply: Reply, members: dict[str, list[Seat]], day: date) -> Seat | str:
    """The reply's seat, or why it has none (Danish)."""
    for address in (reply.address, reply.sender or ""):
        seats = members.get(normal_address(address), []) if address else []
        if len(seats) == 1:
            return seats[0]
        if len(seats) > 1:
            ids = ", ".join(seat.id for seat in seats)
            return f"{address} har flere pladser ({ids}); registrér svaret i hånden"
    who = " / ".join(dict.fromkeys(a for a in (reply.address, reply.sender or "") if a)) or "en ukendt afsender"
    return f"{who} er ikke e-mailadressen på et medlem af forummet den {long_date(day)}"


def _entry(reply: Reply, seat: str) -> InvitationReply:
    substitute = None
    if reply.delegate is not None:
        substitute = reply.delegate[1] or reply.delegate[0]
    return InvitationReply(
        seat=seat,
        answer=ANSWERS[reply.answer],
        sent=stamp_text(reply),
        sequence=reply.sequence,
        substitute=substitute,
        comment=reply.comment,
    )


def _as_value(entry: InvitationReply) -> dict[str, Value]:
    value: dict[str, Value] = {"seat": entry.seat, "answer": entry.answer, "sent": entry.sent}
    if entry.sequence:
        value["sequence"] = entry.sequence
    for key in ("substitute", "comment"):
        if (text := getattr(entry, key)) is not None:
            value[key] = text
    return value


def reply_edits(attendance: Attendance | None, chosen: Sequence[InvitationReply]) -> list[Edit]:
    """The minimal edits that record `chosen` (one new reply per seat) on the attendance: set in place, add at
    the end, then remove from the end, so no index moves under another edit."""
    current = attendance or Attendance()
    sets: list[Edit] = []
    appends: list[Edit] = []
    entries: list[Edit] = []  # the replies themselves, after the afbud and substitutes they make
    removals: list[tuple[str, int]] = []
    recorded = {entry.seat: n for n, entry in enumerate(current.replies)}
    for entry in chosen:
        n = recorded.get(entry.seat)
        earlier = current.replies[n] if n is not None else None
        if n is None:
            entries.append(AppendItem(("attendance", "replies"), _as_value(entry)))
        else:
            sets.append(SetValue(("attendance", "replies", n), _as_value(entry)))
        if entry.seat in current.present:
            continue  # the meeting is held and the seat was there
        was_away = earlier is not None and earlier.answer in _AWAY
        if entry.answer in _AWAY and entry.seat not in current.absent:
            appends.append(AppendItem(("attendance", "absent"), entry.seat))
        elif entry.answer not in _AWAY and was_away and entry.seat in current.absent:
            removals.append(("absent", current.absent.index(entry.seat)))
        at = next((k for k, sub in enumerate(current.substitutes) if sub.seat == entry.seat), None)
        was_delegated = earlier is not None and earlier.answer == "stedfortræder"
        if entry.answer == "stedfortræder" and entry.substitute:
            substitute: dict[str, Value] = {"seat": entry.seat, "name": entry.substitute}
            if at is None:
                appends.append(AppendItem(("attendance", "substitutes"), substitute))
            elif was_delegated and current.substitutes[at].name != entry.substitute:
                sets.append(SetValue(("attendance", "substitutes", at, "name"), entry.substitute))
        elif at is not None and was_delegated:
            removals.append(("substitutes", at))
    grown = {edit.path[1] for edit in appends if isinstance(edit, AppendItem)}
    return [*sets, *appends, *entries, *_removals(current, removals, grown)]


def _removals(current: Attendance, removals: Sequence[tuple[str, int]], grown: set[str | int]) -> list[Edit]:
    """Items taken out from the end of each list, so no index moves under another; a list left empty goes."""
    edits: list[Edit] = []
    for key in ("absent", "substitutes"):
        indexes = sorted({index for name, index in removals if name == key}, reverse=True)
        if indexes and len(indexes) == len(getattr(current, key)) and key not in grown:
            edits.append(DeleteValue(("attendance", key)))
        else:
            edits.extend(DeleteValue(("attendance", key, index)) for index in indexes)
    return edits


def choose(
    replies: Sequence[tuple[Reply, Seat]], attendance: Attendance | None
) -> tuple[list[tuple[Reply, InvitationReply]], int]:
    """Per seat the latest reply (SEQUENCE, then DTSTAMP; the file's name only between replies made at the same
    second), unless the meeting has it or a later one already; with the number of replies that change nothing."""
    have = {entry.seat: entry for entry in (attendance.replies if attendance else [])}
    latest: dict[str, tuple[Reply, Seat]] = {}
    for reply, seat in replies:
        if seat.id not in latest or (reply.order, reply.file) > (latest[seat.id][0].order, latest[seat.id][0].file):
            latest[seat.id] = (reply, seat)
    chosen: list[tuple[Reply, InvitationReply]] = []
    for reply, seat in sorted(latest.values(), key=lambda pair: (pair[0].order, pair[1].id)):
        entry = _entry(reply, seat.id)
        old = have.get(seat.id)
        if old is not None and (old.sequence, old.sent) >= (entry.sequence, entry.sent):
            continue
        chosen.append((reply, entry))
    return chosen, len(replies) - len(chosen)


@dataclass(frozen=True)
class _Planned:
    """What the import worked out under the forum's lock."""

    meeting: Meeting
    display: str
    seats: list[Seat]
    chosen: list[tuple[Reply, InvitationReply]]
    already: int


def import_replies(
    root: Path,
    forum_id: str,
    meeting_date: date,
    paths: Sequence[Path],
    today: date,
    *,
    dry_run: bool = False,
    now: date | None = None,
) -> RepliesOutcome:
    """Record the replies in the e-mails `paths` on the meeting of forum `forum_id` on `meeting_date`."""
    from driftsforum_cli.domain.documents import pick_meeting
    from driftsforum_cli.domain.seats import holder_on, name_on
    from driftsforum_cli.editing import planned_edit
    from driftsforum_cli.services.edits import guided_edit

    read: list[ReplyFile] = [read_reply_file(path) for path in paths]
    notes = [note for item in read for note in item.notes]
    broken = [item.problem for item in read if item.problem is not None]
    skipped = [NotRecorded(item.file, item.ignored) for item in read if item.ignored is not None]
    found: list[_Planned] = []  # what the plan worked out under the lock, for the outcome

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        meeting = pick_meeting(files, meeting_date, today)
        loaded = next(item for item in files.meetings if item.model is meeting)
        if meeting.cancelled:
            moved = f"; det er flyttet til {long_date(meeting.moved_to)}" if meeting.moved_to else ""
            raise UserError(
                f"{loaded.display}: mødet {long_date(meeting.date)} er aflyst{moved}, så svarene på indkaldelsen "
                "registreres ikke; intet er ændret"
            )
        seats = files.members.model.seats if files.members.model else []
        members = seats_by_address(seats, meeting.date)
        uid = meeting_uid(forum_id, meeting.date)
        matched: list[tuple[Reply, Seat]] = []
        guests = {normal_address(guest.email): guest.name for guest in _ad_hoc(meeting) if guest.email}
        for reply in (reply for item in read for reply in item.replies):
            if reply.uid != uid:
                about = f" ({long_date(reply.start)})" if reply.start else ""
                skipped.append(
                    NotRecorded(reply.file, f"svaret gælder et andet møde{about}, UID {reply.uid or 'mangler'}")
                )
                continue
            seat = _seat_of(reply, members, meeting.date)
            guest = guests.get(normal_address(reply.address)) or guests.get(normal_address(reply.sender or ""))
            if isinstance(seat, str) and guest is not None:
                skipped.append(
                    NotRecorded(reply.file, f"{guest} er ad hoc-deltager; kun medlemmernes svar registreres")
                )
            elif isinstance(seat, str):
                skipped.append(NotRecorded(reply.file, seat))
            else:
                matched.append((reply, seat))
        chosen, already = choose(matched, meeting.attendance)
        if broken:
            problems = [*broken, *(f"{item.file}: {item.reason}" for item in skipped)]
            raise UserError(
                f"{plural(len(broken), 'fil', 'filer')} af {len(read)} kan ikke læses, og intet er registreret: "
                + "; ".join(problems)
            )
        edits = reply_edits(meeting.attendance, [entry for _, entry in chosen])
        found.append(_Planned(meeting, loaded.display, seats, chosen, already))
        return ([planned_edit(loaded.path, edits, Meeting, loaded.display)] if edits else []), []

    outcome = guided_edit(root, forum_id, today, "svarene registreres", plan, dry_run=dry_run, now=now)
    planned = found[-1]
    changes, meeting, seats, chosen, already = (
        outcome.changes, planned.meeting, planned.seats, planned.chosen, planned.already
    )  # fmt: skip
    recorded = [
        Recorded(reply.file, entry.seat, name_on(seat, meeting.date), entry.answer, entry.substitute)
        for reply, entry in chosen
        for seat in seats
        if seat.id == entry.seat
    ]
    answered = {entry.seat for entry in (meeting.attendance.replies if meeting.attendance else [])}
    answered |= {entry.seat for _, entry in chosen}
    unanswered = [
        f"{name_on(seat, meeting.date)} ({seat.id})"
        for seat in seats
        if seat.id not in answered and holder_on(seat, meeting.date) is not None and set(seat.roles) != {"sekretariat"}
    ]
    written = bool(changes) and not dry_run
    return RepliesOutcome(planned.display, recorded, already, skipped, notes, changes, written, unanswered)
