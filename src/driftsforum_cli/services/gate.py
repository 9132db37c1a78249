"""The one gate: what `validate` reports, and what stops a command from producing something.

Policy (the README says the same):
- `validate` reports every problem: the layout, every file's model, and the charter's rules, errors and
  warnings alike.
- Every other command that reads a forum (agenda, minutes, send, publish, aarshjul, status-report,
  evaluation, …) refuses when there are *errors* in driftsforum.yaml, in the repository's layout, or in
  any file of the forum(s) it works on – the charter, members, agreements, groups and every meeting file,
  since each of them feeds the documents (open actions come from earlier meetings, the årshjul from the
  agreements). Warnings never block. Errors in other forums do not block.
- The overviews (calendar, due, actions, overview) make no documents: they show what they can read and
  say which files they left out.
- The refusal names the errors (up to five, with file, line and column) and says how to see them all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from driftsforum_cli.danish import plural
from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.errors import UserError

#: How many of the blocking errors a refusal shows.
SHOWN = 5


class Blocked(UserError):
    """The forum's files have errors that concern what the command would produce."""


class UnknownForum(UserError):
    """No forum with that id in the collection."""

    def __init__(self, forum_id: str, known: list[str]) -> None:
        super().__init__(
            f"forummet '{forum_id}' findes ikke i samlingen (kendte fora: {', '.join(known) or 'ingen'}); "
            "forummets id er navnet på dets mappe under forums/"
        )


def diagnose(repo: Repository, today: date, now: date | None = None, *, documents: bool = False) -> list[Diagnostic]:
    """Everything `validate` reports for a loaded repository, in file order. `now` is the real date, which
    what the files record as done may not lie after (None: `today`). With `documents` (validate and publish),
    also whether the documents sent and approved still read as the document log says: that means making
    each of them again, which the other commands need not wait for."""
    from driftsforum_cli.domain.rules import check_repository
    from driftsforum_cli.services.fingerprints import check_fingerprints
    from driftsforum_cli.services.template_check import check_templates

    found = repo.diagnostics()
    found.extend(check_templates(repo.root))
    found.extend(check_repository(repo, today, now))
    if documents:
        found.extend(check_fingerprints(repo, today))
    return sorted(found, key=Diagnostic.sort_key)


def concerning(
    repo: Repository, today: date, forums: set[str] | None = None, now: date | None = None, *, documents: bool = False
) -> list[Diagnostic]:
    """What `validate` finds in driftsforum.yaml, the layout and the files of `forums` (None: every forum)."""
    concerned = {repo.config.display}
    for files in repo.forums:
        if forums is None or files.id in forums:
            concerned.update(loaded.display for loaded in files.all_files())
    layout = set(repo.problems)
    return [d for d in diagnose(repo, today, now, documents=documents) if d.file in concerned or d in layout]


def blocking(
    repo: Repository, today: date, forums: set[str] | None = None, now: date | None = None, *, documents: bool = False
) -> list[Diagnostic]:
    """The errors that stop a command working on `forums` (None: every forum of the repository)."""
    return [d for d in concerning(repo, today, forums, now, documents=documents) if d.severity is Severity.ERROR]


def require_usable(
    repo: Repository,
    today: date,
    forums: set[str] | None,
    purpose: str,
    now: date | None = None,
    *,
    documents: bool = False,
) -> None:
    """Raise `Blocked` if the repository has errors that concern `forums`; `purpose` completes
    "… skal rettes, før …" (e.g. "dagsordenen laves")."""
    errors = blocking(repo, today, forums, now, documents=documents)
    if not errors:
        return
    shown = "; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in errors[:SHOWN])
    shown = shown.rstrip(".")
    more = f" (og {len(errors) - SHOWN} flere)" if len(errors) > SHOWN else ""
    raise Blocked(
        f"{plural(len(errors), 'fejl', 'fejl')} skal rettes, før {purpose}: {shown}{more}. "
        "Kør 'driftsforum validate' for at se alle problemer. Intet er gjort.",
        diagnostics=errors,
    )


def forum_ids(root: Path) -> list[str]:
    """The ids of the repository's forums (its folders under forums/), without loading them."""
    from driftsforum_cli.workspace import load_repository

    return [files.id for files in load_repository(root).forums]


def load_forums(root: Path, forum_id: str | None) -> Repository:
    """The repository with one forum (or all, with None) for the overviews, which show what they can read
    and pass no gate; an unknown forum is `UnknownForum`."""
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(root, {forum_id} if forum_id else None)
    if forum_id and not repo.forums:
        raise UnknownForum(forum_id, forum_ids(root))
    return repo


def open_forum(
    root: Path, forum_id: str, today: date, purpose: str, now: date | None = None
) -> tuple[Repository, ForumFiles]:
    """Load one forum (with driftsforum.yaml) through the gate."""
    from driftsforum_cli.workspace import load_repository

    repo = load_repository(root, {forum_id})
    if not repo.forums:
        raise UnknownForum(forum_id, forum_ids(root))
    require_usable(repo, today, {forum_id}, purpose, now)
    return repo, repo.forums[0]
