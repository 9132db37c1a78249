"""Guided edits: a command's change to a forum's files, made under the forum's lock on the files as they are
now, checked by the same checks as `validate` and taken back at once when they would reject it; with
`dry_run` only the diff is shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    #: The warnings `validate` gives after the change that it did not give before (e.g. a new seat's
    #: municipality that is not in the charter): the command tells them, so nobody learns them later.
    warnings: list[Diagnostic] = field(default_factory=list)

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
    from driftsforum_cli.services.gate import concerning

    with forum_under_lock(root, forum_id, on, purpose, now) as (repo, files):
        changes, done = plan(repo, files)
        # what was sent or approved must still read the same after the change (the document log's fingerprints);
        # an error or a warning there before the change is not the change's doing
        known = _keys(concerning(repo, on, {forum_id}, now, documents=True))
        if dry_run:
            warnings = check_in_copy(root, files.folder.parent, forum_id, changes, on, now, known)
        else:
            warnings = write_checked(root, forum_id, changes, on, now, known)
    return EditOutcome(changes, done, not dry_run, warnings)


Known = frozenset[tuple[str, str, str]]


def _keys(found: Sequence[Diagnostic]) -> Known:
    """Findings as compared before and after a change: file, code and message (their lines may move)."""
    return frozenset((d.file, d.code, d.message) for d in found)


def check_in_copy(
    root: Path,
    forums: Path,
    forum_id: str,
    changes: Sequence[FileChange],
    on: date,
    now: date | None,
    known: Known = frozenset(),
) -> list[Diagnostic]:
    """A dry run's check: the changes are made to a copy of the repository's files (driftsforum.yaml and the
    forums' folder), and refused with the same message as the real run if `validate` would find errors
    there; else the new warnings. The repository itself is not touched."""
    import shutil
    import tempfile

    from driftsforum_cli.sendlog import MAIL_FOLDER
    from driftsforum_cli.services.gate import concerning
    from driftsforum_cli.workspace import load_repository

    with tempfile.TemporaryDirectory(prefix="driftsforum-proevekoersel-") as folder:
        copy = Path(folder)
        shutil.copy2(root / "driftsforum.yaml", copy / "driftsforum.yaml")
        # the messages kept as sent grow with the years and play no part in validate: not copied
        shutil.copytree(
            forums, copy / forums.relative_to(root), symlinks=True, ignore=shutil.ignore_patterns(MAIL_FOLDER)
        )
        if (root / "templates").is_dir():  # the documents compared with the log are made with the repository's
            shutil.copytree(root / "templates", copy / "templates", symlinks=True)
        for change in changes:
            target = copy / change.path.relative_to(root)
            if change.after is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(change.after)
        found = concerning(load_repository(copy, {forum_id}), on, {forum_id}, now, documents=True)
        found = [d for d in (_in(root, copy, d) for d in found) if (d.file, d.code, d.message) not in known]
    errors, warnings = _split(found)
    if errors:
        raise UserError(_refusal(changes, "ændringen", errors, "kan ikke ændres (prøvekørsel)"), diagnostics=errors)
    return warnings


def _split(found: Sequence[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The errors and the warnings."""
    from driftsforum_cli.diagnostics import Severity

    return [d for d in found if d.severity is Severity.ERROR], [d for d in found if d.severity is Severity.WARNING]


def _in(root: Path, copy: Path, found: Diagnostic) -> Diagnostic:
    """A finding in the dry run's copy, naming the repository's file it stands for."""
    import dataclasses

    from driftsforum_cli.workspace import display_path

    try:
        relative = (Path.cwd() / found.file).resolve().relative_to(copy.resolve())
    except ValueError:
        return found
    return dataclasses.replace(found, file=display_path(root / relative))


def _refusal(changes: Sequence[FileChange], what: str, errors: Sequence[Diagnostic], verb: str) -> str:
    shown = "; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors[:3]).rstrip(".")
    names = " og ".join(change.display for change in changes)
    return f"{names} {verb}, for {what} ville give fejl: {shown}."


def write_checked(
    root: Path, forum_id: str, changes: Sequence[FileChange], on: date, now: date | None, known: Known = frozenset()
) -> list[Diagnostic]:
    """Write `changes`, and take them back if `validate` would then find errors in the forum – also in what was
    sent or approved – other than the `known` ones it had before; the new warnings."""
    from driftsforum_cli.editing import write_changes

    write_changes(changes)
    return keep_if_valid(root, forum_id, changes, on, now, documents=True, known=known)


def keep_if_valid(
    root: Path,
    forum_id: str,
    changes: Sequence[FileChange],
    on: date,
    now: date | None,
    what: str = "ændringen",
    *,
    documents: bool = False,
    known: Known | None = None,
) -> list[Diagnostic]:
    """Changes just written are taken back at once when `validate` would find errors in the forum (e.g. a
    person on a seat that would be vacant, a date in the future): the files are as they were, and the error
    says why. `what` names the change in the message. Returns the warnings that are not `known` from before
    the change."""
    from driftsforum_cli.editing import undo_changes
    from driftsforum_cli.services.gate import concerning
    from driftsforum_cli.workspace import load_repository

    try:
        found = concerning(load_repository(root, {forum_id}), on, {forum_id}, now, documents=documents)
    except BaseException:
        undo_changes(changes)
        raise
    errors, warnings = _split([d for d in found if (d.file, d.code, d.message) not in (known or frozenset())])
    if errors:
        undo_changes(changes)
        raise UserError(_refusal(changes, what, errors, "er ikke ændret"), diagnostics=errors)
    return warnings if known is not None else []  # without what was found before, nothing is known to be new
