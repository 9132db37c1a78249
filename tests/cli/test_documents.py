"""`driftsforum agenda`, `minutes` and `meeting new`, as a secretary uses them."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import RunCli


def test_next_nord_agenda_in_markdown(cli: RunCli, repo_copy: Path) -> None:
    result = cli("agenda", "nord", "--today", "2026-11-22", cwd=repo_copy)
    assert result.code == 0, result.output
    md = result.stdout
    assert md.startswith("# Dagsorden – Driftsforum Voksenpsykiatri – Klynge Nord\n")
    assert "**Tid og sted:** tirsdag den 24. november 2026 kl. 13.00–15.30 (uge 48)" in md
    assert "## 3. Opfølgning på aftalte handlinger" in md
    assert (
        "| Afprøve fast kontaktperson i psykiatrien for kommunernes bostøtter **(overskredet)** | Helle Eksempel | 13. november 2026 |"
        in md
    )
    assert "- SA-04: Medicinhåndtering på tværs af sektorer" in md
    assert "Referatet fra mødet tirsdag den 8. september 2026 er godkendt den 23. september 2026." in md
    assert "\n\n\n" not in md


def test_vest_agenda_shows_the_joint_session(cli: RunCli, repo_copy: Path) -> None:
    result = cli("agenda", "render", "vest", "2026-12-03", "--format", "html", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0
    html = result.stdout
    assert '<html lang="da">' in html
    assert '<h2 id="faellesmoede">Fællesmøde med Driftsforum Voksen Somatik</h2>' in html
    assert "kl. 15.00–16.00" in html


def test_html_escapes_every_field(cli: RunCli, repo_copy: Path) -> None:
    meeting = repo_copy / "forums/nord/meetings/2026-11-24.yaml"
    text = meeting.read_text(encoding="utf-8").replace(
        "title: Mødeplan og årshjul for 2027", "title: \"<script>alert('x')</script> & mere\""
    )
    meeting.write_text(text, encoding="utf-8")
    html = cli("agenda", "nord", "2026-11-24", "--format", "html", "--today", "2026-12-01", cwd=repo_copy).stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; mere" in html


def test_minutes_carry_draft_mark_until_approved(cli: RunCli, repo_copy: Path) -> None:
    draft = cli("minutes", "nord", "2026-09-08", "--today", "2026-09-20", cwd=repo_copy).stdout
    assert "> **UDKAST** – referatet er ikke godkendt. Udsendt 15. september 2026." in draft
    assert "senest 22. september 2026" in draft
    approved = cli("minutes", "nord", "2026-09-08", "--today", "2026-11-22", cwd=repo_copy).stdout
    assert "> Godkendt den 23. september 2026." in approved
    assert "UDKAST" not in approved
    assert "**Til stede:**" in approved
    assert "**Afbud:** Erik Eksempel" in approved
    assert "**Referent:** Karen Eksempel" in approved
    assert "**Beslutning:** Driftsforum drøftede status." in approved


def test_life_cycle_keeps_the_file_byte_for_byte_outside_the_changed_lines(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "minutes:\n  type: beslutningsreferat\n  sent: 2026-09-15\n",
        "minutes:\n  type: beslutningsreferat  # vi skriver beslutningsreferater\n",
    )
    text = "# Mødet i september – husk lokale 2\n" + text
    path.write_text(text, encoding="utf-8")
    before = path.read_text(encoding="utf-8")

    sent = cli(
        "minutes", "mark-sent", "nord", "2026-09-08", "--on", "2026-09-15", "--today", "2026-12-01", cwd=repo_copy
    )
    assert sent.code == 0, sent.output
    assert "frist for bemærkninger: 22. september 2026" in sent.stdout
    comment = cli(
        "minutes",
        "add-comment",
        "nord",
        "2026-09-08",
        "--by",
        "plo",
        "--text",
        "Punkt 4: også de praktiserende læger.",
        "--on",
        "2026-09-18",
        "--today",
        "2026-12-01",
        cwd=repo_copy,
    )
    assert comment.code == 0, comment.output
    # with a comment the minutes are not approved when the window closes: revised minutes are owed
    waiting = cli("minutes", "nord", "2026-09-08", "--today", "2026-09-25", cwd=repo_copy).stdout
    assert "UDKAST" in waiting
    revised = cli(
        "minutes", "mark-revised", "nord", "2026-09-08", "--on", "2026-09-24", "--today", "2026-12-01", cwd=repo_copy
    )
    assert revised.code == 0
    assert "Referatet er godkendt den 24. september 2026." in revised.stdout

    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]
    assert changed == [
        "+   sent: 2026-09-15",
        "+   comments:",
        "+     - by: plo",
        "+       received: 2026-09-18",
        "+       text: 'Punkt 4: også de praktiserende læger.'",
        "+   revised_sent: 2026-09-24",
    ]
    assert after.startswith("# Mødet i september – husk lokale 2\n")
    assert "type: beslutningsreferat  # vi skriver beslutningsreferater" in after
    approved = cli("minutes", "nord", "2026-09-08", "--today", "2026-09-25", cwd=repo_copy).stdout
    assert "> Godkendt den 24. september 2026." in approved
    assert cli("validate", "--today", "2026-12-01", cwd=repo_copy).code == 0


def test_life_cycle_refuses_steps_out_of_order(cli: RunCli, repo_copy: Path) -> None:
    path = repo_copy / "forums/nord/meetings/2026-11-24.yaml"
    before = path.read_bytes()
    result = cli(
        "minutes", "mark-revised", "nord", "2026-11-24", "--on", "2026-11-21", "--today", "2026-12-01", cwd=repo_copy
    )
    assert result.code == 1
    assert "referatet er ikke registreret som udsendt" in result.stderr
    again = cli(
        "agenda", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-11", "--today", "2026-12-01", cwd=repo_copy
    )
    assert again.code == 1
    assert "allerede registreret som udsendt 10. november 2026" in again.stderr
    assert path.read_bytes() == before


def test_agenda_mark_sent(cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2027, 2, 25))  # looking at it in February 2027
    meeting = repo_copy / "forums/nord/meetings/2027-03-09.yaml"
    before = meeting.read_bytes()
    early = cli(
        "agenda", "mark-sent", "nord", "2027-03-09", "--on", "2026-11-20", "--today", "2027-02-25", cwd=repo_copy
    )
    assert early.code == 1  # 109 days before the meeting: refused before the file is touched
    assert "20. november 2026 er 109 dage før; vent til 8. januar 2027" in early.stderr
    assert meeting.read_bytes() == before
    result = cli(
        "agenda", "mark-sent", "nord", "2027-03-09", "--on", "2027-02-20", "--today", "2027-02-25", cwd=repo_copy
    )
    assert result.code == 0, result.output
    assert "Dagsordenen er registreret som udsendt 20. februar 2027 (frist: 23. februar 2027)." in result.stdout
    assert "agenda_sent: 2027-02-20" in (repo_copy / "forums/nord/meetings/2027-03-09.yaml").read_text(encoding="utf-8")
    future = cli(
        "minutes", "mark-sent", "nord", "2027-03-09", "--on", "2099-03-16", "--today", "2027-02-25", cwd=repo_copy
    )
    assert future.code == 2
    assert "--on 2099-03-16 ligger i fremtiden" in future.stderr
    wrong = cli(
        "minutes", "mark-sent", "nord", "2027-03-09", "--on", "16-03-2027", "--today", "2026-12-01", cwd=repo_copy
    )
    assert wrong.code == 2
    assert (
        "ugyldig værdi for --on: '16-03-2027' er ikke skrevet som ÅÅÅÅ-MM-DD; skriv 16. marts 2027 som 2027-03-16"
        in wrong.stderr
    )


def test_written_file_is_not_overwritten_once_edited(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ud" / "dagsorden.md"
    first = cli("agenda", "nord", "-o", str(target), "--today", "2026-11-22", cwd=repo_copy)
    assert first.code == 0
    assert f"Skrev {target}." in first.stdout
    target.write_text(target.read_text(encoding="utf-8") + "\nMin egen note\n", encoding="utf-8")
    refused = cli("agenda", "nord", "-o", str(target), "--today", "2026-11-22", cwd=repo_copy)
    assert refused.code == 1
    assert "Brug --force" in refused.stderr
    assert target.read_text(encoding="utf-8").endswith("Min egen note\n")
    forced = cli("agenda", "nord", "-o", str(target), "--force", "--today", "2026-11-22", cwd=repo_copy)
    assert forced.code == 0
    assert "Min egen note" not in target.read_text(encoding="utf-8")


def test_unknown_forum_and_meeting(cli: RunCli, repo_copy: Path) -> None:
    unknown = cli("agenda", "syd", "--today", "2026-12-01", cwd=repo_copy)
    assert unknown.code == 1
    assert "forummet 'syd' findes ikke i samlingen (kendte fora: nord, vest)" in unknown.stderr
    no_meeting = cli("minutes", "nord", "2026-11-25", "--today", "2026-12-01", cwd=repo_copy)
    assert no_meeting.code == 1
    assert "har intet møde den 2026-11-25" in no_meeting.stderr
    bad_date = cli("minutes", "nord", "24-11-2026", "--today", "2026-12-01", cwd=repo_copy)
    assert bad_date.code == 2


def test_meeting_new_from_the_plan(cli: RunCli, repo_copy: Path) -> None:
    result = cli("meeting", "new", "vest", "2028-03-09", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    created = (repo_copy / "forums/vest/meetings/2028-03-09.yaml").read_text(encoding="utf-8")
    assert "start: 13:00\nend: 15:00\n" in created
    assert 'partner: "Driftsforum Voksen Somatik"\n  start: 15:00\n  end: 16:00' in created
    again = cli("meeting", "new", "vest", "2028-03-09", "--today", "2026-12-01", cwd=repo_copy)
    assert again.code == 1
    assert "findes allerede" in again.stderr
    holiday = cli("meeting", "new", "nord", "2028-04-14", "--today", "2026-12-01", cwd=repo_copy)
    assert holiday.code == 1
    assert "er en lukkedag (Langfredag)" in holiday.stderr
    assert cli("validate", "--today", "2026-11-22", cwd=repo_copy).code == 0


def test_minutes_mark_sent_says_what_the_minutes_lack(cli: RunCli, repo_copy: Path) -> None:
    """From a secretary's trial: empty minutes were recorded as sent without a word."""
    result = cli("minutes", "mark-sent", "nord", "2026-11-24", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Bemærk: referatet har ingen deltagere (attendance.present)." in result.stdout
    assert "Bemærk: referatet har ingen referent (attendance.minute_taker)." in result.stdout


def test_a_comment_is_credited_to_whoever_held_the_seat_when_it_came(cli: RunCli, repo_copy: Path) -> None:
    """Hjørring's seat changed hands between the June meeting and the comment on its minutes (19 June): the
    comment is the new holder's; the attendance of the meeting itself keeps the old one."""
    before = cli("minutes", "nord", "2026-06-09", "--today", "2026-12-01", cwd=repo_copy)
    assert "- 19. juni 2026, Bent Eksempel: Under punkt 1" in before.stdout
    replaced = cli(
        "member", "replace", "nord", "hjoerring-afdelingsleder", "--name", "Dorte Ny", "--from", "2026-06-15",
        "--today", "2026-12-01", cwd=repo_copy,
    )  # fmt: skip
    assert replaced.code == 0, replaced.output
    after = cli("minutes", "nord", "2026-06-09", "--today", "2026-12-01", cwd=repo_copy)
    assert after.code == 0, after.output
    assert "- 19. juni 2026, Dorte Ny: Under punkt 1" in after.stdout
    assert "Bent Eksempel" in after.stdout.split("## Bemærkninger til referatet")[0]  # he was at the meeting
