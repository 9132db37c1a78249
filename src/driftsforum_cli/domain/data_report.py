"""What the status report and the evaluation show about data, cases and attendance for their period: the indicator
series discussed, how many items used data or cases, the cases and audits in aggregate, and attendance per
organisation ("Er de rette deltagere med?" answered with facts). Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.cases import aggregate, cases_for, register
from driftsforum_cli.domain.indicators import IndicatorView, forum_data
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.models import Meeting


@dataclass(frozen=True)
class AttendanceLine:
    organisation: str
    municipality: str | None
    present: int  # meetings where at least one of its seats was present
    absent: int  # meetings where its seats sent apologies and none came
    meetings: int  # meetings in the period with attendance recorded


@dataclass(frozen=True)
class DataReport:
    indicators: list[IndicatorView]  # the indicators items in the period discussed (small counts hidden)
    items: int  # the forum's own agenda items in the period
    with_data: int  # of which listed indicators
    with_cases: int  # of which referred to cases or audits
    cases: list[str]  # '5 audits i 2026, heraf 3 om udskrivning'
    attendance: list[AttendanceLine]

    @property
    def attendance_recorded(self) -> int:
        return max((line.meetings for line in self.attendance), default=0)


def build_data_report(files: ForumFiles, held: list[Meeting], start: date, end: date) -> DataReport:
    items = [item for meeting in held for item in meeting.agenda]
    ids = list(dict.fromkeys(ident for item in items for ident in item.indicators))
    data = forum_data(files)
    known = register(files)
    referred = cases_for(dict.fromkeys(ident for item in items for ident in item.cases), known)
    in_period = [case for case in known.values() if start <= case.date <= end]
    years = sorted({case.date.year for case in in_period})
    lines = [line for year in years for line in aggregate(in_period, year)]
    if referred and not lines:
        lines = aggregate(referred)
    return DataReport(
        indicators=data.views(ids) if data is not None else [],
        items=len(items),
        with_data=sum(1 for item in items if item.indicators),
        with_cases=sum(1 for item in items if item.cases),
        cases=lines,
        attendance=_attendance(files, held),
    )


def _attendance(files: ForumFiles, held: list[Meeting]) -> list[AttendanceLine]:
    members = files.members.model
    if members is None:
        return []
    recorded = [meeting for meeting in held if meeting.attendance is not None and meeting.attendance.present]
    organisations: dict[str, tuple[str | None, set[str]]] = {}
    for seat in members.seats:
        if "sekretariat" in seat.roles and "medlem" not in seat.roles:
            continue
        municipality, seats = organisations.setdefault(seat.organisation, (seat.municipality, set()))
        seats.add(seat.id)
    lines: list[AttendanceLine] = []
    for organisation, (municipality, seats) in organisations.items():
        present = absent = 0
        for meeting in recorded:
            assert meeting.attendance is not None
            if seats & set(meeting.attendance.present):
                present += 1
            elif seats & set(meeting.attendance.absent):
                absent += 1
        lines.append(AttendanceLine(organisation, municipality, present, absent, len(recorded)))
    return sorted(lines, key=lambda line: (line.present, -line.absent, line.organisation))
