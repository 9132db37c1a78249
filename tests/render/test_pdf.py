"""html_to_pdf: a real PDF, read back with pypdf: text, pages, A4, footer, metadata, language and tagging."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest
from pypdf.generic import BooleanObject

from driftsforum_cli.render.pdf import html_to_pdf, print_css, print_css_path
from tests.helpers.pdf import pdf_catalog

A4_POINTS = (595.28, 841.89)
ROWS = "\n".join(
    f"<tr><td>{n}</td><td>Opfølgning på økonomiaftale, del {n}</td><td>Søren Ærø</td></tr>" for n in range(1, 46)
)
SAMPLE = f"""<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Overskrift fra skabelonen</title>
</head>
<body>
<h1>Dagsorden</h1>
<p>Møde i Driftsforum Nord på Århus Sygehus. Blåbærgrød serveres.</p>
<table>
<caption>Punkter</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">Punkt</th><th scope="col">Ansvarlig</th></tr></thead>
<tbody>
{ROWS}
</tbody>
</table>
</body>
</html>
"""


def _read(pdf: bytes) -> pypdf.PdfReader:
    assert pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def sample() -> pypdf.PdfReader:
    return _read(
        html_to_pdf(
            SAMPLE,
            base_url=None,
            title="Dagsorden – Driftsforum Nord, 3. marts 2026",
            author="Sekretariatet for Driftsforum Nord",
            subject="Møde i Driftsforum Nord",
        )
    )


def test_text_is_extractable_with_danish_letters(sample: pypdf.PdfReader) -> None:
    text = "\n".join(page.extract_text() for page in sample.pages)
    assert "Dagsorden" in text
    assert "Møde i Driftsforum Nord på Århus Sygehus. Blåbærgrød serveres." in text
    assert "Opfølgning på økonomiaftale, del 45" in text
    assert "Søren Ærø" in text


def test_two_a4_pages_with_danish_page_numbers(sample: pypdf.PdfReader) -> None:
    assert len(sample.pages) == 2
    for number, page in enumerate(sample.pages, start=1):
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)
        assert f"Side {number} af 2" in page.extract_text()


def test_metadata_title_author_subject(sample: pypdf.PdfReader) -> None:
    info = sample.metadata
    assert info is not None
    # The arguments win over the template's <title>.
    assert info.title == "Dagsorden – Driftsforum Nord, 3. marts 2026"
    assert info.author == "Sekretariatet for Driftsforum Nord"
    assert info.subject == "Møde i Driftsforum Nord"
    xmp = sample.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Dagsorden – Driftsforum Nord, 3. marts 2026"}
    assert xmp.dc_creator == ["Sekretariatet for Driftsforum Nord"]


def test_language_and_pdf_ua_tagging(sample: pypdf.PdfReader) -> None:
    catalog = pdf_catalog(sample)
    assert catalog["/Lang"] == "da"
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()


def test_fonts_are_embedded_dejavu(sample: pypdf.PdfReader) -> None:
    resources: list[Any] = [page["/Resources"] for page in sample.pages]
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1] for page in resources for font in page["/Font"].values()
    }
    assert fonts
    assert all(name.startswith("/DejaVu") or name.startswith("DejaVu") for name in fonts), fonts


def test_language_argument_fills_a_missing_html_lang() -> None:
    reader = _read(html_to_pdf("<h1>Referat</h1><p>Godkendt.</p>", base_url=None, title="Referat", author="S"))
    assert pdf_catalog(reader)["/Lang"] == "da"
    assert len(reader.pages) == 1
    assert "Side 1 af 1" in reader.pages[0].extract_text()


def test_document_css_overrides_the_print_stylesheet() -> None:
    html = "<html lang='da'><style>@page { size: A5 }</style><h1>Dagsorden</h1></html>"
    reader = _read(html_to_pdf(html, base_url=None, title="Dagsorden", author="S"))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((419.53, 595.28), abs=1)


def test_print_css_is_a_template_file() -> None:
    assert print_css_path().parent.name == "templates"
    css = print_css()
    assert "size: A4" in css
    assert '"Side " counter(page) " af " counter(pages)' in css
