"""Who took part: substitutes stand in for an absent seat, and a decision names the parties it was taken
without (see domain/representation.py)."""

from __future__ import annotations

from datetime import time

from driftsforum_cli.danish import and_list
from driftsforum_cli.domain.representation import decisions_without, item_slots
from driftsforum_cli.domain.rules.registry import ERROR, WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.models import Meeting

RULES = RuleList()


@RULES.rule(
    "attendance-part",
    ERROR,
    "en stedfortræder deltager for en plads med afbud, en deltager, der kom eller gik, var til stede, og "
    "den, der ikke deltog i et punkt, var til stede",
)
def attendance_part(forum: ForumContext, out: Findings) -> None:
    known = {seat.id for seat in forum.members.seats}  # an unknown seat is reported as such (unknown-reference)
    for loaded, meeting in forum.meetings:
        attendance = meeting.attendance
        if attendance is None:
            continue
        there = set(attendance.present) | {substitute.seat for substitute in attendance.substitutes}
        for n, substitute in enumerate(attendance.substitutes):
            if substitute.seat in attendance.present:
                out.error(
                    loaded,
                    ("attendance", "substitutes", n, "seat"),
                    f"'{substitute.seat}' står både under 'present' og har en stedfortræder; skriv pladsen under "
                    "'absent', når en stedfortræder deltager for den",
                )
        for n, entry in enumerate(attendance.part_time):
            if entry.seat not in there and entry.seat in known:
                out.error(
                    loaded,
                    ("attendance", "part_time", n, "seat"),
                    f"'{entry.seat}' kom senere eller gik tidligere, men står ikke under 'present'; skriv pladsen dér",
                )
            elif entry.arrived is None and entry.left is None:
                out.error(
                    loaded,
                    ("attendance", "part_time", n, "seat"),
                    "skriv 'arrived' (ankom kl.) og/eller 'left' (gik kl.)",
                )
        for index, item in enumerate(meeting.agenda):
            for n, ref in enumerate(item.not_taking_part):
                if ref not in there and ref in known:
                    out.error(
                        loaded,
                        ("agenda", index, "not_taking_part", n),
                        f"'{ref}' var ikke til stede på mødet; 'not_taking_part' er for en deltager, der var til "
                        "stede, men ikke deltog i behandlingen af punktet",
                    )


@RULES.rule(
    "decision-without-party",
    WARNING,
    "en beslutning er truffet med mindst én deltager fra hver kommune, psykiatrien og almen praksis (PLO) "
    "(advarsel; står også i referatet)",
)
def decision_without_party(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        for found in decisions_without(forum.members.seats, meeting, _slots(forum, meeting)):
            item = meeting.agenda[found.index]
            out.warning(
                loaded,
                ("agenda", found.index, "decision"),
                f"punktet '{item.title}' blev besluttet uden deltagelse af {and_list(found.missing)}; "
                "referatet siger det",
            )


def _slots(forum: ForumContext, meeting: Meeting) -> list[tuple[time | None, time | None]]:
    return item_slots(forum.files, meeting, forum.calendar, forum.today)
