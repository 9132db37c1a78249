"""Recording a step of a meeting's life cycle in its file – the agenda sent, the minutes sent, a comment
received, the revised minutes sent – with the minimal edit, through the gate, and the new state after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from driftsforum_cli.domain.documents import DocumentKind, MeetingDocument, MinutesState
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Meeting

Step = Literal["agenda-sent", "agenda-update", "minutes-sent", "comment", "revised"]


@dataclass(frozen=True)
class StepOutcome:
    step: Step
    on: date
    display: str  # the meeting file as the user sees it
    meeting: Meeting  # as it is now
    minutes: MinutesState  # the minutes' state now
    agenda_due: date
    comment_by: str | None = None  # the comment's author (name, or the seat id)


def record(
    files: ForumFiles,
    loaded: Loaded[Meeting],
    calendar: WorkCalendar,
    step: Step,
    on: date,
    *,
    by: str | None = None,
    text: str | None = None,
    force: bool = False,
    item: int | None = None,
) -> StepOutcome:
    """Check the step against the file's record, write the edit, and return the new state. `force` lets the
    revised minutes be recorded before the comment deadline; `item` is the agenda item a comment is about."""
    from driftsforum_cli.domain import lifecycle
    from driftsforum_cli.domain.documents import build_document
    from driftsforum_cli.editing import apply_edits
    from driftsforum_cli.loader import read_yaml

    meeting = loaded.model
    assert meeting is not None
    try:
        if step == "agenda-sent":
            charter = files.forum.model
            earliest = charter.meetings.deadlines.agenda_earliest_days if charter is not None else None
            edits = lifecycle.agenda_sent(meeting, on, earliest)
        elif step == "agenda-update":
            assert text is not None
            edits = lifecycle.agenda_updated(meeting, on, text)
        elif step == "minutes-sent":
            edits = lifecycle.minutes_sent(meeting, on)
        else:
            built = build_document("minutes", files, meeting, calendar, on)
            due = built.minutes.comments_due
            if step == "comment":
                assert by is not None and text is not None
                seats = files.members.model.seats if files.members.model else []
                edits = lifecycle.comment_added(meeting, seats, by, text, on, due, item_number=item)
                _check_item(item, built)
            else:
                edits = lifecycle.minutes_revised(meeting, on, due, force=force)
    except lifecycle.StepError as exc:
        raise exc.within(loaded.display) from None
    apply_edits(loaded.path, edits, Meeting, loaded.display, files.folder)
    updated = Meeting.model_validate(read_yaml(loaded.path, loaded.display).data)
    loaded.model = updated
    doc = build_document("minutes", files, updated, calendar, on)
    author = None
    if by is not None:
        author = next((p.name for p, c in reversed(doc.minutes.comments) if p is not None and c.by == by), by)
    return StepOutcome(step, on, loaded.display, updated, doc.minutes, doc.agenda_due, author)


def _check_item(item: int | None, doc: MeetingDocument) -> None:
    """Refuses an item number the minutes do not have (Danish, with the numbers they have)."""
    if item is None:
        return
    numbers = [entry.number for entry in (*doc.items, *(doc.joint.items if doc.joint is not None else []))]
    if item not in numbers:
        from driftsforum_cli.domain.lifecycle import StepError

        shown = f"{min(numbers)}–{max(numbers)}" if numbers else "ingen"
        raise StepError(f"--item: referatet har intet punkt {item} (punkterne er {shown})")


def record_step(
    root: Path,
    forum_id: str,
    meeting_date: date,
    step: Step,
    on: date,
    *,
    by: str | None = None,
    text: str | None = None,
    force: bool = False,
    now: date | None = None,
    item: int | None = None,
) -> StepOutcome:
    """`record` for the meeting on `meeting_date` of a forum in the repository at `root`; `now` is the real
    date the gate judges recorded dates by (None: `on`)."""
    from driftsforum_cli.domain.documents import pick_meeting
    from driftsforum_cli.services.edits import forum_under_lock

    if now is not None and on > now:
        from driftsforum_cli.danish import long_date
        from driftsforum_cli.errors import UserError

        raise UserError(
            f"{long_date(on)} er ikke kommet endnu (i dag er det {long_date(now)}); registrér det, når det er sket "
            "(--today viser, hvordan det ser ud en anden dag, men registrerer intet i fremtiden)"
        )

    # Under the forum's lock the step is checked against the file as it is now, and no other command (another
    # add-comment, a send recording its sending) writes it between the check and the edit.
    with forum_under_lock(root, forum_id, on, "mødefilen opdateres", now) as (repo, files):
        meeting = pick_meeting(files, meeting_date, on)
        loaded = next(item for item in files.meetings if item.model is meeting)
        original = loaded.path.read_bytes()
        outcome = record(files, loaded, repo.calendar, step, on, by=by, text=text, force=force, item=item)
        from driftsforum_cli.editing import FileChange
        from driftsforum_cli.services.edits import keep_if_valid
        from driftsforum_cli.workspace import display_path

        change = FileChange(loaded.path, display_path(loaded.path), original, loaded.path.read_bytes())
        keep_if_valid(root, forum_id, [change], on, now, "det, der skulle registreres,")
        if step != "comment":
            from driftsforum_cli.services.fingerprints import record_fingerprint

            kind: DocumentKind = "agenda" if step in ("agenda-sent", "agenda-update") else "minutes"
            record_fingerprint(root, forum_id, kind, meeting.date, "approved" if step == "revised" else "sent", on)
    return outcome
