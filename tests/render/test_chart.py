"""The indicator chart as a reader gets it: the SVG's accessibility attributes (golden), readable in black and
white, Danish numbers; an agenda with charts through axe-core in Chromium; the PDF with the chart as vector
graphics and its alt text."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pikepdf

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.domain.indicators import IndicatorView, forum_data
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.chart import STYLES, nice_top, render_svg
from driftsforum_cli.render.documents import render_document, render_html
from driftsforum_cli.workspace import bundled_root, load_repository
from tests.helpers import RunCli
from tests.helpers.browser import Chromium, serve_directory

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 9, 1)


def _nord_views() -> list[IndicatorView]:
    repo = load_repository(bundled_root())
    files = next(files for files in repo.forums if files.id == "nord")
    data = forum_data(files)
    assert data is not None
    views = data.views(["genindl-30", "genindl-30-antal"])
    assert len(views) == 2
    return views


def _agenda(forum: str, day: date) -> str:
    repo = load_repository(bundled_root())
    files = next(files for files in repo.forums if files.id == forum)
    doc = build_document("agenda", files, pick_meeting(files, day, TODAY), WorkCalendar(), TODAY)
    return render_html(doc, None)


def test_svg_accessibility_attributes_golden() -> None:
    view = _nord_views()[0]
    svg = render_svg(view, None, prefix="diagram-punkt-6")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    root = ET.fromstring(svg.split("\n", 1)[1])
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == "da"
    assert root.get("aria-labelledby") == "diagram-punkt-6-genindl-30-titel diagram-punkt-6-genindl-30-beskrivelse"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert (title.get("id"), desc.get("id")) == (
        "diagram-punkt-6-genindl-30-titel",
        "diagram-punkt-6-genindl-30-beskrivelse",
    )
    assert title.text == "Diagram: Akutte psykiatriske genindlæggelser inden for 30 dage (%), 2019–2025"
    assert desc.text == (
        "Linjediagram over akutte psykiatriske genindlæggelser inden for 30 dage (%) for Hjørring, Brønderslev, "
        "Frederikshavn, Jammerbugt, 2019–2025. Hjørring: faldet fra 26,2 % i 2019 til 21,8 % i 2025; Brønderslev: "
        "faldet fra 22,4 % i 2019 til 20,9 % i 2025; Frederikshavn: faldet fra 27,4 % i 2019 til 23,9 % i 2025; "
        "Jammerbugt: steget fra 19,8 % i 2019 til 20,9 % i 2025. Tallene står i tabellen under diagrammet."
    )
    # the drawing itself is hidden from screen readers: the title, the description and the table say it all
    assert [g.get("aria-hidden") for g in root.findall(f"{SVG}g")] == ["true"]


def test_readable_in_black_and_white_and_danish_numbers() -> None:
    view = _nord_views()[0]
    svg = render_svg(view, None)
    root = ET.fromstring(svg.split("\n", 1)[1])
    series = root.findall(f".//{SVG}g[@class='serie']")
    assert len(series) == 4
    dashes = [s.find(f"{SVG}path").get("stroke-dasharray") for s in series]  # type: ignore[union-attr]
    assert len(set(dashes)) == 4  # every line its own dash pattern (the first one solid)
    markers = [s.findall(f"{SVG}path")[1].get("d", "")[:1] for s in series]
    assert markers == ["M", "M", "M", "M"]
    shapes = {re.sub(r"[-\d.,]+", "#", s.findall(f"{SVG}path")[1].get("d", "")) for s in series}
    assert len(shapes) == 4  # circle, square, triangle, diamond: different paths
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "2019" in labels and "2025" in labels
    assert all("." not in (label or "") for label in labels if label and label[0].isdigit())
    assert len({style[1] for style in STYLES}) == len(STYLES)


def test_hidden_counts_are_not_drawn() -> None:
    view = _nord_views()[1]
    svg = render_svg(view, None)
    assert "Læsø, 2023" not in svg
    assert "< 5 vises ikke" in svg.replace("&lt;", "<")
    assert "Antal under 5 vises ikke i diagrammet." in svg


def test_nice_axis_tops() -> None:
    assert nice_top(27.8) == (30.0, 10.0)
    assert nice_top(61) == (80.0, 20.0)
    assert nice_top(702) == (800.0, 200.0)
    assert nice_top(0) == (1.0, 0.25)


def test_agenda_with_charts_passes_axe_in_chromium(chromium: Chromium, tmp_path: Path) -> None:
    pages = {"nord.html": _agenda("nord", date(2026, 9, 8)), "vest.html": _agenda("vest", date(2026, 9, 10))}
    for name, html in pages.items():
        assert html.count('role="img"') == (1 if name == "nord.html" else 2), name
        assert '<table id="punkt-' in html
        (tmp_path / name).write_text(html, encoding="utf-8")
    with serve_directory(tmp_path) as base_url:
        for name in pages:
            assert chromium.axe(base_url + name) == [], name


def test_pdf_has_the_chart_as_vector_graphics_with_alt_text(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("[genindl-30]", "[genindl-30, genindl-30-antal]"), encoding="utf-8")
    target = tmp_path / "dagsorden.pdf"
    result = cli(
        "agenda", "nord", "2026-09-08", "--format", "pdf", "-o", str(target), "--today", "2026-09-01", cwd=repo_copy
    )
    assert result.code == 0, result.output
    pdf = pikepdf.open(io.BytesIO(target.read_bytes()))
    figures: list[str] = []

    def walk(node: pikepdf.Dictionary) -> None:
        if node.get("/S") == "/Figure":
            figures.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    root = pdf.Root.StructTreeRoot
    assert isinstance(root, pikepdf.Dictionary)
    walk(root)
    assert "Diagram: Akutte psykiatriske genindlæggelser inden for 30 dage (%), 2019–2025" in figures
    assert "Diagram: Antal akutte psykiatriske genindlæggelser inden for 30 dage, 2019–2025" in figures
    # vector graphics: no raster images anywhere, and the pages draw paths (lines, markers)
    for page in pdf.pages:
        for obj in page.Resources.get("/XObject", {}).values():
            assert obj.get("/Subtype") != "/Image"
    operators = {
        str(instruction.operator)
        for page in pdf.pages
        for instruction in pikepdf.parse_content_stream(page)
        if isinstance(instruction, pikepdf.ContentStreamInstruction)
    }
    assert {"m", "l", "S"} <= operators


def test_every_format_has_the_table_and_the_summary() -> None:
    repo = load_repository(bundled_root())
    files = next(files for files in repo.forums if files.id == "vest")
    doc = build_document("minutes", files, pick_meeting(files, date(2026, 9, 10), TODAY), WorkCalendar(), TODAY)
    summary = "Morsø: faldet fra 19,8 % i 2019 til 17,6 % i 2025; Thisted: faldet fra 23,5 % i 2019 til 20,7 % i 2025."
    md = render_document(doc, "md", None).decode("utf-8")
    assert summary in md
    assert "| Morsø | 19,8 | 21,2 | 20,5 | 18,9 | 19,4 | 18,1 | 17,6 |" in md
    assert "hentet 24. august 2026" in md
    html = render_document(doc, "html", None).decode("utf-8")
    assert summary in html
    assert "<caption>Færdigbehandlingsdage (psykiatri), 2019–2025. Kilde: eSundhed" in html
    assert "Forbehold ved fortolkning:</span> Tallene for det seneste år er foreløbige." in html
