"""Our SVG drawings (the årshjul, the indicator charts) as PNG images, without a browser.

The library is resvg (`resvg-py`): a Rust SVG renderer shipped as a wheel with no system libraries, which
shapes text itself (rustybuzz) from the fonts it finds. It reads the system's fonts (on Linux the fontconfig
folders, on Windows C:\\Windows\\Fonts), so the drawings get the same family as WeasyPrint's PDFs: the SVGs
ask for "DejaVu Sans, Liberation Sans, Arial, sans-serif" (DejaVu comes with Debian's fonts-dejavu-core, in
the Makefile's DEB_PACKAGES), and the generic sans-serif is mapped to DejaVu Sans as well, falling back to the
next family where it is missing (Arial on a Windows PC). Æ, ø and å are in all of them.

resvg is imported only here, when a PNG is asked for.
"""

from __future__ import annotations

import re
import struct
import zlib

from driftsforum_cli.errors import UserError

#: The font family of the drawings (and of the documents' CSS): what sans-serif means when rendering.
FONT_FAMILY = "DejaVu Sans"
#: CSS pixels per inch: an SVG's width="680" is 680/96 inch.
CSS_DPI = 96.0
_LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


class DrawingNotRendered(UserError):
    """resvg could not read or draw the SVG (a repository's own template with an error, say)."""


def svg_to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """The SVG document as a PNG on white, `scale` pixels per CSS pixel (2: sharp on slides and in print),
    with the resolution recorded in the file (96 × `scale` dpi), so a program placing it shows it at the
    SVG's own size."""
    import resvg_py

    try:
        png = resvg_py.svg_to_bytes(
            svg_string=svg,
            zoom=scale,
            background="#ffffff",
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
            languages=["da"],
        )
    except ValueError as exc:
        raise DrawingNotRendered(
            f"Tegningen kan ikke laves om til PNG ({exc}). Ret SVG-skabelonen i templates/, eller fjern den for at "
            "bruge standardskabelonen."
        ) from None
    return with_resolution(bytes(png), CSS_DPI * scale)


def svg_size(svg: str) -> tuple[float, float]:
    """The SVG's width and height in CSS pixels (its width/height attributes, else its viewBox)."""
    head = svg[svg.find("<svg") :]
    head = head[: head.find(">")]
    width = _attribute(head, "width")
    height = _attribute(head, "height")
    if width is not None and height is not None:
        return width, height
    box = re.search(r'viewBox="([^"]*)"', head)
    if box is not None:
        numbers = [float(part) for part in re.split(r"[\s,]+", box[1].strip()) if part]
        if len(numbers) == 4:
            return numbers[2], numbers[3]
    return 300.0, 150.0  # what a browser gives an SVG without a size


def _attribute(head: str, name: str) -> float | None:
    found = re.search(rf'\s{name}="([^"]*)"', head)
    if found is None:
        return None
    length = _LENGTH.match(found[1])
    return float(length[1]) if length is not None else None


def with_resolution(png: bytes, dpi: float) -> bytes:
    """The PNG with a pHYs chunk saying `dpi` (replacing one it had), right after the header chunk."""
    signature, rest = png[:8], png[8:]
    chunks: list[bytes] = []
    while rest:
        (length,) = struct.unpack(">I", rest[:4])
        kind = rest[4:8]
        chunk, rest = rest[: 12 + length], rest[12 + length :]
        if kind != b"pHYs":
            chunks.append(chunk)
    per_metre = round(dpi / 0.0254)
    body = struct.pack(">IIB", per_metre, per_metre, 1)
    phys = struct.pack(">I", len(body)) + b"pHYs" + body + struct.pack(">I", zlib.crc32(b"pHYs" + body))
    return signature + chunks[0] + phys + b"".join(chunks[1:])
