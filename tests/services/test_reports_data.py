"""The status report and the evaluation with the forum's data, cases, decisions and attendance: end to end through
the CLI on a copy of the bundled data and on a crafted year (a substitute, a cancelled meeting, a vacant seat, a
decision without Læsø), checking the numbers a reader would check – in Markdown, HTML (parsed with lxml), PDF
(pypdf) and DOCX (python-docx) alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from tests.helpers import RunCli
from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.docx import read_docx
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-12-01"

JAMMERBUGT_HOLDER = """    person:
      name: Dorthe Eksempel
      title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet
      email: dorthe.eksempel@jammerbugt.example.org
      example: true
"""
JAMMERBUGT_LEFT = """    history:
      - name: Dorthe Eksempel
        title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet
        email: dorthe.eksempel@jammerbugt.example.org
        example: true
        to: 2026-07-31
"""
CANCELLED = """date: 2026-10-13
start: 13:00
end: 15:30
place: Hjørring Rådhus, mødelokale 2 (eksempel)
kind: ekstra
cancelled: true
cancelled_reason: For få tilmeldte.
agenda:
  - title: Status på tjeklisten til udskrivningskonferencer
    kind: beslutning
    duration_minutes: 30
attendance:
  absent:
    - laesoe-afdelingsleder
    - plo
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def crafted(tmp_path: Path) -> Path:
    return craft(copy_of_bundled(tmp_path / "repo"))


def craft(root: Path) -> Path:
    """Nord's 2026 with: Læsø absent without a substitute at a decision in June (and PLO not taking part in
    it), Læsø's substitute in September (bundled), Jammerbugt's seat vacant from August, a cancelled meeting in
    October, and the count indicator (Læsø's small counts) on the September agenda."""
    nord = root / "forums" / "nord"
    meetings = nord / "meetings"
    _replace(
        meetings / "2026-06-09.yaml",
        "    kind: drøftelse\n    presenter: psykiatri-klinikledelse\n    duration_minutes: 30\n",
        "    kind: beslutning\n    presenter: psykiatri-klinikledelse\n    duration_minutes: 30\n"
        "    not_taking_part: [plo]\n",
    )
    _replace(nord / "members.yaml", JAMMERBUGT_HOLDER, JAMMERBUGT_LEFT)
    _replace(meetings / "2026-09-08.yaml", "    - jammerbugt-afdelingsleder\n", "")
    _replace(meetings / "2026-09-08.yaml", "indicators: [genindl-30]", "indicators: [genindl-30, genindl-30-antal]")
    (meetings / "2026-10-13.yaml").write_text(CANCELLED, encoding="utf-8")
    return root


def _parse(html: str) -> Any:
    """The HTML as an lxml tree (Any: lxml's stubs type xpath() results as a union of everything)."""
    return lxml_html.fromstring(html)


def _run(cli: RunCli, root: Path, *args: str) -> str:
    result = cli("--repo", str(root), *args, "--today", TODAY)
    assert result.code == 0, result.output
    return result.stdout


def test_the_crafted_year_validates(cli: RunCli, crafted: Path) -> None:
    result = cli("--repo", str(crafted), "validate", "--today", TODAY)
    assert result.code == 0, result.output
    out = result.stdout
    assert "punktet 'Opfølgning på samarbejdsaftale om samtidig psykisk lidelse" in out
    assert "blev besluttet uden deltagelse af Læsø Kommune og PLO" in out
    assert "blev besluttet uden deltagelse af Jammerbugt Kommune" in out  # vacant from August


def test_the_status_report_counts_what_a_reader_would_check(cli: RunCli, crafted: Path) -> None:
    md = _run(cli, crafted, "status-report", "nord")
    data = md.split("## Data, cases og fremmøde", 1)[1].split("## Evaluering", 1)[0]
    summary = md.split("## Sammenfatning\n\n", 1)[1].split("\n", 1)[0]  # the letter says it first
    assert summary.endswith(
        " 2 af 2 beslutninger er truffet uden deltagelse af mindst én kommune, psykiatrien eller almen praksis (PLO)."
    )
    # the cancelled meeting is neither a meeting of the period nor one with attendance
    assert "13. oktober 2026" not in data
    assert "(3 møder med registreret fremmøde)" in data
    table = data.split("### Fremmøde pr. organisation", 1)[1]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ")}
    # substitute = attended (not absent); vacant = vacant (not absent); not taking part in one item = attended
    assert rows["Læsø Kommune"] == "| Læsø Kommune | Læsø | 1 | 1 | 2 | 0 |"
    assert rows["Jammerbugt Kommune"] == "| Jammerbugt Kommune | Jammerbugt | 2 | 0 | 0 | 1 |"
    assert rows["PLO"] == "| PLO | – | 3 | 0 | 0 | 0 |"
    assert rows["Hjørring Kommune"] == "| Hjørring Kommune | Hjørring | 3 | 0 | 0 | 0 |"
    assert "| 9. juni 2026 | 3 | 0 | 0 | 1 | 1 |" in data
    assert "| 8. september 2026 | 3 | 1 | 1 | 1 | 1 |" in data
    assert "| I alt | 11 | 1 | 1 | 2 | 2 |" in data
    assert (
        "2 af 2 beslutninger er truffet uden deltagelse af mindst én kommune, psykiatrien eller almen praksis (PLO)."
        in data
    )
    assert (
        "| Jammerbugt Kommune | 1 | 8. september 2026: Ventetid på udskrivningskonferencer ved færdigbehandling |"
        in data
    )
    assert "| Læsø Kommune | 1 | 9. juni 2026: Opfølgning på samarbejdsaftale om samtidig psykisk lidelse" in data
    assert "| PLO | 1 | 9. juni 2026: " in data
    assert "| 2026 | Audit | 2 | udskrivning 1, medicin 1 |" in data
    # the count indicator: Læsø's small counts hidden in the report that goes to the Klyngestyregruppe
    laesoe = next(line for line in data.splitlines() if line.startswith("| Læsø |"))
    assert laesoe.count("\\< 5") == 7 and not re.search(r"\| [0-4] \|", laesoe)  # '<' escaped for Markdown
    assert "Antal under 5 vises som '\\< 5' af hensyn til persondata." in data


def test_the_html_tables_group_their_headers_and_scroll_in_a_labelled_box(cli: RunCli, crafted: Path) -> None:
    page = _parse(_run(cli, crafted, "status-report", "nord", "--format", "html"))
    tables = {(table.findtext("caption") or "").split(" (")[0]: table for table in page.iter("table")}
    attendance = tables["Fremmøde pr. organisation"]
    group = attendance.xpath(".//thead/tr[1]/th[@scope='colgroup']")
    assert [(th.text, th.get("colspan")) for th in group] == [("Møder", "4")]
    assert [th.text for th in attendance.xpath(".//thead/tr[2]/th")] == [
        "Deltog",
        "Heraf ved stedfortræder",
        "Afbud",
        "Ledig plads",
    ]
    for table in page.iter("table"):
        ids = {cell.get("id") for cell in table.iter("th") if cell.get("id")}
        for cell in table.iter("td"):  # every cell names its headers, and they are in the same table
            assert set((cell.get("headers") or "").split()) <= ids
        if table.xpath(".//th[@colspan]"):
            assert table.xpath(".//th[@colspan]/@scope") == ["colgroup"] * len(table.xpath(".//th[@colspan]"))
        box = table.getparent()
        assert box.get("class") == "table-scroll" and box.get("role") == "region", table.findtext("caption")
        assert box.get("tabindex") == "0" and box.get("aria-label")
    laesoe = attendance.xpath(".//tbody/tr[th='Læsø Kommune']")[0]
    assert [td.text for td in laesoe.iter("td")] == ["Læsø", "1", "1", "2", "0"]
    first = laesoe.xpath("td[2]")[0].get("headers").split()
    assert "fm-moeder" in first and "fm-deltog" in first
    meetings = tables["Dagsordenspunkter og beslutninger pr. møde"]
    assert [td.text for td in meetings.xpath(".//tfoot/tr/td")] == ["11", "1", "1", "2", "2"]
    # the indicator: its table, its unit and source, and the chart with its text alternative
    count = tables["Antal akutte psykiatriske genindlæggelser inden for 30 dage, 2019–2025. Kilde: eSundhed"]
    assert "< 5" in [td.text for td in count.xpath(".//tr[th='Læsø']/td")]
    assert page.xpath("//svg[@role='img']") and "Enhed: antal." in page.text_content()


def test_the_same_content_in_pdf_and_docx(cli: RunCli, crafted: Path, tmp_path: Path) -> None:
    import pypdf

    pdf = tmp_path / "status.pdf"
    docx = tmp_path / "status.docx"
    for target in (pdf, docx):
        _run(cli, crafted, "status-report", "nord", "--format", target.suffix[1:], "-o", str(target))
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    for expected in (
        "Fremmøde pr. organisation (3 møder med registreret fremmøde)",
        "Heraf ved stedfortræder",
        "Læsø Kommune Læsø 1 1 2 0",
        "Jammerbugt Kommune Jammerbugt 2 0 0 1",
        "2 af 2 beslutninger er truffet uden deltagelse",
        "< 5",
    ):
        assert expected in text, expected
    document = read_docx(docx.read_bytes())
    tables = {_caption(table): table for table in document.tables}
    attendance = next(t for caption, t in tables.items() if caption.startswith("Fremmøde pr. organisation"))
    rows = [[cell.text for cell in row.cells] for row in attendance.rows]
    assert rows[0] == ["Organisation", "Kommune", "Møder", "Møder", "Møder", "Møder"]  # one merged group cell
    assert rows[1] == ["Organisation", "Kommune", "Deltog", "Heraf ved stedfortræder", "Afbud", "Ledig plads"]
    assert ["Læsø Kommune", "Læsø", "1", "1", "2", "0"] in rows
    header_rows = [
        row._tr.trPr is not None and row._tr.trPr.find(_w("tblHeader")) is not None for row in attendance.rows
    ]
    assert header_rows[:3] == [True, True, False]  # the header rows repeat on every page
    count = next(t for caption, t in tables.items() if caption.startswith("Antal akutte"))
    assert "< 5" in [cell.text for row in count.rows if row.cells[0].text == "Læsø" for cell in row.cells]


def _caption(table: Any) -> str:
    """The table's caption as Word keeps it (its alternative text)."""
    return str(table._tbl.tblPr.find(_w("tblCaption")).get(_w("val")))


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def test_the_evaluation_shows_the_same_facts(cli: RunCli, crafted: Path) -> None:
    md = _run(cli, crafted, "evaluation", "nord")
    assert "- Beslutninger truffet uden deltagelse af en kommune, psykiatrien eller PLO: 2 af 2.\n" in md
    assert "| Læsø Kommune | Læsø | 1 | 1 | 2 | 0 |" in md
    assert "| Jammerbugt Kommune | Jammerbugt | 2 | 0 | 0 | 1 |" in md
    assert "2 af 2 beslutninger er truffet uden deltagelse" in md
    html = _run(cli, crafted, "evaluation", "nord", "--format", "html")
    page = _parse(html)
    assert page.xpath("//table[starts-with(caption, 'Fremmøde pr. organisation')]//th[@scope='colgroup']")


def test_a_forum_without_decisions_or_attendance_says_so(cli: RunCli, tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path / "repo")
    md = _run(cli, root, "status-report", "nord", "--from", "2026-10-01", "--to", "2026-11-30")
    data = md.split("## Data, cases og fremmøde", 1)[1]
    assert "Der er ikke truffet beslutninger i perioden." in data
    assert "Fremmøde pr. organisation (0 møder med registreret fremmøde)" in data
    one = _run(cli, root, "status-report", "nord", "--from", "2026-09-01", "--to", "2026-09-30")
    assert "Den eneste beslutning er truffet med alle parter til stede." in one
    assert "(1 møde med registreret fremmøde)" in one


def test_the_report_reads_at_320_css_pixels_and_passes_axe(chromium: Chromium, cli: RunCli, crafted: Path) -> None:
    www = crafted / "www"
    www.mkdir()
    for kind in ("status-report", "evaluation"):
        _run(cli, crafted, kind, "nord", "--format", "html", "-o", str(www / f"{kind}.html"))
    with serve_directory(www) as base_url:
        for kind in ("status-report", "evaluation"):
            with chromium.page(f"{base_url}{kind}.html", width=320, height=640) as page:
                width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                assert width == viewport, kind
                boxes = page.evaluate(
                    "() => Array.from(document.querySelectorAll('table.data-report')).map(t => "
                    "[t.closest('.table-scroll').scrollWidth > t.closest('.table-scroll').clientWidth, "
                    "getComputedStyle(t.closest('.table-scroll')).overflowX])"
                )
                assert boxes and all(overflow == "auto" for _, overflow in boxes), kind
                assert any(wide for wide, _ in boxes), kind  # the attendance table is wider than a phone
                assert chromium.axe_page(page) == [], kind
