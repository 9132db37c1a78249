"""`driftsforum decisions`: the decision register across forums, searched in Danish (issue 17)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import RunCli

TODAY = "2026-12-01"


def _json(cli: RunCli, repo: Path, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = cli("--repo", str(repo), "decisions", *args, "--format", "json", "--today", TODAY)
    assert result.code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def _add_decision(repo: Path, meeting: str, title: str, decision: str) -> None:
    path = repo / meeting
    text = path.read_text(encoding="utf-8")
    item = f"agenda:\n  - title: {title}\n    kind: beslutning\n    agreements: [SA-03]\n    decision: {decision}\n"
    assert "\nagenda:\n" in text
    path.write_text(text.replace("\nagenda:\n", "\n" + item, 1), encoding="utf-8")


def test_lists_decisions_and_actions_of_every_forum(cli: RunCli, repo_copy: Path) -> None:
    rows = _json(cli, repo_copy)
    assert {row["forum"] for row in rows} == {"nord", "vest"}
    assert {row["kind"] for row in rows} == {"beslutning", "handling"}
    dates = [row["meeting"] for row in rows]
    assert dates == sorted(dates, reverse=True)  # newest first without a search
    actions = [row for row in rows if row["kind"] == "handling"]
    assert {row["fate"] for row in actions} <= {"åben", "overskredet", "lukket"}
    assert all(row["closed_on"] for row in actions if row["fate"] == "lukket")
    escalated = [row for row in rows if row["escalation"]]
    assert any("til Klyngestyregruppe Nord; sendt 2026-09-21; svar:" in row["escalation"] for row in escalated)


def test_search_finds_inflected_compounds_and_ranks(cli: RunCli, repo_copy: Path) -> None:
    _add_decision(
        repo_copy,
        "forums/nord/meetings/2026-11-24.yaml",
        "Revision af udskrivningsaftalen",
        "Udskrivningsaftalen sendes til revision.",
    )
    rows = _json(cli, repo_copy, "--grep", "udskrivning")
    titles = [row["title"] for row in rows]
    assert "Revision af udskrivningsaftalen" in titles
    # in the title and the decision, it ranks above an action that only mentions udskrivningskonferencer
    assert titles.index("Revision af udskrivningsaftalen") < titles.index(
        "Udarbejde fælles tjekliste til udskrivningskonferencer"
    )
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert all("somatik" not in row["title"].lower() for row in rows)


def test_search_folds_danish_letters(cli: RunCli, repo_copy: Path) -> None:
    _add_decision(
        repo_copy,
        "forums/vest/meetings/2026-12-03.yaml",
        "Erfaringer fra Hjørring og Læsø",
        "Driftsforum tog erfaringerne fra Hjørring til efterretning.",
    )
    for query in ("hjorring", "HJOERRING", "Hjørring"):
        rows = _json(cli, repo_copy, "--grep", query, "--forum", "vest")
        assert [row["title"] for row in rows] == ["Erfaringer fra Hjørring og Læsø"], query
    assert [row["title"] for row in _json(cli, repo_copy, "--grep", "laesoe", "--forum", "vest")] == [
        "Erfaringer fra Hjørring og Læsø"
    ]


def test_every_word_must_match(cli: RunCli, repo_copy: Path) -> None:
    assert _json(cli, repo_copy, "--grep", "udskrivning tandlæge") == []
    result = cli("--repo", str(repo_copy), "decisions", "--grep", "tandlæge", "--today", TODAY)
    assert result.code == 0
    assert "Ingen beslutninger eller handlinger passer til søgningen." in result.stdout


def test_filters_by_forum_agreement_and_period(cli: RunCli, repo_copy: Path) -> None:
    vest = _json(cli, repo_copy, "--forum", "vest")
    assert vest and {row["forum"] for row in vest} == {"vest"}
    sa03 = _json(cli, repo_copy, "--agreement", "SA-03")
    assert sa03 and all("SA-03" in row["agreements"] for row in sa03)
    summer = _json(cli, repo_copy, "--from", "2026-06-01", "--to", "2026-06-30")
    assert summer and all("2026-06-01" <= row["meeting"] <= "2026-06-30" for row in summer)


def test_csv_opens_in_danish_excel_and_parses(cli: RunCli, repo_copy: Path) -> None:
    result = cli(
        "--repo", str(repo_copy), "decisions", "--grep", "genindlæggelser", "--format", "csv", "--today", TODAY
    )
    assert result.code == 0
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert rows and all("genindlæggelser" in row["title"] for row in rows)
    assert all("," in row["score"] for row in rows)  # decimal comma
    assert set(rows[0]) >= {"forum", "meeting", "kind", "title", "text", "fate"}


def test_table_is_danish(cli: RunCli, repo_copy: Path) -> None:
    result = cli("--repo", str(repo_copy), "decisions", "--grep", "udskrivning", "--today", TODAY)
    assert result.code == 0
    assert result.stdout.splitlines()[0].split() == [
        "Møde",
        "Forum",
        "Type",
        "Punkt/handling",
        "Beslutning",
        "Aftaler/status",
    ]
    assert "08.09.2026" in result.stdout


def test_unknown_agreement_forum_and_period_are_refused(cli: RunCli, repo_copy: Path) -> None:
    bad = cli("--repo", str(repo_copy), "decisions", "--agreement", "SA-3", "--today", TODAY)
    assert bad.code == 2
    assert "'SA-3' er ikke en samarbejdsaftale i samlingen (mente du 'SA-03'?)" in bad.stderr
    unknown = cli("--repo", str(repo_copy), "decisions", "--forum", "syd", "--today", TODAY)
    assert unknown.code == 1
    assert "forummet 'syd' findes ikke" in unknown.stderr
    period = cli("--repo", str(repo_copy), "decisions", "--from", "2026-12-01", "--to", "2026-01-01", "--today", TODAY)
    assert period.code == 2
    assert "ligger efter --to" in period.stderr
