"""What the status report and the evaluation show about data, cases and attendance for their period: the indicator
series discussed (small counts hidden), how many items used data or cases, the cases and audits in aggregate, the
decisions taken without a party of the forum, and attendance per organisation ("Er de rette deltagere med?"
answered with facts). Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time

from driftsforum_cli.danish import and_list, everyone, plural
from driftsforum_cli.domain.cases import KIND_NAMES, KIND_TITLES, aggregate, cases_for, register
from driftsforum_cli.domain.indicators import IndicatorView, forum_data
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.representation import decided, decisions_without, party
from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.indicators import CaseRecord

#: The agenda items' slots in the time plan of a meeting (see representation.item_slots).
Slots = Callable[[Meeting], Sequence[tuple[time | None, time | None]]]


@dataclass(frozen=True)
class AttendanceLine:
    """One party of the forum (a municipality, the psychiatry, PLO) over the meetings with attendance recorded."""

    organisation: str
    municipality: str | None
    attended: int  # meetings where one of its seats was present or represented by a substitute
    by_substitute: int  # of which only a substitute came
    absent: int  # meetings where a seat was held and no one came
    vacant: int  # meetings where every seat of it was vacant (not absent: there was no one to come)
    meetings: int  # meetings in the period with attendance recorded, while it had a seat in the forum


@dataclass(frozen=True)
class MeetingLine:
    """One held meeting: its own agenda items, those with data or cases, and the decisions."""

    meeting: date
    items: int
    with_data: int
    with_cases: int
    decisions: int
    without_party: int  # decisions taken without every party present


@dataclass(frozen=True)
class DecisionWithout:
    meeting: date
    title: str
    missing: tuple[str, ...]  # the organisations with no one taking part

    @property
    def line(self) -> str:
        """The minutes' own words: 'Beslutningen er truffet uden deltagelse af Læsø Kommune'."""
        return f"Beslutningen er truffet uden deltagelse af {and_list(self.missing)}"


@dataclass(frozen=True)
class CaseLine:
    """The cases or audits of one kind in one year, with their themes (most frequent first)."""

    year: int
    kind: str  # 'Case' / 'Audit'
    count: int
    themes: tuple[tuple[str, int], ...]

    @property
    def themes_text(self) -> str:
        """'udskrivning 3, medicin 1'."""
        return ", ".join(f"{theme} {count}" for theme, count in self.themes)


@dataclass(frozen=True)
class DataReport:
    indicators: list[IndicatorView]  # the indicators items in the period discussed (small counts hidden)
    meetings: list[MeetingLine]
    cases: list[str]  # '5 audits i 2026, heraf 3 om udskrivning'
    case_table: list[CaseLine]
    attendance: list[AttendanceLine]
    without: list[DecisionWithout]  # decisions taken without a municipality, the psychiatry or PLO
    recorded: int  # held meetings with attendance recorded

    @property
    def items(self) -> int:
        return sum(line.items for line in self.meetings)

    @property
    def with_data(self) -> int:
        return sum(line.with_data for line in self.meetings)

    @property
    def with_cases(self) -> int:
        return sum(line.with_cases for line in self.meetings)

    @property
    def decisions(self) -> int:
        return sum(line.decisions for line in self.meetings)

    @property
    def attendance_recorded(self) -> int:
        return self.recorded

    @property
    def items_sentence(self) -> str:
        """'Dagsordenspunkter i perioden: 11, heraf 1 med data og 1 med cases eller audits.'"""
        return (
            f"Dagsordenspunkter i perioden: {self.items}, heraf {self.with_data} med data og {self.with_cases} "
            "med cases eller audits."
        )

    @property
    def attendance_caption(self) -> str:
        """'Fremmøde pr. organisation (3 møder med registreret fremmøde)'."""
        return f"Fremmøde pr. organisation ({plural(self.recorded, 'møde', 'møder')} med registreret fremmøde)"

    @property
    def attendance_notes(self) -> list[str]:
        """What the table counts, in plain Danish, for the ones who read it."""
        notes = [
            "En plads, hvor en stedfortræder deltog, tæller som deltaget for organisationen; det samme gør en "
            "deltager, der kom senere, gik tidligere eller ikke deltog i et enkelt punkt. Aflyste møder tælles ikke."
        ]
        if any(line.vacant for line in self.attendance):
            notes.append("Møder, hvor organisationens pladser var ledige, står under 'Ledig plads' og ikke som afbud.")
        return notes

    @property
    def without_sentence(self) -> str:
        """'2 af 9 beslutninger er truffet uden deltagelse af mindst én kommune, psykiatrien eller PLO.'"""
        if not self.decisions:
            return "Der er ikke truffet beslutninger i perioden."
        if not self.without:
            return f"{everyone(self.decisions, 'beslutning', 'beslutninger')} er truffet med alle parter til stede."
        parties = "mindst én kommune, psykiatrien eller almen praksis (PLO)"
        if self.decisions == 1:
            return f"Den eneste beslutning er truffet uden deltagelse af {parties}."
        return f"{len(self.without)} af {self.decisions} beslutninger er truffet uden deltagelse af {parties}."

    @property
    def without_by_party(self) -> list[tuple[str, list[DecisionWithout]]]:
        """Per organisation (in the order of the attendance table), the decisions taken without it."""
        order = [line.organisation for line in self.attendance]
        names = list(dict.fromkeys([*order, *(name for found in self.without for name in found.missing)]))
        found = [(name, [d for d in self.without if name in d.missing]) for name in names]
        return [(name, decisions) for name, decisions in found if decisions]


def build_data_report(
    files: ForumFiles, held: list[Meeting], start: date, end: date, slots: Slots | None = None
) -> DataReport:
    """`held`: the meetings of the period that were held (not cancelled); `slots` gives a meeting's time plan
    where someone came late or left early (without it, everyone present counts for every item)."""
    held = [meeting for meeting in held if not meeting.cancelled]
    items = [item for meeting in held for item in meeting.agenda]
    ids = list(dict.fromkeys(ident for item in items for ident in item.indicators))
    data = forum_data(files)
    known = register(files)
    referred = cases_for(dict.fromkeys(ident for item in items for ident in item.cases), known)
    in_period = [case for case in known.values() if start <= case.date <= end]
    years = sorted({case.date.year for case in in_period})
    lines = [line for year in years for line in aggregate(in_period, year)]
    chosen = in_period
    if referred and not lines:
        lines, chosen = aggregate(referred), referred
    seats = files.members.model.seats if files.members.model is not None else []
    without: list[DecisionWithout] = []
    meetings: list[MeetingLine] = []
    for meeting in held:
        times = slots(meeting) if slots is not None else ()
        found = [
            DecisionWithout(meeting.date, meeting.agenda[rep.index].title, rep.missing)
            for rep in decisions_without(seats, meeting, times)
        ]
        without.extend(found)
        meetings.append(
            MeetingLine(
                meeting.date,
                len(meeting.agenda),
                sum(1 for item in meeting.agenda if item.indicators),
                sum(1 for item in meeting.agenda if item.cases),
                sum(1 for item in meeting.agenda if decided(item)),
                len(found),
            )
        )
    recorded = [meeting for meeting in held if meeting.attendance is not None and meeting.attendance.present]
    composition = files.forum.model.composition.municipalities if files.forum.model is not None else []
    return DataReport(
        indicators=data.views(ids) if data is not None else [],
        meetings=meetings,
        cases=lines,
        case_table=_case_table(chosen),
        attendance=attendance(seats, recorded, composition),
        without=without,
        recorded=len(recorded),
    )


def _case_table(cases: list[CaseRecord]) -> list[CaseLine]:
    lines = []
    for year in sorted({case.date.year for case in cases}):
        for kind in KIND_NAMES:
            chosen = [case for case in cases if case.kind == kind and case.date.year == year]
            if chosen:
                themes = tuple(Counter(case.theme for case in chosen).most_common())
                lines.append(CaseLine(year, KIND_TITLES[kind], len(chosen), themes))
    return lines


def attendance(seats: list[Seat], recorded: list[Meeting], municipalities: Sequence[str] = ()) -> list[AttendanceLine]:
    """Attendance per party (the members file's order) over `recorded`, the meetings held with attendance
    recorded: a seat represented by a substitute attended; a party whose every seat was vacant that day is
    vacant, not absent; a municipality of the forum without any seat is vacant at every meeting."""
    parties: dict[str, list[Seat]] = {}
    for seat in seats:
        name = party(seat)
        if name is not None:
            parties.setdefault(name, []).append(seat)
    lines: list[AttendanceLine] = []
    for name, own in parties.items():
        attended = by_substitute = absent = vacant = counted = 0
        for meeting in recorded:
            current = [seat for seat in own if seat.is_current(meeting.date)]
            if not current or meeting.attendance is None:
                continue  # not (yet, or any longer) a member of the forum
            counted += 1
            ids = {seat.id for seat in current}
            if ids & set(meeting.attendance.present):
                attended += 1
            elif ids & {substitute.seat for substitute in meeting.attendance.substitutes}:
                attended += 1
                by_substitute += 1
            elif all(holder_on(seat, meeting.date) is None for seat in current):
                vacant += 1
            else:
                absent += 1
        municipality = next((seat.municipality for seat in own if seat.municipality), None)
        lines.append(AttendanceLine(name, municipality, attended, by_substitute, absent, vacant, counted))
    seated = {line.municipality for line in lines}
    for municipality in municipalities:
        if municipality not in seated:
            count = len(recorded)
            lines.append(AttendanceLine(f"{municipality} Kommune", municipality, 0, 0, 0, count, count))
    return lines
