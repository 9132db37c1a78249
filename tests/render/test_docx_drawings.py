"""Drawings in Word: the indicator chart and the årshjul reach the DOCX as pictures (a PNG, with the SVG beside
it for Word 2016+ in an `asvg:svgBlip`), their title and description as alt text, the table after them as the
text alternative; LibreOffice prints the picture; an agenda has no answer fields."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from PIL import Image

from driftsforum_cli.render.docx_writer import SVG_BLIP, SVG_EXTENSION, house_template, html_to_docx
from tests.helpers import RunCli
from tests.helpers.docx import docx_to_pdf, read_docx, require_soffice

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
SVG = "{http://www.w3.org/2000/svg}"
AGENDA = ("agenda", "nord", "2026-09-08", "--today", "2026-09-01", "--format", "docx")
WHEEL = ("aarshjul", "nord", "--year", "2026", "--today", "2026-09-01", "--format", "docx")


def _make(cli: RunCli, folder: Path, command: tuple[str, ...], name: str) -> Path:
    result = cli(*command, "-o", name, cwd=folder)
    assert result.code == 0, result.output
    return folder / name


def _pictures(document: Document) -> list[tuple[dict[str, str], bytes, bytes | None]]:
    """Each inline picture: its wp:docPr attributes, its PNG and the SVG its svgBlip names (or None)."""
    part = document.part
    found = []
    for inline in document.element.body.iter(f"{WP}inline"):
        doc_pr = inline.find(f"{WP}docPr")
        assert doc_pr is not None
        blip = next(inline.iter(qn("a:blip")))
        png = part.related_parts[blip.get(qn("r:embed"))].blob
        svg = None
        for ext in blip.iter(qn("a:ext")):
            svg_blip = ext.find(f"{{{SVG_BLIP}}}svgBlip")
            if ext.get("uri") == SVG_EXTENSION and svg_blip is not None:
                svg_part = part.related_parts[svg_blip.get(qn("r:embed"))]
                assert svg_part.content_type == "image/svg+xml"
                svg = svg_part.blob
        found.append(({str(k): str(v) for k, v in doc_pr.attrib.items()}, png, svg))
    return found


def _body_order(document: Document) -> list[str]:
    """The body's blocks in order: 'picture', 'table' or 'p'."""
    order = []
    for block in document.element.body:
        if block.tag == qn("w:tbl"):
            order.append("table")
        elif block.tag == qn("w:p"):
            order.append("picture" if any(True for _ in block.iter(f"{WP}inline")) else "p")
    return order


def test_the_indicator_chart_is_a_picture_with_alt_text_and_the_svg(cli: RunCli, repo_copy: Path) -> None:
    document = read_docx(_make(cli, repo_copy, AGENDA, "dagsorden.docx").read_bytes())
    pictures = _pictures(document)
    assert len(pictures) == 1
    doc_pr, png, svg = pictures[0]
    assert doc_pr["title"] == "Diagram: Akutte psykiatriske genindlæggelser inden for 30 dage (%), 2019–2025"
    assert doc_pr["descr"].startswith("Linjediagram over akutte psykiatriske genindlæggelser inden for 30 dage (%)")
    assert "Hjørring: faldet fra 26,2 % i 2019 til 21,8 % i 2025" in doc_pr["descr"]
    assert doc_pr["descr"].endswith("Tallene står i tabellen under diagrammet.")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.width >= 850  # at least 150 dpi at the text's width (15 cm)
        assert sum(image.convert("L").histogram()[:128]) > 5000  # lines, markers and letters drawn
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("viewBox") == "0 0 680 330"
    assert root.findtext(f"{SVG}title") == doc_pr["title"]
    # No wider than the text, and the data table follows as the text alternative.
    shape = document.inline_shapes[0]
    section = document.sections[0]
    text_width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    assert 0 < shape.width <= text_width
    order = _body_order(document)
    picture = order.index("picture")
    assert "table" in order[picture + 1 : picture + 3]


def test_the_aarshjul_docx_has_the_wheel_as_a_picture(cli: RunCli, repo_copy: Path) -> None:
    document = read_docx(_make(cli, repo_copy, WHEEL, "aarshjul.docx").read_bytes())
    pictures = _pictures(document)
    assert len(pictures) == 1
    doc_pr, png, svg = pictures[0]
    assert doc_pr["title"] == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Nord"
    assert doc_pr["descr"].startswith("Årshjul for Driftsforum Voksenpsykiatri – Klynge Nord i 2026 med 4 møder.")
    assert svg is not None and b"aarshjul-beskrivelse" in svg
    with Image.open(io.BytesIO(png)) as image:
        assert image.width >= 1300
    order = _body_order(document)
    assert order.index("picture") < order.index("table")  # the table of the meetings says the same in text


def test_libreoffice_prints_the_pictures(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    binary = require_soffice()
    files = [_make(cli, repo_copy, AGENDA, "dagsorden.docx"), _make(cli, repo_copy, WHEEL, "aarshjul.docx")]
    for pdf_path in docx_to_pdf(binary, files, tmp_path / "pdf"):
        drawn = []
        with pikepdf.open(pdf_path) as pdf:
            for page in pdf.pages:
                used = {str(instruction.operands[0]) for instruction in pikepdf.parse_content_stream(page, "Do")}
                for name, xobject in page.resources.get("/XObject", {}).items():
                    if xobject.get("/Subtype") == "/Image" and name in used:
                        drawn.append((int(xobject.Width), int(xobject.Height)))
        assert drawn, f"{pdf_path.name}: no image drawn on any page"
        assert max(width for width, _ in drawn) >= 850


def test_a_drawing_that_cannot_be_drawn_is_given_as_its_title_and_description() -> None:
    html = (
        "<html><body><h1>Dagsorden</h1><figure><figcaption>Data</figcaption>"
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>Diagram: Ventetid</title>'
        "<desc>Linjediagram over ventetid.</desc><br></svg><p>Tabellen.</p></figure></body></html>"
    )
    document = read_docx(html_to_docx(html, template=house_template(None), title="T", author="A", header=None))
    assert _pictures(document) == []
    italic = [run.text for paragraph in document.paragraphs for run in paragraph.runs if run.italic]
    assert italic == ["Diagram: Ventetid Linjediagram over ventetid."]


def test_an_agenda_has_no_answer_fields(cli: RunCli, repo_copy: Path) -> None:
    """Answer fields belong to the evaluation's questions; a <section> without an id is not that section."""
    document = read_docx(_make(cli, repo_copy, AGENDA, "dagsorden.docx").read_bytes())
    assert list(document.element.body.iter(qn("w:sdt"))) == []
    assert not any("Skriv svaret her" in paragraph.text for paragraph in document.paragraphs)


@pytest.mark.parametrize("forum", ["nord"])
def test_the_evaluation_keeps_its_answer_fields(cli: RunCli, repo_copy: Path, forum: str) -> None:
    command = ("evaluation", forum, "--today", "2026-09-01", "--format", "docx")
    document = read_docx(_make(cli, repo_copy, command, "evaluering.docx").read_bytes())
    assert len(list(document.element.body.iter(qn("w:sdt")))) >= 5
