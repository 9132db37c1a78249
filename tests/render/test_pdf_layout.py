"""Agendas and minutes as PDF, read back with real tools: pdftoppm rasterises the pages (page count, no
nearly empty page), pypdf reads the running header and the footer, pikepdf checks that the structure matches
the PDF/UA-1 identification (page furniture as artifacts, /IDTree for the table headers' IDs), and a logo
from the repository is embedded."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pikepdf
import pypdf
import pytest

from driftsforum_cli.domain.documents import build_document
from driftsforum_cli.render.documents import render_document
from driftsforum_cli.render.pdf_structure import check, instructions_of, tidy
from driftsforum_cli.workspace import load_repository
from tests.helpers.repos import copy_of_bundled

TODAY = date(2026, 12, 1)
#: (forum, meeting, kind): the longest documents of the bundled data, the joint meeting among them.
CASES = [
    ("nord", date(2026, 11, 24), "agenda"),
    ("nord", date(2026, 9, 8), "minutes"),
    ("vest", date(2026, 12, 3), "agenda"),
]
#: A page whose content fills less than this share of the printable height counts as nearly empty.
NEARLY_EMPTY = 0.12


def _png(width: int, height: int) -> bytes:
    """A PNG in the region's colour, written by hand (no image library needed)."""
    rows = b"".join(b"\x00" + b"\x0b\x4f\x6c" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_of_bundled(tmp_path_factory.mktemp("pdf") / "repo")
    (root / "logo").mkdir()
    (root / "logo/region.png").write_bytes(_png(120, 40))
    forum = root / "forums/nord/forum.yaml"
    text = forum.read_text(encoding="utf-8")
    assert "\ndocuments:\n" in text
    forum.write_text(
        text.replace("\ndocuments:\n", "\ndocuments:\n  logo: logo/region.png\n  logo_text: Region Nordjylland\n"),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def pdfs(repo: Path) -> dict[tuple[str, date, str], bytes]:
    loaded = load_repository(repo)
    found = {}
    for forum_id, day, kind in CASES:
        files = next(f for f in loaded.forums if f.id == forum_id)
        meeting = next(m.model for m in files.meetings if m.model is not None and m.model.date == day)
        doc = build_document(kind, files, meeting, loaded.calendar, TODAY)  # type: ignore[arg-type]
        found[(forum_id, day, kind)] = render_document(doc, "pdf", repo)
    return found


def _ink(pdf: bytes, tmp_path: Path) -> list[float]:
    """Per page: the share of the printable height (inside the page margins) from the top of the content to
    its last line, read off pdftoppm's greyscale rendering at 40 dpi."""
    from PIL import Image

    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(source), str(tmp_path / "page")], check=True)
    shares = []
    for path in sorted(tmp_path.glob("page-*.pgm")):
        image = Image.open(path)
        width, height = image.size
        top, bottom = int(height * 24 / 297), int(height * (1 - 24 / 297))  # the A4 page without its margins
        pixels = image.load()
        assert pixels is not None
        rows = [y for y in range(top, bottom) if any(pixels[x, y] < 160 for x in range(0, width, 2))]
        shares.append((rows[-1] - top) / (bottom - top) if rows else 0.0)
    return shares


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[2]}-{case[0]}-{case[1]}")
def test_no_page_is_nearly_empty(
    case: tuple[str, date, str], pdfs: dict[tuple[str, date, str], bytes], tmp_path: Path
) -> None:
    shares = _ink(pdfs[case], tmp_path)
    assert 1 <= len(shares) <= 4, shares  # the longest (Nord, September) has a table and a chart of data
    assert all(share >= NEARLY_EMPTY for share in shares), shares


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[2]}-{case[0]}-{case[1]}")
def test_pages_after_the_first_have_a_running_header(
    case: tuple[str, date, str], pdfs: dict[tuple[str, date, str], bytes]
) -> None:
    forum_id, day, kind = case
    reader = pypdf.PdfReader(io.BytesIO(pdfs[case]))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    title = {"agenda": "Dagsorden", "minutes": "Referat"}[kind]
    running = f"{title}, {day.day}. {['november', 'september', 'december'][[11, 9, 12].index(day.month)]} {day.year}"
    assert running not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Driftsforum Voksenpsykiatri – Klynge {forum_id.capitalize()}" in text
        assert running in text
        assert f"Side {number} af {len(pages)}" in text


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[2]}-{case[0]}-{case[1]}")
def test_the_structure_matches_the_pdf_ua_identification(
    case: tuple[str, date, str], pdfs: dict[tuple[str, date, str], bytes]
) -> None:
    data = pdfs[case]
    assert check(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        root = pdf.Root.StructTreeRoot
        ids = root.IDTree.Names if "/IDTree" in root else pikepdf.Array()
        # every ID in the tree names a table header cell that carries it
        for key, element in zip(ids[::2], ids[1::2], strict=True):
            assert element.S == "/TH" and str(element.ID) == str(key)
        for number, page in enumerate(pdf.pages, start=1):
            artifacts = [
                operands
                for operands, operator in instructions_of(page)
                if str(operator) == "BDC" and operands[0] == pikepdf.Name.Artifact
            ]
            # the footer; on pages 2 and on the running header's two parts too
            assert len(artifacts) == (1 if number == 1 else 3), number


def test_minutes_with_an_action_table_get_an_id_tree(pdfs: dict[tuple[str, date, str], bytes]) -> None:
    with pikepdf.open(io.BytesIO(pdfs[("nord", date(2026, 11, 24), "agenda")])) as pdf:
        names = pdf.Root.StructTreeRoot.IDTree.Names
        assert len(names) >= 8  # the four headers of the table of actions, each an ID and its element


def test_tidy_leaves_an_untagged_pdf_alone() -> None:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out)
    assert tidy(out.getvalue()) == out.getvalue()
    assert check(out.getvalue()) == ["no structure tree"]


def test_the_logo_from_the_repository_is_on_the_first_page(pdfs: dict[tuple[str, date, str], bytes]) -> None:
    nord = pikepdf.open(io.BytesIO(pdfs[("nord", date(2026, 11, 24), "agenda")]))
    vest = pikepdf.open(io.BytesIO(pdfs[("vest", date(2026, 12, 3), "agenda")]))
    assert _images(nord.pages[0].obj) == 1  # Nord has a logo
    assert _images(vest.pages[0].obj) == 0  # Vest has none
    figure = [e for e in _elements(nord.Root.StructTreeRoot) if e.get("/S") == "/Figure"]
    assert [str(e.Alt) for e in figure] == ["Region Nordjylland"]


def _images(holder: pikepdf.Object) -> int:
    """Image XObjects used on a page, in forms too."""
    resources = holder.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return 0
    found = 0
    for _, xobject in xobjects.items():
        found += 1 if xobject.get("/Subtype") == "/Image" else _images(xobject)
    return found


def _elements(root: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found, pending = [], list(root.K)
    while pending:
        element = pending.pop()
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            found.append(element)
            kids = element.get("/K")
            pending.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return found


def test_a_missing_logo_is_a_danish_error(repo: Path, tmp_path: Path) -> None:
    from driftsforum_cli.errors import UserError

    root = copy_of_bundled(tmp_path / "other")
    forum = root / "forums/vest/forum.yaml"
    forum.write_text(
        forum.read_text(encoding="utf-8").replace("\ndocuments:\n", "\ndocuments:\n  logo: logo/mangler.png\n"),
        encoding="utf-8",
    )
    loaded = load_repository(root)
    files = next(f for f in loaded.forums if f.id == "vest")
    meeting = next(m.model for m in files.meetings if m.model is not None)
    doc = build_document("agenda", files, meeting, loaded.calendar, TODAY)
    with pytest.raises(UserError, match=r"logoet 'logo/mangler.png' \(documents.logo\) kan ikke læses: "):
        render_document(doc, "html", root)
