"""The charter's own rules, checked across a forum's files. Everything is read from the charter data:
nothing here is specific to Nord or Vest.

Each rule is declared once, in the module of its concern, with its code, severity, Danish summary and
check (see `registry`); `RULES` is every rule in the order they run. The codes given outside the rules
(reading a file, the data model, the repository's layout) are listed in `catalogue`, which also makes
the README's table of codes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.rules import (
    agreements,
    attachments,
    composition,
    data,
    groups,
    history,
    journal,
    meetings,
    membership,
    names,
    placeholders,
    publishing,
    references,
    representation,
    revision,
    text,
    timeplan,
)
from driftsforum_cli.domain.rules.registry import Rule, run

RULES: tuple[Rule, ...] = (
    *names.RULES,
    *meetings.RULES,
    *attachments.RULES,
    *composition.RULES,
    *agreements.RULES,
    *references.RULES,
    *membership.RULES,
    *groups.RULES,
    *history.RULES,
    *representation.RULES,
    *timeplan.RULES,
    *journal.RULES,
    *data.RULES,
    *placeholders.RULES,
    *revision.RULES,
    *text.RULES,
)


def check_repository(repo: Repository, today: date, now: date | None = None) -> list[Diagnostic]:
    """Every rule on every forum of the repository, forum by forum, after driftsforum.yaml's closure days.
    `now` is the real date, which nothing recorded as done may lie after (None: `today`)."""
    found = history.closed_years(repo, today)
    found.extend(publishing.statement_checks(repo))
    for files in repo.forums:
        first = run(RULES, _with_partial_models(files), repo.calendar, today, now)
        # A file with a wrong required value is checked once per stand-in for it (see partial_models): only
        # what every run finds is about the file and not about a stand-in.
        for index in range(1, 1 + max((len(loaded.alternatives) for loaded in _loaded_files(files)), default=0)):
            again = set(run(RULES, _with_partial_models(files, index), repo.calendar, today, now))
            first = [finding for finding in first if finding in again]
        found.extend(first)
    return found


def _loaded_files(files: ForumFiles) -> list[Any]:
    optional = [files.groups] if files.groups is not None else []
    return [files.forum, files.members, files.agreements, *files.meetings, *optional]


def _with_partial_models(files: ForumFiles, stand_in: int = 0) -> ForumFiles:
    """The forum as the rules see it: a file with errors in some values is checked without them (or with
    the `stand_in`th stand-in for wrong required values), so that one run reports its other problems too
    (its own errors are already reported)."""
    from dataclasses import replace

    def usable(loaded: Any) -> Any:
        if loaded.model is not None or loaded.partial is None:
            return loaded
        models = (loaded.partial, *loaded.alternatives)
        return replace(loaded, model=models[min(stand_in, len(models) - 1)])

    return replace(
        files,
        forum=usable(files.forum),
        members=usable(files.members),
        agreements=usable(files.agreements),
        meetings=[usable(loaded) for loaded in files.meetings],
        groups=usable(files.groups) if files.groups is not None else None,
    )
