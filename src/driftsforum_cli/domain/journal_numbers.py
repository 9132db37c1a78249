"""Journal (case) numbers: the forum's, a meeting's and an agenda item's case in each organisation's case
system (the region and each municipality, as forum.yaml's `journal` configures them).

A meeting's number for an organisation goes before the forum's (an organisation that opens a case per
meeting); an agenda item carries its own. The formats the organisations use:
- regional: Region Midtjylland's agenda system, "1-01-72-30-17" (a digit, then groups of digits);
- kle: a municipal number built on KL's emneplan (KLE), "29.09.00-A00-1-26" (subject, handling facet,
  serial, two-digit year);
- year-serial: a year and a serial number, "2026-012345".

Pure: no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.models import Forum, Meeting
from driftsforum_cli.models.forum import CaseNumberFormat, JournalOrganisation
from driftsforum_cli.models.meeting import AgendaItem

#: Each named format: the pattern the whole number must match, and an example for the messages.
FORMATS: dict[CaseNumberFormat, tuple[re.Pattern[str], str]] = {
    "regional": (re.compile(r"\d{1,2}-\d{2}-\d{2}-\d{1,5}-\d{2}"), "1-01-72-30-17"),
    "kle": (re.compile(r"\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}"), "29.09.00-A00-1-26"),
    "year-serial": (re.compile(r"(?:19|20)\d{2}-\d{4,6}"), "2026-012345"),
}

#: What the documents print before the numbers.
LABEL = "Sagsnr."


@dataclass(frozen=True)
class CaseNumber:
    """One organisation's case number for a forum, a meeting or an item."""

    organisation: str  # the organisation's id
    name: str  # the organisation's name ('Region Nordjylland')
    number: str

    @property
    def label(self) -> str:
        """'Region Nordjylland: 1-01-72-30-17'."""
        return f"{self.name}: {self.number}"


def format_problem(organisation: JournalOrganisation, number: str) -> str | None:
    """Why `number` is not in the organisation's format (Danish), or None when it is (or none is configured)."""
    if organisation.pattern is not None:
        if re.fullmatch(organisation.pattern, number) is None:
            return (
                f"sagsnummeret '{number}' passer ikke på {_genitive(organisation.name)} mønster '{organisation.pattern}'; "
                "ret nummeret, som det står i sagssystemet"
            )
        return None
    if organisation.format is None:
        return None
    pattern, example = FORMATS[organisation.format]
    if pattern.fullmatch(number) is None:
        return (
            f"sagsnummeret '{number}' har ikke {_genitive(organisation.name)} format ({organisation.format}, fx {example}); "
            "ret nummeret, som det står i sagssystemet"
        )
    return None


def _genitive(name: str) -> str:
    """'Region Nordjyllands', 'Hjørring Kommunes'; after s, x or z an apostrophe ('Aarhus'' for Aarhus)."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def _organisations(forum: Forum) -> list[JournalOrganisation]:
    return list(forum.journal.organisations) if forum.journal is not None else []


def _resolve(forum: Forum, *layers: Mapping[str, str]) -> list[CaseNumber]:
    """The configured organisations' numbers in their configured order; a later layer wins over an earlier one.
    Numbers for an organisation that is not configured are left out (validate reports them)."""
    found: list[CaseNumber] = []
    for organisation in _organisations(forum):
        number = None
        for layer in layers:
            number = layer.get(organisation.id, number)
        if number:
            found.append(CaseNumber(organisation.id, organisation.name, number))
    return found


def meeting_case_numbers(forum: Forum, meeting: Meeting) -> list[CaseNumber]:
    """The case numbers of the meeting's documents: the meeting's own, else the forum's, per organisation."""
    return _resolve(forum, forum.case_numbers, meeting.case_numbers)


def item_case_numbers(forum: Forum, item: AgendaItem) -> list[CaseNumber]:
    """An agenda item's own case numbers."""
    return _resolve(forum, item.case_numbers)


def metadata_keywords(forum: Forum, meeting: Meeting) -> list[str]:
    """The document's case numbers as keywords for the PDF's metadata: 'Sagsnr. Region Nordjylland:
    1-01-72-30-17', then each item's ('Sagsnr. punkt »…« Hjørring Kommune: …'). No commas: a PDF joins its
    keywords with commas."""
    words = [f"{LABEL} {number.label}" for number in meeting_case_numbers(forum, meeting)]
    for item in meeting.agenda:
        if item.closed:
            continue
        for number in item_case_numbers(forum, item):
            words.append(f"{LABEL} {number.label} ({item.title.replace(',', '')})")
    return words


@dataclass(frozen=True)
class MissingNumber:
    """A number an organisation requires that a sent or approved document lacks."""

    organisation: JournalOrganisation
    item: int | None  # the index in meeting.agenda (None: the meeting's own number)


def document_date(meeting: Meeting) -> date | None:
    """The first day one of the meeting's documents went out (the agenda, else the minutes), or None."""
    days = [day for day in (meeting.agenda_sent, meeting.minutes.sent) if day is not None]
    return min(days) if days else None


def missing_numbers(forum: Forum, meeting: Meeting) -> list[MissingNumber]:
    """The numbers its organisations require that a meeting whose documents went out lacks: the meeting's (or
    the forum's) number of every required organisation, and with `per_item` each own item's number. An
    organisation with `required_from` requires it only of documents sent from that day."""
    sent = document_date(meeting)
    if sent is None or meeting.cancelled:
        return []
    have = {number.organisation for number in meeting_case_numbers(forum, meeting)}
    missing: list[MissingNumber] = []
    for organisation in _organisations(forum):
        if not organisation.required or (organisation.required_from is not None and sent < organisation.required_from):
            continue
        if organisation.id not in have:
            missing.append(MissingNumber(organisation, None))
        if organisation.per_item:
            missing.extend(
                MissingNumber(organisation, index)
                for index, item in enumerate(meeting.agenda)
                if not item.case_numbers.get(organisation.id)
            )
    return missing


def unnumbered(files: ForumFiles) -> ForumFiles:
    """The forum without any case number (the forum's, the meetings', the items'). A case number is the case
    system's registration of a document, not its content: journalising happens after sending, so adding a
    number afterwards must not make a sent or approved document count as changed (services/fingerprints.py)."""
    from dataclasses import replace

    def clear(meeting: Meeting) -> Meeting:
        agenda = [item.model_copy(update={"case_numbers": {}}) for item in meeting.agenda]
        update: dict[str, object] = {"case_numbers": {}, "agenda": agenda}
        if meeting.joint_meeting is not None:
            joint_agenda = [item.model_copy(update={"case_numbers": {}}) for item in meeting.joint_meeting.agenda]
            update["joint_meeting"] = meeting.joint_meeting.model_copy(update={"agenda": joint_agenda})
        return meeting.model_copy(update=update)

    forum = files.forum
    if forum.model is not None:
        forum = replace(forum, model=forum.model.model_copy(update={"case_numbers": {}}))
    meetings = [replace(loaded, model=clear(loaded.model)) if loaded.model else loaded for loaded in files.meetings]
    return replace(files, forum=forum, meetings=meetings)
