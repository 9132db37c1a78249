"""Representation at a decision: substitutes, members who do not take part in an item, late arrivals and early
departures – through validate (located warnings and errors) and the minutes (what they say)."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftsforum_cli.danish import and_list
from tests.helpers import RunCli

MEETING = "forums/nord/meetings/2026-09-08.yaml"
SUBSTITUTE = """  substitutes:
    - seat: laesoe-afdelingsleder
      name: Kirsten Eksempel
      title: Teamleder, socialområdet
"""
TODAY = ("--today", "2026-11-22")


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _found(cli: RunCli, repo: Path) -> list[str]:
    """The codes found, each with its place: '@D' for the line of the decision item's decision, '@S' for the
    substitute's seat, '@P' for the part-time entry, '@N' for the line a number gives (anything else)."""
    lines = (repo / MEETING).read_text(encoding="utf-8").splitlines()
    names = {}
    for number, line in enumerate(lines, 1):
        if line.startswith("    decision: Driftsforum tiltrådte"):
            names[number] = "D"
        elif line.startswith("    - seat: ") and lines[number - 2] == "  substitutes:":
            names[number] = "S"
        elif line.startswith("    - {seat:"):
            names[number] = "P"
    result = cli("validate", *TODAY, cwd=repo)
    found = []
    for line in result.stdout.splitlines()[:-1]:
        number = int(line.split(":")[1])
        found.append(line.split(" [")[1].split("]")[0] + "@" + names.get(number, str(number)))
    return found


def test_a_substitute_represents_the_seat(cli: RunCli, repo_copy: Path) -> None:
    assert _found(cli, repo_copy) == []
    minutes = cli("minutes", "nord", "2026-09-08", *TODAY, cwd=repo_copy)
    assert "**Stedfortrædere:** Kirsten Eksempel, Teamleder, socialområdet, for Erik Eksempel (Læsø Kommune)" in (
        minutes.stdout
    )
    assert "uden deltagelse af" not in minutes.stdout


def test_a_decision_without_a_municipality_is_a_warning_and_a_line_in_the_minutes(cli: RunCli, repo_copy: Path) -> None:
    _edit(repo_copy, SUBSTITUTE, "")
    result = cli("validate", *TODAY, cwd=repo_copy)
    assert result.code == 0  # a warning
    assert (
        ":15: advarsel [decision-without-party] punktet 'Ventetid på udskrivningskonferencer ved "
        "færdigbehandling' blev besluttet uden deltagelse af Læsø Kommune; referatet siger det"
    ) in result.stdout
    for fmt, line in (
        ("md", "*Beslutningen er truffet uden deltagelse af Læsø Kommune.*"),
        ("html", '<p class="representation">Beslutningen er truffet uden deltagelse af Læsø Kommune.</p>'),
    ):
        minutes = cli("minutes", "nord", "2026-09-08", *TODAY, "--format", fmt, cwd=repo_copy)
        assert minutes.stdout.count(line) == 1, minutes.output
    agenda = cli("agenda", "nord", "2026-09-08", *TODAY, cwd=repo_copy)
    assert "uden deltagelse af" not in agenda.stdout  # the agenda knows of no decision


def test_not_taking_part_in_an_item(cli: RunCli, repo_copy: Path) -> None:
    """PLO's member is inhabil in the decision item: the minutes name him there, and PLO is then missing."""
    _edit(repo_copy, "    presenter: hjoerring-chef\n", "    presenter: hjoerring-chef\n    not_taking_part: [plo]\n")
    assert _found(cli, repo_copy) == ["decision-without-party@D"]
    minutes = cli("minutes", "nord", "2026-09-08", *TODAY, cwd=repo_copy).stdout
    assert "*Deltog ikke i behandlingen af punktet:* Ib Eksempel (PLO)." in minutes
    assert "*Beslutningen er truffet uden deltagelse af PLO.*" in minutes


@pytest.mark.parametrize(
    ("part_time", "expected"),
    [
        # the decision item runs 14.10–14.30 in the agenda's time plan
        ("{seat: plo, arrived: '14:30'}", ["decision-without-party@D"]),
        ("{seat: plo, arrived: '14:20'}", []),
        ("{seat: plo, left: '14:10'}", ["decision-without-party@D"]),
        ("{seat: plo, left: '14:20'}", []),
        ("{seat: laesoe-afdelingsleder, left: '15:00'}", []),  # the substitute's seat is there
        ("{seat: nobody, left: '15:00'}", ["unknown-reference@P"]),
        ("{seat: plo}", ["attendance-part@P"]),
    ],
)
def test_late_arrival_and_early_departure(cli: RunCli, repo_copy: Path, part_time: str, expected: list[str]) -> None:
    _edit(repo_copy, SUBSTITUTE, SUBSTITUTE + f"  part_time:\n    - {part_time}\n")
    assert _found(cli, repo_copy) == expected


def test_late_arrival_in_the_minutes(cli: RunCli, repo_copy: Path) -> None:
    _edit(repo_copy, SUBSTITUTE, SUBSTITUTE + "  part_time:\n    - {seat: plo, arrived: '13:20', left: '15:00'}\n")
    minutes = cli("minutes", "nord", "2026-09-08", *TODAY, cwd=repo_copy).stdout
    assert "**Ib Eksempel** (PLO) kom kl. 13.20 og gik kl. 15.00." in minutes
    html = cli("minutes", "nord", "2026-09-08", *TODAY, "--format", "html", cwd=repo_copy).stdout
    assert "<dd>Ib Eksempel (PLO) kom kl. 13.20 og gik kl. 15.00</dd>" in html


def test_a_substitute_for_a_seat_that_is_present_is_an_error(cli: RunCli, repo_copy: Path) -> None:
    _edit(repo_copy, "    - seat: laesoe-afdelingsleder\n", "    - seat: plo\n")
    assert _found(cli, repo_copy) == ["decision-without-party@D", "attendance-part@S"]


@pytest.mark.parametrize(
    ("names", "text"),
    [([], ""), (["Læsø Kommune"], "Læsø Kommune"), (["A", "B"], "A og B"), (["A", "B", "C"], "A, B og C")],
)
def test_and_list(names: list[str], text: str) -> None:
    assert and_list(names) == text
