"""The sending workflow's decisions, without Typer and without SMTP: a mail server in memory (the transport
the service takes), the real forum files, send log and meeting file on disk.

The PDF is a stand-in here (the decisions do not depend on it); tests/cli/test_send.py sends the real
PDF through a real SMTP server."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from driftsforum_cli.domain.documents import DocumentKind, MeetingDocument
from driftsforum_cli.errors import UsageError
from driftsforum_cli.sendlog import SendLogError, read_log
from driftsforum_cli.services.sending import (
    ConnectionLostPartWay,
    Delivered,
    LogAppendFailed,
    NotDelivered,
    Outcome,
    Ready,
    RecipientsRefused,
    SendAndEml,
    SendRefused,
    UncertainRecipients,
    Warned,
)
from tests.helpers.sending import COPENHAGEN, MEETING, MEMBERS, TODAY, FakeServer, Runner, stand_in_pdf


@pytest.fixture
def run(repo_copy: Path) -> Iterator[Runner]:
    yield Runner(repo_copy)


def test_a_dry_run_lists_the_messages_and_writes_nothing(run: Runner) -> None:
    server = FakeServer()
    before = {path: path.read_bytes() for path in (run.repo / "forums/nord").rglob("*") if path.is_file()}
    result = run(server, send=False)
    assert result.outcome is Outcome.DRY_RUN
    assert result.prepared is not None
    assert len(result.prepared.outgoing) == result.total == MEMBERS
    assert [attachment.filename for attachment in result.prepared.attachments] == [
        "dagsorden-nord-2027-03-09.pdf",
        "moede-nord-2027-03-09.ics",
    ]
    assert result.prepared.settings is None
    assert [type(event) for event in run.events] == [Ready]
    assert (result.delivered, result.sent_on, result.meeting_updated) == ([], None, False)
    assert server.connections == 0
    after = {path: path.read_bytes() for path in (run.repo / "forums/nord").rglob("*") if path.is_file()}
    assert after == before, "a dry run creates no log, no lock file, and changes no meeting file"


def test_send_records_everyone_and_a_second_run_sends_nothing(run: Runner) -> None:
    server = FakeServer()
    first = run(server)
    assert first.outcome is Outcome.SENT
    assert len(server.received) == len(set(server.received)) == MEMBERS
    assert run.logged() == server.received
    assert [event.recipient.address for event in run.events if isinstance(event, Delivered)] == server.received
    assert [record.sent_at for record in first.delivered] == [
        datetime(2027, 2, 20, 9, 0, second, tzinfo=COPENHAGEN) for second in range(3, 2 * MEMBERS + 2, 2)
    ], (
        "each message's moment comes from the caller's clock (the first reading dates the messages; each message is \
read once when handed to the server, once when accepted)"
    )
    assert all(record.date == TODAY for record in first.delivered)
    assert (first.sent_on, first.meeting_updated) == (TODAY, True)
    assert "agenda_sent: 2027-02-20" in run.meeting_text()

    again = FakeServer()
    second = run(again)
    assert second.outcome is Outcome.ALREADY_RECORDED
    assert (second.done_before, second.total, second.sent_on) == (MEMBERS, MEMBERS, TODAY)
    assert (again.connections, again.received, second.delivered) == (0, [], [])
    assert len(run.logged()) == MEMBERS


def test_a_rerun_after_a_lost_connection_sends_only_to_the_rest(run: Runner) -> None:
    failing = FakeServer(drop_after=4)
    with pytest.raises(ConnectionLostPartWay) as stopped:
        run(failing)
    assert len(failing.received) == 4
    assert [record.address for record in stopped.value.delivered] == failing.received == run.logged()
    assert f"4 af {MEMBERS} er sendt og registreret i" in stopped.value.message
    assert f"Kør kommandoen igen for at sende til de {MEMBERS - 4} resterende" in stopped.value.message
    assert "agenda_sent" not in run.meeting_text()
    assert stopped.value.uncertain is None
    assert "kan være nået frem" not in stopped.value.message
    assert read_log(run.log, "nord").uncertain == [], "the server never had the fifth message: the log says so"

    healthy = FakeServer()
    result = run(healthy)
    assert result.outcome is Outcome.SENT
    assert result.prepared is not None and (result.prepared.already, result.prepared.total) == (4, MEMBERS)
    assert not set(healthy.received) & set(failing.received)
    everyone = Counter(failing.received + healthy.received)
    assert len(everyone) == MEMBERS and set(everyone.values()) == {1}, "nobody gets it twice"
    assert (result.done_before, result.sent_on, result.meeting_updated) == (4, TODAY, True)


@pytest.mark.parametrize("decision", ["resend", "confirm"])
def test_a_message_lost_while_the_server_had_it_waits_for_the_secretarys_decision(run: Runner, decision: str) -> None:
    failing = FakeServer(drop_after=4, uncertain=True)
    with pytest.raises(ConnectionLostPartWay) as stopped:
        run(failing)
    lost = stopped.value.uncertain
    assert lost is not None
    assert f"mens beskeden til {lost.name} <{lost.address}>" in str(stopped.value)
    assert "kan være nået frem" in stopped.value.message
    assert f"for at sende til de {MEMBERS - 5} resterende" in stopped.value.message
    assert [entry.address for entry in read_log(run.log, "nord").uncertain] == [lost.address]

    # The rerun sends to the others, names the uncertain recipient and does not send to them.
    healthy = FakeServer()
    with pytest.raises(UncertainRecipients) as waiting:
        run(healthy)
    assert not set(healthy.received) & set(failing.received), "nobody gets it twice"
    assert len(healthy.received) == MEMBERS - 5 and lost.address not in healthy.received
    assert [entry.address for entry in waiting.value.uncertain] == [lost.address]
    assert f"usikkert, om dagsordenen nåede frem til {lost.name} <{lost.address}>" in waiting.value.message
    assert "--confirm-uncertain" in waiting.value.message and "--resend-uncertain" in waiting.value.message
    warned = [event.text for event in run.events if isinstance(event, Warned)]
    assert any(lost.address in text and "usikkert" in text for text in warned)
    assert "agenda_sent" not in run.meeting_text(), "not everyone is known to have it"

    # Asked again without a decision: nothing is sent, and it still waits.
    idle = FakeServer()
    with pytest.raises(UncertainRecipients, match="Intet er sendt"):
        run(idle)
    assert (idle.connections, idle.received) == (0, [])

    decided = FakeServer()
    result = run(decided, uncertain=decision)
    assert "agenda_sent: 2027-02-20" in run.meeting_text()
    assert result.sent_on == TODAY
    if decision == "resend":
        assert decided.received == [lost.address]
        assert result.outcome is Outcome.SENT
    else:
        assert (decided.connections, decided.received) == (0, [])
        assert result.outcome is Outcome.ALREADY_SENT
    contents = read_log(run.log, "nord")
    assert contents.uncertain == [] and contents.problems == []
    assert sorted(record.address for record in contents.records) == sorted(
        failing.received + healthy.received + [lost.address]
    )
    after = FakeServer()
    assert run(after).outcome is Outcome.ALREADY_RECORDED and after.received == []


def test_a_decision_without_uncertain_recipients_only_warns(run: Runner) -> None:
    server = FakeServer()
    result = run(server, uncertain="resend")
    assert result.outcome is Outcome.SENT and len(server.received) == MEMBERS
    warned = [event.text for event in run.events if isinstance(event, Warned)]
    assert any("ingen modtagere venter på en afgørelse" in text for text in warned)


def test_a_refused_recipient_is_reported_and_the_meeting_file_waits_until_everyone_has_it(run: Runner) -> None:
    server = FakeServer(refuse={"ib.eksempel@plo.example.org"})
    with pytest.raises(RecipientsRefused) as stopped:
        run(server)
    assert len(server.received) == MEMBERS - 1
    assert [(recipient.name, reason) for recipient, reason in stopped.value.refused] == [
        ("Ib Eksempel", "serveren afviste modtageren (550 5.1.1 Ukendt modtager)")
    ]
    refused = [event for event in run.events if isinstance(event, NotDelivered)]
    assert [event.recipient.address for event in refused] == ["ib.eksempel@plo.example.org"]
    assert stopped.value.message.startswith(f"{MEMBERS - 1} af {MEMBERS} er sendt; 1 blev afvist af serveren: ")
    assert "de, der har fået dagsordenen, får den ikke igen" in stopped.value.message
    assert "agenda_sent" not in run.meeting_text(), "not every recipient has it yet"

    healthy = FakeServer()
    result = run(healthy)
    assert healthy.received == ["ib.eksempel@plo.example.org"]
    assert (result.outcome, result.sent_on, result.meeting_updated) == (Outcome.SENT, TODAY, True)
    assert "agenda_sent: 2027-02-20" in run.meeting_text()


def test_delivered_but_not_logged_stops_at_once_and_is_never_sent_again_by_accident(run: Runner) -> None:
    """The server accepts the third message, then the log cannot take its line (here: something put a
    folder where the log was). The run must stop at once, say who has it and what the log lacks, and no
    later run may send to that recipient again before the log is put right."""
    backup = run.repo / "gemt-log.jsonl"

    def break_the_log(recipient: str) -> None:
        if len(server.received) == 3:
            run.log.rename(backup)
            run.log.mkdir()

    server = FakeServer(accepted=break_the_log)
    with pytest.raises(LogAppendFailed) as stopped:
        run(server)
    third = server.received[2]
    assert len(server.received) == 3, "nobody after the recipient the log could not record"
    failure = stopped.value
    assert failure.record.address == third
    assert [record.address for record in failure.delivered] == server.received[:2]
    name = failure.record.name
    assert failure.message.startswith(f"dagsordenen er sendt til {name} <{third}>, men det kunne ikke skrives i ")
    assert "Der er stoppet her; 2 modtagere fik den før og står i loggen." in failure.message
    assert f"ellers får {name} den to gange: " in failure.message
    assert "agenda_sent" not in run.meeting_text()

    later = FakeServer()
    with pytest.raises(SendLogError, match="ikke en almindelig fil"):
        run(later)
    assert (later.connections, later.received) == (0, []), "nothing is sent while the log is broken"

    # Put the log right as the message says: the file back, and the line it gives added at the end.
    run.log.rmdir()
    backup.rename(run.log)
    line = failure.message.split("to gange: ", 1)[1]
    with run.log.open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")
    assert run.logged() == server.received

    result = run(later)
    assert third not in later.received
    everyone = Counter(server.received + later.received)
    assert len(everyone) == MEMBERS and set(everyone.values()) == {1}, "nobody gets it twice"
    assert (result.outcome, result.meeting_updated) == (Outcome.SENT, True)


def test_a_log_that_cannot_be_written_stops_the_run_before_the_first_message(run: Runner) -> None:
    """Without this, the first recipient would get it, the log would fail, and every re-run would send
    to that recipient again."""

    def pdf_while_the_log_breaks(doc: MeetingDocument, root: Path) -> bytes:
        run.log.mkdir()  # something takes the log's place while the messages are built
        return stand_in_pdf(doc, root)

    server = FakeServer()
    with pytest.raises(SendLogError, match="kan ikke åbnes til skrivning"):
        run(server, render_pdf=pdf_while_the_log_breaks)
    assert (server.connections, server.received) == (0, [])


def test_a_complete_log_records_the_day_the_last_recipient_got_it_but_only_when_sending(run: Runner) -> None:
    run(FakeServer())
    meeting = run.repo / MEETING
    meeting.write_text(run.meeting_text().replace("agenda_sent: 2027-02-20\n", ""), encoding="utf-8")
    later = date(2027, 2, 24)

    dry = run(send=False, today=later)
    assert (dry.outcome, dry.meeting_updated, dry.sent_on) == (Outcome.ALREADY_SENT, False, None)
    assert "agenda_sent" not in run.meeting_text()

    server = FakeServer()
    result = run(server, today=later)
    assert server.received == []
    assert (result.outcome, result.meeting_updated, result.sent_on) == (Outcome.ALREADY_SENT, True, TODAY)
    assert "agenda_sent: 2027-02-20" in run.meeting_text()


def test_eml_writes_drafts_and_records_nothing(run: Runner, tmp_path: Path) -> None:
    server = FakeServer()
    result = run(server, send=False, eml=tmp_path / "udbakke")
    assert result.outcome is Outcome.EML
    assert [path.name for path in result.written][:2] == [
        "nord-2027-03-09-dagsorden-01-anne.eksempel@broenderslev.example.org.eml",
        "nord-2027-03-09-dagsorden-02-bent.eksempel@hjoerring.example.org.eml",
    ]
    assert all(path.read_bytes().startswith(b"X-Unsent: 1\r\n") for path in result.written)
    assert (server.connections, run.log.exists(), result.meeting_updated) == (0, False, False)


def test_refusals_before_anything_is_sent(run: Runner, tmp_path: Path) -> None:
    server = FakeServer()
    with pytest.raises(SendAndEml) as both:
        run(server, eml=tmp_path)
    assert isinstance(both.value, UsageError) and both.value.exit_code == 2

    with pytest.raises(SendRefused, match=r"DRIFTSFORUM_SMTP_PASSWORD.*; intet er sendt$"):
        run(server, environ={"DRIFTSFORUM_SMTP_USER": "sekretariat"})

    with pytest.raises(SendRefused, match=r"dagsordenen kan ikke udsendes efter mødet .*; intet er sendt$"):
        run(server, today=date(2027, 3, 10))

    config = run.repo / "driftsforum.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\nemail:")] + "\n", encoding="utf-8")
    dry = run(server, send=False)
    assert "driftsforum.yaml har ingen 'email'-indstillinger; afsenderen nedenfor er kun et eksempel." in dry.warnings
    with pytest.raises(SendRefused, match="ingen 'email'-indstillinger"):
        run(server)

    assert (server.connections, server.received, run.log.exists()) == (0, [], False)
    assert "agenda_sent" not in run.meeting_text()


def test_minutes_say_det_and_warn_about_what_is_missing(run: Runner) -> None:
    members = run.repo / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("      email: ib.eksempel@plo.example.org\n", ""), encoding="utf-8"
    )
    server = FakeServer()
    with pytest.raises(SendRefused) as refused:
        run(server, kind="minutes", meeting=date(2026, 11, 24), today=date(2026, 12, 1))
    assert refused.value.message.endswith(
        "forums/nord/meetings/2026-11-24.yaml: referatet kan ikke sendes endnu: referatet har ingen deltagere "
        "(attendance.present); referatet har ingen referent (attendance.minute_taker); 3 punkter uden beslutning, "
        "fx 'Opfølgning på samarbejdsaftale om medicinhåndtering'. Udfyld det i mødefilen, eller send alligevel "
        "med --force; intet er sendt"
    )
    assert server.received == [] and not run.log.exists()
    result = run(server, kind="minutes", meeting=date(2026, 11, 24), today=date(2026, 12, 1), force=True)
    assert result.outcome is Outcome.SENT and len(result.delivered) == MEMBERS - 1
    assert "Ib Eksempel får det ikke med e-mail: ingen e-mailadresse (members.yaml, pladsen 'plo')." in result.warnings
    assert any("referatet har ingen referent" in warning for warning in result.warnings)
    assert "minutes:\n  sent: 2026-12-01\n" in (run.repo / "forums/nord/meetings/2026-11-24.yaml").read_text(
        encoding="utf-8"
    ), "the seat without an address cannot get it by e-mail; everyone who can has it"


def test_a_cancelled_meeting_is_refused(run: Runner) -> None:
    meeting = run.repo / MEETING
    replacement = run.meeting_text().replace("date: 2027-03-09", "date: 2027-03-16")
    (meeting.parent / "2027-03-16.yaml").write_text(replacement, encoding="utf-8")
    meeting.write_text(run.meeting_text() + "cancelled: true\n", encoding="utf-8")
    with pytest.raises(SendRefused, match="mødet er aflyst, så dagsordenen sendes ikke"):
        run(FakeServer())


# --- sending again, on purpose: one log entry per recipient and version ----------------------------------


def test_each_version_goes_to_everyone_once(run: Runner) -> None:
    first = FakeServer()
    run(first)
    update = FakeServer()
    result = run(update, update=True, note="nyt mødelokale")
    assert result.outcome is Outcome.SENT and result.version.name == "update-1" and result.meeting_updated
    assert sorted(update.received) == sorted(first.received)
    assert "agenda_updates:\n  - date: 2027-02-20\n    note: nyt mødelokale\n" in run.meeting_text()
    for again in ("nyt mødelokale", None, " nyt mødelokale "):
        none = FakeServer()
        rerun = run(none, update=True, note=again)
        assert rerun.outcome is Outcome.ALREADY_SENT and none.received == [], again
    assert run.meeting_text().count("note: nyt mødelokale") == 1, "the same update is never recorded twice"
    second = FakeServer()
    assert run(second, update=True, note="nyt tidspunkt").version.name == "update-2"
    assert len(second.received) == MEMBERS
    versions = Counter(record.version for record in read_log(run.log, "nord").records)
    assert versions == {"": MEMBERS, "update-1": MEMBERS, "update-2": MEMBERS}


def test_a_new_update_in_a_dry_run_records_nothing(run: Runner) -> None:
    run(FakeServer())
    before = run.meeting_text()
    result = run(FakeServer(), send=False, update=True, note="nyt mødelokale")
    assert result.outcome is Outcome.DRY_RUN and not result.meeting_updated
    assert result.prepared is not None and len(result.prepared.outgoing) == MEMBERS
    assert run.meeting_text() == before


def test_to_sends_only_to_the_named_seats_and_records_nothing(run: Runner) -> None:
    server = FakeServer()
    result = run(server, to=["plo"])
    assert server.received == ["ib.eksempel@plo.example.org"]
    assert (result.outcome, result.total, result.meeting_updated) == (Outcome.SENT, 1, False)
    assert "agenda_sent" not in run.meeting_text(), "not everyone has it"
    rest = FakeServer()
    assert run(rest).outcome is Outcome.SENT and len(rest.received) == MEMBERS - 1
    assert "agenda_sent: 2027-02-20" in run.meeting_text()
    again = FakeServer()
    assert run(again, to=["plo"]).outcome is Outcome.ALREADY_SENT and again.received == []


def test_to_refuses_a_seat_that_cannot_get_it(run: Runner) -> None:
    members = run.repo / "forums/nord/members.yaml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("      email: ib.eksempel@plo.example.org\n", ""), encoding="utf-8"
    )
    with pytest.raises(UsageError, match=re.escape("--to pl0: ikke en plads i members.yaml (mente du 'plo'?)")):
        run(FakeServer(), to=["pl0"])
    with pytest.raises(SendRefused, match="--to plo: Ib Eksempel kan ikke nås med e-mail: ingen e-mailadresse"):
        run(FakeServer(), to=["plo"])


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("agenda", {"revised": True}, "--revised gælder kun referatet"),
        ("minutes", {"update": True}, "--update og --note gælder kun dagsordenen"),
        ("agenda", {"note": "x"}, "--note bruges sammen med --update"),
        ("minutes", {"cancellation": True}, "en aflysning sendes med 'send cancellation' alene"),
    ],
)
def test_options_that_do_not_fit_together(
    run: Runner, kind: DocumentKind, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        run(FakeServer(), kind=kind, **options)


def test_revised_minutes_are_recorded_once_everyone_has_them(run: Runner) -> None:
    server = FakeServer()
    result = run(server, kind="minutes", meeting=date(2026, 9, 8), today=date(2026, 9, 29), revised=True)
    assert result.outcome is Outcome.SENT and len(server.received) == MEMBERS
    assert (result.sent_on, result.meeting_updated) == (date(2026, 9, 29), True)
    assert "revised_sent: 2026-09-29" in (run.repo / "forums/nord/meetings/2026-09-08.yaml").read_text(encoding="utf-8")
    again = FakeServer()
    rerun = run(again, kind="minutes", meeting=date(2026, 9, 8), today=date(2026, 9, 30), revised=True)
    assert rerun.outcome is Outcome.ALREADY_RECORDED and again.received == []


def test_a_cancellation_is_only_for_a_cancelled_meeting(run: Runner) -> None:
    with pytest.raises(SendRefused, match="mødet er ikke aflyst"):
        run(FakeServer(), cancellation=True)
    meeting = run.repo / MEETING
    replacement = run.meeting_text().replace("date: 2027-03-09", "date: 2027-03-16")
    (meeting.parent / "2027-03-16.yaml").write_text(replacement, encoding="utf-8")
    meeting.write_text(run.meeting_text() + "cancelled: true\n", encoding="utf-8")
    server = FakeServer()
    result = run(server, cancellation=True)
    assert result.outcome is Outcome.SENT and len(server.received) == MEMBERS
    assert result.prepared is not None and result.prepared.version.sequence == 1
    assert [attachment.filename for attachment in result.prepared.attachments] == ["moede-nord-2027-03-09.ics"]
    assert not result.meeting_updated and "agenda_sent" not in run.meeting_text()
    again = FakeServer()
    assert run(again, cancellation=True).outcome is Outcome.ALREADY_SENT and again.received == []


def test_ad_hoc_participants_get_closed_items_only_as_lukket_punkt(run: Runner) -> None:
    from driftsforum_cli.domain.documents import build_document, pick_meeting
    from driftsforum_cli.services.gate import open_forum

    repo, files = open_forum(run.repo, "nord", date(2026, 6, 1), "test", date(2028, 1, 1))
    meeting = pick_meeting(files, date(2026, 6, 9), date(2026, 6, 1))
    doc = build_document("agenda", files, meeting, repo.calendar, date(2026, 6, 1))
    closed = [item for item in doc.items if item.closed]
    assert closed, "the bundled June meeting has a closed item"
    guest = doc.guest_copy()
    assert [item.number for item in guest.items] == [item.number for item in doc.items]
    assert [item.title for item in guest.items if item.closed] == ["" for _ in closed]
    assert guest.for_guests and not doc.for_guests


def test_an_agenda_sent_after_its_deadline_says_so_in_the_document() -> None:
    from driftsforum_cli.domain.documents import build_document, pick_meeting
    from driftsforum_cli.domain.mailing import as_sent
    from driftsforum_cli.render.documents import render_document
    from driftsforum_cli.workspace import bundled_root, load_repository

    repo = load_repository(bundled_root(), {"nord"})
    files = repo.forums[0]
    meeting = pick_meeting(files, date(2027, 3, 9), date(2027, 2, 25))
    for day, late in ((date(2027, 2, 23), False), (date(2027, 2, 25), True)):
        sent_files, sent = as_sent(files, meeting, "agenda", day)
        text = render_document(build_document("agenda", sent_files, sent, repo.calendar, day), "md", repo.root)
        assert ("Udsendt efter fristen (fristen var 23. februar 2027)." in text.decode("utf-8")) is late
