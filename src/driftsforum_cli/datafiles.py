"""Reading a forum's data: indicators.yaml, each indicator's exported data file (CSV or XLSX, as eSundhed and
Danmarks Statistik export them) and cases.yaml. Every problem is located: file:line:column in a CSV file, the
sheet and cell (Data!C4) in an XLSX file.

CSV: the encoding is UTF-8 (with or without BOM) or else Windows-1252 (a superset of Latin-1's letters), the
separator is sniffed among ; , tab and |, the decimal sign is a comma unless the numbers say otherwise, and the
header row is the first of the first 20 rows that has the three configured column headers (exports often start
with a title line). XLSX is read with openpyxl in read-only mode (values, not formulas), imported only here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from driftsforum_cli.diagnostics import Diagnostic, error
from driftsforum_cli.domain.indicators import Number, area_name, check_points, parse_number
from driftsforum_cli.files import describe_os_error
from driftsforum_cli.loader import Loaded, M
from driftsforum_cli.models.indicators import CasesFile, DataPoint, Indicator, IndicatorData, IndicatorsFile

#: How the forum's loader reads a YAML file (with its refusal of links out of the repository).
LoadYaml = Callable[[Path, str, type[M]], Loaded[M]]

INDICATORS_FILE = "indicators.yaml"
CASES_FILE = "cases.yaml"
DATA_FOLDER = "data"
HEADER_ROWS = 20  # the header row is looked for in this many rows


@dataclass
class ForumDataFiles:
    """What a forum folder holds besides its core files (each optional)."""

    indicators: Loaded[IndicatorsFile] | None = None
    data: list[Loaded[IndicatorData]] = field(default_factory=list)
    cases: Loaded[CasesFile] | None = None


def load_data_files(folder: Path, show: Callable[[str], str], load: LoadYaml[Any]) -> ForumDataFiles:
    """indicators.yaml with its data files, and cases.yaml, when the forum has them."""
    found = ForumDataFiles()
    if (folder / CASES_FILE).exists():
        found.cases = load(folder / CASES_FILE, show(CASES_FILE), CasesFile)
    if not (folder / INDICATORS_FILE).exists():
        return found
    found.indicators = settings = load(folder / INDICATORS_FILE, show(INDICATORS_FILE), IndicatorsFile)
    model = settings.model or settings.partial
    if model is None:
        return found
    reported: set[Diagnostic] = set()
    cache: ParseCache = {}
    exports = _Exports((folder / DATA_FOLDER).resolve())
    for index, indicator in enumerate(model.indicators):
        loaded = _data_file(folder, show, settings, index, indicator, cache, exports)
        if loaded is not None:
            # indicators that share a file (columns of one export) report its problems once
            loaded.diagnostics = [d for d in loaded.diagnostics if d not in reported]
            reported.update(loaded.diagnostics)
            found.data.append(loaded)
    return found


@dataclass
class _Exports:
    """The data/ folder during one load: resolved once, and each file in it resolved and read once (the
    indicators of one export share its file)."""

    resolved: Path
    inside: dict[Path, bool] = field(default_factory=dict)
    read: dict[Path, bytes | OSError] = field(default_factory=dict)

    def is_inside(self, path: Path) -> bool:
        if path not in self.inside:
            self.inside[path] = path.resolve().is_relative_to(self.resolved)
        return self.inside[path]

    def bytes_of(self, path: Path) -> bytes:
        if path not in self.read:
            try:
                self.read[path] = path.read_bytes()
            except OSError as exc:
                self.read[path] = exc
        found = self.read[path]
        if isinstance(found, OSError):
            raise found
        return found


def _data_file(
    folder: Path,
    show: Callable[[str], str],
    settings: Loaded[IndicatorsFile],
    index: int,
    indicator: Indicator,
    cache: ParseCache,
    exports: _Exports,
) -> Loaded[IndicatorData] | None:
    relative = indicator.file.replace("\\", "/")
    path = folder / DATA_FOLDER / relative

    def refuse(message: str) -> None:
        mark = settings.at(("indicators", index, "file"))  # here only: the source map parses the file again
        settings.diagnostics.append(error(settings.display, mark.line, mark.column, "data-file", message))

    if not exports.is_inside(path):
        refuse(f"datafilen '{indicator.file}' skal ligge i mappen {DATA_FOLDER}/ ved siden af {INDICATORS_FILE}")
        return None
    if not path.is_file():
        refuse(f"datafilen {DATA_FOLDER}/{relative} findes ikke; læg udtrækket dér, eller ret 'file'")
        return None
    display = show(f"{DATA_FOLDER}/{relative}")
    loaded: Loaded[IndicatorData] = Loaded(path, display)
    try:
        raw = exports.bytes_of(path)
    except OSError as exc:
        loaded.diagnostics.append(error(display, 1, 1, "data-file", f"filen kan ikke læses: {describe_os_error(exc)}"))
        return loaded
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        points, problems = read_xlsx(raw, display, indicator)
    elif suffix in (".csv", ".txt"):
        points, problems = read_csv(raw, display, indicator, cache)
    else:
        refuse(f"datafilen '{indicator.file}' skal være en CSV- eller XLSX-fil (.csv, .xlsx)")
        return None
    problems.extend(check_points(points, display))
    loaded.diagnostics.extend(problems)
    data = IndicatorData(indicator=indicator.id, points=tuple(points))
    if problems:
        loaded.partial = data
    else:
        loaded.model = data
    return loaded


# --- CSV ---------------------------------------------------------------------------------------------------


def decode(raw: bytes, configured: str | None) -> str:
    """The text of a CSV export: the configured encoding, else UTF-8 (BOM or not), else Windows-1252 (Latin-1
    for the bytes Windows-1252 leaves undefined)."""
    if configured is not None:
        return raw.decode(configured, errors="replace").removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_separator(text: str) -> str:
    """The separator of a CSV text: of ; tab | and , the one that splits most of the first lines into the same
    number of fields (csv.Sniffer does the same work far slower)."""
    lines = [line for line in text.splitlines()[:HEADER_ROWS] if line.strip()]
    best, best_score = ";", (0, 0)
    for separator in ";\t|,":
        counts = [line.count(separator) for line in lines]
        common = max(set(counts), key=counts.count) if counts else 0
        score = (counts.count(common), common) if common else (0, 0)
        if score > best_score:
            best, best_score = separator, score
    return best


def _field_starts(line: str, separator: str) -> list[int]:
    """Where each field of a CSV line starts (0-based), quotes respected."""
    if '"' not in line:
        starts, position = [0], 0
        for part in line.split(separator)[:-1]:
            position += len(part) + 1
            starts.append(position)
        return starts
    starts = [0]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            starts.append(index + 1)
    return starts


@dataclass(frozen=True)
class _Columns:
    area: int
    period: int
    value: int
    only: tuple[tuple[int, str], ...] = ()  # (column, value) a row must have to be read ('rows')


def _find_header(rows: list[list[str]], indicator: Indicator) -> tuple[int, _Columns] | None:
    wanted = indicator.columns
    for number, row in enumerate(rows[:HEADER_ROWS]):
        names = [cell.strip().casefold() for cell in row]
        try:
            columns = _Columns(
                names.index(wanted.area.casefold()),
                names.index(wanted.period.casefold()),
                names.index(wanted.value.casefold()),
                tuple((names.index(name.casefold()), value) for name, value in indicator.rows.items()),
            )
        except ValueError:
            continue
        return number, columns
    return None


def _missing_header(rows: list[list[str]], indicator: Indicator) -> str:
    from driftsforum_cli.messages import suggest

    first = next((row for row in rows if any(cell.strip() for cell in row)), [])
    headers = [cell.strip() for cell in first if cell.strip()]
    wanted = indicator.columns
    known = {header.casefold() for header in headers}
    missing = [
        name for name in (wanted.area, wanted.period, wanted.value, *indicator.rows) if name.casefold() not in known
    ]
    name = missing[0] if missing else wanted.area
    guess = suggest(name, headers)
    hint = f" (mente du '{guess}'?)" if guess else ""
    shown = ", ".join(f"'{h}'" for h in headers[:10]) or "ingen"
    return (
        f"kolonnen '{name}' findes ikke i de første {HEADER_ROWS} linjer{hint}; filens kolonner er {shown}. "
        "Ret 'columns' i indicators.yaml til filens egne overskrifter"
    )


@dataclass(frozen=True)
class _Parsed:
    """A CSV file split into records (line number, fields), or where it could not be."""

    lines: list[str]
    separator: str
    records: list[tuple[int, list[str]]]
    failure: tuple[int, str] | None = None
    starts: dict[int, list[int]] = field(default_factory=dict)  # a line's field starts, once for all indicators


#: Files parsed during one load, by (bytes, encoding, separator): indicators that read the same export parse it once.
ParseCache = dict[tuple[bytes, str | None, str | None], _Parsed]


def _parse(raw: bytes, encoding: str | None, separator: str | None) -> _Parsed:
    text = decode(raw, encoding)
    chosen = separator or sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    records: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            records.append((reader.line_num, row))
    except csv.Error as exc:
        return _Parsed([], chosen, [], (reader.line_num, str(exc)))
    return _Parsed(text.splitlines(), chosen, records)


def read_csv(
    raw: bytes, display: str, indicator: Indicator, cache: ParseCache | None = None
) -> tuple[list[DataPoint], list[Diagnostic]]:
    key = (raw, indicator.encoding, indicator.separator)
    parsed = cache.get(key) if cache is not None else None
    if parsed is None:
        parsed = _parse(raw, indicator.encoding, indicator.separator)
        if cache is not None:
            cache[key] = parsed
    if parsed.failure is not None:
        line, reason = parsed.failure
        return [], [error(display, line, 1, "data-file", f"filen kan ikke læses som CSV: {reason}")]
    lines, separator, records = parsed.lines, parsed.separator, parsed.records
    found = _find_header([row for _, row in records], indicator)
    if found is None:
        return [], [error(display, 1, 1, "data-file", _missing_header([row for _, row in records], indicator))]
    header, columns = found

    known = parsed.starts

    def cells() -> Iterator[tuple[int, list[str], Callable[[int], int], Callable[[int], str]]]:
        for line, row in records[header + 1 :]:

            def column(index: int, line: int = line) -> int:
                starts = known.get(line)
                if starts is None:  # worked out when a point or a problem needs it, once per line
                    starts = known[line] = _field_starts(lines[line - 1], separator) if 0 < line <= len(lines) else []
                return starts[index] + 1 if index < len(starts) else 1

            def where(index: int, line: int = line) -> str:
                return f"linje {line}, kolonne {index + 1}"

            yield line, row, column, where

    return _points(cells(), columns, display, indicator, _decimal_of(records[header + 1 :], columns, indicator))


def _decimal_of(records: list[tuple[int, list[str]]], columns: _Columns, indicator: Indicator) -> str:
    if indicator.decimal is not None:
        return indicator.decimal
    values = [row[columns.value].strip() for _, row in records if columns.value < len(row)]
    for value in values:
        if "," in value and "." in value:  # '1.234,5' or '1,234.5': the last sign is the decimal sign
            return "," if value.rfind(",") > value.rfind(".") else "."
    if any("," in value for value in values):
        return ","
    if any("." in value and len(value.rpartition(".")[2]) != 3 for value in values):
        return "."
    return ","


def _points(
    rows: Iterator[tuple[int, list[Any], Callable[[int], int], Callable[[int], str]]],
    columns: _Columns,
    display: str,
    indicator: Indicator,
    decimal: str,
) -> tuple[list[DataPoint], list[Diagnostic]]:
    points: list[DataPoint] = []
    problems: list[Diagnostic] = []
    widest = max(columns.area, columns.period, columns.value, *(index for index, _ in columns.only))
    for line, row, column, cell in rows:
        if not any(str(value).strip() for value in row if value is not None):
            continue
        if len(row) <= widest:
            problems.append(
                error(
                    display,
                    line,
                    1,
                    "data-file",
                    _place(cell(0), f"linjen har {len(row)} felter, men skal have mindst {widest + 1}"),
                )
            )
            continue
        if any(index >= len(row) or str(row[index]).strip() != wanted for index, wanted in columns.only):
            continue
        area, period, value = (row[i] for i in (columns.area, columns.period, columns.value))
        period_text = _period_text(period)
        number = _number(value, decimal)
        place = cell(columns.value)
        if number is None:
            points.append(_point(area, period_text, None, value, line, column, cell, columns, place))
            problems.append(
                error(
                    display,
                    line,
                    column(columns.value),
                    "data-number",
                    _place(
                        place,
                        f"'{value}' i kolonnen '{indicator.columns.value}' er ikke et tal; skriv tallet med "
                        f"decimal{'komma' if decimal == ',' else 'punktum'} (fx 24{decimal}1), eller '..' for intet tal",
                    ),
                )
            )
            continue
        points.append(_point(area, period_text, number, value, line, column, cell, columns, place))
    return points, problems


def _point(
    area: Any,
    period: str,
    number: Number | None,
    value: Any,
    line: int,
    column: Callable[[int], int],
    cell: Callable[[int], str],
    columns: _Columns,
    place: str,
) -> DataPoint:
    """The point of one row; a value that is no number (reported) counts as no value for the other checks."""
    return DataPoint(
        area_name(str(area or "")),
        period,
        number.value if number is not None else None,
        str(value if value is not None else ""),
        line,
        column(columns.area),
        cell(columns.area) if place.startswith("celle") else f"linje {line}",
        number.suppressed if number is not None else False,
        column(columns.value),
    )


def _place(cell: str, message: str) -> str:
    return f"{cell}: {message}" if cell.startswith("celle") else message


def _period_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value if value is not None else "").split())


def _number(value: Any, decimal: str) -> Number | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Number(float(value), 0 if float(value).is_integer() else 2)
    return parse_number(str(value if value is not None else ""), decimal)


# --- XLSX --------------------------------------------------------------------------------------------------


def read_xlsx(raw: bytes, display: str, indicator: Indicator) -> tuple[list[DataPoint], list[Diagnostic]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return [], [error(display, 1, 1, "data-file", f"filen kan ikke læses som Excel-fil (.xlsx): {exc}")]
    try:
        if indicator.sheet is not None and indicator.sheet not in book.sheetnames:
            names = ", ".join(f"'{name}'" for name in book.sheetnames)
            return [], [error(display, 1, 1, "data-file", f"arket '{indicator.sheet}' findes ikke; arkene er {names}")]
        sheet = book[indicator.sheet] if indicator.sheet else book.worksheets[0]
        title = sheet.title
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    texts = [[str(value) if value is not None else "" for value in row] for row in rows]
    found = _find_header(texts, indicator)
    if found is None:
        return [], [error(display, 1, 1, "data-file", f"arket '{title}': {_missing_header(texts, indicator)}")]
    header, columns = found

    def cells() -> Iterator[tuple[int, list[Any], Callable[[int], int], Callable[[int], str]]]:
        for number, row in enumerate(rows[header + 1 :], start=header + 2):

            def where(index: int, number: int = number) -> str:
                return f"celle {title}!{get_column_letter(index + 1)}{number}"

            yield number, row, lambda index: index + 1, where

    decimal = indicator.decimal or ","
    return _points(cells(), columns, display, indicator, decimal)
