"""Ad hoc sub-working groups (underarbejdsgrupper): forums/<id>/groups.yaml (optional)."""

from __future__ import annotations

from pydantic import Field

from driftsforum_cli.models.common import IsoDate, Model, Slug, Text


class WorkingGroup(Model):
    id: Slug = Field(title="Id")
    name: Text = Field(title="Navn")
    mandate: Text = Field(title="Kommissorium/mandat")
    members: list[Text] = Field(min_length=1, title="Medlemmer", description="Id på pladser i members.yaml.")
    others: list[Text] = Field(
        default_factory=list,
        title="Andre deltagere",
        description="Deltagere uden plads i forummet (funktion, ikke borgere).",
    )
    started: IsoDate = Field(title="Nedsat den")
    report_back: IsoDate | None = Field(default=None, title="Melder tilbage på mødet", description="Mødets dato.")
    ends: IsoDate = Field(title="Slutter senest")
    reported: IsoDate | None = Field(default=None, title="Har meldt tilbage den")
    outcome: str | None = Field(default=None, title="Resultat")


class WorkingGroups(Model):
    groups: list[WorkingGroup] = Field(default_factory=list, title="Ad hoc-underarbejdsgrupper")
