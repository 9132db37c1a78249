"""The deadline engine: charter offsets, Danish working days, recorded dates and statuses."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from driftsforum_cli.domain.deadlines import (
    Event,
    EventKind,
    add_months,
    due_plan,
    evaluation_event,
    forum_events,
    meeting_events,
    repository_events,
)
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import load_file
from driftsforum_cli.models import Forum, Meeting, RepoConfig
from driftsforum_cli.workspace import bundled_root, load_repository


def _charter(forum_id: str) -> Forum:
    """The bundled charter as approved, before any evaluation was recorded."""
    path = bundled_root() / "forums" / forum_id / "forum.yaml"
    forum = load_file(path, str(path), Forum).model
    assert forum is not None
    return forum.model_copy(update={"evaluation": forum.evaluation.model_copy(update={"last_done": None})})


@pytest.fixture(scope="module")
def nord() -> Forum:
    return _charter("nord")


@pytest.fixture(scope="module")
def vest() -> Forum:
    return _charter("vest")


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    path = bundled_root() / "driftsforum.yaml"
    config = load_file(path, str(path), RepoConfig).model
    assert config is not None
    return WorkCalendar(config.closures)


def meeting(day: str, **fields: Any) -> Meeting:
    return Meeting.model_validate({"date": day, "start": "13:00", "end": "15:00", "place": "Rådhuset", **fields})


def by_kind(events: list[Event]) -> dict[EventKind, Event]:
    return {event.kind: event for event in events}


def test_easter_agenda_moves_back_to_the_wednesday_before(nord: Forum, calendar: WorkCalendar) -> None:
    # Monday 20 April 2026: 14 days before is anden påskedag; påskedag, the weekend, langfredag and
    # skærtorsdag are closed too, so the agenda is due Wednesday 1 April.
    events = by_kind(meeting_events(nord, meeting("2026-04-20"), calendar, today=date(2026, 3, 20)))
    agenda = events["agenda_due"]
    assert agenda.date == date(2026, 4, 1)
    assert agenda.nominal_date == date(2026, 4, 6)
    assert agenda.moved_reason == "flyttet fra anden påskedag"
    assert agenda.status == "planned"
    assert agenda.meeting == date(2026, 4, 20)
    assert agenda.title == "Dagsorden til mødet den 20. april 2026 udsendes"


def test_a_meeting_and_its_deadlines(nord: Forum, calendar: WorkCalendar) -> None:
    events = meeting_events(nord, meeting("2026-03-10"), calendar, today=date(2026, 1, 5))
    assert [(event.kind, event.date) for event in events] == [
        ("meeting", date(2026, 3, 10)),
        ("agenda_due", date(2026, 2, 24)),
        ("minutes_due", date(2026, 3, 17)),
        ("comments_due", date(2026, 3, 24)),
        ("minutes_approved", date(2026, 3, 25)),
    ]
    assert all(event.status == "planned" and event.moved_reason is None for event in events)


def test_kristi_himmelfart_minutes_earlier_comments_later(nord: Forum, calendar: WorkCalendar) -> None:
    # Thursday 7 May 2026 + 7 days = Kristi himmelfartsdag (14 May).
    planned = by_kind(meeting_events(nord, meeting("2026-05-07"), calendar, today=date(2026, 5, 1)))
    assert planned["minutes_due"].date == date(2026, 5, 13)
    assert planned["minutes_due"].moved_reason == "flyttet fra Kristi himmelfartsdag"
    # Comments run from the adjusted minutes deadline while the minutes are not yet sent.
    assert planned["comments_due"].nominal_date == date(2026, 5, 20)
    assert planned["comments_due"].date == date(2026, 5, 20)

    sent_same_day = meeting("2026-05-07", minutes={"sent": "2026-05-07"})
    events = by_kind(meeting_events(nord, sent_same_day, calendar, today=date(2026, 5, 8)))
    comments = events["comments_due"]
    assert comments.nominal_date == date(2026, 5, 14)
    assert comments.date == date(2026, 5, 15)  # the members' deadline runs to the next working day
    assert comments.moved_reason == "flyttet fra Kristi himmelfartsdag"
    assert events["minutes_approved"].date == date(2026, 5, 16)


def test_grundlovsdag_counts_as_closed_for_deadlines(nord: Forum, calendar: WorkCalendar) -> None:
    # Friday 29 May 2026 + 7 days = Grundlovsdag (closed from 12.00, so closed for deadlines).
    events = by_kind(
        meeting_events(nord, meeting("2026-05-29", minutes={"sent": "2026-05-29"}), calendar, date(2026, 5, 1))
    )
    assert events["minutes_due"].date == date(2026, 6, 4)
    assert events["minutes_due"].moved_reason == "flyttet fra grundlovsdag"
    assert events["comments_due"].date == date(2026, 6, 8)  # Friday 5 June → Monday 8 June
    assert events["comments_due"].moved_reason == "flyttet fra grundlovsdag"


def test_a_morning_meeting_on_grundlovsdag_has_its_deadlines(nord: Forum, calendar: WorkCalendar) -> None:
    events = by_kind(
        meeting_events(nord, meeting("2026-06-05", start="09:00", end="11:30"), calendar, date(2026, 5, 1))
    )
    assert events["meeting"].date == date(2026, 6, 5)
    assert events["agenda_due"].date == date(2026, 5, 22)


def test_christmas_and_new_year(nord: Forum, calendar: WorkCalendar) -> None:
    christmas = by_kind(
        meeting_events(nord, meeting("2026-12-17", minutes={"sent": "2026-12-17"}), calendar, date(2026, 12, 1))
    )
    assert christmas["minutes_due"].date == date(2026, 12, 23)
    assert christmas["minutes_due"].moved_reason == "flyttet fra juleaftensdag"
    # 24 December + juledag + anden juledag (a Saturday) + Sunday: comments are due Monday 28 December.
    assert christmas["comments_due"].date == date(2026, 12, 28)
    assert christmas["comments_due"].moved_reason == "flyttet fra juleaftensdag"
    assert christmas["minutes_approved"].date == date(2026, 12, 29)

    january = by_kind(meeting_events(nord, meeting("2027-01-14"), calendar, date(2026, 12, 1)))
    assert january["agenda_due"].date == date(2026, 12, 30)
    assert january["agenda_due"].moved_reason == "flyttet fra nytårsaftensdag"


def test_store_bededag_2023_versus_2024(nord: Forum, calendar: WorkCalendar) -> None:
    in_2023 = by_kind(meeting_events(nord, meeting("2023-05-19"), calendar, date(2023, 1, 1)))
    assert in_2023["agenda_due"].nominal_date == date(2023, 5, 5)
    assert in_2023["agenda_due"].date == date(2023, 5, 4)
    assert in_2023["agenda_due"].moved_reason == "flyttet fra store bededag"
    in_2024 = by_kind(meeting_events(nord, meeting("2024-05-10"), calendar, date(2024, 1, 1)))
    assert in_2024["agenda_due"].date == date(2024, 4, 26)
    assert in_2024["agenda_due"].moved_reason is None


def test_offsets_and_policies_come_from_the_charter(nord: Forum, calendar: WorkCalendar) -> None:
    deadlines = nord.meetings.deadlines
    changed = deadlines.model_copy(
        update={"agenda": deadlines.agenda.model_copy(update={"offset_days": -21, "adjust": "none"})}
    )
    forum = nord.model_copy(update={"meetings": nord.meetings.model_copy(update={"deadlines": changed})})
    agenda = by_kind(meeting_events(forum, meeting("2026-04-27"), calendar, date(2026, 3, 1)))["agenda_due"]
    assert agenda.date == agenda.nominal_date == date(2026, 4, 6)  # anden påskedag, but policy 'none'
    assert agenda.moved_reason is None


def test_recorded_sent_dates_move_later_deadlines(nord: Forum, calendar: WorkCalendar) -> None:
    # The minutes were due Monday 27 April but went out Thursday 30 April.
    late = meeting("2026-04-20", agenda_sent="2026-03-31", minutes={"sent": "2026-04-30"})
    events = by_kind(meeting_events(nord, late, calendar, today=date(2026, 5, 5)))
    assert events["agenda_due"].status == "done"
    assert events["agenda_due"].recorded == date(2026, 3, 31)
    assert events["minutes_due"].date == date(2026, 4, 27)
    assert events["minutes_due"].status == "done"
    assert events["comments_due"].date == date(2026, 5, 7)
    assert events["comments_due"].status == "planned"
    assert events["minutes_approved"].date == date(2026, 5, 8)
    assert events["minutes_approved"].status == "planned"

    later = by_kind(meeting_events(nord, late, calendar, today=date(2026, 5, 8)))
    assert later["comments_due"].status == "done"
    assert later["minutes_approved"].status == "done"


def test_statuses_planned_done_overdue(nord: Forum, calendar: WorkCalendar) -> None:
    nothing_recorded = meeting("2026-04-20")
    on_the_day = by_kind(meeting_events(nord, nothing_recorded, calendar, today=date(2026, 4, 1)))
    assert on_the_day["agenda_due"].status == "planned"  # due today: not late yet
    day_after = by_kind(meeting_events(nord, nothing_recorded, calendar, today=date(2026, 4, 2)))
    assert day_after["agenda_due"].status == "overdue"
    assert day_after["meeting"].status == "planned"
    after_meeting = by_kind(meeting_events(nord, nothing_recorded, calendar, today=date(2026, 4, 28)))
    assert after_meeting["meeting"].status == "done"
    assert after_meeting["minutes_due"].status == "overdue"
    # Until the minutes are sent the comment window has not started, so it is never 'done'.
    assert after_meeting["comments_due"].status == "planned"
    assert after_meeting["minutes_approved"].status == "planned"


def test_comments_received_then_revised_minutes(nord: Forum, calendar: WorkCalendar) -> None:
    comment = {"by": "plo", "received": "2026-04-29", "text": "Punkt 2 skal præciseres."}
    pending = meeting("2026-04-20", agenda_sent="2026-04-01", minutes={"sent": "2026-04-27", "comments": [comment]})
    events = by_kind(meeting_events(nord, pending, calendar, today=date(2026, 5, 8)))
    assert events["comments_due"].date == date(2026, 5, 4)
    assert events["comments_due"].title.endswith("(1 bemærkning modtaget)")
    approved = events["minutes_approved"]
    assert approved.date == date(2026, 5, 5)
    assert approved.status == "overdue"
    assert approved.secretariat_task
    assert approved.title.startswith("Revideret referat")

    revised = meeting(
        "2026-04-20",
        agenda_sent="2026-04-01",
        minutes={"sent": "2026-04-27", "comments": [comment], "revised_sent": "2026-05-11"},
    )
    done = by_kind(meeting_events(nord, revised, calendar, today=date(2026, 5, 12)))["minutes_approved"]
    assert (done.date, done.nominal_date, done.status) == (date(2026, 5, 11), date(2026, 5, 11), "done")


def test_vest_has_the_joint_meeting(vest: Forum, calendar: WorkCalendar) -> None:
    joint = {"partner": "Driftsforum Voksen Somatik", "start": "15:00", "end": "16:00"}
    events = meeting_events(vest, meeting("2026-03-12", joint_meeting=joint), calendar, date(2026, 3, 1))
    session = by_kind(events)["joint_meeting"]
    assert session.date == date(2026, 3, 12)
    assert session.title == "Fællesmøde med Driftsforum Voksen Somatik kl. 15.00–16.00"
    assert (session.start, session.end) == (time(15, 0), time(16, 0))
    assert session.place == "Rådhuset"


def test_a_cancelled_meeting_has_no_deadlines(nord: Forum, calendar: WorkCalendar) -> None:
    events = meeting_events(nord, meeting("2026-04-20", cancelled="true"), calendar, date(2026, 3, 1))
    assert [event.kind for event in events] == ["meeting"]
    assert events[0].cancelled
    assert events[0].title == "Ordinært møde kl. 13.00–15.00"  # "aflyst" is its status, not part of its title
    assert events[0].status == "cancelled"


def test_evaluation_within_a_year_of_approval_then_after_the_last_one(nord: Forum, calendar: WorkCalendar) -> None:
    first = evaluation_event(nord, calendar, today=date(2026, 1, 1))
    assert nord.approved.date == date(2020, 3, 3)
    assert (first.date, first.status, first.meeting) == (date(2021, 3, 3), "overdue", None)
    evaluated = nord.model_copy(
        update={"evaluation": nord.evaluation.model_copy(update={"last_done": date(2025, 6, 5)})}
    )
    following = evaluation_event(evaluated, calendar, today=date(2026, 1, 1))
    assert following.nominal_date == date(2026, 6, 5)
    assert following.date == date(2026, 6, 4)
    assert following.moved_reason == "flyttet fra grundlovsdag"
    assert following.status == "planned"


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_forum_events_are_sorted_by_date(nord: Forum, calendar: WorkCalendar) -> None:
    events = forum_events(nord, [meeting("2026-09-08"), meeting("2026-03-10")], calendar, date(2026, 1, 1))
    assert [event.date for event in events] == sorted(event.date for event in events)
    assert events[0].kind == "evaluation_due"


def _write_repo(root: Path, meetings: dict[str, str]) -> Path:
    source = bundled_root()
    (root / "forums" / "nord" / "meetings").mkdir(parents=True)
    (root / "driftsforum.yaml").write_text((source / "driftsforum.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("forum.yaml", "members.yaml", "agreements.yaml"):
        text = (source / "forums" / "nord" / name).read_text(encoding="utf-8")
        if name == "forum.yaml":
            text = re.sub(r"(?m)^  last_done: .*$", "  last_done: 2025-09-01", text)
            assert "  last_done: 2025-09-01" in text
        (root / "forums" / "nord" / name).write_text(text, encoding="utf-8")
    for day, extra in meetings.items():
        body = f"date: {day}\nstart: '13:00'\nend: '15:00'\nplace: Rådhuset\n{extra}"
        (root / "forums" / "nord" / "meetings" / f"{day}.yaml").write_text(body, encoding="utf-8")
    return root


def test_due_lists_overdue_first_then_by_date(tmp_path: Path) -> None:
    root = _write_repo(
        tmp_path,
        {
            "2026-04-20": "agenda_sent: 2026-04-01\n",  # minutes due 27 April: overdue on 5 May
            "2026-05-19": "",  # agenda due 5 May (today)
            "2026-05-07": "",  # agenda due 23 April: overdue; minutes due 13 May
        },
    )
    plan = due_plan(load_repository(root), today=date(2026, 5, 5), days=14)
    assert plan.notes == []
    listed = [(event.status, event.kind, event.date) for event in plan.events]
    assert listed == [
        ("overdue", "agenda_due", date(2026, 4, 23)),
        ("overdue", "minutes_due", date(2026, 4, 27)),
        ("planned", "agenda_due", date(2026, 5, 5)),
        ("planned", "minutes_due", date(2026, 5, 13)),
    ]


def test_unreadable_files_are_reported_not_fatal(tmp_path: Path) -> None:
    root = _write_repo(tmp_path, {"2026-04-20": "", "2026-05-07": "agenda_sent: igår\n"})
    plan = repository_events(load_repository(root), today=date(2026, 4, 1))
    assert len(plan.notes) == 1
    assert "2026-05-07.yaml" in plan.notes[0]
    assert {event.meeting for event in plan.events} == {None, date(2026, 4, 20)}
