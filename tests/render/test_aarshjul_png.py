"""The årshjul as a PNG (`aarshjul --format png`, `-o FIL.png`): a real image, twice the SVG's size, the wheel
drawn, the Danish title drawn as text and clear of the wheel, nothing cut off at the edges."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from driftsforum_cli.domain.aarshjul import Wheel
from driftsforum_cli.render.aarshjul import CX, CY, R_OUT, render_png, render_svg
from driftsforum_cli.render.raster import svg_size, svg_to_png
from tests.helpers import RunCli
from tests.helpers.wheels import bundled_wheel

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Vest"


def _wheel(forum_id: str, year: int = 2026) -> Wheel:
    return bundled_wheel(forum_id, year)


def _grey(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("L")


def _dark(image: Image.Image, limit: int = 160) -> int:
    return sum(image.histogram()[:limit])


@pytest.mark.parametrize("how", [("--format", "png"), ("-o", "hjul.png")])
def test_the_aarshjul_as_png(cli: RunCli, repo_copy: Path, how: tuple[str, str]) -> None:
    result = cli("aarshjul", "vest", "--year", "2026", *how, "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    target = repo_copy / ("hjul.png" if how[0] == "-o" else "aarshjul-vest-2026.png")
    assert f"Skrev {target.name}." in result.output
    width, height = svg_size(render_svg(_wheel("vest"), None))
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.size == (round(2 * width), round(2 * height))  # 2×: sharp on a slide and in print
        assert image.mode in ("RGB", "RGBA")
        assert image.info["dpi"] == pytest.approx((192, 192), abs=0.01)
        ring = image.convert("L").crop((2 * (CX - R_OUT), 2 * (CY - R_OUT), 2 * (CX + R_OUT), 2 * (CY + R_OUT)))
    # The wheel is drawn: its lines, shaded months, agreement segments and marks darken a good part of the ring.
    shaded = sum(ring.histogram()[:250]) / (ring.width * ring.height)
    assert shaded > 0.10, shaded
    assert _dark(ring, 128) > 20_000


def test_the_title_is_drawn_in_danish_and_clear_of_the_wheel() -> None:
    """The strip above the wheel holds exactly the title text (drawn alone it gives the same pixels), so the
    letters are there, Å included, and no line of the wheel crosses them."""
    svg = render_svg(_wheel("vest"), None)
    root = ET.fromstring(svg.split("?>", 1)[1])
    title = next(element for element in root.iter(f"{SVG}text") if element.text == TITLE)
    head = re.search(r"<svg[^>]*>", svg)
    assert head is not None
    attributes = " ".join(f'{name}="{value}"' for name, value in title.attrib.items())
    alone = f'{head[0]}<rect width="100%" height="100%" fill="#fff"/><text {attributes}>{TITLE}</text></svg>'
    strip = (0, 0, 2 * int(CX + R_OUT), 2 * 50)  # the title's line (baseline y 40) as wide as the wheel
    drawn = _grey(render_png(_wheel("vest"), None)).crop(strip)
    expected = _grey(svg_to_png(alone, scale=2)).crop(strip)
    assert _dark(expected) > 3000  # the title's letters
    assert ImageChops.difference(drawn, expected).getbbox() is None


@pytest.mark.parametrize("forum_id", ["nord", "vest"])
def test_nothing_is_cut_off_at_the_edges(forum_id: str) -> None:
    """The legend's longest line and the panel's wrapped titles end inside the picture: the outermost columns
    and rows are white."""
    image = _grey(render_png(_wheel(forum_id), None, scale=1))
    for box in ((image.width - 8, 0, image.width, image.height), (0, image.height - 4, image.width, image.height)):
        assert _dark(image.crop(box), 250) == 0, box


def test_an_empty_year_is_a_png_that_says_so() -> None:
    image = _grey(render_png(_wheel("nord", 2031), None, scale=1))
    assert _dark(image) > 1000
