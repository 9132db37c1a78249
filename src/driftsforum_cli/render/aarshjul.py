"""The årshjul as a self-contained, accessible SVG (and an HTML page around it), readable in black and
white: shapes and text labels carry the meaning, never colour alone."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from driftsforum_cli.danish import DOCUMENT_TITLES, MONTHS, clock, full_date, long_date, plural, short_date, week
from driftsforum_cli.domain.aarshjul import DisplacedTask, Wheel, WheelMeeting
from driftsforum_cli.domain.documents import Displaced

#: CLDR's abbreviated Danish months: 'jan.', 'feb.', …, 'maj' (a name of three letters stays whole).
MONTHS_SHORT = tuple(name if len(name) <= 3 else f"{name[:3]}." for name in MONTHS)
#: The wheel's centre: its top (CY - R_OUT) stays 32 px below the visible title's baseline (y 40), clear of it.
CX, CY = 360.0, 392.0
R_OUT, R_MONTH_IN, R_MEETING, R_EVALUATION = 320.0, 262.0, 215.0, 82.0
#: The ring of agreements (Plandisc's way): each meeting owns the arc around it, split into one labelled segment
#: per agreement it takes up.
R_RING_OUT, R_RING_IN = 188.0, 118.0
PANEL_X = 740.0
#: The panel's lines are wrapped at this many characters (titles are never cut off).
LINE_MAX = 62


def _angle(day: date) -> float:
    """Degrees clockwise from the top (1 January) to `day`."""
    start = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - start).days
    return 360.0 * ((day - start).days + 0.5) / days


def _point(radius: float, degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees - 90.0)
    return (round(CX + radius * math.cos(radians), 2), round(CY + radius * math.sin(radians), 2))


def _sector(month: int, year: int) -> str:
    start = _angle(date(year, month, 1)) - 360.0 * 0.5 / 365
    end = _angle(date(year + (month == 12), month % 12 + 1, 1)) - 360.0 * 0.5 / 365 if month < 12 else 360.0
    x1, y1 = _point(R_OUT, start)
    x2, y2 = _point(R_OUT, end)
    x3, y3 = _point(R_MONTH_IN, end)
    x4, y4 = _point(R_MONTH_IN, start)
    return f"M {x1} {y1} A {R_OUT} {R_OUT} 0 0 1 {x2} {y2} L {x3} {y3} A {R_MONTH_IN} {R_MONTH_IN} 0 0 0 {x4} {y4} Z"


def _wrapped(text: str, width: int = LINE_MAX) -> list[str]:
    """A panel line in full, wrapped (the continuation indented a little)."""
    return textwrap.wrap(text, width, subsequent_indent="  ", break_on_hyphens=False) or [text]


def _arc(start: float, end: float) -> str:
    """A segment of the agreement ring from `start` to `end` degrees (clockwise from the top)."""
    large = 1 if end - start > 180 else 0
    x1, y1 = _point(R_RING_OUT, start)
    x2, y2 = _point(R_RING_OUT, end)
    x3, y3 = _point(R_RING_IN, end)
    x4, y4 = _point(R_RING_IN, start)
    return (
        f"M {x1} {y1} A {R_RING_OUT} {R_RING_OUT} 0 {large} 1 {x2} {y2} L {x3} {y3} "
        f"A {R_RING_IN} {R_RING_IN} 0 {large} 0 {x4} {y4} Z"
    )


def _segments(wheel: Wheel) -> list[dict[str, object]]:
    """One ring segment per agreement: a meeting's arc reaches halfway to the meetings before and after it."""
    shown = [item for item in wheel.meetings if not item.cancelled]
    angles = [_angle(item.meeting.date) for item in shown]
    segments: list[dict[str, object]] = []
    for index, item in enumerate(shown):
        before = angles[index - 1] if index else angles[-1] - 360.0
        after = angles[index + 1] if index + 1 < len(angles) else angles[0] + 360.0
        if len(shown) == 1:
            before, after = angles[0] - 180.0, angles[0] + 180.0
        start, end = (before + angles[index]) / 2 + 1.0, (angles[index] + after) / 2 - 1.0
        count = len(item.agreements)
        for place, agreement in enumerate(item.agreements):
            first = start + (end - start) * place / count
            last = start + (end - start) * (place + 1) / count
            x, y = _point((R_RING_OUT + R_RING_IN) / 2, (first + last) / 2)
            segments.append(
                {
                    "path": _arc(first, last),
                    "id": agreement.id,
                    "meeting": item.meeting.date.isoformat(),
                    "shade": index % 2 == 0,
                    "x": x,
                    "y": y,
                    "label": f"Samarbejdsaftale {agreement.id}: {agreement.title} (møde {full_date(item.meeting.date)})",
                }
            )
    return segments


def _joint(item: WheelMeeting) -> str | None:
    joint = item.meeting.joint_meeting
    if joint is None or item.cancelled:
        return None
    return f"Fællesmøde med {joint.partner} kl. {clock(joint.start)}–{clock(joint.end)}"


@dataclass(frozen=True)
class _Line:
    y: float
    text: str
    bold: bool = False


def svg_context(wheel: Wheel) -> dict[str, object]:
    year = wheel.year
    months = []
    for month in range(1, 13):
        middle = (_angle(date(year, month, 1)) + _angle(date(year, month, 28))) / 2
        x, y = _point((R_OUT + R_MONTH_IN) / 2, middle)
        months.append(
            {"path": _sector(month, year), "shade": month % 2 == 0, "label": MONTHS_SHORT[month - 1], "x": x, "y": y}
        )
    meetings = []
    ticks = []
    lines: list[_Line] = []
    y = 96.0
    for item in wheel.meetings:
        meeting = item.meeting
        x, cy = _point(R_MEETING, _angle(meeting.date))
        mark = str(item.number) if item.number is not None else "X"
        kind = "ordinært møde" if item.number is not None else f"{meeting.kind} møde"
        label = f"{kind} {full_date(meeting.date)}" + (" – aflyst" if item.cancelled else "")
        meetings.append(
            {
                "x": x,
                "y": cy,
                "mark": mark,
                "square": item.number is None,
                "cancelled": item.cancelled,
                "label": label,
                "joint": _joint(item),
            }
        )
        for event in item.deadlines:
            angle = _angle(event.date)
            x1, y1 = _point(R_MONTH_IN, angle)
            agenda = event.kind == "agenda_due"
            x2, y2 = _point(R_MONTH_IN - (26 if agenda else 16), angle)
            ticks.append(
                {
                    "x1": x1,
                    "y1": y1,
                    "x2": x2,
                    "y2": y2,
                    "dashed": not agenda,
                    "label": f"{event.title}: {full_date(event.date)}",
                }
            )
        lines.append(
            _Line(y, f"{mark} · {full_date(meeting.date)}" + (" – aflyst" if item.cancelled else ""), bold=True)
        )
        y += 20
        if item.cancelled:
            y += 10
            continue
        joint = _joint(item)
        texts = [f"Aftale {a.id}: {a.title}" for a in item.agreements] + [f"Opgave: {task}" for task in item.tasks]
        for text in [*texts, *([joint] if joint else [])]:
            for part in _wrapped(text):
                lines.append(_Line(y, part))
                y += 18
        if not item.agreements and not item.tasks:
            lines.append(_Line(y, "Ingen samarbejdsaftaler eller faste opgaver"))
            y += 18
        y += 10
    evaluation = None
    if wheel.evaluation is not None:
        x, ey = _point(R_EVALUATION, _angle(wheel.evaluation.date))
        evaluation = {"x": x, "y": ey, "label": f"Evaluering senest {full_date(wheel.evaluation.date)}"}
    if wheel.unplanned or wheel.displaced or wheel.displaced_tasks:
        lines.append(_Line(y, "Uden plads i årshjulet:", bold=True))
        y += 20
        texts = [f"Aftale {agreement.id}: {agreement.title}" for agreement in wheel.unplanned]
        for moved in wheel.displaced:
            texts += [f"Aftale {moved.agreement.id}: {moved.agreement.title}", displaced_text(moved)]
        for lost in wheel.displaced_tasks:
            texts += [f"Opgave: {lost.title}", displaced_text(lost)]
        for text in texts:
            for part in _wrapped(text):
                lines.append(_Line(y, part))
                y += 18
    if not wheel.meetings:
        lines.append(_Line(y, f"Ingen møder i {year}.", bold=True))
        y += 20
    legend_y = max(y + 20, 560.0)
    height = max(legend_y + (160 if wheel.evaluation is not None else 136), CY + R_OUT + 28)
    return {
        "wheel": wheel,
        "title": f"Årshjul {year} – {wheel.forum.name}",
        "months": months,
        "meetings": meetings,
        "ticks": ticks,
        "segments": _segments(wheel),
        "r_ring_out": R_RING_OUT,
        "r_ring_in": R_RING_IN,
        "evaluation": evaluation,
        "lines": lines,
        "panel_x": PANEL_X,
        "legend_y": legend_y,
        "width": 1320,  # the legend's longest line in DejaVu Sans 14 px ends at about 1 285
        "height": height,
        "cx": CX,
        "cy": CY,
        "r_out": R_OUT,
        "r_in": R_MONTH_IN,
        "description": describe(wheel),
    }


def displaced_text(moved: Displaced | DisplacedTask) -> str:
    """'Mødet den 8. juni 2027 er aflyst; foreslået: mødet den 7. september 2027'."""
    suggestion = (
        f"foreslået: mødet den {long_date(moved.suggested.date)}"
        if moved.suggested is not None
        else "intet senere møde er planlagt"
    )
    return f"Mødet den {long_date(moved.cancelled.date)} er aflyst; {suggestion}"


def describe(wheel: Wheel) -> str:
    """The wheel in words, for <desc> and screen readers."""
    parts = [f"Årshjul for {wheel.forum.name} i {wheel.year} med {plural(len(wheel.meetings), 'møde', 'møder')}."]
    for item in wheel.meetings:
        name = f"Møde {item.number}" if item.number is not None else "Ekstra møde"
        if item.cancelled:
            parts.append(f"{name} {full_date(item.meeting.date)} er aflyst.")
            continue
        what = [f"aftale {a.id} {a.title}" for a in item.agreements] + item.tasks
        joint = _joint(item)
        if joint:
            what.append(joint[0].lower() + joint[1:])
        parts.append(f"{name} {full_date(item.meeting.date)}: {'; '.join(what) if what else 'ingen aftaler'}.")
    for moved in wheel.displaced:
        parts.append(f"Aftale {moved.agreement.id} {moved.agreement.title} har ingen plads: {displaced_text(moved)}.")
    for task in wheel.displaced_tasks:
        parts.append(f"Opgaven {task.title} har intet møde: {displaced_text(task)}.")
    if wheel.evaluation is not None:
        parts.append(f"Evalueringen skal afrapporteres senest {full_date(wheel.evaluation.date)}.")
    return " ".join(parts)


def render_svg(wheel: Wheel, repo_root: Path | None, *, inline: bool = False) -> str:
    """The standalone SVG; `inline` leaves out its visible title for a page that has the title as heading."""
    from driftsforum_cli.render.templates import template_environment

    env = template_environment(repo_root, html=True)
    return env.get_template("aarshjul.svg.j2").render(svg_context(wheel), inline=inline)


def render_png(wheel: Wheel, repo_root: Path | None, *, scale: float = 2.0) -> bytes:
    """The drawing (with its visible title) as a PNG, `scale` pixels per SVG pixel: 2 gives 2640 pixels across,
    sharp on a slide and in print."""
    from driftsforum_cli.render.raster import svg_to_png

    return svg_to_png(render_svg(wheel, repo_root), scale=scale)


def render_html(wheel: Wheel, repo_root: Path | None) -> str:
    from markupsafe import Markup

    from driftsforum_cli.render.templates import template_environment

    env = template_environment(repo_root, html=True)
    svg = Markup(render_svg(wheel, repo_root, inline=True).split("?>", 1)[-1])  # our own escaped SVG, inline
    return env.get_template("aarshjul.html.j2").render(
        wheel=wheel, svg=svg, title=f"Årshjul {wheel.year} – {wheel.forum.name}", displaced_text=displaced_text
    )


def render_table(wheel: Wheel) -> str:
    """The årshjul as a Danish text table: meetings, agreements, fixed tasks and the two deadlines."""
    from driftsforum_cli.render.table import text_table

    rows = []
    for item in wheel.meetings:
        due = {event.kind: short_date(event.date) for event in item.deadlines}
        rows.append(
            (
                (str(item.number) if item.number is not None else item.meeting.kind)
                + (" (aflyst)" if item.cancelled else ""),
                f"{full_date(item.meeting.date)} ({week(item.meeting.date)})",
                "; ".join(f"{a.id}: {a.title}" for a in item.agreements) or "–",
                "; ".join(item.tasks) or "–",
                due.get("agenda_due", "–"),
                due.get("minutes_due", "–"),
            )
        )
    due_columns = tuple(f"{DOCUMENT_TITLES[kind]} senest" for kind in ("agenda", "minutes"))
    header = ("Møde", "Dato", "Samarbejdsaftaler", "Faste opgaver", *due_columns)
    lines = [f"Årshjul {wheel.year} – {wheel.forum.name}", ""]
    if not rows:
        lines.append(f"Ingen møder i {wheel.year}. Opret mødefilerne med 'driftsforum meeting new'.")
    else:
        lines += text_table(header, rows)
    joints = [(item, _joint(item)) for item in wheel.meetings if _joint(item)]
    if joints:
        lines += ["", "Fællesmøder i forlængelse af møderne:"]
        lines += [f"  {full_date(item.meeting.date)}: {text}" for item, text in joints]
    if wheel.unplanned:
        lines += [
            "",
            "Aktive samarbejdsaftaler uden plads i årshjulet: "
            + "; ".join(f"{a.id}: {a.title}" for a in wheel.unplanned),
        ]
    if wheel.displaced:
        lines += ["", "Samarbejdsaftaler uden plads, fordi mødet er aflyst:"]
        lines += [f"  {moved.agreement.id}: {displaced_text(moved)}" for moved in wheel.displaced]
    if wheel.displaced_tasks:
        lines += ["", "Faste opgaver uden møde, fordi mødet er aflyst:"]
        lines += [f"  {task.title}: {displaced_text(task)}" for task in wheel.displaced_tasks]
    return "\n".join(lines) + "\n"


def render_pdf(wheel: Wheel, repo_root: Path | None, variant: str | None = None) -> bytes:
    """The HTML page (wheel and table) as a tagged PDF, for print and the archive (`variant`: PDF/UA-1 or
    PDF/A-2a, None: the default)."""
    from driftsforum_cli.render.pdf import html_to_pdf

    title = f"Årshjul {wheel.year} – {wheel.forum.name}"
    author = wheel.forum.documents.author or f"Sekretariatet for {wheel.forum.name}"
    return html_to_pdf(render_html(wheel, repo_root), base_url=None, title=title, author=author, variant=variant)
