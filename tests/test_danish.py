"""The one Danish module agrees with CLDR's Danish (through Babel) on every day of several years."""

from __future__ import annotations

from datetime import date, time, timedelta

from babel.dates import format_date

from driftsforum_cli import danish


def test_dates_match_cldr_danish_every_day() -> None:
    day = date(2023, 1, 1)
    while day < date(2029, 1, 1):
        assert danish.full_date(day) == format_date(day, "EEEE 'den' d. MMMM y", locale="da_DK")
        assert danish.long_date(day) == format_date(day, "d. MMMM y", locale="da_DK")
        assert danish.short_date(day) == format_date(day, "dd.MM.y", locale="da_DK")
        assert danish.week(day) == f"uge {format_date(day, 'w', locale='da_DK')}"
        day += timedelta(days=1)


def test_clock_and_plural() -> None:
    assert danish.clock(time(9, 5)) == "09.05"
    assert danish.plural(1, "fil", "filer") == "1 fil"
    assert danish.plural(0, "fil", "filer") == "0 filer"
    assert danish.plural(2, "forum", "fora") == "2 fora"
