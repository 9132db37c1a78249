"""Data through the command line: `data` lists and shows indicators, `validate` locates problems in data files
and references, `due` names stale extracts, and a small count for Læsø is a privacy finding and '< 5' on the
site – while a total that gives it away stops `publish`."""

from __future__ import annotations

import html
from pathlib import Path

from tests.helpers import RunCli

TODAY = "2026-12-01"


def test_data_lists_the_indicators_with_latest_period_and_age(cli: RunCli, repo_copy: Path) -> None:
    result = cli("data", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Forum", "Id", "Indikator", "Seneste", "periode", "Hentet", "Alder"]
    assert any(line.startswith("nord   genindl-30 ") and "2025" in line and "103 dage" in line for line in lines)
    assert any(line.startswith("vest   faerdigbehandlingsdage") for line in lines)
    stale = cli("data", "nord", "--today", "2027-09-01", cwd=repo_copy)
    assert "nord: udtrækket for 'genindl-30' er for gammelt – hent nye data." in stale.stdout
    assert "vest" not in stale.stdout


def test_data_shows_one_indicator_as_table_csv_and_svg(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    table = cli("data", "nord", "genindl-30-antal", "--today", TODAY, cwd=repo_copy)
    assert table.code == 0, table.output
    assert "Læsø           < 5   < 5   < 5   < 5   < 5   < 5   < 5" in table.stdout
    assert "Antal under 5 vises som '< 5' af hensyn til persondata." in table.stdout
    target = tmp_path / "tal.csv"
    assert cli("data", "vest", "genindl-30", "--format", "csv", "-o", str(target), "--today", TODAY).code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfOmr\xc3\xa5de;2019;2020;")
    assert "\r\nThisted;23,5;24,1;22,8;23,9;22,2;21,0;20,7\r\n" in raw.decode("utf-8-sig")
    svg = cli("data", "vest", "faerdigbehandlingsdage", "--format", "svg", "--today", TODAY, cwd=repo_copy)
    assert svg.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'role="img"' in svg.stdout


def test_data_refuses_unknown_indicators_and_formats_without_one(cli: RunCli, repo_copy: Path) -> None:
    result = cli("data", "vest", "genindl", "--today", TODAY, cwd=repo_copy)
    assert result.code == 1
    assert "forummet 'vest' har ingen indikator 'genindl'; mente du 'genindl-30'?" in result.stderr
    assert cli("data", "--format", "svg", "--today", TODAY, cwd=repo_copy).code == 2


def _replace(path: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = path.read_text(encoding=encoding)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding=encoding, newline="")


def test_validate_locates_data_problems_and_the_agenda_is_refused(cli: RunCli, repo_copy: Path) -> None:
    nord = repo_copy / "forums" / "nord"
    export = nord / "data" / "esundhed-genindlaeggelser-nord.csv"
    _replace(export, "Brønderslev;2021;28;", "Brønderslev;2021;28x;", "latin-1")
    _replace(export, "Region Nordjylland;Jammerbugt;2022", "Region Nordjylland;Jamerbugt;2022", "latin-1")
    _replace(
        nord / "meetings" / "2026-09-08.yaml", "indicators: [genindl-30]", "indicators: [genindl-30-antal, genindl-31]"
    )
    result = cli("validate", "--today", "2026-09-01", cwd=repo_copy)
    assert result.code == 1
    out = result.stdout.replace("\\", "/")
    assert (
        "forums/nord/data/esundhed-genindlaeggelser-nord.csv:12:91: fejl [data-number] '28x' i kolonnen 'Tæller' "
        "er ikke et tal" in out
    )
    assert (
        "esundhed-genindlaeggelser-nord.csv:27:74: fejl [data-area] 'Jamerbugt' er ikke en dansk kommune eller "
        "region; mente du 'Jammerbugt'?" in out
    )
    assert "[data-missing-period] Jammerbugt mangler 1 år mellem 2021 og 2023" in out
    assert out.count("'Jamerbugt'") == 1  # two indicators read the file; its problems are reported once
    assert "Brønderslev mangler" not in out  # the row with a wrong number is there
    assert (
        "2026-09-08.yaml:24:36: fejl [unknown-indicator] indikatoren 'genindl-31' findes ikke i indicators.yaml" in out
    )
    agenda = cli("agenda", "nord", "2026-09-08", "--today", "2026-09-01", cwd=repo_copy)
    assert agenda.code == 1
    assert "skal rettes, før dagsordenen laves" in agenda.stderr


def test_due_names_a_stale_extract(cli: RunCli, repo_copy: Path) -> None:
    result = cli("due", "--today", "2027-08-25", "--days", "0", cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Hent nye data: Færdigbehandlingsdage (psykiatri) (udtrækket er fra 24. august 2026" in result.stdout
    assert "OVERSKREDET" in result.stdout


def test_a_small_count_for_laesoe_is_a_finding_and_hidden_on_the_site(cli: RunCli, repo_copy: Path) -> None:
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    _replace(meeting, "indicators: [genindl-30]", "indicators: [genindl-30, genindl-30-antal]")
    check = cli("privacy-check", "--today", TODAY, cwd=repo_copy)
    assert check.code == 0, check.output
    out = check.stdout.replace("\\", "/")
    assert (
        "forums/nord/data/esundhed-genindlaeggelser-nord.csv:35:84: accepteret [privacy-small-number] mødet "
        "2026-09-08, punkt 6, indikatoren 'genindl-30-antal': 'Læsø 2023' er accepteret af driftsforum (automatisk): "
        "vises som '< 5' overalt" in out
    )
    site = repo_copy / "site"
    assert cli("publish", "-o", str(site), "--today", TODAY, cwd=repo_copy).code == 0
    page = html.unescape((site / "nord" / "2026-09-08.html").read_text(encoding="utf-8"))
    assert '<th scope="row">Læsø</th><td class="number">< 5</td>' in page
    assert 'Læsø</th><td class="number">1<' not in page


def test_a_total_that_gives_a_small_count_away_stops_publish(cli: RunCli, repo_copy: Path) -> None:
    nord = repo_copy / "forums" / "nord"
    _replace(nord / "meetings" / "2026-09-08.yaml", "indicators: [genindl-30]", "indicators: [genindl-30-antal]")
    export = nord / "data" / "esundhed-genindlaeggelser-nord.csv"
    text = export.read_text(encoding="latin-1")
    total = sum(int(line.split(";")[4]) for line in text.splitlines() if line.endswith("") and ";2023;" in line)
    line = f"Akutte psykiatriske genindlæggelser inden for 30 dage;Region Nordjylland;Region Nordjylland;2023;{total};999;1,0"
    export.write_text(text + line + "\r\n", encoding="latin-1", newline="")
    _replace(nord / "indicators.yaml", "areas: [Hjørring, Brønderslev, Frederikshavn, Læsø, Jammerbugt]", "areas: []")
    check = cli("privacy-check", "--today", TODAY, cwd=repo_copy)
    assert check.code == 1
    assert (
        "fund [privacy-small-number] mødet 2026-09-08, punkt 6, indikatoren 'genindl-30-antal': Region Nordjylland "
        "er i 2023 summen af de andre viste områder, så det skjulte antal for Læsø kan regnes ud" in check.stdout
    )
    published = cli("publish", "-o", str(repo_copy / "site"), "--today", TODAY, cwd=repo_copy)
    assert published.code == 1
    assert not (repo_copy / "site").exists()
