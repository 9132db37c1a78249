"""The repository config: driftsforum.yaml at the root of a forum repository."""

from __future__ import annotations

from pydantic import Field, model_validator

from driftsforum_cli.models.common import ClockTime, IsoDate, Model, MonthDay, Text


class Closure(Model):
    """En ekstra lukkedag ud over weekender og helligdage."""

    name: Text = Field(title="Navn", description="Fx 'Juleaftensdag'.")
    every_year: MonthDay | None = Field(default=None, title="Hvert år (MM-DD)")
    date: IsoDate | None = Field(default=None, title="Enkelt dato")
    closed_from: ClockTime | None = Field(
        default=None,
        title="Lukket fra kl.",
        description="Udelad for hele dagen. Fx 12:00: et møde kan holdes, hvis det slutter senest kl. 12.",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Closure:
        if (self.every_year is None) == (self.date is None):
            raise ValueError("angiv enten 'every_year' (MM-DD) eller 'date' (ÅÅÅÅ-MM-DD)")
        return self


class RepoConfig(Model):
    name: Text = Field(title="Navn", description="Navnet på samlingen af driftsfora.")
    forums_dir: Text = Field(default="forums", title="Mappe med fora")
    closures: list[Closure] = Field(default_factory=list, title="Ekstra lukkedage")
