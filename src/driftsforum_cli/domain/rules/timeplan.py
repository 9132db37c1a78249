"""The agenda's time plan: the items of an upcoming meeting fit in the meeting."""

from __future__ import annotations

from itertools import islice

from driftsforum_cli.danish import clock, plural
from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList
from driftsforum_cli.errors import DriftsforumError

RULES = RuleList()

#: Only the next meetings are planned in detail; later ones have no items yet.
UPCOMING = 12


@RULES.rule(
    "agenda-overrun",
    WARNING,
    "dagsordenens tidsplan (punkternes `duration_minutes` og de faste punkters tid) kan nås inden mødets slut",
)
def agenda_overrun(forum: ForumContext, out: Findings) -> None:
    from driftsforum_cli.domain.documents import build_document

    forum.charter, forum.members, forum.agreements  # noqa: B018 - skipped when one cannot be read
    upcoming = (
        (loaded, meeting)
        for loaded, meeting in sorted(forum.meetings, key=lambda pair: pair[1].date)
        if meeting.date >= forum.today and not meeting.cancelled and meeting.agenda
    )
    for loaded, meeting in islice(upcoming, UPCOMING):
        try:
            doc = build_document("agenda", forum.files, meeting, forum.calendar, forum.today)
        except DriftsforumError:  # e.g. a year without working days: reported by its own rule
            continue
        over = doc.overrun_minutes
        if over:
            ends = max(item.ends for item in doc.items if item.ends is not None)
            out.warning(
                loaded,
                ("agenda",),
                f"punkterne når ikke at blive behandlet: tidsplanen slutter kl. {clock(ends)}, "
                f"{plural(over, 'minut', 'minutter')} efter mødets slut kl. {clock(meeting.end)}; "
                "forkort punkternes 'duration_minutes', eller flyt et punkt til et senere møde",
            )
