"""A forum repository as loaded: driftsforum.yaml, and each forum's charter, members, agreements, groups and
meetings, every file with its model (or None) and its problems. Types only; loading is `workspace`'s job."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import Loaded
from driftsforum_cli.models import Agreements, Forum, Meeting, Members, RepoConfig, WorkingGroups
from driftsforum_cli.models.indicators import CasesFile, IndicatorData, IndicatorsFile


@dataclass
class ForumFiles:
    id: str
    folder: Path
    forum: Loaded[Forum]
    members: Loaded[Members]
    agreements: Loaded[Agreements]
    meetings: list[Loaded[Meeting]] = field(default_factory=list)
    # every other file below meetings/ (attachments), as POSIX paths relative to meetings/
    attachments: frozenset[str] = frozenset()
    groups: Loaded[WorkingGroups] | None = None  # groups.yaml is optional
    #: indicators.yaml with each indicator's data file, and the register of cases and audits (all optional)
    indicators: Loaded[IndicatorsFile] | None = None
    data: list[Loaded[IndicatorData]] = field(default_factory=list)
    cases: Loaded[CasesFile] | None = None

    def all_files(self) -> list[Loaded[Any]]:
        extra: list[Loaded[Any]] = [self.groups] if self.groups is not None else []
        extra += [loaded for loaded in (self.indicators, *self.data, self.cases) if loaded is not None]
        return [self.forum, self.members, self.agreements, *extra, *self.meetings]


@dataclass
class Repository:
    root: Path
    config: Loaded[RepoConfig]
    forums: list[ForumFiles]
    problems: list[Diagnostic] = field(default_factory=list)  # problems of the layout itself
    #: Working days: public holidays and driftsforum.yaml's closure days (set by whoever loads the repository).
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    def file_count(self) -> int:
        # a data file read by two indicators is one file
        return 1 + sum(len({loaded.display for loaded in forum.all_files()}) for forum in self.forums)

    def diagnostics(self) -> list[Diagnostic]:
        found = [*self.problems, *self.config.diagnostics]
        for forum in self.forums:
            for loaded in forum.all_files():
                found.extend(loaded.diagnostics)
        return found
