"""New meeting files: one on a chosen day (`meeting new`), or a whole year's plan (`meeting plan`) in the
forum's usual pattern – the same months, weekday and week of the month as its latest year, moved a week
(or to the nearest working day) off holidays and closure days – with the charter's number of meetings."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from driftsforum_cli.danish import clock, full_date, plural
from driftsforum_cli.domain.planning import MeetingDefaults, PlanningError, new_meeting, proposed_meeting_dates
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.editing import FileChange
from driftsforum_cli.models import Meeting
from driftsforum_cli.services.edits import EditOutcome, guided_edit


def meeting_file(root: Path, files: ForumFiles, values: MeetingDefaults) -> FileChange:
    """The new file meetings/DATO.yaml made from the template meeting.yaml.j2 (the repository's own, if it
    has one), checked against the model."""
    from driftsforum_cli.editing import EditError, check_text
    from driftsforum_cli.errors import UserError
    from driftsforum_cli.render.templates import template_environment
    from driftsforum_cli.workspace import display_path

    target = files.folder / "meetings" / f"{values.date.isoformat()}.yaml"
    if target.exists():
        raise UserError(f"{display_path(target)} findes allerede; intet er overskrevet")
    text = (
        template_environment(root)
        .get_template("meeting.yaml.j2")
        .render(
            date=values.date.isoformat(),
            start=values.start,
            end=values.end,
            place=values.place,
            kind=values.kind,
            joint=values.joint,
        )
    )
    try:
        check_text(text, Meeting, display_path(target))
    except EditError as exc:
        problem = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        raise UserError(f"skabelonen meeting.yaml.j2 giver en ugyldig mødefil: {problem}") from None
    return FileChange(target, display_path(target), None, text.encode("utf-8"))


def create_meeting(
    root: Path, forum_id: str, day: date, kind: str, on: date, *, dry_run: bool = False, now: date | None = None
) -> EditOutcome:
    """A new meeting file on `day`, with times and place from the forum's latest meeting."""

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        assert files.forum.model is not None
        meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
        values = new_meeting(files.forum.model, meetings, day, repo.calendar, kind)
        return [meeting_file(root, files, values)], ["Tilføj mødets punkter under 'agenda'."]

    return guided_edit(root, forum_id, on, "et nyt møde oprettes", plan, dry_run=dry_run, now=now)


def _same_place_in_month(pattern: date, year: int) -> date:
    """The day in `year` that stands where `pattern` stood in its month: same month, weekday and week."""
    first = date(year, pattern.month, 1)
    day = first + timedelta(days=(pattern.weekday() - first.weekday()) % 7 + 7 * ((pattern.day - 1) // 7))
    while day.month != pattern.month:  # a fifth week that this year's month has not got
        day -= timedelta(days=7)
    return day


def _open_day(day: date, calendar: WorkCalendar, taken: set[date]) -> date:
    """`day`, or the same weekday a week later or earlier in the same month, or the next working day."""
    for candidate in (day, day + timedelta(days=7), day - timedelta(days=7)):
        if candidate.month == day.month and calendar.is_working_day(candidate) and candidate not in taken:
            return candidate
    return calendar.shift(day + timedelta(days=1), 1)


def proposed_year(files: ForumFiles, calendar: WorkCalendar, year: int) -> list[MeetingDefaults]:
    """The charter's number of ordinary meetings in `year`, in the forum's usual pattern."""
    from driftsforum_cli.domain.documents import ordinary_in_year

    assert files.forum.model is not None
    forum = files.forum.model
    meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
    already = ordinary_in_year(meetings, year)
    if already:
        raise PlanningError(
            f"{year} har allerede {plural(len(already), 'ordinært møde', 'ordinære møder')} "
            f"({', '.join(m.date.isoformat() for m in already)}); planlæg enkelte møder med 'driftsforum meeting new'"
        )
    per_year = forum.meetings.per_year
    earlier = [m for m in meetings if m.date.year < year and m.kind == "ordinært"]
    latest = max((m.date.year for m in earlier), default=None)
    pattern = [m.date for m in ordinary_in_year(earlier, latest)] if latest is not None else []
    if len(pattern) == per_year:
        days: list[date] = []
        for old in pattern:
            days.append(_open_day(_same_place_in_month(old, year), calendar, set(days)))
    else:
        weekdays = Counter(m.date.weekday() for m in earlier)
        days = proposed_meeting_dates(year, per_year, calendar, weekdays.most_common(1)[0][0] if weekdays else 1)
    return [new_meeting(forum, meetings, day, calendar) for day in days]


def describe(values: MeetingDefaults) -> str:
    """'tirsdag den 14. marts 2028 kl. 13.00–15.30, Hjørring Rådhus (fællesmøde med … kl. 15.30–16.30)'."""
    from datetime import time

    def hhmm(text: str) -> str:
        return clock(time.fromisoformat(text))

    line = f"{full_date(values.date)} kl. {hhmm(values.start)}–{hhmm(values.end)}, {values.place}"
    if values.joint is not None:
        joint = values.joint
        line += f" (fællesmøde med {joint.partner} kl. {hhmm(joint.start)}–{hhmm(joint.end)})"
    return line


def plan_year(
    root: Path, forum_id: str, year: int, on: date, *, dry_run: bool = False, now: date | None = None
) -> EditOutcome:
    """The year's meeting files as proposed by `proposed_year`; with `dry_run` only the proposal."""

    def plan(repo: Repository, files: ForumFiles) -> tuple[list[FileChange], list[str]]:
        proposal = proposed_year(files, repo.calendar, year)
        return [meeting_file(root, files, values) for values in proposal], [describe(v) for v in proposal]

    return guided_edit(root, forum_id, on, f"møderne i {year} planlægges", plan, dry_run=dry_run, now=now)
