"""The charter's rules, on a copy of the bundled repository with one thing broken at a time."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.rules import check_repository
from driftsforum_cli.workspace import load_repository

TODAY = date(2026, 11, 22)
#: The real date the rules judge "has happened" by (`--today` may look back before it).
NOW = date(2026, 12, 1)


def run(root: Path, today: date = TODAY) -> list[Diagnostic]:
    repo = load_repository(root)
    return [*repo.diagnostics(), *check_repository(repo, today, NOW)]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def remove_seat(members: Path, seat_id: str) -> None:
    """Remove one '- id: …' block from members.yaml."""
    text = members.read_text(encoding="utf-8")
    pattern = re.compile(rf"  - id: {re.escape(seat_id)}\n(?:    .*\n|      .*\n)*")
    assert pattern.search(text), seat_id
    members.write_text(pattern.sub("", text, count=1), encoding="utf-8")


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def rule_codes(found: list[Diagnostic], removed: str) -> list[str]:
    """Codes other than the references to a removed seat (meetings it attended now point nowhere)."""
    dangling = [d for d in found if d.code == "unknown-reference"]
    assert all(f"'{removed}' er ikke en plads" in d.message for d in dangling)
    return [d.code for d in found if d.code != "unknown-reference"]


def test_bundled_repository_is_clean(repo_copy: Path) -> None:
    assert run(repo_copy) == []


def test_missing_plo_seat_is_named_with_file_and_line(repo_copy: Path) -> None:
    remove_seat(repo_copy / "forums/nord/members.yaml", "plo")
    found = run(repo_copy)
    assert rule_codes(found, "plo") == ["plo-seat"]
    problem = next(d for d in found if d.code == "plo-seat")
    assert problem.file.endswith("forums/nord/members.yaml")
    assert (problem.line, problem.column) == (4, 1)  # the 'seats:' key
    assert problem.severity is Severity.ERROR
    assert "almen praksis (PLO)" in problem.message
    assert "forum.yaml linje" in problem.message


def test_missing_municipality_seat(repo_copy: Path) -> None:
    remove_seat(repo_copy / "forums/nord/members.yaml", "laesoe-afdelingsleder")
    found = run(repo_copy)
    assert rule_codes(found, "laesoe-afdelingsleder") == ["municipality-seat"]
    assert found[0].message.startswith("Læsø Kommune har ingen plads")


def test_missing_required_area(repo_copy: Path) -> None:
    edit(
        repo_copy / "forums/vest/members.yaml",
        "areas: [socialområdet, beskæftigelsesområdet, misbrugsområdet]",
        "areas: [socialområdet, beskæftigelsesområdet]",
        count=2,
    )
    found = run(repo_copy)
    # Morsø's only seat lost misbrugsområdet; Thisted still has it through its chef's seat? No: only social.
    assert sorted(codes(found)) == ["area-coverage", "area-coverage"]
    assert all("misbrugsområdet" in d.message for d in found)
    assert {d.message.split()[0] for d in found} == {"Thisted", "Morsø"}


def test_chair_must_be_one_municipal_chief_and_one_from_psychiatry(repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    edit(
        members,
        "    level: chef\n    areas: [socialområdet]\n    roles: [formand]",
        "    level: chef\n    areas: [socialområdet]\n    roles: [medlem]",
    )
    edit(members, "roles: [medlem]\n    person:\n      name: Helle", "roles: [formand]\n    person:\n      name: Helle")
    found = run(repo_copy)
    assert sorted(codes(found)) == ["chair", "chair"]
    messages = " | ".join(d.message for d in found)
    assert "formandskabet mangler 1 fra kommune (niveau: chef)" in messages
    assert "pladsen 'psykiatri-klinikledelse' har rollen 'formand'" in messages


def test_secretariat_is_one_municipal_and_one_psychiatry_person(repo_copy: Path) -> None:
    remove_seat(repo_copy / "forums/vest/members.yaml", "sekretariat-psykiatrien")
    found = run(repo_copy)
    assert rule_codes(found, "sekretariat-psykiatrien") == ["secretariat"]
    assert "sekretariatet mangler 1 fra psykiatrien eller regionen" in found[0].message


def test_all_problems_are_reported_together(repo_copy: Path) -> None:
    edit(repo_copy / "forums/nord/members.yaml", "sector: almen praksis", "sector: almen")
    remove_seat(repo_copy / "forums/vest/members.yaml", "morsoe-afdelingsleder")
    edit(repo_copy / "forums/vest/meetings/2027-03-11.yaml", "start: 13:00", "start: 13:00\nbegin: 12:00")
    edit(repo_copy / "forums/vest/meetings/2027-06-10.yaml", "date: 2027-06-10", "date: 2027-06-31")
    found = run(repo_copy)
    # a file that cannot be read is not also counted as a missing meeting
    assert sorted(rule_codes(found, "morsoe-afdelingsleder")) == [
        "invalid-value",
        "invalid-value",
        "municipality-seat",
        "unknown-key",
    ]
    assert {Path(d.file).name for d in found} == {"members.yaml", "2027-03-11.yaml", "2027-06-10.yaml"} | {
        Path(d.file).name for d in found if d.code == "unknown-reference"
    }


def test_meeting_on_a_public_holiday(repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "2027-03-09.yaml").rename(meetings / "2027-03-25.yaml")
    edit(meetings / "2027-03-25.yaml", "date: 2027-03-09", "date: 2027-03-25")
    found = run(repo_copy)
    assert codes(found) == ["closed-day"]
    assert "torsdag den 25. marts 2027 (Skærtorsdag)" in found[0].message
    assert found[0].line == 2


def test_half_closed_day_allows_a_morning_meeting_only(repo_copy: Path) -> None:
    # Grundlovsdag, Friday 5 June 2026: closed from 12.00 by the repository config.
    target = repo_copy / "forums/nord/meetings/2026-06-05.yaml"
    target.write_text("date: 2026-06-05\nstart: 09:00\nend: 12:00\nplace: Hjørring\nkind: ekstra\n", encoding="utf-8")
    assert run(repo_copy) == []
    target.write_text("date: 2026-06-05\nstart: 10:00\nend: 13:00\nplace: Hjørring\nkind: ekstra\n", encoding="utf-8")
    found = run(repo_copy)
    assert codes(found) == ["closed-day"]
    assert "fredag den 5. juni 2026 (Grundlovsdag)" in found[0].message
    assert "lukket fra kl. 12.00" in found[0].message


def test_christmas_eve_is_closed_by_the_repository_config(repo_copy: Path) -> None:
    target = repo_copy / "forums/vest/meetings/2026-12-24.yaml"
    target.write_text("date: 2026-12-24\nstart: 09:00\nend: 10:00\nplace: Thisted\nkind: ekstra\n", encoding="utf-8")
    found = run(repo_copy)
    assert codes(found) == ["closed-day"]
    assert "Juleaftensdag" in found[0].message


def test_vest_needs_its_joint_meeting_right_after(repo_copy: Path) -> None:
    meeting = repo_copy / "forums/vest/meetings/2027-06-10.yaml"
    edit(meeting, "joint_meeting:\n  partner: Driftsforum Voksen Somatik\n  start: 15:00\n  end: 16:00\n", "")
    edit(repo_copy / "forums/vest/meetings/2027-09-09.yaml", "  start: 15:00", "  start: 14:30")
    found = run(repo_copy)
    assert sorted(codes(found)) == ["joint-meeting", "joint-meeting"]
    by_file = {Path(d.file).name: d for d in found}
    assert "kræver et fællesmøde med Driftsforum Voksen Somatik" in by_file["2027-06-10.yaml"].message
    assert "før driftsforummets møde slutter kl. 15.00" in by_file["2027-09-09.yaml"].message
    assert by_file["2027-09-09.yaml"].line == 9


def test_nord_has_no_joint_meeting_rule(repo_copy: Path) -> None:
    assert "joint_meeting" not in (repo_copy / "forums/nord/forum.yaml").read_text(encoding="utf-8")
    assert run(repo_copy) == []


def test_too_few_meetings_is_an_error_in_a_planned_year_and_a_warning_otherwise(repo_copy: Path) -> None:
    (repo_copy / "forums/nord/meetings/2027-09-07.yaml").unlink()
    found = run(repo_copy)
    assert [(d.code, d.severity) for d in found] == [("meetings-per-year", Severity.ERROR)]
    assert "2027 har 3 ordinære møder, men kommissoriet kræver 4" in found[0].message
    edit(repo_copy / "forums/nord/forum.yaml", "planned_years: [2026, 2027]", "planned_years: [2026]")
    found = run(repo_copy)
    assert [(d.code, d.severity) for d in found] == [("meetings-per-year", Severity.WARNING)]
    # once the year is over, it is an error whatever the plan says
    found = [d for d in run(repo_copy, today=date(2028, 1, 10)) if d.code == "meetings-per-year"]
    assert [(d.code, d.severity) for d in found] == [("meetings-per-year", Severity.ERROR)]


def test_file_name_must_equal_the_date(repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "2027-11-23.yaml").rename(meetings / "2027-11-30.yaml")
    found = run(repo_copy)
    assert codes(found) == ["file-name"]
    assert "omdøb filen til 2027-11-23.yaml" in found[0].message


def test_references_must_resolve(repo_copy: Path) -> None:
    meeting = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    edit(meeting, "owner: psykiatri-klinikledelse", "owner: psykiatri-klinikledelsen")
    edit(meeting, "agreements: [SA-03]", "agreements: [SA-33]")
    found = run(repo_copy)
    assert sorted(codes(found)) == ["unknown-reference", "unknown-reference"]
    messages = " | ".join(d.message for d in found)
    assert (
        "'psykiatri-klinikledelsen' er ikke en plads i members.yaml (mente du 'psykiatri-klinikledelse'?)" in messages
    )
    assert "'SA-33' er ikke en samarbejdsaftale" in messages


def test_forum_id_must_match_its_folder(repo_copy: Path) -> None:
    edit(repo_copy / "forums/vest/forum.yaml", "id: vest", "id: west")
    found = run(repo_copy)
    assert codes(found) == ["forum-id"]


def test_active_agreement_missing_from_the_annual_cycle(repo_copy: Path) -> None:
    edit(repo_copy / "forums/nord/agreements.yaml", "    annual_cycle:\n      meeting: 2\n", "")
    found = run(repo_copy)
    assert codes(found) == ["agreement-not-planned"]
    assert "'SA-02'" in found[0].message


def test_vacant_seat_is_a_warning(repo_copy: Path) -> None:
    members = repo_copy / "forums/nord/members.yaml"
    text = members.read_text(encoding="utf-8")
    start = text.index("    person:\n      name: Ib Eksempel")
    end = text.index("    valid_from", start)
    # The person leaves the seat (kept in its history until the day they left), nobody takes it over.
    former = text[start:end].replace("    person:\n      name:", "    history:\n      - name:")
    former = former.replace("\n      ", "\n        ").replace("\n        - name:", "\n      - name:")
    members.write_text(text[:start] + former + "        to: 2026-11-01\n" + text[end:], encoding="utf-8")
    found = run(repo_copy)
    assert [(d.code, d.severity) for d in found] == [("vacant-seat", Severity.WARNING)]


def test_a_seat_that_has_ended_does_not_count(repo_copy: Path) -> None:
    edit(
        repo_copy / "forums/nord/members.yaml",
        "email: ib.eksempel@plo.example.org\n      example: true\n    valid_from: 2026-01-01",
        "email: ib.eksempel@plo.example.org\n      example: true\n    valid_from: 2026-01-01\n    valid_to: 2026-06-30",
    )
    assert codes(run(repo_copy)) == ["plo-seat"]
    assert run(repo_copy, today=date(2026, 6, 1)) == []


def test_attachments_must_exist_beside_the_meeting_file(repo_copy: Path) -> None:
    meetings = repo_copy / "forums/nord/meetings"
    (meetings / "bilag").mkdir()
    (meetings / "bilag" / "tjekliste.pdf").write_bytes(b"%PDF-1.7\n")
    edit(
        meetings / "2026-11-24.yaml",
        "    duration_minutes: 15\n",
        "    duration_minutes: 15\n    attachments: [bilag/tjekliste.pdf, bilag/tjeklste.pdf, ../../../etc/passwd, /etc/hosts]\n",
    )
    found = run(repo_copy)
    assert sorted((d.code, d.line) for d in found) == [
        ("attachment-missing", 22),
        ("attachment-path", 22),
        ("attachment-path", 22),
    ]
    missing = next(d for d in found if d.code == "attachment-missing")
    assert "'bilag/tjeklste.pdf' findes ikke i meetings/ (mente du 'bilag/tjekliste.pdf'?)" in missing.message


def test_working_groups_members_resolve_and_overdue_groups_are_flagged(repo_copy: Path) -> None:
    groups = repo_copy / "forums/vest/groups.yaml"
    edit(groups, "members: [thisted-afdelingsleder,", "members: [thisted-afdelingslder,")
    found = run(repo_copy, today=date(2027, 4, 1))
    assert sorted(codes(found)) == ["unknown-reference", "working-group-overdue"]
    by_code = {d.code: d for d in found}
    assert "(mente du 'thisted-afdelingsleder'?)" in by_code["unknown-reference"].message
    assert by_code["working-group-overdue"].severity is Severity.WARNING
    assert "sluttede 31. marts 2027 uden at have meldt tilbage" in by_code["working-group-overdue"].message


def test_escalation_answer_needs_a_sent_date(repo_copy: Path) -> None:
    edit(repo_copy / "forums/nord/meetings/2026-09-08.yaml", "      sent: 2026-09-21\n", "")
    found = run(repo_copy)
    assert codes(found) == ["invalid-value"]
    assert "et svar kræver, at 'sent'" in found[0].message


def test_ad_hoc_participant_email_is_validated(repo_copy: Path) -> None:
    edit(
        repo_copy / "forums/vest/meetings/2026-09-10.yaml",
        "  minute_taker: sekretariat-psykiatrien\n",
        "  minute_taker: sekretariat-psykiatrien\n  ad_hoc:\n    - name: Leder af misbrugscentret\n      email: ikke-en-adresse\n",
    )
    found = run(repo_copy)
    assert codes(found) == ["invalid-value"]
    assert "attendance.ad_hoc[1].email: 'ikke-en-adresse' er ikke en gyldig e-mailadresse" in found[0].message


def test_a_persons_name_or_organisation_instead_of_the_seat_id_gets_a_suggestion(repo_copy: Path) -> None:
    meeting = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    edit(meeting, "    - plo\n", "    - PLO\n")
    edit(meeting, "  minute_taker: sekretariat-psykiatrien", "  minute_taker: Karen Eksempel")
    found = run(repo_copy)
    messages = sorted(d.message for d in found)
    assert len(messages) == 2
    assert messages[0].startswith(
        "'Karen Eksempel' er ikke en plads i members.yaml (mente du 'sekretariat-psykiatrien'?)"
    )
    assert messages[1].startswith("'PLO' er ikke en plads i members.yaml (mente du 'plo'?)")
    assert "lad pladsen blive stående med 'valid_to'" in messages[0]


def test_publication_settings_are_checked(repo_copy: Path) -> None:
    edit(
        repo_copy / "forums/nord/meetings/2026-09-08.yaml",
        "minutes:\n",
        "publication:\n  public_attachments: [bilag/tjekliste.pdf]\n  accepted_findings:\n"
        "    - text: '12345678'\n      by: karen\n      reason: Et sagsnummer, ikke et telefonnummer.\nminutes:\n",
    )
    found = run(repo_copy)
    assert sorted(codes(found)) == ["attachment-missing", "unknown-reference"]
    missing = next(d for d in found if d.code == "attachment-missing")
    assert "'bilag/tjekliste.pdf' står under public_attachments, men ikke under 'attachments'" in missing.message


def test_a_misspelt_area_is_pointed_out_at_the_seat(repo_copy: Path) -> None:
    edit(
        repo_copy / "forums/vest/members.yaml",
        "areas: [socialområdet, beskæftigelsesområdet, misbrugsområdet]",
        "areas: [socialområde, beskæftigelsesområdet, misbrugsområdet]",
    )
    found = run(repo_copy)
    by_code = {d.code: d for d in found}
    assert sorted(by_code) == ["unknown-area"]  # Thisted is still covered through its chief's seat
    area = by_code["unknown-area"]
    assert "'socialområde' er ikke et af kommissoriets fagområder (mente du 'socialområdet'?)" in area.message
    assert area.line == 11 and area.severity is Severity.WARNING
