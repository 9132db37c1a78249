"""DOCX for every document, through the real command line, read back with python-docx: Word styles, heading
order, repeated header rows, language da-DK, the title, "Side X af Y" fields, the header on pages 2+; and
converted to PDF by LibreOffice headless, whose text has the headings in order and æ, ø, å intact."""

from __future__ import annotations

import base64
import itertools
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftsforum_cli.render.docx_writer import house_template, html_to_docx
from tests.helpers import RunCli
from tests.helpers.docx import default_language, docx_to_pdf, field_instructions, headings, read_docx, require_soffice
from tests.helpers.repos import copy_of_bundled

FORUM_NAME = "Driftsforum Voksenpsykiatri – Klynge Nord"
CORRECTION = """corrections:
  - date: 2026-11-22
    by: Karen Eksempel
    what: Beslutningen under punkt 6 er suppleret med, at forummet bad om tal for 2025.
"""


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    title: str  # the start of the document's title (core properties) and its first heading
    marks: tuple[str, ...] = ()  # text the document must contain (its status)


CASES = [
    Case("agenda", ("agenda", "nord", "2026-11-24", "--today", "2026-11-20"), "Dagsorden", ("Tid og sted",)),
    Case("minutes-draft", ("minutes", "nord", "2026-11-24", "--today", "2026-11-30"), "Referat", ("UDKAST",)),
    Case(
        "minutes-approved",
        ("minutes", "nord", "2026-09-08", "--today", "2026-11-30"),
        "Referat",
        ("Godkendt den 23. september 2026",),
    ),
    Case(
        "minutes-revised",
        ("minutes", "nord", "2026-06-09", "--today", "2026-11-30"),
        "Referat",
        ("Bemærkninger til referatet", "Revideret referat udsendt 24. juni 2026"),
    ),
    Case(
        "minutes-corrected",
        ("minutes", "nord", "2026-09-08", "--today", "2026-11-30"),
        "Referat",
        ("Rettet den 22. november 2026:", "suppleret med, at forummet bad om tal for 2025"),
    ),
    Case("status-report", ("status-report", "nord", "--today", "2026-11-30"), "Statusrapport", ("Rettidighed",)),
    Case("evaluation", ("evaluation", "nord", "--today", "2026-11-30"), "Evaluering af samarbejdsformen"),
    Case("aarshjul", ("aarshjul", "nord", "--today", "2026-11-30"), "Årshjul 2026", ("Møderne i 2026",)),
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every document as DOCX, made once for the module (`-o FILE.docx` for some, `--format docx` for others)."""
    from driftsforum_cli.cli import main

    root = copy_of_bundled(tmp_path_factory.mktemp("repo"))
    out = tmp_path_factory.mktemp("docx")
    files: dict[str, Path] = {}
    for case in CASES:
        if case.name == "minutes-corrected":
            meeting = root / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
            meeting.write_text(meeting.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
        target = out / f"{case.name}.docx"
        code = main(["--repo", str(root), *case.args, "--format", "docx", "-o", str(target)])
        assert code == 0, case.name
        files[case.name] = target
    return files


def _ids(case: Case) -> str:
    return case.name


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None and paragraph.style.name else ""


def _text(document: Document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_properties_language_and_title(made: dict[str, Path], case: Case) -> None:
    document = read_docx(made[case.name].read_bytes())
    core = document.core_properties
    assert core.title.startswith(case.title) and FORUM_NAME in core.title
    assert core.language == "da-DK"
    assert core.author.startswith("Sekretariatet for") or core.author
    assert default_language(document) == "da-DK"
    for style in document.styles.element.findall(qn("w:style")):  # no style says another language
        assert {lang.get(qn("w:val")) for lang in style.iter(qn("w:lang"))} <= {"da-DK"}


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_headings_are_word_headings_in_order(made: dict[str, Path], case: Case) -> None:
    document = read_docx(made[case.name].read_bytes())
    found = headings(document)
    assert found[0][0] == 1 and found[0][1].startswith(case.title)
    assert [level for level, _ in found].count(1) == 1, "one Heading 1: the document's title"
    for (before, _), (after, text) in itertools.pairwise(found):
        assert after <= before + 1, f"heading level jumps from {before} to {after} at {text!r}"
    text = _text(document)
    for mark in case.marks:
        assert mark in text
    assert re.search("[æøå]", text) and "Ã" not in text  # Danish letters, not mojibake


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_tables_have_repeated_header_rows_and_alt_text(made: dict[str, Path], case: Case) -> None:
    document = read_docx(made[case.name].read_bytes())
    if case.name in ("agenda", "status-report", "aarshjul"):
        assert document.tables, "this document has data tables"
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, "the header row repeats"
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and str(caption.get(qn("w:val"))).strip()
        repeats = [row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in table.rows]
        headers = repeats.index(False) if False in repeats else len(repeats)
        assert headers <= 2 and not any(repeats[headers:]), "only the header rows (a grouping row at most) repeat"
    for picture in document.inline_shapes:
        assert picture._inline.docPr.get("descr")


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_no_layout_tables_and_every_drawing_has_alt_text(made: dict[str, Path], case: Case) -> None:
    """Word's accessibility checker: tables only for data (none in headers or footers, none nested, none of a
    single cell or without header cells), and a text alternative on every drawing, inline or anchored."""
    document = read_docx(made[case.name].read_bytes())
    section = document.sections[0]
    for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
        assert part._element.find(f".//{qn('w:tbl')}") is None, "a table in a header or footer lays out"
    body = document.element.body
    assert body.find(f".//{qn('w:tc')}//{qn('w:tbl')}") is None, "no table inside a table"
    for table in document.tables:
        assert len(table.rows) >= 2 and len(table.columns) >= 2, "a one-row or one-column table lays out"
        assert all(cell.text.strip() for cell in table.rows[0].cells), "every column has a header"
    drawings = document.element.findall(f".//{qn('wp:docPr')}")
    assert all(str(drawing.get("descr") or drawing.get("title") or "").strip() for drawing in drawings)


def test_a_grouping_header_row_spans_its_columns(made: dict[str, Path]) -> None:
    """The status report's timeliness table has two header rows (rowspan and colspan in the HTML): in Word the
    cells are merged, so each column's header stands over its column."""
    table = read_docx(made["status-report"].read_bytes()).tables[0]
    group, names = ([cell.text for cell in row.cells] for row in table.rows[:2])
    assert group == ["Møde", "Dagsorden", "Dagsorden", "Dagsorden", "Referat", "Referat", "Referat"]
    assert names == ["Møde", "Frist", "Udsendt", "Vurdering", "Frist", "Udsendt", "Vurdering"]
    assert len(table.rows[2].cells) == 7 and re.fullmatch(r"\d+\. \w+ \d{4}", table.rows[2].cells[0].text)
    first = table.rows[0]._tr
    assert [cell.get_or_add_tcPr().find(qn("w:gridSpan")) is not None for cell in first.tc_lst] == [False, True, True]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_page_numbers_and_header_on_later_pages(made: dict[str, Path], case: Case) -> None:
    document = read_docx(made[case.name].read_bytes())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert FORUM_NAME in "\n".join(paragraph.text for paragraph in section.header.paragraphs)
    assert not "".join(paragraph.text for paragraph in section.first_page_header.paragraphs).strip()
    for footer in (section.footer, section.first_page_footer):
        assert field_instructions(footer._element) == ["PAGE", "NUMPAGES"]
        assert re.fullmatch(r"Side 1 af 1", footer.paragraphs[-1].text)  # the fields show their last value


def test_lists_use_word_list_styles(made: dict[str, Path]) -> None:
    document = read_docx(made["agenda"].read_bytes())
    bullets = [paragraph.text for paragraph in document.paragraphs if _style(paragraph) == "List Bullet"]
    assert any(text.startswith("Anne Eksempel") for text in bullets)
    assert "SA-04: Medicinhåndtering på tværs af sektorer – behandles under punkt 5" in bullets


def test_status_and_item_styles(made: dict[str, Path]) -> None:
    draft = read_docx(made["minutes-draft"].read_bytes())
    assert [p.text for p in draft.paragraphs if _style(p) == "Status"] == ["UDKAST"]
    assert any(p.text.startswith("Beslutning") for p in draft.paragraphs if _style(p) == "Punktinfo")
    corrected = read_docx(made["minutes-corrected"].read_bytes())
    status = [p.text for p in corrected.paragraphs if _style(p) == "Status"]
    assert status[0] == "Godkendt den 23. september 2026" and status[1].startswith("Rettet den 22. november 2026:")


def test_evaluation_has_an_answer_field_for_each_question(made: dict[str, Path]) -> None:
    document = read_docx(made["evaluation"].read_bytes())
    body = document.element.body
    fields = body.findall(qn("w:sdt"))
    assert len(fields) == 8
    for number, field in enumerate(fields, start=1):
        assert field.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val")) == f"Svar {number}"
        paragraphs = field.findall(f"{qn('w:sdtContent')}/{qn('w:p')}")
        assert len(paragraphs) >= 3  # room to write
        assert all(p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Svarfelt" for p in paragraphs)
    assert "Skriv svaret her." in "".join(body.itertext())


def test_libreoffice_reads_every_document(made: dict[str, Path], tmp_path: Path) -> None:
    binary = require_soffice()
    names = [case.name for case in CASES]
    pdfs = docx_to_pdf(binary, [made[name] for name in names], tmp_path)
    for name, pdf in zip(names, pdfs, strict=True):
        reader = pypdf.PdfReader(pdf)
        text = "\n".join(page.extract_text() for page in reader.pages)
        flat = re.sub(r"\s+", " ", text)
        position = 0
        for _, heading in headings(read_docx(made[name].read_bytes())):
            found = flat.find(re.sub(r"\s+", " ", heading), position)
            assert found >= 0, f"{name}: heading {heading!r} missing or out of order"
            position = found
        assert "æ" in text and "ø" in text and "å" in text, name
        assert f"Side 1 af {len(reader.pages)}" in flat, name
        if len(reader.pages) > 1:  # the header on page 2 names the forum
            assert FORUM_NAME in re.sub(r"\s+", " ", reader.pages[1].extract_text())


def test_a_repository_template_wins(tmp_path: Path, cli: RunCli) -> None:
    import docx

    root = copy_of_bundled(tmp_path / "repo")
    own = docx.Document(str(house_template(None)))
    own.styles["Heading 1"].font.name = "Georgia"
    own.sections[0].first_page_header.paragraphs[0].text = "Region Nordjylland – brevhoved"
    (root / "templates").mkdir()
    own.save(str(root / "templates" / "document.docx"))
    assert house_template(root) == root / "templates" / "document.docx"
    result = cli("agenda", "nord", "2026-11-24", "--today", "2026-11-20", "-o", "d.docx", cwd=root)
    assert result.code == 0, result.output
    document = read_docx((root / "d.docx").read_bytes())
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.sections[0].first_page_header.paragraphs[0].text == "Region Nordjylland – brevhoved"
    assert headings(document)[0] == (1, "Dagsorden")


def test_an_unreadable_repository_template_is_a_danish_error(tmp_path: Path, cli: RunCli) -> None:
    root = copy_of_bundled(tmp_path / "repo")
    (root / "templates").mkdir()
    (root / "templates" / "document.docx").write_text("ikke et Word-dokument", encoding="utf-8")
    result = cli("agenda", "nord", "2026-11-24", "--today", "2026-11-20", "--format", "docx", cwd=root)
    assert result.code == 1
    assert "templates/document.docx kan ikke læses som et Word-dokument" in result.stderr
    assert "Traceback" not in result.output


def _png(width: int, height: int) -> bytes:
    """A real grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_images_keep_their_alt_text_and_the_markup_is_followed(tmp_path: Path) -> None:
    pixel = base64.b64encode(_png(4, 3)).decode()
    html = (
        '<html lang="da"><body><h1>Titel</h1><p>Første <strong>fed</strong> og <em>kursiv</em>'
        "<br>ny linje</p><ul><li>Et<ul><li>Under</li></ul></li></ul>"
        f'<figure><img src="data:image/png;base64,{pixel}" alt="Regionens logo"><figcaption>Logo</figcaption></figure>'
        '<img src="data:image/png;base64,aWtrZSBldCBiaWxsZWQ=" alt="Et ødelagt billede">'
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></body></html>"
    )
    document = read_docx(
        html_to_docx(html, template=house_template(None), title="Titel", author="Sekretariatet", header="Forum")
    )
    assert [picture._inline.docPr.get("descr") for picture in document.inline_shapes] == ["Regionens logo"]
    assert "Et ødelagt billede" in [p.text for p in document.paragraphs]  # an unreadable image: its alt text
    first = document.paragraphs[1]
    assert [(run.text, bool(run.bold), bool(run.italic)) for run in first.runs if run.text] == [
        ("Første ", False, False),
        ("fed", True, False),
        (" og ", False, False),
        ("kursiv", False, True),
        ("\n", False, False),  # <br>: a line break in the same paragraph
        ("ny linje", False, False),
    ]
    assert [_style(p) for p in document.paragraphs if p.text in ("Et", "Under")] == ["List Bullet", "List Bullet 2"]
    header_row = document.tables[0].rows[0]._tr  # a header row found without <thead>
    assert header_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_house_template_script_makes_the_committed_template(tmp_path: Path) -> None:
    """The committed template is what the script makes (its styles), so the script stays its source."""
    import runpy

    import docx

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_house_template.py"
    runpy.run_path(str(script), run_name="make")["make"](tmp_path / "document.docx")
    made = docx.Document(str(tmp_path / "document.docx"))
    committed = docx.Document(str(house_template(None)))
    names = {style.name for style in made.styles}
    assert names == {style.name for style in committed.styles}
    assert {"Status", "Punktinfo", "Svarfelt", "Heading 1", "Heading 2", "List Bullet"} <= names


def test_a_template_without_the_house_styles_still_works(tmp_path: Path, cli: RunCli) -> None:
    """A region's own template (here python-docx's plain one) lacks Status, Punktinfo and Svarfelt: those
    paragraphs fall back to Normal, and the answer fields name a style the document has."""
    import docx

    root = copy_of_bundled(tmp_path / "repo")
    (root / "templates").mkdir()
    docx.Document().save(str(root / "templates" / "document.docx"))
    result = cli("evaluation", "nord", "--today", "2026-11-30", "-o", "e.docx", cwd=root)
    assert result.code == 0, result.output
    document = read_docx((root / "e.docx").read_bytes())
    ids = {style.style_id for style in document.styles}
    used = {element.get(qn("w:val")) for element in document.element.body.iter(qn("w:pStyle"))}
    assert used <= ids
    assert len(document.element.body.findall(qn("w:sdt"))) == 8
    assert headings(document)[0] == (1, "Evaluering af samarbejdsformen")


#: Text as the loader lets it into a model: YAML's printable characters without the control characters.
_MODEL_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs"),
        exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff\x85",
    ),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip() != "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_MODEL_TEXT, text=_MODEL_TEXT, cell=_MODEL_TEXT)
def test_any_text_of_a_model_comes_through_as_text(title: str, text: str, cell: str) -> None:
    """Whatever a member writes in a title, a paragraph or a table cell (markup, entities, æøå, emoji, right-to-left
    letters, no-break spaces) arrives in Word as the same text, whitespace collapsed as in the HTML."""
    import html as html_module

    def esc(value: str) -> str:
        return html_module.escape(value, quote=True)

    page = (
        f"<html><body><h1>{esc(title)}</h1><p>{esc(text)}</p><table><thead><tr><th>Punkt</th></tr></thead>"
        f"<tbody><tr><td>{esc(cell)}</td></tr></tbody></table></body></html>"
    )
    document = read_docx(html_to_docx(page, template=house_template(None), title=title, author="S", header=title))

    def collapsed(value: str) -> str:  # HTML's whitespace only: a no-break space or an em space stays
        return re.sub(r"[ \t\n\r\f]+", " ", value).strip(" \t\n\r\f")

    assert headings(document) == [(1, collapsed(title))]
    assert document.paragraphs[1].text == collapsed(text)
    assert document.tables[0].rows[1].cells[0].text == collapsed(cell)
    assert document.core_properties.title == title


@pytest.mark.parametrize(
    "command",
    [("status-report", "nord"), ("aarshjul", "nord"), ("minutes", "nord", "2026-09-08")],
    ids=lambda command: command[0],
)
def test_the_file_name_chooses_word(cli: RunCli, repo_copy: Path, command: tuple[str, ...]) -> None:
    """`-o FIL.docx` without --format makes Word (not Markdown in a .docx file)."""
    result = cli(*command, "--today", "2026-11-30", "-o", "ud.docx", cwd=repo_copy)
    assert result.code == 0, result.output
    assert headings(read_docx((repo_copy / "ud.docx").read_bytes()))[0][0] == 1


def test_an_items_indicator_reaches_word_as_table_summary_and_chart_description(tmp_path: Path) -> None:
    """An agenda item with data (indicators.yaml): Word gets the caption, the one-line summary, the chart's
    title and description (the alt text of its picture: tests/render/test_docx_drawings.py) and the table with a
    header row."""
    from driftsforum_cli.cli import main

    target = tmp_path / "data.docx"
    code = main(["agenda", "nord", "2026-09-08", "--today", "2026-09-01", "--format", "docx", "-o", str(target)])
    assert code == 0
    document = read_docx(target.read_bytes())
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert any(text.startswith("Hjørring: faldet fra 26,2 % i 2019 til 21,8 % i 2025") for text in texts)
    captions = []
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None
        captions.append(str(caption.get(qn("w:val"))))
    data = next(table for table, caption in zip(document.tables, captions, strict=True) if "genindlæggelser" in caption)
    assert data.rows[0].cells[0].text == "Område" and data.rows[0].cells[1].text == "2019"
    assert data.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    descriptions = [str(inline.docPr.get("descr")) for inline in document.element.body.iter(qn("wp:inline"))]
    assert any("genindlæggelser" in text.lower() for text in descriptions)  # the chart: a picture with alt text
