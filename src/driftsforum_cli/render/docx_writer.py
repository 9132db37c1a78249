"""Word documents (DOCX) from the documents' own HTML, on the house template, with python-docx.

The HTML templates say what a document contains (headings, lists, tables with header cells, definition
lists); this module says how Word shows it, with Word's own styles, so a repository's `templates/` changes
the Word document as it changes the HTML and PDF. Nothing is laid out with tables: a table here is a data
table from the HTML, its header rows repeated on every page and its caption as alternative text.

The house template (`templates/document.docx`, made by `scripts/make_house_template.py`) gives the styles,
the page and the first page's letterhead; a repository's `templates/document.docx` wins over it. The writer
adds what every document must have whatever the template: the forum's name in the header of pages 2+
(the first page has its own header), "Side X af Y" in the footers (PAGE and NUMPAGES fields), language
da-DK, and the title, author and subject in the document properties.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from driftsforum_cli.errors import UserError
from driftsforum_cli.render.docx_html import Node, parse_html
from driftsforum_cli.workspace import bundled_root, display_path

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import _Footer, _Header
    from docx.table import Table
    from docx.text.paragraph import Paragraph

#: The house template's file name in `templates/`.
TEMPLATE_NAME = "document.docx"
#: The language of every document (w:lang and the core properties).
LANGUAGE = "da-DK"

#: Paragraph classes of the HTML and the Word style each becomes (when the template has it).
PARAGRAPH_STYLES = {"status": "Status", "correction": "Status", "late": "Status", "item-meta": "Punktinfo"}
SUBTITLE_CLASSES = frozenset({"forum"})
_CONTAINERS = frozenset({"header", "main", "section", "footer", "div", "article", "nav", "aside", "body", "document"})
_WHITESPACE = " \t\n\r\f"
_SPACE = re.compile(f"[{_WHITESPACE}]+")  # HTML's whitespace: a no-break space stays
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif);base64,(.*)", re.DOTALL)
#: A drawing is never wider than the text (15 cm, in EMU: 360 000 a centimetre); a CSS pixel is 1/96 inch.
MAX_PICTURE_WIDTH = 15 * 360_000
EMU_PER_CSS_PX = 914_400 / 96
#: Pixels of the PNG per EMU of the picture's width (914 400 EMU an inch): 150 dpi, sharp on screen and good in
#: print. The PNG is the fallback (Word 2016 and later draw the SVG); drawing it costs time in every DOCX.
PICTURE_PIXELS_PER_EMU = 150 / 914_400
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: The extension (its uri) by which Word 2016 and later keep an SVG beside the PNG of a picture ([MS-ODRAWXML]).
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_BLIP = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class TemplateUnreadable(UserError):
    """templates/document.docx is not a Word document."""


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    code: bool = False


def house_template(repo_root: Path | None) -> Path:
    """The repository's `templates/document.docx` if it has one, else the package's."""
    if repo_root is not None:
        own = repo_root / "templates" / TEMPLATE_NAME
        if own.is_file():
            return own
    return bundled_root() / "templates" / TEMPLATE_NAME


def open_template(path: Path) -> Document:
    """The template as a python-docx document, with its body emptied (its sections, headers, footers and
    styles stay)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(path.read_bytes()))
    except (OSError, zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise TemplateUnreadable(
            f"{display_path(path)} kan ikke læses som et Word-dokument ({type(exc).__name__}). Gem skabelonen "
            "igen i Word som Word-dokument (.docx), eller fjern den for at bruge standardskabelonen."
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def html_to_docx(
    html: str,
    *,
    template: Path,
    title: str,
    author: str,
    header: str | None,
    subject: str | None = None,
    answer_section: str | None = None,
    keywords: Sequence[str] = (),
) -> bytes:
    """The HTML document as DOCX bytes on `template`. `header`: the text of the header on pages 2+ (the
    forum's name). `answer_section`: the id of a `<section>` whose paragraphs are questions; each gets a
    field to write the answer in. `keywords`: the document properties' keywords (the case numbers)."""
    document = open_template(template)
    writer = _Writer(document, answer_section)
    writer.blocks(parse_html(html))
    _properties(document, title=title, author=author, subject=subject, keywords=keywords)
    _language(document)
    _headers_and_footers(document, header)
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same document gives the same bytes: python-docx stamps each zip entry with the time of saving."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            stable = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = 0o644 << 16
            target.writestr(stable, source.read(entry.filename))
    return out.getvalue()


class _Writer:
    """Walks the HTML tree and adds paragraphs, lists and tables to the document."""

    def __init__(self, document: Document, answer_section: str | None) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.document = document
        self.styles = {style.name for style in document.styles if style.name}
        # Paragraph styles' ids by name, looked up once: python-docx finds a style by name by walking every
        # style of the template (and the default style again) for each paragraph – half the time of a DOCX.
        self.paragraph_ids: dict[str, str] = {}
        self.table_ids: dict[str, str] = {}
        for style in document.styles:
            if style.name and style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE):
                ids = self.paragraph_ids if style.type == WD_STYLE_TYPE.PARAGRAPH else self.table_ids
                ids.setdefault(style.name, style.style_id)
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_paragraph_id = default.style_id if default is not None else None
        self.answer_section = answer_section
        self.in_answers = False
        self.answers = 0
        self.last_heading = ""

    def style(self, name: str, fallback: str = "Normal") -> str | None:
        if name in self.styles:
            return name
        return fallback if fallback in self.styles else None

    def paragraph(self, style: str = "Normal") -> Paragraph:
        return self.styled_paragraph(self.style(style))

    def styled_paragraph(self, name: str | None) -> Paragraph:
        """A new paragraph at the end of the body in the paragraph style called `name` (none: the default)."""
        paragraph = self.document.add_paragraph()
        style_id = self.paragraph_ids.get(name) if name else None
        if style_id is not None and style_id != self.default_paragraph_id:  # as python-docx: no pStyle for Normal
            paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def blocks(self, node: Node) -> None:
        pending: list[Node | str] = []  # loose inline content between blocks becomes a paragraph
        for child in node.children:
            if isinstance(child, str) or child.tag not in _BLOCK_TAGS:
                pending.append(child)
                continue
            self.loose(pending)
            pending = []
            self.block(child)
        self.loose(pending)

    def loose(self, content: list[Node | str]) -> None:
        if any((part.strip(_WHITESPACE) if isinstance(part, str) else True) for part in content):
            self.inline(self.paragraph(), Node("span", children=content), _Format(), drop_empty=True)

    def block(self, node: Node) -> None:
        tag = node.tag
        if self.in_answers and "answer" in node.classes:
            return  # the HTML's box to write in: Word gets its own answer field after the question instead
        if tag in _CONTAINERS:
            inside = self.in_answers
            labels = (node.attrs.get("id"), node.attrs.get("aria-labelledby"))
            if tag == "section" and self.answer_section is not None and self.answer_section in labels:
                self.in_answers = True
            self.blocks(node)
            self.in_answers = inside
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.heading(node, int(tag[1]))
        elif tag == "p":
            self.para(node)
        elif tag in ("ul", "ol"):
            self.items(node, tag == "ol", 1)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "table":
            self.table(node)
        elif tag == "figure":
            self.figure(node)
        elif tag == "img":
            self.image(node)
        elif tag in ("blockquote", "pre", "address"):
            self.inline(self.paragraph("Quote" if tag == "blockquote" else "Normal"), node, _Format(code=tag == "pre"))

    def heading(self, node: Node, level: int) -> None:
        paragraph = self.paragraph(f"Heading {level}")
        self.inline(paragraph, node, _Format())
        self.last_heading = paragraph.text

    def para(self, node: Node) -> None:
        classes = node.classes
        style = "Subtitle" if classes & SUBTITLE_CLASSES else "Normal"
        for name in classes:
            style = PARAGRAPH_STYLES.get(name, style)
        self.inline(self.paragraph(style), node, _Format())
        if self.in_answers:
            self.answer_field()

    def items(self, node: Node, numbered: bool, level: int) -> None:
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, 3)}"
        for item in node.elements("li"):
            inline = [child for child in item.children if not (isinstance(child, Node) and child.tag in ("ul", "ol"))]
            self.inline(self.styled_paragraph(self.style(style, base)), Node("li", children=inline), _Format())
            for sub in item.elements("ul", "ol"):
                self.items(sub, sub.tag == "ol", level + 1)

    def definitions(self, node: Node) -> None:
        term: Node | None = None
        for child in node.elements("dt", "dd"):
            if child.tag == "dt":
                term = child
                continue
            nested = child.elements(*_BLOCK_TAGS)
            paragraph = self.paragraph()
            if term is not None:
                self.inline(paragraph, term, _Format(bold=True))
                paragraph.add_run(":" if nested else ": ").bold = True
            if nested:
                paragraph.paragraph_format.keep_with_next = True
                self.blocks(child)
            else:
                self.inline(paragraph, child, _Format(), start=term is None)

    def table(self, node: Node) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        caption = node.find("caption")
        if caption is not None:
            caption_paragraph = self.paragraph("Caption")
            caption_paragraph.paragraph_format.keep_with_next = True
            self.inline(caption_paragraph, caption, _Format())
        head: list[Node] = []
        body: list[Node] = []
        for part in node.elements("thead", "tbody", "tfoot", "tr"):
            rows = [part] if part.tag == "tr" else part.elements("tr")
            (head if part.tag == "thead" else body).extend(rows)
        if not head and body and all(cell.tag == "th" for cell in body[0].elements("td", "th")):
            head, body = body[:1], body[1:]
        rows = head + body
        placed, columns = _grid(rows)
        if not columns:
            return
        table: Table = self.document.add_table(rows=0, cols=columns)
        if style_id := self.table_ids.get("Table Grid"):
            table._tbl.tblPr.style = style_id
        for index in range(len(rows)):
            word_row = table.add_row()  # type: ignore[no-untyped-call]
            if index < len(head):
                header = OxmlElement("w:tblHeader")
                word_row._tr.get_or_add_trPr().append(header)
        texts = [[""] * columns for _ in rows]
        for top, left, height, width, source in placed:  # a cell spanning rows or columns is one merged cell
            cell = table.cell(top, left)
            if height > 1 or width > 1:
                cell = cell.merge(table.cell(top + height - 1, left + width - 1))
            self.inline(cell.paragraphs[0], source, _Format(bold=source.tag == "th"))
            if width == 1:  # a grouping header says nothing about one column's width
                texts[top][left] = source.text()
        self.widths(table, texts, columns)
        description = caption.text() if caption is not None else self.last_heading
        properties = table._tbl.tblPr
        for name, value in (("w:tblCaption", description), ("w:tblDescription", description)):
            element = OxmlElement(name)
            element.set(qn("w:val"), _SPACE.sub(" ", value).strip()[:250] or "Tabel")
            properties.append(element)
        self.paragraph()  # Word needs a paragraph between two tables, and it keeps the text off the grid

    def widths(self, table: Table, texts: list[list[str]], columns: int) -> None:
        """Columns wide enough for their longest word (about 0.26 cm a character, 0.6 cm padding); the
        rest of the text width shared in proportion to how much text each column holds."""
        from docx.shared import Cm, Emu

        section = self.document.sections[-1]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        least, weights = [], []
        for column in range(columns):
            cells = [_SPACE.sub(" ", row[column]).strip() for row in texts if column < len(row)]
            longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
            least.append(Cm(0.26 * longest_word + 0.6))
            weights.append(min(sum(len(cell) for cell in cells) / max(1, len(cells)), 60.0) + 1.0)
        spare = width - sum(least)
        if spare < 0:
            sizes = [int(size * width / sum(least)) for size in least]
        else:
            sizes = [int(size + spare * weight / sum(weights)) for size, weight in zip(least, weights, strict=True)]
        for column, size in zip(table.columns, sizes, strict=False):
            column.width = Emu(size)
            for cell in column.cells:
                cell.width = Emu(size)

    def figure(self, node: Node) -> None:
        images = [image for image in _all(node, "img")]
        for image in images:
            self.image(image)
        caption = node.find("figcaption")
        if images:
            if caption is not None:
                self.inline(self.paragraph("Caption"), caption, _Format())
            return
        # A figure of other content (an indicator: its summary, chart and table; the årshjul): the caption first,
        # then the content; a drawing (inline SVG) becomes a picture with its title and description as alt text,
        # the table below holds its data.
        if caption is not None:
            self.inline(self.paragraph("Caption"), caption, _Format())
        for child in node.elements():
            if child.tag == "figcaption":
                continue
            if child.tag == "svg":
                self.drawing(child)
                continue
            self.block(child)

    def drawing(self, node: Node) -> None:
        """An inline SVG (a chart, the årshjul) as a picture: a PNG that every Word and LibreOffice shows, with
        the SVG itself for Word 2016 and later (the `asvg:svgBlip` extension: sharp at any zoom); its <title>
        and <desc> as the picture's alt text. A drawing that cannot be drawn is given as that text."""
        from driftsforum_cli.render.raster import DrawingNotRendered, svg_size, svg_to_png

        title, description = (_SPACE.sub(" ", part.text()).strip() if part else "" for part in _captions(node))
        svg = _standalone_svg(node.markup)
        png = None
        if svg is not None:
            width_px = svg_size(svg)[0]
            shown = min(MAX_PICTURE_WIDTH, round(width_px * EMU_PER_CSS_PX))
            scale = min(3.0, max(1.0, PICTURE_PIXELS_PER_EMU * shown / width_px))
            try:
                png = svg_to_png(svg, scale=round(scale, 2))
            except DrawingNotRendered:
                png = None
        if svg is None or png is None:
            if title or description:
                self.paragraph().add_run(" ".join(part for part in (title, description) if part)).italic = True
            return
        from docx.shared import Emu

        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(shown))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", description or title)
        doc_pr.set("title", title)
        _add_svg(self.document, shape._inline, svg)

    def image(self, node: Node) -> None:
        """An image from a data: URI, with its alt text as the picture's description; any other source is
        shown as its alt text (the document carries no links to files)."""
        alt = _SPACE.sub(" ", node.attrs.get("alt", "")).strip()
        match = _DATA_IMAGE.match(node.attrs.get("src", ""))
        picture = _image_bytes(match[2]) if match is not None else None
        if picture is None:
            if alt:
                self.paragraph().add_run(alt).italic = True
            return
        from docx.shared import Cm, Emu

        shape = self.paragraph().add_run().add_picture(picture)
        if shape.width > Cm(15):  # no wider than the text
            shape.height, shape.width = Emu(int(shape.height * Cm(15) / shape.width)), Cm(15)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)

    def answer_field(self) -> None:
        """A plain-text content control to write the answer in, inside a framed 'Svarfelt' area."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        self.answers += 1
        name = self.style("Svarfelt")
        style = self.document.styles[name].style_id if name else "Normal"  # the id: Danish Word's differ from names
        empty = f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>'
        xml = (
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Svar {self.answers}"/>'
            f'<w:tag w:val="svar-{self.answers}"/><w:id w:val="{1000 + self.answers}"/><w:showingPlcHdr/></w:sdtPr>'
            f'<w:sdtContent><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>Skriv svaret her.</w:t></w:r>'
            f"</w:p>{empty * 4}</w:sdtContent></w:sdt>"
        )
        body = self.document.element.body
        body.insert(len(body) - 1, parse_xml(xml))  # before the final section properties

    def inline(
        self, paragraph: Paragraph, node: Node, fmt: _Format, *, start: bool = True, drop_empty: bool = False
    ) -> None:
        """The node's text into `paragraph` as runs: whitespace collapsed as a browser does."""
        parts: list[tuple[str, _Format]] = []
        _collect(node, fmt, parts)
        text_so_far = "" if start else "x"
        for index, (text, part_fmt) in enumerate(parts):
            if text == "\n":
                paragraph.add_run().add_break()
                text_so_far = ""
                continue
            text = _SPACE.sub(" ", text)
            if not text_so_far or text_so_far.endswith(" "):
                text = text.lstrip(_WHITESPACE)
            if index == len(parts) - 1 or all(not t.strip(_WHITESPACE) and t != "\n" for t, _ in parts[index + 1 :]):
                text = text.rstrip(_WHITESPACE)
            if not text:
                continue
            run = paragraph.add_run(text)
            run.bold = part_fmt.bold or None
            run.italic = part_fmt.italic or None
            if part_fmt.code:
                run.font.name = "Consolas"
            text_so_far += text
        parent = paragraph._p.getparent()
        if drop_empty and not paragraph.text.strip() and parent is not None:
            parent.remove(paragraph._p)


_BLOCK_TAGS = (
    *_CONTAINERS,
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "blockquote",
    "pre",
    "address",
)


def _span(source: Node, name: str, most: int) -> int:
    """A cell's colspan or rowspan: a whole number from 1 to `most` (anything else counts as 1)."""
    value = source.attrs.get(name, "1").strip()
    return min(max(int(value), 1), most) if value.isdigit() else 1


def _grid(rows: list[Node]) -> tuple[list[tuple[int, int, int, int, Node]], int]:
    """Where each cell of the HTML rows goes in the table's grid, as a browser places it: (row, column,
    rows, columns, cell), a cell spanning rows taking its place in the rows below; and the grid's width."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, int, int, Node]] = []
    for top, row in enumerate(rows):
        left = 0
        for source in row.elements("td", "th"):
            while (top, left) in taken:
                left += 1
            height = _span(source, "rowspan", len(rows) - top)
            width = _span(source, "colspan", 50)
            placed.append((top, left, height, width, source))
            taken.update((top + down, left + across) for down in range(height) for across in range(width))
            left += width
    return placed, max((column + 1 for _, column in taken), default=0)


def _captions(node: Node) -> tuple[Node | None, Node | None]:
    """An SVG's <title> and <desc>."""
    return node.find("title"), node.find("desc")


def _standalone_svg(markup: str) -> str | None:
    """The inline SVG as a document of its own (with its namespace), or None when it is not well-formed XML."""
    from lxml import etree

    if not markup:
        return None
    try:
        root = etree.fromstring(markup.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        return None
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + markup


def _add_svg(document: Document, inline: object, svg: str) -> None:
    """The SVG as a part of the package, named by an `asvg:svgBlip` in the picture's blip (after the PNG, which
    stays the picture for programs that do not read SVG)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    part = document.part
    name = part.package.next_partname("/word/media/drawing%d.svg")
    relation = part.relate_to(
        Part(PackURI(name), "image/svg+xml", svg.encode("utf-8"), part.package), RELATIONSHIP_TYPE.IMAGE
    )
    blip = next(iter(inline.iter(qn("a:blip"))))  # type: ignore[attr-defined]
    blip.append(
        parse_xml(
            f'<a:extLst xmlns:a="{_DRAWINGML}"><a:ext uri="{SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_BLIP}" xmlns:r="{_RELATIONSHIPS}" r:embed="{relation}"/></a:ext></a:extLst>'
        )
    )


def _image_bytes(encoded: str) -> io.BytesIO | None:
    """The image of a data: URI, if python-docx can read it (else None: the alt text stands in for it)."""
    from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
    from docx.image.image import Image

    try:
        data = base64.b64decode(encoded, validate=False)
        Image.from_blob(data)
    except (ValueError, InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
        return None
    return io.BytesIO(data)


def _all(node: Node, tag: str) -> list[Node]:
    found: list[Node] = []
    for child in node.elements():
        if child.tag == tag:
            found.append(child)
        found.extend(_all(child, tag))
    return found


def _collect(node: Node, fmt: _Format, parts: list[tuple[str, _Format]]) -> None:
    for child in node.children:
        if isinstance(child, str):
            parts.append((child, fmt))
        elif child.tag == "br":
            parts.append(("\n", fmt))
        elif child.tag in ("strong", "b") or (child.tag == "span" and child.classes & {"label", "overdue"}):
            _collect(child, replace(fmt, bold=True), parts)
        elif child.tag in ("em", "i"):
            _collect(child, replace(fmt, italic=True), parts)
        elif child.tag in ("code", "kbd", "samp"):
            _collect(child, replace(fmt, code=True), parts)
        elif child.tag == "img":
            parts.append((child.attrs.get("alt", ""), fmt))
        elif child.tag != "caption":  # a table's caption is its own paragraph
            _collect(child, fmt, parts)


def _properties(
    document: Document, *, title: str, author: str, subject: str | None, keywords: Sequence[str] = ()
) -> None:
    core = document.core_properties
    core.keywords = ", ".join(keywords)  # as the PDF's /Keywords: the case numbers, 'Region Nordjylland 1-01-…'

    core.title = title
    core.author = author
    core.last_modified_by = author
    core.language = LANGUAGE
    core.subject = subject or ""
    core.revision = 1


def _language(document: Document) -> None:
    """w:lang da-DK in the document defaults (every style inherits it) and on the settings' theme font."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    run_properties = run_default.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        run_default.append(run_properties)
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    for style in styles.findall(qn("w:style")):  # a style of the template that names another language
        for element in style.iter(qn("w:lang")):
            element.set(qn("w:val"), LANGUAGE)


def _headers_and_footers(document: Document, header: str | None) -> None:
    """Pages 2+: the forum's name in the header (when the template's header is empty; '{forum}' in it is
    replaced); every page: "Side X af Y" in the footer, unless the template's footer has a PAGE field."""
    styles = {style.name for style in document.styles}
    for section in document.sections:
        section.different_first_page_header_footer = True
        if header:
            _fill_header(section.header, header, "Header" in styles)
        for footer in (section.footer, section.first_page_footer):
            _page_numbers(footer, "Footer" in styles)


def _fill_header(part: _Header, text: str, styled: bool) -> None:
    part.is_linked_to_previous = False
    placeholders = [run for paragraph in part.paragraphs for run in paragraph.runs if "{forum}" in run.text]
    for run in placeholders:
        run.text = run.text.replace("{forum}", text)
    if placeholders or any(paragraph.text.strip() for paragraph in part.paragraphs):
        return
    paragraph = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
    if styled:
        paragraph.style = "Header"
    paragraph.add_run(text)


def _page_numbers(part: _Footer, styled: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    part.is_linked_to_previous = False
    if any(" PAGE " in (element.text or "") for element in part._element.iter(qn("w:instrText"))):
        return
    empty = [paragraph for paragraph in part.paragraphs if not paragraph.text.strip()]
    paragraph = empty[0] if empty else part.add_paragraph()
    if styled:
        paragraph.style = "Footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Side ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" af ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (begin, instruction, separate, the last value shown, end): Word and LibreOffice update it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind in ("begin", "instr", "separate", "value", "end"):
        run = paragraph.add_run()._r
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "value":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)
