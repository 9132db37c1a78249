"""Journal (case) numbers: each under a configured organisation, in its format, and on every document that
went out, as its organisations require (see domain/journal_numbers.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from driftsforum_cli.danish import long_date
from driftsforum_cli.domain.journal_numbers import LABEL, document_date, format_problem, missing_numbers
from driftsforum_cli.domain.rules.registry import ERROR, WARNING, Findings, ForumContext, RuleList, suggestion
from driftsforum_cli.loader import Loaded, Loc

RULES = RuleList()


def _numbers(forum: ForumContext) -> Iterator[tuple[Loaded[Any], Loc, str, str]]:
    """(file, where, organisation id, number) of every case number in the forum's files."""
    places: list[tuple[Loaded[Any], Loc, Mapping[str, str]]] = [
        (forum.files.forum, ("case_numbers",), forum.charter.case_numbers)
    ]
    for loaded, meeting in forum.meetings:
        places.append((loaded, ("case_numbers",), meeting.case_numbers))
        for index, item in enumerate(meeting.agenda):
            places.append((loaded, ("agenda", index, "case_numbers"), item.case_numbers))
        if meeting.joint_meeting is not None:
            for index, item in enumerate(meeting.joint_meeting.agenda):
                places.append((loaded, ("joint_meeting", "agenda", index, "case_numbers"), item.case_numbers))
    for loaded, base, numbers in places:
        for organisation, number in numbers.items():
            yield loaded, (*base, organisation), organisation, number


@RULES.rule(
    "case-number-organisation",
    ERROR,
    "hvert sagsnummer (`case_numbers`) står under en organisation, som `journal.organisations` i `forum.yaml` nævner",
)
def case_number_organisation(forum: ForumContext, out: Findings) -> None:
    journal = forum.charter.journal
    known = [organisation.id for organisation in journal.organisations] if journal is not None else []
    for loaded, loc, organisation, _ in _numbers(forum):
        if organisation in known:
            continue
        if not known:
            out.error(
                loaded,
                loc,
                f"sagsnummeret står under '{organisation}', men forum.yaml har ingen 'journal.organisations'; "
                "tilføj organisationen dér (id, name og gerne format)",
                key=True,
            )
        else:
            out.error(
                loaded,
                loc,
                f"'{organisation}' er ikke en organisation under 'journal.organisations' i forum.yaml"
                f"{suggestion(organisation, known)}; kendte: {', '.join(known)}",
                key=True,
            )


@RULES.rule(
    "case-number-format",
    ERROR,
    "et sagsnummer har sin organisations format, hvor et er sat (`format`: regional, kle, year-serial, "
    "eller `pattern`)",
)
def case_number_format(forum: ForumContext, out: Findings) -> None:
    journal = forum.charter.journal
    if journal is None:
        return
    organisations = {organisation.id: organisation for organisation in journal.organisations}
    for loaded, loc, organisation, number in _numbers(forum):
        if organisation in organisations and (problem := format_problem(organisations[organisation], number)):
            out.error(loaded, loc, problem)


@RULES.rule(
    "case-number-missing",
    WARNING,
    "et udsendt eller godkendt dokument har sagsnummeret fra hver organisation, der kræver det "
    "(`required`, `required_from`, `per_item`)",
)
def case_number_missing(forum: ForumContext, out: Findings) -> None:
    charter = forum.charter
    for loaded, meeting in forum.meetings:
        sent = document_date(meeting)
        if sent is None:
            continue
        at: Loc = ("agenda_sent",) if meeting.agenda_sent == sent else ("minutes", "sent")
        what = "dagsordenen" if meeting.agenda_sent == sent else "referatet"
        for missing in missing_numbers(charter, meeting):
            name, key = missing.organisation.name, missing.organisation.id
            if missing.item is None:
                out.warning(
                    loaded,
                    at,
                    f"{what} er udsendt {long_date(sent)} uden {LABEL} fra {name}, som journaliserer forummets "
                    f"dokumenter; skriv det under 'case_numbers: {{{key}: …}}' i mødefilen eller i forum.yaml",
                )
            else:
                item = meeting.agenda[missing.item]
                out.warning(
                    loaded,
                    ("agenda", missing.item, "title"),
                    f"punktet '{item.title}' har intet {LABEL} fra {name}, som kræver et på hvert punkt; skriv det "
                    f"under punktets 'case_numbers: {{{key}: …}}'",
                )
