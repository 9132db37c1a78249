"""What a new secretary ran into when doing a whole meeting with commands (README "Et helt møde med
kommandoer"): a fresh collection can write e-mail drafts, `agenda add` names the number the agenda gives the
item, and `minutes respond` writes how a comment is handled."""

from __future__ import annotations

import email
from email.policy import default
from pathlib import Path

from tests.helpers import CliResult, RunCli


def _fresh(cli: RunCli, tmp_path: Path) -> Path:
    target = tmp_path / "mit-forum"
    result = cli("init", str(target), "--forum", "nord", "--cluster", "nord", "--today", "2025-10-01")
    assert result.code == 0, result.output
    return target


def test_a_fresh_collection_writes_the_agenda_as_outlook_drafts(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    outbox = tmp_path / "udbakke"
    result = cli(
        "--repo", str(repo), "send", "agenda", "nord", "2026-02-10", "--eml", str(outbox), "--today", "2026-01-27"
    )
    assert result.code == 0, result.output
    assert "Registrér bagefter udsendelsen med 'driftsforum agenda mark-sent nord 2026-02-10'." in result.stdout
    drafts = sorted(outbox.glob("*.eml"))
    assert len(drafts) == 9  # every seat of the new forum
    message = email.message_from_bytes(drafts[0].read_bytes(), policy=default)
    assert message["From"].addresses[0].addr_spec == "sekretariatet@example.org"
    assert message["From"].addresses[0].display_name == "Sekretariatet for Driftsfora – Klynge Nord"
    assert "DRIFTSFORUM_SMTP_PASSWORD" in (repo / "driftsforum.yaml").read_text(encoding="utf-8")


def test_agenda_add_says_the_number_the_agenda_gives_the_item(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    base = ("--repo", str(repo), "agenda")
    first = cli(*base, "add", "nord", "2026-02-10", "--title", "Tjeklisten", "--today", "2026-01-12")
    second = cli(*base, "add", "nord", "2026-02-10", "--title", "Medicinlister", "--today", "2026-01-12")
    assert "som punkt 4 på dagsordenen" in first.output, first.output
    assert "som punkt 5 på dagsordenen" in second.output, second.output
    agenda = cli(*base, "nord", "2026-02-10", "--today", "2026-01-12").stdout
    assert "## 4. Tjeklisten" in agenda and "## 5. Medicinlister" in agenda
    # the number said is the one the other commands take
    moved = cli(*base, "move", "nord", "2026-02-10", "5", "--to", "4", "--today", "2026-01-12")
    assert moved.code == 0, moved.output


def test_minutes_respond_writes_the_response_under_the_comment(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    meeting = repo / "forums/nord/meetings/2026-02-10.yaml"
    steps = [
        ("agenda", "mark-sent", "nord", "2026-02-10", "--today", "2026-01-27"),
        ("minutes", "attendance", "nord", "2026-02-10", "--present", "plo,psykiatri-chef", "--minute-taker", "plo", "--today", "2026-02-10"),
        ("minutes", "mark-sent", "nord", "2026-02-10", "--today", "2026-02-17"),
        ("minutes", "add-comment", "nord", "2026-02-10", "--by", "plo", "--text", "Punkt 4: PLO deltog.", "--today", "2026-02-18"),
        ("minutes", "add-comment", "nord", "2026-02-10", "--by", "psykiatri-chef", "--text", "Stavefejl.", "--today", "2026-02-19"),
    ]  # fmt: skip
    for step in steps:
        result = cli("--repo", str(repo), *step)
        assert result.code == 0, f"{step}\n{result.output}"
    before = meeting.read_text(encoding="utf-8")

    def respond(*args: str) -> CliResult:
        return cli("--repo", str(repo), "minutes", "respond", "nord", "2026-02-10", *args, "--today", "2026-02-25")

    wrong = respond("3", "--text", "x")
    assert wrong.code == 1
    assert "ingen bemærkning 3" in wrong.output and "1: plo, 18. februar 2026" in wrong.output

    dry = respond("2", "--text", "Rettet.", "--dry-run")
    assert dry.code == 0 and "+      response: Rettet." in dry.output, dry.output
    assert meeting.read_text(encoding="utf-8") == before

    done = respond("2", "--text", "Rettet.")
    assert done.code == 0, done.output
    assert "Behandlingen af bemærkning 2 (fra 'psykiatri-chef', 19. februar 2026) er skrevet." in done.output
    after = meeting.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["      response: Rettet."]
    assert after.index("response: Rettet.") > after.index("text: Stavefejl.")
    minutes = cli("--repo", str(repo), "minutes", "nord", "2026-02-10", "--today", "2026-02-25").stdout
    assert "Stavefejl.  \n  Behandling: Rettet." in minutes


def test_meeting_update_sets_the_place_and_time_init_left_to_fill_in(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    meeting = repo / "forums/nord/meetings/2026-02-10.yaml"
    before = meeting.read_text(encoding="utf-8")
    base = ("--repo", str(repo), "meeting", "update", "nord", "2026-02-10")
    place = ("--place", "Hjørring Rådhus, mødelokale 2")

    wrong = cli(*base, "--end", "12.30", "--today", "2025-10-01")
    assert wrong.code == 1 and "kan ikke slutte kl. 12.30, før det begynder kl. 13.00" in wrong.output
    assert cli(*base, "--today", "2025-10-01").code == 1  # nothing to change
    assert "'25:00' er ikke et gyldigt klokkeslæt" in cli(*base, "--start", "25:00", "--today", "2025-10-01").output
    assert meeting.read_text(encoding="utf-8") == before

    done = cli(*base, *place, "--end", "15.30", "--today", "2025-10-01")
    assert done.code == 0, done.output
    assert "Mødet 10. februar 2026: kl. 13.00–15.30, Hjørring Rådhus, mødelokale 2." in done.output
    after = meeting.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new]
    assert changed == [
        ("end: 15:00", "end: 15:30"),
        ('place: "Mødested (ret mig)"', 'place: "Hjørring Rådhus, mødelokale 2"'),
    ]
    check = cli("--repo", str(repo), "validate", "--format", "json", "--today", "2025-10-01")
    assert '"2026-02-10.yaml"' not in check.stdout and "meetings/2026-02-10.yaml" not in check.stdout  # no placeholder

    sent = cli("--repo", str(repo), "agenda", "mark-sent", "nord", "2026-02-10", "--today", "2026-01-27")
    assert sent.code == 0, sent.output
    later = cli(*base, "--start", "14:00", "--end", "16:00", "--today", "2026-02-02")
    assert later.code == 0, later.output
    assert "send agenda nord 2026-02-10 --update --note" in later.output
    agenda = cli("--repo", str(repo), "agenda", "nord", "2026-02-10", "--today", "2026-02-02").stdout
    assert "kl. 14.00–16.00" in agenda and "Hjørring Rådhus, mødelokale 2" in agenda

    held = cli("--repo", str(repo), "minutes", "mark-sent", "nord", "2026-02-10", "--today", "2026-02-17")
    assert held.code == 0, held.output
    refused = cli(*base, *place, "--today", "2026-02-18")
    assert refused.code == 1 and "er holdt" in refused.output


def test_a_guided_edit_never_changes_approved_minutes(cli: RunCli, tmp_path: Path) -> None:
    """`validate` would reject the file (changed-after-approval), so the edit is taken back at once."""
    repo = _fresh(cli, tmp_path)
    meeting = repo / "forums/nord/meetings/2026-02-10.yaml"
    steps = [
        ("agenda", "mark-sent", "nord", "2026-02-10", "--today", "2026-01-27"),
        ("minutes", "attendance", "nord", "2026-02-10", "--present", "plo,psykiatri-chef", "--minute-taker", "plo", "--today", "2026-02-10"),
        ("minutes", "decision", "nord", "2026-02-10", "1", "--text", "Godkendt.", "--today", "2026-02-10"),
        ("minutes", "mark-sent", "nord", "2026-02-10", "--today", "2026-02-17"),
        ("minutes", "add-comment", "nord", "2026-02-10", "--by", "plo", "--text", "Stavefejl.", "--today", "2026-02-18"),
        ("minutes", "mark-revised", "nord", "2026-02-10", "--today", "2026-02-25"),
    ]  # fmt: skip
    for step in steps:
        result = cli("--repo", str(repo), *step)
        assert result.code == 0, f"{step}\n{result.output}"
    approved = meeting.read_text(encoding="utf-8")
    for late in (
        ("minutes", "respond", "nord", "2026-02-10", "1", "--text", "Rettet.", "--today", "2026-02-26"),
        ("minutes", "decision", "nord", "2026-02-10", "1", "--text", "Ændret.", "--today", "2026-02-26"),
        ("action", "add", "nord", "2026-02-10", "--what", "Ny", "--owner", "plo", "--today", "2026-02-26"),
    ):
        refused = cli("--repo", str(repo), *late)
        assert refused.code == 1, f"{late}\n{refused.output}"
        assert "er ikke ændret" in refused.output and "godkendt den 25. februar 2026" in refused.output
        assert meeting.read_text(encoding="utf-8") == approved
    check = cli("--repo", str(repo), "validate", "--today", "2026-02-26")
    assert check.code == 0 and "changed-after-approval" not in check.output, check.output
    # the next meeting is still open to edits
    after = cli(
        "--repo",
        str(repo),
        "minutes",
        "decision",
        "nord",
        "2026-05-12",
        "1",
        "--text",
        "Godkendt.",
        "--today",
        "2026-05-12",
    )
    assert after.code == 0, after.output


def test_agenda_add_gives_the_item_its_time(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    base = ("--repo", str(repo), "agenda")
    assert cli(*base, "add", "nord", "2026-02-10", "--title", "A", "--minutes", "30", "--today", "2026-01-12").code == 0
    zero = cli(*base, "add", "nord", "2026-02-10", "--title", "B", "--minutes", "0", "--today", "2026-01-12")
    assert zero.code == 1 and "skriv 1–600 med --minutes" in zero.output
    assert cli(*base, "add", "nord", "2026-02-10", "--title", "B", "--minutes", "20", "--today", "2026-01-12").code == 0
    text = (repo / "forums/nord/meetings/2026-02-10.yaml").read_text(encoding="utf-8")
    assert "    duration_minutes: 30\n" in text and "    duration_minutes: 20\n" in text
    agenda = cli(*base, "nord", "2026-02-10", "--today", "2026-01-12").stdout
    assert "## 4. A\n\n*Drøftelse* · kl. 13.25–13.55" in agenda
    assert "## 5. B\n\n*Drøftelse* · kl. 13.55–14.15" in agenda


def test_minutes_attendance_records_a_substitute_for_a_seat_with_apologies(cli: RunCli, tmp_path: Path) -> None:
    repo = _fresh(cli, tmp_path)
    meeting = repo / "forums/nord/meetings/2026-02-10.yaml"
    base = ("--repo", str(repo), "minutes", "attendance", "nord", "2026-02-10")
    kirsten = "laesoe-afdelingsleder=Kirsten Eksempel (Teamleder, socialområdet)"
    before = meeting.read_text(encoding="utf-8")
    not_absent = cli(*base, "--present", "plo", "--substitute", "plo=Anne Eksempel", "--today", "2026-02-10")
    assert not_absent.code == 1 and "'plo' har ikke meldt afbud" in not_absent.output
    no_seat = cli(*base, "--absent", "plo", "--substitute", "Anne Eksempel", "--today", "2026-02-10")
    assert no_seat.code == 1 and "siger ikke, hvilken plads" in no_seat.output
    assert meeting.read_text(encoding="utf-8") == before

    done = cli(
        *base, "--present", "plo", "--absent", "laesoe-afdelingsleder", "--substitute", kirsten, "--today", "2026-02-10"
    )
    assert done.code == 0, done.output
    assert "Stedfortræder for laesoe-afdelingsleder: Kirsten Eksempel (Teamleder, socialområdet)." in done.output
    expected = "  substitutes:\n    - seat: laesoe-afdelingsleder\n      name: Kirsten Eksempel\n      title: Teamleder, socialområdet\n"
    assert expected in meeting.read_text(encoding="utf-8")
    again = cli(*base, "--substitute", kirsten, "--today", "2026-02-10")  # the seat's apologies are in the file
    assert again.code == 0 and "stod der allerede" in again.output
    assert meeting.read_text(encoding="utf-8").count("seat: laesoe-afdelingsleder") == 1
    minutes = cli("--repo", str(repo), "minutes", "nord", "2026-02-10", "--today", "2026-02-10").stdout
    assert "**Stedfortrædere:** Kirsten Eksempel, Teamleder, socialområdet, for Eksempel Læsø (Læsø Kommune)" in minutes
