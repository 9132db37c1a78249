"""What the commands share: option declarations (as `Annotated` aliases) and parsing dates from the
command line. `clock` (behind `parse_today`) and `real_date` are the only places the clock is read."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from driftsforum_cli.errors import UsageError
from driftsforum_cli.reporters import ReportFormat

Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="ÅÅÅÅ-MM-DD",
        help="Dagens dato (ÅÅÅÅ-MM-DD), fx for at se en anden dag. Standard: i dag.",
    ),
]
ForumId = Annotated[str, typer.Argument(metavar="FORUM", help="Forummets id, fx nord.", show_default=False)]
MeetingDate = Annotated[str, typer.Argument(metavar="MØDE", help="Mødets dato (ÅÅÅÅ-MM-DD).", show_default=False)]
Output = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FIL",
        help="Skriv til filen. Uden: tekst på skærmen, pdf som fil i den aktuelle mappe.",
    ),
]
Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="STI", help="Filer eller mapper at kontrollere. Standard: alle fora i samlingen.", show_default=False
    ),
]
ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format", case_sensitive=False, help="text (til mennesker), json (til maskiner) eller github (annoteringer)."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overskriv en fil, der er ændret siden driftsforum skrev den.")]


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


def clock() -> date:
    """The real date: the only place the clock is read (tests replace it)."""
    return date.today()


def real_date() -> date:
    """The real date, whatever --today says: what `validate` judges "in the future" against (tests fix it)."""
    return date.today()


def parse_today(value: str | None, option: str = "--today") -> date:
    """--today DATE (or another date option), or the real date."""
    if value is None:
        return clock()
    try:
        return _iso_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def parse_past_date(value: str | None, option: str, today: str | None) -> date:
    """A date something happened: --today (itself the real date by default) unless given; never after --today."""
    now = parse_today(today)
    day = parse_today(value, option) if value is not None else now
    if day > now:
        raise UsageError(f"{option} {day.isoformat()} ligger i fremtiden; registrér først, når det er sket")
    return day


def parse_date_argument(value: str, what: str) -> date:
    try:
        return _iso_date(value)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def _iso_date(value: str) -> date:
    """ÅÅÅÅ-MM-DD within 1900–2200, with the Danish reason when it is not (as in the files)."""
    from driftsforum_cli.models.common import parse_iso_date

    day = parse_iso_date(value)
    assert isinstance(day, date)
    return day


def parse_whole_number(value: str, option: str, what: str) -> int:
    """Typer's own integer errors are English; these are Danish."""
    text = value.strip()
    if not text.lstrip("-").isdigit():
        raise typer.BadParameter(f"'{value}' er ikke et helt tal; skriv {what}", param_hint=option)
    return int(text)


def parse_period(
    start: str | None,
    end: str | None,
    *,
    today: date,
    year: str | None = None,
    default: tuple[date, date] | None = None,
) -> tuple[date | None, date | None]:
    """--from/--to (either may be left open), or --year; without any of them `default`, else the year of
    `today`. Refuses --year together with --from/--to, and --from after --to."""
    chosen = None if year is None else parse_whole_number(year, "--year", "et årstal, fx 2026")
    if chosen is not None and not 1900 <= chosen <= 9999:
        raise typer.BadParameter(f"{chosen} er ikke et årstal; skriv fx 2026", param_hint="--year")
    first = None if start is None else parse_today(start, "--from")
    last = None if end is None else parse_today(end, "--to")
    if chosen is not None and (first is not None or last is not None):
        raise UsageError("brug enten --year eller --from/--to, ikke begge")
    if default is not None:
        first, last = first or default[0], last or default[1]
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from ({first.isoformat()}) ligger efter --to ({last.isoformat()})")
    if first is None and last is None:
        whole = chosen if chosen is not None else today.year
        return date(whole, 1, 1), date(whole, 12, 31)
    return first, last
