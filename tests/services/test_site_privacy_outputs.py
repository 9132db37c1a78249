"""The privacy check reads what is published: the rendered pages (text and attribute values), the PDFs (made by
WeasyPrint and read back with pypdf), the file names and the public attachments. What it cannot trace is a finding."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date
from pathlib import Path

import pypdf
import pytest

from driftsforum_cli.domain.privacy import PrivacyReport
from driftsforum_cli.services.site import PrivacyBlocked, prepare, publish
from driftsforum_cli.workspace import bundled_root
from tests.helpers import REAL_DATE
from tests.helpers.cli import RunCli
from tests.helpers.publishing import add_publishing_cases, blank_pdf

TODAY = date(2026, 11, 22)
EARLY = date(2026, 4, 30)  # forum vest: one meeting page, its minutes and agenda as PDF
PUBLIC = "bilag/tjekliste for udskrivning.pdf"
ATTACHMENTS = "forums/nord/meetings/bilag"


def _check(repo: Path, today: date = TODAY, forum: str | None = None) -> PrivacyReport:
    return prepare(repo, today, forum, REAL_DATE).privacy


def _set_author(repo: Path, forum: str, author: str) -> Path:
    path = repo / "forums" / forum / "forum.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ndocuments:\n" in text
    path.write_text(text.replace("\ndocuments:\n", f"\ndocuments:\n  author: {author}\n", 1), encoding="utf-8")
    return path


# --- the PDFs' metadata ---------------------------------------------------------------------------------------------


def test_the_pdf_author_is_published_and_checked(repo_copy: Path, tmp_path: Path) -> None:
    _set_author(repo_copy, "vest", "Sekretariatet, tlf. 20 30 40 50")
    report = _check(repo_copy, EARLY, "vest")
    (finding,) = report.open
    assert (finding.kind, finding.text, finding.where) == ("phone", "20 30 40 50", "PDF-filernes forfatter")
    assert finding.file.endswith("forums/vest/forum.yaml") and finding.exact
    with pytest.raises(PrivacyBlocked):
        publish(repo_copy, tmp_path / "site", EARLY, forum="vest", now=REAL_DATE)
    # A harmless author is published in every PDF's metadata, as the check saw it.
    path = repo_copy / "forums/vest/forum.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tlf. 20 30 40 50", "Region Nordjylland"), "utf-8")
    assert _check(repo_copy, EARLY, "vest").findings == []
    publish(repo_copy, tmp_path / "site", EARLY, forum="vest", now=REAL_DATE)
    pdfs = sorted((tmp_path / "site").rglob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        metadata = pypdf.PdfReader(pdf).metadata
        assert metadata is not None and metadata.author == "Sekretariatet, Region Nordjylland"


# --- what the templates put on the pages ------------------------------------------------------------------------------


def _override_meeting_template(repo: Path, extra: str) -> None:
    source = bundled_root() / "templates" / "site" / "meeting.html.j2"
    target = repo / "templates" / "site" / "meeting.html.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    assert "{% block main %}\n" in text
    target.write_text(text.replace("{% block main %}\n", "{% block main %}\n" + extra + "\n", 1), encoding="utf-8")


def test_a_field_the_check_does_not_know_is_a_finding_on_the_page(repo_copy: Path) -> None:
    add_publishing_cases(repo_copy)  # 9 June: ad hoc participants by name, whom the site never names
    guest = "meeting.attendance.ad_hoc[0] if meeting.attendance and meeting.attendance.ad_hoc else none"
    _override_meeting_template(
        repo_copy,
        f'{{% set guest = {guest} %}}{{% if guest %}}<p title="{{{{ guest.name }}}}">Gæst</p>'
        f'<img src="x.png" alt="{{{{ guest.email }}}}">{{% endif %}}',
    )
    report = _check(repo_copy)
    found = {(f.kind, f.text, f.where) for f in report.open if f.file == "hjemmeside/nord/2026-06-09.html"}
    assert ("untraced", "Ulla", "attributten 'title' på <p>") in found
    assert ("untraced", "Gæstesen", "attributten 'title' på <p>") in found
    assert ("email", "ulla.gaestesen@thisted.example.org", "attributten 'alt' på <img>") in found
    untraced = next(f for f in report.open if f.text == "Ulla")
    assert "kommer ikke fra en tekst, som privatlivskontrollen har kontrolleret" in untraced.message


def test_a_cpr_number_written_in_a_template_is_found_on_every_page(repo_copy: Path, tmp_path: Path) -> None:
    _override_meeting_template(repo_copy, "<!-- kontakt 070761-4285 -->")
    report = _check(repo_copy)
    cprs = [finding for finding in report.open if finding.kind == "cpr"]
    assert cprs and all(f.file.startswith("hjemmeside/") and f.text == "070761-xxxx" for f in cprs)
    assert {f.where for f in cprs} == {"kommentar"}
    assert all("4285" not in f.message for f in cprs)
    with pytest.raises(PrivacyBlocked):
        publish(repo_copy, tmp_path / "site", TODAY, with_pdf=False)
    assert not (tmp_path / "site").exists()


def test_the_bundled_site_is_traced_completely(repo_copy: Path) -> None:
    report = _check(repo_copy)
    assert report.findings == [] and report.texts > 1000


# --- attachments -------------------------------------------------------------------------------------------------------


def _attach(repo: Path, name: str, data: bytes, publication: str = "") -> None:
    """Publish `name` (below meetings/bilag/) instead of the checklist on nord's 9 June meeting."""
    meeting = add_publishing_cases(repo)
    text = meeting.read_text(encoding="utf-8").replace(PUBLIC, f"bilag/{name}")
    meeting.write_text(text + publication, encoding="utf-8")
    (repo / ATTACHMENTS / name).write_bytes(data)


def _zip(parts: dict[str, str]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for name, text in parts.items():
            archive.writestr(name, text)
    return stream.getvalue()


def _weasyprint_pdf(text: str) -> bytes:
    from driftsforum_cli.render.pdf import html_to_pdf

    return html_to_pdf(
        f"<html><body><h1>Bilag</h1><p>{text}</p></body></html>", base_url=None, title="Bilag", author="X"
    )


DOCX = _zip(
    {
        "word/document.xml": '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Borger 0707</w:t></w:r>'
        "<w:r><w:t>61-4285 er drøftet.</w:t></w:r></w:p></w:body></w:document>",
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>hanne@gmail.com'
        "</dc:creator></cp:coreProperties>",
    }
)
XLSX = _zip({"xl/sharedStrings.xml": "<sst><si><t>Ring 20 30 40 50</t></si></sst>", "xl/workbook.xml": "<workbook/>"})


def _pdf_with_javascript() -> bytes:
    """A real PDF whose open action runs JavaScript."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript")})
    action[NameObject("/JS")] = TextStringObject("app.alert('hej');")
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def test_javascript_in_a_pdf_is_found_in_its_structure_too() -> None:
    from driftsforum_cli.services.published import _pdf_has_javascript

    assert _pdf_has_javascript(_pdf_with_javascript())
    assert not _pdf_has_javascript(blank_pdf("Tjekliste"))


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("noter.txt", "Borgeren 070761-4285 blev drøftet.".encode(), {("cpr", "070761-xxxx"), ("marker", "Borgeren")}),
        ("noter.csv", "navn;telefon\nkontakt;20 30 40 50\n".encode("cp1252"), {("phone", "20 30 40 50")}),
        ("referat.docx", DOCX, {("cpr", "070761-xxxx"), ("email", "hanne@gmail.com")}),
        ("tal.xlsx", XLSX, {("phone", "20 30 40 50")}),
        (
            "tegning.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>Patienten</text></svg>',
            {("marker", "Patienten")},
        ),
        ("foto.png", PNG, set()),
        ("tom.pdf", blank_pdf("Tjekliste"), set()),
    ],
)
def test_the_text_of_accepted_attachments_is_checked(
    repo_copy: Path, name: str, data: bytes, expected: set[tuple[str, str]]
) -> None:
    _attach(repo_copy, name, data)
    report = _check(repo_copy)
    found = {(finding.kind, finding.text) for finding in report.open}
    assert found == expected
    for finding in report.open:
        assert finding.file.endswith(f"{ATTACHMENTS}/{name}") and finding.where.startswith("bilaget")
        assert "4285" not in finding.message


def test_a_real_pdf_attachment_is_read_page_by_page(repo_copy: Path) -> None:
    _attach(repo_copy, "scannet.pdf", _weasyprint_pdf("Kontakt borgeren på 20 30 40 50."))
    found = {(f.kind, f.text, f.where) for f in _check(repo_copy).open}
    assert found == {("phone", "20 30 40 50", "bilaget, side 1"), ("marker", "borgeren", "bilaget, side 1")}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("skitse.html", b"<html><body>Hej</body></html>", "er en HTML-side"),
        ("skitse.htm", b"<p>Hej</p>", "er en HTML-side"),
        ("program.js", b"alert(document.cookie)", "er et JavaScript-program"),
        ("tegning.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "aktivt indhold"),
        ("knap.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "aktivt indhold"),
        ("falsk.pdf", b"<html><script>alert(1)</script></html>", "hedder .pdf, men er ikke en PDF-fil"),
        ("noter.txt", b"<script>alert(1)</script>", "indeholder HTML eller script"),
        ("gammel.doc", b"\xd0\xcf\x11\xe0", "filtype, hjemmesiden ikke offentliggør ('.doc')"),
        ("makro.docm", _zip({"word/document.xml": "<w:document/>"}), "('.docm')"),
        ("makro.docx", _zip({"word/vbaProject.bin": "x"}), "med makroer"),
        ("i-stykker.pdf", b"%PDF-1.4\n%%EOF", "kan ikke læses som PDF"),
        ("billede.png", b"GIF89a", "hedder .png, men er ikke et PNG-billede"),
        ("handling.pdf", _pdf_with_javascript(), "PDF-fil med JavaScript"),
    ],
)
def test_attachments_a_website_should_not_serve_are_refused(
    repo_copy: Path, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    _attach(repo_copy, name, data)
    (finding,) = _check(repo_copy).open
    assert finding.kind == "attachment" and finding.file.endswith(f"{ATTACHMENTS}/{name}")
    assert finding.message.startswith(f"bilaget 'bilag/{name}' ") and reason in finding.message
    assert "publication.public_attachments" in finding.message
    with pytest.raises(PrivacyBlocked):
        publish(repo_copy, tmp_path / "site", TODAY, with_pdf=False)
    assert not (tmp_path / "site").exists()


def test_publish_names_the_refused_attachment(repo_copy: Path, cli: RunCli) -> None:
    _attach(repo_copy, "skitse.html", b"<script>alert(1)</script>")
    result = cli("publish", "-o", str(repo_copy.parent / "site"), "--no-pdf", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    assert "[privacy-attachment]" in result.output
    assert "bilaget 'bilag/skitse.html' er en HTML-side, som ville kunne køre i browseren" in result.output
    assert not (repo_copy.parent / "site").exists()


ACCEPTED = """\
  accepted_findings:
    - text: 20 30 40 50
      by: sekretariat-psykiatrien
      reason: Afdelingens hovednummer.
"""


def test_a_finding_in_an_attachment_is_accepted_in_the_meeting_file(repo_copy: Path, tmp_path: Path) -> None:
    _attach(repo_copy, "noter.txt", b"Afdelingen: 20 30 40 50", ACCEPTED)
    report = _check(repo_copy)
    assert report.open == [] and report.notes == []
    (accepted,) = report.accepted
    assert accepted.accepted is not None and accepted.accepted.by == "sekretariat-psykiatrien"
    publish(repo_copy, tmp_path / "site", TODAY, with_pdf=False)
    assert (tmp_path / "site/nord/bilag/bilag/noter.txt").read_bytes() == b"Afdelingen: 20 30 40 50"


def test_privacy_check_reads_attachments_too(repo_copy: Path, cli: RunCli) -> None:
    _attach(repo_copy, "noter.txt", b"Borgeren 070761-4285.")
    result = cli("privacy-check", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    assert f"{ATTACHMENTS}/noter.txt:1:1: fund [privacy-cpr] bilaget, tekst" in result.output
    assert "4285" not in result.output


def test_a_marker_in_driftsforums_own_words_is_no_finding(repo_copy: Path) -> None:
    add_publishing_cases(repo_copy)  # 9 June shows "Borger- og pårørendeperspektiv", the template's own heading
    config = repo_copy / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    - diagnose\n", "    - diagnose\n    - perspektiv\n", 1), encoding="utf-8")
    assert "Borger- og pårørendeperspektiv" in (bundled_root() / "templates/site/_meeting.html.j2").read_text("utf-8")
    assert _check(repo_copy).open == []
    # The same marker in the data is found.
    meeting = repo_copy / "forums/nord/meetings/2026-06-09.yaml"
    perspective = "    - Repræsentant for Bedre Psykiatri\n"
    assert perspective in meeting.read_text(encoding="utf-8")
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(perspective, "    - Borgerperspektiv fra Thisted\n"),
        encoding="utf-8",
    )
    assert [(f.kind, f.text) for f in _check(repo_copy).open] == [("marker", "Borgerperspektiv")]


def test_the_pdfs_made_are_read_back_before_anything_is_written(
    repo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from driftsforum_cli.render import site as render_site

    made = render_site.render_pdf

    def leaking(job: render_site.PdfJob) -> bytes:  # a PDF engine that adds what the HTML never said
        return made(dataclasses.replace(job, html=job.html.replace("</main>", "<p>Ring 20 30 40 50</p></main>")))

    monkeypatch.setattr(render_site, "render_pdf", leaking)
    publication = prepare(repo_copy, EARLY, "vest", REAL_DATE)
    assert publication.privacy.findings == []
    from driftsforum_cli.services.site import write_site

    with pytest.raises(PrivacyBlocked, match=r"de færdige filer har 2 fund: hjemmeside/vest/2026-03-12-\w+\.pdf"):
        write_site(publication, tmp_path / "site", workers=1)
    assert not (tmp_path / "site").exists()
