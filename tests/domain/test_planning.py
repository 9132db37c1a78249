"""A new meeting's defaults: times as a meeting file writes them, and a Danish clock in the refusal."""

from __future__ import annotations

from datetime import date, time

import pytest

from driftsforum_cli.domain.planning import PlanningError, new_meeting
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.models.config import Closure
from driftsforum_cli.workspace import bundled_root, load_forum

NO_HOLIDAYS = WorkCalendar([Closure(name="Grundlovsdag", every_year="06-05", closed_from=time(12, 0))], lambda year: {})


def test_times_are_written_as_in_a_meeting_file() -> None:
    files = load_forum(bundled_root() / "forums" / "vest")
    assert files.forum.model is not None
    meetings = [loaded.model for loaded in files.meetings if loaded.model is not None]
    defaults = new_meeting(files.forum.model, meetings, date(2028, 3, 9), NO_HOLIDAYS)
    assert (defaults.start, defaults.end) == ("13:00", "15:00")
    assert defaults.joint is not None
    assert (defaults.joint.start, defaults.joint.end) == ("15:00", "16:00")


def test_a_day_closed_from_noon_is_refused_with_a_danish_clock() -> None:
    files = load_forum(bundled_root() / "forums" / "vest")
    assert files.forum.model is not None
    with pytest.raises(
        PlanningError, match=r"^5\. juni 2028 er lukket fra kl\. 12\.00 \(Grundlovsdag\); vælg en anden dag$"
    ):
        new_meeting(files.forum.model, [], date(2028, 6, 5), NO_HOLIDAYS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Grundlovsdag on a Saturday: the weekend closes it all day, so it is named, not the noon closure.
        (date(2027, 6, 5), r"^5\. juni 2027 er en lørdag; vælg en arbejdsdag$"),
        (date(2028, 3, 12), r"^12\. marts 2028 er en søndag; vælg en arbejdsdag$"),
    ],
)
def test_a_saturday_or_sunday_is_refused_first(day: date, expected: str) -> None:
    files = load_forum(bundled_root() / "forums" / "vest")
    assert files.forum.model is not None
    with pytest.raises(PlanningError, match=expected):
        new_meeting(files.forum.model, [], day, NO_HOLIDAYS)


def test_the_date_question_refuses_a_weekend_in_the_same_words() -> None:
    from driftsforum_cli.cli.questions import _closed
    from driftsforum_cli.services.minutes import MeetingContext

    context = MeetingContext([], [], [], None, [], NO_HOLIDAYS, frozenset())
    assert _closed(context, date(2027, 6, 5)) == "er en lørdag; vælg en arbejdsdag"
    assert _closed(context, date(2028, 6, 6)) is None
