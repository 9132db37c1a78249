"""The deadline calendar as a Danish table, JSON or CSV (the ICS export is render/ics.py).

No Babel and no Rich here: `driftsforum calendar` must start fast; the Danish (weekdays, dates, 'uge 14',
'1 dag') comes from driftsforum_cli.danish.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from driftsforum_cli.danish import WEEKDAYS, plural, short_date, week
from driftsforum_cli.domain.deadlines import Event
from driftsforum_cli.render.table import text_table

# What 'done' means for each kind of event, in Danish.
_DONE = {
    "meeting": "afholdt",
    "joint_meeting": "afholdt",
    "agenda_due": "udsendt",
    "minutes_due": "udsendt",
    "comments_due": "afsluttet",
    "minutes_approved": "godkendt",
    "evaluation_due": "udført",
    "data_stale": "hentet",
}
_STATUS = {"planned": "planlagt", "overdue": "overskredet", "cancelled": "aflyst"}

JSON_KEYS = ("forum", "meeting", "event", "date", "nominal_date", "moved_reason", "status", "title")


def status_label(event: Event) -> str:
    """'planlagt', 'overskredet', 'aflyst' (a cancelled meeting), or what 'done' means for the event: 'udsendt 26.02.2026', 'afholdt',
    'udsendt 28.08.2026 (1 dag for sent)'…"""
    if event.status != "done":
        return _STATUS[event.status]
    label = _DONE[event.kind]
    if event.recorded is not None and event.recorded != event.date:
        label += f" {short_date(event.recorded)}"
        if event.recorded > event.date:
            label += f" ({days_left(event.date, event.recorded)})"
    return label


def to_json(events: Sequence[Event]) -> str:
    """A list of objects with exactly the keys in JSON_KEYS, in the events' (date) order."""
    rows: list[dict[str, Any]] = [
        {
            "forum": event.forum,
            "meeting": event.meeting.isoformat() if event.meeting else None,
            "event": event.kind,
            "date": event.date.isoformat(),
            "nominal_date": event.nominal_date.isoformat(),
            "moved_reason": event.moved_reason,
            "status": event.status,
            "title": event.title,
        }
        for event in events
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


CSV_HEADER = ("Ugedag", "Dato", "Uge", "Hændelse", "Forum", "Møde", "Status", "Oprindelig dato", "Flyttet")


def to_csv(events: Sequence[Event]) -> str:
    """Semicolon-separated with Danish headers (as Danish spreadsheets expect) and ISO dates."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for event in events:
        writer.writerow(
            (
                WEEKDAYS[event.date.weekday()],
                event.date.isoformat(),
                event.date.isocalendar().week,
                event.title,
                event.forum,
                event.meeting.isoformat() if event.meeting else "",
                status_label(event),
                event.nominal_date.isoformat(),
                event.moved_reason or "",
            )
        )
    return buffer.getvalue()


TABLE_HEADER = ("Ugedag", "Dato", "Uge", "Hændelse", "Forum", "Status", "Flyttet")


def calendar_table(events: Sequence[Event]) -> str:
    rows = [
        (
            WEEKDAYS[event.date.weekday()],
            short_date(event.date),
            week(event.date),
            event.title,
            event.forum,
            status_label(event),
            event.moved_reason or "",
        )
        for event in events
    ]
    return "\n".join(text_table(TABLE_HEADER, rows)) + "\n"


def days_left(day: date, today: date) -> str:
    """'i dag', 'i morgen', 'om 3 dage', '1 dag for sent', '5 dage for sent'."""
    delta = (day - today).days
    if delta == 0:
        return "i dag"
    if delta == 1:
        return "i morgen"
    if delta > 1:
        return f"om {plural(delta, 'dag', 'dage')}"
    return f"{plural(-delta, 'dag', 'dage')} for sent"


DUE_HEADER = ("Status", "Frist", "Ugedag", "Dato", "Uge", "Opgave", "Forum", "Flyttet")


def due_table(events: Sequence[Event], today: date, color: bool) -> str:
    """The secretariat's to-do list; overdue rows in red when `color`."""
    rows = [
        (
            _STATUS[event.status].upper() if event.status == "overdue" else _STATUS[event.status],
            days_left(event.date, today),
            WEEKDAYS[event.date.weekday()],
            short_date(event.date),
            week(event.date),
            event.title,
            event.forum,
            event.moved_reason or "",
        )
        for event in events
    ]
    lines = text_table(DUE_HEADER, rows)
    if color:
        red, reset = "\x1b[1;31m", "\x1b[0m"
        lines[2:] = [
            f"{red}{line}{reset}" if event.status == "overdue" else line
            for line, event in zip(lines[2:], events, strict=True)
        ]
    return "\n".join(lines) + "\n"
