"""Danish for dates, clock times, weeks, counts and the documents' names: the one place the tool's
Danish formats are written. The bottom layer: no I/O, no other module of the tool.

The names follow CLDR's Danish (da) data, as Babel has them; a test compares every day of several years
with Babel, so nothing here drifts from the standard. Babel itself is not needed to run the tool.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def full_date(day: date) -> str:
    """'tirsdag den 3. marts 2026'."""
    return f"{WEEKDAYS[day.weekday()]} den {long_date(day)}"


def long_date(day: date) -> str:
    """'3. marts 2026'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """'03.03.2026'."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def clock(moment: time) -> str:
    """'13.00' (Danish writes the clock with a period)."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def week(day: date) -> str:
    """'uge 10' (ISO 8601 week)."""
    return f"uge {day.isocalendar().week}"


def plural(count: int, one: str, many: str) -> str:
    """'1 fil', '3 filer'."""
    return f"{count} {one if count == 1 else many}"


#: A document's name: as a title, in the indefinite and the definite form, and its grammatical gender
#: (for "den"/"det": "referatet … det", "dagsordenen … den").
DOCUMENT_TITLES: dict[str, str] = {"agenda": "Dagsorden", "minutes": "Referat"}
DOCUMENT_DEFINITE: dict[str, str] = {"agenda": "dagsordenen", "minutes": "referatet"}
DOCUMENT_PRONOUN: dict[str, str] = {"agenda": "den", "minutes": "det"}
DOCUMENT_FILE_NAMES: dict[str, str] = {"agenda": "dagsorden", "minutes": "referat"}


def and_list(names: Sequence[str]) -> str:
    """'Læsø Kommune', 'Læsø Kommune og PLO', 'A, B og C' (no comma before 'og', as Danish writes it)."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


def the_count(count: int, one: str, many: str) -> str:
    """The definite form with agreement: 'beskeden' for one, 'de 3 beskeder' for more ('one' is definite)."""
    return one if count == 1 else f"de {count} {many}"


def them(count: int, gender: str = "den") -> str:
    """The pronoun for `count` things of `gender` ('den' or 'det'): 'den'/'det' for one, 'dem' for more."""
    return gender if count == 1 else "dem"


def everyone(count: int, one: str, many: str) -> str:
    """'Den eneste modtager' for one, 'Alle 3 modtagere' for more."""
    return f"Den eneste {one}" if count == 1 else f"Alle {count} {many}"


def of_which(count: int, one: str, many: str) -> str:
    """' (heraf 1 ledig)', ' (heraf 2 ledige)'; '' for none."""
    return f" (heraf {plural(count, one, many)})" if count else ""


def decimal_number(value: float, decimals: int = 1) -> str:
    """'24,1', '1.234', '-0,5': a decimal comma, a point between thousands (from 10.000, as Danish style
    guides write it; '1234' stays together)."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    whole, _, fraction = text.partition(",")
    digits = whole.replace(" ", "")
    whole = f"{int(digits):,}".replace(",", ".") if len(digits) > 4 else digits
    sign = "-" if value < 0 and any(ch not in "0," for ch in text) else ""
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"
