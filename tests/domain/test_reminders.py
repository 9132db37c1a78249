"""`domain.reminders`: which reminders a forum owes on a day, from the bundled Nord forum (pure: no files are
written, no clock is read)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from driftsforum_cli.domain.reminders import ReminderPlan, plan_reminders, working_days_before
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.models import Forum, Meeting, Seat
from driftsforum_cli.workspace import bundled_root, load_repository

REPO = load_repository(bundled_root(), {"nord"})
NORD: ForumFiles = REPO.forums[0]
ACTION = "nord-2026-3-a1"  # due Friday 13 November 2026


def _forum(**reminders: object) -> Forum:
    forum = NORD.forum.model
    assert forum is not None
    return forum.model_copy(update={"reminders": forum.reminders.model_copy(update=reminders)})


def _seats() -> list[Seat]:
    assert NORD.members.model is not None
    return list(NORD.members.model.seats)


def _meetings() -> list[Meeting]:
    return [loaded.model for loaded in NORD.meetings if loaded.model is not None]


def _plan(day: date, forum: Forum | None = None, meetings: list[Meeting] | None = None, **kw: object) -> ReminderPlan:
    seats = kw.get("seats")
    chosen = seats if isinstance(seats, list) else _seats()
    return plan_reminders(forum or _forum(), chosen, meetings or _meetings(), REPO.calendar, day)


def _keys(plan: ReminderPlan) -> set[str]:
    return {reminder.key for reminder in plan.reminders}


def test_working_days_before_skips_weekends_and_holidays() -> None:
    assert working_days_before(REPO.calendar, date(2026, 11, 13), 5) == date(2026, 11, 6)
    # Easter 2026: Maundy Thursday, Good Friday and Easter Monday are closed.
    assert working_days_before(REPO.calendar, date(2026, 4, 7), 1) == date(2026, 4, 1)


def test_the_action_owner_is_reminded_from_five_working_days_before_until_the_due_date() -> None:
    assert f"action-due:{ACTION}:2026-11-13" not in _keys(_plan(date(2026, 11, 5)))
    for day in (6, 9, 13):
        assert f"action-due:{ACTION}:2026-11-13" in _keys(_plan(date(2026, 11, day)))
    assert not any(key.startswith("action-due") for key in _keys(_plan(date(2026, 11, 16))))
    assert f"action-due:{ACTION}:2026-11-13" in _keys(_plan(date(2026, 11, 10), _forum(actions_before_days=3)))
    assert f"action-due:{ACTION}:2026-11-13" not in _keys(_plan(date(2026, 11, 9), _forum(actions_before_days=3)))


@pytest.mark.parametrize(
    ("day", "occasion"),
    [(date(2026, 11, 16), 1), (date(2026, 11, 20), 1), (date(2026, 11, 23), 2), (date(2027, 1, 4), 8)],
)
def test_an_overdue_action_is_reminded_weekly(day: date, occasion: int) -> None:
    assert f"action-overdue:{ACTION}:2026-11-13:{occasion}" in _keys(_plan(day))


def test_overdue_repeat_days_0_reminds_once_and_overdue_false_never() -> None:
    once = _forum(overdue_repeat_days=0)
    assert f"action-overdue:{ACTION}:2026-11-13:1" in _keys(_plan(date(2027, 1, 4), once))
    assert not any(key.startswith("action-overdue") for key in _keys(_plan(date(2026, 11, 16), _forum(overdue=False))))


def test_nothing_on_a_closed_day() -> None:
    plan = _plan(date(2026, 12, 25))
    assert plan.reminders == [] and plan.closed == "Juledag"


def test_an_action_closed_at_a_meeting_is_not_reminded_after_it() -> None:
    closing = [
        meeting.model_copy(update={"closes_actions": [*meeting.closes_actions, ACTION]})
        if meeting.date == date(2026, 11, 24)
        else meeting
        for meeting in _meetings()
    ]
    assert f"action-overdue:{ACTION}:2026-11-13:2" in _keys(_plan(date(2026, 11, 23), meetings=closing))
    assert not any(ACTION in key for key in _keys(_plan(date(2026, 11, 25), meetings=closing)))


def test_a_cancelled_meeting_gives_no_reminders() -> None:
    open_agenda = [
        meeting.model_copy(update={"agenda_sent": None}) if meeting.date == date(2026, 11, 24) else meeting
        for meeting in _meetings()
    ]
    assert any(key.startswith("presenter:2026-11-24") for key in _keys(_plan(date(2026, 11, 5), meetings=open_agenda)))
    cancelled = [
        meeting.model_copy(update={"cancelled": True}) if meeting.date == date(2026, 11, 24) else meeting
        for meeting in open_agenda
    ]
    assert not any("2026-11-24" in key for key in _keys(_plan(date(2026, 11, 5), meetings=cancelled)))


def test_an_owner_seat_that_is_unknown_or_gone_is_a_note_not_a_crash() -> None:
    seats = [seat for seat in _seats() if seat.id != "psykiatri-klinikledelse"]
    plan = _plan(date(2026, 11, 16), seats=seats)
    assert not any(ACTION in key for key in _keys(plan))
    assert any("'psykiatri-klinikledelse' er ikke en plads i members.yaml" in note for note in plan.notes)
    ended = [
        seat.model_copy(update={"valid_to": date(2026, 10, 31)}) if seat.id == "psykiatri-klinikledelse" else seat
        for seat in _seats()
    ]
    plan = _plan(date(2026, 11, 16), seats=ended)
    assert any("er ikke længere med i forummet" in note for note in plan.notes)


def test_members_who_commented_are_not_reminded_of_the_deadline() -> None:
    minutes_sent = [
        meeting.model_copy(update={"minutes": meeting.minutes.model_copy(update={"sent": date(2026, 11, 25)})})
        if meeting.date == date(2026, 11, 24)
        else meeting
        for meeting in _meetings()
    ]
    day = date(2026, 12, 1)
    everyone = {r.recipient.source for r in _plan(day, meetings=minutes_sent).reminders if r.kind == "comments"}
    assert "plo" in everyone
    from driftsforum_cli.models.meeting import MinutesComment

    comment = MinutesComment(by="plo", received=day - timedelta(days=1), text="Punkt 2 bør nævne PLO.")
    commented = [
        meeting.model_copy(update={"minutes": meeting.minutes.model_copy(update={"comments": [comment]})})
        if meeting.date == date(2026, 11, 24)
        else meeting
        for meeting in minutes_sent
    ]
    after = {r.recipient.source for r in _plan(day, meetings=commented).reminders if r.kind == "comments"}
    assert after == everyone - {"plo"}
    # The day before the window, nothing; after revised minutes, nothing.
    assert not any(r.kind == "comments" for r in _plan(date(2026, 11, 30), meetings=minutes_sent).reminders)
