"""The one gate: validate reports everything; the other commands refuse on errors in what they use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.diagnostics import Severity
from driftsforum_cli.services.gate import Blocked, UnknownForum, blocking, diagnose, open_forum, require_usable
from driftsforum_cli.workspace import load_repository
from tests.helpers import RunCli

TODAY = date(2026, 11, 22)


def _break_presenter(repo: Path) -> Path:
    meeting = repo / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(
        text.replace("presenter: psykiatri-klinikledelse", "presenter: ukendt-plads", 1), encoding="utf-8"
    )
    return meeting


def _add_unknown_area(repo: Path) -> None:
    """A warning only: a misspelt area ('misbrugsomraadet') beside the charter's own."""
    members = repo / "forums" / "vest" / "members.yaml"
    text = members.read_text(encoding="utf-8")
    areas = "areas: [socialområdet, beskæftigelsesområdet, misbrugsområdet"
    assert areas in text
    members.write_text(text.replace(areas, areas + ", misbrugsomraadet", 1), encoding="utf-8")


def test_the_bundled_forums_pass_the_gate() -> None:
    from driftsforum_cli.workspace import bundled_root

    repo = load_repository(bundled_root())
    assert blocking(repo, TODAY) == []
    require_usable(repo, TODAY, None, "noget laves")


def test_an_error_in_a_forum_blocks_that_forum_only(repo_copy: Path) -> None:
    _break_presenter(repo_copy)
    repo = load_repository(repo_copy)
    errors = blocking(repo, TODAY, {"nord"})
    assert [d.file.endswith("forums/nord/meetings/2026-09-08.yaml") for d in errors] == [True]
    assert blocking(repo, TODAY, {"vest"}) == []
    with pytest.raises(Blocked) as raised:
        require_usable(repo, TODAY, {"nord"}, "dagsordenen laves")
    message = str(raised.value)
    assert message.startswith("1 fejl skal rettes, før dagsordenen laves: ")
    assert "2026-09-08.yaml:11:16: " in message and "ukendt-plads" in message
    assert message.endswith("Kør 'driftsforum validate' for at se alle problemer. Intet er gjort.")
    assert raised.value.diagnostics == errors


def test_warnings_are_reported_by_validate_but_never_block(repo_copy: Path) -> None:
    _add_unknown_area(repo_copy)
    repo = load_repository(repo_copy)
    assert any(d.severity is Severity.WARNING for d in diagnose(repo, TODAY))
    assert blocking(repo, TODAY) == []


def test_an_unknown_forum_names_the_known_ones(repo_copy: Path) -> None:
    with pytest.raises(UnknownForum, match=r"forummet 'syd' findes ikke i samlingen \(kendte fora: nord, vest\)"):
        open_forum(repo_copy, "syd", TODAY, "dagsordenen laves")


def test_agenda_refuses_a_forum_that_validate_rejects(cli: RunCli, repo_copy: Path) -> None:
    """An unknown presenter used to be dropped from the agenda in silence."""
    _break_presenter(repo_copy)
    result = cli("agenda", "nord", "2026-09-08", "--today", "2026-09-01", cwd=repo_copy)
    assert result.code == 1
    assert result.stdout == ""
    assert "før dagsordenen laves" in result.stderr and "ukendt-plads" in result.stderr
    assert cli("agenda", "vest", "2026-09-10", "--today", "2026-09-01", cwd=repo_copy).code == 0
    assert cli("validate", "--today", "2026-09-01", cwd=repo_copy).code == 1
