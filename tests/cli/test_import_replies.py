"""`attendance import-replies`: the members' replies to the meeting invitation, saved from their e-mail as .eml,
recorded on the meeting. The test plays the members' mail programs (tests/helpers/replies.py)."""

from __future__ import annotations

import difflib
import shutil
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from driftsforum_cli.services.replies_import import import_replies, meeting_uid
from tests.helpers import REAL_DATE, RunCli
from tests.helpers.replies import Client, ReplySpec, reply_message
from tests.helpers.repos import copy_of_bundled

MEETING = "forums/nord/meetings/2026-11-24.yaml"
UID = "nord-2026-11-24-meeting@driftsforum"
TODAY = ("--today", "2026-11-30")


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 15, tzinfo=UTC)


ERIK = ("erik.eksempel@laesoe.example.org", "Erik Eksempel")
ANNE = ("anne.eksempel@broenderslev.example.org", "Anne Eksempel")
IB = ("ib.eksempel@plo.example.org", "Ib Eksempel")
GUSTAV = ("gustav.eksempel@psykiatri.example.org", "Gustav Eksempel")
SOEREN = ("soeren.stedfortraeder@psykiatri.example.org", "Søren Stedfortræder")


def _write(folder: Path, name: str, client: Client, spec: ReplySpec) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(reply_message(spec, client))
    return path


def _spec(who: tuple[str, str], partstat: str, stamp: datetime, **extra: object) -> ReplySpec:
    return ReplySpec(extra.pop("uid", UID), who[0], who[1], partstat, stamp, **extra)  # type: ignore[arg-type]


def _inbox(folder: Path) -> Path:
    """A secretary's folder of replies: every client, every answer, a stranger and another meeting's reply."""
    _write(folder, "Afvist Driftsforum Nord.eml", "outlook-winmail", _spec(ERIK, "DECLINED", _at(20), comment="Ferie"))
    _write(folder, "Accepted Driftsforum Nord.eml", "gmail", _spec(ANNE, "ACCEPTED", _at(19)))
    _write(folder, "Foreløbig.eml", "apple", _spec(IB, "TENTATIVE", _at(19, 10)))
    _write(folder, "Videresendt.eml", "outlook", _spec(GUSTAV, "DELEGATED", _at(18), delegate=SOEREN))
    _write(folder, "Fremmed.eml", "gmail", _spec(("fremmed@example.com", "Fremmed"), "ACCEPTED", _at(18)))
    other = meeting_uid("nord", date(2027, 3, 9))
    _write(folder, "Marts.eml", "outlook", _spec(ANNE, "DECLINED", _at(21), uid=other, day="20270309"))
    return folder


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [line[2:] for line in diff if line.startswith("- ")], [line[2:] for line in diff if line.startswith("+ ")]


def test_replies_are_recorded_with_only_their_lines_and_a_second_import_changes_nothing(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    meeting = repo_copy / MEETING
    before = meeting.read_text(encoding="utf-8")
    inbox = _inbox(tmp_path / "svar")
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(inbox), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    removed, added = _changed_lines(before, meeting.read_text(encoding="utf-8"))
    assert removed == []
    assert added == [
        "attendance:",
        "  absent:",
        "    - psykiatri-klinikchef",
        "    - laesoe-afdelingsleder",
        "  substitutes:",
        "    - seat: psykiatri-klinikchef",
        "      name: Søren Stedfortræder",
        "  replies:",
        "    - seat: psykiatri-klinikchef",
        "      answer: stedfortræder",
        "      sent: '2026-11-18T09:15:00Z'",
        "      substitute: Søren Stedfortræder",
        "    - seat: broenderslev-afdelingsleder",
        "      answer: deltager",
        "      sent: '2026-11-19T09:15:00Z'",
        "    - seat: plo",
        "      answer: måske",
        "      sent: '2026-11-19T10:15:00Z'",
        "    - seat: laesoe-afdelingsleder",
        "      answer: afbud",
        "      sent: '2026-11-20T09:15:00Z'",
        "      comment: Ferie",
    ]
    assert "Opdaterede forums/nord/meetings/2026-11-24.yaml: 4 svar." in result.stdout
    assert "- Erik Eksempel (laesoe-afdelingsleder) har meldt afbud." in result.stdout
    assert "- Gustav Eksempel (psykiatri-klinikchef) har meldt afbud og sender en stedfortræder (Søren" in result.stdout
    assert "Bemærk: " in result.stdout and "winmail.dat (Outlooks eget format) er ikke læst" in result.stdout
    assert "Ikke registreret (2 svar):" in result.stdout
    assert (
        "5 medlemmer har ikke svaret: Bent Eksempel (hjoerring-afdelingsleder), Camilla Eksempel "
        "(frederikshavn-afdelingsleder), Dorthe Eksempel (jammerbugt-afdelingsleder), Frida Eksempel (hjoerring-chef), "
        "Helle Eksempel (psykiatri-klinikledelse).\n" in result.stdout
    )  # the secretariat's own seats send the invitation; they do not answer it
    assert (
        f"- {inbox / 'Fremmed.eml'}: fremmed@example.com er ikke e-mailadressen på et medlem af forummet den "
        "24. november 2026." in result.stdout
    )
    assert f"- {inbox / 'Marts.eml'}: svaret gælder et andet møde (9. marts 2027)" in result.stdout

    validated = cli("validate", *TODAY, cwd=repo_copy)
    assert validated.code == 0, validated.output
    minutes = cli("minutes", "nord", "2026-11-24", *TODAY, cwd=repo_copy)
    assert minutes.code == 0, minutes.output
    assert "**Afbud:** Gustav Eksempel" in minutes.stdout and "Erik Eksempel" in minutes.stdout
    assert "**Stedfortrædere:** Søren Stedfortræder, for Gustav Eksempel" in minutes.stdout

    recorded = meeting.read_bytes()
    again = cli("attendance", "import-replies", "nord", "2026-11-24", *map(str, inbox.iterdir()), *TODAY, cwd=repo_copy)
    assert again.code == 0, again.output
    assert meeting.read_bytes() == recorded
    assert "forums/nord/meetings/2026-11-24.yaml er ikke ændret." in again.stdout
    assert "4 svar ændrede intet" in again.stdout


def test_the_latest_reply_counts_whatever_the_order_of_the_files_and_runs(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    meeting = repo_copy / MEETING
    original = meeting.read_text(encoding="utf-8")
    declined = _write(tmp_path, "b.eml", "outlook", _spec(ERIK, "DELEGATED", _at(20), delegate=SOEREN))
    accepted = _write(tmp_path, "a.eml", "gmail", _spec(ERIK, "ACCEPTED", _at(22)))
    both = cli(
        "attendance", "import-replies", "nord", "2026-11-24", str(accepted), str(declined), *TODAY, cwd=repo_copy
    )
    assert both.code == 0, both.output
    removed, added = _changed_lines(original, meeting.read_text(encoding="utf-8"))
    assert (removed, added[-3:]) == (
        [],
        ["    - seat: laesoe-afdelingsleder", "      answer: deltager", "      sent: '2026-11-22T09:15:00Z'"],
    )
    assert "absent:" not in "\n".join(added)
    assert "1 svar ændrede intet" in both.stdout

    shutil.copy2(repo_copy / "forums/nord/meetings/2026-11-24.yaml", tmp_path / "efter.yaml")
    meeting.write_text(original, encoding="utf-8")
    first = cli("attendance", "import-replies", "nord", "2026-11-24", str(declined), *TODAY, cwd=repo_copy)
    assert first.code == 0, first.output
    assert "    - laesoe-afdelingsleder" in meeting.read_text(encoding="utf-8")
    second = cli("attendance", "import-replies", "nord", "2026-11-24", str(accepted), *TODAY, cwd=repo_copy)
    assert second.code == 0, second.output
    # the acceptance replaces the delegation in place and takes back the afbud and the substitute it made
    assert meeting.read_bytes() == (tmp_path / "efter.yaml").read_bytes()
    third = cli("attendance", "import-replies", "nord", "2026-11-24", str(declined), *TODAY, cwd=repo_copy)
    assert third.code == 0 and "er ikke ændret" in third.stdout
    assert meeting.read_bytes() == (tmp_path / "efter.yaml").read_bytes()


def test_a_reply_to_a_newer_invitation_wins_over_a_later_stamp(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    update = _write(tmp_path, "opdatering.eml", "outlook", _spec(IB, "DECLINED", _at(19), sequence=1))
    late = _write(tmp_path, "gammel.eml", "apple", _spec(IB, "ACCEPTED", _at(23), sequence=0))
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(update), str(late), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    text = (repo_copy / MEETING).read_text(encoding="utf-8")
    assert "      answer: afbud\n      sent: '2026-11-19T09:15:00Z'\n      sequence: 1\n" in text


def test_membership_on_the_meeting_day_decides_and_idn_addresses_match(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    replaced = cli(
        "member", "replace", "nord", "laesoe-afdelingsleder", "--name", "Lise Eksempel", "--email",
        "lise.eksempel@læsø.example.dk", "--from", "2026-11-01", "--today", "2026-11-01", cwd=repo_copy,
    )  # fmt: skip
    assert replaced.code == 0, replaced.output
    erik = _write(tmp_path, "erik.eml", "outlook", _spec(ERIK, "DECLINED", _at(20)))
    lise = _write(
        tmp_path, "lise.eml", "gmail", _spec(("LISE.Eksempel@xn--ls-1ia7e.example.dk", "Lise"), "DECLINED", _at(21))
    )
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(erik), str(lise), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "- Lise Eksempel (laesoe-afdelingsleder) har meldt afbud." in result.stdout
    assert f"- {erik}: erik.eksempel@laesoe.example.org er ikke e-mailadressen på et medlem" in result.stdout
    # in September Erik held the seat: his reply counts there, but the meeting is held and he was recorded absent
    september = _write(tmp_path, "sep.eml", "outlook", _spec(ERIK, "ACCEPTED", datetime(2026, 9, 1, tzinfo=UTC),
                                                             uid=meeting_uid("nord", date(2026, 9, 8)), day="20260908"))  # fmt: skip
    held = repo_copy / "forums/nord/meetings/2026-09-08.yaml"
    before = held.read_text(encoding="utf-8")
    result = cli("attendance", "import-replies", "nord", "2026-09-08", str(september), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    removed, added = _changed_lines(before, held.read_text(encoding="utf-8"))
    # absent stays (no earlier reply put it there); only the reply is added
    assert removed == [] and added == [
        "  replies:",
        "    - seat: laesoe-afdelingsleder",
        "      answer: deltager",
        "      sent: '2026-09-01T00:00:00Z'",
    ]
    assert cli("validate", *TODAY, cwd=repo_copy).code == 0


def test_files_that_cannot_be_read_are_all_named_and_nothing_is_recorded(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    good = _write(tmp_path, "afbud.eml", "outlook", _spec(ERIK, "DECLINED", _at(20)))
    pdf = tmp_path / "referat.eml"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    msg = tmp_path / "svar.msg"
    msg.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    stranger = _write(tmp_path, "fremmed.eml", "gmail", _spec(("x@example.com", "X"), "DECLINED", _at(20)))
    before = (repo_copy / MEETING).read_bytes()
    args = [str(good), str(pdf), str(msg), str(stranger), str(tmp_path / "mangler.eml")]
    result = cli("attendance", "import-replies", "nord", "2026-11-24", *args, *TODAY, cwd=repo_copy)
    assert result.code == 1
    assert result.stderr.startswith("Fejl: 3 filer af 5 kan ikke læses, og intet er registreret: ")
    assert f"{pdf} er ikke en e-mail (.eml)" in result.stderr
    assert f"{msg} er en Outlook-fil (.msg), ikke en e-mail gemt som .eml" in result.stderr
    assert f"{tmp_path / 'mangler.eml'} kan ikke læses: findes ikke" in result.stderr
    assert f"{stranger}: x@example.com er ikke e-mailadressen" in result.stderr
    assert "Traceback" not in result.output
    assert (repo_copy / MEETING).read_bytes() == before


def test_dry_run_shows_the_diff_and_writes_nothing(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    before = (repo_copy / MEETING).read_bytes()
    reply = _write(tmp_path, "afbud.eml", "apple", _spec(ERIK, "DECLINED", _at(20)))
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(reply), "--dry-run", *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "+++ b/forums/nord/meetings/2026-11-24.yaml" in result.stdout
    assert "+    - laesoe-afdelingsleder" in result.stdout
    assert "Ville registrere 1 svar." in result.stdout and "Prøvekørsel: intet er skrevet." in result.stdout
    assert (repo_copy / MEETING).read_bytes() == before


def test_the_uid_is_the_one_the_calendar_and_invitations_use(cli: RunCli, repo_copy: Path) -> None:
    exported = cli("calendar", "--forum", "nord", "--year", "2026", "--format", "ics", *TODAY, cwd=repo_copy)
    assert exported.code == 0, exported.output
    assert f"UID:{meeting_uid('nord', date(2026, 11, 24))}\r\n" in exported.stdout.replace("\n", "\r\n").replace(
        "\r\r", "\r"
    )


def test_a_future_meeting_takes_afbud_before_it_is_held(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    reply = _write(
        tmp_path,
        "afbud.eml",
        "outlook",
        _spec(ERIK, "DECLINED", _at(25), uid=meeting_uid("nord", date(2027, 3, 9)), day="20270309"),
    )
    result = cli(
        "attendance",
        "import-replies",
        "nord",
        "2027-03-09",
        str(reply),
        "--today",
        REAL_DATE.isoformat(),
        cwd=repo_copy,
    )
    assert result.code == 0, result.output
    assert "    - laesoe-afdelingsleder" in (repo_copy / "forums/nord/meetings/2027-03-09.yaml").read_text(
        encoding="utf-8"
    )
    assert cli("validate", "--today", REAL_DATE.isoformat(), cwd=repo_copy).code == 0


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)))
def test_the_result_does_not_depend_on_the_order_of_the_files(tmp_path: Path, order: list[int]) -> None:
    folder = tmp_path / "-".join(map(str, order))
    repo = copy_of_bundled(folder / "repo")
    specs: list[tuple[Client, ReplySpec]] = [
        ("outlook", _spec(ERIK, "DECLINED", _at(20))),
        ("gmail", _spec(ERIK, "ACCEPTED", _at(21))),
        ("apple", _spec(GUSTAV, "DELEGATED", _at(19), delegate=SOEREN)),
        ("outlook-winmail", _spec(IB, "TENTATIVE", _at(18))),
    ]
    paths = [_write(folder, f"{n}.eml", *specs[n]) for n in order]
    import_replies(repo, "nord", date(2026, 11, 24), paths, date(2026, 11, 30), now=REAL_DATE)
    text = (repo / MEETING).read_text(encoding="utf-8")
    expected = folder.parent / "expected.yaml"
    if expected.exists():
        assert text == expected.read_text(encoding="utf-8")
    else:
        expected.write_text(text, encoding="utf-8")
    assert "answer: deltager\n      sent: '2026-11-21T09:15:00Z'" in text and "    - laesoe-afdelingsleder" not in text


def _answer(invitation: bytes, address: str, partstat: str) -> bytes:
    """The reply a calendar program makes to the invitation `invitation` (an .eml draft of `send agenda --eml`):
    the same event (UID, SEQUENCE, DTSTART) with METHOD:REPLY and the one attendee who answers."""
    import email as email_lib

    import icalendar

    message = email_lib.message_from_bytes(invitation, policy=policy.default)
    part = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert str(part.get_param("method")) == "REQUEST"
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    request = icalendar.Calendar.from_ical(payload)
    event: Any = next(iter(request.walk("VEVENT")))
    reply = icalendar.Calendar()
    reply.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    answer = icalendar.Event()
    for key in ("UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "ORGANIZER"):
        answer[key] = event[key]
    answer.add("dtstamp", datetime(2027, 2, 25, 8, 30, tzinfo=UTC))
    attendee: Any = next(line for line in event["ATTENDEE"] if str(line).casefold() == f"mailto:{address}")
    attendee.params["PARTSTAT"] = partstat
    del attendee.params["RSVP"]
    answer.add("attendee", attendee)
    reply.add_component(answer)
    out = EmailMessage(policy=policy.default)
    out["From"] = address
    out["To"] = str(message["From"])
    out["Subject"] = f"Afvist: {message['Subject']}"
    out.set_content("Afvist")
    out.add_alternative(reply.to_ical().decode("utf-8"), subtype="calendar", cte="base64", params={"method": "REPLY"})
    return out.as_bytes()


def test_a_reply_to_the_invitation_the_tool_sent_is_recorded(
    cli: RunCli, repo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import driftsforum_cli.cli.options as options

    monkeypatch.setattr(options, "real_date", lambda: date(2028, 1, 1))
    forum = repo_copy / "forums/nord/forum.yaml"
    forum.write_text(forum.read_text(encoding="utf-8") + "invitations: request\n", encoding="utf-8")
    drafts = tmp_path / "kladder"
    sent = cli("send", "agenda", "nord", "2027-03-09", "--eml", str(drafts), "--today", "2027-02-20", cwd=repo_copy)
    assert sent.code == 0, sent.output
    draft = next(path for path in drafts.iterdir() if b"erik.eksempel@laesoe.example.org" in path.read_bytes())
    reply = tmp_path / "Afvist.eml"
    reply.write_bytes(_answer(draft.read_bytes(), "erik.eksempel@laesoe.example.org", "DECLINED"))
    result = cli(
        "attendance", "import-replies", "nord", "2027-03-09", str(reply), "--today", "2027-02-26", cwd=repo_copy
    )
    assert result.code == 0, result.output
    assert "- Erik Eksempel (laesoe-afdelingsleder) har meldt afbud." in result.stdout
    text = (repo_copy / "forums/nord/meetings/2027-03-09.yaml").read_text(encoding="utf-8")
    assert "  absent:\n    - laesoe-afdelingsleder\n" in text
    assert cli("validate", "--today", "2027-02-26", cwd=repo_copy).code == 0


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{seat: laesoe-afdelingsleder, answer: afbud, sent: '2026-12-05T09:00:00Z'}", "[future-date]"),
        ("{seat: laesoe-afdeling, answer: afbud, sent: '2026-11-20T09:00:00Z'}", "[unknown-reference]"),
        ("{seat: plo, answer: afbud, sent: '2026-11-31T09:00:00Z'}", "er ikke et tidspunkt i UTC"),
        ("{seat: plo, answer: nej, sent: '2026-11-20T09:00:00Z'}", "answer"),
    ],
)
def test_validate_checks_replies_written_by_hand(cli: RunCli, repo_copy: Path, entry: str, expected: str) -> None:
    meeting = repo_copy / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + f"attendance:\n  replies:\n    - {entry}\n", encoding="utf-8"
    )
    result = cli("validate", *TODAY, cwd=repo_copy)
    assert result.code == 1
    assert "2026-11-24.yaml:" in result.output and expected in result.output


def test_an_ordinary_e_mail_and_a_guests_reply_in_the_folder_are_reported_not_recorded(
    cli: RunCli, repo_copy: Path, tmp_path: Path
) -> None:
    meeting = repo_copy / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8")
        + "attendance:\n  ad_hoc:\n    - name: Søren Æbelø\n      email: soeren.aebeloe@aeldre.example.org\n",
        encoding="utf-8",
    )
    folder = tmp_path / "svar"
    _write(folder, "1 afbud.eml", "outlook", _spec(ERIK, "DECLINED", _at(20)))
    _write(
        folder, "2 gæst.eml", "gmail", _spec(("Soeren.Aebeloe@aeldre.example.org", "Søren Æbelø"), "ACCEPTED", _at(20))
    )
    (folder / "3 tak.eml").write_bytes(b"From: ib.eksempel@plo.example.org\nSubject: Tak\n\nTak for i dag.\n")
    (folder / "noter.txt").write_text("ikke en e-mail", encoding="utf-8")  # not an .eml: not read from the folder
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(folder), *TODAY, cwd=repo_copy)
    assert result.code == 0, result.output
    assert "Opdaterede forums/nord/meetings/2026-11-24.yaml: 1 svar." in result.stdout
    assert (
        f"- {folder / '2 gæst.eml'}: Søren Æbelø er ad hoc-deltager; kun medlemmernes svar registreres."
        in result.stdout
    )
    assert (
        f"- {folder / '3 tak.eml'}: e-mailen indeholder intet svar på en mødeindkaldelse (ingen kalenderdel med "
        "METHOD:REPLY)." in result.stdout
    )
    assert "noter.txt" not in result.output
    assert cli("validate", *TODAY, cwd=repo_copy).code == 0


def test_replies_to_a_cancelled_meeting_are_refused(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    meeting = repo_copy / MEETING
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("kind: ordinært\n", "kind: ordinært\ncancelled: true\n"),
        encoding="utf-8",
    )
    before = meeting.read_bytes()
    reply = _write(tmp_path, "afbud.eml", "outlook", _spec(ERIK, "DECLINED", _at(20)))
    result = cli("attendance", "import-replies", "nord", "2026-11-24", str(reply), *TODAY, cwd=repo_copy)
    assert result.code == 1
    assert result.stderr == (
        "Fejl: forums/nord/meetings/2026-11-24.yaml: mødet 24. november 2026 er aflyst, så svarene på indkaldelsen "
        "registreres ikke; intet er ændret\n"
    )
    assert meeting.read_bytes() == before
