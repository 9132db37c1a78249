"""The browser harness works: axe-core in real Chromium finds nothing on a good page and the known faults on a bad one."""

from __future__ import annotations

import struct
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers.browser import Chromium, format_violations, serve_directory

GOOD_PAGE = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dagsorden – Driftsforum Nord</title>
<style>body { font-family: "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fff; }</style>
</head>
<body>
<main>
<h1>Dagsorden</h1>
<p>Møde i Driftsforum Nord, tirsdag den 3. marts 2026 kl. 13.00 på Ålborg Sygehus.</p>
<h2>Punkter</h2>
<table>
<caption>Punkter til behandling</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">Punkt</th><th scope="col">Ansvarlig</th></tr></thead>
<tbody>
<tr><th scope="row">1</th><td>Godkendelse af referat</td><td>Søren Ærø</td></tr>
<tr><th scope="row">2</th><td>Økonomi og opfølgning på aftaler</td><td>Åse Bøgh</td></tr>
</tbody>
</table>
<p><a href="referat.html">Referat fra sidste møde</a></p>
</main>
</body>
</html>
"""

# Missing lang, an image without alt, and light-grey text on white (contrast about 1.5:1).
BAD_PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>Dårlig side</title></head>
<body>
<main>
<h1>Dagsorden</h1>
<img src="logo.png">
<p style="color: #cccccc; background: #ffffff">Svær at læse</p>
</main>
</body>
</html>
"""

# A 1×1 PNG.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4c00000000049454e44ae426082"
)


def _site(folder: Path) -> Path:
    (folder / "index.html").write_text(GOOD_PAGE, encoding="utf-8")
    (folder / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    (folder / "logo.png").write_bytes(PNG_1X1)
    return folder


def test_accessible_danish_page_has_no_violations(chromium: Chromium, tmp_path: Path) -> None:
    with serve_directory(_site(tmp_path)) as base_url:
        violations = chromium.axe(base_url + "index.html")
    assert violations == []


def test_bad_page_gives_the_expected_violations(chromium: Chromium, tmp_path: Path) -> None:
    with serve_directory(_site(tmp_path)) as base_url:
        violations = chromium.axe(base_url + "bad.html")
    assert [v.id for v in violations] == ["color-contrast", "html-has-lang", "image-alt"], format_violations(violations)
    by_id = {v.id: v for v in violations}
    assert [node.target for node in by_id["image-alt"].nodes] == ["img"]
    assert by_id["image-alt"].impact == "critical"
    report = format_violations(violations)
    assert "color-contrast [serious]" in report
    assert '<img src="logo.png">' in report


def test_page_renders_to_png(chromium: Chromium, tmp_path: Path) -> None:
    with serve_directory(_site(tmp_path)) as base_url:
        shot = chromium.screenshot(base_url + "index.html", tmp_path / "dagsorden.png", width=800, height=600)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    assert width == 800
    assert height >= 600
    assert len(data) > 5_000  # text and a table, not a blank page


def test_missing_page_is_an_error_not_an_empty_result(chromium: Chromium, tmp_path: Path) -> None:
    with serve_directory(tmp_path) as base_url, pytest.raises(AssertionError, match="HTTP 404"):
        chromium.axe(base_url + "findes-ikke.html")


def test_server_serves_on_loopback_and_stops(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(GOOD_PAGE, encoding="utf-8")
    with serve_directory(tmp_path) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base_url + "index.html", timeout=5) as response:
            assert "Dagsorden" in response.read().decode("utf-8")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base_url + "index.html", timeout=2)
