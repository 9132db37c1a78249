"""Danish working days: public holidays in Danish, the repository's closure days, and moving a deadline."""

from __future__ import annotations

from datetime import date, time

import pytest

from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.models import Closure

# The public-office defaults from the bundled driftsforum.yaml.
CLOSURES = [
    Closure.model_validate({"name": "Juleaftensdag", "every_year": "12-24"}),
    Closure.model_validate({"name": "Nytårsaftensdag", "every_year": "12-31", "closed_from": "12:00"}),
    Closure.model_validate({"name": "Arbejdernes kampdag", "every_year": "05-01", "closed_from": "12:00"}),
    Closure.model_validate({"name": "Grundlovsdag", "every_year": "06-05", "closed_from": "12:00"}),
]


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar(CLOSURES)


def test_easter_2026_names_are_danish(calendar: WorkCalendar) -> None:
    names = {day: closed.name for day in range(2, 7) if (closed := calendar.closed(date(2026, 4, day)))}
    assert names == {2: "Skærtorsdag", 3: "Langfredag", 4: "lørdag", 5: "Påskedag", 6: "Anden påskedag"}


def test_store_bededag_exists_in_2023_but_not_2024(calendar: WorkCalendar) -> None:
    closed_2023 = calendar.closed(date(2023, 5, 5))
    assert closed_2023 is not None
    assert closed_2023.name == "Store bededag"
    # The fourth Friday after Easter 2024 would have been Store bededag; it is an ordinary working day.
    assert calendar.is_working_day(date(2024, 4, 26))


def test_closure_days_come_from_the_config(calendar: WorkCalendar) -> None:
    christmas_eve = calendar.closed(date(2026, 12, 24))
    assert christmas_eve is not None
    assert christmas_eve.name == "Juleaftensdag"
    assert christmas_eve.closed_from is None
    constitution_day = calendar.closed(date(2026, 6, 5))
    assert constitution_day is not None
    assert constitution_day.closed_from == time(12, 0)
    # Without the config, 24 December 2026 (a Thursday) is a working day.
    assert WorkCalendar().is_working_day(date(2026, 12, 24))


def test_a_half_closed_day_allows_a_morning_meeting_only(calendar: WorkCalendar) -> None:
    closed = calendar.closed(date(2026, 6, 5))
    assert closed is not None
    assert closed.allows_meeting_ending(time(12, 0))
    assert not closed.allows_meeting_ending(time(12, 30))


def test_prose_names_are_lower_case_except_proper_nouns(calendar: WorkCalendar) -> None:
    def prose(day: date) -> str:
        closed = calendar.closed(day)
        assert closed is not None
        return closed.prose_name

    assert prose(date(2026, 4, 6)) == "anden påskedag"
    assert prose(date(2026, 5, 14)) == "Kristi himmelfartsdag"
    assert prose(date(2023, 5, 5)) == "store bededag"
    assert prose(date(2026, 12, 24)) == "juleaftensdag"
    assert prose(date(2026, 4, 4)) == "lørdag"


def test_previous_working_day_over_easter(calendar: WorkCalendar) -> None:
    moved = calendar.adjust(date(2026, 4, 6), "previous_working_day")
    assert moved.day == date(2026, 4, 1)
    assert moved.nominal == date(2026, 4, 6)
    assert moved.reason == "flyttet fra anden påskedag"


def test_next_working_day_over_easter(calendar: WorkCalendar) -> None:
    moved = calendar.adjust(date(2026, 4, 2), "next_working_day")
    assert moved.day == date(2026, 4, 7)
    assert moved.reason == "flyttet fra skærtorsdag"


def test_christmas_both_ways(calendar: WorkCalendar) -> None:
    earlier = calendar.adjust(date(2026, 12, 24), "previous_working_day")
    assert (earlier.day, earlier.reason) == (date(2026, 12, 23), "flyttet fra juleaftensdag")
    later = calendar.adjust(date(2026, 12, 24), "next_working_day")
    assert (later.day, later.reason) == (date(2026, 12, 28), "flyttet fra juleaftensdag")


def test_half_closed_days_count_as_closed_for_deadlines(calendar: WorkCalendar) -> None:
    new_years_eve = calendar.adjust(date(2026, 12, 31), "next_working_day")
    assert (new_years_eve.day, new_years_eve.reason) == (date(2027, 1, 4), "flyttet fra nytårsaftensdag")
    may_day = calendar.adjust(date(2026, 5, 1), "previous_working_day")
    assert (may_day.day, may_day.reason) == (date(2026, 4, 30), "flyttet fra arbejdernes kampdag")


def test_weekend_reason_names_the_weekday(calendar: WorkCalendar) -> None:
    moved = calendar.adjust(date(2026, 3, 1), "next_working_day")
    assert (moved.day, moved.reason) == (date(2026, 3, 2), "flyttet fra søndag")


def test_working_day_and_policy_none_do_not_move(calendar: WorkCalendar) -> None:
    working = calendar.adjust(date(2026, 4, 1), "previous_working_day")
    assert (working.day, working.reason) == (date(2026, 4, 1), None)
    kept = calendar.adjust(date(2026, 4, 6), "none")
    assert (kept.day, kept.nominal, kept.reason) == (date(2026, 4, 6), date(2026, 4, 6), None)
