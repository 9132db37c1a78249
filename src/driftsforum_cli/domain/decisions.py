"""The decision register: every decision recorded in the minutes (the items' 'decision', the joint meeting's
too) and every action with its fate, across forums and years – and finding them again by Danish text search
(domain/search.py), forum, collaboration agreement and period. Pure: the forums come in, the records go out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from driftsforum_cli.domain.actions import track_actions
from driftsforum_cli.domain.repository import ForumFiles
from driftsforum_cli.domain.search import Field, QueryWord, parse_query, score
from driftsforum_cli.domain.search import field as text_field
from driftsforum_cli.models import Meeting
from driftsforum_cli.models.meeting import AgendaItem

RecordKind = Literal["beslutning", "handling"]
Fate = Literal["åben", "overskredet", "lukket"]

#: How much a hit counts in each part of a record.
TITLE_WEIGHT, DECISION_WEIGHT, CASE_WEIGHT, CONTEXT_WEIGHT = 3.0, 3.0, 1.5, 1.0


@dataclass(frozen=True)
class Record:
    """One decision or one action, with where it was made."""

    forum: str
    forum_name: str
    meeting: date
    kind: RecordKind
    #: The item's title, or the action's text.
    title: str
    #: The decision, or the action's text.
    text: str
    agreements: tuple[str, ...] = ()
    #: The partner, when the decision was made at the joint meeting.
    joint_with: str | None = None
    #: A closed item (lukket punkt): never on the site, shown here for the secretariat.
    closed_item: bool = False
    escalation: str | None = None
    action_id: str | None = None
    owner: str | None = None
    due: date | None = None
    fate: Fate | None = None
    closed_on: date | None = None
    fields: tuple[Field, ...] = field(default=(), repr=False, compare=False)

    def as_json(self) -> dict[str, object]:
        return {
            "forum": self.forum,
            "forum_name": self.forum_name,
            "meeting": self.meeting.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "agreements": list(self.agreements),
            "joint_with": self.joint_with,
            "closed_item": self.closed_item,
            "escalation": self.escalation,
            "action_id": self.action_id,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "fate": self.fate,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
        }


@dataclass(frozen=True)
class Hit:
    record: Record
    score: float


@dataclass(frozen=True)
class DecisionQuery:
    text: str | None = None
    forum: str | None = None
    agreement: str | None = None
    start: date | None = None
    end: date | None = None


def _escalation(item: AgendaItem) -> str | None:
    escalation = item.escalation
    if escalation is None:
        return None
    parts = [f"{escalation.kind} til {escalation.to}"]
    if escalation.sent:
        parts.append(f"sendt {escalation.sent.isoformat()}")
    if escalation.answer:
        parts.append(f"svar: {escalation.answer}")
    return "; ".join(parts)


def _item_record(
    forum: ForumFiles, name: str, meeting: Meeting, item: AgendaItem, titles: dict[str, str], joint: str | None
) -> Record:
    escalation = _escalation(item)
    fields = (
        text_field([item.title], TITLE_WEIGHT),
        text_field([item.decision], DECISION_WEIGHT),
        text_field([item.summary, item.recommendation, item.background, escalation], CASE_WEIGHT),
        text_field(
            [*item.agreements, *(titles.get(ref, "") for ref in item.agreements), meeting.place, joint, name],
            CONTEXT_WEIGHT,
        ),
    )
    return Record(
        forum.id,
        name,
        meeting.date,
        "beslutning",
        item.title,
        item.decision or "",
        tuple(item.agreements),
        joint,
        item.closed,
        escalation,
        fields=fields,
    )


def collect(forums: Iterable[ForumFiles], today: date) -> list[Record]:
    """Every decision and action of the forums (cancelled meetings have none), in no particular order."""
    from driftsforum_cli.domain.seats import name_on

    records: list[Record] = []
    for forum in forums:
        charter = forum.forum.model
        name = charter.name if charter is not None else forum.id
        titles = {a.id: a.title for a in forum.agreements.model.agreements} if forum.agreements.model else {}
        seats = {seat.id: seat for seat in forum.members.model.seats} if forum.members.model else {}
        meetings = [loaded.model for loaded in forum.meetings if loaded.model is not None]
        for meeting in meetings:
            if meeting.cancelled:
                continue
            for item in meeting.agenda:
                if item.decision:
                    records.append(_item_record(forum, name, meeting, item, titles, None))
            if meeting.joint_meeting is not None:
                for item in meeting.joint_meeting.agenda:
                    if item.decision:
                        records.append(_item_record(forum, name, meeting, item, titles, meeting.joint_meeting.partner))
        for tracked in track_actions(meetings):
            action = tracked.action
            seat = seats.get(action.owner)
            owner = name_on(seat, tracked.closed or today) if seat is not None else action.owner
            fate: Fate = "lukket" if tracked.closed else ("overskredet" if tracked.overdue(today) else "åben")
            records.append(
                Record(
                    forum.id,
                    name,
                    tracked.created,
                    "handling",
                    action.what,
                    action.what,
                    action_id=action.id,
                    owner=owner,
                    due=action.due,
                    fate=fate,
                    closed_on=tracked.closed,
                    fields=(text_field([action.what], DECISION_WEIGHT), text_field([owner, name], CONTEXT_WEIGHT)),
                )
            )
    return records


def find(records: Sequence[Record], query: DecisionQuery) -> list[Hit]:
    """The records the query selects: best hits first with a text, else newest first."""
    words: list[QueryWord] = parse_query(query.text) if query.text else []
    hits: list[Hit] = []
    for record in records:
        if query.forum is not None and record.forum != query.forum:
            continue
        if query.agreement is not None and query.agreement not in record.agreements:
            continue
        if (query.start is not None and record.meeting < query.start) or (
            query.end is not None and record.meeting > query.end
        ):
            continue
        points = score(words, record.fields) if words else 0.0
        if words and not points:
            continue
        hits.append(Hit(record, points))
    hits.sort(key=lambda hit: (-hit.score, -hit.record.meeting.toordinal(), hit.record.forum, hit.record.kind))
    return hits
