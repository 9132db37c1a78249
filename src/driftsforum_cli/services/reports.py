"""The reports to the Klyngestyregruppe: the status report for a period, and the evaluation template with
the facts since the last evaluation (or the charter's approval)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from driftsforum_cli.render.formats import DocumentFormat
from driftsforum_cli.services.documents import Rendered

ReportKind = Literal["status-report", "evaluation"]

_TITLES: dict[ReportKind, str] = {"status-report": "Statusrapport", "evaluation": "Evaluering af samarbejdsformen"}
_FILE_NAMES: dict[ReportKind, str] = {"status-report": "statusrapport", "evaluation": "evaluering"}


def make_report(
    root: Path,
    forum_id: str,
    kind: ReportKind,
    fmt: DocumentFormat,
    today: date,
    period: tuple[date, date] | None = None,
    now: date | None = None,
) -> Rendered:
    """The report in `fmt`; the evaluation's period (None) runs from the last evaluation until `today`."""
    from driftsforum_cli.domain.seats import name_on
    from driftsforum_cli.domain.status_report import build_status_report
    from driftsforum_cli.render.documents import render_template, secretariat_author
    from driftsforum_cli.render.formats import configured, output_name
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(root, forum_id, today, "rapporten laves", now)
    fmt = configured(fmt, repo.config.model)
    charter = files.forum.model
    assert charter is not None
    start, end = period or (charter.evaluation.last_done or charter.approved.date, today)
    report = build_status_report(files, start, end, repo.calendar, today)
    seats = files.members.model.seats if files.members.model else []
    people = {seat.id: name_on(seat, end) for seat in seats}  # as the seats were held at the period's end
    author = secretariat_author(charter.name, charter.documents.author)
    context: dict[str, object] = {"report": report, "forum": charter, "people": people, "author": author}
    title = f"{_TITLES[kind]} – {charter.name}"
    data = render_template(kind, fmt, context, root, title=title, author=author)
    return Rendered(data, output_name(fmt, f"{_FILE_NAMES[kind]}-{forum_id}-{today.isoformat()}"))
