"""Reflow (WCAG 2.1, success criterion 1.4.10, level AA – axe-core does not test it): every page of a published
site and every HTML document reads at 320 CSS px in Chromium without scrolling sideways. Only a data table may be
wider than the screen, and then it scrolls inside its own labelled, focusable box; long Danish words hyphenate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.cli import RunCli
from tests.helpers.publishing import add_publishing_cases
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-11-22"
#: The document width, the viewport's width, and what sticks out (for the assertion message).
MEASURE = """() => [
  document.documentElement.scrollWidth,
  window.innerWidth,
  Array.from(document.querySelectorAll('body *'))
    .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 3).map(e => e.tagName + ': ' + (e.textContent || '').trim().slice(0, 50)),
]"""
SCROLLERS = """() => Array.from(document.querySelectorAll('table')).map(t => {
  const box = t.closest('.table-scroll');
  return box === null ? null : [box.getAttribute('role'), box.getAttribute('aria-label'), box.tabIndex,
    getComputedStyle(box).overflowX];
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the published site of the bundled data (closed items, attachments, ad hoc participants
    added) under site/, and every HTML document of the bundled data under documents/."""
    from driftsforum_cli.cli import main

    base = tmp_path_factory.mktemp("reflow")
    repo = copy_of_bundled(base / "repo")
    add_publishing_cases(repo)
    assert main(["--repo", str(repo), "publish", "-o", str(base / "www/site"), "--today", TODAY, "--no-pdf"]) == 0
    documents = base / "www/documents"
    documents.mkdir()
    runs: list[tuple[str, list[str]]] = []
    for forum in ("nord", "vest"):
        for meeting in sorted((repo / "forums" / forum / "meetings").glob("*.yaml")):
            for kind in ("agenda", "minutes"):
                runs.append((f"{kind}-{forum}-{meeting.stem}", [kind, "render", forum, meeting.stem]))
        runs += [(f"status-{forum}", ["status-report", forum]), (f"evaluation-{forum}", ["evaluation", forum])]
        runs.append((f"aarshjul-{forum}", ["aarshjul", forum]))
    for name, args in runs:
        target = documents / f"{name}.html"
        code = main(["--repo", str(repo), *args, "--format", "html", "--today", "2026-12-01", "-o", str(target)])
        assert code == 0, name
    return base / "www"


def _html(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))


def test_the_corpus_has_every_kind_of_page(pages: Path) -> None:
    names = _html(pages)
    assert {"site/index.html", "site/tilgaengelighed.html", "site/nord/index.html", "site/nord/2026-06-09.html"} <= set(
        names
    )
    assert sum(name.startswith("documents/") for name in names) == 16 * 2 + 6


def test_every_page_reads_at_320_css_pixels_and_tables_scroll_in_their_own_box(chromium: Chromium, pages: Path) -> None:
    wide: dict[str, object] = {}
    tables = 0
    with serve_directory(pages) as base_url:
        for name in _html(pages):
            with chromium.page(base_url + name, width=320, height=640) as page:
                document_width, viewport, sticking_out = page.evaluate(MEASURE)
                if document_width != viewport or sticking_out:
                    wide[name] = (document_width, viewport, sticking_out)
                for box in page.evaluate(SCROLLERS):
                    tables += 1
                    assert box is not None, f"{name}: a table outside a scrolling box"
                    role, label, tab_index, overflow = box
                    assert (role, tab_index, overflow) == ("region", 0, "auto"), name
                    assert label, name
    assert wide == {}
    assert tables > 20


def test_long_danish_words_hyphenate(chromium: Chromium, pages: Path) -> None:
    with serve_directory(pages) as base_url:
        for name in ("site/tilgaengelighed.html", "documents/agenda-nord-2026-11-24.html"):
            with chromium.page(base_url + name, width=320, height=640) as page:
                lang, hyphens, wrap = page.evaluate(
                    "() => [document.documentElement.lang, getComputedStyle(document.querySelector('h1')).hyphens,"
                    " getComputedStyle(document.querySelector('h1')).overflowWrap]"
                )
                assert (lang, hyphens, wrap) == ("da", "auto", "break-word"), name


def test_documents_with_scrolling_tables_pass_axe_at_320_css_pixels(chromium: Chromium, pages: Path) -> None:
    with serve_directory(pages) as base_url:
        for name in (
            "documents/status-nord.html",
            "documents/agenda-nord-2026-11-24.html",
            "site/nord/2026-06-09.html",
        ):
            with chromium.page(base_url + name, width=320, height=640) as page:
                assert chromium.axe_page(page) == [], name


def test_the_status_report_groups_its_headers(cli: RunCli, tmp_path: Path) -> None:
    root = copy_of_bundled(tmp_path)
    result = cli("--repo", str(root), "status-report", "nord", "--format", "html", "--today", "2026-12-01")
    assert result.code == 0, result.output
    html = result.stdout
    assert '<colgroup><col></colgroup><colgroup span="3"></colgroup><colgroup span="3"></colgroup>' in html
    assert '<th scope="colgroup" colspan="3">Dagsorden</th><th scope="colgroup" colspan="3">Referat</th>' in html
    assert html.count('<th scope="col">Udsendt</th>') == 2
