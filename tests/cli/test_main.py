"""The entry point: main(argv) -> int, one error model, the crash log, the repository choice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from driftsforum_cli.cli import main
from driftsforum_cli.errors import DriftsforumError, UsageError, UserError
from tests.helpers import REPO_ROOT, RunCli


def test_main_returns_exit_codes_instead_of_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--today", "2026-11-22"]) == 0
    assert main(["agenda", "nord", "2026-13-01", "--today", "2026-11-22"]) == 2
    assert main(["agenda", "ingen-sådan", "--today", "2026-11-22"]) == 1
    captured = capsys.readouterr()
    assert "Fejl: mødet: '2026-13-01' er ikke en gyldig dato: måned 13 findes ikke" in captured.err
    assert "Fejl: forummet 'ingen-sådan' findes ikke i samlingen (kendte fora: nord, vest)" in captured.err


def test_the_program_name_is_fixed_whatever_runs_it(capsys: pytest.CaptureFixture[str]) -> None:
    """Under `python -m pytest` sys.argv[0] is pytest; the usage line still says driftsforum."""
    assert main(["agenda"]) == 2
    assert capsys.readouterr().err.startswith("Brug: driftsforum agenda [TILVALG]")


def test_python_dash_m_runs_the_tool() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "driftsforum_cli", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("driftsforum ")


def test_one_error_model() -> None:
    assert issubclass(UserError, DriftsforumError) and UserError.exit_code == 1
    assert issubclass(UsageError, DriftsforumError) and UsageError.exit_code == 2
    from driftsforum_cli.domain.documents import DocumentError
    from driftsforum_cli.files import OverwriteRefused
    from driftsforum_cli.workspace import TargetError

    assert issubclass(DocumentError, UserError)
    assert issubclass(OverwriteRefused, UserError)
    assert issubclass(TargetError, UsageError)
    error = DocumentError("mødet findes ikke").within("forums/nord/meetings/x.yaml")
    assert isinstance(error, DocumentError)
    assert str(error) == error.message == "forums/nord/meetings/x.yaml: mødet findes ikke"


def test_a_crash_writes_a_log_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is reported once, with everything needed to find it; nobody has to make it happen again."""
    import driftsforum_cli.domain.deadlines as deadlines

    def broken(*_args: object, **_kwargs: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(deadlines, "calendar_plan", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code = main(["calendar", "--today", "2026-11-22"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Uventet programfejl (ZeroDivisionError: division by zero)" in err
    assert "Det er en fejl i driftsforum, ikke i dine filer." in err
    assert "Traceback" not in err
    log = next((tmp_path / "state").rglob("driftsforum-fejl.log"))
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "driftsforum calendar --today 2026-11-22" in text
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError: division by zero" in text
    assert f"Python {sys.version.split()[0]}" in text
    assert "pydantic " in text and "Platform:" in text


def test_a_crash_log_that_cannot_be_written_is_printed(tmp_path: Path) -> None:
    from driftsforum_cli.cli.crashlog import write_crash_log

    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    try:
        raise RuntimeError("øv")
    except RuntimeError as exc:
        text = write_crash_log(exc, ["driftsforum", "validate"], folder=blocker)
    assert "Fejlrapporten kunne ikke gemmes" in text
    assert "RuntimeError: øv" in text and "driftsforum validate" in text


def test_drifts_forum_repo_environment_variable_chooses_the_repository(
    cli: RunCli, repo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo_copy / "forums" / "vest").rename(repo_copy / "forums" / "syd")
    monkeypatch.setenv("DRIFTSFORUM_REPO", str(repo_copy))
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    result = cli("validate", "--today", "2026-11-22", cwd=elsewhere)
    assert result.code == 1
    assert "forummets id 'vest' skal være det samme som mappens navn 'syd'" in result.stdout
    monkeypatch.setenv("DRIFTSFORUM_REPO", str(elsewhere))
    result = cli("validate", "--today", "2026-11-22", cwd=elsewhere)
    assert result.code == 2
    assert f"Fejl: {elsewhere} er ikke en driftsforum-samling: der er ingen driftsforum.yaml" in result.stderr


def test_the_entry_point_script_exits_with_the_code(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    code = "import sys\nfrom driftsforum_cli.cli import main\nsys.exit(main(['agenda', 'ingen', '--today', '2026-11-22']))\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Fejl: forummet 'ingen' findes ikke")


def test_dates_and_numbers_out_of_range_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """From a secretary's trial: these crashed with OverflowError."""
    assert main(["due", "--days", "99999999999", "--today", "2026-12-01"]) == 2
    assert "er for mange dage; skriv højst 3653 (ti år)" in capsys.readouterr().err
    for command in (["due"], ["status-report", "nord"], ["evaluation", "nord"]):
        assert main([*command, "--today", "9999-12-31"]) == 2
        assert "'9999-12-31' ligger uden for årene 1900-2200" in capsys.readouterr().err
    assert main(["agenda", "nord", "2027-02-30", "--today", "2026-12-01"]) == 2
    assert "februar 2027 har ikke en 30. dag" in capsys.readouterr().err


def test_a_path_of_the_wrong_kind_is_told_in_danish(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    """On Windows: `--eml dagsorden.pdf` where a folder is meant, `-o C:\\Temp` where a file is."""
    a_file = tmp_path / "dagsorden.pdf"
    a_file.write_bytes(b"%PDF-1.7")
    cases = [
        (("send", "agenda", "nord", "2027-03-09", "--eml", str(a_file)), f"--eml: {a_file} er en fil; angiv en mappe"),
        (("publish", "-o", str(a_file), "--no-pdf"), f"-o/--output: {a_file} er en fil; angiv en mappe"),
        (("calendar", "--format", "ics", "-o", str(tmp_path)), f"-o/--output: {tmp_path} er en mappe; angiv en fil"),
    ]
    for args, danish in cases:
        result = cli(*args, "--today", "2026-12-01", cwd=repo_copy)
        assert result.code == 2, result.output
        assert f"Fejl: ugyldig værdi for {danish}" in result.stderr
        assert " is a " not in result.stderr
