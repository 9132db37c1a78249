"""Attendance per party as the reports count it (domain/data_report.attendance): a substitute attends for the seat,
part-time is attended, a vacant seat is vacant, a seat not yet in the forum is not counted, a municipality without
any seat is vacant at every meeting."""

from __future__ import annotations

from typing import Any

from driftsforum_cli.domain.data_report import AttendanceLine, attendance
from driftsforum_cli.models import Meeting, Seat


def _seat(ident: str, organisation: str, municipality: str | None = None, **extra: Any) -> Seat:
    sector = "kommune" if municipality else "almen praksis"
    data: dict[str, Any] = {"id": ident, "organisation": organisation, "sector": sector, "person": {"name": ident}}
    if municipality:
        data["municipality"] = municipality
    return Seat.model_validate({**data, **extra})


def _meeting(day: str, **attendance: Any) -> Meeting:
    return Meeting.model_validate(
        {"date": day, "start": "13:00", "end": "15:00", "place": "Rådhuset", "agenda": [], "attendance": attendance}
    )


SEATS = [
    _seat("laesoe", "Læsø Kommune", "Læsø"),
    _seat("hjoerring", "Hjørring Kommune", "Hjørring"),
    _seat("hjoerring-chef", "Hjørring Kommune", "Hjørring", roles=["formand"]),
    _seat("plo", "PLO"),
    _seat("jammerbugt", "Jammerbugt Kommune", "Jammerbugt", person=None, history=[{"name": "D", "to": "2026-07-31"}]),
    _seat("ny", "Frederikshavn Kommune", "Frederikshavn", valid_from="2026-08-01"),
    _seat("sekretariat", "Hjørring Kommune", "Hjørring", roles=["sekretariat"]),
]
MEETINGS = [
    _meeting(
        "2026-03-10",
        present=["hjoerring", "plo", "jammerbugt", "sekretariat"],
        absent=["laesoe", "hjoerring-chef"],
        part_time=[{"seat": "plo", "left": "14:00"}],
    ),
    _meeting(
        "2026-09-08",
        present=["hjoerring-chef", "sekretariat"],
        absent=["laesoe", "hjoerring", "plo", "ny"],
        substitutes=[{"seat": "laesoe", "name": "Kirsten"}, {"seat": "ny", "name": "Frank"}],
    ),
]


def test_attendance_counts_substitutes_part_time_and_vacant_seats() -> None:
    lines = {line.organisation: line for line in attendance(SEATS, MEETINGS, ["Læsø", "Hjørring", "Brønderslev"])}
    assert lines["Læsø Kommune"] == AttendanceLine("Læsø Kommune", "Læsø", 1, 1, 1, 0, 2)
    # one of its two seats is enough; the chairman's seat belongs to the municipality too
    assert lines["Hjørring Kommune"] == AttendanceLine("Hjørring Kommune", "Hjørring", 2, 0, 0, 0, 2)
    # left early: attended
    assert lines["PLO"] == AttendanceLine("PLO", None, 1, 0, 1, 0, 2)
    # held until July, vacant in September: vacant, not absent
    assert lines["Jammerbugt Kommune"] == AttendanceLine("Jammerbugt Kommune", "Jammerbugt", 1, 0, 0, 1, 2)
    # a seat from August counts only the meetings after it
    assert lines["Frederikshavn Kommune"] == AttendanceLine("Frederikshavn Kommune", "Frederikshavn", 1, 1, 0, 0, 1)
    # a municipality of the forum without any seat
    assert lines["Brønderslev Kommune"] == AttendanceLine("Brønderslev Kommune", "Brønderslev", 0, 0, 0, 2, 2)
    assert "Hjørring Kommune" in lines and len(lines) == 6  # the secretariat is no party of its own
