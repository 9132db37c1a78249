"""Comments from Word: a member's comments and tracked changes in the draft minutes (.docx) recorded as
comments on the minutes, with the quoted passage and the member's seat.

- The seat: `--by SEAT` for every comment in the files, else the comment's author matched against whoever
  held each seat on the meeting's date (all words of the person's name in the author, or the initials).
- The day received: `on` (the day the e-mail came), else the date Word recorded, never before the minutes
  were sent nor after `today`. A comment received after the comment deadline is refused (it is reported
  with the deadline; the others are recorded).
- The agenda item: the heading ("5. Titel") the comment's passage is under in the document is recorded as
  `item`, so the same text under several items ("Driftsforum drøftede punktet og tog det til efterretning.")
  tells which item a comment is about.
- A comment the minutes already have (same seat, text, passage and item) is not added again, so importing the
  same file twice adds nothing; a comment recorded without an item (before items were read, or from a
  document without headings) counts as the same whatever item the other has.
- One lock for the whole import, the minimal edit (only the new lines), and taken back at once if
  `validate` would reject the result (as every recorded step, services/lifecycle.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.danish import long_date
from driftsforum_cli.errors import UserError
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.common import without_word_marks
from driftsforum_cli.word_comments import Remark

_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Imported:
    """One comment from a Word file, as it is (or would be) recorded."""

    file: str
    seat: str
    name: str  # the member's name (from members.yaml)
    received: date
    text: str
    passage: str | None
    item: int | None = None  # the agenda item the passage is under


@dataclass(frozen=True)
class Late:
    """A comment received after the deadline: refused."""

    file: str
    author: str
    received: date
    text: str


@dataclass(frozen=True)
class ImportOutcome:
    display: str  # the meeting file
    recorded: list[Imported]
    already: list[Imported]  # in the minutes already
    late: list[Late]
    comments_due: date
    empty: list[str]  # files with no comments and no tracked changes


def remark_text(remark: Remark) -> str:
    """What the minutes record: the comment's text, or the change a member proposes (Danish)."""
    if remark.kind == "insertion":
        return f"Ændringsforslag: indsæt »{remark.text}«"
    if remark.kind == "deletion":
        return f"Ændringsforslag: slet »{remark.text}«"
    return remark.text


def _initials(name: str) -> str:
    return "".join(word[0] for word in _WORDS.findall(name)).casefold()


def match_seat(author: str, initials: str | None, seats: Sequence[Seat], day: date) -> Seat | None:
    """The one seat whose holder on `day` wrote as `author` (every word of the name in it, in any order:
    'Bent Eksempel', 'Eksempel, Bent', 'Bent Eksempel (BE) | Hjørring Kommune'), else whose holder's initials
    are `initials` (or the author, when it is only initials); None when none or several fit."""
    from driftsforum_cli.domain.seats import holder_on

    held = [(seat, person.name) for seat in seats if (person := holder_on(seat, day)) is not None]
    words = {word.casefold() for word in _WORDS.findall(author)}
    named = [seat for seat, name in held if words and {w.casefold() for w in _WORDS.findall(name)} <= words]
    if len(named) == 1:
        return named[0]
    wanted = {value.casefold() for value in (initials, author) if value and " " not in value.strip()}
    by_initials = [seat for seat, name in held if _initials(name) in wanted]
    return by_initials[0] if len(by_initials) == 1 else None


def _received(written: date | None, on: date | None, sent: date | None, today: date) -> date:
    if on is not None:
        return on
    day = min(written or today, today)
    return max(day, sent) if sent is not None else day


def _seats_for(
    remarks: list[tuple[str, Remark]], seats: list[Seat], day: date, by: str | None
) -> dict[tuple[str, str | None], Seat]:
    """The seat of each author (by --by, or matched); refuses, naming them, authors that fit no seat."""
    from driftsforum_cli.domain.lifecycle import StepError
    from driftsforum_cli.domain.seats import did_you_mean

    if by is not None:
        chosen = next((seat for seat in seats if seat.id == by), None)
        if chosen is None:
            raise StepError(f"--by: '{by}' er ikke en plads i members.yaml{did_you_mean(by, seats)}")
        return {(remark.author, remark.initials): chosen for _, remark in remarks}
    found: dict[tuple[str, str | None], Seat] = {}
    unknown: list[str] = []
    for file, remark in remarks:
        key = (remark.author, remark.initials)
        if key in found:
            continue
        seat = match_seat(remark.author, remark.initials, seats, day)
        if seat is None:
            unknown.append(f"'{remark.author or remark.initials or 'uden forfatter'}' i {file}")
        else:
            found[key] = seat
    if unknown:
        raise UserError(
            f"kommentarerne fra {', '.join(dict.fromkeys(unknown))} kan ikke knyttes til en plads i members.yaml "
            "(forfatterens navn eller initialer passer ikke på én person, der havde en plads på mødedagen); "
            "angiv pladsen med --by PLADS, fx --by hjoerring-afdelingsleder. Intet er registreret."
        )
    return found


def import_comments(
    root: Path,
    forum_id: str,
    meeting_date: date,
    paths: Sequence[Path],
    today: date,
    *,
    by: str | None = None,
    on: date | None = None,
    now: date | None = None,
) -> ImportOutcome:
    """Record the comments and tracked changes in the Word files `paths` on the minutes of the meeting."""
    from driftsforum_cli.domain import lifecycle
    from driftsforum_cli.domain.documents import build_document, pick_meeting
    from driftsforum_cli.editing import FileChange, apply_edits
    from driftsforum_cli.loader import read_yaml
    from driftsforum_cli.services.edits import forum_under_lock, keep_if_valid
    from driftsforum_cli.word_comments import read_remarks

    remarks: list[tuple[str, Remark]] = []
    empty: list[str] = []
    for path in paths:
        found = read_remarks(path, str(path))
        remarks.extend((str(path), remark) for remark in found)
        if not found:
            empty.append(str(path))

    with forum_under_lock(root, forum_id, today, "bemærkningerne registreres", now) as (repo, files):
        meeting = pick_meeting(files, meeting_date, today)
        loaded = next(item for item in files.meetings if item.model is meeting)
        seats = files.members.model.seats if files.members.model else []
        due = build_document("minutes", files, meeting, repo.calendar, today).minutes.comments_due
        if meeting.minutes.sent is None:  # the same refusal as add-comment's
            try:
                lifecycle.comment_added(meeting, seats, "", "", today, due)
            except lifecycle.StepError as exc:
                raise exc.within(loaded.display) from None
        seat_of = _seats_for(remarks, seats, meeting.date, by)
        have = _Recorded()
        for comment in meeting.minutes.comments:
            have.add(_key(comment.by, comment.text, comment.passage), comment.item)
        recorded: list[Imported] = []
        already: list[Imported] = []
        late: list[Late] = []
        edits: list[lifecycle.Edit] = []
        for file, remark in remarks:
            seat = seat_of[(remark.author, remark.initials)]
            text = remark_text(remark)
            received = _received(remark.written, on, meeting.minutes.sent, today)
            entry = Imported(file, seat.id, _name(seat, meeting), received, text, remark.passage, remark.item)
            key = _key(seat.id, text, remark.passage)
            if have.has(key, remark.item):
                already.append(entry)
                continue
            if received > due:
                late.append(Late(file, remark.author or seat.id, received, text))
                continue
            have.add(key, remark.item)
            try:
                edits += lifecycle.comment_added(
                    meeting, seats, seat.id, text, received, due, remark.passage, remark.item
                )
            except lifecycle.StepError as exc:
                raise exc.within(loaded.display) from None
            recorded.append(entry)
        if edits:
            original = loaded.path.read_bytes()
            apply_edits(loaded.path, edits, Meeting, loaded.display, files.folder)
            loaded.model = Meeting.model_validate(read_yaml(loaded.path, loaded.display).data)
            change = FileChange(loaded.path, loaded.display, original, loaded.path.read_bytes())
            keep_if_valid(root, forum_id, [change], today, now, "det, der skulle registreres,")
    return ImportOutcome(loaded.display, recorded, already, late, due, empty)


def _name(seat: Seat, meeting: Meeting) -> str:
    from driftsforum_cli.domain.seats import name_on

    return name_on(seat, meeting.date)


def late_message(outcome: ImportOutcome) -> str:
    """The refusal of the late comments, with the deadline (Danish)."""
    shown = "; ".join(
        f"{item.file}: {item.author}, {long_date(item.received)}: »{_short(item.text)}«" for item in outcome.late
    )
    count = "1 bemærkning" if len(outcome.late) == 1 else f"{len(outcome.late)} bemærkninger"
    return (
        f"{count} er modtaget efter fristen for bemærkninger, som udløb {long_date(outcome.comments_due)}, og er ikke "
        f"registreret ({shown}); referatet er godkendt, så tag {'den' if len(outcome.late) == 1 else 'dem'} op på "
        "næste møde"
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _key(seat: str, text: str, passage: str | None) -> tuple[str, str, str | None]:
    """A comment as compared with those recorded: as written to the file (Word's invisible marks removed,
    the ends trimmed), so a file imported twice adds nothing."""
    passage = without_word_marks(passage).strip() if passage else None
    return seat, without_word_marks(text).strip(), passage or None


class _Recorded:
    """The comments recorded (and being recorded), by key and agenda item: one without an item is the same as
    one with the same key under any item."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str, str | None], set[int | None]] = {}

    def add(self, key: tuple[str, str, str | None], item: int | None) -> None:
        self._items.setdefault(key, set()).add(item)

    def has(self, key: tuple[str, str, str | None], item: int | None) -> bool:
        items = self._items.get(key)
        if items is None:
            return False
        return item is None or item in items or None in items
