"""The cooperation agreements: every active one has its place in the annual cycle."""

from __future__ import annotations

from driftsforum_cli.domain.rules.registry import ERROR, Findings, ForumContext, RuleList

RULES = RuleList()


@RULES.rule(
    "agreement-not-planned",
    ERROR,
    "hver aktiv samarbejdsaftale har en plads i årshjulet, og mødenummeret findes",
)
def agreement_not_planned(forum: ForumContext, out: Findings) -> None:
    per_year = forum.charter.meetings.per_year
    for index, agreement in enumerate(forum.agreements.agreements):
        slot = agreement.annual_cycle
        if agreement.status == "aktiv" and slot is None:
            out.error(
                forum.files.agreements,
                ("agreements", index),
                f"den aktive samarbejdsaftale '{agreement.id}' ({agreement.title}) har ingen plads i årshjulet; "
                "tilføj 'annual_cycle' med 'meeting' (mødenummer) eller 'month'",
            )
        elif slot is not None and slot.meeting is not None and slot.meeting > per_year:
            out.error(
                forum.files.agreements,
                ("agreements", index, "annual_cycle", "meeting"),
                f"møde nr. {slot.meeting} findes ikke; forummet holder {per_year} ordinære møder om året",
            )
