"""Reading exported data files as they come from eSundhed and Excel: Latin-1 with semicolons and decimal commas,
UTF-8 with BOM, comma-separated with decimal points, XLSX written by openpyxl – and every problem located
(file:line:column in a CSV file, the sheet and cell in an XLSX file), in Danish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from driftsforum_cli.datafiles import decode, read_csv, read_xlsx, sniff_separator
from driftsforum_cli.diagnostics import Diagnostic
from driftsforum_cli.domain.indicators import check_points
from driftsforum_cli.models.indicators import DataPoint
from driftsforum_cli.workspace import load_repository
from tests.helpers.data import make_indicator
from tests.helpers.repos import copy_of_bundled

LATIN1_EXPORT = (
    "Akutte psykiatriske genindlæggelser inden for 30 dage;;;\r\n"
    "Kommune;År;Tæller;Andel (pct.)\r\n"
    "Hjørring;2021;58;24,1\r\n"
    "Hjørring;2022;57;23,0\r\n"
    "Læsø;2021;2;33,3\r\n"
    "Læsø;2022;1;16,7\r\n"
).encode("latin-1")


_indicator = make_indicator


def _values(points: list[DataPoint]) -> list[tuple[str, str, float | None]]:
    return [(p.area, p.period, p.value) for p in points]


def test_latin1_semicolon_decimal_comma_with_a_title_line() -> None:
    points, problems = read_csv(LATIN1_EXPORT, "data/export.csv", _indicator())
    assert problems == []
    assert _values(points) == [
        ("Hjørring", "2021", 24.1),
        ("Hjørring", "2022", 23.0),
        ("Læsø", "2021", 33.3),
        ("Læsø", "2022", 16.7),
    ]
    assert points[0].line == 3 and points[0].column == 1
    assert points[0].value_column == len("Hjørring;2021;58;") + 1


def test_utf8_with_bom_and_kommune_in_the_names() -> None:
    raw = "\ufeffKommune;År;Andel (pct.)\r\nMorsø Kommune;2024;18,1\r\nKøbenhavns Kommune;2024;22,0\r\n".encode()
    points, problems = read_csv(raw, "x.csv", _indicator())
    assert problems == []
    assert _values(points) == [("Morsø", "2024", 18.1), ("København", "2024", 22.0)]


def test_comma_separated_with_decimal_points_and_quotes() -> None:
    raw = b'"Kommune","\xc3\x85r","Andel (pct.)"\n"Thisted","2023","22.2"\n"Thisted","2024","1,234.5"\n'
    assert sniff_separator(raw.decode()) == ","
    points, problems = read_csv(raw, "x.csv", _indicator())
    assert problems == []
    assert _values(points) == [("Thisted", "2023", 22.2), ("Thisted", "2024", 1234.5)]


def test_windows_1252_is_read_when_the_bytes_are_not_utf8() -> None:
    assert decode("Brønderslev – Læsø".encode("cp1252"), None) == "Brønderslev – Læsø"
    assert decode(b"\xef\xbb\xbfHj\xc3\xb8rring", None) == "Hjørring"


def test_missing_values_and_values_the_source_suppressed() -> None:
    raw = "Kommune;År;Andel (pct.)\nLæsø;2021;..\nLæsø;2022;<5\nLæsø;2023;\n".encode("latin-1")
    points, problems = read_csv(raw, "x.csv", _indicator())
    assert problems == []
    assert [(p.value, p.suppressed) for p in points] == [(None, False), (None, True), (None, False)]


def _messages(problems: list[Diagnostic]) -> list[str]:
    return [f"{d.file}:{d.line}:{d.column}: [{d.code}] {d.message}" for d in problems]


def test_text_in_the_number_column_is_located_by_line_and_column() -> None:
    raw = "Kommune;År;Andel (pct.)\nHjørring;2021;24,1\nHjørring;2022;ca. 23\n".encode("latin-1")
    _, problems = read_csv(raw, "forums/nord/data/x.csv", _indicator())
    assert _messages(problems) == [
        "forums/nord/data/x.csv:3:15: [data-number] 'ca. 23' i kolonnen 'Andel (pct.)' er ikke et tal; skriv "
        "tallet med decimalkomma (fx 24,1), eller '..' for intet tal"
    ]


def test_a_column_header_that_is_not_there_is_suggested() -> None:
    raw = "Kommune;Aar;Andel (pct.)\nHjørring;2021;24,1\n".encode("latin-1")
    _, problems = read_csv(raw, "x.csv", _indicator())
    assert len(problems) == 1
    assert problems[0].code == "data-file"
    assert "kolonnen 'År' findes ikke" in problems[0].message
    assert "filens kolonner er 'Kommune', 'Aar', 'Andel (pct.)'" in problems[0].message


def test_unknown_municipality_duplicate_and_missing_period() -> None:
    raw = (
        "Kommune;År;Andel (pct.)\nHjøring;2021;24,1\nHjørring;2021;24,1\nHjørring;2021;24,3\nHjørring;2024;21,5\n"
    ).encode("latin-1")
    points, problems = read_csv(raw, "d.csv", _indicator())
    assert problems == []
    found = _messages(check_points(points, "d.csv"))
    assert found == [
        "d.csv:2:1: [data-area] 'Hjøring' er ikke en dansk kommune eller region; mente du 'Hjørring'?",
        "d.csv:4:1: [data-duplicate] perioden 2021 står to gange for Hjørring (første gang i linje 3); "
        "fjern den ene linje, eller hent udtrækket igen",
        "d.csv:5:1: [data-missing-period] Hjørring mangler 2 år mellem 2021 og 2024; tilføj perioden med en "
        "tom værdi ('..'), hvis kilden ikke har tal for den",
    ]


def test_quarters_are_counted_for_missing_periods() -> None:
    raw = "Kommune;Kvartal;Andel (pct.)\nThisted;2024K3;1\nThisted;2025K1;2\n".encode("latin-1")
    points, _ = read_csv(
        raw, "q.csv", _indicator(columns={"area": "Kommune", "period": "Kvartal", "value": "Andel (pct.)"})
    )
    assert [d.message.split(";")[0] for d in check_points(points, "q.csv")] == [
        "Thisted mangler 1 kvartal mellem 2024K3 og 2025K1"
    ]


def _xlsx(rows: list[list[object]], title: str = "Data") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_numbers_and_text_cells() -> None:
    raw = _xlsx(
        [
            ["Udtræk fra eSundhed"],
            ["Kommune", "År", "Andel (pct.)"],
            ["Thisted", 2023, 22.2],
            ["Thisted", 2024, "21,0"],
            ["Morsø Kommune", 2024.0, 18],
        ]
    )
    points, problems = read_xlsx(raw, "data/x.xlsx", _indicator(file="x.xlsx"))
    assert problems == []
    assert _values(points) == [("Thisted", "2023", 22.2), ("Thisted", "2024", 21.0), ("Morsø", "2024", 18.0)]


def test_xlsx_problems_name_the_sheet_and_cell() -> None:
    raw = _xlsx([["Kommune", "År", "Andel (pct.)"], ["Thisted", 2023, "mangler"], ["Tisted", 2024, 1.5]], "Ark1")
    points, problems = read_xlsx(raw, "data/x.xlsx", _indicator(file="x.xlsx"))
    assert _messages(problems) == [
        "data/x.xlsx:2:3: [data-number] celle Ark1!C2: 'mangler' i kolonnen 'Andel (pct.)' er ikke et tal; "
        "skriv tallet med decimalkomma (fx 24,1), eller '..' for intet tal"
    ]
    assert _messages(check_points(points, "data/x.xlsx")) == [
        "data/x.xlsx:3:1: [data-area] celle Ark1!A3: 'Tisted' er ikke en dansk kommune eller region; mente du 'Thisted'?"
    ]


def test_xlsx_unknown_sheet_and_a_file_that_is_no_workbook() -> None:
    _, problems = read_xlsx(_xlsx([["a"]]), "x.xlsx", _indicator(sheet="Tal"))
    assert problems[0].message == "arket 'Tal' findes ikke; arkene er 'Data'"
    _, problems = read_xlsx(b"not a zip", "x.xlsx", _indicator())
    assert problems[0].code == "data-file"
    assert problems[0].message.startswith("filen kan ikke læses som Excel-fil (.xlsx)")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_of_bundled(tmp_path / "repo")


def test_the_bundled_example_data_loads_without_problems(repo: Path) -> None:
    loaded = load_repository(repo)
    assert loaded.diagnostics() == []
    nord = next(files for files in loaded.forums if files.id == "nord")
    assert nord.indicators is not None and nord.indicators.model is not None
    assert [len(d.model.points) for d in nord.data if d.model is not None] == [35, 35]


def test_an_xlsx_export_in_a_forum_and_a_data_file_that_is_missing(repo: Path) -> None:
    nord = repo / "forums" / "nord"
    (nord / "data" / "faerdig.xlsx").write_bytes(
        _xlsx([["Kommune", "År", "Dage"], ["Hjørring", 2024, 310], ["Hjørring", 2025, "x"]])
    )
    text = (nord / "indicators.yaml").read_text(encoding="utf-8")
    text += (
        "  - id: faerdig\n    title: Færdigbehandlingsdage\n    unit: dage\n"
        "    source: {url: 'https://www.esundhed.dk/', extracted: 2026-08-20}\n"
        "    file: faerdig.xlsx\n    columns: {area: Kommune, period: År, value: Dage}\n"
        "  - id: borte\n    title: Borte\n    unit: dage\n"
        "    source: {url: 'https://www.esundhed.dk/', extracted: 2026-08-20}\n"
        "    file: borte.csv\n    columns: {area: Kommune, period: År, value: Dage}\n"
    )
    (nord / "indicators.yaml").write_text(text, encoding="utf-8")
    found = [
        (d.file.replace("\\", "/").split("forums/")[-1], d.line, d.code) for d in load_repository(repo).diagnostics()
    ]
    assert ("nord/data/faerdig.xlsx", 3, "data-number") in found
    missing = [d for d in load_repository(repo).diagnostics() if d.code == "data-file"]
    assert len(missing) == 1
    assert missing[0].file.endswith("indicators.yaml")
    assert "datafilen data/borte.csv findes ikke" in missing[0].message
