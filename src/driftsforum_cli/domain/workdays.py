"""Danish working days: weekends, public holidays (the `holidays` package, in Danish) and the
repository's own closure days (24 December, and the half days from 12.00)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from typing import Literal

from driftsforum_cli.danish import WEEKDAYS, long_date
from driftsforum_cli.errors import UserError
from driftsforum_cli.models.config import Closure
from driftsforum_cli.models.forum import AdjustPolicy


class NoWorkingDay(UserError):
    """No working day near a date: the closure days close everything."""


#: How far `WorkCalendar.shift` looks for a working day before it gives up: a year and a day.
MAX_SHIFT_DAYS = 366


@dataclass(frozen=True)
class ClosedDay:
    day: date
    name: str  # Danish, lower case after the first word as the holidays package writes it
    closed_from: time | None = None  # None: closed all day

    def allows_meeting_ending(self, end: time) -> bool:
        """A meeting may be held on a half-closed day if it ends by the closing time."""
        return self.closed_from is not None and end <= self.closed_from

    @property
    def prose_name(self) -> str:
        """The name as Danish prose writes it mid-sentence: 'anden påskedag', but 'Kristi himmelfartsdag'."""
        first = self.name.split(" ", 1)[0]
        if first in _PROPER_NOUNS or (len(first) > 1 and first.isupper()):
            return self.name
        return self.name[:1].lower() + self.name[1:]


_PROPER_NOUNS = frozenset({"Kristi"})


@dataclass(frozen=True)
class AdjustedDate:
    """A deadline before and after moving it off closed days."""

    day: date
    nominal: date
    moved_from: ClosedDay | None = None  # the closed day the deadline fell on, if it was moved

    @property
    def reason(self) -> str | None:
        """'flyttet fra anden påskedag', or None when the deadline did not move."""
        return None if self.moved_from is None else f"flyttet fra {self.moved_from.prose_name}"


#: A year's public holidays: date → Danish name.
HolidayTable = Callable[[int], Mapping[date, str]]


def public_holidays(year: int) -> dict[date, str]:
    """Denmark's public holidays in `year`, in Danish, straight from the `holidays` package."""
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


class WorkCalendar:
    """Which days are closed, and why. The holiday table is given by the caller (the file-system side
    remembers it between runs); by default it is asked of the `holidays` package."""

    def __init__(self, closures: Iterable[Closure] = (), holidays: HolidayTable = public_holidays) -> None:
        self._closures = tuple(closures)
        self._holidays = cache(holidays)

    def closed(self, day: date) -> ClosedDay | None:
        """Why `day` is not a working day, or None if it is one. Holidays win over weekends."""
        holiday = self._holidays(day.year).get(day)
        if holiday:
            return ClosedDay(day, holiday)
        for closure in self._closures:
            if closure.date == day or closure.every_year == f"{day.month:02d}-{day.day:02d}":
                return ClosedDay(day, closure.name, closure.closed_from)
        if day.weekday() >= 5:
            return ClosedDay(day, WEEKDAYS[day.weekday()])
        return None

    def is_working_day(self, day: date) -> bool:
        return self.closed(day) is None

    def shift(self, day: date, direction: Literal[-1, 1]) -> date:
        """The nearest working day from `day` (itself included) going back (-1) or forward (+1); a
        `NoWorkingDay` when there is none within `MAX_SHIFT_DAYS` (closure days that close everything)."""
        for offset in range(MAX_SHIFT_DAYS + 1):
            try:
                candidate = day + timedelta(days=offset * direction)
            except OverflowError:
                break
            if self.is_working_day(candidate):
                return candidate
        way = "før" if direction < 0 else "efter"
        raise NoWorkingDay(
            f"der er ingen arbejdsdag inden for {MAX_SHIFT_DAYS} dage {way} {long_date(day)}: lukkedagene i "
            "driftsforum.yaml ('closures') lukker alle dage; ret dem, så der er arbejdsdage at lægge møder og "
            "frister på"
        )

    def first_working_day(self, year: int) -> date | None:
        """The year's first working day, or None when every day of the year is closed."""
        for ordinal in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            if self.is_working_day(day):
                return day
        return None

    def adjust(self, day: date, policy: AdjustPolicy) -> AdjustedDate:
        """Move a deadline that falls on a closed day (half-closed days count as closed) as the policy
        says: earlier for the secretariat's own obligations, later for deadlines given to the members."""
        closed = self.closed(day)
        if closed is None or policy == "none":
            return AdjustedDate(day, day)
        return AdjustedDate(self.shift(day, -1 if policy == "previous_working_day" else 1), day, closed)
