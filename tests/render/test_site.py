"""The published website as a reader gets it: served over HTTP on loopback, every page type in headless Chromium
with axe-core (WCAG 2.1 A and AA), keyboard use, a link check, and the PDFs' metadata."""

from __future__ import annotations

import io
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

import pypdf
import pytest

from driftsforum_cli.cli import main
from tests.helpers import RunCli
from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.pdf import pdf_catalog
from tests.helpers.publishing import add_publishing_cases
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-11-22"

#: One page of every type: front page, statement, forum index, approved minutes (closed items, attachments, ad hoc
#: participants), minutes with a joint meeting, and agendas whose minutes are not approved yet (with and without one).
PAGE_TYPES = (
    "index.html",
    "tilgaengelighed.html",
    "nord/index.html",
    "nord/2026-06-09.html",
    "vest/2026-09-10.html",
    "nord/2026-11-24.html",
    "vest/2026-12-03.html",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the bundled repository with closed items, attachments and ad hoc participants (built once)."""
    work = tmp_path_factory.mktemp("site")
    repo = copy_of_bundled(work / "repo")
    add_publishing_cases(repo)
    target = work / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(work / "cache"))
        code = main(["--repo", str(repo), "publish", "-o", str(target), "--today", TODAY])
    assert code == 0
    return target


@dataclass
class _Page(HTMLParser):
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    headings: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append(str(values[name]))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_every_page_type_passes_axe_in_chromium(chromium: Chromium, site: Path) -> None:
    pages = _html_pages(site)
    assert set(PAGE_TYPES) <= set(pages)
    with serve_directory(site) as base_url:
        for name in pages:
            assert chromium.axe(base_url + name) == [], name
        # Narrow screen (reflow): the same rules hold.
        for name in PAGE_TYPES:
            with chromium.page(base_url + name, width=360, height=740) as page:
                assert chromium.axe_page(page) == [], f"{name} at 360 px"


def test_keyboard_skip_link_and_visible_focus(chromium: Chromium, site: Path) -> None:
    with serve_directory(site) as base_url, chromium.page(base_url + "nord/2026-06-09.html") as page:
        before = page.evaluate("getComputedStyle(document.querySelector('.skip-link')).backgroundColor")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const a = document.activeElement; const r = a.getBoundingClientRect();"
            " return [a.className, a.textContent, r.left >= 0 && r.top >= 0 && r.width > 0,"
            " getComputedStyle(a).backgroundColor]; })()"
        )
        assert focused[:3] == ["skip-link", "Gå til sidens indhold", True]
        assert focused[3] != before  # the focus style is visible
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "indhold"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "A"  # the next link is inside main


def test_pages_are_danish_with_one_h1_and_headings_in_order(site: Path) -> None:
    for name in _html_pages(site):
        text = (site / name).read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="da">'), name
        levels = _parse(site / name).headings
        assert levels.count(1) == 1 and levels[0] == 1, name
        assert all(after - before <= 1 for before, after in pairwise(levels)), (name, levels)


def test_no_broken_internal_link_and_no_orphan(site: Path) -> None:
    pages = {name: _parse(site / name) for name in _html_pages(site)}
    reached: set[str] = set()
    internal: set[str] = set()
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "https"):
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{name}: {link} is not relative"
            target = PurePosixPath(name).parent / unquote(parts.path) if parts.path else PurePosixPath(name)
            resolved = PurePosixPath(*[part for part in target.parts if part != "."])
            while ".." in resolved.parts:
                index = resolved.parts.index("..")
                resolved = PurePosixPath(*resolved.parts[: index - 1], *resolved.parts[index + 1 :])
            assert (site / resolved).is_file(), f"{name}: {link} → {resolved} does not exist"
            if parts.fragment:
                assert parts.fragment in pages[resolved.as_posix()].ids, f"{name}: {link} has no #{parts.fragment}"
            reached.add(resolved.as_posix())
            internal.add(resolved.as_posix())
    published = {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }
    assert published <= reached  # every file of the site is linked from some page
    with serve_directory(site) as base_url:
        for path in sorted(internal):
            url = base_url + "/".join(quote(part) for part in path.split("/"))
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200, path


def test_public_attachment_is_published_and_the_others_are_not(site: Path) -> None:
    assert (site / "nord/bilag/bilag/tjekliste for udskrivning.pdf").read_bytes().startswith(b"%PDF")
    assert not list(site.rglob("intern.pdf"))
    assert not list(site.rglob("lukket.pdf"))
    html = (site / "nord/2026-06-09.html").read_text(encoding="utf-8")
    assert '<a href="bilag/bilag/tjekliste%20for%20udskrivning.pdf">bilag/tjekliste for udskrivning.pdf</a>' in html


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_closed_items_ad_hoc_names_and_comments_never_reach_the_site(site: Path) -> None:
    html = (site / "nord/2026-06-09.html").read_text(encoding="utf-8")
    assert "Lukket punkt</h2>" in html
    assert "Lukket punkt: Kvalitetsaftale for akutpladser</h2>" in html
    assert "Ad hoc-deltagere</dt>\n<dd>Thisted Kommune; organisation ikke oplyst</dd>" in html
    texts = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    texts += [_pdf_text(path) for path in site.rglob("*.pdf") if "bilag" not in path.parts]
    for secret in (
        "navngiven borger",
        "Hemmelig",
        "Lukket beslutning",
        "Ulla",
        "Viggo",
        "ulla.gaestesen",
        "kortlægningen også omfatter de private tilbud",  # a comment to the minutes
        "intern.pdf",
    ):
        assert not any(secret in text for text in texts), secret


def test_pdfs_carry_title_language_and_tags(site: Path) -> None:
    pdfs = sorted(path for path in site.rglob("*.pdf") if "bilag" not in path.parts)
    assert len(pdfs) == 14  # minutes and agenda for 6 held meetings, the agenda for 2 coming ones
    for path in pdfs:
        reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
        metadata = reader.metadata
        assert metadata is not None
        kind = "Referat" if path.name.endswith("-referat.pdf") else "Dagsorden"
        assert metadata.title is not None and metadata.title.startswith(
            f"{kind} – Driftsforum Voksenpsykiatri – Klynge "
        )
        assert metadata.author is not None and metadata.author.startswith("Sekretariatet for Driftsforum")
        catalog = pdf_catalog(reader)
        assert catalog["/Lang"] == "da", path.name
        assert catalog["/MarkInfo"]["/Marked"], path.name
    minutes = _pdf_text(site / "nord/2026-06-09-referat.pdf")
    assert "Godkendt den 24. juni 2026" in minutes
    assert "Lukket punkt: Kvalitetsaftale for akutpladser" in minutes
    assert "UDKAST" not in minutes
    # The agenda's PDF is the agenda as it was sent: nothing about minutes that may long since be approved.
    agenda = _pdf_text(site / "nord/2026-11-24-dagsorden.pdf")
    assert "Udsendt dagsorden" in agenda
    assert "når det er godkendt" not in agenda
    approved = _pdf_text(site / "nord/2026-06-09-dagsorden.pdf")  # the minutes of 9 June are approved
    assert "Udsendt dagsorden" in approved and "når det er godkendt" not in approved
    assert "Referatet offentliggøres her, når det er godkendt." in (site / "nord/2026-11-24.html").read_text(
        encoding="utf-8"
    )


def test_pdfs_from_a_pool_of_processes_are_those_made_one_by_one(site: Path) -> None:
    from datetime import date

    from driftsforum_cli.render.site import POOL_FROM, render_pdfs, render_site
    from driftsforum_cli.services.site import prepare

    repo = site.parent / "repo"
    jobs = render_site(prepare(repo, date.fromisoformat(TODAY)).plan, repo).pdfs[:POOL_FROM]
    steps: list[int] = []
    pooled = render_pdfs(jobs, workers=2, progress=steps.append)
    assert steps == [1] * POOL_FROM
    assert list(pooled) == [job.target for job in jobs]
    assert pooled == {job.target: (site / job.target).read_bytes() for job in jobs}
    assert render_pdfs(jobs[:1], workers=2) == {jobs[0].target: pooled[jobs[0].target]}  # one PDF: no pool


def test_bundled_repository_site_passes_axe(chromium: Chromium, cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """The must-show as it stands: `publish` on the bundled repository, unchanged, gives pages with no violations."""
    target = tmp_path / "site"
    result = cli("publish", "-o", str(target), "--today", TODAY, "--no-pdf", cwd=repo_copy)
    assert result.code == 0, result.output
    with serve_directory(target) as base_url:
        for name in _html_pages(target):
            assert chromium.axe(base_url + name) == [], name
