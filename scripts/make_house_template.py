"""Make the house template for the Word documents: templates/document.docx.

    python scripts/make_house_template.py [OUTPUT]

Run once; the .docx is committed. A region replaces it with its own letterhead by putting a
`templates/document.docx` in its repository (open this one in Word, add the logo and letterhead to the
first page's header, keep the style names, save). The styles the documents use: Title, Subtitle,
Heading 1-3, List Bullet (2, 3), List Number, Caption, Table Grid, Header, Footer, and the house's own
Status (UDKAST, GODKENDT, rettelser), Punktinfo (an item's kind, time and presenter) and Svarfelt (the
framed field for an answer in the evaluation). Language da-DK, A4 with 2.5 cm margins, Arial (Liberation
Sans on Linux), different first page (its header is empty: room for a letterhead).
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "templates" / "document.docx"
FONT = "Arial"
DARK_BLUE = RGBColor(0x1F, 0x3A, 0x5F)
DARK_RED = RGBColor(0x9C, 0x1C, 0x1C)
GREY = RGBColor(0x4A, 0x4A, 0x4A)


def paragraph_style(document: docx.document.Document, name: str) -> ParagraphStyle:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    return style


def make(output: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)
    section.different_first_page_header_footer = True

    normal = paragraph_style(document, "Normal")
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 22, 0), ("Heading 1", 18, 0), ("Heading 2", 14, 14), ("Heading 3", 12, 10)):
        style = paragraph_style(document, name)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = DARK_BLUE
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    subtitle = paragraph_style(document, "Subtitle")
    subtitle.font.name = FONT
    subtitle.font.size = Pt(13)
    subtitle.font.color.rgb = GREY
    for name in ("Header", "Footer", "Caption"):
        style = paragraph_style(document, name)
        style.font.name = FONT
        style.font.size = Pt(9)
        style.font.color.rgb = GREY
    paragraph_style(document, "Caption").font.bold = True

    status = paragraph_style(document, "Status")
    status.font.bold = True
    status.font.color.rgb = DARK_RED
    status.paragraph_format.space_after = Pt(6)
    info = paragraph_style(document, "Punktinfo")
    info.font.italic = True
    info.font.size = Pt(10)
    info.font.color.rgb = GREY
    info.paragraph_format.keep_with_next = True
    answer = paragraph_style(document, "Svarfelt")
    answer.paragraph_format.space_after = Pt(0)
    answer.paragraph_format.left_indent = Cm(0.2)
    answer.paragraph_format.right_indent = Cm(0.2)
    answer_properties = answer.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right", "between"):
        if side == "between":
            continue  # consecutive Svarfelt paragraphs share one frame
        border = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "808080")):
            border.set(qn(key), value)
        borders.append(border)
    answer_properties.append(borders)

    styles = document.styles.element
    run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), "da-DK")
    lang.set(qn("w:eastAsia"), "da-DK")
    lang.set(qn("w:bidi"), "ar-SA")

    core = document.core_properties
    core.title = "Husskabelon for driftsforummets dokumenter"
    core.author = "driftsforum"
    core.language = "da-DK"
    core.comments = "Skabelonen til Word-udgaven af dagsordener, referater og rapporter (driftsforum)."
    for element in list(core._element):  # no creation date: the documents made from it are not from then
        if element.tag in (qn("dcterms:created"), qn("dcterms:modified"), qn("cp:lastPrinted")):
            core._element.remove(element)
    output.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(output))


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
    print(f"skrev {sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUTPUT}")
