"""Dates that add up: what a meeting file records as done fits the meeting and the other dates – the agenda
goes out before the meeting (but not long before), the minutes after it, comments while the window is
open, the revised minutes after the minutes – nothing recorded as done lies after the real date, nobody is
present at a meeting that has not been held, and an action's deadline follows the meeting that agreed it
(that `closes_actions` names only earlier actions is `references`' 'unknown-reference'). A meeting file copied
from last time fails here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from driftsforum_cli.danish import long_date, plural
from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.repository import Repository
from driftsforum_cli.domain.rules.registry import ERROR, Code, Findings, ForumContext, RuleList
from driftsforum_cli.domain.workdays import NoWorkingDay
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Meeting

RULES = RuleList()

_COPIED = "Er filen kopieret fra et tidligere møde?"


@RULES.rule(
    "agenda-sent-date",
    ERROR,
    "dagsordenen er udsendt før mødet og ikke tidligere end `deadlines.agenda_earliest_days` dage før det "
    "(standard 60)",
)
def agenda_sent_date(forum: ForumContext, out: Findings) -> None:
    charter = forum.files.forum.model
    earliest = charter.meetings.deadlines.agenda_earliest_days if charter is not None else None
    for loaded, meeting in forum.meetings:
        sent = meeting.agenda_sent
        if sent is None:
            continue
        if sent > meeting.date:
            out.error(
                loaded,
                ("agenda_sent",),
                f"dagsordenen er registreret som udsendt {long_date(sent)}, efter mødet {long_date(meeting.date)}; "
                "ret datoen i 'agenda_sent', eller fjern den, hvis dagsordenen ikke blev udsendt før mødet",
            )
        elif earliest is not None and (meeting.date - sent).days > earliest:
            days = (meeting.date - sent).days
            out.error(
                loaded,
                ("agenda_sent",),
                f"dagsordenen er registreret som udsendt {long_date(sent)}, {plural(days, 'dag', 'dage')} før mødet "
                f"{long_date(meeting.date)}, men den udsendes højst {plural(earliest, 'dag', 'dage')} før "
                f"(deadlines.agenda_earliest_days i forum.yaml). {_COPIED} Ret datoen, eller fjern den, til "
                "dagsordenen er udsendt",
            )


@RULES.rule("minutes-sent-date", ERROR, "referatet er udsendt efter mødet, ikke før")
def minutes_sent_date(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        sent = meeting.minutes.sent
        if sent is not None and sent < meeting.date:
            out.error(
                loaded,
                ("minutes", "sent"),
                f"referatet er registreret som udsendt {long_date(sent)}, før mødet {long_date(meeting.date)}; "
                f"et referat udsendes efter mødet. {_COPIED} Ret datoen i 'minutes.sent', eller fjern den, til "
                "referatet er udsendt",
            )


@RULES.rule(
    "revised-minutes-date",
    ERROR,
    "det reviderede referat er udsendt efter referatet, og referatet er registreret som udsendt",
)
def revised_minutes_date(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        record = meeting.minutes
        revised = record.revised_sent
        if revised is None:
            continue
        if record.sent is None:
            out.error(
                loaded,
                ("minutes", "revised_sent"),
                f"det reviderede referat er registreret som udsendt {long_date(revised)}, men referatet er ikke "
                "registreret som udsendt; skriv datoen, referatet blev udsendt, i 'minutes.sent', eller fjern "
                "'revised_sent'",
            )
        elif revised < record.sent:
            out.error(
                loaded,
                ("minutes", "revised_sent"),
                f"det reviderede referat er registreret som udsendt {long_date(revised)}, før referatet blev udsendt "
                f"{long_date(record.sent)}; ret datoen i 'minutes.revised_sent'",
            )


def comments_deadline(forum: ForumContext, sent: date) -> date | None:
    """The deadline for comments on minutes sent on `sent`, or None when forum.yaml could not be read or there
    is no working day to move it to ('no-working-day' says so)."""
    charter = forum.files.forum.model
    if charter is None:
        return None
    rule = charter.meetings.deadlines.comments
    try:
        return forum.calendar.adjust(sent + timedelta(days=rule.offset_days), rule.adjust).day
    except NoWorkingDay:
        return None


@RULES.rule(
    "comment-date",
    ERROR,
    "en bemærkning til referatet er modtaget, efter referatet blev udsendt, og senest ved fristen for bemærkninger",
)
def comment_date(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        sent = meeting.minutes.sent
        due = comments_deadline(forum, sent) if sent is not None else None
        for index, comment in enumerate(meeting.minutes.comments):
            where: Loc = ("minutes", "comments", index, "received")
            received = f"bemærkningen fra '{comment.by}' er registreret som modtaget {long_date(comment.received)}"
            if sent is None:
                out.error(
                    loaded,
                    where,
                    f"{received}, men referatet er ikke registreret som udsendt; skriv datoen, referatet blev "
                    "udsendt, i 'minutes.sent' (driftsforum minutes mark-sent), eller fjern bemærkningen",
                )
            elif comment.received < sent:
                out.error(
                    loaded,
                    where,
                    f"{received}, før referatet blev udsendt {long_date(sent)}; ret datoen i 'received'",
                )
            elif due is not None and comment.received > due:
                out.error(
                    loaded,
                    where,
                    f"{received}, efter fristen for bemærkninger {long_date(due)}, da referatet var godkendt; ret "
                    "datoen, eller tag bemærkningen op på næste møde i stedet",
                )


@RULES.rule("attendance-cancelled", ERROR, "et aflyst møde har intet fremmøde")
def attendance_cancelled(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        # Absences and invited ad hoc participants may be known before the meeting was cancelled.
        attendance = meeting.attendance
        if not meeting.cancelled or attendance is None:
            continue
        held = [key for key in ("present", "minute_taker") if getattr(attendance, key)]
        if held:
            out.error(
                loaded,
                ("attendance", held[0]),
                f"mødet {long_date(meeting.date)} er aflyst ('cancelled: true'), men har fremmøde; fjern "
                f"'{held[0]}', eller fjern 'cancelled', hvis mødet blev holdt",
                key=True,
            )


@RULES.rule(
    "present-before-meeting",
    ERROR,
    "ingen er registreret som til stede ved et møde, der ikke er holdt endnu (afbud må gerne registreres på "
    "forhånd); bedømt efter den rigtige dato, ikke `--today`",
)
def present_before_meeting(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        attendance = meeting.attendance
        if attendance is None or not attendance.present or meeting.date <= forum.now or meeting.cancelled:
            continue
        out.error(
            loaded,
            ("attendance", "present", 0),
            f"mødet {long_date(meeting.date)} er ikke holdt endnu, men "
            f"{plural(len(attendance.present), 'plads', 'pladser')} er registreret som til stede; fremmødet "
            "registreres efter mødet (afbud må gerne stå under 'absent' på forhånd). " + _COPIED,
        )


def _meeting_events(meeting: Meeting) -> Iterator[tuple[Loc, date, str]]:
    """(where, date, what) of every date in a meeting file that records something done."""
    if meeting.agenda_sent is not None:
        yield ("agenda_sent",), meeting.agenda_sent, "dagsordenen er registreret som udsendt"
    record = meeting.minutes
    if record.sent is not None:
        yield ("minutes", "sent"), record.sent, "referatet er registreret som udsendt"
    if record.revised_sent is not None:
        yield ("minutes", "revised_sent"), record.revised_sent, "det reviderede referat er registreret som udsendt"
    for index, comment in enumerate(record.comments):
        yield ("minutes", "comments", index, "received"), comment.received, "en bemærkning er registreret som modtaget"
    for base, items in (
        (("agenda",), meeting.agenda),
        (("joint_meeting", "agenda"), meeting.joint_meeting.agenda if meeting.joint_meeting else []),
    ):
        for index, item in enumerate(items):
            escalation = item.escalation
            if escalation is None:
                continue
            if escalation.sent is not None:
                yield (*base, index, "escalation", "sent"), escalation.sent, "punktet er registreret som sendt videre"
            if escalation.answered is not None:
                yield (
                    (*base, index, "escalation", "answered"),
                    escalation.answered,
                    "svaret er registreret som modtaget",
                )
    for index, accepted in enumerate(meeting.publication.accepted_findings):
        if accepted.on is not None:
            yield ("publication", "accepted_findings", index, "on"), accepted.on, "fundet er registreret som accepteret"
    for index, reply in enumerate(meeting.attendance.replies if meeting.attendance else []):
        yield (
            ("attendance", "replies", index, "sent"),
            reply.received,
            "svaret på mødeindkaldelsen er registreret som sendt",
        )


def _other_events(forum: ForumContext) -> Iterator[tuple[Loaded[Any], Loc, date, str]]:
    """The same for forum.yaml, agreements.yaml and groups.yaml."""
    files = forum.files
    charter = files.forum.model
    if charter is not None:
        evaluation = charter.evaluation
        if evaluation.last_done is not None:
            yield (
                files.forum,
                ("evaluation", "last_done"),
                evaluation.last_done,
                "evalueringen er registreret som holdt",
            )
        if evaluation.reported is not None:
            yield (
                files.forum,
                ("evaluation", "reported"),
                evaluation.reported,
                "evalueringen er registreret som afrapporteret",
            )
    agreements = files.agreements.model
    if agreements is not None:
        for index, agreement in enumerate(agreements.agreements):
            if agreement.last_reviewed is not None:
                yield (
                    files.agreements,
                    ("agreements", index, "last_reviewed"),
                    agreement.last_reviewed,
                    f"samarbejdsaftalen '{agreement.id}' er registreret som fulgt op",
                )
    groups = files.groups.model if files.groups is not None else None
    if files.groups is not None and groups is not None:
        for index, group in enumerate(groups.groups):
            if group.reported is not None:
                yield (
                    files.groups,
                    ("groups", index, "reported"),
                    group.reported,
                    f"arbejdsgruppen '{group.id}' er registreret som meldt tilbage",
                )


@RULES.rule(
    "future-date",
    ERROR,
    "ingen dato for noget, der er sket (udsendt, modtaget, revideret, besvaret, afrapporteret), ligger i "
    "fremtiden; bedømt efter den rigtige dato, så `--today` kan se tilbage uden fejl",
)
def future_date(forum: ForumContext, out: Findings) -> None:
    now = forum.now

    def report(loaded: Loaded[Any], where: Loc, when: date, what: str) -> None:
        if when > now:
            out.error(
                loaded,
                where,
                f"{what} {long_date(when)}, men den dato er ikke kommet endnu (i dag er det {long_date(now)}); "
                "ret datoen, eller fjern den, til det er sket",
            )

    for loaded, meeting in forum.meetings:
        for where, when, what in _meeting_events(meeting):
            report(loaded, where, when, what)
    for loaded_file, where, when, what in _other_events(forum):
        report(loaded_file, where, when, what)


@RULES.rule(
    "attendance-twice",
    ERROR,
    "ingen plads står to gange i fremmødet, og ingen står både under `present` og `absent`",
)
def attendance_twice(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        attendance = meeting.attendance
        if attendance is None:
            continue
        seen: dict[str, str] = {}
        for group in ("present", "absent"):
            for index, seat in enumerate(getattr(attendance, group)):
                first = seen.get(seat)
                seen.setdefault(seat, group)
                if first is None:
                    continue
                if first == group:
                    message = f"'{seat}' står to gange under '{group}'; fjern den ene"
                else:
                    message = f"'{seat}' står både under 'present' og 'absent'; fjern den forkerte"
                out.error(loaded, ("attendance", group, index), message)


@RULES.rule("action-due-date", ERROR, "en handlings deadline ligger ikke før det møde, der aftalte den")
def action_due_date(forum: ForumContext, out: Findings) -> None:
    for loaded, meeting in forum.meetings:
        for index, action in enumerate(meeting.actions):
            if action.due is not None and action.due < meeting.date:
                out.error(
                    loaded,
                    ("actions", index, "due"),
                    f"handlingen '{action.id}' har deadline {long_date(action.due)}, før mødet "
                    f"{long_date(meeting.date)}, der aftalte den; ret 'due' til en dato efter mødet",
                )


#: Given by `closed_years` (driftsforum.yaml), not by a forum's rule.
CALENDAR_CODES: tuple[Code, ...] = (
    Code(
        "no-working-day",
        (ERROR,),
        "lukkedagene i `driftsforum.yaml` lader mindst én arbejdsdag tilbage i hvert år med møder",
    ),
)


def closed_years(repo: Repository, today: date) -> list[Diagnostic]:
    """An error at driftsforum.yaml's closures for each year (today's, and each with a meeting) in which every
    day is closed: nothing could be planned or moved there."""
    config = repo.config
    if config.model is None or not config.model.closures:
        return []
    years = {today.year} | {
        loaded.model.date.year for files in repo.forums for loaded in files.meetings if loaded.model
    }
    found: list[Diagnostic] = []
    for year in sorted(years):
        if repo.calendar.first_working_day(year) is not None:
            continue
        mark = config.key_at(("closures",))
        found.append(
            Diagnostic(
                config.display,
                mark.line,
                mark.column,
                Severity.ERROR,
                "no-working-day",
                f"lukkedagene lukker alle dage i {year}, så der er ingen arbejdsdag at lægge møder og frister på; "
                "ret 'closures'",
            )
        )
    return found
