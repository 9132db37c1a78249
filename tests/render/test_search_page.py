"""The site's offline search page (issue 17): a static index built by `publish`, searched in the reader's browser –
headless Chromium with axe-core, no request beyond the site, the same matching as domain/search.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from driftsforum_cli.cli import main
from driftsforum_cli.domain.search import Field, QueryWord, fold, score, words
from tests.helpers.browser import Chromium, serve_directory
from tests.helpers.publishing import add_publishing_cases
from tests.helpers.repos import copy_of_bundled

TODAY = "2026-11-22"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("search-site")
    repo = copy_of_bundled(work / "repo")
    add_publishing_cases(repo)
    target = work / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(work / "cache"))
        assert main(["--repo", str(repo), "publish", "-o", str(target), "--no-pdf", "--today", TODAY]) == 0
    return target


def _index(site: Path) -> dict:  # type: ignore[type-arg]
    loaded = json.loads((site / "soegeindeks.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _expected(site: Path, query: str) -> list[str]:
    """The URLs the page should list for `query`: domain/search.py's score on the index, query words folded only
    (the page has no stemmer), best first."""
    index = _index(site)
    query_words = list(dict.fromkeys(QueryWord(fold(word), fold(word)) for word in words(query)))
    scored = []
    for entry in index["entries"]:
        fields = [
            Field(frozenset(terms), weight) for terms, weight in zip(entry["fields"], index["weights"], strict=True)
        ]
        points = score(query_words, fields)
        if points:
            scored.append((-points, entry["date"], entry["url"]))
    scored.sort(key=lambda hit: (hit[0], [-ord(ch) for ch in hit[1]]))
    return [url for _, _, url in scored]


def test_index_holds_only_what_the_pages_show(site: Path) -> None:
    index = _index(site)
    assert index["format"] == 1 and index["weights"] == [3.0, 3.0, 1.5]
    text = (site / "soegeindeks.json").read_text(encoding="utf-8")
    assert "Hemmelig" not in text and "Lukket beslutning om akutpladser" not in text  # closed items
    assert "Godkendelse af dagsorden" not in text  # standard items
    titles = {entry["title"] for entry in index["entries"]}
    assert "Opfølgning på samarbejdsaftale om udskrivningsaftaler og koordinationsplaner" in titles
    for entry in index["entries"]:
        page, anchor = entry["url"].split("#")
        assert f'id="{anchor}"' in (site / page).read_text(encoding="utf-8"), entry["url"]
    script = (site / "soegeindeks.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("window.driftsforumSoegeindeks = ").rstrip().removesuffix(";")) == index
    assert 'href="soeg.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="../soeg.html"' in (site / "nord/index.html").read_text(encoding="utf-8")


def test_search_page_is_accessible(chromium: Chromium, site: Path) -> None:
    with serve_directory(site) as base_url:
        assert chromium.axe(base_url + "soeg.html") == []
        with chromium.page(base_url + "soeg.html?q=udskrivning", width=360, height=740) as page:
            page.wait_for_function("document.querySelectorAll('#soeg-resultater li').length > 0")
            assert chromium.axe_page(page) == []
            label = page.evaluate("document.querySelector('label[for=soeg-tekst]').textContent")
            assert label == "Søgeord"
            live = page.evaluate(
                "[document.getElementById('soeg-status').getAttribute('role'),"
                " document.getElementById('soeg-status').getAttribute('aria-live')]"
            )
            assert live == ["status", "polite"]


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("udskrivning", "Opfølgning på samarbejdsaftale om udskrivningsaftaler og koordinationsplaner"),
        ("genindlaeggelser", "Data fra Dash Board – akutte psykiatriske genindlæggelser inden for 30 dage"),
        ("KOORDINATIONSPLANERNE", "Opfølgning på samarbejdsaftale om udskrivningsaftaler og koordinationsplaner"),
    ],
)
def test_typing_a_query_lists_ranked_hits_and_announces_them(
    chromium: Chromium, site: Path, query: str, expected_title: str
) -> None:
    requests: list[str] = []
    with serve_directory(site) as base_url, chromium.page(base_url + "soeg.html") as page:
        page.on("request", lambda request: requests.append(request.url))
        page.fill("#soeg-tekst", query)
        page.press("#soeg-tekst", "Enter")
        page.wait_for_function("document.getElementById('soeg-status').textContent.length > 0")
        status = page.inner_text("#soeg-status")
        links = page.eval_on_selector_all("#soeg-resultater a", "links => links.map(a => a.getAttribute('href'))")
        titles = page.eval_on_selector_all("#soeg-resultater a", "links => links.map(a => a.textContent)")
        assert expected_title in titles
        assert status == f"{len(links)} træf for »{query}«."
        assert links == _expected(site, query)  # the page matches and ranks as domain/search.py does
        page.click("#soeg-resultater a")
        page.wait_for_load_state("load")
        assert page.url.split("#")[1].startswith(("punkt-", "faelles-"))
    assert requests and all(url.startswith(base_url) for url in requests)  # nothing beyond the site


def test_no_hits_is_said(chromium: Chromium, site: Path) -> None:
    with serve_directory(site) as base_url, chromium.page(base_url + "soeg.html?q=tandl%C3%A6ge") as page:
        page.wait_for_function("document.getElementById('soeg-status').textContent.length > 0")
        assert page.inner_text("#soeg-status") == "Ingen træf for »tandlæge«."
        assert page.eval_on_selector_all("#soeg-resultater li", "items => items.length") == 0
