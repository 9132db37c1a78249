"""The `data` command as workflows: the indicators of the forums with their latest period and age, and one
indicator as a table, CSV or SVG (small counts hidden, as in every document)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from driftsforum_cli.domain.indicators import IndicatorView, Status, forum_data, statuses
from driftsforum_cli.errors import UserError

ShowFormat = Literal["table", "csv", "svg"]


@dataclass(frozen=True)
class ForumIndicators:
    forum: str
    statuses: list[Status]
    note: str | None = None  # Danish: why the forum's indicators cannot be shown


def list_indicators(root: Path, forum_id: str | None, today: date) -> list[ForumIndicators]:
    """Every forum's indicators (or one forum's), with their latest period and the age of their extract."""
    from driftsforum_cli.services.gate import load_forums

    found: list[ForumIndicators] = []
    for files in load_forums(root, forum_id).forums:
        if files.indicators is None:
            found.append(ForumIndicators(files.id, [], "ingen indicators.yaml"))
            continue
        data = forum_data(files)
        if data is None:
            found.append(ForumIndicators(files.id, [], "indicators.yaml har fejl – kør 'driftsforum validate'"))
            continue
        found.append(ForumIndicators(files.id, statuses(data, today)))
    return found


def indicator_view(root: Path, forum_id: str, indicator_id: str, today: date, now: date | None = None) -> IndicatorView:
    """One indicator of a forum as the documents show it, through the gate."""
    from driftsforum_cli.services.gate import open_forum

    _, files = open_forum(root, forum_id, today, "indikatoren vises", now)
    data = forum_data(files)
    known = [indicator.id for indicator in data.settings.indicators] if data is not None else []
    view = data.view(indicator_id) if data is not None else None
    if view is None:
        from driftsforum_cli.messages import suggest

        guess = suggest(indicator_id, known)
        hint = f"; mente du '{guess}'?" if guess else ""
        raise UserError(
            f"forummet '{forum_id}' har ingen indikator '{indicator_id}'{hint} "
            f"(kendte: {', '.join(known) or 'ingen'}); indikatorerne står i forums/{forum_id}/indicators.yaml"
        )
    return view


def show_indicator(
    root: Path, forum_id: str, indicator_id: str, fmt: ShowFormat, today: date, now: date | None = None
) -> bytes:
    """The indicator as a text table, a Danish CSV file (semicolon, decimal comma, UTF-8 with BOM for Excel)
    or an SVG chart."""
    from driftsforum_cli.render import indicators as render

    view = indicator_view(root, forum_id, indicator_id, today, now)
    if fmt == "csv":
        return render.csv_bytes(view)
    if fmt == "svg":
        from driftsforum_cli.render.chart import render_svg

        return render_svg(view, root).encode("utf-8")
    return render.text(view).encode("utf-8")
