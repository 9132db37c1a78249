"""What was sent and approved stays put: a year of membership changes and a corrected decision on a copy of
the bundled forums, through the real command line; the document log; the fingerprint of a real sending."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pypdf
import pytest

from driftsforum_cli.services.fingerprints import LOG_NAME, read_log, record_fingerprint
from tests.helpers import CliResult, RunCli
from tests.helpers.sending import FakeServer, Runner

TODAY = "2026-11-22"
NORD = "forums/nord"
SEPTEMBER = f"{NORD}/meetings/2026-09-08.yaml"
#: Nord's documents that had gone out by TODAY (the agendas of 2026, the minutes of the meetings held).
SENT = [
    ("agenda", "2026-03-10"),
    ("minutes", "2026-03-10"),
    ("agenda", "2026-06-09"),
    ("minutes", "2026-06-09"),
    ("agenda", "2026-09-08"),
    ("minutes", "2026-09-08"),
    ("agenda", "2026-11-24"),
]
LATER = [("agenda", "2027-03-09")]

OLD_DECISION = "decision: Driftsforum tog orienteringen til efterretning."
NEW_DECISION = "decision: Driftsforum tog orienteringen til efterretning og bad om tal for 2025."
CORRECTION = """corrections:
  - date: 2026-11-22
    by: Karen Eksempel
    what: Beslutningen under punkt 6 er suppleret med, at forummet bad om tal for 2025.
"""
CORRECTION_MD = (
    "> **Rettet den 22. november 2026:** Beslutningen under punkt 6 er suppleret med, at forummet bad om tal "
    "for 2025. (Karen Eksempel)\n\n"
)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


#: The documents also compared as PDF (their text, read by pypdf): PDFs are slow to make.
AS_PDF = {("minutes", "2026-09-08"), ("minutes", "2026-06-09"), ("agenda", "2026-11-24")}


def render_all(cli: RunCli, repo: Path, out: Path, documents: list[tuple[str, str]]) -> dict[str, bytes]:
    """Every document in md and html, and those in AS_PDF in pdf."""
    out.mkdir(parents=True, exist_ok=True)
    found: dict[str, bytes] = {}
    for kind, day in documents:
        for fmt in ("md", "html", "pdf") if (kind, day) in AS_PDF else ("md", "html"):
            target = out / f"{kind}-{day}.{fmt}"
            result = cli(kind, "nord", day, "--format", fmt, "-o", str(target), "--today", TODAY, cwd=repo)
            assert result.code == 0, result.output
            data = target.read_bytes()
            if fmt == "pdf":
                reader = pypdf.PdfReader(io.BytesIO(data))
                data = "\n".join(page.extract_text() for page in reader.pages).encode("utf-8")
            found[f"{kind}-{day}.{fmt}"] = data
            target.unlink()
    return found


def holder_block(name: str, email: str) -> str:
    return f"""    person:
      name: {name}
      title: Afdelingsleder, social-, beskæftigelses- og misbrugsområdet
      email: {email}
      example: true
"""


def former(block: str, to: str) -> str:
    """members.yaml's `person:` block moved under `history:` with its last day."""
    lines = block.splitlines()
    moved = ["    history:", "      - " + lines[1].strip()] + ["  " + line for line in lines[2:]]
    return "\n".join([*moved, f"        to: {to}"]) + "\n"


def _validate(cli: RunCli, repo: Path) -> CliResult:
    """What the secretary sees after publishing: publish records on first sight what the meeting files say
    was sent, approved or corrected (as it does before it writes the site), then validate checks."""
    from driftsforum_cli.services.fingerprints import record_seen
    from driftsforum_cli.workspace import load_repository

    record_seen(load_repository(repo), date.fromisoformat(TODAY), start=True)
    return cli("validate", "--today", TODAY, cwd=repo)


def test_replacing_a_member_a_vacancy_and_a_correction_leave_earlier_documents_as_they_were(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    first = _validate(cli, repo_copy)
    assert first.code == 0, first.output
    log = repo_copy / NORD / LOG_NAME
    assert [(entry.kind, entry.meeting.isoformat()) for entry in read_log(log).entries] == SENT
    assert [entry.event for entry in read_log(log).entries] == ["sent", "approved"] * 3 + ["sent"]
    before = render_all(cli, repo_copy, tmp_path / "before", SENT)
    recorded = log.read_bytes()

    # Erik Eksempel leaves Læsø's seat on 30 November; Lise Ny takes it over from 1 December.
    members = repo_copy / NORD / "members.yaml"
    erik = holder_block("Erik Eksempel", "erik.eksempel@laesoe.example.org")
    lise = holder_block("Lise Ny", "lise.ny@laesoe.example.org") + "      from: 2026-12-01\n"
    edit(members, erik, lise + former(erik, "2026-11-30"))
    # PLO's seat is vacant from 1 December.
    ib = """    person:
      name: Ib Eksempel
      title: Praktiserende læge, PLO-repræsentant
      email: ib.eksempel@plo.example.org
      example: true
"""
    edit(members, ib, former(ib, "2026-11-30"))

    checked = _validate(cli, repo_copy)
    assert checked.code == 0, checked.output
    assert "changed-after" not in checked.output
    assert render_all(cli, repo_copy, tmp_path / "after-members", SENT) == before

    # The next year's agenda names the new holder and the vacant seat (its organisation once).
    agenda = cli("agenda", "nord", "2027-03-09", "--format", "md", "--today", TODAY, cwd=repo_copy)
    assert "Lise Ny" in agenda.stdout and "Erik Eksempel" not in agenda.stdout
    assert "Ledig plads (PLO);" in agenda.stdout and "(PLO) (PLO)" not in agenda.stdout
    assert "Ib Eksempel" not in agenda.stdout

    # A decision in the approved September minutes is changed: validate points at the item.
    september = repo_copy / SEPTEMBER
    edit(september, OLD_DECISION, NEW_DECISION)
    item_line = next(
        n
        for n, line in enumerate(september.read_text(encoding="utf-8").splitlines(), start=1)
        if "title: Data fra Dash Board" in line
    )
    flagged = _validate(cli, repo_copy)
    assert flagged.code == 1
    assert f"{SEPTEMBER}:{item_line}:5: fejl [changed-after-approval]" in flagged.stdout
    assert "godkendt den 23. september 2026" in flagged.stdout and "corrections:" in flagged.stdout
    assert log.read_bytes() == recorded, "an unrecorded change is never accepted into the log"
    # publish is blocked (agenda and minutes do not check old documents: only validate and publish do)
    refused = cli("publish", "-o", str(tmp_path / "site"), "--no-pdf", "--today", TODAY, cwd=repo_copy)
    assert refused.code == 1 and "før noget offentliggøres" in refused.stderr
    assert "godkendt den 23. september 2026" in refused.stderr

    # Recorded as a correction, the new text is accepted (and printed as such).
    september.write_text(september.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    accepted = _validate(cli, repo_copy)
    assert accepted.code == 0, accepted.output
    assert log.read_bytes().startswith(recorded)
    entries = read_log(log).entries
    assert [(entry.kind, entry.event, entry.date, entry.corrections) for entry in entries[len(SENT) :]] == [
        ("minutes", "corrected", date(2026, 11, 22), 1)
    ]
    assert _validate(cli, repo_copy).code == 0
    assert len(read_log(log).entries) == len(SENT) + 1, "a second run records nothing new"

    after = render_all(cli, repo_copy, tmp_path / "after-correction", SENT)
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {"minutes-2026-09-08.md", "minutes-2026-09-08.html", "minutes-2026-09-08.pdf"}
    old_text = "Driftsforum tog orienteringen til efterretning."
    new_text = "Driftsforum tog orienteringen til efterretning og bad om tal for 2025."
    md = after["minutes-2026-09-08.md"].decode()
    assert CORRECTION_MD in md
    assert md.replace(CORRECTION_MD, "") == before["minutes-2026-09-08.md"].decode().replace(old_text, new_text)
    html = after["minutes-2026-09-08.html"].decode()
    html_line = (
        '<p class="correction"><strong>Rettet den 22. november 2026:</strong> Beslutningen under punkt 6 er '
        "suppleret med, at forummet bad om tal for 2025. (Karen Eksempel)</p>\n"
    )
    assert html_line in html
    assert html.replace(html_line, "") == before["minutes-2026-09-08.html"].decode().replace(old_text, new_text)
    pdf = after["minutes-2026-09-08.pdf"].decode()
    assert "Rettet den 22. november 2026:" in pdf and "bad om tal for 2025" in pdf

    # The website shows the approved text and its correction.
    site = tmp_path / "site"
    published = cli("publish", "-o", str(site), "--today", TODAY, cwd=repo_copy)
    assert published.code == 0, published.output
    text = (site / "nord" / "2026-09-08.html").read_text(encoding="utf-8")
    assert "Rettet den 22. november 2026:" in text and "bad om tal for 2025" in text


def test_a_person_swapped_without_history_is_reported_where_the_old_documents_name_them(
    cli: RunCli, repo_copy: Path
) -> None:
    assert _validate(cli, repo_copy).code == 0
    edit(repo_copy / NORD / "members.yaml", "name: Erik Eksempel", "name: Lise Ny")
    result = _validate(cli, repo_copy)
    assert result.code == 1
    approved = [line for line in result.stdout.splitlines() if "[changed-after-approval]" in line]
    assert [line.split(":")[0] for line in approved] == [f"{NORD}/meetings/{day}.yaml" for day in SENT_MINUTES]
    assert all("Sådan udskifter du et medlem" in line for line in approved)
    # The September minutes' change is in their attendance (Læsø sent apologies).
    attendance = next(
        n
        for n, line in enumerate((repo_copy / SEPTEMBER).read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith("attendance:")
    )
    assert any(line.startswith(f"{SEPTEMBER}:{attendance}:1:") for line in approved), approved


SENT_MINUTES = ["2026-03-10", "2026-06-09", "2026-09-08"]


def test_deleting_the_person_of_a_seat_is_reported_on_the_old_meetings(cli: RunCli, repo_copy: Path) -> None:
    members = repo_copy / NORD / "members.yaml"
    edit(members, holder_block("Erik Eksempel", "erik.eksempel@laesoe.example.org"), "")
    result = _validate(cli, repo_copy)
    assert result.code == 1
    september = (repo_copy / SEPTEMBER).read_text(encoding="utf-8").splitlines()
    absent = september.index("  absent:") + 2  # the line after 'absent:' (1-based)
    assert september[absent - 1].strip() == "- laesoe-afdelingsleder"
    assert f"{SEPTEMBER}:{absent}:7: fejl [nobody-on-seat] pladsen 'laesoe-afdelingsleder' (Læsø Kommune) var " in (
        result.stdout
    )
    assert "ledig den 8. september 2026, så ingen kan stå som med afbud" in result.stdout


def test_the_log_only_grows_and_a_changed_line_is_found(cli: RunCli, repo_copy: Path) -> None:
    assert _validate(cli, repo_copy).code == 0
    log = repo_copy / NORD / LOG_NAME
    lines = log.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[2])
    data["sha256"] = "0" * 64  # someone "fixes" the fingerprint of the June agenda
    lines[2] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tampered = log.read_bytes()
    result = _validate(cli, repo_copy)
    assert result.code == 1
    assert f"{NORD}/{LOG_NAME}:4:1: fejl [document-log-changed]" in result.stdout
    assert "git checkout" in result.stdout

    # Nothing is added to a log that was changed, even when something new would be recorded.
    edit(repo_copy / SEPTEMBER, "decision: Driftsforum tog orienteringen", "decision: Forummet tog orienteringen")
    september = repo_copy / SEPTEMBER
    september.write_text(september.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    _validate(cli, repo_copy)
    assert log.read_bytes() == tampered

    # A line removed is found too.
    lines = tampered.decode().splitlines()
    log.write_text("\n".join(lines[:1] + lines[2:]) + "\n", encoding="utf-8")
    result = _validate(cli, repo_copy)
    assert f"{NORD}/{LOG_NAME}:2:1: fejl [document-log-changed]" in result.stdout


def test_record_fingerprint_appends_once_and_never_rewrites(repo_copy: Path) -> None:
    log = repo_copy / NORD / LOG_NAME
    first = record_fingerprint(repo_copy, "nord", "agenda", date(2026, 11, 24), "sent", date(2026, 11, 10))
    assert first is not None and first.previous == ""
    written = log.read_bytes()
    assert record_fingerprint(repo_copy, "nord", "agenda", date(2026, 11, 24), "sent", date(2026, 11, 10)) is None
    assert log.read_bytes() == written
    second = record_fingerprint(repo_copy, "nord", "minutes", date(2026, 9, 8), "approved", date(2026, 9, 23))
    assert second is not None and second.previous != ""
    assert log.read_bytes().startswith(written)
    assert not read_log(log).problems


def test_a_complete_sending_records_the_fingerprint_of_the_document_sent(repo_copy: Path) -> None:
    run = Runner(repo_copy)
    result = run(FakeServer())
    assert result.sent_on == date(2027, 2, 20)
    entries = read_log(repo_copy / NORD / LOG_NAME).entries
    assert [(e.kind, e.meeting, e.event, e.date) for e in entries] == [
        ("agenda", date(2027, 3, 9), "sent", date(2027, 2, 20))
    ]
    # The agenda as sent is what the log holds: changing it afterwards is reported.
    edit(repo_copy / f"{NORD}/meetings/2027-03-09.yaml", "place: ", "place: Ny adresse, ")
    from driftsforum_cli.services.validation import validate_repository

    found = validate_repository(repo_copy, date(2027, 2, 21)).diagnostics
    assert [(d.code, d.severity.value) for d in found if d.code.startswith("changed")] == [
        ("changed-after-sending", "warning")
    ]
    assert "send agenda --update" in next(d.message for d in found if d.code == "changed-after-sending")


@pytest.mark.parametrize("step", ["mark-sent", "mark-revised"])
def test_recording_a_step_records_the_fingerprint(
    cli: RunCli, repo_copy: Path, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2026, 12, 10))  # the steps lie in the past
    if step == "mark-revised":
        assert cli("minutes", "mark-sent", "nord", "2026-11-24", "--on", "2026-11-30", "--today", "2026-12-10",
                   cwd=repo_copy).code == 0  # fmt: skip
    result = cli("minutes", step, "nord", "2026-11-24", "--on", "2026-12-08", "--today", "2026-12-10", cwd=repo_copy)
    assert result.code == 0, result.output
    last = read_log(repo_copy / NORD / LOG_NAME).entries[-1]
    event = "approved" if step == "mark-revised" else "sent"
    assert (last.kind, last.meeting, last.event, last.date) == ("minutes", date(2026, 11, 24), event, date(2026, 12, 8))


def test_a_later_meeting_moved_only_warns_about_the_next_meeting_in_approved_minutes(
    cli: RunCli, repo_copy: Path
) -> None:
    assert _validate(cli, repo_copy).code == 0
    meetings = repo_copy / NORD / "meetings"
    november = meetings / "2026-11-24.yaml"
    text = november.read_text(encoding="utf-8")
    (meetings / "2026-11-26.yaml").write_text(text.replace("date: 2026-11-24", "date: 2026-11-26"), encoding="utf-8")
    november.unlink()
    result = _validate(cli, repo_copy)
    assert result.code == 0, result.output
    assert f"{SEPTEMBER}:2:1: advarsel [changed-after-approval] referatet blev godkendt den 23. september 2026, men " \
        "punktet '10. Næste møde' nævner nu et andet møde" in result.stdout  # fmt: skip
    # Anything else changed in the same minutes is an error again.
    edit(repo_copy / SEPTEMBER, OLD_DECISION, NEW_DECISION)
    result = _validate(cli, repo_copy)
    assert result.code == 1 and "fejl [changed-after-approval]" in result.stdout


def test_a_new_layout_is_no_change_but_a_changed_word_is(cli: RunCli, repo_copy: Path) -> None:
    """The log fingerprints what the documents say, not how they look: the repository's own template for the
    minutes (or a new version of driftsforum's) changes every document's layout and none of their records;
    a word changed in a decision is still found."""
    assert _validate(cli, repo_copy).code == 0
    (repo_copy / "templates").mkdir()
    bundled = (Path(__file__).resolve().parents[2] / "templates" / "minutes.md.j2").read_text(encoding="utf-8")
    (repo_copy / "templates" / "minutes.md.j2").write_text("# Region Nordjylland\n\n" + bundled, encoding="utf-8")
    minutes = cli("minutes", "nord", "2026-09-08", "--today", TODAY, cwd=repo_copy)
    assert minutes.stdout.startswith("# Region Nordjylland")  # the new layout is used
    result = cli("validate", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0 and "changed-after" not in result.stdout, result.output

    edit(repo_copy / SEPTEMBER, OLD_DECISION, NEW_DECISION)
    result = cli("validate", "--today", TODAY, cwd=repo_copy)
    assert result.code == 1
    assert f"{SEPTEMBER}:" in result.stdout and "[changed-after-approval]" in result.stdout


def test_lines_of_an_older_format_are_kept_and_not_compared(cli: RunCli, repo_copy: Path) -> None:
    """A log written by an older version (its fingerprints of the rendered Markdown, no 'format') stays valid:
    its lines are neither reported as changed nor compared with this version's text."""
    assert _validate(cli, repo_copy).code == 0
    log = repo_copy / NORD / LOG_NAME
    old = []
    previous = ""
    for line in log.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        del data["format"]
        data["sha256"] = "1" * 64
        data["previous"] = previous
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        previous = hashlib.sha256(text.encode("utf-8")).hexdigest()
        old.append(text)
    log.write_text("\n".join(old) + "\n", encoding="utf-8")
    assert all(entry.format == 1 for entry in read_log(log).entries) and not read_log(log).problems
    result = cli("validate", "--today", TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
