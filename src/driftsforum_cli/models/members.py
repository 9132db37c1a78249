"""Seats and the people in them: forums/<id>/members.yaml.

A seat keeps its id for good; the people who hold it have dates. `person` is whoever holds the seat now
(with `from` when they took it over); `history` lists the earlier holders, each with the last day they
held it (`to`). On any day the seat is held by the one whose period covers it, or it is vacant.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pydantic import Field, ValidationInfo, field_validator, model_validator

from driftsforum_cli.danish import long_date
from driftsforum_cli.models.common import Email, Flag, IsoDate, Level, Model, Role, Sector, Slug, Text


def not_before(value: date | None, start: date | None, key: str, start_key: str) -> date | None:
    """`value` (the last day), unless it lies before `start` (the first)."""
    if value is not None and start is not None and value < start:
        raise ValueError(f"'{key}' ({value.isoformat()}) ligger før '{start_key}' ({start.isoformat()})")
    return value


class Person(Model):
    name: Text = Field(title="Navn")
    title: str | None = Field(default=None, title="Stilling")
    email: Email | None = Field(default=None, title="E-mail")
    phone: str | None = Field(default=None, title="Telefon")
    example: Flag = Field(
        default=False, title="Eksempel", description="Sand for en opdigtet eksempelperson, ikke en rigtig."
    )
    from_: IsoDate | None = Field(
        default=None,
        alias="from",
        title="Fra",
        description="Den første dag, personen har pladsen. Udelad, hvis personen har haft den fra starten.",
    )
    to: IsoDate | None = Field(
        default=None, title="Til og med", description="Den sidste dag, personen har pladsen. Udelad, hvis ikke fastsat."
    )

    @field_validator("to")
    @classmethod
    def _to_after_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        return not_before(value, info.data.get("from_"), "to", "from")

    def holds_on(self, day: date) -> bool:
        """True if `day` lies within the person's period on the seat."""
        if self.from_ is not None and day < self.from_:
            return False
        return not (self.to is not None and day > self.to)


class FormerPerson(Person):
    """En tidligere indehaver af pladsen: hvem, og til og med hvilken dag."""

    to: IsoDate = Field(title="Til og med", description="Den sidste dag, personen havde pladsen, fx 2026-10-31.")


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
    person: Person | None = Field(
        default=None,
        title="Person",
        description="Den, der har pladsen nu (med 'from', når personen har overtaget den). Udelad for en ledig plads.",
    )
    history: list[FormerPerson] = Field(
        default_factory=list,
        title="Tidligere personer",
        description="Dem, der havde pladsen før, hver med 'to' (sidste dag) og gerne 'from'. "
        "Ældre møders dokumenter nævner den, der havde pladsen på mødedagen.",
    )
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
        return not_before(value, info.data.get("valid_from"), "valid_to", "valid_from")

    @model_validator(mode="after")
    def _periods_apart(self) -> Seat:
        """No two holders on the same day: each period ends before the next one starts."""
        periods = sorted(self.holders, key=lambda person: person.from_ or date.min)
        for before, after in pairwise(periods):
            if before.to is None or after.from_ is None or after.from_ <= before.to:
                if before.to is None or after.from_ is None:
                    raise ValueError(
                        f"{before.name} og {after.name} har begge pladsen uden datoer, der adskiller dem; "
                        f"giv den tidligere 'to' (sidste dag) og den næste 'from' (første dag)"
                    )
                raise ValueError(
                    f"{before.name} har pladsen til og med {long_date(before.to)}, men {after.name} "
                    f"har den allerede fra {long_date(after.from_)}; perioderne må ikke overlappe"
                )
        return self

    @property
    def holders(self) -> list[Person]:
        """Everyone who has held or holds the seat: the history, then the current person."""
        return [*self.history, *([self.person] if self.person is not None else [])]

    def is_current(self, on: date) -> bool:
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_to is not None and on > self.valid_to)


class Members(Model):
    seats: list[Seat] = Field(default_factory=list, title="Pladser")
