"""Joint meetings between forums of one collection (issue 17): the Vest psychiatry–somatic joint meeting is described
once, in the psychiatry forum's meeting file, and appears in both forums' calendars, agendas and minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import RunCli

TODAY = "2026-11-01"
JOINT = """joint_meeting:
  partner: Driftsforum Voksen Somatik
  partner_forum: somatik
  start: 15:00
  end: 16:00
  agenda:
    - title: Borgere med samtidig psykisk og somatisk sygdom
      kind: beslutning
      presenter: psykiatri-chef
      decision: Fællesmødet aftalte en fælles arbejdsgang for udskrivning.
"""


@pytest.fixture
def vest(cli: RunCli, tmp_path: Path) -> Path:
    """Voksenpsykiatri and Voksen Somatik in Klynge Vest, the joint meeting written in the psychiatry's files only."""
    root = tmp_path / "vest"
    assert (
        cli(
            "init", str(root), "--kind", "voksenpsykiatri", "--cluster", "vest", "--forum", "psyk", "--today", TODAY
        ).code
        == 0
    )
    added = cli(
        "--repo",
        str(root),
        "forum",
        "add",
        "somatik",
        "--kind",
        "voksen-somatik",
        "--cluster",
        "vest",
        "--today",
        TODAY,
    )
    assert added.code == 0
    for path in sorted((root / "forums/psyk/meetings").glob("*.yaml")):
        path.write_text(path.read_text(encoding="utf-8").replace("agenda: []", JOINT + "agenda: []"), encoding="utf-8")
    charter = root / "forums/somatik/forum.yaml"
    text = charter.read_text(encoding="utf-8")
    rule = "  joint_meeting:\n    partner: Driftsforum Voksenpsykiatri\n    partner_forum: psyk\n"
    charter.write_text(
        text.replace("meetings:\n  per_year: 4\n", "meetings:\n  per_year: 4\n" + rule, 1), encoding="utf-8"
    )
    return root


def _codes(cli: RunCli, root: Path) -> list[str]:
    result = cli("--repo", str(root), "validate", "--today", TODAY, "--format", "json")
    return [finding["code"] for finding in json.loads(result.stdout)["diagnostics"]]


def test_described_once_it_validates_in_both(cli: RunCli, vest: Path) -> None:
    assert set(_codes(cli, vest)) == {"placeholder"}
    assert "joint_meeting" not in "".join(
        path.read_text(encoding="utf-8") for path in (vest / "forums/somatik/meetings").glob("*.yaml")
    )


def test_it_is_in_both_calendars(cli: RunCli, vest: Path) -> None:
    for forum, partner in (("psyk", "Driftsforum Voksen Somatik"), ("somatik", "Driftsforum Voksenpsykiatri")):
        result = cli("--repo", str(vest), "calendar", "--forum", forum, "--year", "2027", "--today", TODAY)
        assert result.code == 0, result.output
        lines = [line for line in result.stdout.splitlines() if "09.02.2027" in line and "Fællesmøde" in line]
        assert len(lines) == 1 and f"Fællesmøde med {partner} kl. 15.00–16.00" in lines[0], result.stdout


def test_it_is_in_the_partners_agenda_and_minutes(cli: RunCli, vest: Path) -> None:
    agenda = cli("--repo", str(vest), "agenda", "somatik", "2027-02-09", "--today", TODAY)
    assert agenda.code == 0, agenda.output
    assert "Fællesmøde med Driftsforum Voksenpsykiatri" in agenda.stdout
    assert "Borgere med samtidig psykisk og somatisk sygdom" in agenda.stdout
    minutes = cli("--repo", str(vest), "minutes", "somatik", "2027-02-09", "--today", "2027-02-10")
    assert minutes.code == 0, minutes.output
    assert "Fællesmødet aftalte en fælles arbejdsgang for udskrivning." in minutes.stdout
    own = cli("--repo", str(vest), "agenda", "psyk", "2027-02-09", "--today", TODAY)
    assert "Fællesmøde med Driftsforum Voksen Somatik" in own.stdout


def test_described_in_both_is_an_error(cli: RunCli, vest: Path) -> None:
    path = vest / "forums/somatik/meetings/2027-05-11.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("agenda: []", JOINT.replace("somatik", "psyk") + "agenda: []"),
        encoding="utf-8",
    )
    result = cli("--repo", str(vest), "validate", "--today", TODAY)
    assert result.code == 1
    assert "[joint-twice] fællesmødet er allerede beskrevet i" in result.stdout


def test_an_unknown_partner_or_a_missing_meeting_is_reported(cli: RunCli, vest: Path) -> None:
    (vest / "forums/somatik/meetings/2027-08-10.yaml").unlink()
    path = vest / "forums/psyk/meetings/2027-11-09.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("partner_forum: somatik", "partner_forum: somatisk"), encoding="utf-8"
    )
    result = cli("--repo", str(vest), "validate", "--today", TODAY)
    assert "[joint-partner] forummet 'somatik' har intet møde den 2027-08-10" in result.stdout
    assert "[joint-partner] 'somatisk' er ikke et andet forum i samlingen" in result.stdout
