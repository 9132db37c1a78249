"""The bundled data with every publishing case added: closed items, public attachments, ad hoc participants."""

from __future__ import annotations

from pathlib import Path

CLOSED_AND_PUBLIC_ITEMS = """\
  - title: Sag om en navngiven borger i hjemmeplejen
    kind: drøftelse
    closed: true
    presenter: plo
    background: Hemmelig sagsfremstilling om borgeren.
    decision: Hemmelig beslutning i det lukkede punkt.
    attachments: [bilag/lukket.pdf]
  - title: Kvalitetsaftale for akutpladser
    kind: beslutning
    closed: true
    public_title: true
    decision: Lukket beslutning om akutpladser.
  - title: Status på tjeklisten
    kind: orientering
    attachments: [bilag/tjekliste for udskrivning.pdf, bilag/intern.pdf]
    decision: Taget til efterretning.
"""
AD_HOC = """\
  ad_hoc:
    - name: Ulla Gæstesen
      organisation: Thisted Kommune
      email: ulla.gaestesen@thisted.example.org
      reason: Punktet om tjeklisten
    - name: Viggo Gæst
  citizen_perspective:
    - Repræsentant for Bedre Psykiatri
"""
PUBLICATION = """\
publication:
  public_attachments:
    - bilag/tjekliste for udskrivning.pdf
    - bilag/lukket.pdf
"""


def add_publishing_cases(repo: Path) -> Path:
    """Nord's approved meeting 2026-06-09 gets closed items, attachments (one public), ad hoc participants by name
    and a citizen perspective. Returns the meeting file."""
    meeting = repo / "forums" / "nord" / "meetings" / "2026-06-09.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "\nattendance:\n" in text
    text = text.replace("\nattendance:\n", "\n" + CLOSED_AND_PUBLIC_ITEMS + "attendance:\n" + AD_HOC, 1)
    meeting.write_text(text.rstrip("\n") + "\n" + PUBLICATION, encoding="utf-8")
    folder = meeting.parent / "bilag"
    folder.mkdir()
    for name in ("tjekliste for udskrivning.pdf", "intern.pdf", "lukket.pdf"):
        (folder / name).write_bytes(blank_pdf(name))
    return meeting


def blank_pdf(title: str) -> bytes:
    """A real (readable) PDF of one blank page, with `title` as its title: an attachment publish accepts."""
    import io

    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()
