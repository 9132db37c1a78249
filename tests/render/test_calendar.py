"""The calendar's Danish table, CSV and JSON."""

from __future__ import annotations

import json
from datetime import date

from driftsforum_cli.danish import week
from driftsforum_cli.domain.deadlines import Event
from driftsforum_cli.render.calendar import (
    JSON_KEYS,
    calendar_table,
    days_left,
    due_table,
    status_label,
    to_csv,
    to_json,
)


def event(**fields: object) -> Event:
    values: dict[str, object] = {
        "forum": "nord",
        "forum_name": "Driftsforum Voksenpsykiatri – Klynge Nord",
        "forum_short": "Voksenpsykiatri Nord",
        "meeting": date(2026, 4, 20),
        "kind": "agenda_due",
        "date": date(2026, 4, 1),
        "nominal_date": date(2026, 4, 6),
        "moved_reason": "flyttet fra anden påskedag",
        "status": "planned",
        "title": "Dagsorden til mødet den 20. april 2026 udsendes",
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def test_iso_week_uses_the_iso_year() -> None:
    assert week(date(2026, 4, 1)) == "uge 14"
    assert week(date(2027, 1, 1)) == "uge 53"


def test_status_labels_are_danish() -> None:
    assert status_label(event()) == "planlagt"
    assert status_label(event(status="overdue")) == "overskredet"
    assert status_label(event(status="done", recorded=date(2026, 3, 31))) == "udsendt 31.03.2026"
    assert status_label(event(status="done", recorded=date(2026, 4, 1))) == "udsendt"
    assert status_label(event(status="done", recorded=date(2026, 4, 2))) == "udsendt 02.04.2026 (1 dag for sent)"
    assert status_label(event(kind="meeting", status="done")) == "afholdt"


def test_days_left() -> None:
    today = date(2026, 4, 1)
    assert days_left(date(2026, 4, 1), today) == "i dag"
    assert days_left(date(2026, 4, 2), today) == "i morgen"
    assert days_left(date(2026, 4, 5), today) == "om 4 dage"
    assert days_left(date(2026, 3, 31), today) == "1 dag for sent"
    assert days_left(date(2026, 3, 25), today) == "7 dage for sent"


def test_table_row_is_danish() -> None:
    lines = calendar_table([event()]).splitlines()
    assert lines[0].split() == ["Ugedag", "Dato", "Uge", "Hændelse", "Forum", "Status", "Flyttet"]
    assert lines[2].startswith("onsdag  01.04.2026  uge 14  Dagsorden til mødet den 20. april 2026 udsendes")
    assert lines[2].endswith("nord   planlagt  flyttet fra anden påskedag")


def test_json_has_exactly_the_documented_keys() -> None:
    (row,) = json.loads(to_json([event()]))
    assert tuple(row) == JSON_KEYS
    assert row == {
        "forum": "nord",
        "meeting": "2026-04-20",
        "event": "agenda_due",
        "date": "2026-04-01",
        "nominal_date": "2026-04-06",
        "moved_reason": "flyttet fra anden påskedag",
        "status": "planned",
        "title": "Dagsorden til mødet den 20. april 2026 udsendes",
    }
    (evaluation,) = json.loads(to_json([event(kind="evaluation_due", meeting=None, moved_reason=None)]))
    assert evaluation["meeting"] is None
    assert evaluation["moved_reason"] is None


def test_csv_is_semicolon_separated_with_danish_headers() -> None:
    lines = to_csv([event()]).splitlines()
    assert lines[0] == "Ugedag;Dato;Uge;Hændelse;Forum;Møde;Status;Oprindelig dato;Flyttet"
    assert lines[1] == (
        "onsdag;2026-04-01;14;Dagsorden til mødet den 20. april 2026 udsendes;nord;2026-04-20;planlagt;"
        "2026-04-06;flyttet fra anden påskedag"
    )


def test_due_table_marks_overdue_rows_in_red_only_with_colour() -> None:
    rows = [event(status="overdue", date=date(2026, 3, 30)), event(date=date(2026, 4, 8), moved_reason=None)]
    plain = due_table(rows, date(2026, 4, 1), color=False)
    assert "\x1b[" not in plain
    assert plain.splitlines()[2].startswith("OVERSKREDET  2 dage for sent")
    coloured = due_table(rows, date(2026, 4, 1), color=True).splitlines()
    assert coloured[2].startswith("\x1b[1;31mOVERSKREDET")
    assert "\x1b[" not in coloured[3]
