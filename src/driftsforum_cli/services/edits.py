"""Guided edits: a command's change to a forum's files, made under the forum's lock on the files as they are
now, checked by the same checks as `validate` and taken back at once when they would reject it; with
`dry_run` only the diff is shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.editing import FileChange
from driftsforum_cli.errors import UserError

#: What a command changes, worked out from the repository as it is under the lock: the files, and a Danish
#: sentence for each thing done.
Planner = Callable[[Repository, ForumFiles], tuple[list[FileChange], list[str]]]


@dataclass(frozen=True)
class EditOutcome:
    changes: list[FileChange]
    done: list[str]  # Danish sentences: what the command did (or, with dry_run, would do)
    written: bool  # False for a dry run

    def diff(self) -> str:
        return "".join(change.diff() for change in self.changes)


@contextmanager
def forum_under_lock(
    root: Path, forum_id: str, on: date, purpose: str, now: date | None = None
) -> Iterator[tuple[Repository, ForumFiles]]:
    """The forum through the gate, read again once its lock is held: a change is checked against and made to
    the files as they are now, and no other command writes them until the block ends."""
    from driftsforum_cli.locking import forum_lock
    from driftsforum_cli.services.gate import open_forum

    _, files = open_forum(root, forum_id, on, purpose, now)
    with forum_lock(files.folder):
        yield open_forum(root, forum_id, on, purpose, now)


def guided_edit(
    root: Path, forum_id: str, on: date, purpose: str, plan: Planner, *, dry_run: bool, now: date | None = None
) -> EditOutcome:
    """Run `plan` on forum `forum_id` under its lock, and write its changes unless `dry_run`. `purpose`
    completes the gate's "… skal rettes, før …"."""
    with forum_under_lock(root, forum_id, on, purpose, now) as (repo, files):
        changes, done = plan(repo, files)
        if not dry_run:
            write_checked(root, forum_id, changes, on, now)
    return EditOutcome(changes, done, not dry_run)


def write_checked(root: Path, forum_id: str, changes: Sequence[FileChange], on: date, now: date | None) -> None:
    """Write `changes`, and take them back if `validate` would then find errors in the forum."""
    from driftsforum_cli.editing import write_changes

    write_changes(changes)
    keep_if_valid(root, forum_id, changes, on, now)


def keep_if_valid(
    root: Path, forum_id: str, changes: Sequence[FileChange], on: date, now: date | None, what: str = "ændringen"
) -> None:
    """Changes just written are taken back at once when `validate` would find errors in the forum (e.g. a
    person on a seat that would be vacant, a date in the future): the files are as they were, and the error
    says why. `what` names the change in the message."""
    from driftsforum_cli.editing import undo_changes
    from driftsforum_cli.services.gate import blocking
    from driftsforum_cli.workspace import load_repository

    try:
        repo = load_repository(root, {forum_id})
        errors = blocking(repo, on, {forum_id}, now) or _changed_documents(repo, changes, on)
    except BaseException:
        undo_changes(changes)
        raise
    if errors:
        undo_changes(changes)
        shown = "; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors[:3]).rstrip(".")
        names = " og ".join(change.display for change in changes)
        raise UserError(f"{names} er ikke ændret, for {what} ville give fejl: {shown}.", diagnostics=errors)


def _changed_documents(repo: Repository, changes: Sequence[FileChange], on: date) -> list[Diagnostic]:
    """The errors `validate` finds in the changed files by making the documents in the document log again: an
    approved minutes that would now read differently (`changed-after-approval`) – the gate leaves that check
    to validate and publish, but an edit must not be what breaks it."""
    from driftsforum_cli.diagnostics import Severity
    from driftsforum_cli.services.fingerprints import check_fingerprints

    changed = {change.display for change in changes}
    return [d for d in check_fingerprints(repo, on) if d.severity is Severity.ERROR and d.file in changed]
