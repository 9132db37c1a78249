"""Agendas and minutes as a reader gets them: HTML in a real browser with axe-core, PDF in a real parser."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.documents import render_html, render_pdf
from driftsforum_cli.workspace import bundled_root, load_repository
from tests.helpers import RunCli
from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.pdf import pdf_catalog

TODAY = date(2026, 11, 22)


def _documents() -> dict[str, str]:
    repo = load_repository(bundled_root())
    assert repo.config.model is not None
    calendar = WorkCalendar(repo.config.model.closures)
    pages: dict[str, str] = {}
    for files in repo.forums:
        upcoming = pick_meeting(files, None, TODAY)
        pages[f"dagsorden-{files.id}.html"] = render_html(
            build_document("agenda", files, upcoming, calendar, TODAY), None
        )
        held = pick_meeting(files, date(2026, 9, 8) if files.id == "nord" else date(2026, 9, 10), TODAY)
        pages[f"referat-{files.id}.html"] = render_html(build_document("minutes", files, held, calendar, TODAY), None)
        draft = build_document("minutes", files, held, calendar, held.date)
        pages[f"udkast-{files.id}.html"] = render_html(draft, None)
    return pages


def test_agendas_and_minutes_pass_axe_in_chromium(chromium: Chromium, tmp_path: Path) -> None:
    pages = _documents()
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    with serve_directory(tmp_path) as base_url:
        for name in pages:
            violations = chromium.axe(base_url + name)
            assert violations == [], name
        chromium.screenshot(base_url + "dagsorden-vest.html", tmp_path / "dagsorden-vest.png")
    assert (tmp_path / "dagsorden-vest.png").stat().st_size > 10_000


def test_html_headings_are_in_order_and_tables_have_header_cells() -> None:
    html = _documents()["dagsorden-nord.html"]
    assert '<html lang="da">' in html
    assert html.count("<h1>") == 1
    assert "<h3" not in html.split('id="faellesmoede"')[0]  # no level skipped before any joint part
    assert '<th scope="col">Ansvarlig</th>' in html
    assert "@page" in html  # printable: A4 with page numbers


def test_agenda_pdf_opens_in_a_real_parser(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "dagsorden.pdf"
    result = cli("agenda", "nord", "--format", "pdf", "-o", str(target), "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0, result.output
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Dagsorden" in text
    assert "Driftsforum Voksenpsykiatri – Klynge Nord" in text
    assert "tirsdag den 24. november 2026" in text
    assert f"Side 1 af {len(reader.pages)}" in text
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Dagsorden – Driftsforum Voksenpsykiatri – Klynge Nord – 24. november 2026"
    assert metadata.author == "Sekretariatet for Driftsforum Voksenpsykiatri – Klynge Nord"
    assert pdf_catalog(reader)["/Lang"] == "da"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_default_pdf_name_in_the_working_folder(cli: RunCli, repo_copy: Path) -> None:
    result = cli("minutes", "vest", "2026-09-10", "--format", "pdf", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0, result.output
    pdf = repo_copy / "referat-vest-2026-09-10.pdf"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "Referat" in text
    assert "Godkendt den 25. september 2026" in text


def test_draft_minutes_pdf_says_udkast() -> None:
    repo = load_repository(bundled_root())
    assert repo.config.model is not None
    files = repo.forums[0]
    meeting = pick_meeting(files, date(2026, 9, 8), TODAY)
    doc = build_document("minutes", files, meeting, WorkCalendar(repo.config.model.closures), date(2026, 9, 16))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_pdf(doc, None))).pages)
    assert "UDKAST" in text
    assert "22. september 2026" in text
