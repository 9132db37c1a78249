"""The canonical text of a meeting document: what it says, independent of how it is laid out.

The document log (services/fingerprints.py) fingerprints this text, not the rendered Markdown: a new
version of driftsforum's templates, or the repository's own template for the agenda, changes how every
document looks but not what any of them says, and must not make every sent and approved document look
changed. Only the document's content is here – its texts, people, times, decisions – one line per fact,
with a `## ` heading per item so that a change can be located. Pure: a document in, text out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, time

from driftsforum_cli.domain.documents import ActionLine, Item, MeetingDocument, Person


def canonical_text(doc: MeetingDocument) -> str:
    return "\n".join(_lines(doc)) + "\n"


def _value(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Person):
        return f"{value.name} | {value.title or '-'} | {value.organisation}"
    return " ".join(str(value).split())  # line breaks and runs of spaces are layout, not content


def _field(name: str, value: object) -> str:
    return f"{name}: {_value(value)}"


def _many(name: str, values: Iterable[object]) -> Iterator[str]:
    for value in values:
        yield _field(name, value)


def _lines(doc: MeetingDocument) -> Iterator[str]:
    meeting = doc.meeting
    yield _field("dokument", doc.kind)
    yield _field("forum", doc.forum.name)
    yield _field("dato", meeting.date)
    yield _field("tid", f"{_value(meeting.start)}-{_value(meeting.end)}")
    yield _field("sted", meeting.place)
    yield _field("nummer", doc.number_in_year)
    if doc.joint is not None:
        yield _field("fællesmøde", f"{doc.joint.partner} | {_value(doc.joint.start)}-{_value(doc.joint.end)}")
        yield _field("fællesmøde-sted", doc.joint.place)
    if doc.kind == "agenda":
        yield from _many("deltager", doc.members)
    else:
        yield from _many("til-stede", doc.present)
        yield from _many("afbud", doc.absent)
        yield from _many("stedfortræder", (line.label for line in doc.substitutes))
        yield from _many(
            "kom-eller-gik",
            (f"{_value(line.person)} | {_value(line.arrived)} | {_value(line.left)}" for line in doc.part_time),
        )
        yield from _many("ad-hoc", (f"{g.name} | {g.organisation or '-'} | {g.reason or '-'}" for g in doc.ad_hoc))
        yield from _many("borgerperspektiv", doc.citizen_perspective)
        yield _field("referent", doc.minute_taker)
        yield _field("referattype", meeting.minutes.type)
    for correction in meeting.corrections:
        if correction.document == doc.kind:
            yield _field("rettelse", f"{_value(correction.date)} | {correction.by} | {_value(correction.what)}")
    for item in doc.items:
        yield from _item(item, doc.kind, "")
    if doc.joint is not None:
        for item in doc.joint.items:
            yield from _item(item, doc.kind, "Fællesmøde ")
    if doc.kind == "minutes":
        if doc.actions_decided:
            yield "## Aftalte handlinger"
            yield from _actions(doc.actions_decided)
        if doc.minutes.comments:
            yield "## Bemærkninger"
            for person, comment in doc.minutes.comments:
                yield _field("bemærkning", f"{_value(person or comment.by)} | {_value(comment.received)}")
                yield _field("tekst", comment.text)
                yield _field("behandling", comment.response)


def _item(item: Item, kind: str, prefix: str) -> Iterator[str]:
    yield f"## {prefix}{item.number}. {item.title}"
    yield _field("type", item.kind)
    if item.closed:
        yield "lukket: ja"
    yield _field("oplæg", item.presenter)
    yield _field("minutter", item.duration_minutes)
    for name, text in (
        ("resumé", item.summary),
        ("sagsfremstilling", item.background),
        ("indstilling", item.recommendation),
    ):
        if text:
            yield _field(name, text)
    yield from _many("aftale", (f"{agreement.id} | {agreement.title}" for agreement in item.agreements))
    yield from _many("bilag", item.attachments)
    if item.previous_meeting is not None:
        yield _field("forrige-møde", item.previous_meeting)
    yield from _actions(item.actions)
    if item.next_meeting is not None:
        following = item.next_meeting
        yield _field("næste-møde", f"{_value(following.date)} | {_value(following.start)} | {following.place}")
    yield from _many("til-klyngestyregruppen", (agreement.id for agreement in item.to_steering_group))
    yield from _many("flyttet-fra", (f"{agreement.id} | {_value(day)}" for agreement, day in item.moved_from))
    if kind == "minutes":
        if item.standard is None:
            yield _field("beslutning", item.decision)
        if item.note:
            yield _field("referat", item.note)
        yield from _many("deltog-ikke", item.not_taking_part)
        yield from _many("uden-deltagelse-af", item.decided_without)


def _actions(actions: list[ActionLine]) -> Iterator[str]:
    for action in actions:
        yield _field("handling", f"{action.id} | {_value(action.what)} | {_value(action.owner)} | {_value(action.due)}")
