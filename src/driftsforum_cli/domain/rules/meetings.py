"""The meetings the charter asks for: on working days, enough of them each year, and the joint meeting
right after where the charter has one."""

from __future__ import annotations

from collections import Counter
from datetime import time

from driftsforum_cli.danish import WEEKDAYS, clock, long_date, plural
from driftsforum_cli.domain.rules.registry import ERROR, ERROR_OR_WARNING, WARNING, Findings, ForumContext, RuleList

# Within this many minutes the joint meeting counts as "i umiddelbar forlængelse".
JOINT_MEETING_MAX_GAP_MINUTES = 60

RULES = RuleList()


@RULES.rule(
    "closed-day",
    ERROR,
    "intet møde ligger på en lukkedag (weekend, helligdag, lukkedag fra `driftsforum.yaml`), og på en halv "
    "lukkedag slutter mødet inden lukketid",
)
def closed_day(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        if meeting.cancelled:
            continue
        closed = forum.calendar.closed(meeting.date)
        last_end = meeting.joint_meeting.end if meeting.joint_meeting else meeting.end
        if closed is None or closed.allows_meeting_ending(last_end):
            continue
        weekday = WEEKDAYS[meeting.date.weekday()]
        reason = "" if closed.name == weekday else f" ({closed.name})"
        extra = (
            f"; der er lukket fra kl. {clock(closed.closed_from)}, så mødet skal slutte senest da"
            if closed.closed_from
            else ""
        )
        out.error(
            loaded,
            ("date",),
            f"mødet ligger på en lukkedag: {weekday} den {long_date(meeting.date)}{reason}{extra}; "
            "flyt mødet til en arbejdsdag",
        )


@RULES.rule("moved-to", ERROR, "et flyttet møde (`moved_to`) er aflyst og peger på en mødefil, der findes")
def moved_to(forum: ForumContext, out: Findings) -> None:
    dates = {meeting.date for _, meeting in forum.meetings}
    for loaded, meeting in forum.meetings:
        if meeting.moved_to is None:
            continue
        if not meeting.cancelled:
            out.error(
                loaded, ("moved_to",), "'moved_to' hører til et aflyst møde; sæt 'cancelled: true', eller fjern den"
            )
        elif meeting.moved_to not in dates:
            out.error(
                loaded,
                ("moved_to",),
                f"mødet er flyttet til {long_date(meeting.moved_to)}, men der er ingen mødefil for den dato; opret "
                f"den med 'driftsforum meeting new {forum.files.id} {meeting.moved_to.isoformat()}'",
            )


@RULES.rule(
    "meetings-per-year",
    ERROR_OR_WARNING,
    "der er mindst kommissoriets antal ordinære møder hvert år: fejl for år i `planned_years` og år, der er "
    "gået, ellers advarsel; mangler der kun møder, fordi ordinære møder er aflyst eller flyttet til et andet år, er "
    "det en advarsel",
)
def meetings_per_year(forum: ForumContext, out: Findings) -> None:
    charter = forum.charter
    ordinary = [meeting for _, meeting in forum.meetings if meeting.kind == "ordinært"]
    per_year: Counter[int] = Counter(meeting.date.year for meeting in ordinary if not meeting.cancelled)
    # a moved meeting is "cancelled" with `moved_to`: it is held on its new date, and only a move into
    # another year leaves its own year short; that is told as a move, not as a cancellation
    cancelled: Counter[int] = Counter(
        meeting.date.year for meeting in ordinary if meeting.cancelled and meeting.moved_to is None
    )
    moved_away: Counter[int] = Counter(
        meeting.date.year
        for meeting in ordinary
        if meeting.cancelled and meeting.moved_to is not None and meeting.moved_to.year != meeting.date.year
    )
    # a meeting file that could not be read is reported already: its year is not counted short
    unreadable = {loaded.path.stem[:4] for loaded in forum.files.meetings if loaded.model is None}
    wanted = charter.meetings.per_year
    for year in sorted({meeting.date.year for _, meeting in forum.meetings}):
        held = per_year[year]
        if held >= wanted or str(year) in unreadable:
            continue
        final = year in charter.meetings.planned_years or year < forum.today.year
        missing = wanted - held
        message = (
            f"{year} har {plural(held, 'ordinært møde', 'ordinære møder')}, men kommissoriet kræver {wanted} om året"
        )
        aflyst = _not_held(cancelled[year], moved_away[year])
        if cancelled[year] + moved_away[year] >= missing:
            # The meetings were planned; a cancellation is a fact to note, not an error in the files.
            if year < forum.today.year:
                advice = "det kan ikke længere erstattes" if missing == 1 else "de kan ikke længere erstattes"
            else:
                replacement = "et erstatningsmøde" if missing == 1 else f"{missing} erstatningsmøder"
                advice = f"planlæg {replacement}, hvis det er muligt"
            out.warning(forum.files.forum, ("meetings", "per_year"), f"{message}: {aflyst}; {advice}")
            continue
        out.add(
            ERROR if final else WARNING,
            forum.files.forum,
            ("meetings", "per_year"),
            f"{message}{f' ({aflyst})' if aflyst else ''}; "
            f"tilføj {plural(missing - cancelled[year] - moved_away[year], 'mødefil', 'mødefiler')} i meetings/",
        )


def _not_held(cancelled: int, moved_away: int) -> str:
    """'1 ordinært møde er aflyst og 1 flyttet til et andet år' – the meetings planned for a year but not held in it."""
    parts = []
    if cancelled:
        parts.append(plural(cancelled, "ordinært møde er aflyst", "ordinære møder er aflyst"))
    if moved_away:
        moved = plural(moved_away, "ordinært møde er flyttet", "ordinære møder er flyttet")
        parts.append(f"{moved} til et andet år" if not cancelled else f"{moved_away} flyttet til et andet år")
    return " og ".join(parts)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@RULES.rule(
    "joint-meeting",
    ERROR_OR_WARNING,
    "hvert ordinært møde har sit fællesmøde samme dag i umiddelbar forlængelse, når kommissoriet kræver det "
    "(Vest): det må ikke begynde, før mødet slutter (fejl); en anden partner end kommissoriets eller en pause på "
    f"over {JOINT_MEETING_MAX_GAP_MINUTES} minutter giver en advarsel",
)
def joint_meeting(forum: ForumContext, out: Findings) -> None:
    rule = forum.charter.meetings.joint_meeting
    if rule is None:
        return
    for loaded, meeting in forum.meetings:
        if meeting.kind != "ordinært" or meeting.cancelled:
            continue
        joint = meeting.joint_meeting
        if joint is None:
            out.error(
                loaded,
                ("date",),
                f"kommissoriet kræver et fællesmøde med {rule.partner} samme dag i forlængelse af mødet; "
                "tilføj 'joint_meeting' med start og slut",
                key=True,
            )
            continue
        if joint.partner != rule.partner:
            out.warning(
                loaded,
                ("joint_meeting", "partner"),
                f"fællesmødet er med '{joint.partner}', men kommissoriet nævner '{rule.partner}'",
            )
        if not rule.right_after:
            continue
        gap = _minutes(joint.start) - _minutes(meeting.end)
        if gap < 0:
            out.error(
                loaded,
                ("joint_meeting", "start"),
                f"fællesmødet starter kl. {clock(joint.start)}, før driftsforummets møde slutter "
                f"kl. {clock(meeting.end)}; det skal ligge i forlængelse af mødet",
            )
        elif gap > JOINT_MEETING_MAX_GAP_MINUTES:
            out.warning(
                loaded,
                ("joint_meeting", "start"),
                f"fællesmødet starter {gap} minutter efter mødet; kommissoriet siger 'i umiddelbar forlængelse'",
            )
