"""A calendar where every day is closed is an error, never a hang: WorkCalendar.shift gives up after a
bounded number of days, and validate reports closure days that close a whole year."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.workdays import MAX_SHIFT_DAYS, WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.models.config import Closure
from tests.helpers import RunCli

EVERY_DAY = [
    Closure(name=f"Lukket {month:02d}-{day:02d}", every_year=f"{month:02d}-{day:02d}")
    for month in range(1, 13)
    for day in range(1, 32)
    if (month, day) not in {(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)}
]


def test_shift_gives_up_in_danish_when_every_day_is_closed() -> None:
    calendar = WorkCalendar(EVERY_DAY, holidays=lambda year: {})
    started = time.monotonic()
    for direction in (-1, 1):
        with pytest.raises(UserError, match=rf"ingen arbejdsdag inden for {MAX_SHIFT_DAYS} dage"):
            calendar.shift(date(2026, 12, 24), direction)
    assert time.monotonic() - started < 5
    assert calendar.first_working_day(2026) is None


def test_shift_still_finds_the_nearest_working_day() -> None:
    calendar = WorkCalendar([Closure(name="Juleaftensdag", every_year="12-24")], holidays=lambda year: {})
    assert calendar.shift(date(2026, 12, 24), -1) == date(2026, 12, 23)
    assert calendar.shift(date(2026, 12, 26), 1) == date(2026, 12, 28)  # Saturday → Monday
    assert calendar.first_working_day(2026) == date(2026, 1, 1)


def close_every_day(root: Path) -> int:
    """Every day of the year closed in driftsforum.yaml; the line of 'closures:'."""
    config = root / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f'  - name: {c.name}\n    every_year: "{c.every_year}"\n' for c in EVERY_DAY)
    config.write_text(text.replace("closures:\n", "closures:\n" + lines, 1), encoding="utf-8")
    return text.splitlines().index("closures:") + 1


def test_an_all_closed_year_is_an_error_quickly(cli: RunCli, repo_copy: Path) -> None:
    line = close_every_day(repo_copy)
    started = time.monotonic()
    validate = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert validate.code == 1
    for year in (2026, 2027):
        assert (
            f"driftsforum.yaml:{line}:1: fejl [no-working-day] lukkedagene lukker alle dage i {year}, så der er "
            "ingen arbejdsdag at lægge møder og frister på; ret 'closures'"
        ) in validate.stdout
    for args in (("calendar",), ("due",), ("agenda", "nord")):
        result = cli(*args, "--today", "2026-11-22", cwd=repo_copy)
        assert result.code == 1, result.output
        assert "Fejl:" in result.stderr
        assert "lukke" in result.stderr
    assert time.monotonic() - started < 60
