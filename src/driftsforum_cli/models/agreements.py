"""Collaboration agreements (samarbejdsaftaler) the forum follows up: forums/<id>/agreements.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from driftsforum_cli.models.common import CycleSlot, Flag, IsoDate, Model, Text

AgreementStatus = Literal["aktiv", "til revision", "ikke længere relevant"]


class AnnualCycleSlot(CycleSlot):
    """Hvor aftalen ligger i årshjulet: et ordinært mødenummer eller en måned."""


class Agreement(Model):
    id: Text = Field(title="Id", description="Fx 'SA-01'.")
    title: Text = Field(title="Titel")
    status: AgreementStatus = Field(default="aktiv", title="Status")
    annual_cycle: AnnualCycleSlot | None = Field(default=None, title="Årshjul")
    last_reviewed: IsoDate | None = Field(default=None, title="Senest fulgt op")
    url: str | None = Field(default=None, title="Link til aftalen")
    notes: str | None = Field(default=None, title="Noter")
    example: Flag = Field(default=False, title="Eksempel")


class Agreements(Model):
    agreements: list[Agreement] = Field(default_factory=list, title="Samarbejdsaftaler")
