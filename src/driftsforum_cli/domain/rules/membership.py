"""Membership over time: what a meeting file says about a seat (present, absent, minute taker, presenter,
owner of an action) needs someone who held the seat on the meeting's day; an open action needs someone
on its seat today."""

from __future__ import annotations

from collections.abc import Iterator

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.actions import track_actions
from driftsforum_cli.domain.rules import references
from driftsforum_cli.domain.rules.registry import ERROR, WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.domain.seats import holder_on
from driftsforum_cli.loader import Loc
from driftsforum_cli.models import Meeting

RULES = RuleList()


#: What a seat is named for, by the key that names it in a meeting file.
_ROLES = {
    "present": "til stede",
    "absent": "med afbud",
    "minute_taker": "referent",
    "presenter": "oplægsholder",
    "owner": "ansvarlig for handlingen",
}


def _seat_refs(meeting: Meeting) -> Iterator[tuple[Loc, str, str]]:
    """(where, seat id, what the seat is named for) of every seat a meeting names as a person on its day
    (a comment on the minutes is made later, by whoever holds the seat then)."""
    for loc, ref, kind in references.references_in(meeting):
        role = next((_ROLES[key] for key in reversed(loc) if isinstance(key, str) and key in _ROLES), None)
        if kind == "seat" and role is not None:
            yield loc, ref, role


@RULES.rule(
    "nobody-on-seat",
    ERROR,
    "fremmøde, afbud, referent, oplæg og handlinger på et møde står på pladser, som en person havde på mødedagen",
)
def nobody_on_seat(forum: ForumContext, out: Findings) -> None:
    seats = {seat.id: seat for seat in forum.members.seats}
    for loaded, meeting in forum.meetings:
        if meeting.cancelled:
            continue
        for loc, ref, role in _seat_refs(meeting):
            seat = seats.get(ref)
            if seat is None or holder_on(seat, meeting.date) is not None:
                continue  # an unknown id is the references rule's
            out.error(
                loaded,
                loc,
                f"pladsen '{ref}' ({seat.organisation}) var ledig den {long_date(meeting.date)}, så ingen kan stå "
                f"som {role}; ret pladsens id, eller tilføj personen, der havde pladsen, i members.yaml "
                "(under 'history' med 'from' og 'to', se README: Sådan udskifter du et medlem)",
            )


@RULES.rule("action-owner-vacant", WARNING, "en åben handlings ansvarlige plads har en person i dag")
def action_owner_vacant(forum: ForumContext, out: Findings) -> None:
    seats = {seat.id: seat for seat in forum.members.seats}
    for loaded, meeting in forum.meetings:
        for index, action in enumerate(meeting.actions):
            seat = seats.get(action.owner)
            if seat is None or holder_on(seat, forum.today) is not None or not _open(forum, action.id):
                continue
            out.warning(
                loaded,
                ("actions", index, "owner"),
                f"handlingen '{action.id}' er åben, men pladsen '{seat.id}' ({seat.organisation}) er ledig i dag; "
                "giv handlingen en ny ansvarlig, eller luk den",
            )


def _open(forum: ForumContext, action_id: str) -> bool:
    """True if the action is open today (no meeting has closed it)."""
    return any(
        tracked.action.id == action_id and tracked.closed is None
        for tracked in track_actions(meeting for _, meeting in forum.meetings)
    )
