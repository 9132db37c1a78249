"""Reading Word documents in tests with python-docx, and converting them to PDF with LibreOffice headless."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn

W_LANG = qn("w:lang")


def read_docx(data: bytes) -> Document:
    assert data.startswith(b"PK"), "a DOCX is a zip file"
    return docx.Document(io.BytesIO(data))


def headings(document: Document) -> list[tuple[int, str]]:
    """(level, text) of every paragraph with a 'Heading N' style, in document order."""
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name and name.startswith("Heading "):
            found.append((int(name.removeprefix("Heading ")), paragraph.text))
    return found


def default_language(document: Document) -> str | None:
    """w:lang/@w:val in the document defaults (styles.xml)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    for element in defaults.iter(W_LANG):
        value = element.get(qn("w:val"))
        return str(value) if value is not None else None
    return None


def field_instructions(xml_root: object) -> list[str]:
    """The instructions of the complex fields in a part ('PAGE', 'NUMPAGES')."""
    iterate = getattr(xml_root, "iter")  # noqa: B009 - lxml element
    return [(element.text or "").strip() for element in iterate(qn("w:instrText"))]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_soffice() -> str:
    """The LibreOffice binary; skips when it is missing (fails when CI is set: CI installs it)."""
    binary = soffice()
    if binary is None:
        message = "LibreOffice (soffice) mangler: installér Debian-pakken libreoffice-writer-nogui (make system-deps)"
        if running_in_ci():
            pytest.fail(f"CI is set, so the LibreOffice test may not be skipped: {message}", pytrace=False)
        pytest.skip(message)
    return binary


def docx_to_pdf(binary: str, files: list[Path], out_dir: Path) -> list[Path]:
    """Convert the DOCX files to PDF in one LibreOffice run (its own profile folder, so runs do not clash)."""
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return [out_dir / f"{file.stem}.pdf" for file in files]
