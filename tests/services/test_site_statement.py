"""The accessibility statement says only what the tool does: what was checked and when, a link to the authority's
own statement in WAS-Tool (and `validate` warns when there is none), and no PDF/UA claim."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

from driftsforum_cli.services.site import publish
from tests.helpers.cli import RunCli

TODAY = date(2026, 11, 22)
URL_LINE = "  statement_url: https://www.was.digst.dk/driftsfora-eksempel\n"


def _statement(repo: Path, site: Path) -> str:
    publish(repo, site, TODAY, with_pdf=False)
    html = (site / "tilgaengelighed.html").read_text(encoding="utf-8")
    return unescape(re.sub(r"\s+", " ", html))


def test_the_statement_links_to_was_tool_and_claims_nothing_unverified(repo_copy: Path, tmp_path: Path) -> None:
    text = _statement(repo_copy, tmp_path / "site")
    assert '<a href="https://www.was.digst.dk/driftsfora-eksempel">' in text
    assert "Digitaliseringsstyrelsens WAS-Tool" in text
    assert "axe-core i browseren Chromium" in text and "Da skabelonerne blev udviklet" in text
    assert "kontrolleres siderne ikke igen i en browser, og links kontrolleres ikke" in text
    assert "Det er ikke kontrolleret, at PDF-filerne overholder PDF/UA." in text
    # The old claims: every publish checks every page type and all links, and the PDFs conform to PDF/UA.
    assert "Hver gang hjemmesiden laves" not in text
    assert "alle interne links kontrolleres" not in text
    assert "er mærkede PDF-filer (PDF/UA)" not in text
    assert "er i overensstemmelse med den europæiske standard" not in text


def test_without_a_was_tool_address_the_statement_says_so_and_validate_warns(
    repo_copy: Path, tmp_path: Path, cli: RunCli
) -> None:
    config = repo_copy / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    assert URL_LINE in text
    config.write_text(text.replace(URL_LINE, ""), encoding="utf-8")
    statement = _statement(repo_copy, tmp_path / "site")
    assert "was.digst.dk" not in statement
    assert "er endnu ikke knyttet til hjemmesiden" in statement
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0, result.output
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("publishing:"))
    assert f"driftsforum.yaml:{line}:1: advarsel [statement-url-missing]" in result.output
    assert "Digitaliseringsstyrelsens WAS-Tool" in result.output


def test_a_repository_without_a_website_section_gets_no_warning(repo_copy: Path, cli: RunCli) -> None:
    config = repo_copy / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("publishing:"), text.index("\nemail:")
    config.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0 and "statement-url-missing" not in result.output, result.output


def test_an_address_that_is_no_https_url_is_an_error(repo_copy: Path, cli: RunCli) -> None:
    config = repo_copy / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(URL_LINE, "  statement_url: www.was.digst.dk/x\n"), encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    assert "'www.was.digst.dk/x' er ikke en webadresse" in result.output
