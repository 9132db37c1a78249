"""Agreements in need of revision: the charter's task is to make the Klyngestyregruppe aware of them, so an agreement
marked 'til revision' or 'ikke længere relevant' is expected in some meeting's `agreements_reported` (the note is
drafted with `driftsforum agreement dossier ID --revision-proposal`)."""

from __future__ import annotations

from driftsforum_cli.domain.rules.registry import WARNING, Findings, ForumContext, RuleList

RULES = RuleList()


@RULES.rule(
    "agreement-not-reported",
    WARNING,
    "en aftale 'til revision' eller 'ikke længere relevant' er meldt til Klyngestyregruppen (`agreements_reported`)",
)
def agreement_not_reported(forum: ForumContext, out: Findings) -> None:
    agreements = forum.agreements
    if not forum.every_meeting_read:
        return  # the one that reported it may be the file that could not be read
    reported = {ref for _, meeting in forum.meetings for ref in meeting.agreements_reported}
    for index, agreement in enumerate(agreements.agreements):
        if agreement.status != "aktiv" and agreement.id not in reported:
            out.warning(
                forum.files.agreements,
                ("agreements", index, "status"),
                f"samarbejdsaftalen '{agreement.id}' er '{agreement.status}', men intet møde har meldt den til "
                f"{forum.charter.reports_to}; lav meddelelsen med 'driftsforum agreement dossier {agreement.id} "
                "--revision-proposal', og skriv aftalens id under 'agreements_reported' på mødet, der sendte den",
            )
