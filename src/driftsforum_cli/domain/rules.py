"""The charter's own rules, checked across a forum's files. Everything is read from the charter data:
nothing here is specific to Nord or Vest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, time
from difflib import get_close_matches
from pathlib import PurePosixPath
from typing import Any

from driftsforum_cli.danish import WEEKDAYS, long_date
from driftsforum_cli.diagnostics import Diagnostic, Severity
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.seats import did_you_mean
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Forum, Meeting, Members, Seat
from driftsforum_cli.models.common import ROLE_LABELS, SECTOR_LABELS
from driftsforum_cli.models.forum import SeatRequirement

# Within this many minutes the joint meeting counts as "i umiddelbar forlængelse".
JOINT_MEETING_MAX_GAP_MINUTES = 60


class _Report:
    def __init__(self) -> None:
        self.found: list[Diagnostic] = []

    def add(
        self,
        loaded: Loaded[Any],
        loc: Loc,
        severity: Severity,
        code: str,
        message: str,
        *,
        key: bool = False,
    ) -> None:
        mark = loaded.key_at(loc) if key else loaded.at(loc)
        self.found.append(Diagnostic(loaded.display, mark.line, mark.column, severity, code, message))


def _or_list(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def _suggestion(word: str, choices: Iterable[str]) -> str:
    match = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (mente du '{match[0]}'?)" if match else ""


def check_repository(repo: Repository, today: date) -> list[Diagnostic]:
    calendar = repo.calendar
    report = _Report()
    for files in repo.forums:
        _check_forum(files, calendar, today, report)
    return report.found


def _check_forum(files: ForumFiles, calendar: WorkCalendar, today: date, report: _Report) -> None:
    forum = files.forum.model
    members = files.members.model
    meetings = [(loaded, loaded.model) for loaded in files.meetings if loaded.model is not None]
    for loaded, meeting in meetings:
        _check_meeting_file(loaded, meeting, calendar, report)
        _check_attachments(loaded, meeting, files.attachments, report)
    if forum is not None:
        if forum.id != files.id:
            report.add(
                files.forum,
                ("id",),
                Severity.ERROR,
                "forum-id",
                f"forummets id '{forum.id}' skal være det samme som mappens navn '{files.id}'; ret 'id', eller omdøb "
                "mappen",
            )
        if members is not None:
            _check_composition(forum, files, members, today, report)
        unreadable = {loaded.path.stem[:4] for loaded in files.meetings if loaded.model is None}
        _check_meeting_plan(forum, files.forum, meetings, today, report, unreadable)
        _check_joint_meetings(forum, meetings, report)
        if files.agreements.model is not None:
            _check_agreements(forum, files, report)
    _check_references(files, meetings, report)
    if files.groups is not None and files.groups.model is not None:
        _check_groups(files, meetings, today, report)


# --- meetings ---------------------------------------------------------------------------------------


def _check_meeting_file(loaded: Loaded[Meeting], meeting: Meeting, calendar: WorkCalendar, report: _Report) -> None:
    if loaded.path.stem != meeting.date.isoformat():
        report.add(
            loaded,
            ("date",),
            Severity.ERROR,
            "file-name",
            f"filen hedder '{loaded.path.name}', men mødet er den {meeting.date.isoformat()}; "
            f"omdøb filen til {meeting.date.isoformat()}.yaml",
        )
    if meeting.cancelled:
        return
    closed = calendar.closed(meeting.date)
    last_end = meeting.joint_meeting.end if meeting.joint_meeting else meeting.end
    if closed is not None and not closed.allows_meeting_ending(last_end):
        weekday = WEEKDAYS[meeting.date.weekday()]
        reason = "" if closed.name == weekday else f" ({closed.name})"
        extra = (
            f"; der er lukket fra kl. {closed.closed_from:%H.%M}, så mødet skal slutte senest da"
            if closed.closed_from
            else ""
        )
        report.add(
            loaded,
            ("date",),
            Severity.ERROR,
            "closed-day",
            f"mødet ligger på en lukkedag: {weekday} den {long_date(meeting.date)}{reason}{extra}; "
            "flyt mødet til en arbejdsdag",
        )


def _check_attachments(loaded: Loaded[Meeting], meeting: Meeting, present: frozenset[str], report: _Report) -> None:
    """Attachments are files beside the meeting file (in meetings/ or a folder below it)."""
    listed = {name for item in meeting.agenda for name in item.attachments}
    if meeting.joint_meeting is not None:
        listed |= {name for item in meeting.joint_meeting.agenda for name in item.attachments}
    for index, name in enumerate(meeting.publication.public_attachments):
        if name not in listed:
            report.add(
                loaded,
                ("publication", "public_attachments", index),
                Severity.ERROR,
                "attachment-missing",
                f"'{name}' står under public_attachments, men ikke under 'attachments' på noget punkt; "
                f"tilføj bilaget på punktet, eller ret navnet{_suggestion(name, listed)}",
            )
    parts: list[tuple[Loc, list[str]]] = [(("agenda", n), item.attachments) for n, item in enumerate(meeting.agenda)]
    if meeting.joint_meeting is not None:
        parts += [
            (("joint_meeting", "agenda", n), item.attachments) for n, item in enumerate(meeting.joint_meeting.agenda)
        ]
    for base, names in parts:
        for index, name in enumerate(names):
            path = PurePosixPath(name.replace("\\", "/"))
            loc = (*base, "attachments", index)
            if path.is_absolute() or ".." in path.parts or ":" in name:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "attachment-path",
                    f"bilaget '{name}' skal ligge i meetings/ ved siden af mødefilen; skriv stien uden '..' og "
                    "uden drev eller '/' foran, fx bilag/tjekliste.pdf",
                )
            elif path.as_posix() not in present:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "attachment-missing",
                    f"bilaget '{name}' findes ikke i meetings/{_suggestion(path.as_posix(), present)}; "
                    "læg filen der, eller ret navnet",
                )


def _check_meeting_plan(
    forum: Forum,
    loaded_forum: Loaded[Forum],
    meetings: list[tuple[Loaded[Meeting], Meeting]],
    today: date,
    report: _Report,
    unreadable_years: set[str],
) -> None:
    per_year: Counter[int] = Counter(
        meeting.date.year for _, meeting in meetings if meeting.kind == "ordinært" and not meeting.cancelled
    )
    wanted = forum.meetings.per_year
    for year in sorted({meeting.date.year for _, meeting in meetings}):
        held = per_year[year]
        if held >= wanted or str(year) in unreadable_years:
            continue  # a meeting file that could not be read is reported already
        final = year in forum.meetings.planned_years or year < today.year
        severity = Severity.ERROR if final else Severity.WARNING
        report.add(
            loaded_forum,
            ("meetings", "per_year"),
            severity,
            "meetings-per-year",
            f"{year} har {held} {'ordinært møde' if held == 1 else 'ordinære møder'}, men kommissoriet kræver "
            f"{wanted} om året; tilføj {wanted - held} {'mødefil' if wanted - held == 1 else 'mødefiler'} i meetings/",
        )


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _check_joint_meetings(forum: Forum, meetings: list[tuple[Loaded[Meeting], Meeting]], report: _Report) -> None:
    rule = forum.meetings.joint_meeting
    if rule is None:
        return
    for loaded, meeting in meetings:
        if meeting.kind != "ordinært" or meeting.cancelled:
            continue
        joint = meeting.joint_meeting
        if joint is None:
            report.add(
                loaded,
                ("date",),
                Severity.ERROR,
                "joint-meeting",
                f"kommissoriet kræver et fællesmøde med {rule.partner} samme dag i forlængelse af mødet; "
                "tilføj 'joint_meeting' med start og slut",
                key=True,
            )
            continue
        if joint.partner != rule.partner:
            report.add(
                loaded,
                ("joint_meeting", "partner"),
                Severity.WARNING,
                "joint-meeting",
                f"fællesmødet er med '{joint.partner}', men kommissoriet nævner '{rule.partner}'",
            )
        if rule.right_after:
            gap = _minutes(joint.start) - _minutes(meeting.end)
            if gap < 0:
                report.add(
                    loaded,
                    ("joint_meeting", "start"),
                    Severity.ERROR,
                    "joint-meeting",
                    f"fællesmødet starter kl. {joint.start:%H.%M}, før driftsforummets møde slutter "
                    f"kl. {meeting.end:%H.%M}; det skal ligge i forlængelse af mødet",
                )
            elif gap > JOINT_MEETING_MAX_GAP_MINUTES:
                report.add(
                    loaded,
                    ("joint_meeting", "start"),
                    Severity.WARNING,
                    "joint-meeting",
                    f"fællesmødet starter {gap} minutter efter mødet; kommissoriet siger 'i umiddelbar forlængelse'",
                )


# --- composition ------------------------------------------------------------------------------------


def _check_composition(forum: Forum, files: ForumFiles, members: Members, today: date, report: _Report) -> None:
    loaded = files.members
    current = [(index, seat) for index, seat in enumerate(members.seats) if seat.is_current(today)]

    def source(key: str) -> str:
        return f"(kommissoriet, forum.yaml linje {files.forum.key_at(('composition', key)).line})"

    required_areas = forum.composition.required_areas

    for index, seat in current:
        if seat.person is None:
            report.add(
                loaded,
                ("seats", index),
                Severity.WARNING,
                "vacant-seat",
                f"pladsen '{seat.id}' ({seat.organisation}) er ledig; tilføj 'person', "
                "eller sæt 'valid_to', hvis pladsen er nedlagt",
            )
        for n, area in enumerate(seat.areas):
            guess = _suggestion(area, required_areas)
            if area not in required_areas and guess:
                report.add(
                    loaded,
                    ("seats", index, "areas", n),
                    Severity.WARNING,
                    "unknown-area",
                    f"'{area}' er ikke et af kommissoriets fagområder{guess}; skriv det, som kommissoriet gør",
                )
        if seat.sector == "kommune" and seat.municipality not in forum.composition.municipalities:
            report.add(
                loaded,
                ("seats", index, "municipality"),
                Severity.WARNING,
                "unknown-municipality",
                f"'{seat.municipality}' er ikke en af kommissoriets kommuner "
                f"({', '.join(forum.composition.municipalities)}){_suggestion(str(seat.municipality), forum.composition.municipalities)}",
            )

    for municipality in forum.composition.municipalities:
        seats = [seat for _, seat in current if seat.sector == "kommune" and seat.municipality == municipality]
        if not seats:
            report.add(
                loaded,
                ("seats",),
                Severity.ERROR,
                "municipality-seat",
                f"{municipality} Kommune har ingen plads, men deltager fast {source('municipalities')}; tilføj en plads med "
                f"'sector: kommune' og 'municipality: {municipality}'",
                key=True,
            )
            continue
        covered = {area for seat in seats for area in seat.areas}
        missing = [area for area in required_areas if area not in covered]
        if missing:
            report.add(
                loaded,
                ("seats",),
                Severity.ERROR,
                "area-coverage",
                f"{municipality} Kommunes pladser dækker ikke {_or_list(missing)} {source('required_areas')}; "
                f"tilføj området under 'areas' på en af kommunens pladser",
                key=True,
            )

    if not any(seat.sector == "psykiatri" for _, seat in current):
        report.add(
            loaded,
            ("seats",),
            Severity.ERROR,
            "psychiatry-seat",
            f"ingen plads fra psykiatrien ({forum.composition.psychiatry.organisation}) {source('psychiatry')}; "
            "tilføj en plads med 'sector: psykiatri'",
            key=True,
        )
    practice = forum.composition.general_practice
    if practice is not None and not any(seat.sector == "almen praksis" for _, seat in current):
        report.add(
            loaded,
            ("seats",),
            Severity.ERROR,
            "plo-seat",
            f"ingen plads fra almen praksis ({practice.organisation}) {source('general_practice')}; "
            "tilføj en plads med 'sector: almen praksis'",
            key=True,
        )
    _check_role(forum.chair, "formand", "chair", current, loaded, report, files.forum.at(("chair",)).line)
    _check_role(
        forum.secretariat,
        "sekretariat",
        "secretariat",
        current,
        loaded,
        report,
        files.forum.at(("secretariat",)).line,
    )


def _describe_requirement(requirement: SeatRequirement) -> str:
    text = _or_list(SECTOR_LABELS[sector] for sector in requirement.sectors)
    if requirement.levels:
        text += f" (niveau: {_or_list(requirement.levels)})"
    return text


_GROUPS = {"formand": "formandskabet", "sekretariat": "sekretariatet"}


def _check_role(
    requirements: list[SeatRequirement],
    role: str,
    code: str,
    current: list[tuple[int, Seat]],
    loaded: Loaded[Members],
    report: _Report,
    charter_line: int,
) -> None:
    group = _GROUPS[role]
    remaining = [(index, seat) for index, seat in current if role in seat.roles]
    for requirement in requirements:
        fits = [
            (index, seat)
            for index, seat in remaining
            if seat.sector in requirement.sectors and (not requirement.levels or seat.level in requirement.levels)
        ]
        if len(fits) < requirement.count:
            report.add(
                loaded,
                ("seats",),
                Severity.ERROR,
                code,
                f"{group} mangler {requirement.count - len(fits)} fra {_describe_requirement(requirement)} "
                f"(kommissoriet, forum.yaml linje {charter_line}); giv en plads rollen '{role}'",
                key=True,
            )
        for taken in fits[: requirement.count]:
            remaining.remove(taken)
    for index, seat in remaining:
        report.add(
            loaded,
            ("seats", index, "roles"),
            Severity.ERROR,
            code,
            f"pladsen '{seat.id}' har rollen '{ROLE_LABELS[role]}', men {group} er allerede fuldt besat efter "
            f"kommissoriet (forum.yaml linje {charter_line}); fjern rollen",
        )


# --- agreements and references ----------------------------------------------------------------------


def _check_agreements(forum: Forum, files: ForumFiles, report: _Report) -> None:
    agreements = files.agreements.model
    assert agreements is not None
    for index, agreement in enumerate(agreements.agreements):
        slot = agreement.annual_cycle
        if agreement.status == "aktiv" and slot is None:
            report.add(
                files.agreements,
                ("agreements", index),
                Severity.ERROR,
                "agreement-not-planned",
                f"den aktive samarbejdsaftale '{agreement.id}' ({agreement.title}) har ingen plads i årshjulet; "
                "tilføj 'annual_cycle' med 'meeting' (mødenummer) eller 'month'",
            )
        elif slot is not None and slot.meeting is not None and slot.meeting > forum.meetings.per_year:
            report.add(
                files.agreements,
                ("agreements", index, "annual_cycle", "meeting"),
                Severity.ERROR,
                "agreement-not-planned",
                f"møde nr. {slot.meeting} findes ikke; forummet holder {forum.meetings.per_year} ordinære "
                "møder om året",
            )


def _check_references(files: ForumFiles, meetings: list[tuple[Loaded[Meeting], Meeting]], report: _Report) -> None:
    seat_ids: set[str] = set()
    if files.members.model is not None:
        seat_ids = _unique_ids(
            files.members, "seats", [seat.id for seat in files.members.model.seats], "pladsen", report
        )
    agreement_ids: set[str] | None = None
    if files.agreements.model is not None:
        agreement_ids = _unique_ids(
            files.agreements,
            "agreements",
            [a.id for a in files.agreements.model.agreements],
            "samarbejdsaftalen",
            report,
        )
    action_ids: dict[str, date] = {}
    every_meeting_read = all(loaded.model is not None for loaded in files.meetings)
    for loaded, meeting in sorted(meetings, key=lambda pair: pair[1].date):
        for index, action in enumerate(meeting.actions):
            if action.id in action_ids:
                report.add(
                    loaded,
                    ("actions", index, "id"),
                    Severity.ERROR,
                    "duplicate-id",
                    f"handlingen '{action.id}' findes allerede (mødet {action_ids[action.id].isoformat()}); "
                    "giv den et nyt id",
                )
            action_ids.setdefault(action.id, meeting.date)

    for loaded, meeting in meetings:
        refs: list[tuple[Loc, str, str]] = []  # (where, id, kind)
        for part, items in (
            ("agenda", meeting.agenda),
            ("joint_meeting", meeting.joint_meeting.agenda if meeting.joint_meeting else []),
        ):
            base: Loc = ("agenda",) if part == "agenda" else ("joint_meeting", "agenda")
            for index, item in enumerate(items):
                if item.presenter:
                    refs.append(((*base, index, "presenter"), item.presenter, "seat"))
                refs.extend(
                    ((*base, index, "agreements", n), ref, "agreement") for n, ref in enumerate(item.agreements)
                )
        if meeting.attendance is not None:
            for group in ("present", "absent"):
                refs.extend(
                    (("attendance", group, n), ref, "seat") for n, ref in enumerate(getattr(meeting.attendance, group))
                )
            if meeting.attendance.minute_taker:
                refs.append((("attendance", "minute_taker"), meeting.attendance.minute_taker, "seat"))
        refs.extend((("actions", n, "owner"), action.owner, "seat") for n, action in enumerate(meeting.actions))
        refs.extend((("minutes", "comments", n, "by"), c.by, "seat") for n, c in enumerate(meeting.minutes.comments))
        refs.extend((("closes_actions", n), ref, "action") for n, ref in enumerate(meeting.closes_actions))
        refs.extend((("agreements_reported", n), ref, "agreement") for n, ref in enumerate(meeting.agreements_reported))
        refs.extend(
            (("publication", "accepted_findings", n, "by"), accepted.by, "seat")
            for n, accepted in enumerate(meeting.publication.accepted_findings)
        )

        for loc, ref, kind in refs:
            if kind == "seat" and files.members.model is not None and ref not in seat_ids:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "unknown-reference",
                    _unknown_seat(ref, files),
                )
            elif kind == "agreement" and agreement_ids is not None and ref not in agreement_ids:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "unknown-reference",
                    f"'{ref}' er ikke en samarbejdsaftale i agreements.yaml{_suggestion(ref, agreement_ids)}",
                )
            elif kind == "action" and not every_meeting_read:
                continue  # the action may be in the meeting file that could not be read
            elif kind == "action" and ref not in action_ids:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "unknown-reference",
                    f"handlingen '{ref}' findes ikke i forummets møder{_suggestion(ref, action_ids)}",
                )
            elif kind == "action" and action_ids[ref] >= meeting.date:
                report.add(
                    loaded,
                    loc,
                    Severity.ERROR,
                    "unknown-reference",
                    f"handlingen '{ref}' er oprettet på mødet {action_ids[ref].isoformat()}; et møde kan kun "
                    "lukke handlinger fra tidligere møder (luk den med 'status: lukket' i samme møde)",
                )


def _unique_ids(loaded: Loaded[Any], key: str, ids: list[str], what: str, report: _Report) -> set[str]:
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in seen:
            report.add(
                loaded,
                (key, index, "id"),
                Severity.ERROR,
                "duplicate-id",
                f"{what} '{ident}' findes allerede (nr. {seen[ident] + 1}); giv den et nyt id",
            )
        seen.setdefault(ident, index)
    return set(seen)


def _check_groups(
    files: ForumFiles, meetings: list[tuple[Loaded[Meeting], Meeting]], today: date, report: _Report
) -> None:
    groups = files.groups
    assert groups is not None and groups.model is not None
    seat_ids = {seat.id for seat in files.members.model.seats} if files.members.model else None
    meeting_days = {loaded.path.stem for loaded in files.meetings}  # also the files that could not be read
    _unique_ids(groups, "groups", [group.id for group in groups.model.groups], "arbejdsgruppen", report)
    for index, group in enumerate(groups.model.groups):
        if seat_ids is not None:
            for n, member in enumerate(group.members):
                if member not in seat_ids:
                    report.add(
                        groups,
                        ("groups", index, "members", n),
                        Severity.ERROR,
                        "unknown-reference",
                        _unknown_seat(member, files),
                    )
        if group.report_back is not None and group.report_back.isoformat() not in meeting_days:
            report.add(
                groups,
                ("groups", index, "report_back"),
                Severity.WARNING,
                "unknown-reference",
                f"der er intet møde den {group.report_back.isoformat()}, hvor arbejdsgruppen kan melde tilbage",
            )
        if group.reported is None and group.ends < today:
            report.add(
                groups,
                ("groups", index, "ends"),
                Severity.WARNING,
                "working-group-overdue",
                f"arbejdsgruppen '{group.name}' sluttede {group.ends.isoformat()} uden at have meldt tilbage; "
                "udfyld 'reported' og 'outcome', eller forlæng 'ends'",
            )


def _unknown_seat(ref: str, files: ForumFiles) -> str:
    seats = files.members.model.seats if files.members.model is not None else []
    return (
        f"'{ref}' er ikke en plads i members.yaml{did_you_mean(ref, seats)}; brug pladsens id. Er personen stoppet, "
        "så lad pladsen blive stående med 'valid_to', så ældre møder stadig kan henvise til den"
    )
