"""What `driftsforum send` says about a run: counts in the singular and plural, and 'referatet … det'."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from driftsforum_cli.domain.documents import DocumentKind
from driftsforum_cli.domain.mailing import Recipient, SentRecord
from driftsforum_cli.render.sending import event_text, summary
from driftsforum_cli.services.sending import Delivered, NotDelivered, Outcome, SendResult, Warned

LOG = "forums/nord/send-log.jsonl"
MEETING = "forums/nord/meetings/2026-11-24.yaml"
SENT_ON = date(2026, 12, 1)
ASE = Recipient("Åse Ærø", "aase@example.org", "plo")


def record(kind: DocumentKind = "minutes") -> SentRecord:
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    return SentRecord("nord", date(2026, 11, 24), kind, ASE.address, ASE.name, "<1@example.org>", moment, SENT_ON, "")


def result(
    outcome: Outcome, kind: DocumentKind = "minutes", total: int = 11, done: int = 0, **extra: Any
) -> SendResult:
    return replace(SendResult(outcome, kind, MEETING, LOG, total, done, []), **extra)


def test_a_dry_run_counts_the_messages() -> None:
    assert "Send de 3 beskeder med --send, eller skriv dem som .eml-filer til Outlook" in summary(
        result(Outcome.DRY_RUN, total=11, done=8)
    )
    assert summary(result(Outcome.DRY_RUN, total=1)) == (
        "Prøvekørsel: intet er sendt, og intet er registreret. Send beskeden med --send, eller skriv den som .eml-fil "
        "til Outlook med --eml MAPPE.\n"
    )


def test_sent_minutes_are_det_and_the_count_agrees() -> None:
    one = result(Outcome.SENT, total=1, delivered=[record()], sent_on=SENT_ON, meeting_updated=True)
    assert summary(one) == (
        f"Referatet er sendt til 1 modtager og registreret i {LOG}.\n"
        f"Opdaterede {MEETING}: referatet er registreret som udsendt 1. december 2026.\n"
    )
    agenda = result(Outcome.SENT, "agenda", total=2, delivered=[record("agenda")] * 2)
    assert summary(agenda) == f"Dagsordenen er sendt til 2 modtagere og registreret i {LOG}.\n"


def test_already_recorded_names_the_document_with_the_right_pronoun() -> None:
    everyone = summary(result(Outcome.ALREADY_RECORDED, total=11, done=11, sent_on=SENT_ON))
    assert everyone == (
        f"Alle 11 modtagere har allerede fået referatet (ifølge {LOG}), og det er registreret som udsendt "
        f"1. december 2026 i {MEETING}; intet sendes.\n"
        "Send det reviderede referat med --revised, når bemærkningerne er behandlet.\n"
    )
    some = summary(result(Outcome.ALREADY_RECORDED, "agenda", total=11, done=3, sent_on=SENT_ON))
    assert some == (
        f"Dagsordenen er registreret som udsendt 1. december 2026 i {MEETING}; intet sendes ({LOG} har 3 af "
        "11 modtagere; de øvrige har fået den på anden vis, fx fra Outlook).\n"
        "Er dagsordenen rettet eller mødet flyttet, så send en rettet dagsorden med --update --note TEKST.\n"
    )
    alone = summary(result(Outcome.ALREADY_SENT, total=1, done=1))
    assert alone == (
        f"Den eneste modtager har allerede fået referatet (ifølge {LOG}); intet sendes.\n"
        "Kør med --send for at registrere udsendelsen i mødefilen.\n"
    )


def test_events() -> None:
    assert event_text(Warned("noget mangler.")) == "Advarsel: noget mangler.\n"
    assert event_text(Delivered(ASE, record())) == "Sendt til Åse Ærø <aase@example.org>\n"
    assert event_text(NotDelivered(ASE, "serveren afviste modtageren (550)")) == (
        "Ikke sendt til Åse Ærø <aase@example.org>: serveren afviste modtageren (550)\n"
    )


def test_after_the_document_went_out_the_summary_says_how_to_send_again_on_purpose() -> None:
    agenda = result(Outcome.ALREADY_RECORDED, kind="agenda", total=3, done=3, sent_on=date(2027, 2, 20))
    assert "send en rettet dagsorden med --update --note TEKST" in summary(agenda)
    minutes = result(Outcome.ALREADY_RECORDED, kind="minutes", total=3, done=3, sent_on=date(2027, 3, 16))
    assert "Send det reviderede referat med --revised" in summary(minutes)


def test_a_version_the_meeting_file_does_not_record_does_not_ask_for_send() -> None:
    from driftsforum_cli.domain.mailing import Version

    update = result(
        Outcome.ALREADY_SENT, total=3, done=3, sent_version=Version("agenda", "update-1", 1, "x"), records_step=False
    )
    text = summary(update)
    assert "Alle 3 modtagere har allerede fået den rettede dagsorden" in text
    assert "--send" not in text
