"""An indicator's line chart as SVG, from the template chart.svg.j2 – by hand, like the årshjul.

Why a template and not a plotting library (matplotlib, plotly, pygal): the chart is a handful of lines, and a
template lets us write exactly what accessibility needs – role="img", a Danish <title> and <desc> that WeasyPrint
turns into the PDF's alt text, Danish numbers with a decimal comma on the axis – and keep it readable in black and
white (each area has its own marker and dash pattern). A library would add tens of megabytes and a start-up cost
to every document, write its own ids and number formats, and need patching to do the same. The geometry is
computed here; the template only writes it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from driftsforum_cli.danish import decimal_number
from driftsforum_cli.domain.indicators import IndicatorView

WIDTH, HEIGHT = 680, 330
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 24, 48
#: One style per area, distinguishable without colour: marker shape and dash pattern (and a dark colour).
STYLES: tuple[tuple[str, str, str], ...] = (
    ("circle", "", "#1a1a1a"),
    ("square", "8 4", "#0b3d91"),
    ("triangle", "2 3", "#8a3200"),
    ("diamond", "10 3 2 3", "#4b2a7a"),
    ("cross", "4 4", "#005a36"),
    ("circle-open", "1 2", "#1a1a1a"),
    ("square-open", "12 2", "#0b3d91"),
)


def nice_top(value: float) -> tuple[float, float]:
    """The axis' top and step: the next 'nice' number (1, 2, 2,5 or 5 × 10^k) above `value`, in 4-5 steps."""
    if value <= 0:
        return 1.0, 0.25
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step - 1e-9), step


def marker_path(shape: str, x: float, y: float, size: float = 5.0) -> str:
    """The SVG path of a marker centred on (x, y)."""
    s = size
    if shape.startswith("square"):
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - s * 1.2:.1f}L{x + s * 1.1:.1f},{y + s * 0.9:.1f}L{x - s * 1.1:.1f},{y + s * 0.9:.1f}Z"
    if shape == "diamond":
        return (
            f"M{x:.1f},{y - s * 1.3:.1f}L{x + s * 1.3:.1f},{y:.1f}L{x:.1f},{y + s * 1.3:.1f}L{x - s * 1.3:.1f},{y:.1f}Z"
        )
    if shape == "cross":
        return f"M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}L{x + s:.1f},{y - s:.1f}"
    return f"M{x - s:.1f},{y:.1f}a{s:.1f},{s:.1f} 0 1,0 {2 * s:.1f},0a{s:.1f},{s:.1f} 0 1,0 {-2 * s:.1f},0Z"


def description(view: IndicatorView) -> str:
    """The chart's Danish description: what it shows, the development and where the numbers are."""
    areas = ", ".join(row.area for row in view.rows)
    text = f"Linjediagram over {view.title.lower()} ({view.unit}) for {areas}, {view.span}. {view.summary}"
    if view.suppressed:
        text += f" Antal under {view.threshold} vises ikke i diagrammet."
    return text + " Tallene står i tabellen under diagrammet."


def chart_context(view: IndicatorView, prefix: str) -> dict[str, Any]:
    values = [cell.value for row in view.rows for cell in row.cells if cell.value is not None]
    top, step = nice_top(max(values, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(view.periods)

    def x_at(index: int) -> float:
        return LEFT + (plot_w * (index + 0.5) / count if count else 0)

    def y_at(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    axis_decimals = 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)
    ticks = []
    for number in range(round(top / step) + 1):
        value = number * step
        ticks.append({"y": round(y_at(value), 1), "label": decimal_number(value, axis_decimals)})
    series = []
    for index, row in enumerate(view.rows):
        shape, dash, colour = STYLES[index % len(STYLES)]
        points = [(x_at(i), y_at(cell.value)) for i, cell in enumerate(row.cells) if cell.value is not None]
        segments: list[str] = []
        run: list[str] = []
        for i, cell in enumerate(row.cells):
            if cell.value is None:
                if len(run) > 1:
                    segments.append("M" + "L".join(run))
                run = []
                continue
            run.append(f"{x_at(i):.1f},{y_at(cell.value):.1f}")
        if len(run) > 1:
            segments.append("M" + "L".join(run))
        legend_y = TOP + 14 + index * 24
        series.append(
            {
                "area": row.area,
                "path": "".join(segments),
                "dash": dash,
                "colour": colour,
                "filled": not shape.endswith("-open"),
                "markers": "".join(marker_path(shape.removesuffix("-open"), x, y) for x, y in points),
                "legend_y": legend_y,
                "legend_marker": marker_path(shape.removesuffix("-open"), WIDTH - RIGHT + 34, legend_y),
            }
        )
    return {
        "id": f"{prefix}-{view.id}",
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "legend_x": WIDTH - RIGHT + 18,
        "title": f"Diagram: {view.caption}, {view.span}",
        "description": description(view),
        "ticks": ticks,
        "periods": [{"x": round(x_at(i), 1), "label": period} for i, period in enumerate(view.periods)],
        "series": series,
        "unit": view.unit,
        "note": f"< {view.threshold} vises ikke" if view.suppressed else "",
    }


def render_svg(view: IndicatorView, repo_root: Path | None, *, prefix: str = "diagram", standalone: bool = True) -> str:
    """The chart as an SVG document (`standalone`: with the XML declaration, for a file of its own)."""
    from driftsforum_cli.render.templates import template_environment

    env = template_environment(repo_root, html=True)
    context = chart_context(view, prefix)
    return env.get_template("chart.svg.j2").render(**context, standalone=standalone)


def chart_filter(env: Any, view: IndicatorView, prefix: str = "diagram") -> Any:
    """The Jinja filter `chart_svg`: the chart inline in an HTML document (autoescaped values, marked safe)."""
    from markupsafe import Markup

    html = env.get_template("chart.svg.j2").render(**chart_context(view, prefix), standalone=False)
    return Markup(html)  # rendered by an autoescaping template from our own numbers and texts
