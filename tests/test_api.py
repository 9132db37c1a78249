"""The public API does what the command line does, without Typer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from driftsforum_cli import api
from driftsforum_cli.workspace import bundled_root
from tests.helpers import RunCli


def test_validate_repository_finds_what_validate_prints(repo_copy: Path) -> None:
    assert api.validate_repository(bundled_root(), date(2026, 11, 22)).diagnostics == []
    meeting = repo_copy / "forums" / "vest" / "meetings" / "2027-06-10.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("date: 2027-06-10", "date: 2027-06-31"), encoding="utf-8"
    )
    result = api.validate_repository(repo_copy, date(2026, 11, 22))
    assert result.failed() and result.forums == 2 and result.files == 30
    assert [(d.line, d.column, d.code) for d in result.errors] == [(2, 7, "invalid-value")]
    assert api.validate_repository(repo_copy, date(2026, 11, 22), {"nord"}).diagnostics == []


def test_render_document_is_the_agenda_the_cli_prints(cli: RunCli) -> None:
    printed = cli("agenda", "nord", "2027-03-09", "--today", "2027-02-20", cwd=bundled_root()).stdout
    made = api.render_document(bundled_root(), "nord", "agenda", date(2027, 3, 9), "md", today=date(2027, 2, 20))
    assert made.decode("utf-8") == printed
    assert api.render_document(bundled_root(), "nord", "agenda", None, "md", today=date(2027, 2, 20)) == made


def test_render_report_and_errors() -> None:
    report = api.render_report(bundled_root(), "vest", "status-report", "md", today=date(2026, 11, 22))
    assert report.decode("utf-8").startswith("# Statusrapport")
    with pytest.raises(api.UsageError, match="'tal' er ikke en rapport"):
        api.render_report(bundled_root(), "vest", "tal", "md", today=date(2026, 11, 22))
    with pytest.raises(api.UserError, match="forummet 'syd' findes ikke"):
        api.render_document(bundled_root(), "syd", "agenda", None, "md", today=date(2026, 11, 22))
    with pytest.raises(api.DriftsforumError) as raised:
        api.render_document(bundled_root(), "nord", "agenda", None, "docx-ish", today=date(2026, 11, 22))
    assert raised.value.exit_code == 2


def test_reminders_are_in_the_api_as_a_dry_run(repo_copy: Path) -> None:
    """The daily reminders from a script: the dry run lists them, sends nothing and writes nothing."""
    moment = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    result = api.send_reminders(repo_copy, "nord", today=date(2026, 12, 1), clock=lambda: moment, environ={})
    assert [run.forum for run in result.forums] == ["nord"]
    assert result.forums[0].prepared and not result.forums[0].delivered
    assert not (repo_copy / "forums/nord/send-log.jsonl").exists()
