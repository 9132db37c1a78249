"""Årshjul, actions, status reports and the evaluation, as the secretariat uses them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import RunCli

SVG = "{http://www.w3.org/2000/svg}"


def test_aarshjul_svg_is_valid_xml_with_title_meetings_and_agreements(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "aarshjul.svg"
    result = cli(
        "aarshjul",
        "nord",
        "--year",
        "2026",
        "--format",
        "svg",
        "-o",
        str(target),
        "--today",
        "2026-12-01",
        cwd=repo_copy,
    )
    assert result.code == 0, result.output
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Nord"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "Møde 1 tirsdag den 10. marts 2026: aftale SA-01" in desc.text
    meetings = root.find(f".//{SVG}g[@id='moeder']")
    assert meetings is not None
    marks = [t.text for t in meetings.iter(f"{SVG}text")]
    assert marks[:4] == ["1", "2", "3", "4"]
    texts = " | ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for agreement in ("SA-01", "SA-02", "SA-03", "SA-04"):
        assert f"Aftale {agreement}:" in texts
    assert "jan." in texts and "dec." in texts  # the twelve months are labelled in text
    assert "Forklaring" in texts  # the shapes are explained, not carried by colour


def test_aarshjul_table(cli: RunCli, repo_copy: Path) -> None:
    result = cli("aarshjul", "vest", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Årshjul 2026 – Driftsforum Voksenpsykiatri – Klynge Vest"
    row = next(line for line in lines if line.startswith("4 "))
    assert "torsdag den 3. december 2026 (uge 49)" in row
    assert "SA-04" in row
    assert "Mødeplan og årshjul for næste år" in row
    assert "19.11.2026" in row  # agenda due


def test_action_left_open_is_listed_and_carried_until_closed(cli: RunCli, repo_copy: Path) -> None:
    listed = json.loads(
        cli("actions", "nord", "--open", "--format", "json", "--today", "2026-11-22", cwd=repo_copy).stdout
    )
    assert [(row["id"], row["status"], row["overdue"], row["created"]) for row in listed] == [
        ("nord-2026-3-a1", "open", True, "2026-09-08")
    ]
    agenda = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy).stdout
    assert "Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter" in agenda

    november = repo_copy / "forums/nord/meetings/2026-11-24.yaml"
    november.write_text(november.read_text(encoding="utf-8") + "closes_actions: [nord-2026-3-a1]\n", encoding="utf-8")
    assert (
        json.loads(cli("actions", "nord", "--open", "--format", "json", "--today", "2026-12-01", cwd=repo_copy).stdout)
        == []
    )
    march = cli("agenda", "nord", "2027-03-09", "--today", "2026-12-01", cwd=repo_copy).stdout
    assert "Afprøve fast kontaktperson" not in march
    assert "Ingen åbne handlinger fra tidligere møder." in march
    everything = json.loads(cli("actions", "nord", "--format", "json", "--today", "2026-12-01", cwd=repo_copy).stdout)
    closed = next(row for row in everything if row["id"] == "nord-2026-3-a1")
    assert (closed["status"], closed["closed"]) == ("closed", "2026-11-24")


def test_actions_by_owner_across_forums(cli: RunCli, repo_copy: Path) -> None:
    result = cli("actions", "--owner", "psykiatri-klinikledelse", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Status", "Handling", "Ansvarlig"]
    assert {line.split()[-1] for line in lines[2:]} == {"nord", "vest"}
    assert all("Eksempel" in line for line in lines[2:])


def test_status_report_timeliness_matches_the_recorded_dates(cli: RunCli, repo_copy: Path) -> None:
    vest = cli("status-report", "vest", "--today", "2026-11-22", cwd=repo_copy).stdout
    # Vest recorded: agenda 28.08 for a deadline of 27.08, minutes 19.06 for a deadline of 18.06.
    assert "Dagsordener udsendt rettidigt: 2 af 3. Referater udsendt rettidigt: 2 af 3." in vest
    assert "| 10. september 2026 | 27.08.2026 | 28.08.2026 | for sent |" in vest
    assert "| 11. juni 2026 | 28.05.2026 | 28.05.2026 | rettidigt | 18.06.2026 | 19.06.2026 | for sent |" in vest
    assert "**Afventer svar.**" in vest
    nord = cli(
        "status-report", "nord", "--from", "2026-01-01", "--to", "2026-12-31", "--today", "2026-11-22", cwd=repo_copy
    ).stdout
    assert "Dagsordener udsendt rettidigt: 3 af 3. Referater udsendt rettidigt: 3 af 3." in nord
    assert "Svar 14. oktober 2026: Klyngestyregruppen har bedt" in nord
    assert "Arbejdsgruppe om udskrivningskonferencer" in nord


def test_agreement_til_revision_is_flagged_until_the_steering_group_is_told(cli: RunCli, repo_copy: Path) -> None:
    agreements = repo_copy / "forums/nord/agreements.yaml"
    text = agreements.read_text(encoding="utf-8")
    agreements.write_text(
        re.sub(r"(id: SA-02\n.*\n)    status: aktiv", r"\1    status: til revision", text), encoding="utf-8"
    )
    report = cli("status-report", "nord", "--today", "2026-11-22", cwd=repo_copy).stdout
    assert (
        "- SA-02: Borgere med samtidig psykisk lidelse og rusmiddelproblematik (til revision) – **endnu ikke meldt til Klyngestyregruppe Nord**"
        in report
    )
    agenda = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy).stdout
    assert "Skal meldes til Klyngestyregruppe Nord (til revision eller ikke længere relevante):" in agenda
    assert "- SA-02: Borgere med samtidig psykisk lidelse og rusmiddelproblematik (til revision)" in agenda

    november = repo_copy / "forums/nord/meetings/2026-11-24.yaml"
    november.write_text(november.read_text(encoding="utf-8") + "agreements_reported: [SA-02]\n", encoding="utf-8")
    after = cli("status-report", "nord", "--to", "2026-12-31", "--today", "2026-11-25", cwd=repo_copy).stdout
    assert "meldt til Klyngestyregruppe Nord på mødet 24. november 2026" in after
    next_agenda = cli("agenda", "nord", "2027-03-09", cwd=repo_copy).stdout
    assert "Skal meldes til" not in next_agenda
    assert cli("validate", "--today", "2026-11-22", cwd=repo_copy).code == 0


def test_evaluation_template(cli: RunCli, repo_copy: Path) -> None:
    result = cli("evaluation", "vest", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0
    text = result.stdout
    assert text.startswith("# Evaluering af samarbejdsformen – Driftsforum Voksenpsykiatri – Klynge Vest")
    assert "**Afrapporteres til:** Klyngestyregruppe Vest senest 4. december 2026" in text
    assert "fællesmøderne med Driftsforum Voksen Somatik" in text
    assert "- Dagsordener udsendt rettidigt: 2 af 3; referater: 2 af 3." in text


def test_report_period_errors(cli: RunCli, repo_copy: Path) -> None:
    result = cli(
        "status-report", "nord", "--from", "2026-12-01", "--to", "2026-01-01", "--today", "2026-12-01", cwd=repo_copy
    )
    assert result.code == 2
    assert "--from (2026-12-01) ligger efter --to (2026-01-01)" in result.stderr
