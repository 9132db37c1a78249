"""`driftsforum validate` as a secretary and a CI job use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT, RunCli


def test_bundled_forums_validate_clean(cli: RunCli) -> None:
    result = cli("validate", "--today", "2026-11-22", cwd=REPO_ROOT)
    assert result.code == 0, result.output
    assert "Ingen fejl: 30 filer i 2 fora er gennemgået." in result.stdout


def test_removed_plo_seat_fails_with_file_line_and_rule(cli: RunCli, repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("sector: almen praksis", "sector: region"), encoding="utf-8"
    )
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    line = next(line for line in result.stdout.splitlines() if "[plo-seat]" in line)
    assert line.startswith(
        f"{Path('forums', 'nord', 'members.yaml')}:4:1: fejl [plo-seat] ingen plads fra almen praksis"
    )
    assert "Traceback" not in result.output


def test_every_bad_input_is_reported_in_one_run(cli: RunCli, repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "2027-03-09.yaml").write_text("date: 2027-03-09\nstart: 13:00\n  end: 15:00\n", encoding="utf-8")
    (meetings / "2027-06-08.yaml").write_text(
        "date: 2027-06-31\nstart: 13:00\nend: 15:00\nplace: !!python/object:os.system x\nstart: 14:00\n",
        encoding="utf-8",
    )
    (meetings / "2027-09-07.yaml").write_text(
        "date: 2027-09-07\nstart: 13:00\nslut: 15:00\nplace: Hjørring\n", encoding="utf-8"
    )
    result = cli("validate", "--format", "json", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    report = json.loads(result.stdout)
    found = {(Path(d["file"]).name, d["line"], d["column"], d["code"]) for d in report["diagnostics"]}
    assert found == {
        ("2027-03-09.yaml", 3, 6, "yaml-syntax"),
        ("2027-06-08.yaml", 4, 8, "unsafe-tag"),
        ("2027-06-08.yaml", 5, 1, "duplicate-key"),
        ("2027-06-08.yaml", 1, 7, "invalid-value"),
        ("2027-09-07.yaml", 3, 1, "unknown-key"),
        ("2027-09-07.yaml", 1, 1, "missing-key"),
    }
    assert report["errors"] == 6
    assert report["warnings"] == 0
    assert {d["severity"] for d in report["diagnostics"]} == {"error"}


def test_json_report_of_a_clean_repository(cli: RunCli) -> None:
    result = cli("validate", "--format", "json", "--today", "2026-11-22", cwd=REPO_ROOT)
    assert result.code == 0
    assert json.loads(result.stdout) == {"files": 30, "forums": 2, "errors": 0, "warnings": 0, "diagnostics": []}


def test_github_annotations(cli: RunCli, repo_copy: Path) -> None:
    agreements = repo_copy / "forums/vest/agreements.yaml"
    agreements.write_text(
        agreements.read_text(encoding="utf-8").replace("status: aktiv", "status: aktif", 1), encoding="utf-8"
    )
    result = cli("validate", "--format", "github", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        f"::error file={Path('forums', 'vest', 'agreements.yaml')},line=7,col=13,title=invalid-value::"
    )
    assert "mente du 'aktiv'?" in first


def test_warnings_pass_unless_strict(cli: RunCli, repo_copy: Path) -> None:
    forum = repo_copy / "forums/nord/forum.yaml"
    forum.write_text(
        forum.read_text(encoding="utf-8").replace("planned_years: [2026, 2027]", "planned_years: [2026]"),
        encoding="utf-8",
    )
    (repo_copy / "forums/nord/meetings/2027-11-23.yaml").unlink()
    relaxed = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert relaxed.code == 0
    assert "advarsel [meetings-per-year] 2027 har 3 ordinære møder" in relaxed.stdout
    assert "Fandt 1 advarsel i 29 filer i 2 fora." in relaxed.stdout
    strict = cli("validate", "--strict", "--today", "2026-11-22", cwd=repo_copy)
    assert strict.code == 1


def test_paths_select_forums(cli: RunCli, repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("sector: almen praksis", "sector: region"), encoding="utf-8"
    )
    only_vest = cli("validate", str(repo_copy / "forums/vest"), "--today", "2026-11-22")
    assert only_vest.code == 0
    assert "i 1 forum" in only_vest.stdout
    one_file = cli("validate", str(members), "--today", "2026-11-22")
    assert one_file.code == 1
    assert "[plo-seat]" in one_file.stdout


def test_repo_option_and_environment(cli: RunCli, repo_copy: Path, tmp_path: Path, monkeypatch: object) -> None:
    result = cli("--repo", str(repo_copy), "validate", "--today", "2026-11-22", cwd=tmp_path)
    assert result.code == 0
    missing = cli("--repo", str(tmp_path), "validate")
    assert missing.code == 2
    assert "er ikke en driftsforum-samling" in missing.stderr


def test_usage_errors_are_danish_and_exit_2(cli: RunCli) -> None:
    result = cli("validate", "--formt", "json")
    assert result.code == 2
    assert "ukendt tilvalg '--formt' – mente du '--format'?" in result.stderr
    assert "Brug: driftsforum validate" in result.stderr
    bad_choice = cli("validate", "--format", "xml")
    assert bad_choice.code == 2
    assert "'xml' er ikke en af: text, json, github" in bad_choice.stderr
    bad_date = cli("validate", "--today", "22-11-2026")
    assert bad_date.code == 2
    assert "'22-11-2026' er ikke skrevet som ÅÅÅÅ-MM-DD; skriv 22. november 2026 som 2026-11-22" in bad_date.stderr
    no_path = cli("validate", "/ingen/sådan/mappe")
    assert no_path.code == 2
    assert "/ingen/sådan/mappe findes ikke" in no_path.stderr
    unknown = cli("valider")
    assert unknown.code == 2
    assert "ukendt kommando 'valider'" in unknown.stderr


def test_help_is_danish(cli: RunCli) -> None:
    result = cli("validate", "--help")
    assert result.code == 0
    for danish in (
        "Brug: driftsforum validate [TILVALG] [STI]...",
        "Tilvalg",
        "Vis denne hjælp og afslut.",
        "[standard: text]",
    ):
        assert danish in result.stdout
    assert "Show this message" not in result.stdout


def test_console_script_and_module_entry_points(repo_copy: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    for command in ([sys.executable, "-m", "driftsforum_cli"], [str(Path(sys.executable).parent / "driftsforum")]):
        done = subprocess.run(
            [*command, "validate", "--today", "2026-11-22"],
            cwd=repo_copy,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Ingen fejl" in done.stdout


def test_broken_file_in_a_subprocess_has_no_traceback(repo_copy: Path) -> None:
    (repo_copy / "forums/vest/forum.yaml").write_bytes(b"\xff\xfe garbage: [")
    done = subprocess.run(
        [sys.executable, "-m", "driftsforum_cli", "validate"],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "forum.yaml:1:1: fejl [encoding] filen er ikke gemt som UTF-8" in done.stdout


def test_no_command_shows_the_danish_help(cli: RunCli) -> None:
    result = cli()
    assert result.code == 2
    assert result.stderr.startswith("Brug: driftsforum [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Fejl:" not in result.stderr
    assert "validate" in result.stderr


def test_validate_starts_without_heavy_libraries(tmp_path: Path) -> None:
    """Start-up is part of the product: validate imports no document, calendar or plugin machinery."""
    code = (
        "import sys\n"
        "from driftsforum_cli.cli import main\n"
        "main(['validate', '--today', '2026-11-22'])\n"
        "heavy = ('jinja2', 'babel', 'holidays', 'icalendar', 'weasyprint', 'rich', 'ruamel')\n"
        "print(sorted(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for _ in range(2):  # the first run fills the holiday cache
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, env=env, check=True
        )
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_one_run_reports_a_files_model_errors_and_its_other_problems(cli: RunCli, repo_copy: Path) -> None:
    """A wrong value that may be left out does not hide the file's references and charter rules."""
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("kind: drøftelse", "kind: snak", 1)
    text = text.replace("presenter: psykiatri-klinikledelse", "presenter: ukendt-plads", 1)
    meeting.write_text(text.replace("agreements: [SA-03]", "agreements: [SA-99]", 1), encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    found = [line.split(" [")[1].split("]")[0] + "@" + line.split(":")[1] for line in result.stdout.splitlines()[:-1]]
    assert found == ["invalid-value@10", "unknown-reference@11", "unknown-reference@13"]
    assert result.stdout.endswith("Fandt 3 fejl i 30 filer i 2 fora.\n")
    # the documents are still refused: the file has an error
    assert cli("agenda", "nord", "2026-09-08", "--today", "2026-11-22", cwd=repo_copy).code == 1


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("start: 13:00", "start: 25:00", "invalid-value"),
        ("end: 15:30", "end: halv fire", "invalid-value"),
        ("kind: ordinært", "kind: hemmeligt", "invalid-value"),
        ("place: Hjørring Rådhus, mødelokale 2 (eksempel)", "place: [Hjørring, Rådhus]", "wrong-type"),
        ("    kind: beslutning", "    kind: snak", "invalid-value"),
    ],
)
def test_a_wrong_required_value_does_not_hide_the_files_other_problems(
    cli: RunCli, repo_copy: Path, before: str, after: str, expected: str
) -> None:
    """A required value that is wrong (a start at 25:00) is replaced by stand-ins for the rules, and what the
    rules find about the rest of the file is reported in the same run – nothing about the stand-ins."""
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert before in text
    text = text.replace(before, after, 1).replace("presenter: hjoerring-chef", "presenter: ukendt-plads", 1)
    meeting.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    changed = next(number for number, line in enumerate(lines, 1) if line.startswith(after.split("\n")[0]))
    unknown = next(number for number, line in enumerate(lines, 1) if "presenter: ukendt-plads" in line)
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    found = [line.split(" [")[1].split("]")[0] + "@" + line.split(":")[1] for line in result.stdout.splitlines()[:-1]]
    assert found == [f"{expected}@{changed}", f"unknown-reference@{unknown}"]


def test_a_wrong_meeting_date_gets_no_stand_in(cli: RunCli, repo_copy: Path) -> None:
    """A date orders the year: a wrong one is reported alone, never with findings about an invented date."""
    meeting = repo_copy / "forums" / "nord" / "meetings" / "2026-09-08.yaml"
    text = meeting.read_text(encoding="utf-8").replace("date: 2026-09-08", "date: 2026-13-08", 1)
    meeting.write_text(text, encoding="utf-8")
    result = cli("validate", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 1
    assert result.stdout.splitlines()[:-1] == [
        "forums/nord/meetings/2026-09-08.yaml:2:7: fejl [invalid-value] date: '2026-13-08' er ikke en gyldig dato: "
        "måned 13 findes ikke"
    ]
