"""Indicators as the documents show them: the data points of an export checked (known municipality, one value
per period, no period missing), small counts suppressed ('< 5'), a table, a one-line Danish summary of the
development, stale data for `due`, and the totals that would give a suppressed count away.

Pure: the files are read by `driftsforum_cli.datafiles`; dates are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import get_close_matches
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from driftsforum_cli.danish import decimal_number, long_date
from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.models.indicators import DataPoint, Indicator, IndicatorData, IndicatorsFile

if TYPE_CHECKING:
    from driftsforum_cli.domain.deadlines import Event

#: Denmark's 98 municipalities (without 'Kommune'), the five regions and the words exports use for totals.
MUNICIPALITIES: tuple[str, ...] = (
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby", "Brønderslev", "Dragør",
    "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia", "Frederiksberg", "Frederikshavn",
    "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov",
    "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød", "Hjørring",
    "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm", "Ikast-Brande", "Ishøj",
    "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "København", "Køge", "Langeland", "Lejre", "Lemvig",
    "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs", "Nordfyns", "Nyborg",
    "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted", "Roskilde",
    "Rudersdal", "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød", "Sorø", "Stevns",
    "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted", "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen",
    "Vejle", "Vesthimmerlands", "Viborg", "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus",
)  # fmt: skip
REGIONS: tuple[str, ...] = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)
TOTALS: tuple[str, ...] = ("Hele landet", "Danmark", "I alt", "Landstotal")
KNOWN_AREAS: frozenset[str] = frozenset((*MUNICIPALITIES, *REGIONS, *TOTALS))
_ALIASES = {"Københavns": "København", "Vesthimmerland": "Vesthimmerlands", "Nordfyn": "Nordfyns"}
_KOMMUNE = re.compile(r"\s+kommune$", re.IGNORECASE)
#: What exports write for "no value": empty, '..' (Danmarks Statistik, eSundhed), '-', 'n/a'.
NO_VALUE = frozenset({"", "..", ".", "-", "–", "n/a", "na", "nan"})
_SUPPRESSED = re.compile(r"^\s*<\s*\d+\s*$")
_PLAIN = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[KQkq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})[-/ ]?M?(\d{2})$")


@lru_cache(maxsize=4096)
def area_name(text: str) -> str:
    """'Hjørring Kommune' → 'Hjørring'; 'Københavns Kommune' → 'København'. An export names a few areas on many
    lines, so each name is worked out once."""
    name = _KOMMUNE.sub("", " ".join(text.split()))
    return _ALIASES.get(name, name)


def unknown_area(name: str) -> str | None:
    """A Danish message for an area that is no municipality, region or total (with the nearest), or None."""
    if name in KNOWN_AREAS:
        return None
    match = get_close_matches(name, sorted(KNOWN_AREAS), n=1, cutoff=0.6)
    hint = f"; mente du '{match[0]}'?" if match else "; skriv kommunens navn, som Danmarks Statistik skriver det"
    return f"'{name}' er ikke en dansk kommune eller region{hint}"


@dataclass(frozen=True)
class Number:
    """A cell read as a number: the value (None for no value) and how many decimals the file wrote."""

    value: float | None
    decimals: int
    suppressed: bool = False


def parse_number(text: str, decimal: str) -> Number | None:
    """The number a cell writes ('24,1', '1.234', '1 234,5', '..', '<5'), or None when it is text."""
    cleaned = text.strip()
    whole, sign, fraction = cleaned.partition(decimal)
    if whole.isascii() and whole.isdigit() and (not sign or (fraction.isascii() and fraction.isdigit())):
        return Number(float(f"{whole}.{fraction}" if sign else whole), len(fraction))  # '24,1', '58': most cells
    cleaned = cleaned.replace("\u00a0", " ").replace("\u202f", " ")
    if cleaned.lower() in NO_VALUE:
        return Number(None, 0)
    if _SUPPRESSED.match(cleaned):
        return Number(None, 0, suppressed=True)
    cleaned = cleaned.replace(" ", "").rstrip("%").strip()
    if _PLAIN.fullmatch(cleaned):  # the common case: '24,1' or '58' (with the decimal sign configured)
        whole, _, fraction = cleaned.partition(decimal)
        if whole.lstrip("+-").isdigit() and (not fraction or fraction.isdigit()):
            return Number(float(f"{whole}.{fraction}" if fraction else whole), len(fraction))
    thousands = "." if decimal == "," else ","
    if decimal == "," and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?|[+-]?\d+(,\d+)?", cleaned):
        cleaned = cleaned.replace(thousands, "").replace(",", ".")
    elif decimal == "." and re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?|[+-]?\d+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(thousands, "")
    else:
        return None
    _, _, fraction = cleaned.partition(".")
    return Number(float(cleaned), len(fraction))


@lru_cache(maxsize=4096)
def period_key(period: str) -> tuple[int, int] | None:
    """(year, step) of a year '2024', a quarter '2024K1'/'2024 Q1' or a month '2024-03'; None otherwise."""
    text = period.strip()
    if match := _YEAR.match(text):
        return int(match[1]), 0
    if match := _QUARTER.match(text):
        return int(match[1]), int(match[2])
    if match := _MONTH.match(text):
        return int(match[1]), int(match[2])
    return None


@lru_cache(maxsize=4096)
def _steps(period: str) -> int:
    text = period.strip()
    return 4 if _QUARTER.match(text) else 12 if _MONTH.match(text) else 1


@lru_cache(maxsize=4096)
def _ordinal(period: str) -> int | None:
    key = period_key(period)
    if key is None:
        return None
    steps = _steps(period)
    return key[0] * steps + (key[1] - 1 if steps > 1 else 0)


def _at(point: DataPoint) -> str:
    """'celle Data!A4: ' for an XLSX cell (a CSV line's place is its line and column)."""
    return f"{point.cell}: " if point.cell.startswith("celle") else ""


def check_points(points: Iterable[DataPoint], display: str) -> list[Diagnostic]:
    """Unknown areas, a period twice for one area, and a period missing between an area's first and last."""
    problems: list[Diagnostic] = []
    seen: dict[tuple[str, str], DataPoint] = {}
    by_area: dict[str, list[DataPoint]] = {}
    reported: set[str] = set()
    for point in points:
        message = unknown_area(point.area)
        if message is not None:
            if point.area not in reported:
                problems.append(error(display, point.line, point.column, "data-area", _at(point) + message))
                reported.add(point.area)
            continue
        key = (point.area, point.period)
        if key in seen:
            first = seen[key]
            problems.append(
                error(
                    display,
                    point.line,
                    point.column,
                    "data-duplicate",
                    f"{_at(point)}perioden {point.period} står to gange for {point.area} (første gang i "
                    f"{first.cell}); fjern den ene linje, eller hent udtrækket igen",
                )
            )
            continue
        seen[key] = point
        by_area.setdefault(point.area, []).append(point)
    for area, found in by_area.items():
        ordinals = [(_ordinal(point.period), point) for point in found]
        if any(number is None for number, _ in ordinals) or len({_steps(p.period) for p in found}) != 1:
            continue  # periods the check cannot count (free text, or years and quarters mixed)
        ordered = sorted((number, point) for number, point in ordinals if number is not None)
        for (before, earlier), (after, later) in pairwise(ordered):
            if after - before > 1:
                problems.append(
                    error(
                        display,
                        later.line,
                        later.column,
                        "data-missing-period",
                        f"{_at(later)}{area} mangler {_gap(earlier.period, after - before - 1)} mellem {earlier.period} og "
                        f"{later.period}; tilføj perioden med en tom værdi ('..'), hvis kilden ikke har tal for den",
                    )
                )
    return problems


def _gap(period: str, missing: int) -> str:
    what = {1: ("år", "år"), 4: ("kvartal", "kvartaler"), 12: ("måned", "måneder")}[_steps(period)]
    return f"{missing} {what[0] if missing == 1 else what[1]}"


# --- what the documents show ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One cell of the table: the value (None when hidden or missing) and its Danish text."""

    value: float | None
    text: str  # '24,1', '< 5' or '–'
    suppressed: bool = False
    point: DataPoint | None = None


@dataclass(frozen=True)
class SeriesRow:
    area: str
    cells: tuple[Shown, ...]  # one per period of the view


@dataclass(frozen=True)
class IndicatorView:
    """An indicator as a document shows it: the table (small counts hidden), the summary and the facts. The
    facts worked out from the rows are kept once worked out: the templates ask for them several times."""

    indicator: Indicator
    periods: tuple[str, ...]
    rows: tuple[SeriesRow, ...]
    summary: str
    threshold: int
    decimals: int

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def title(self) -> str:
        return self.indicator.title

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @cached_property
    def caption(self) -> str:
        """'Akutte psykiatriske genindlæggelser inden for 30 dage (%)'; a unit the title names is not repeated."""
        title, unit = self.indicator.title, self.indicator.unit
        return title if unit.casefold() in title.casefold() else f"{title} ({unit})"

    @cached_property
    def source_line(self) -> str:
        """'Kilde: eSundhed, hentet 15. oktober 2026.'"""
        source = self.indicator.source
        return f"Kilde: {source.name}, hentet {long_date(source.extracted)}."

    @cached_property
    def suppressed(self) -> bool:
        return any(cell.suppressed for row in self.rows for cell in row.cells)

    @property
    def suppression_note(self) -> str:
        return f"Antal under {self.threshold} vises som '< {self.threshold}' af hensyn til persondata."

    @cached_property
    def span(self) -> str:
        """'2021–2024'."""
        return f"{self.periods[0]}–{self.periods[-1]}" if len(self.periods) > 1 else "".join(self.periods)


def _decimals(points: Iterable[DataPoint], counts: bool) -> int:
    if counts:
        return 0
    found = [len(point.text.strip().replace(".", ",").partition(",")[2]) for point in points if point.value is not None]
    return min(max(found, default=1), 2)


def format_value(value: float, unit: str, decimals: int) -> str:
    """'24,1 %', '312 dage', '7' (a unit 'antal' is not written)."""
    number = decimal_number(value, decimals)
    if unit.strip().lower() in {"antal", "personer", "antal personer"}:
        return number
    return f"{number} {unit.strip()}"


def is_small(value: float | None, threshold: int) -> bool:
    """A count under the threshold (0 too: next to '< 5' a 0 would stand out)."""
    return value is not None and value < threshold


def build_view(indicator: Indicator, data: IndicatorData, threshold: int) -> IndicatorView:
    """The indicator as documents show it: the chosen areas (or every area in file order), the periods in order,
    counts under `threshold` hidden."""
    points = list(data.points)
    areas = [area_name(name) for name in indicator.areas] or list(dict.fromkeys(point.area for point in points))
    periods = sorted({point.period for point in points if point.area in areas}, key=_period_sort)
    at = {(point.area, point.period): point for point in points}
    decimals = _decimals(points, indicator.counts)
    hidden = f"< {threshold}"
    rows: list[SeriesRow] = []
    for area in areas:
        cells: list[Shown] = []
        for period in periods:
            point = at.get((area, period))
            if point is None or (point.value is None and not point.suppressed):
                cells.append(Shown(None, "–", point=point))
            elif point.suppressed or (indicator.counts and is_small(point.value, threshold)):
                cells.append(Shown(None, hidden, suppressed=True, point=point))
            else:
                assert point.value is not None
                cells.append(Shown(point.value, decimal_number(point.value, decimals), point=point))
        rows.append(SeriesRow(area, tuple(cells)))
    view = IndicatorView(indicator, tuple(periods), tuple(rows), "", threshold, decimals)
    return IndicatorView(indicator, tuple(periods), tuple(rows), summarise(view), threshold, decimals)


def _period_sort(period: str) -> tuple[int, int | str]:
    ordinal = _ordinal(period)
    return (0, ordinal) if ordinal is not None else (1, period)


def development(area: str, row: SeriesRow, periods: tuple[str, ...], unit: str, decimals: int) -> str | None:
    """'Hjørring: faldet fra 24,1 % i 2021 til 21,5 % i 2024' from the first and last period with a value."""
    known = [(period, cell) for period, cell in zip(periods, row.cells, strict=True) if cell.text != "–"]
    if len(known) < 2:
        return None
    (first_period, first), (last_period, last) = known[0], known[-1]
    if first.value is None or last.value is None:  # a hidden count: say no more than the table
        return (
            f"{area}: {_text(first, unit, decimals)} i {first_period} og {_text(last, unit, decimals)} i {last_period}"
        )
    old, new = round(first.value, decimals), round(last.value, decimals)
    if old == new:
        return f"{area}: uændret på {format_value(new, unit, decimals)} fra {first_period} til {last_period}"
    verb = "steget" if new > old else "faldet"
    return (
        f"{area}: {verb} fra {format_value(old, unit, decimals)} i {first_period} "
        f"til {format_value(new, unit, decimals)} i {last_period}"
    )


def _text(cell: Shown, unit: str, decimals: int) -> str:
    return cell.text if cell.value is None else format_value(cell.value, unit, decimals)


def summarise(view: IndicatorView) -> str:
    """The one-line summary of every area's development, or why there is none."""
    parts = [
        text
        for row in view.rows
        if (text := development(row.area, row, view.periods, view.unit, view.decimals)) is not None
    ]
    if not parts:
        return "Der er for få perioder med tal til at beskrive en udvikling."
    return "; ".join(parts) + "."


@dataclass(frozen=True)
class ForumData:
    """A forum's indicators that could be read, with their data."""

    settings: IndicatorsFile
    data: Mapping[str, IndicatorData]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.settings.indicators if i.id == indicator_id), None)

    def view(self, indicator_id: str) -> IndicatorView | None:
        indicator = self.indicator(indicator_id)
        data = self.data.get(indicator_id)
        if indicator is None or data is None:
            return None
        return build_view(indicator, data, self.settings.threshold)

    def views(self, ids: Iterable[str]) -> list[IndicatorView]:
        return [view for ident in ids if (view := self.view(ident)) is not None]


def forum_data(files: ForumFiles) -> ForumData | None:
    """The forum's indicators and the data files that could be read; None without indicators.yaml."""
    if files.indicators is None or files.indicators.model is None:
        return None
    data = {loaded.model.indicator: loaded.model for loaded in files.data if loaded.model is not None}
    return ForumData(files.indicators.model, data)


@dataclass(frozen=True)
class Status:
    """An indicator's latest period and the age of its extract, for `data` and `due`."""

    indicator: Indicator
    latest: str | None
    age_days: int
    stale_from: date  # the day the extract becomes older than the forum allows

    def stale(self, today: date) -> bool:
        return today >= self.stale_from


def statuses(forum_data: ForumData, today: date) -> list[Status]:
    found: list[Status] = []
    limit = timedelta(days=forum_data.settings.max_age_days)
    for indicator in forum_data.settings.indicators:
        data = forum_data.data.get(indicator.id)
        periods = sorted({p.period for p in data.points}, key=_period_sort) if data is not None else []
        extracted = indicator.source.extracted
        found.append(Status(indicator, periods[-1] if periods else None, (today - extracted).days, extracted + limit))
    return found


# --- small numbers: what a reader could work out -------------------------------------------------------------


@dataclass(frozen=True)
class Disclosure:
    """A hidden count a reader could work out: `total` is the sum of the other areas shown for the period."""

    view: IndicatorView
    period: str
    total: Shown
    total_area: str
    hidden: Shown
    hidden_area: str


def hidden_counts(view: IndicatorView) -> list[tuple[str, str, Shown]]:
    """(area, period, cell) of every hidden count of the view."""
    return [
        (row.area, period, cell)
        for row in view.rows
        for period, cell in zip(view.periods, row.cells, strict=True)
        if cell.suppressed
    ]


def disclosures(view: IndicatorView) -> list[Disclosure]:
    """Periods where one shown area is the sum of the others and exactly one of those others is hidden: the
    total minus the shown values is the hidden count."""
    found: list[Disclosure] = []
    for index, period in enumerate(view.periods):
        column = [(row.area, row.cells[index]) for row in view.rows]
        for area, cell in column:
            if cell.value is None or cell.point is None or cell.point.value is None:
                continue
            others = [(name, other) for name, other in column if name != area and other.point is not None]
            hidden = [(name, other) for name, other in others if other.suppressed]
            actual = [other.point.value for _, other in others if other.point is not None]
            if len(hidden) != 1 or any(value is None for value in actual) or len(others) < 2:
                continue
            if abs(sum(value for value in actual if value is not None) - cell.point.value) < 1e-6:
                found.append(Disclosure(view, period, cell, area, hidden[0][1], hidden[0][0]))
    return found


def stale_data_events(repo: Repository, today: date) -> list[Event]:
    """For `due`: each indicator whose extract is, or will become, older than its forum allows (max_age_days),
    on the day it does – a task for the secretariat: download a new extract."""
    from driftsforum_cli.domain.deadlines import Event

    events: list[Event] = []
    for files in repo.forums:
        forum = files.forum.model
        data = forum_data(files)
        if forum is None or data is None:
            continue
        for status in statuses(data, today):
            indicator = status.indicator
            extracted = long_date(indicator.source.extracted)
            events.append(
                Event(
                    forum=files.id,
                    forum_name=forum.name,
                    forum_short=forum.short_name,
                    meeting=None,
                    kind="data_stale",
                    date=status.stale_from,
                    nominal_date=status.stale_from,
                    moved_reason=None,
                    status="overdue" if status.stale(today) else "planned",
                    title=f"Hent nye data: {indicator.title} (udtrækket er fra {extracted}; "
                    f"højst {data.settings.max_age_days} dage gammelt)",
                    secretariat_task=True,
                )
            )
    return events
