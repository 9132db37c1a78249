"""An indicator for the terminal (a table with its summary and source) and as a Danish CSV file."""

from __future__ import annotations

import csv
import io

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.indicators import IndicatorView, Status
from driftsforum_cli.render.table import text_table


def text(view: IndicatorView) -> str:
    header = ["Område", *view.periods]
    rows = [[row.area, *(cell.text for cell in row.cells)] for row in view.rows]
    lines = [f"{view.caption}, {view.span}", "", *text_table(header, rows), "", view.summary, view.source_line]
    if view.indicator.example:
        lines.append("Opdigtede eksempeldata.")
    if view.suppressed:
        lines.append(view.suppression_note)
    return "\n".join(lines) + "\n"


def csv_bytes(view: IndicatorView) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM and CRLF: what Excel on a Danish Windows opens."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Område", *view.periods])
    for row in view.rows:
        writer.writerow([row.area, *(cell.text if cell.text != "–" else "" for cell in row.cells)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def status_table(forum: str, statuses: list[Status]) -> list[list[str]]:
    """Rows of `data`'s list: forum, id, title, latest period, extract date and age."""
    rows = []
    for status in statuses:
        indicator = status.indicator
        age = f"{status.age_days} dage"
        rows.append(
            [
                forum,
                indicator.id,
                indicator.title + (" (eksempel)" if indicator.example else ""),
                status.latest or "–",
                long_date(indicator.source.extracted),
                age,
            ]
        )
    return rows
