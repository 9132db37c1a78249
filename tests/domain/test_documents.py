"""What goes into agendas and minutes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from driftsforum_cli.domain.documents import DocumentError, agreements_due, build_document, pick_meeting
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.workspace import load_repository

TODAY = date(2026, 11, 22)


def forum(root: Path, forum_id: str) -> tuple[ForumFiles, WorkCalendar]:
    repo = load_repository(root)
    assert repo.config.model is not None
    return next(f for f in repo.forums if f.id == forum_id), WorkCalendar(repo.config.model.closures)


def test_next_meeting_is_the_default(repo_copy: Path) -> None:
    files, _ = forum(repo_copy, "nord")
    assert pick_meeting(files, None, TODAY).date == date(2026, 11, 24)
    assert pick_meeting(files, None, date(2026, 11, 24)).date == date(2026, 11, 24)
    with pytest.raises(DocumentError, match="intet møde den 2026-11-25"):
        pick_meeting(files, date(2026, 11, 25), TODAY)


def test_agenda_has_the_standard_items_in_order(repo_copy: Path) -> None:
    files, calendar = forum(repo_copy, "nord")
    doc = build_document("agenda", files, pick_meeting(files, None, TODAY), calendar, TODAY)
    titles = [item.title for item in doc.items]
    assert titles[:4] == [
        "Godkendelse af dagsorden",
        "Godkendelse af referat fra forrige møde",
        "Opfølgning på aftalte handlinger",
        "Samarbejdsaftaler i årshjulet",
    ]
    assert titles[-3:] == ["Meddelelser", "Eventuelt", "Næste møde"]
    assert [item.number for item in doc.items] == list(range(1, len(titles) + 1))
    previous = doc.items[1]
    assert previous.previous_meeting == date(2026, 9, 8)
    assert previous.previous_status == "godkendt den 23. september 2026"
    assert doc.items[-1].next_meeting is not None
    assert doc.items[-1].next_meeting.date == date(2027, 3, 9)
    assert doc.number_in_year == 4


def test_open_action_is_carried_forward_until_closed(repo_copy: Path) -> None:
    files, calendar = forum(repo_copy, "nord")
    doc = build_document("agenda", files, pick_meeting(files, None, TODAY), calendar, TODAY)
    followup = next(item for item in doc.items if item.standard == "action_followup")
    assert [(a.id, a.overdue) for a in followup.actions] == [("nord-2026-3-a1", True)]
    assert followup.actions[0].owner is not None
    assert followup.actions[0].owner.name == "Helle Eksempel"
    # At the September meeting, the June action was still open (it was closed at that meeting).
    september = build_document("agenda", files, pick_meeting(files, date(2026, 9, 8), TODAY), calendar, TODAY)
    followup = next(item for item in september.items if item.standard == "action_followup")
    assert [a.id for a in followup.actions] == ["nord-2026-2-a1"]
    # Close it in the November meeting: the 2027 agenda no longer carries it.
    november = repo_copy / "forums/nord/meetings/2026-11-24.yaml"
    november.write_text(november.read_text(encoding="utf-8") + "closes_actions: [nord-2026-3-a1]\n", encoding="utf-8")
    files, calendar = forum(repo_copy, "nord")
    march = build_document("agenda", files, pick_meeting(files, date(2027, 3, 9), TODAY), calendar, TODAY)
    followup = next(item for item in march.items if item.standard == "action_followup")
    assert followup.actions == []


def _due_at(files: ForumFiles, calendar: WorkCalendar, day: date) -> list[str]:
    doc = build_document("agenda", files, pick_meeting(files, day, TODAY), calendar, TODAY)
    return [a.id for item in doc.items if item.standard == "agreements_due" for a in item.agreements]


def test_agreements_due_follow_the_annual_cycle(repo_copy: Path) -> None:
    files, calendar = forum(repo_copy, "nord")
    days = (date(2027, 3, 9), date(2027, 6, 8), date(2027, 9, 7), date(2027, 11, 23))
    assert [_due_at(files, calendar, day) for day in days] == [["SA-01"], ["SA-02"], ["SA-03"], ["SA-04"]]


def test_agreement_placed_by_month_goes_to_the_first_meeting_in_or_after_it(repo_copy: Path) -> None:
    files, _ = forum(repo_copy, "nord")
    assert files.agreements.model is not None
    first = files.agreements.model.agreements[0]
    assert first.annual_cycle is not None
    moved = first.model_copy(
        update={"annual_cycle": first.annual_cycle.model_copy(update={"meeting": None, "month": 8})}
    )
    meetings = sorted((m.model for m in files.meetings if m.model), key=lambda m: m.date)
    september = next(m for m in meetings if m.date == date(2027, 9, 7))
    assert [a.id for a in agreements_due([moved], meetings, september)] == ["SA-01"]


def test_vest_agenda_has_the_joint_meeting(repo_copy: Path) -> None:
    files, calendar = forum(repo_copy, "vest")
    doc = build_document("agenda", files, pick_meeting(files, None, TODAY), calendar, TODAY)
    assert doc.joint is not None
    assert doc.joint.partner == "Driftsforum Voksen Somatik"
    assert (doc.joint.start.hour, doc.joint.end.hour) == (15, 16)


def test_minutes_status_through_the_life_cycle(repo_copy: Path) -> None:
    files, calendar = forum(repo_copy, "nord")
    september = pick_meeting(files, date(2026, 9, 8), TODAY)
    # sent 15 September (a Tuesday); comments within 7 days: 22 September; approved the day after.
    during = build_document("minutes", files, september, calendar, date(2026, 9, 20))
    assert (during.minutes.status, during.minutes.comments_due, during.minutes.approved) == (
        "sendt",
        date(2026, 9, 22),
        None,
    )
    assert during.is_draft
    after = build_document("minutes", files, september, calendar, date(2026, 9, 23))
    assert (after.minutes.status, after.minutes.approved) == ("godkendt", date(2026, 9, 23))
    assert not after.is_draft
    june = build_document("minutes", files, pick_meeting(files, date(2026, 6, 9), TODAY), calendar, TODAY)
    assert june.minutes.status == "godkendt"
    assert june.minutes.approved == date(2026, 6, 24)  # the day the revised minutes were sent
    upcoming = build_document("minutes", files, pick_meeting(files, None, TODAY), calendar, TODAY)
    assert upcoming.minutes.status == "udkast"
    assert upcoming.minutes.due == date(2026, 12, 1)
