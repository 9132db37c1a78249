"""The actions list as a Danish table (overdue ones in red on a terminal) or JSON."""

from __future__ import annotations

import json
from datetime import date

from driftsforum_cli.danish import short_date
from driftsforum_cli.domain.actions import ActionRow
from driftsforum_cli.render.table import text_table

RED, RESET = "\x1b[1;31m", "\x1b[0m"


def actions_json(rows: list[ActionRow]) -> str:
    return json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2)


def _short(day: date | None) -> str:
    return short_date(day) if day else "–"


def actions_table(rows: list[ActionRow], *, color: bool) -> str:
    table = text_table(
        ("Status", "Handling", "Ansvarlig", "Deadline", "Aftalt", "Lukket", "Forum"),
        [
            (
                "OVERSKREDET" if row.overdue else ("åben" if row.tracked.closed is None else "lukket"),
                row.tracked.action.what,
                row.owner_name,
                _short(row.tracked.action.due),
                _short(row.tracked.created),
                _short(row.tracked.closed),
                row.forum,
            )
            for row in rows
        ],
    )
    if color:
        table[2:] = [f"{RED}{line}{RESET}" if row.overdue else line for line, row in zip(table[2:], rows, strict=True)]
    return "\n".join(table)
