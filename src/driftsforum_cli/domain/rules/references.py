"""Ids are unique, and every id a file refers to (a seat, an agreement, an action) exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from driftsforum_cli.domain.rules.registry import (
    ERROR,
    ERROR_OR_WARNING,
    Findings,
    ForumContext,
    RuleList,
    suggestion,
)
from driftsforum_cli.domain.seats import did_you_mean
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Meeting

RULES = RuleList()

Kind = Literal["seat", "agreement", "action"]


@RULES.rule("duplicate-id", ERROR, "pladser, samarbejdsaftaler, handlinger og arbejdsgrupper har hver sit id")
def duplicate_id(forum: ForumContext, out: Findings) -> None:
    files = forum.files
    if files.members.model is not None:
        _unique(out, files.members, "seats", [seat.id for seat in files.members.model.seats], "pladsen")
    if files.agreements.model is not None:
        ids = [agreement.id for agreement in files.agreements.model.agreements]
        _unique(out, files.agreements, "agreements", ids, "samarbejdsaftalen")
    for loaded, index, action_id, first in forum.repeated_actions:
        out.error(
            loaded,
            ("actions", index, "id"),
            f"handlingen '{action_id}' findes allerede (mødet {first.isoformat()}); giv den et nyt id",
        )
    if files.groups is not None and files.groups.model is not None:
        _unique(out, files.groups, "groups", [group.id for group in files.groups.model.groups], "arbejdsgruppen")


def _unique(out: Findings, loaded: Loaded[Any], key: str, ids: list[str], what: str) -> None:
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in seen:
            out.error(
                loaded,
                (key, index, "id"),
                f"{what} '{ident}' findes allerede (nr. {seen[ident] + 1}); giv den et nyt id",
            )
        seen.setdefault(ident, index)


def references_in(meeting: Meeting) -> Iterator[tuple[Loc, str, Kind]]:
    """(where, id, kind) of every reference in a meeting file."""
    for base, items in (
        (("agenda",), meeting.agenda),
        (("joint_meeting", "agenda"), meeting.joint_meeting.agenda if meeting.joint_meeting else []),
    ):
        for index, item in enumerate(items):
            if item.presenter:
                yield (*base, index, "presenter"), item.presenter, "seat"
            for n, ref in enumerate(item.agreements):
                yield (*base, index, "agreements", n), ref, "agreement"
            for n, ref in enumerate(item.not_taking_part):
                yield (*base, index, "not_taking_part", n), ref, "seat"
    if meeting.attendance is not None:
        for n, substitute in enumerate(meeting.attendance.substitutes):
            yield ("attendance", "substitutes", n, "seat"), substitute.seat, "seat"
        for n, entry in enumerate(meeting.attendance.part_time):
            yield ("attendance", "part_time", n, "seat"), entry.seat, "seat"
        for n, reply in enumerate(meeting.attendance.replies):
            yield ("attendance", "replies", n, "seat"), reply.seat, "seat"
        for group in ("present", "absent"):
            for n, ref in enumerate(getattr(meeting.attendance, group)):
                yield ("attendance", group, n), ref, "seat"
        if meeting.attendance.minute_taker:
            yield ("attendance", "minute_taker"), meeting.attendance.minute_taker, "seat"
    for n, action in enumerate(meeting.actions):
        yield ("actions", n, "owner"), action.owner, "seat"
    for n, comment in enumerate(meeting.minutes.comments):
        yield ("minutes", "comments", n, "by"), comment.by, "seat"
    for n, ref in enumerate(meeting.closes_actions):
        yield ("closes_actions", n), ref, "action"
    for n, ref in enumerate(meeting.agreements_reported):
        yield ("agreements_reported", n), ref, "agreement"
    for n, accepted in enumerate(meeting.publication.accepted_findings):
        yield ("publication", "accepted_findings", n, "by"), accepted.by, "seat"


@RULES.rule(
    "unknown-reference",
    ERROR_OR_WARNING,
    "pladser, samarbejdsaftaler og handlinger, der henvises til, findes, og et møde lukker kun handlinger fra "
    "tidligere møder; en arbejdsgruppe melder tilbage på en dag, hvor der er møde (advarsel)",
)
def unknown_reference(forum: ForumContext, out: Findings) -> None:
    seat_ids, agreement_ids, action_dates = forum.seat_ids, forum.agreement_ids, forum.action_dates
    for loaded, meeting in forum.meetings:
        for loc, ref, kind in references_in(meeting):
            if kind == "seat" and seat_ids is not None and ref not in seat_ids:
                out.error(loaded, loc, _unknown_seat(ref, forum))
            elif kind == "agreement" and agreement_ids is not None and ref not in agreement_ids:
                out.error(
                    loaded,
                    loc,
                    f"'{ref}' er ikke en samarbejdsaftale i agreements.yaml{suggestion(ref, agreement_ids)}",
                )
            elif kind == "action" and not forum.every_meeting_read:
                continue  # the action may be in the meeting file that could not be read
            elif kind == "action" and ref not in action_dates:
                out.error(
                    loaded, loc, f"handlingen '{ref}' findes ikke i forummets møder{suggestion(ref, action_dates)}"
                )
            elif kind == "action" and action_dates[ref] >= meeting.date:
                out.error(
                    loaded,
                    loc,
                    f"handlingen '{ref}' er oprettet på mødet {action_dates[ref].isoformat()}; et møde kan kun "
                    "lukke handlinger fra tidligere møder (luk den med 'status: lukket' i samme møde)",
                )
    groups = forum.files.groups
    if groups is None or groups.model is None:
        return
    meeting_days = {loaded.path.stem for loaded in forum.files.meetings}  # also the files that could not be read
    for index, group in enumerate(groups.model.groups):
        if seat_ids is not None:
            for n, member in enumerate(group.members):
                if member not in seat_ids:
                    out.error(groups, ("groups", index, "members", n), _unknown_seat(member, forum))
        if group.report_back is not None and group.report_back.isoformat() not in meeting_days:
            out.warning(
                groups,
                ("groups", index, "report_back"),
                f"der er intet møde den {group.report_back.isoformat()}, hvor arbejdsgruppen kan melde tilbage",
            )


def _unknown_seat(ref: str, forum: ForumContext) -> str:
    members = forum.files.members.model
    seats = members.seats if members is not None else []
    return (
        f"'{ref}' er ikke en plads i members.yaml{did_you_mean(ref, seats)}; brug pladsens id. Er personen stoppet, "
        "så lad pladsen blive stående med 'valid_to', så ældre møder stadig kan henvise til den"
    )
