"""The format registry: md, html and pdf behind one interface, and a new format is one module and one entry."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.email import document_attachment, pdf_attachment
from driftsforum_cli.render.formats import FORMATS, DocumentSource, Format, UnknownFormat, get_format, output_name
from driftsforum_cli.render.templates import tidy_text
from driftsforum_cli.workspace import bundled_root, load_forum
from tests.helpers import REPO_ROOT, RunCli

TODAY = "2026-11-22"
NORD_TITLE = "Driftsforum Voksenpsykiatri – Klynge Nord"


def render_fake(source: DocumentSource) -> bytes:
    head = f"{source.template}|{source.title}|{source.author}|{source.language}\n"
    return (head + source.render_template("md", html=False)).encode("utf-8")


#: What a DOCX module would declare.
FAKE = Format("fake", ".fake", "application/x-fake", binary=True, label="fake", render=render_fake)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Format:
    """The one registry entry a new format needs."""
    monkeypatch.setitem(FORMATS, FAKE.name, FAKE)
    return FAKE


def test_the_registry_holds_markdown_html_pdf_and_docx() -> None:
    assert list(FORMATS) == ["md", "html", "pdf", "docx"]
    assert [(f.suffix, f.media_type, f.binary) for f in FORMATS.values()] == [
        (".md", "text/markdown", False),
        (".html", "text/html", False),
        (".pdf", "application/pdf", True),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
    ]
    assert all(name == fmt.name for name, fmt in FORMATS.items())
    assert output_name(FORMATS["md"], "dagsorden-nord-2026-11-24") is None  # text is printed
    assert output_name(FORMATS["pdf"], "dagsorden-nord-2026-11-24") == "dagsorden-nord-2026-11-24.pdf"
    assert output_name(FORMATS["docx"], "referat-nord-2026-11-24") == "referat-nord-2026-11-24.docx"
    with pytest.raises(UnknownFormat, match="'odt' er ikke en af: md, html, pdf, docx") as raised:
        get_format("odt")
    assert raised.value.exit_code == 2


def test_a_new_binary_format_renders_an_agenda_through_the_command_line(
    cli: RunCli, repo_copy: Path, fake: Format
) -> None:
    result = cli("agenda", "nord", "--format", "fake", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert result.stdout == "Skrev dagsorden-nord-2026-11-24.fake.\n"
    head, body = (repo_copy / "dagsorden-nord-2026-11-24.fake").read_text(encoding="utf-8").split("\n", 1)
    assert head == f"agenda|Dagsorden – {NORD_TITLE} – 24. november 2026|Sekretariatet for {NORD_TITLE}|da"
    markdown = cli("agenda", "nord", "--format", "md", "--today", TODAY, cwd=repo_copy).stdout
    assert tidy_text(body, hard_breaks=True) == markdown


def test_a_new_format_serves_minutes_reports_and_the_evaluation(cli: RunCli, repo_copy: Path, fake: Format) -> None:
    minutes = cli("minutes", "vest", "2026-09-10", "--format", "fake", "--today", TODAY, cwd=repo_copy)
    assert minutes.code == 0, minutes.output
    assert (repo_copy / "referat-vest-2026-09-10.fake").read_text(encoding="utf-8").startswith("minutes|Referat – ")
    report = cli("status-report", "nord", "--format", "fake", "--today", TODAY, cwd=repo_copy)
    assert report.code == 0, report.output
    text = (repo_copy / "statusrapport-nord-2026-11-22.fake").read_text(encoding="utf-8")
    assert text.startswith(f"status-report|Statusrapport – {NORD_TITLE}|")
    evaluation = cli("evaluation", "nord", "--format", "fake", "--today", TODAY, cwd=repo_copy)
    assert evaluation.code == 0, evaluation.output
    assert (repo_copy / "evaluering-nord-2026-11-22.fake").read_text(encoding="utf-8").startswith("evaluation|")


def test_a_new_text_format_is_printed(cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMATS, "txt", replace(FAKE, name="txt", suffix=".txt", media_type="text/plain", binary=False))
    result = cli("agenda", "nord", "--format", "txt", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert result.stdout.startswith(f"agenda|Dagsorden – {NORD_TITLE} – 24. november 2026|")
    assert not list(repo_copy.glob("dagsorden-*"))


def test_an_unknown_format_names_the_registered_ones(cli: RunCli, repo_copy: Path, fake: Format) -> None:
    for command in (
        ("agenda", "nord"),
        ("minutes", "vest", "2026-09-10"),
        ("status-report", "nord"),
        ("evaluation", "nord"),
    ):
        result = cli(*command, "--format", "odt", "--today", TODAY, cwd=repo_copy)
        assert result.code == 2
        assert "Fejl: ugyldig værdi for --format: 'odt' er ikke en af: md, html, pdf, docx, fake" in result.stderr


def test_one_format_option_for_the_four_documents(cli: RunCli) -> None:
    line = "--format <md|html|pdf|docx> md (til git), html, pdf eller docx (Word). [standard: md]"
    for command in (("agenda", "render"), ("minutes", "render"), ("status-report",), ("evaluation",)):
        help_text = " ".join(cli(*command, "--help").stdout.split())  # the help's column width may change
        assert line in help_text, command
        assert "--pdf-variant <pdf/ua-1|pdf/a-2a>" in help_text, command


def test_attachments_are_named_and_typed_by_their_format(fake: Format) -> None:
    files = load_forum(bundled_root() / "forums" / "nord")
    on = date(2026, 11, 22)
    doc = build_document("agenda", files, pick_meeting(files, None, on), WorkCalendar(holidays=lambda year: {}), on)
    attachment = document_attachment(doc, "fake", b"data")
    assert (attachment.filename, attachment.maintype, attachment.subtype) == (
        "dagsorden-nord-2026-11-24.fake",
        "application",
        "x-fake",
    )
    assert pdf_attachment(doc, b"%PDF-") == document_attachment(doc, FORMATS["pdf"], b"%PDF-")
    assert pdf_attachment(doc, b"%PDF-").filename == "dagsorden-nord-2026-11-24.pdf"


def test_markdown_keeps_hard_breaks_and_e_mail_text_does_not() -> None:
    text = "Linje  \nanden   \n\n\n\ntredje\n\n"
    assert tidy_text(text, hard_breaks=True) == "Linje  \nanden   \n\ntredje\n"
    assert tidy_text(text) == "Linje\nanden\n\ntredje\n"


def _imported_after(args: list[str], tmp_path: Path) -> list[str]:
    code = (
        "import sys\n"
        "from driftsforum_cli.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, sorted(m for m in ('jinja2', 'weasyprint') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=120
    )
    return done.stderr.strip().splitlines()[-1].split(" ", 1)


def test_formats_load_their_libraries_only_when_they_render(tmp_path: Path) -> None:
    """The registry is imported with every command, so its modules import nothing heavy until they render."""
    assert _imported_after(["calendar", "--today", TODAY, "--format", "json"], tmp_path) == ["0", "[]"]
    assert _imported_after(["validate", "--today", TODAY], tmp_path) == ["0", "[]"]
    assert _imported_after(["agenda", "nord", "--today", TODAY], tmp_path) == ["0", "['jinja2']"]
