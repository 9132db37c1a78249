"""The decision register as a Danish table for the terminal, as JSON, or as CSV for Excel (semicolons,
UTF-8 with BOM, as Danish Excel opens it)."""

from __future__ import annotations

import csv
import io
import json

from driftsforum_cli.danish import short_date
from driftsforum_cli.domain.decisions import Hit, Record
from driftsforum_cli.render.table import text_table

_WIDTH = 60
CSV_COLUMNS = (
    "score",
    "forum",
    "forum_name",
    "meeting",
    "kind",
    "title",
    "text",
    "agreements",
    "joint_with",
    "closed_item",
    "escalation",
    "action_id",
    "owner",
    "due",
    "fate",
    "closed_on",
)


def _cut(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _WIDTH else line[: _WIDTH - 1].rstrip() + "…"


def _what(record: Record) -> str:
    if record.kind == "handling":
        fate: str = record.fate or ""
        if record.closed_on:
            fate += f" {short_date(record.closed_on)}"
        owner = f", {record.owner}" if record.owner else ""
        return f"{fate}{owner}"
    marks = [*record.agreements]
    if record.joint_with:
        marks.append(f"fællesmøde med {record.joint_with}")
    if record.closed_item:
        marks.append("lukket punkt")
    return ", ".join(marks)


def decisions_table(hits: list[Hit]) -> str:
    rows = [
        (
            short_date(hit.record.meeting),
            hit.record.forum,
            hit.record.kind,
            _cut(hit.record.title),
            _cut(hit.record.text) if hit.record.kind == "beslutning" else "",
            _what(hit.record),
        )
        for hit in hits
    ]
    return "\n".join(text_table(("Møde", "Forum", "Type", "Punkt/handling", "Beslutning", "Aftaler/status"), rows))


def decisions_json(hits: list[Hit]) -> str:
    return json.dumps(
        [{"score": round(hit.score, 2), **hit.record.as_json()} for hit in hits], ensure_ascii=False, indent=2
    )


def decisions_csv(hits: list[Hit]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        row = {"score": f"{hit.score:.2f}".replace(".", ","), **hit.record.as_json()}
        row["agreements"] = ", ".join(hit.record.agreements)
        row["closed_item"] = "ja" if hit.record.closed_item else "nej"
        writer.writerow(["" if row[column] is None else str(row[column]) for column in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()
