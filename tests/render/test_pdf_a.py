"""PDF/A-2a for the archive (--pdf-variant, documents.pdf_variant), checked with pikepdf: the claimed level in
the XMP metadata, /Lang, the structure tree, every font embedded, the XMP title, the sRGB output intent.
A check of these parts, not a certification (README)."""

from __future__ import annotations

import io
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pikepdf
import pytest

from driftsforum_cli.render.pdf import html_to_pdf
from tests.helpers import RunCli
from tests.helpers.docx import read_docx
from tests.helpers.repos import copy_of_bundled

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
TITLE = "Referat – Driftsforum Voksenpsykiatri – Klynge Nord – 8. september 2026"


def _metadata(pdf: pikepdf.Pdf) -> dict[str, object]:
    with pdf.open_metadata() as xmp:
        return {key: xmp[key] for key in xmp}


def _title(data: bytes) -> str:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return str(pdf.docinfo["/Title"])


def assert_pdf_a_2a(data: bytes, title: str) -> None:
    """What PDF/A-2a asks for that can be read back: level A of part 2 claimed, tagged with a language,
    fonts embedded, the title in XMP, an output intent."""
    pdf = pikepdf.open(io.BytesIO(data))
    xmp = _metadata(pdf)
    assert (xmp[f"{PDFAID}part"], xmp[f"{PDFAID}conformance"]) == ("2", "A")
    assert xmp[DC_TITLE] == title
    assert str(pdf.Root.Lang) == "da"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert "/StructTreeRoot" in pdf.Root and len(pdf.Root.StructTreeRoot.K) > 0
    intents = pdf.Root.OutputIntents
    assert [str(intent.S) for intent in intents] == ["/GTS_PDFA1"] and "/DestOutputProfile" in intents[0]
    fonts = 0
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            fonts += 1
            descriptors = [d.FontDescriptor for d in font.DescendantFonts] if "/DescendantFonts" in font else []
            descriptors += [font.FontDescriptor] if "/FontDescriptor" in font else []
            assert descriptors, f"{font.get('/BaseFont')} has no font descriptor"
            for descriptor in descriptors:
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), "font not embedded"
    assert fonts > 0


def test_html_to_pdf_writes_pdf_a_2a() -> None:
    html = "<html><head><title>x</title></head><body><h1>Referat</h1><p>Æbleskiver på Læsø</p></body></html>"
    assert_pdf_a_2a(html_to_pdf(html, base_url=None, title=TITLE, author="Sekretariatet", variant="pdf/a-2a"), TITLE)


def test_the_default_stays_pdf_ua_1() -> None:
    pdf = pikepdf.open(io.BytesIO(html_to_pdf("<h1>Referat</h1>", base_url=None, title=TITLE, author="S")))
    xmp = _metadata(pdf)
    assert xmp[f"{PDFUAID}part"] == "1" and f"{PDFAID}part" not in xmp


@pytest.mark.parametrize(
    "command",
    [
        ("minutes", "nord", "2026-09-08"),
        ("agenda", "nord", "2026-11-24"),
        ("status-report", "nord"),
        ("evaluation", "nord"),
    ],
    ids=lambda command: command[0],
)
def test_the_option_on_every_document(cli: RunCli, repo_copy: Path, command: tuple[str, ...]) -> None:
    out = repo_copy / "dokument.pdf"
    result = cli(*command, "--today", "2026-11-20", "--pdf-variant", "pdf/a-2a", "-o", str(out), cwd=repo_copy)
    assert result.code == 0, result.output
    assert_pdf_a_2a(out.read_bytes(), _title(out.read_bytes()))


def test_the_setting_in_driftsforum_yaml(cli: RunCli, repo_copy: Path) -> None:
    config = repo_copy / "driftsforum.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  pdf_variant: pdf/a-2a\n", encoding="utf-8")
    result = cli("minutes", "nord", "2026-09-08", "--today", "2026-11-20", "--format", "pdf", cwd=repo_copy)
    assert result.code == 0, result.output
    assert_pdf_a_2a((repo_copy / "referat-nord-2026-09-08.pdf").read_bytes(), TITLE)
    # the option wins over the setting
    out = repo_copy / "ua.pdf"
    result = cli(
        "minutes",
        "nord",
        "2026-09-08",
        "--today",
        "2026-11-20",
        "--pdf-variant",
        "pdf/ua-1",
        "-o",
        str(out),
        cwd=repo_copy,
    )
    assert result.code == 0, result.output
    with pikepdf.open(out) as pdf:
        assert _metadata(pdf)[f"{PDFUAID}part"] == "1"


def test_an_unknown_variant_or_a_variant_without_pdf_is_a_usage_error(cli: RunCli, repo_copy: Path) -> None:
    result = cli("agenda", "nord", "--today", "2026-11-20", "--pdf-variant", "pdf/a-3b", cwd=repo_copy)
    assert result.code == 2
    assert "'pdf/a-3b' er ikke en af: pdf/ua-1, pdf/a-2a" in result.stderr
    result = cli("agenda", "nord", "--today", "2026-11-20", "--pdf-variant", "pdf/a-2a", cwd=repo_copy)
    assert result.code == 2
    assert "--pdf-variant bruges kun til PDF" in result.stderr
    config = repo_copy / "driftsforum.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  pdf_variant: pdf/a-1b\n", encoding="utf-8")
    result = cli("agenda", "nord", "--today", "2026-11-20", "--format", "pdf", cwd=repo_copy)
    assert result.code == 1 and "pdf_variant" in result.stderr


def test_send_attaches_docx_and_pdf_a_as_the_settings_say(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))
    repo = copy_of_bundled(tmp_path / "repo")
    config = repo / "driftsforum.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "documents:\n  pdf_variant: pdf/a-2a\n  attach: [pdf, docx]\n",
        encoding="utf-8",
    )
    folder = tmp_path / "udbakke"
    result = cli(
        "--repo", str(repo), "send", "agenda", "nord", "2027-03-09", "--today", "2027-02-20", "--eml", str(folder)
    )
    assert result.code == 0, result.output
    message = BytesParser(policy=policy.default).parsebytes(sorted(folder.glob("*.eml"))[0].read_bytes())
    parts = {str(part.get_filename()): part for part in message.iter_attachments()}
    assert sorted(parts) == [
        "dagsorden-nord-2027-03-09.docx",
        "dagsorden-nord-2027-03-09.pdf",
        "moede-nord-2027-03-09.ics",
    ]
    docx_part = parts["dagsorden-nord-2027-03-09.docx"]
    assert docx_part.get_content_type() == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = read_docx(docx_part.get_content())
    assert document.core_properties.title.startswith("Dagsorden – ")
    pdf = parts["dagsorden-nord-2027-03-09.pdf"].get_content()
    assert_pdf_a_2a(pdf, _title(pdf))


def test_publish_makes_the_sites_pdfs_in_the_configured_variant(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """The site's PDFs follow documents.pdf_variant as the members' do: PDF/A-2a in the archive and on the web."""
    config = repo_copy / "driftsforum.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  pdf_variant: pdf/a-2a\n", encoding="utf-8")
    site = tmp_path / "www"
    result = cli("publish", "-o", str(site), "--today", "2026-11-20", cwd=repo_copy)
    assert result.code == 0, result.output
    minutes = site / "nord" / "2026-09-08-referat.pdf"
    assert_pdf_a_2a(minutes.read_bytes(), _title(minutes.read_bytes()))


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("aarshjul", "nord", "--year", "2026"), "aarshjul-nord-2026.pdf"),
        (("agreement", "dossier", "SA-03"), "dossier-sa-03-2026-12-01.pdf"),
    ],
)
def test_the_aarshjul_and_the_dossier_as_pdf_a(cli: RunCli, repo_copy: Path, args: tuple[str, ...], name: str) -> None:
    """--pdf-variant (and the setting) wherever a PDF is made: the årshjul and the agreement dossier too."""
    result = cli(*args, "--format", "pdf", "--pdf-variant", "pdf/a-2a", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    data = (repo_copy / name).read_bytes()
    assert_pdf_a_2a(data, _title(data))
    (repo_copy / name).unlink()
    config = repo_copy / "driftsforum.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "documents:\n  pdf_variant: pdf/a-2a\n", encoding="utf-8")
    result = cli(*args, "--format", "pdf", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    data = (repo_copy / name).read_bytes()
    assert_pdf_a_2a(data, _title(data))
    wrong = cli(*args, "--pdf-variant", "pdf/a-2a", "--today", "2026-12-01", cwd=repo_copy)
    assert wrong.code == 2 and "--pdf-variant bruges kun til PDF" in wrong.stderr
