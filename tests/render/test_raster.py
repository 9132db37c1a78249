"""SVG → PNG with resvg (render/raster.py): real PNGs, Danish letters drawn, the resolution recorded."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from driftsforum_cli.render.raster import DrawingNotRendered, svg_size, svg_to_png, with_resolution


def _text_svg(text: str, family: str = "DejaVu Sans, Liberation Sans, Arial, sans-serif") -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60" '
        f'font-family="{family}"><text x="10" y="45" font-size="36">{text}</text></svg>'
    )


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _ink(image: Image.Image) -> int:
    """Dark pixels (the drawing on its white background)."""
    grey = image.convert("L")
    return sum(grey.histogram()[:128])


def test_a_png_of_the_svgs_size_times_the_scale_on_white() -> None:
    png = svg_to_png(_text_svg("Referat"), scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = _image(png)
    assert image.size == (400, 120)
    assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)  # white, not transparent
    assert _ink(image) > 500
    assert image.info["dpi"] == pytest.approx((192, 192), abs=0.01)


@pytest.mark.parametrize(("danish", "plain"), [("Å", "A"), ("Ø", "O"), ("æ", "a")])
def test_danish_letters_are_drawn_as_their_own_glyphs(danish: str, plain: str) -> None:
    """A missing glyph would be drawn as nothing (resvg skips it) or as the base letter; Å is A and a ring."""
    drawn = _image(svg_to_png(_text_svg(danish), scale=1)).convert("L")
    base = _image(svg_to_png(_text_svg(plain), scale=1)).convert("L")
    assert _ink(drawn) > 50
    assert ImageChops.difference(drawn, base).getbbox() is not None


def test_the_generic_sans_serif_is_the_documents_font() -> None:
    """An SVG asking only for sans-serif gets DejaVu Sans, the font of the PDFs and of the other drawings."""
    generic = _image(svg_to_png(_text_svg("Årshjul", "sans-serif"), scale=1)).convert("L")
    dejavu = _image(svg_to_png(_text_svg("Årshjul", "DejaVu Sans"), scale=1)).convert("L")
    assert ImageChops.difference(generic, dejavu).getbbox() is None


def test_a_broken_svg_is_a_danish_error() -> None:
    with pytest.raises(DrawingNotRendered, match="Tegningen kan ikke laves om til PNG"):
        svg_to_png("<svg xmlns='http://www.w3.org/2000/svg'><text>", scale=1)


def test_svg_size_from_the_attributes_or_the_view_box() -> None:
    assert svg_size(_text_svg("x")) == (200.0, 60.0)
    assert svg_size('<?xml version="1.0"?>\n<svg viewBox="0 0 1320 740.5" role="img">') == (1320.0, 740.5)
    assert svg_size('<svg width="680px" height="330" >') == (680.0, 330.0)


def test_with_resolution_replaces_an_existing_phys_chunk() -> None:
    png = with_resolution(with_resolution(svg_to_png(_text_svg("x"), scale=1), 300), 144)
    assert png.count(b"pHYs") == 1
    assert _image(png).info["dpi"] == pytest.approx((144, 144), abs=0.01)
