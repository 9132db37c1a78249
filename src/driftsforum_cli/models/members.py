"""Seats and the people in them: forums/<id>/members.yaml."""

from __future__ import annotations

from datetime import date

from pydantic import Field, ValidationInfo, field_validator

from driftsforum_cli.models.common import Email, Flag, IsoDate, Level, Model, Role, Sector, Slug, Text


class Person(Model):
    name: Text = Field(title="Navn")
    title: str | None = Field(default=None, title="Stilling")
    email: Email | None = Field(default=None, title="E-mail")
    phone: str | None = Field(default=None, title="Telefon")
    example: Flag = Field(
        default=False, title="Eksempel", description="Sand for en opdigtet eksempelperson, ikke en rigtig."
    )


def _member_role() -> list[Role]:
    return ["medlem"]


class Seat(Model):
    """En plads i driftsforummet. Uden 'person' er pladsen ledig."""

    id: Slug = Field(title="Id", description="Fast id for pladsen, bruges i møder og handlinger.")
    organisation: Text = Field(title="Organisation", description="Fx 'Hjørring Kommune'.")
    sector: Sector = Field(title="Sektor")
    municipality: str | None = Field(default=None, title="Kommune", description="Kræves for sektor kommune.")
    level: Level | None = Field(default=None, title="Niveau")
    areas: list[Text] = Field(default_factory=list, title="Fagområder")
    roles: list[Role] = Field(default_factory=_member_role, min_length=1, title="Roller")
    person: Person | None = Field(default=None, title="Person", description="Udelad for en ledig plads.")
    valid_from: IsoDate | None = Field(default=None, title="Gyldig fra")
    valid_to: IsoDate | None = Field(default=None, title="Gyldig til")
    note: str | None = Field(default=None, title="Note")

    @field_validator("municipality")
    @classmethod
    def _municipality_for_kommune(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("sector") == "kommune" and not value:
            raise ValueError("en kommunal plads skal have 'municipality', fx Hjørring")
        return value

    @field_validator("valid_to")
    @classmethod
    def _after_valid_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("valid_from")
        if value is not None and start is not None and value < start:
            raise ValueError(f"'valid_to' ({value.isoformat()}) ligger før 'valid_from' ({start.isoformat()})")
        return value

    def is_current(self, on: date) -> bool:
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_to is not None and on > self.valid_to)

    @property
    def display_name(self) -> str:
        if self.person is None:
            return f"Ledig plads ({self.organisation})"
        return self.person.name


class Members(Model):
    seats: list[Seat] = Field(default_factory=list, title="Pladser")
