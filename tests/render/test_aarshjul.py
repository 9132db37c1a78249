"""The årshjul page in a real browser: axe-core finds nothing, and the wheel is drawn; its month labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.dates import get_month_names

from driftsforum_cli.domain.aarshjul import build_wheel
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.render.aarshjul import MONTHS_SHORT, render_html, render_svg
from driftsforum_cli.workspace import bundled_root, load_repository
from tests.helpers.browser import Chromium, serve_directory


def test_aarshjul_opens_in_chromium_and_passes_axe(chromium: Chromium, tmp_path: Path) -> None:
    repo = load_repository(bundled_root())
    assert repo.config.model is not None
    wheel = build_wheel(repo.forums[0], 2026, WorkCalendar(repo.config.model.closures), date(2026, 11, 22))
    (tmp_path / "aarshjul.html").write_text(render_html(wheel, None), encoding="utf-8")
    (tmp_path / "aarshjul.svg").write_text(render_svg(wheel, None), encoding="utf-8")
    with serve_directory(tmp_path) as base_url:
        assert chromium.axe(base_url + "aarshjul.html") == []
        with chromium.page(base_url + "aarshjul.svg") as page:
            assert page.title() == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Nord"
            assert page.locator("#moeder circle").count() == 4
        chromium.screenshot(base_url + "aarshjul.html", tmp_path / "aarshjul.png")
    assert (tmp_path / "aarshjul.png").stat().st_size > 20_000


def test_month_labels_are_cldrs_danish_abbreviations() -> None:
    assert list(MONTHS_SHORT) == list(get_month_names("abbreviated", locale="da").values())
