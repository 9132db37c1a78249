"""Proposing a year's meeting plan on working days."""

from __future__ import annotations

from datetime import date, timedelta

from driftsforum_cli.domain.workdays import WorkCalendar

TUESDAY = 1


def proposed_meeting_dates(year: int, per_year: int, calendar: WorkCalendar, weekday: int = TUESDAY) -> list[date]:
    """`per_year` dates spread over the year: the second `weekday` of evenly spaced months, moved
    forward to a working day (and away from the summer holiday in July)."""
    step = 12 / per_year
    dates: list[date] = []
    for index in range(per_year):
        month = min(12, int(2 + index * step + 0.5))
        if month == 7:
            month = 6
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7)
        dates.append(calendar.shift(day, 1))
    return dates
