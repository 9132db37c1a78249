"""A cancelled meeting (`cancelled: true`), through every command a secretary uses on it: the cancellation
notice in each format, the calendar in each format, the årshjul, validate and publish."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import icalendar
import pypdf
import pytest
import vobject  # type: ignore[import-untyped]

from tests.helpers import RunCli
from tests.helpers.browser import Chromium

CANCELLED = "2027-06-08"
REASON = "For få medlemmer kunne deltage."
BEFORE = "2027-05-01"  # the agenda would be due 25 May


@pytest.fixture
def repo(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled data with Nord's second meeting in 2027 cancelled (its agenda was sent first), looked at in
    the summer of 2027: the real date is after the recorded sending."""
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2027, 7, 1))
    meeting = repo_copy / "forums" / "nord" / "meetings" / f"{CANCELLED}.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "cancelled" not in text
    meeting.write_text(
        text + f"cancelled: true\ncancelled_reason: {REASON}\nagenda_sent: 2027-05-25\n", encoding="utf-8"
    )
    return repo_copy


NOTICE = "Mødet tirsdag den 8. juni 2027 kl. 13.00–15.30 er aflyst."
NEXT = "Næste møde er tirsdag den 7. september 2027 kl. 13.00–15.30"


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_notice_in_markdown_and_html(cli: RunCli, repo: Path, command: str) -> None:
    md = cli(command, "nord", CANCELLED, "--today", BEFORE, cwd=repo)
    assert md.code == 0, md.output
    assert md.stdout.startswith("# Aflysning – Driftsforum Voksenpsykiatri – Klynge Nord\n")
    assert NOTICE in md.stdout
    assert f"**Årsag:** {REASON}" in md.stdout
    assert NEXT in md.stdout
    # nothing of an agenda or minutes: no items, no deadlines, no draft banner
    for absent in ("Godkendelse af dagsorden", "udsendes senest", "UDKAST", "Afbud"):
        assert absent not in md.stdout

    html = cli(command, "nord", CANCELLED, "--format", "html", "--today", BEFORE, cwd=repo)
    assert html.code == 0, html.output
    assert "<title>Aflysning – Driftsforum Voksenpsykiatri – Klynge Nord – 8. juni 2027</title>" in html.stdout
    assert f"<p><strong>{NOTICE}</strong></p>" in html.stdout
    assert f"<dt>Årsag</dt>\n<dd>{REASON}</dd>" in html.stdout
    assert NEXT in html.stdout


def test_notice_as_pdf(cli: RunCli, repo: Path) -> None:
    result = cli("minutes", "nord", CANCELLED, "--format", "pdf", "--today", BEFORE, cwd=repo)
    assert result.code == 0, result.output
    pdf = repo / f"aflysning-nord-{CANCELLED}.pdf"  # named for what it is, not 'referat-…'
    reader = pypdf.PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert NOTICE in text
    assert REASON in text
    assert NEXT in text
    assert "Referat" not in text
    assert reader.metadata is not None and reader.metadata.title == (
        "Aflysning – Driftsforum Voksenpsykiatri – Klynge Nord – 8. juni 2027"
    )


def test_notice_without_reason_and_without_a_next_meeting(cli: RunCli, repo: Path) -> None:
    meeting = repo / "forums" / "nord" / "meetings" / "2027-11-23.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\n", encoding="utf-8")
    result = cli("agenda", "nord", "2027-11-23", "--today", BEFORE, cwd=repo)
    assert result.code == 0, result.output
    assert "Mødet tirsdag den 23. november 2027 kl. 13.00–15.30 er aflyst." in result.stdout
    assert "Årsag" not in result.stdout
    assert "Næste møde er endnu ikke planlagt." in result.stdout


def test_calendar_table_json_and_csv(cli: RunCli, repo: Path) -> None:
    args = ("--forum", "nord", "--from", "2027-05-01", "--to", "2027-06-30", "--today", BEFORE)
    table = cli("calendar", *args, cwd=repo)
    assert table.code == 0, table.output
    rows = [line for line in table.stdout.splitlines() if "08.06.2027" in line]
    assert len(rows) == 1 and rows[0].count("aflyst") == 1 and "planlagt" not in rows[0]  # in the status column
    assert "Dagsorden til mødet den 8. juni" not in table.stdout  # no deadlines for a cancelled meeting

    events = json.loads(cli("calendar", *args, "--format", "json", cwd=repo).stdout)
    mine = [event for event in events if event["meeting"] == CANCELLED]
    assert [(event["event"], event["status"]) for event in mine] == [("meeting", "cancelled")]

    reader = csv.DictReader(io.StringIO(cli("calendar", *args, "--format", "csv", cwd=repo).stdout), delimiter=";")
    mine_csv = [row for row in reader if row["Møde"] == CANCELLED]
    assert [row["Status"] for row in mine_csv] == ["aflyst"]


def test_calendar_ics_cancels_the_event(cli: RunCli, repo: Path) -> None:
    result = cli("calendar", "--forum", "nord", "--year", "2027", "--format", "ics", "--today", BEFORE, cwd=repo)
    assert result.code == 0, result.output
    uid = f"nord-{CANCELLED}-meeting@driftsforum"

    parsed = icalendar.Calendar.from_ical(result.stdout)
    vevents = [component for component in parsed.walk("VEVENT")]
    cancelled = [event for event in vevents if str(event["UID"]) == uid]
    assert len(cancelled) == 1
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"
    assert str(cancelled[0]["SUMMARY"]) == "Voksenpsykiatri Nord: Ordinært møde – aflyst"
    assert cancelled[0].decoded("DTSTART") == datetime(2027, 6, 8, 13, 0, tzinfo=cancelled[0].decoded("DTSTART").tzinfo)
    assert not [
        event for event in vevents if str(event["UID"]).startswith(f"nord-{CANCELLED}-") and event is not cancelled[0]
    ]
    confirmed = [event for event in vevents if str(event["UID"]) == "nord-2027-09-07-meeting@driftsforum"]
    assert str(confirmed[0]["STATUS"]) == "CONFIRMED"

    second = vobject.readOne(result.stdout)
    by_uid = {event.uid.value: event for event in second.vevent_list}
    assert by_uid[uid].status.value == "CANCELLED"
    assert by_uid[uid].summary.value.endswith("Ordinært møde – aflyst")  # the time is the entry's own
    assert "Status" not in by_uid[uid].description.value
    assert f"nord-{CANCELLED}-agenda-due@driftsforum" not in by_uid


def test_aarshjul_keeps_the_numbers_and_reports_the_agreement(cli: RunCli, repo: Path) -> None:
    table = cli("aarshjul", "nord", "--year", "2027", "--today", BEFORE, cwd=repo)
    assert table.code == 0, table.output
    rows = {line.split()[0]: line for line in table.stdout.splitlines() if line[:1].isdigit()}
    assert "SA-01" in rows["1"]
    assert rows["2"].startswith("2 (aflyst)")
    assert rows["2"].split("(uge 23)")[1].split() == ["–", "–", "–", "–"]  # no agreements, tasks or deadlines
    assert "SA-03" in rows["3"] and "SA-04" in rows["4"]  # not moved one meeting up
    assert "SA-02: Mødet den 8. juni 2027 er aflyst; foreslået: mødet den 7. september 2027" in table.stdout
    assert (
        "Faste opgaver uden møde, fordi mødet er aflyst:\n  Status på opgaverne til Klyngestyregruppe Nord: Mødet den "
        "8. juni 2027 er aflyst; foreslået: mødet den 7. september 2027" in table.stdout
    )

    html = cli("aarshjul", "nord", "--year", "2027", "--format", "html", "--today", BEFORE, cwd=repo)
    assert html.code == 0, html.output
    assert "<td>2 (aflyst)</td>" in html.stdout
    assert "Samarbejdsaftaler uden plads, fordi mødet er aflyst" in html.stdout
    assert "Møde 2 tirsdag den 8. juni 2027 er aflyst." in html.stdout  # the SVG's description

    # the next meeting's agenda says where the agreement comes from
    agenda = cli("agenda", "nord", "2027-09-07", "--today", BEFORE, cwd=repo)
    assert (
        "- SA-02: Borgere med samtidig psykisk lidelse og rusmiddelproblematik (skulle have været på mødet den "
        "8. juni 2027, som er aflyst)" in agenda.stdout
    )


def test_cancelled_meeting_in_a_past_year_is_a_warning(cli: RunCli, repo: Path) -> None:
    result = cli("validate", "--today", "2028-01-14", cwd=repo)
    assert result.code == 0, result.output
    assert (
        "advarsel [meetings-per-year] 2027 har 3 ordinære møder, men kommissoriet kræver 4 om året: 1 ordinært "
        "møde er aflyst; det kan ikke længere erstattes" in result.output
    )
    # in the planned year itself it is a warning too, suggesting a replacement
    now = cli("validate", "--today", BEFORE, cwd=repo)
    assert now.code == 0, now.output
    assert "1 ordinært møde er aflyst; planlæg et erstatningsmøde, hvis det er muligt" in now.output


def test_missing_meeting_that_was_never_planned_is_still_an_error(cli: RunCli, repo: Path) -> None:
    (repo / "forums" / "nord" / "meetings" / "2027-11-23.yaml").unlink()
    result = cli("validate", "--today", "2028-01-14", cwd=repo)
    assert result.code == 1
    assert (
        "fejl [meetings-per-year] 2027 har 2 ordinære møder, men kommissoriet kræver 4 om året (1 ordinært møde er "
        "aflyst); tilføj 1 mødefil i meetings/" in result.output
    )


def test_publish_shows_the_cancelled_meeting(cli: RunCli, repo: Path) -> None:
    result = cli("publish", "-o", "site", "--no-pdf", "--today", "2028-01-14", cwd=repo)
    assert result.code == 0, result.output
    page = (repo / "site" / "nord" / f"{CANCELLED}.html").read_text(encoding="utf-8")
    assert "<h1>Aflysning – tirsdag den 8. juni 2027</h1>" in page
    assert '<p class="status">Aflyst</p>' in page
    assert NOTICE in page and REASON in page
    assert "Dagsordenen som PDF" not in page
    index = (repo / "site" / "nord" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{CANCELLED}.html">Tirsdag den 8. juni 2027</a>: mødet er aflyst' in index


def test_notice_and_cancelled_page_pass_axe_in_chromium(chromium: Chromium, cli: RunCli, repo: Path) -> None:
    from tests.helpers.browser import serve_directory

    notice = cli("agenda", "nord", CANCELLED, "--format", "html", "--today", BEFORE, cwd=repo)
    assert notice.code == 0, notice.output
    site = repo / "site"
    assert cli("publish", "-o", "site", "--no-pdf", "--today", "2028-01-14", cwd=repo).code == 0
    (site / "aflysning.html").write_text(notice.stdout, encoding="utf-8")
    with serve_directory(site) as base_url:
        for name in ("aflysning.html", f"nord/{CANCELLED}.html", "nord/index.html"):
            assert chromium.axe(base_url + name) == [], name


def test_a_meeting_moved_to_another_date_gives_its_place_in_the_aarshjul_to_the_new_one(
    cli: RunCli, repo_copy: Path
) -> None:
    """From a secretary's trial: the replacement meeting used to push every later meeting one number on."""
    before = cli("aarshjul", "nord", "--year", "2027", "--today", "2026-12-01", cwd=repo_copy).stdout
    assert cli("meeting", "new", "nord", "2027-03-16", "--today", "2026-12-01", cwd=repo_copy).code == 0
    moved = repo_copy / "forums" / "nord" / "meetings" / "2027-03-09.yaml"
    moved.write_text(moved.read_text(encoding="utf-8") + "cancelled: true\nmoved_to: 2027-03-16\n", encoding="utf-8")
    assert cli("validate", "--today", "2026-12-01", cwd=repo_copy).code == 0
    after = cli("aarshjul", "nord", "--year", "2027", "--today", "2026-12-01", cwd=repo_copy).stdout
    lines = after.splitlines()
    assert lines[4].startswith("ordinært (aflyst)") and "9. marts 2027" in lines[4] and "SA-01" not in lines[4]
    assert lines[5].split()[0] == "1" and "16. marts 2027" in lines[5] and "SA-01" in lines[5]
    # the later meetings keep their numbers, agreements and tasks
    assert [line.split() for line in lines[6:9]] == [line.split() for line in before.splitlines()[5:8]]
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("moved_to: 2027-03-16", "moved_to: 2027-03-17"), encoding="utf-8"
    )
    result = cli("validate", "--today", "2026-12-01", cwd=repo_copy)
    assert result.code == 1 and "[moved-to]" in result.stdout and "ingen mødefil for den dato" in result.stdout


def test_a_meeting_moved_within_its_year_is_not_counted_as_cancelled(
    cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A moved meeting is held on its new date: a year that is short for another reason is an error that asks
    for the missing file, not a warning about a cancellation that never happened."""
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 14))
    meetings = repo_copy / "forums" / "nord" / "meetings"
    assert cli("meeting", "new", "nord", "2027-03-16", "--today", "2026-12-01", cwd=repo_copy).code == 0
    moved = meetings / "2027-03-09.yaml"
    moved.write_text(moved.read_text(encoding="utf-8") + "cancelled: true\nmoved_to: 2027-03-16\n", encoding="utf-8")
    (meetings / "2027-11-23.yaml").unlink()
    result = cli("validate", "--today", "2028-01-14", cwd=repo_copy)
    assert result.code == 1, result.output
    assert (
        "fejl [meetings-per-year] 2027 har 3 ordinære møder, men kommissoriet kræver 4 om året; tilføj 1 mødefil i "
        "meetings/" in result.output
    )
    assert "aflyst" not in result.output.split("[meetings-per-year]")[1].splitlines()[0]


def test_a_meeting_moved_into_the_next_year_is_told_as_a_move(
    cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 14))
    meetings = repo_copy / "forums" / "nord" / "meetings"
    assert cli("meeting", "new", "nord", "2028-01-11", "--today", "2026-12-01", cwd=repo_copy).code == 0
    moved = meetings / "2027-11-23.yaml"
    moved.write_text(moved.read_text(encoding="utf-8") + "cancelled: true\nmoved_to: 2028-01-11\n", encoding="utf-8")
    result = cli("validate", "--today", "2027-12-01", cwd=repo_copy)
    assert (
        "advarsel [meetings-per-year] 2027 har 3 ordinære møder, men kommissoriet kræver 4 om året: 1 ordinært møde "
        "er flyttet til et andet år; planlæg et erstatningsmøde, hvis det er muligt" in result.output
    )


def test_a_cancelled_vest_meeting_cancels_its_joint_meeting_too(
    cli: RunCli, repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Vest meets the somatic forum right after its ordinary meeting: the notice and the calendar say that the
    joint meeting is cancelled with it."""
    meeting = repo_copy / "forums" / "vest" / "meetings" / "2027-03-11.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "cancelled: true\n", encoding="utf-8")
    for command in ("agenda", "minutes"):
        notice = cli(command, "vest", "2027-03-11", "--today", "2026-12-01", cwd=repo_copy)
        assert notice.code == 0, notice.output
        assert "Fællesmødet med Driftsforum Voksen Somatik samme dag kl. 15.00–16.00 er også aflyst." in notice.stdout
    args = ("--forum", "vest", "--from", "2027-03-01", "--to", "2027-03-31", "--today", "2026-12-01")
    events = json.loads(cli("calendar", *args, "--format", "json", cwd=repo_copy).stdout)
    assert [(event["event"], event["status"]) for event in events if event["meeting"] == "2027-03-11"] == [
        ("meeting", "cancelled"),
        ("joint_meeting", "cancelled"),
    ]
