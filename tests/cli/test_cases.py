"""Cases and audits: the register is checked (expired consent, unknown references, personal data in any case,
public or not), the documents list what an item refers to, guests and the site get only the public ones, and
the reports aggregate them with attendance per organisation."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from driftsforum_cli.domain.documents import build_document, pick_meeting
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.workspace import load_repository
from tests.helpers import RunCli

TODAY = "2026-12-01"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_expired_consent_and_unknown_case_are_validate_errors(cli: RunCli, repo_copy: Path) -> None:
    nord = repo_copy / "forums" / "nord"
    _replace(nord / "cases.yaml", "expires: 2031-08-10", "expires: 2026-11-30")
    _replace(nord / "meetings" / "2026-09-08.yaml", "audit-2026-02]", "audit-2026-03]")
    result = cli("validate", "--today", TODAY, cwd=repo_copy)
    assert result.code == 1
    out = result.stdout.replace("\\", "/")
    assert (
        "forums/nord/cases.yaml:16:43: fejl [consent-expired] samtykket til casen 'case-2026-01' udløb den "
        "2026-11-30; indhent et nyt samtykke, eller fjern casen og henvisningerne til den" in out
    )
    assert "[unknown-case] casen 'audit-2026-03' findes ikke i cases.yaml (mente du 'audit-2026-02'?)" in out
    # the day before it expires, the consent is valid
    assert "consent-expired" not in cli("validate", "--today", "2026-11-30", cwd=repo_copy).stdout


def test_the_documents_list_cases_and_guests_get_only_public_ones(repo_copy: Path) -> None:
    repo = load_repository(repo_copy)
    files = next(files for files in repo.forums if files.id == "nord")
    meeting = pick_meeting(files, date(2026, 9, 8), date(2026, 9, 1))
    doc = build_document("agenda", files, meeting, WorkCalendar(), date(2026, 9, 1))
    item = next(item for item in doc.items if item.cases)
    assert [case.id for case in item.cases] == ["case-2026-01", "audit-2026-01", "audit-2026-02"]
    guest_item = next(i for i in doc.guest_copy().items if i.number == item.number)
    assert [case.id for case in guest_item.cases] == ["case-2026-01"]


def test_the_site_shows_only_public_cases(cli: RunCli, repo_copy: Path) -> None:
    site = repo_copy / "site"
    assert cli("publish", "-o", str(site), "--today", TODAY, cwd=repo_copy).code == 0
    page = html.unescape((site / "nord" / "2026-09-08.html").read_text(encoding="utf-8"))
    assert "Case case-2026-01: Udskrivning uden aftalt opfølgning fra bostøtten" in page
    assert "audit-2026-01" not in page and "Audit af medicinlister" not in page


def test_personal_data_in_a_case_that_is_not_public_stops_publish(cli: RunCli, repo_copy: Path) -> None:
    nord = repo_copy / "forums" / "nord"
    _replace(
        nord / "cases.yaml",
        "Medicinlisten var opdateret",
        "Borgeren 070761-4285 havde en medicinliste, der var opdateret",
    )
    check = cli("privacy-check", "--today", TODAY, cwd=repo_copy)
    assert check.code == 1
    out = check.stdout.replace("\\", "/")
    assert (
        "forums/nord/cases.yaml:35:24: fund [privacy-cpr] audit audit-2026-02, fund: '070761-xxxx' ligner et CPR-nummer"
        in out
    )
    assert "fund uden for mødefilerne kan ikke accepteres" in out
    assert cli("publish", "-o", str(repo_copy / "site"), "--today", TODAY, cwd=repo_copy).code == 1


def test_status_report_aggregates_cases_data_and_attendance(cli: RunCli, repo_copy: Path) -> None:
    result = cli("status-report", "nord", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    out = result.stdout
    assert "## Data, cases og fremmøde" in out
    assert (
        "Dagsordenspunkter i perioden: 11, heraf 1 med data og 1 med cases eller audits. Cases og audits: "
        "1 case i 2026 om udskrivning; 2 audits i 2026, heraf 1 om udskrivning." in out
    )
    assert (
        "**Akutte psykiatriske genindlæggelser inden for 30 dage (%)** (opdigtede eksempeldata)\n\n"
        "Hjørring: faldet fra 26,2 %" in out
    )
    # Læsø's substitute on 8 September attended for the seat: one meeting attended, not three absent
    assert "| Læsø Kommune | Læsø | 1 | 1 | 2 | 0 |" in out
    assert "| Hjørring Kommune | Hjørring | 3 | 0 | 0 | 0 |" in out
    evaluation = cli("evaluation", "vest", "--today", TODAY, cwd=repo_copy)
    assert "| Morsø Kommune | Morsø | 1 | 1 | 2 | 0 |" in evaluation.stdout
    assert "heraf 1 med data og 0 med cases eller audits" in evaluation.stdout


def test_the_minutes_aggregate_the_cases_of_the_meeting(cli: RunCli, repo_copy: Path) -> None:
    result = cli("minutes", "nord", "2026-09-08", "--today", "2026-11-01", cwd=repo_copy)
    assert result.code == 0, result.output
    assert "**Cases og audits på mødet:** 1 case om udskrivning; 2 audits, heraf 1 om udskrivning." in result.stdout
    repo = load_repository(repo_copy)
    files = next(files for files in repo.forums if files.id == "nord")
    doc = build_document(
        "minutes", files, pick_meeting(files, date(2026, 9, 8), date(2026, 11, 1)), WorkCalendar(), date(2026, 11, 1)
    )
    assert doc.guest_copy().cases_summary == ["1 case om udskrivning"]
