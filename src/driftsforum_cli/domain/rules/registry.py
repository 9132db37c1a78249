"""The rules registry: every rule of the charter is declared once, with its code, the severities it may
give, a one-line Danish summary (the README's table of codes is made from it) and its check.

A check gets the forum (`ForumContext`) and a `Findings` bound to its rule: it cannot report another code,
nor a severity its rule does not declare. It reads the forum's files through the context; when it asks for
a file that could not be read (its problems are reported already), the rule is skipped for that forum, so
a check asks for the files it needs before it reports anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import cached_property
from typing import Any, TypeVar

from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Agreements, Forum, Meeting, Members, Seat, WorkingGroups

T = TypeVar("T")

ERROR = Severity.ERROR
WARNING = Severity.WARNING
#: For a rule whose severity depends on the case (e.g. a planned year or not).
ERROR_OR_WARNING = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True)
class Code:
    """A diagnostic code: what it means (one line of Danish) and how severe it may be."""

    code: str
    severities: tuple[Severity, ...]
    summary: str

    @property
    def severity_label(self) -> str:
        """'fejl', 'advarsel' or 'fejl eller advarsel'."""
        return " eller ".join(severity.label for severity in self.severities)


Check = Callable[["ForumContext", "Findings"], None]


@dataclass(frozen=True)
class Rule(Code):
    """A rule of the charter: its code and its check, run once for each forum."""

    check: Check


class RuleList:
    """The rules of one module, in the order they run; `@RULES.rule(code, severity, summary)` declares one."""

    def __init__(self) -> None:
        self._rules: list[Rule] = []

    def rule(self, code: str, severity: Severity | tuple[Severity, ...], summary: str) -> Callable[[Check], Check]:
        severities = severity if isinstance(severity, tuple) else (severity,)

        def register(check: Check) -> Check:
            self._rules.append(Rule(code, severities, summary, check))
            return check

        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)


class Unavailable(Exception):
    """A rule asked for a file of the forum that could not be read."""


class Findings:
    """Where one rule reports, for one forum: the code is the rule's, the severity one it declares."""

    __slots__ = ("_found", "_rule")

    def __init__(self, rule: Code, found: list[Diagnostic]) -> None:
        self._rule = rule
        self._found = found

    def add(
        self,
        severity: Severity,
        loaded: Loaded[Any],
        loc: Loc,
        message: str,
        *,
        key: bool = False,
        position: tuple[int, int] | None = None,
    ) -> None:
        """Report at the value at `loc` in the file (at the key that names it with `key=True`), or at a
        `position` (line, column) in its text that is no value of its own, such as a character in a line."""
        if severity not in self._rule.severities:
            raise ValueError(f"the rule '{self._rule.code}' does not declare the severity {severity.value}")
        mark = loaded.key_at(loc) if key else loaded.at(loc)
        line, column = position or (mark.line, mark.column)
        self._found.append(Diagnostic(loaded.display, line, column, severity, self._rule.code, message))

    def error(self, loaded: Loaded[Any], loc: Loc, message: str, *, key: bool = False) -> None:
        self.add(Severity.ERROR, loaded, loc, message, key=key)

    def warning(
        self, loaded: Loaded[Any], loc: Loc, message: str, *, key: bool = False, position: tuple[int, int] | None = None
    ) -> None:
        self.add(Severity.WARNING, loaded, loc, message, key=key, position=position)


class ForumContext:
    """One forum as the rules see it: its files, the models that could be read, and what several rules
    share (computed once, on first use)."""

    def __init__(self, files: ForumFiles, calendar: WorkCalendar, today: date, now: date | None = None) -> None:
        self.files = files
        self.calendar = calendar
        self.today = today
        #: The real date (not --today): what has happened by now; None means `today`.
        self.now = today if now is None else now
        #: The meeting files that could be read, in file order.
        self.meetings: list[tuple[Loaded[Meeting], Meeting]] = [
            (loaded, loaded.model) for loaded in files.meetings if loaded.model is not None
        ]

    @property
    def charter(self) -> Forum:
        return _available(self.files.forum.model)

    @property
    def members(self) -> Members:
        return _available(self.files.members.model)

    @property
    def agreements(self) -> Agreements:
        return _available(self.files.agreements.model)

    @property
    def groups_file(self) -> Loaded[WorkingGroups]:
        return _available(self.files.groups)

    @property
    def groups(self) -> WorkingGroups:
        return _available(self.groups_file.model)

    @cached_property
    def current_seats(self) -> list[tuple[int, Seat]]:
        """The seats (with their index in members.yaml) that exist today."""
        return [(index, seat) for index, seat in enumerate(self.members.seats) if seat.is_current(self.today)]

    @cached_property
    def seat_ids(self) -> set[str] | None:
        """Every seat's id, or None when members.yaml could not be read."""
        members = self.files.members.model
        return {seat.id for seat in members.seats} if members is not None else None

    @cached_property
    def agreement_ids(self) -> set[str] | None:
        """Every agreement's id, or None when agreements.yaml could not be read."""
        agreements = self.files.agreements.model
        return {agreement.id for agreement in agreements.agreements} if agreements is not None else None

    @property
    def action_dates(self) -> dict[str, date]:
        """Every action's id and the date of the first meeting that created it."""
        return self._actions[0]

    @property
    def repeated_actions(self) -> list[tuple[Loaded[Meeting], int, str, date]]:
        """(meeting file, index, id, date of the first) of every action whose id an earlier meeting has."""
        return self._actions[1]

    @cached_property
    def _actions(self) -> tuple[dict[str, date], list[tuple[Loaded[Meeting], int, str, date]]]:
        first: dict[str, date] = {}
        repeated: list[tuple[Loaded[Meeting], int, str, date]] = []
        for loaded, meeting in sorted(self.meetings, key=lambda pair: pair[1].date):
            for index, action in enumerate(meeting.actions):
                if action.id in first:
                    repeated.append((loaded, index, action.id, first[action.id]))
                else:
                    first[action.id] = meeting.date
        return first, repeated

    @cached_property
    def every_meeting_read(self) -> bool:
        return len(self.meetings) == len(self.files.meetings)


def _available(value: T | None) -> T:
    if value is None:
        raise Unavailable
    return value


def or_list(words: Iterable[str]) -> str:
    """'a', 'a eller b', 'a, b eller c'."""
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def suggestion(word: str, choices: Iterable[str]) -> str:
    """ " (mente du 'x'?)" for the nearest choice, or ''."""
    match = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (mente du '{match[0]}'?)" if match else ""


def run(
    rules: Iterable[Rule], files: ForumFiles, calendar: WorkCalendar, today: date, now: date | None = None
) -> list[Diagnostic]:
    """Every rule on one forum, in order (`now`: the real date, None for `today`)."""
    forum = ForumContext(files, calendar, today, now)
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            rule.check(forum, Findings(rule, found))
        except Unavailable:
            continue
    return found
