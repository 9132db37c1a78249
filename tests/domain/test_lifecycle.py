"""The minutes' life cycle as edits to the meeting file."""

from __future__ import annotations

from datetime import date, time

import pytest

from driftsforum_cli.domain import lifecycle
from driftsforum_cli.domain.lifecycle import AppendItem, SetValue, StepError
from driftsforum_cli.models import Meeting, Seat
from driftsforum_cli.models.meeting import AgendaItem, Attendance


def meeting(**changes: object) -> Meeting:
    base = Meeting(date=date(2026, 11, 24), start=time(13), end=time(15), place="Hjørring")
    return base.model_copy(update=changes)


SEATS = [Seat(id="plo", organisation="PLO", sector="almen praksis")]
DUE = date(2026, 12, 8)  # sent 1 December + 7 days


def test_agenda_sent_once_and_not_after_the_meeting() -> None:
    assert lifecycle.agenda_sent(meeting(), date(2026, 11, 10)) == [SetValue(("agenda_sent",), date(2026, 11, 10))]
    with pytest.raises(StepError, match=r"allerede registreret som udsendt 10\. november 2026"):
        lifecycle.agenda_sent(meeting(agenda_sent=date(2026, 11, 10)), date(2026, 11, 11))
    with pytest.raises(StepError, match="efter mødet"):
        lifecycle.agenda_sent(meeting(), date(2026, 11, 25))


def test_comment_needs_sent_minutes_a_known_seat_and_text() -> None:
    with pytest.raises(StepError, match="mark-sent"):
        lifecycle.comment_added(meeting(), SEATS, "plo", "tekst", date(2026, 12, 2), DUE)
    sent = meeting().model_copy(update={"minutes": meeting().minutes.model_copy(update={"sent": date(2026, 12, 1)})})
    with pytest.raises(StepError, match="mente du 'plo'"):
        lifecycle.comment_added(sent, SEATS, "pl0", "tekst", date(2026, 12, 2), DUE)
    with pytest.raises(StepError, match="før referatet blev udsendt"):
        lifecycle.comment_added(sent, SEATS, "plo", "tekst", date(2026, 11, 30), DUE)
    assert lifecycle.comment_added(sent, SEATS, "plo", " Punkt 3 ", date(2026, 12, 2), DUE) == [
        AppendItem(("minutes", "comments"), {"by": "plo", "received": date(2026, 12, 2), "text": "Punkt 3"})
    ]


def test_revised_after_sent_only() -> None:
    with pytest.raises(StepError):
        lifecycle.minutes_revised(meeting(), date(2026, 12, 9), DUE)
    sent = meeting().model_copy(update={"minutes": meeting().minutes.model_copy(update={"sent": date(2026, 12, 1)})})
    assert lifecycle.minutes_revised(sent, date(2026, 12, 9), DUE) == [
        SetValue(("minutes", "revised_sent"), date(2026, 12, 9))
    ]


def test_revised_before_the_comment_deadline_is_refused_unless_forced() -> None:
    """It would cut the other members' window: the deadline day itself still belongs to them."""
    sent = meeting().model_copy(update={"minutes": meeting().minutes.model_copy(update={"sent": date(2026, 12, 1)})})
    for early in (date(2026, 12, 2), DUE):
        with pytest.raises(StepError, match=r"løber til og med 8\. december 2026.*brug --force"):
            lifecycle.minutes_revised(sent, early, DUE)
    assert lifecycle.minutes_revised(sent, date(2026, 12, 2), DUE, force=True) == [
        SetValue(("minutes", "revised_sent"), date(2026, 12, 2))
    ]


def test_a_comment_after_the_deadline_is_refused() -> None:
    sent = meeting().model_copy(update={"minutes": meeting().minutes.model_copy(update={"sent": date(2026, 12, 1)})})
    assert lifecycle.comment_added(sent, SEATS, "plo", "sidste dag", DUE, DUE)
    with pytest.raises(StepError, match=r"fristen for bemærkninger udløb 8\. december 2026, så referatet er godkendt"):
        lifecycle.comment_added(sent, SEATS, "plo", "for sent", date(2026, 12, 9), DUE)


def test_gaps_in_minutes_before_they_are_sent() -> None:
    empty = meeting(agenda=[AgendaItem(title="Meddelelser"), AgendaItem(title="Lukket", closed=True)])
    assert lifecycle.minutes_gaps(empty) == [
        "referatet har ingen deltagere (attendance.present)",
        "referatet har ingen referent (attendance.minute_taker)",
        "1 punkt uden beslutning, fx 'Meddelelser'",
    ]
    done = empty.model_copy(
        update={
            "attendance": Attendance(present=["plo"], minute_taker="plo"),
            "agenda": [AgendaItem(title="Meddelelser", decision="Taget til efterretning.")],
        }
    )
    assert lifecycle.minutes_gaps(done) == []
