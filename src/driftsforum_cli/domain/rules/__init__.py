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
    groups,
    history,
    meetings,
    membership,
    names,
    placeholders,
    references,
    revision,
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
    *placeholders.RULES,
    *revision.RULES,
)


def check_repository(repo: Repository, today: date, now: date | None = None) -> list[Diagnostic]:
    """Every rule on every forum of the repository, forum by forum, after driftsforum.yaml's closure days.
    `now` is the real date, which nothing recorded as done may lie after (None: `today`)."""
    found = history.closed_years(repo, today)
    for files in repo.forums:
        found.extend(run(RULES, _with_partial_models(files), repo.calendar, today, now))
    return found


def _with_partial_models(files: ForumFiles) -> ForumFiles:
    """The forum as the rules see it: a file with errors in some values is checked without them, so that
    one run reports its other problems too (its own errors are already reported)."""
    from dataclasses import replace

    def usable(loaded: Any) -> Any:
        return replace(loaded, model=loaded.partial) if loaded.model is None and loaded.partial is not None else loaded

    return replace(
        files,
        forum=usable(files.forum),
        members=usable(files.members),
        agreements=usable(files.agreements),
        meetings=[usable(loaded) for loaded in files.meetings],
        groups=usable(files.groups) if files.groups is not None else None,
    )
