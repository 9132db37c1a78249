"""The website of approved minutes: which meetings are published, what each page may show, and every text
from the data that reaches the site (so the privacy check scans exactly what is published).

Rules:

- A forum is on the site unless its charter says `meetings.minutes_public: false`.
- A meeting has a page once its agenda is sent (`agenda_sent` on or before today) or its minutes are approved
  (status "godkendt" from `build_document`). The page shows the approved minutes, else the agenda; draft minutes
  never appear.
- A cancelled meeting whose agenda was sent keeps its page, which then shows the cancellation notice (and no PDF);
  other cancelled meetings have no page.
- The minutes are shown as they stood on the day they were approved, and the agenda as it was on the day it was
  sent, so a page does not change just because time passes.
- Closed items (`closed: true`) show only "Lukket punkt", with their title if `public_title: true`; nothing else
  of them (no presenter, texts, decision or attachments).
- Ad hoc participants are shown by organisation only; comments to the minutes are not published.
- Attachments are published only when listed in `publication.public_attachments`, attached to an open item and
  present below meetings/.

Pure: the repository is already loaded and `today` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from driftsforum_cli.domain.documents import DocumentError, Item, JointPart, MeetingDocument, build_document
from driftsforum_cli.domain.repository import ForumFiles, Repository
from driftsforum_cli.domain.workdays import WorkCalendar
from driftsforum_cli.errors import UserError
from driftsforum_cli.loader import Loaded, Loc
from driftsforum_cli.models import Forum, Meeting, Members
from driftsforum_cli.models.config import Publishing
from driftsforum_cli.models.meeting import AdHocParticipant, AgendaItem

FRONT_PAGE = "index.html"
STATEMENT_PAGE = "tilgaengelighed.html"
STYLESHEET = "style.css"
ATTACHMENTS_FOLDER = "bilag"
AD_HOC_NAME = "Ad hoc-deltager"  # stands in for every ad hoc participant's name


class PublishError(UserError):
    """The site cannot be planned (e.g. the configuration cannot be read); the message is Danish."""


@dataclass(frozen=True)
class Exposure:
    """One text from the data that a page of the site shows, and where it comes from."""

    loaded: Loaded[Any]
    loc: Loc
    text: str
    label: str  # Danish, e.g. 'punkt 5, beslutning'

    @property
    def key(self) -> tuple[str, Loc]:
        return (self.loaded.display, self.loc)


@dataclass(frozen=True)
class PublicAttachment:
    name: str  # as written in the meeting file, relative to meetings/
    source: Path  # the file
    target: str  # its path on the site, e.g. 'nord/bilag/2026-09-08/tjekliste.pdf'
    href: str  # the link from the meeting page, percent-encoded


@dataclass(frozen=True)
class MeetingPage:
    forum_id: str
    loaded: Loaded[Meeting]
    meeting: Meeting
    minutes: MeetingDocument | None  # approved minutes (public version), or None
    agenda: MeetingDocument | None  # the sent agenda (public version), or None
    attachments: dict[str, PublicAttachment]
    exposures: list[Exposure]

    @property
    def date(self) -> date:
        return self.meeting.date

    @property
    def name(self) -> str:
        return f"{self.meeting.date.isoformat()}.html"

    @property
    def path(self) -> str:
        return f"{self.forum_id}/{self.name}"

    @property
    def document(self) -> MeetingDocument:
        """What the page shows: the minutes once approved, else the agenda."""
        shown = self.minutes or self.agenda
        assert shown is not None
        return shown

    def pdf_name(self, kind: str) -> str:
        return f"{self.meeting.date.isoformat()}-{'referat' if kind == 'minutes' else 'dagsorden'}.pdf"

    def pdfs(self) -> list[tuple[MeetingDocument, str]]:
        """(document, file name beside the page) for the minutes and the agenda that are published (none for a
        cancelled meeting: its page is the notice)."""
        if self.meeting.cancelled:
            return []
        return [(doc, self.pdf_name(doc.kind)) for doc in (self.minutes, self.agenda) if doc is not None]


@dataclass(frozen=True)
class ForumSite:
    files: ForumFiles
    forum: Forum
    pages: list[MeetingPage]  # oldest first
    exposures: list[Exposure]  # forum-wide texts: name, members, agreements

    @property
    def id(self) -> str:
        return self.files.id

    @property
    def path(self) -> str:
        return f"{self.id}/index.html"

    def years(self) -> list[tuple[int, list[MeetingPage]]]:
        """The pages by year, newest year and newest meeting first."""
        years: dict[int, list[MeetingPage]] = {}
        for page in sorted(self.pages, key=lambda page: page.date, reverse=True):
            years.setdefault(page.date.year, []).append(page)
        return list(years.items())


@dataclass
class SitePlan:
    name: str  # the collection's name (driftsforum.yaml)
    publishing: Publishing
    forums: list[ForumSite]
    today: date
    exposures: list[Exposure] = field(default_factory=list)  # site-wide texts from driftsforum.yaml
    members: list[Members] = field(default_factory=list)  # every forum's members (published or not)
    notes: list[str] = field(default_factory=list)  # Danish: forums and files left out, and why
    unchecked: list[str] = field(default_factory=list)  # files that could not be read (not on the site)
    pdf_variant: str | None = None  # driftsforum.yaml's documents.pdf_variant (None: the default, PDF/UA-1)

    def pages(self) -> Iterator[MeetingPage]:
        for forum in self.forums:
            yield from forum.pages

    def all_exposures(self) -> list[Exposure]:
        """Every published text once, in a stable order."""
        seen: dict[tuple[str, Loc], Exposure] = {}
        groups: list[Sequence[Exposure]] = [self.exposures]
        for forum in self.forums:
            groups.append(forum.exposures)
            groups.extend(page.exposures for page in forum.pages)
        for group in groups:
            for exposure in group:
                seen.setdefault(exposure.key, exposure)
        return list(seen.values())


def attachment_href(name: str) -> str:
    return quote(f"{ATTACHMENTS_FOLDER}/{name}", safe="/")


def _meeting_list(files: ForumFiles) -> list[tuple[Loaded[Meeting], Meeting]]:
    pairs = [(loaded, loaded.model) for loaded in files.meetings if loaded.model is not None]
    return sorted(pairs, key=lambda pair: pair[1].date)


class _Collector:
    """Collects the texts a page shows, with their place in the files."""

    def __init__(self) -> None:
        self.exposures: list[Exposure] = []

    def add(self, loaded: Loaded[Any], loc: Loc, text: str | None, label: str) -> None:
        if text:
            self.exposures.append(Exposure(loaded, loc, text, label))


def _forum_exposures(files: ForumFiles, forum: Forum) -> list[Exposure]:
    """Texts every page of the forum may show: its name, whom it reports to, members and agreements."""
    found = _Collector()
    found.add(files.forum, ("id",), forum.id, "forummets id (mappens navn på hjemmesiden)")
    found.add(files.forum, ("name",), forum.name, "forummets navn")
    found.add(files.forum, ("short_name",), forum.short_name, "forummets korte navn")
    found.add(files.forum, ("reports_to",), forum.reports_to, "refererer til")
    for organisation, case_number in forum.case_numbers.items():
        found.add(files.forum, ("case_numbers", organisation), case_number, "forummets sagsnummer")
    for index, standard in enumerate(forum.documents.standard_items):
        found.add(files.forum, ("documents", "standard_items", index, "title"), standard.title, "fast punkt")
    found.add(files.forum, ("documents", "author"), forum.documents.author, "PDF-filernes forfatter")
    if files.members.model is not None:
        for index, seat in enumerate(files.members.model.seats):
            where = f"pladsen '{seat.id}'"
            found.add(files.members, ("seats", index, "organisation"), seat.organisation, f"{where}, organisation")
            if seat.person is not None:
                found.add(files.members, ("seats", index, "person", "name"), seat.person.name, f"{where}, navn")
                found.add(files.members, ("seats", index, "person", "title"), seat.person.title, f"{where}, stilling")
            for number, former in enumerate(seat.history):  # older meetings name whoever held the seat then
                loc = ("seats", index, "history", number)
                found.add(files.members, (*loc, "name"), former.name, f"{where}, tidligere navn")
                found.add(files.members, (*loc, "title"), former.title, f"{where}, tidligere stilling")
    if files.agreements.model is not None:
        for index, agreement in enumerate(files.agreements.model.agreements):
            where = f"samarbejdsaftale {agreement.id}"
            found.add(files.agreements, ("agreements", index, "id"), agreement.id, f"{where}, id")
            found.add(files.agreements, ("agreements", index, "title"), agreement.title, f"{where}, titel")
    indicators = files.indicators.model if files.indicators is not None else None
    if files.indicators is not None and indicators is not None:  # the data on the agenda items (issue 14)
        for index, indicator in enumerate(indicators.indicators):
            where, at = f"indikatoren {indicator.id}", ("indicators", index)
            found.add(files.indicators, (*at, "id"), indicator.id, f"{where}, id")
            found.add(files.indicators, (*at, "title"), indicator.title, f"{where}, titel")
            found.add(files.indicators, (*at, "unit"), indicator.unit, f"{where}, enhed")
            found.add(files.indicators, (*at, "definition"), indicator.definition, f"{where}, definition")
            found.add(files.indicators, (*at, "source", "name"), indicator.source.name, f"{where}, kilde")
            found.add(files.indicators, (*at, "source", "url"), indicator.source.url, f"{where}, adresse")
            found.add(files.indicators, (*at, "source", "caveats"), indicator.source.caveats, f"{where}, forbehold")
            for number, area in enumerate(indicator.areas):
                found.add(files.indicators, (*at, "areas", number), area, f"{where}, område")
    register = files.cases.model if files.cases is not None else None
    if files.cases is not None and register is not None:  # only public cases reach a page
        for index, case in enumerate(register.cases):
            if not case.public:
                continue
            where, at = f"{case.kind} {case.id}", ("cases", index)
            found.add(files.cases, (*at, "id"), case.id, f"{where}, id")
            found.add(files.cases, (*at, "title"), case.title, f"{where}, titel")
            found.add(files.cases, (*at, "theme"), case.theme, f"{where}, tema")
            found.add(files.cases, (*at, "findings"), case.findings, f"{where}, fund")
            for key, values in (("sectors", case.sectors), ("seams", case.seams)):
                for number, value in enumerate(values):
                    found.add(files.cases, (*at, key, number), value, where)
    return found.exposures


def _public_attachment_names(files: ForumFiles, meeting: Meeting) -> set[str]:
    wanted = {name.replace("\\", "/") for name in meeting.publication.public_attachments}
    return {name for name in wanted if name in files.attachments}


def _public_items(items: list[Item], agenda: list[AgendaItem], public: set[str], with_decisions: bool) -> list[Item]:
    """The items as the site shows them: closed items reduced to 'Lukket punkt', attachments only if public."""
    own = iter(agenda)
    shown: list[Item] = []
    for item in items:
        if item.standard is not None:
            shown.append(item)
            continue
        source = next(own, None)
        if item.closed:
            title = source.title if source is not None and source.public_title else ""
            shown.append(
                replace(
                    item,
                    title=title,
                    presenter=None,
                    duration_minutes=None,
                    starts=None,
                    summary=None,
                    background=None,
                    recommendation=None,
                    decision=None,
                    agreements=[],
                    attachments=[],
                    case_numbers=[],
                    indicators=[],
                    cases=[],
                )
            )
        else:
            normalised = [name.replace("\\", "/") for name in item.attachments]
            attachments = [name for name in normalised if name in public]
            shown.append(
                replace(
                    item,
                    attachments=attachments,
                    decision=item.decision if with_decisions else None,
                    cases=[case for case in item.cases if case.public],
                )
            )
    return shown


def public_document(doc: MeetingDocument, files: ForumFiles) -> MeetingDocument:
    """The document as the site (and its PDF) shows it; see the module's rules."""
    meeting = doc.meeting
    public = _public_attachment_names(files, meeting)
    minutes = doc.kind == "minutes"
    items = _public_items(doc.items, meeting.agenda, public, minutes)
    joint: JointPart | None = doc.joint
    if joint is not None and meeting.joint_meeting is not None:
        joint = replace(joint, items=_public_items(joint.items, meeting.joint_meeting.agenda, public, minutes))
    ad_hoc = [AdHocParticipant(name=AD_HOC_NAME, organisation=guest.organisation) for guest in doc.ad_hoc]
    return replace(doc, items=items, joint=joint, ad_hoc=ad_hoc, minutes=replace(doc.minutes, comments=[]))


def _item_exposures(
    found: _Collector,
    loaded: Loaded[Meeting],
    items: list[Item],
    agenda: list[AgendaItem],
    base: Loc,
    prefix: str,
    with_decisions: bool,
    public: set[str],
) -> None:
    own = [item for item in items if item.standard is None]
    for (index, source), item in zip(enumerate(agenda), own, strict=False):
        loc = (*base, index)
        where = f"{prefix} {item.number}"
        if source.closed:
            if source.public_title:
                found.add(loaded, (*loc, "title"), source.title, f"{where} (lukket), overskrift")
            continue
        found.add(loaded, (*loc, "title"), source.title, f"{where}, overskrift")
        for organisation, case_number in source.case_numbers.items():
            found.add(loaded, (*loc, "case_numbers", organisation), case_number, f"{where}, sagsnummer")
        found.add(loaded, (*loc, "summary"), source.summary, f"{where}, resumé")
        found.add(loaded, (*loc, "background"), source.background, f"{where}, sagsfremstilling")
        found.add(loaded, (*loc, "recommendation"), source.recommendation, f"{where}, indstilling")
        if with_decisions:
            found.add(loaded, (*loc, "decision"), source.decision, f"{where}, beslutning")
        for number, name in enumerate(source.attachments):
            if name.replace("\\", "/") in public:
                found.add(loaded, (*loc, "attachments", number), name, f"{where}, bilagets navn")


def _page_exposures(
    files: ForumFiles,
    loaded: Loaded[Meeting],
    meeting: Meeting,
    docs: list[MeetingDocument],
    actions: dict[str, tuple[Loaded[Meeting], Loc]],
    by_date: dict[date, Loaded[Meeting]],
) -> list[Exposure]:
    found = _Collector()
    public = _public_attachment_names(files, meeting)
    found.add(loaded, ("place",), meeting.place, "mødets sted")
    for organisation, number in meeting.case_numbers.items():
        found.add(loaded, ("case_numbers", organisation), number, "mødets sagsnummer")
    for index, correction in enumerate(meeting.corrections):
        if any(doc.kind == correction.document for doc in docs):
            found.add(loaded, ("corrections", index, "what"), correction.what, "rettelse")
            found.add(loaded, ("corrections", index, "by"), correction.by, "rettelse, rettet af")
    if meeting.joint_meeting is not None:
        found.add(loaded, ("joint_meeting", "partner"), meeting.joint_meeting.partner, "fællesmødet, med")
        found.add(loaded, ("joint_meeting", "place"), meeting.joint_meeting.place, "fællesmødet, sted")
    for doc in docs:
        minutes = doc.kind == "minutes"
        _item_exposures(found, loaded, doc.items, meeting.agenda, ("agenda",), "punkt", minutes, public)
        if doc.joint is not None and meeting.joint_meeting is not None:
            _item_exposures(
                found,
                loaded,
                doc.joint.items,
                meeting.joint_meeting.agenda,
                ("joint_meeting", "agenda"),
                "fællesmødets punkt",
                minutes,
                public,
            )
        for item in doc.items:
            for line in item.actions:  # actions carried forward from earlier meetings
                origin = actions.get(line.id)
                if origin is not None:
                    found.add(origin[0], (*origin[1], "what"), line.what, f"handlingen '{line.id}'")
            if item.next_meeting is not None and item.next_meeting.date in by_date:
                found.add(by_date[item.next_meeting.date], ("place",), item.next_meeting.place, "næste mødes sted")
        if minutes:
            attendance = meeting.attendance
            if attendance is not None:
                for index, guest in enumerate(attendance.ad_hoc):
                    found.add(
                        loaded,
                        ("attendance", "ad_hoc", index, "organisation"),
                        guest.organisation,
                        "ad hoc-deltager, organisation",
                    )
                for index, text in enumerate(attendance.citizen_perspective):
                    found.add(
                        loaded, ("attendance", "citizen_perspective", index), text, "borger- og pårørendeperspektiv"
                    )
            for index, action in enumerate(meeting.actions):
                found.add(loaded, ("actions", index, "what"), action.what, f"handlingen '{action.id}'")
            for item in doc.items:
                if item.standard is not None and item.note:
                    loc = ("minutes", "standard_items", item.standard)
                    found.add(loaded, loc, item.note, f"punkt {item.number} ({item.title}), referat")
    return found.exposures


def _forum_site(
    files: ForumFiles, forum: Forum, calendar: WorkCalendar, today: date, everything: bool, notes: list[str]
) -> ForumSite:
    meetings = _meeting_list(files)
    actions: dict[str, tuple[Loaded[Meeting], Loc]] = {}
    for loaded, meeting in meetings:
        for index, action in enumerate(meeting.actions):
            actions.setdefault(action.id, (loaded, ("actions", index)))
    by_date = {meeting.date: loaded for loaded, meeting in meetings}
    pages: list[MeetingPage] = []
    for loaded, meeting in meetings:
        if meeting.cancelled:
            page = _cancelled_page(files, loaded, meeting, calendar, today, everything, by_date)
            if page is not None:
                pages.append(page)
            continue
        state = build_document("minutes", files, meeting, calendar, today).minutes
        # (A revised version recorded in the files counts as approval whatever `today` is; not before its date.)
        approved = state.approved if state.status == "godkendt" and state.approved and state.approved <= today else None
        sent = meeting.agenda_sent if meeting.agenda_sent is not None and meeting.agenda_sent <= today else None
        if everything:
            approved, sent = approved or today, sent or today
        if approved is None and sent is None:
            continue
        minutes = build_document("minutes", files, meeting, calendar, approved) if approved else None
        if everything and minutes is not None and minutes.minutes.approved is None:
            minutes = replace(minutes, minutes=replace(minutes.minutes, approved=approved))  # a draft, as if approved
        agenda = build_document("agenda", files, meeting, calendar, sent) if sent else None
        docs = [doc for doc in (minutes, agenda) if doc is not None]
        shown = [public_document(doc, files) for doc in docs]
        linked = {name for doc in shown for item in _all_items(doc) for name in item.attachments}
        attachments = {
            name: PublicAttachment(
                name=name,
                source=files.folder / "meetings" / name,
                target=f"{files.id}/{ATTACHMENTS_FOLDER}/{name}",
                href=attachment_href(name),
            )
            for name in sorted(linked)
        }
        for name in meeting.publication.public_attachments:
            if name.replace("\\", "/") not in attachments:
                notes.append(
                    f"{loaded.display}: bilaget '{name}' under publication.public_attachments offentliggøres ikke, "
                    "fordi det ikke er bilag til et åbent punkt på mødet (eller ikke findes i meetings/)."
                )
        pages.append(
            MeetingPage(
                forum_id=files.id,
                loaded=loaded,
                meeting=meeting,
                minutes=shown[0] if minutes else None,
                agenda=shown[-1] if agenda else None,
                attachments=attachments,
                exposures=_page_exposures(files, loaded, meeting, docs, actions, by_date),
            )
        )
    return ForumSite(files, forum, pages, _forum_exposures(files, forum))


def _cancelled_page(
    files: ForumFiles,
    loaded: Loaded[Meeting],
    meeting: Meeting,
    calendar: WorkCalendar,
    today: date,
    everything: bool,
    by_date: dict[date, Loaded[Meeting]],
) -> MeetingPage | None:
    """The page of a cancelled meeting whose agenda was sent: the cancellation notice instead of the agenda."""
    if not everything and (meeting.agenda_sent is None or meeting.agenda_sent > today):
        return None
    notice = build_document("agenda", files, meeting, calendar, today)
    found = _Collector()
    found.add(loaded, ("place",), meeting.place, "mødets sted")
    found.add(loaded, ("cancelled_reason",), meeting.cancelled_reason, "årsag til aflysning")
    following = notice.cancellation.next_meeting if notice.cancellation else None
    if following is not None and following.date in by_date:
        found.add(by_date[following.date], ("place",), following.place, "næste mødes sted")
    return MeetingPage(files.id, loaded, meeting, None, notice, {}, found.exposures)


def _all_items(doc: MeetingDocument) -> list[Item]:
    return [*doc.items, *(doc.joint.items if doc.joint else [])]


def plan_site(
    repo: Repository,
    calendar: WorkCalendar,
    today: date,
    *,
    only: set[str] | None = None,
    everything: bool = False,
) -> SitePlan:
    """What the site holds on `today`: every forum of the repository, or those in `only`.

    `everything=True` is for the privacy check only: it treats every meeting that is not cancelled as if its
    agenda were sent and its minutes approved, so texts can be checked before they are published.
    """
    config = repo.config.model
    if config is None:
        raise PublishError("driftsforum.yaml kan ikke læses; kør 'driftsforum validate' og ret fejlene først")
    plan = SitePlan(config.name, config.publishing, [], today, pdf_variant=config.documents.pdf_variant)
    collect = _Collector()
    collect.add(repo.config, ("name",), config.name, "samlingens navn")
    collect.add(repo.config, ("publishing", "site_title"), config.publishing.site_title, "hjemmesidens titel")
    collect.add(repo.config, ("publishing", "organisation"), config.publishing.organisation, "ansvarlig myndighed")
    collect.add(repo.config, ("publishing", "contact_email"), config.publishing.contact_email, "kontakt-e-mail")
    collect.add(repo.config, ("publishing", "statement_url"), config.publishing.statement_url, "erklæringen i WAS-Tool")
    plan.exposures = collect.exposures
    plan.members = [files.members.model for files in repo.forums if files.members.model is not None]
    for files in repo.forums:
        if only is not None and files.id not in only:
            continue
        forum = files.forum.model
        broken = [loaded.display for loaded in (files.forum, files.members, files.agreements) if loaded.model is None]
        if forum is None or broken:
            plan.unchecked.extend(broken)
            plan.notes.append(
                f"Forummet '{files.id}' er udeladt, fordi {', '.join(broken)} ikke kan læses; kør 'driftsforum validate'."
            )
            continue
        if not forum.meetings.minutes_public:
            plan.notes.append(
                f"Forummet '{files.id}' offentliggør ikke referater (meetings.minutes_public: false) og er udeladt."
            )
            continue
        unreadable = [loaded.display for loaded in files.meetings if loaded.model is None]
        if unreadable:
            plan.unchecked.extend(unreadable)
            plan.notes.append(
                f"Udeladt, fordi filen ikke kan læses: {', '.join(unreadable)}; kør 'driftsforum validate'."
            )
        try:
            plan.forums.append(_forum_site(files, forum, calendar, today, everything, plan.notes))
        except DocumentError as exc:
            plan.notes.append(f"Forummet '{files.id}' er udeladt: {exc}.")
    return plan
