"""Danish dates and times through Babel's da_DK locale (imported only when needed)."""

from __future__ import annotations

from datetime import date, time


def full_date(day: date) -> str:
    """'tirsdag den 3. marts 2026'."""
    from babel.dates import format_date

    return str(format_date(day, "EEEE 'den' d. MMMM y", locale="da_DK"))


def long_date(day: date) -> str:
    """'3. marts 2026'."""
    from babel.dates import format_date

    return str(format_date(day, "d. MMMM y", locale="da_DK"))


def short_date(day: date) -> str:
    """'03.03.2026'."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def clock(moment: time) -> str:
    """'13.00' (Danish uses a period)."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def week(day: date) -> str:
    """'uge 10' (ISO 8601 week)."""
    return f"uge {day.isocalendar().week}"
